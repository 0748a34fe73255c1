"""The OCPP 2.0.1 device model: GetVariables, SetVariables, GetBaseReport and GetReport (B06-B08).

Requests and answers are the snake_case dicts the ocpp library hands to and takes from a
handler.  Values come from four places (:class:`controller.ocpp201.variables.Source`); the
variables a 1.6 key also holds read and write that key through :class:`Configuration`, so the
two protocols share one stored value, one validation and one change notification.

Change notification: :meth:`DeviceModel.subscribe` listeners get one :class:`VariableChange`
per accepted change, whichever protocol made it (a shared key's change arrives through
``Configuration.subscribe``, a 2.0.1-only variable's straight from :meth:`set_variables`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from controller.ocpp.configuration import ChangeResult, Configuration
from controller.ocpp.storage import Storage
from controller.ocpp201.facts import StationFacts
from controller.ocpp201.values import Refusal, check
from controller.ocpp201.variable_store import VariableStore
from controller.ocpp201.variables import (
    REPORTING_VALUE_SIZE,
    Address,
    Attribute,
    Fact,
    Mutability,
    Scope,
    Source,
    Variable,
    address,
    catalogue,
)

log = logging.getLogger(__name__)

BASE_REPORTS = ("ConfigurationInventory", "FullInventory", "SummaryInventory")
CRITERIA = ("Active", "Available", "Enabled", "Problem")


class TooManyItems(Exception):  # noqa: N818 (named after what the CSMS did)
    """More GetVariableData/SetVariableData than DeviceDataCtrlr.ItemsPerMessage[action]: the
    handler answers the whole request with a CALLERROR OccurrenceConstraintViolation."""

    def __init__(self, action: str, count: int, limit: int) -> None:
        super().__init__(f"{action}: {count} items, at most {limit}")
        self.action, self.count, self.limit = action, count, limit


@dataclass(frozen=True, slots=True)
class VariableChange:
    """An accepted change of one variable (``value`` of BasicAuthPassword is the secret: never log it)."""

    where: Address
    value: str


Listener = Callable[[VariableChange], None]


class DeviceModel:
    """This station's components and variables with their values (one per charge point)."""

    def __init__(self, storage: Storage, config: Configuration, facts: StationFacts,
                 initial: Mapping[str, str] | None = None) -> None:
        """``initial``: values for 2.0.1-only variables by label (``"TariffCostCtrlr.Currency"``),
        stored only where nothing is stored yet, like the 1.6 ``Configuration``'s."""
        self._config = config
        self._facts = facts
        self._store = VariableStore(storage)
        self._listeners: list[Listener] = []
        self._instances: list[tuple[Variable, Address]] = []
        for variable in catalogue(config.key):
            evses: Iterable[int | None] = facts.evse_ids() if variable.scope is not Scope.STATION else (None,)
            self._instances.extend((variable, address(variable, evse)) for evse in evses)
        self._index = {where.key(): (variable, where) for variable, where in self._instances}
        self._components = {where.component_key() for _, where in self._instances}
        self._shared = {variable.shared_key: variable for variable, _ in self._instances if variable.shared_key}
        config.subscribe(self._on_shared_change)
        self._seed(initial or {})

    # --- the rest of the 2.0.1 code reads values here --------------------------------------

    def subscribe(self, listener: Listener) -> None:
        """``listener(change)`` after every accepted change (2.0.1 or 1.6)."""
        self._listeners.append(listener)

    def value(self, component: str, variable: str, *, instance: str | None = None, evse_id: int | None = None,
              component_instance: str | None = None) -> str:
        """The Actual value (KeyError for a variable the catalogue does not have)."""
        found = self._index[_lookup(component, variable, instance, evse_id, component_instance)]
        return self._read(*found, Attribute.ACTUAL)

    def number(self, component: str, variable: str, **where: Any) -> float:
        """An integer or decimal variable's value (an ``int`` for integers)."""
        text = self.value(component, variable, **where)
        return int(text) if text.lstrip("+-").isdigit() else float(text)

    def flag(self, component: str, variable: str, **where: Any) -> bool:
        return self.value(component, variable, **where) == "true"

    def items(self, component: str, variable: str, **where: Any) -> tuple[str, ...]:
        """A list variable's members, in order."""
        return tuple(item for item in self.value(component, variable, **where).split(",") if item)

    def variables(self) -> list[tuple[Variable, Address]]:
        """Every variable of every component instance, in catalogue order."""
        return list(self._instances)

    # --- GetVariables / SetVariables --------------------------------------------------------

    def get_variables(self, data: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """GetVariableResult for each GetVariableData (raises :class:`TooManyItems`)."""
        self._check_items("GetVariables", len(data))
        return [self._get_one(item) for item in data]

    def set_variables(self, data: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """SetVariableResult for each SetVariableData, applied in order (raises :class:`TooManyItems`)."""
        self._check_items("SetVariables", len(data))
        return [self._set_one(item) for item in data]

    def _get_one(self, item: dict[str, Any]) -> dict[str, Any]:
        attribute_type = item.get("attribute_type") or Attribute.ACTUAL.value
        result: dict[str, Any] = {"component": item["component"], "variable": item["variable"],
                                  "attribute_type": attribute_type}
        found = self._resolve(item["component"], item["variable"])
        if isinstance(found, str):
            return result | {"attribute_status": found}
        variable, where = found
        attribute = _attribute(attribute_type)
        if attribute not in variable.attributes:
            return result | {"attribute_status": "NotSupportedAttributeType"}
        if variable.mutability is Mutability.WRITE_ONLY:
            return result | {"attribute_status": "Rejected",
                             "attribute_status_info": {"reason_code": "WriteOnly"}}
        value = self._read(variable, where, attribute)[:REPORTING_VALUE_SIZE]
        return result | {"attribute_status": "Accepted", "attribute_value": value}

    def _set_one(self, item: dict[str, Any]) -> dict[str, Any]:
        attribute_type = item.get("attribute_type") or Attribute.ACTUAL.value
        result: dict[str, Any] = {"component": item["component"], "variable": item["variable"],
                                  "attribute_type": attribute_type}
        found = self._resolve(item["component"], item["variable"])
        if isinstance(found, str):
            return result | {"attribute_status": found}
        variable, where = found
        if _attribute(attribute_type) not in variable.attributes:
            return result | {"attribute_status": "NotSupportedAttributeType"}
        if variable.mutability is Mutability.READ_ONLY:
            return result | _rejected(Refusal("ReadOnly", f"{variable.label} is read-only"))
        checked = check(variable, str(item["attribute_value"]))
        if isinstance(checked, Refusal):
            return result | _rejected(checked)
        if variable.shared_key is not None:  # the 1.6 key's listeners (and ours, through it) hear of it
            outcome = self._config.change(variable.shared_key, checked)
            if outcome is ChangeResult.REJECTED:
                return result | _rejected(Refusal("InvalidValue", "refused by the station's rule for this setting"))
            status = "RebootRequired" if outcome is ChangeResult.REBOOT_REQUIRED else "Accepted"
            return result | {"attribute_status": status}
        self._store.put(where, checked)
        log.info("device model %s set%s", variable.label,
                 "" if variable.mutability is Mutability.WRITE_ONLY else f" to {checked!r}")
        self._notify(VariableChange(where, checked))
        return result | {"attribute_status": "RebootRequired" if variable.reboot_required else "Accepted"}

    def _check_items(self, action: str, count: int) -> None:
        limit = int(self.value("DeviceDataCtrlr", "ItemsPerMessage", instance=action))
        if count > limit:
            raise TooManyItems(action, count, limit)

    # --- GetBaseReport / GetReport ------------------------------------------------------------

    def base_report(self, report_base: str) -> list[dict[str, Any]] | None:
        """ReportData of GetBaseReport; None for a base this station does not support."""
        if report_base == "FullInventory":
            chosen = self._instances
        elif report_base == "ConfigurationInventory":
            chosen = [(v, w) for v, w in self._instances if v.mutability is not Mutability.READ_ONLY]
        elif report_base == "SummaryInventory":
            chosen = [(v, w) for v, w in self._instances if v.name == "AvailabilityState"
                      or (v.name == "Problem" and self._read(v, w, Attribute.ACTUAL) == "true")]
        else:
            return None
        return [self._report_data(variable, where) for variable, where in chosen]

    def report(self, component_variables: list[dict[str, Any]] | None,
               component_criteria: list[str] | None) -> list[dict[str, Any]]:
        """ReportData of GetReport (empty: answer EmptyResultSet).

        A component meets the criteria when one of the named variables (Active, Available,
        Enabled, Problem) is true on it, or when it lacks that variable (except Problem), as
        EVerest libocpp does.  A componentVariable without evse names every EVSE's instance
        (B08.FR.23), one without variable every variable of the component, one whose variable
        has no instance every instance of that variable.
        """
        chosen = self._instances
        if component_criteria:
            matching = {w.component_key() for v, w in self._instances if self._meets(w, component_criteria)}
            chosen = [(v, w) for v, w in chosen if w.component_key() in matching]
        if component_variables:
            chosen = [(v, w) for v, w in chosen if any(_selects(cv, w) for cv in component_variables)]
        return [self._report_data(variable, where) for variable, where in chosen]

    def _meets(self, component: Address, criteria: list[str]) -> bool:
        for criterion in criteria:
            found = self._index.get(Address(component.component, criterion, component.component_instance, None,
                                            component.evse_id, component.connector_id).key())
            if found is None:
                if criterion != "Problem":
                    return True
            elif self._read(*found, Attribute.ACTUAL) == "true":
                return True
        return False

    def _report_data(self, variable: Variable, where: Address) -> dict[str, Any]:
        attributes = []
        for attribute in variable.attributes:
            entry: dict[str, Any] = {"type": attribute.value, "mutability": variable.mutability.value,
                                     "persistent": variable.persistent, "constant": variable.constant}
            if variable.mutability is not Mutability.WRITE_ONLY:  # ERR 2.10
                entry["value"] = self._read(variable, where, attribute)[:REPORTING_VALUE_SIZE]
            attributes.append(entry)
        return {"component": _component(where), "variable": _variable(where), "variable_attribute": attributes,
                "variable_characteristics": self._characteristics(variable, where)}

    def _characteristics(self, variable: Variable, where: Address) -> dict[str, Any]:
        characteristics: dict[str, Any] = {"data_type": variable.data_type.value, "supports_monitoring": False}
        if variable.unit:
            characteristics["unit"] = variable.unit
        if variable.min_limit is not None:
            characteristics["min_limit"] = _json_number(variable.min_limit)
        high = self._max_limit(variable, where)
        if high is not None:
            characteristics["max_limit"] = _json_number(high)
        if variable.values_list:
            characteristics["values_list"] = ",".join(variable.values_list)
        return characteristics

    def _max_limit(self, variable: Variable, where: Address) -> float | None:
        if variable.fact is Fact.POWER and where.evse_id is not None:
            return self._facts.rated_power_w(where.evse_id)
        if variable.max_limit_key is not None:
            return self._config.number(variable.max_limit_key)
        return variable.max_limit

    # --- values -----------------------------------------------------------------------------

    def _read(self, variable: Variable, where: Address, attribute: Attribute) -> str:
        source = variable.source
        if source is Source.SHARED:
            return self._config.raw(variable.shared_key or "")
        if source is Source.STORED:
            stored = self._store.get(where, attribute)
            return variable.default if stored is None else stored
        if source is Source.CONSTANT:
            return variable.default
        return self._fact(variable.fact, where.evse_id, attribute)

    def _fact(self, fact: Fact | None, evse_id: int | None, attribute: Attribute) -> str:
        facts = self._facts
        if fact is Fact.AVAILABILITY_STATE:
            return facts.availability_state(evse_id)
        if fact is Fact.PROBLEM:
            return "true" if facts.problem(evse_id) else "false"
        if fact is Fact.NOW:
            return facts.now().astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        if fact is Fact.POWER:
            watts = facts.rated_power_w(evse_id or 0) if attribute is Attribute.MAX_SET else facts.power_w(evse_id or 0)
            return f"{watts:.1f}"
        if fact is Fact.CONNECTOR_TYPE:
            return facts.connector_type(evse_id or 0)
        readers: dict[Fact, Callable[[], object]] = {
            Fact.IDENTITY: facts.identity, Fact.VENDOR_NAME: facts.vendor_name, Fact.MODEL: facts.model,
            Fact.CERTIFICATES: facts.certificates, Fact.CHARGING_PROFILES: facts.charging_profiles,
            Fact.DISPLAY_MESSAGES: facts.display_messages, Fact.LOCAL_LIST_ENTRIES: facts.local_list_entries,
        }
        if fact is None or fact not in readers:
            raise ValueError(f"no reader for {fact}")
        return str(readers[fact]())

    def _resolve(self, component: dict[str, Any], variable: dict[str, Any]) -> tuple[Variable, Address] | str:
        evse = component.get("evse") or {}
        wanted = Address(component["name"], variable["name"], component.get("instance"), variable.get("instance"),
                         evse.get("id"), evse.get("connector_id"))
        if wanted.component_key() not in self._components:
            return "UnknownComponent"
        return self._index.get(wanted.key(), "UnknownVariable")

    def _on_shared_change(self, key: str, value: str) -> None:
        variable = self._shared.get(key)
        if variable is not None:
            self._notify(VariableChange(address(variable), value))

    def _notify(self, change: VariableChange) -> None:
        for listener in list(self._listeners):
            listener(change)

    def _seed(self, initial: Mapping[str, str]) -> None:
        labels = {variable.label: (variable, where) for variable, where in self._instances}
        for label, value in initial.items():
            variable, where = labels[label]
            if variable.source is not Source.STORED:
                raise ValueError(f"{label} is not a 2.0.1-only setting")
            checked = check(variable, value)
            if isinstance(checked, Refusal):
                raise ValueError(f"{label}: {checked.info}")
            if self._store.get(where) is None:
                self._store.put(where, checked)


def _lookup(component: str, variable: str, instance: str | None, evse_id: int | None,
            component_instance: str | None) -> tuple[str, str, int, int, str, str]:
    connector = 1 if component.casefold() == "connector" else None
    return Address(component, variable, component_instance, instance, evse_id, connector).key()


def _attribute(text: str) -> Attribute | None:
    return next((attribute for attribute in Attribute if attribute.value == text), None)


def _rejected(refusal: Refusal) -> dict[str, Any]:
    return {"attribute_status": "Rejected",
            "attribute_status_info": {"reason_code": refusal.reason[:20], "additional_info": refusal.info[:512]}}


def _component(where: Address) -> dict[str, Any]:
    component: dict[str, Any] = {"name": where.component}
    if where.component_instance:
        component["instance"] = where.component_instance
    if where.evse_id is not None:
        component["evse"] = {"id": where.evse_id}
        if where.connector_id is not None:
            component["evse"]["connector_id"] = where.connector_id
    return component


def _variable(where: Address) -> dict[str, Any]:
    variable = {"name": where.variable}
    if where.variable_instance:
        variable["instance"] = where.variable_instance
    return variable


def _selects(component_variable: dict[str, Any], where: Address) -> bool:
    component = component_variable["component"]
    if component["name"].casefold() != where.component.casefold():
        return False
    if (component.get("instance") or "").casefold() != (where.component_instance or "").casefold():
        return False
    evse = component.get("evse")
    if evse is not None and (evse.get("id"), evse.get("connector_id")) != (where.evse_id, where.connector_id):
        return False
    variable = component_variable.get("variable")
    if variable is None:
        return True
    if variable["name"].casefold() != where.variable.casefold():
        return False
    instance = variable.get("instance")
    return instance is None or instance.casefold() == (where.variable_instance or "").casefold()


def _json_number(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number
