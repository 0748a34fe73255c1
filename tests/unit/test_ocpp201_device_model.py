"""The OCPP 2.0.1 device model: Get/SetVariables statuses, validation, persistence, the settings
shared with 1.6, reports and their paging, every payload checked against the official schema."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ocpp.charge_point import remove_nones, serialize_as_dict, snake_to_camel_case
from ocpp.messages import Call, get_validator
from ocpp.v201 import call

from controller.ocpp.configuration import ChangeResult, Configuration, standard_keys
from controller.ocpp.storage import Storage
from controller.ocpp201.device_model import DeviceModel, TooManyItems, VariableChange
from controller.ocpp201.facts import CONNECTOR_TYPES
from controller.ocpp201.report_pages import PageTooSmall, frame_size, pages
from controller.ocpp201.variables import DataType, Mutability, Source

PASSWORD = "s3cret-Password-0123"


@dataclass
class Facts:
    """The station's side, as the lead's adapter will supply it from the snapshot."""

    states: dict[int | None, str] = field(default_factory=lambda: {None: "Available", 1: "Occupied", 2: "Available"})
    problems: dict[int | None, bool] = field(default_factory=dict)
    types: dict[int, str] = field(default_factory=lambda: {1: CONNECTOR_TYPES["CHAdeMO"], 2: CONNECTOR_TYPES["GB/T"]})

    def evse_ids(self) -> tuple[int, ...]:
        return (1, 2)

    def availability_state(self, evse_id: int | None) -> str:
        return self.states[evse_id]

    def connector_type(self, evse_id: int) -> str:
        return self.types[evse_id]

    def power_w(self, evse_id: int) -> float:
        return 41234.5 if evse_id == 1 else 0.0

    def rated_power_w(self, evse_id: int) -> float:
        return 60000.0

    def problem(self, evse_id: int | None) -> bool:
        return self.problems.get(evse_id, False)

    def now(self) -> datetime:
        return datetime(2026, 3, 1, 12, 30, 5, tzinfo=UTC)

    def identity(self) -> str:
        return "CP-0001"

    def vendor_name(self) -> str:
        return "Vendor"

    def model(self) -> str:
        return "DC120"

    def certificates(self) -> int:
        return 2

    def charging_profiles(self) -> int:
        return 3

    def display_messages(self) -> int:
        return 1

    def local_list_entries(self) -> int:
        return 7


@dataclass
class Station:
    storage: Storage
    config: Configuration
    model: DeviceModel
    facts: Facts


def open_station(path: Any = ":memory:", facts: Facts | None = None, initial: dict[str, str] | None = None) -> Station:
    storage = Storage(path)
    config = Configuration(storage, standard_keys(2))
    facts = facts or Facts()
    return Station(storage, config, DeviceModel(storage, config, facts, initial), facts)


@pytest.fixture
def station() -> Station:
    return open_station()


def ref(component: str, variable: str, *, evse: int | None = None, connector: int | None = None,
        instance: str | None = None, component_instance: str | None = None) -> dict[str, Any]:
    comp: dict[str, Any] = {"name": component}
    if component_instance:
        comp["instance"] = component_instance
    if evse is not None:
        comp["evse"] = {"id": evse} | ({"connector_id": connector} if connector is not None else {})
    var: dict[str, Any] = {"name": variable} | ({"instance": instance} if instance else {})
    return {"component": comp, "variable": var}


def get(model: DeviceModel, *items: dict[str, Any]) -> list[dict[str, Any]]:
    results = model.get_variables(list(items))
    valid("GetVariables", 3, {"get_variable_result": results})
    return results


def put(model: DeviceModel, *items: tuple[dict[str, Any], str]) -> list[dict[str, Any]]:
    data = [item | {"attribute_value": value} for item, value in items]
    valid("SetVariables", 2, {"set_variable_data": data})
    results = model.set_variables(data)
    valid("SetVariables", 3, {"set_variable_result": results})
    return results


def valid(action: str, kind: int, payload: dict[str, Any]) -> None:
    """Validate a snake_case payload as the library sends it against the official 2.0.1 schema."""
    get_validator(kind, action, "2.0.1").validate(remove_nones(snake_to_camel_case(payload)))


def notify_report_frames(report_data: list[dict[str, Any]], limit_items: int, limit_bytes: int) -> list[str]:
    """The NotifyReport CALL frames as the library would send them, each checked by the schema."""
    split = pages(report_data, limit_items, limit_bytes)
    frames = []
    for seq_no, page in enumerate(split):
        request = call.NotifyReport(request_id=2**31 - 1, generated_at="2026-03-01T12:30:05.123456+00:00",
                                    seq_no=seq_no, report_data=page, tbc=seq_no < len(split) - 1)
        payload = remove_nones(snake_to_camel_case(serialize_as_dict(request)))
        get_validator(2, "NotifyReport", "2.0.1").validate(payload)
        frames.append(Call(unique_id=str(uuid.uuid4()), action="NotifyReport", payload=payload).to_json())
    return frames


# --- GetVariables ----------------------------------------------------------------------------


def test_get_variables_answers_every_status(station: Station) -> None:
    results = get(station.model,
                  ref("OCPPCommCtrlr", "HeartbeatInterval"),
                  ref("NoSuchCtrlr", "HeartbeatInterval"),
                  ref("OCPPCommCtrlr", "NoSuchVariable"),
                  ref("OCPPCommCtrlr", "HeartbeatInterval") | {"attribute_type": "Target"},
                  ref("SecurityCtrlr", "BasicAuthPassword"),
                  ref("EVSE", "Power", evse=3))
    assert [r["attribute_status"] for r in results] == [
        "Accepted", "UnknownComponent", "UnknownVariable", "NotSupportedAttributeType", "Rejected",
        "UnknownComponent"]
    assert results[0]["attribute_value"] == "900"
    assert all("attribute_value" not in r for r in results[1:])
    assert results[4]["attribute_status_info"]["reason_code"] == "WriteOnly"


def test_names_are_case_insensitive_and_evse_components_need_their_evse(station: Station) -> None:
    results = get(station.model, ref("ocppcommctrlr", "heartbeatinterval"),
                  ref("EVSE", "Power"), ref("Connector", "ConnectorType", evse=2, connector=1),
                  ref("EVSE", "Power", evse=1) | {"attribute_type": "MaxSet"},
                  ref("DeviceDataCtrlr", "ItemsPerMessage", instance="getvariables"))
    assert [r["attribute_status"] for r in results] == ["Accepted", "UnknownComponent", "Accepted", "Accepted",
                                                         "Accepted"]
    assert [r.get("attribute_value") for r in results] == ["900", None, "cGBT", "60000.0", "50"]


def test_station_facts_are_read_when_asked(station: Station) -> None:
    model = station.model
    assert model.value("ChargingStation", "AvailabilityState") == "Available"
    assert model.value("EVSE", "AvailabilityState", evse_id=1) == "Occupied"
    assert model.value("EVSE", "Power", evse_id=1) == "41234.5"
    assert model.value("Connector", "ConnectorType", evse_id=1) == "cG105"
    assert model.value("ClockCtrlr", "DateTime") == "2026-03-01T12:30:05Z"
    assert model.value("SmartChargingCtrlr", "Entries", instance="ChargingProfiles") == "3"
    station.facts.states[1] = "Faulted"
    assert model.value("Connector", "AvailabilityState", evse_id=1) == "Faulted"
    assert model.value("ChargingStation", "SupplyPhases") == "0", "DC"


def test_too_many_items_is_refused_as_a_whole(station: Station) -> None:
    limit = int(station.model.value("DeviceDataCtrlr", "ItemsPerMessage", instance="GetVariables"))
    station.model.get_variables([ref("OCPPCommCtrlr", "HeartbeatInterval")] * limit)
    with pytest.raises(TooManyItems) as raised:
        station.model.get_variables([ref("OCPPCommCtrlr", "HeartbeatInterval")] * (limit + 1))
    assert (raised.value.action, raised.value.count) == ("GetVariables", limit + 1)
    with pytest.raises(TooManyItems):
        station.model.set_variables([ref("TxCtrlr", "TxStopPoint") | {"attribute_value": "EVConnected"}]
                                    * (limit + 1))
    assert station.model.value("TxCtrlr", "TxStopPoint") == "EVConnected,Authorized", "nothing of it applied"


# --- SetVariables ----------------------------------------------------------------------------


def test_set_variables_answers_every_status(station: Station) -> None:
    results = put(station.model,
                  (ref("TxCtrlr", "TxStopPoint"), "Authorized, EVConnected"),
                  (ref("EVSE", "Power", evse=1), "1000"),
                  (ref("NoSuchCtrlr", "X"), "1"),
                  (ref("TxCtrlr", "NoSuchVariable"), "1"),
                  (ref("TxCtrlr", "TxStopPoint") | {"attribute_type": "MaxSet"}, "EVConnected"),
                  (ref("OCPPCommCtrlr", "WebSocketPingInterval"), "45"),
                  (ref("OCPPCommCtrlr", "HeartbeatInterval"), "-5"))
    assert [r["attribute_status"] for r in results] == [
        "Accepted", "Rejected", "UnknownComponent", "UnknownVariable", "NotSupportedAttributeType",
        "RebootRequired", "Rejected"]
    assert results[1]["attribute_status_info"]["reason_code"] == "ReadOnly"
    assert results[6]["attribute_status_info"]["reason_code"] == "ValueTooLow"
    assert station.model.items("TxCtrlr", "TxStopPoint") == ("Authorized", "EVConnected")
    assert station.model.number("OCPPCommCtrlr", "WebSocketPingInterval") == 45


@pytest.mark.parametrize(("item", "value", "reason"), [
    (ref("OCPPCommCtrlr", "HeartbeatInterval"), "ten", "InvalidValue"),
    (ref("OCPPCommCtrlr", "HeartbeatInterval"), "86401", "ValueTooHigh"),
    (ref("OCPPCommCtrlr", "MessageAttempts", instance="TransactionEvent"), "0", "ValueTooLow"),
    (ref("OCPPCommCtrlr", "OfflineThreshold"), "1.5", "InvalidValue"),
    (ref("SmartChargingCtrlr", "LimitChangeSignificance"), "100.5", "ValueTooHigh"),
    (ref("SmartChargingCtrlr", "LimitChangeSignificance"), "nan", "InvalidValue"),
    (ref("AuthCtrlr", "LocalPreAuthorize"), "yes", "InvalidValue"),
    (ref("DisplayMessageCtrlr", "Language"), "xx-XX", "InvalidValue"),
    (ref("TxCtrlr", "TxStartPoint"), "EVConnected,DataSigned", "InvalidValue"),
    (ref("TxCtrlr", "TxStartPoint"), "EVConnected", "InvalidValue"),  # the station starts where it locks
    (ref("TxCtrlr", "TxStopPoint"), "EVConnected,EVConnected", "InvalidValue"),
    (ref("SampledDataCtrlr", "TxUpdatedMeasurands"), "Frequency", "InvalidValue"),
    (ref("ClockCtrlr", "TimeSource"), "GPS", "InvalidValue"),
    (ref("TariffCostCtrlr", "Currency"), "EURO", "TooLargeElement"),
    (ref("TariffCostCtrlr", "TariffFallbackMessage"), "x" * 256, "TooLargeElement"),
    (ref("ClockCtrlr", "NextTimeOffsetTransitionDateTime"), "tomorrow", "InvalidValue"),
    (ref("ClockCtrlr", "NextTimeOffsetTransitionDateTime"), "2026-03-01T12:00:00", "InvalidValue"),
    (ref("SecurityCtrlr", "BasicAuthPassword"), "short", "ValueTooLow"),
    (ref("SecurityCtrlr", "BasicAuthPassword"), "x" * 41, "TooLargeElement"),
    (ref("SecurityCtrlr", "SecurityProfile"), "2", "ReadOnly"),
])
def test_a_value_that_does_not_fit_is_rejected_and_changes_nothing(item: dict[str, Any], value: str,
                                                                   reason: str) -> None:
    station = open_station()
    before = station.model.get_variables([item])[0].get("attribute_value")
    (result,) = put(station.model, (item, value))
    assert result["attribute_status"] == "Rejected"
    assert result["attribute_status_info"]["reason_code"] == reason
    assert station.model.get_variables([item])[0].get("attribute_value") == before


def test_a_value_the_1_6_rule_refuses_is_rejected_too(station: Station) -> None:
    (result,) = put(station.model, (ref("SecurityCtrlr", "BasicAuthPassword"), "sixteen chars ok"))  # a space
    assert result["attribute_status"] == "Rejected"
    assert station.config.raw("AuthorizationKey") == ""


def test_accepted_values_are_normalised(station: Station) -> None:
    put(station.model, (ref("AuthCtrlr", "LocalPreAuthorize"), "TRUE"),
        (ref("ClockCtrlr", "NextTimeOffsetTransitionDateTime"), "2026-11-01T02:00:00Z"),
        (ref("SmartChargingCtrlr", "LimitChangeSignificance"), "12.5"))
    assert station.model.flag("AuthCtrlr", "LocalPreAuthorize") is True
    assert station.config.raw("NextTimeOffsetTransitionDateTime") == "2026-11-01T02:00:00Z"
    assert station.model.number("SmartChargingCtrlr", "LimitChangeSignificance") == 12.5


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=-10**6, max_value=10**6))
def test_an_integer_round_trips_exactly_when_within_its_limits(number: int) -> None:
    station = open_station()
    (result,) = put(station.model, (ref("OCPPCommCtrlr", "OfflineThreshold"), str(number)))
    inside = 0 <= number <= 86400
    assert result["attribute_status"] == ("Accepted" if inside else "Rejected")
    assert station.model.number("OCPPCommCtrlr", "OfflineThreshold") == (number if inside else 60)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(("EVConnected", "Authorized", "PowerPathClosed", "EnergyTransfer")),
                unique=True))
def test_a_member_list_round_trips_in_order(members: list[str]) -> None:
    station = open_station()
    (result,) = put(station.model, (ref("TxCtrlr", "TxStopPoint"), ",".join(members)))
    assert result["attribute_status"] == "Accepted"
    assert station.model.items("TxCtrlr", "TxStopPoint") == tuple(members)


# --- persistence --------------------------------------------------------------------------------


def test_2_0_1_only_values_survive_reopening_the_file(tmp_path: Any) -> None:
    path = tmp_path / "ocpp.sqlite"
    first = open_station(path, initial={"TariffCostCtrlr.Currency": "EUR"})
    put(first.model, (ref("TxCtrlr", "TxStopPoint"), "Authorized"),
        (ref("TariffCostCtrlr", "TariffFallbackMessage"), "0,35 €/kWh"),
        (ref("OCPPCommCtrlr", "HeartbeatInterval"), "300"))
    first.storage.close()
    again = open_station(path, initial={"TariffCostCtrlr.Currency": "CAD"})
    assert again.model.value("TxCtrlr", "TxStopPoint") == "Authorized"
    assert again.model.value("TariffCostCtrlr", "TariffFallbackMessage") == "0,35 €/kWh"
    assert again.model.value("TariffCostCtrlr", "Currency") == "EUR", "initial only where nothing is stored"
    assert again.model.value("OCPPCommCtrlr", "HeartbeatInterval") == "300"
    assert again.storage.get("schema_version") == 2


def test_initial_values_are_checked_and_only_for_2_0_1_only_settings() -> None:
    with pytest.raises(ValueError, match="Currency"):
        open_station(initial={"TariffCostCtrlr.Currency": "EURO"})
    with pytest.raises(ValueError, match=r"not a 2\.0\.1-only"):
        open_station(initial={"OCPPCommCtrlr.HeartbeatInterval": "60"})


# --- one setting, not two -----------------------------------------------------------------------


def test_a_setting_changed_over_1_6_is_what_2_0_1_reports_and_is_told_once(station: Station) -> None:
    heard: list[VariableChange] = []
    heard_16: list[tuple[str, str]] = []
    station.model.subscribe(heard.append)
    station.config.subscribe(lambda name, value: heard_16.append((name, value)))
    assert station.config.change("ConnectionTimeOut", "90") is ChangeResult.ACCEPTED
    (result,) = get(station.model, ref("TxCtrlr", "EVConnectionTimeOut"))
    assert result["attribute_value"] == "90"
    assert [(c.where.component, c.where.variable, c.value) for c in heard] == [("TxCtrlr", "EVConnectionTimeOut",
                                                                               "90")]
    assert heard_16 == [("ConnectionTimeOut", "90")]


def test_a_setting_changed_over_2_0_1_is_what_1_6_reports_and_is_told_once(station: Station) -> None:
    heard: list[VariableChange] = []
    heard_16: list[tuple[str, str]] = []
    station.model.subscribe(heard.append)
    station.config.subscribe(lambda name, value: heard_16.append((name, value)))
    put(station.model, (ref("OCPPCommCtrlr", "MessageAttemptInterval", instance="TransactionEvent"), "15"),
        (ref("SampledDataCtrlr", "TxUpdatedMeasurands"), "Energy.Active.Import.Register,SoC"))
    known, _ = station.config.get_configuration(["TransactionMessageRetryInterval", "MeterValuesSampledData"])
    assert [k["value"] for k in known] == ["15", "Energy.Active.Import.Register,SoC"]
    assert heard_16 == [("TransactionMessageRetryInterval", "15"),
                        ("MeterValuesSampledData", "Energy.Active.Import.Register,SoC")]
    assert [(c.where.variable, c.where.variable_instance, c.value) for c in heard] == [
        ("MessageAttemptInterval", "TransactionEvent", "15"),
        ("TxUpdatedMeasurands", None, "Energy.Active.Import.Register,SoC")]


def test_a_2_0_1_only_setting_tells_the_device_model_listeners_only(station: Station) -> None:
    heard: list[VariableChange] = []
    heard_16: list[tuple[str, str]] = []
    station.model.subscribe(heard.append)
    station.config.subscribe(lambda name, value: heard_16.append((name, value)))
    put(station.model, (ref("TxCtrlr", "TxStopPoint"), "EVConnected"))
    assert [(c.where.variable, c.value) for c in heard] == [("TxStopPoint", "EVConnected")]
    assert heard_16 == []


def test_a_rejected_set_tells_no_one(station: Station) -> None:
    heard: list[VariableChange] = []
    station.model.subscribe(heard.append)
    put(station.model, (ref("TxCtrlr", "TxStopPoint"), "Nope"), (ref("OCPPCommCtrlr", "HeartbeatInterval"), "-1"))
    assert heard == []


def test_the_basic_auth_password_is_the_authorization_key_and_never_read_back(station: Station) -> None:
    heard: list[VariableChange] = []
    station.model.subscribe(heard.append)
    (result,) = put(station.model, (ref("SecurityCtrlr", "BasicAuthPassword"), PASSWORD))
    assert result["attribute_status"] == "Accepted"
    assert station.config.raw("AuthorizationKey") == PASSWORD
    assert [c.value for c in heard] == [PASSWORD], "the client needs it to reconnect"
    (got,) = get(station.model, ref("SecurityCtrlr", "BasicAuthPassword"))
    assert got["attribute_status"] == "Rejected" and "attribute_value" not in got
    for base in ("FullInventory", "ConfigurationInventory"):
        data = station.model.base_report(base)
        assert data is not None
        entry = next(d for d in data if d["variable"]["name"] == "BasicAuthPassword")
        assert entry["variable_attribute"] == [{"type": "Actual", "mutability": "WriteOnly", "persistent": True,
                                                "constant": False}]
        assert PASSWORD not in json.dumps(data)
    assert PASSWORD not in json.dumps(station.model.report(None, None))


def test_shared_variables_are_as_writable_as_their_1_6_key(station: Station) -> None:
    for variable, _ in station.model.variables():
        if variable.source is not Source.SHARED:
            continue
        key = station.config.key(variable.shared_key or "")
        if key.readonly:
            assert variable.mutability is Mutability.READ_ONLY, variable.label
        assert (variable.mutability is Mutability.WRITE_ONLY) == key.write_only, variable.label


# --- reports ----------------------------------------------------------------------------------


REQUIRED = [  # OCPP201-NOTES §4 and libocpp's "required"
    ("ChargingStation", None, "AvailabilityState", None), ("ChargingStation", None, "Available", None),
    ("ChargingStation", None, "SupplyPhases", None), ("EVSE", 1, "AvailabilityState", None),
    ("EVSE", 2, "Available", None), ("EVSE", 1, "Power", None), ("EVSE", 2, "SupplyPhases", None),
    ("Connector", 1, "ConnectorType", None), ("Connector", 2, "AvailabilityState", None),
    ("Connector", 1, "Available", None), ("Connector", 2, "SupplyPhases", None),
    ("OCPPCommCtrlr", None, "MessageTimeout", "Default"), ("OCPPCommCtrlr", None, "FileTransferProtocols", None),
    ("OCPPCommCtrlr", None, "NetworkConfigurationPriority", None),
    ("OCPPCommCtrlr", None, "NetworkProfileConnectionAttempts", None),
    ("OCPPCommCtrlr", None, "OfflineThreshold", None),
    ("OCPPCommCtrlr", None, "MessageAttempts", "TransactionEvent"),
    ("OCPPCommCtrlr", None, "MessageAttemptInterval", "TransactionEvent"),
    ("OCPPCommCtrlr", None, "UnlockOnEVSideDisconnect", None), ("OCPPCommCtrlr", None, "ResetRetries", None),
    ("OCPPCommCtrlr", None, "RetryBackOffRandomRange", None), ("OCPPCommCtrlr", None, "RetryBackOffRepeatTimes", None),
    ("OCPPCommCtrlr", None, "RetryBackOffWaitMinimum", None), ("OCPPCommCtrlr", None, "WebSocketPingInterval", None),
    *[("DeviceDataCtrlr", None, n, i) for n in ("ItemsPerMessage", "BytesPerMessage")
      for i in ("GetReport", "GetVariables", "SetVariables")],
    ("ClockCtrlr", None, "DateTime", None), ("ClockCtrlr", None, "TimeSource", None),
    ("SecurityCtrlr", None, "OrganizationName", None), ("SecurityCtrlr", None, "CertificateEntries", None),
    ("SecurityCtrlr", None, "SecurityProfile", None), ("SecurityCtrlr", None, "Identity", None),
    ("AuthCtrlr", None, "AuthorizeRemoteStart", None), ("AuthCtrlr", None, "LocalAuthorizeOffline", None),
    ("AuthCtrlr", None, "LocalPreAuthorize", None), ("TxCtrlr", None, "EVConnectionTimeOut", None),
    ("TxCtrlr", None, "StopTxOnEVSideDisconnect", None), ("TxCtrlr", None, "StopTxOnInvalidId", None),
    ("TxCtrlr", None, "TxStartPoint", None), ("TxCtrlr", None, "TxStopPoint", None),
    *[("SampledDataCtrlr", None, n, None) for n in ("TxEndedMeasurands", "TxEndedInterval", "TxStartedMeasurands",
                                                   "TxUpdatedMeasurands", "TxUpdatedInterval")],
    *[("AlignedDataCtrlr", None, n, None) for n in ("Measurands", "Interval", "TxEndedMeasurands",
                                                   "TxEndedInterval")],
    ("LocalAuthListCtrlr", None, "Entries", None), ("LocalAuthListCtrlr", None, "ItemsPerMessage", None),
    ("LocalAuthListCtrlr", None, "BytesPerMessage", None),
    ("SmartChargingCtrlr", None, "Entries", "ChargingProfiles"),
    *[("SmartChargingCtrlr", None, n, None) for n in ("LimitChangeSignificance", "PeriodsPerSchedule",
                                                     "ProfileStackLevel", "RateUnit")],
    *[("TariffCostCtrlr", None, n, None) for n in ("Currency", "TariffFallbackMessage", "TotalCostFallbackMessage")],
    *[("DisplayMessageCtrlr", None, n, None) for n in ("DisplayMessages", "SupportedFormats",
                                                      "SupportedPriorities")],
]


def test_the_full_inventory_has_every_required_variable_and_validates(station: Station) -> None:
    data = station.model.base_report("FullInventory")
    assert data is not None
    present = {(d["component"]["name"], d["component"].get("evse", {}).get("id"), d["variable"]["name"],
                d["variable"].get("instance")) for d in data}
    assert [r for r in REQUIRED if r not in present] == []
    connectors = [d["component"] for d in data if d["component"]["name"] == "Connector"]
    assert all(c["evse"]["connector_id"] == 1 for c in connectors)
    for entry in data:
        characteristics = entry["variable_characteristics"]
        if DataType(characteristics["data_type"]).is_list:
            assert characteristics.get("values_list"), entry["variable"]
    power = next(d for d in data if d["variable"]["name"] == "Power" and d["component"]["evse"]["id"] == 1)
    assert power["variable_characteristics"]["max_limit"] == 60000
    assert [a["type"] for a in power["variable_attribute"]] == ["Actual", "MaxSet"]
    assert len(notify_report_frames(data, 50, 16384)) >= 1


def test_configuration_inventory_holds_only_what_can_be_written(station: Station) -> None:
    data = station.model.base_report("ConfigurationInventory")
    assert data
    assert {a["mutability"] for d in data for a in d["variable_attribute"]} == {"ReadWrite", "WriteOnly"}
    names = {d["variable"]["name"] for d in data}
    assert {"HeartbeatInterval", "TxStartPoint", "BasicAuthPassword"} <= names
    assert "SecurityProfile" not in names and "AvailabilityState" not in names
    notify_report_frames(data, 50, 16384)


def test_summary_inventory_is_every_availability_state_and_the_problems(station: Station) -> None:
    station.facts.problems[2] = True
    data = station.model.base_report("SummaryInventory")
    assert data is not None
    assert [(d["component"]["name"], d["component"].get("evse", {}).get("id"), d["variable"]["name"],
             d["variable_attribute"][0]["value"]) for d in data] == [
        ("ChargingStation", None, "AvailabilityState", "Available"),
        ("EVSE", 1, "AvailabilityState", "Occupied"), ("EVSE", 2, "AvailabilityState", "Available"),
        ("EVSE", 2, "Problem", "true"),
        ("Connector", 1, "AvailabilityState", "Occupied"), ("Connector", 2, "AvailabilityState", "Available")]
    notify_report_frames(data, 50, 16384)


def test_an_unknown_report_base_is_not_supported(station: Station) -> None:
    assert station.model.base_report("SomethingElse") is None


def test_get_report_selects_by_component_and_variable(station: Station) -> None:
    model = station.model
    everything = model.report(None, None)
    assert everything == model.base_report("FullInventory")
    whole_component = model.report([{"component": {"name": "TxCtrlr"}}], None)
    assert {d["variable"]["name"] for d in whole_component} == {
        "EVConnectionTimeOut", "MaxEnergyOnInvalidId", "StopTxOnEVSideDisconnect", "StopTxOnInvalidId",
        "TxStartPoint", "TxStopPoint"}
    every_evse = model.report([{"component": {"name": "EVSE"}, "variable": {"name": "Power"}}], None)
    assert [d["component"]["evse"]["id"] for d in every_evse] == [1, 2], "B08.FR.23"
    one_evse = model.report([{"component": {"name": "EVSE", "evse": {"id": 2}}}], None)
    assert {d["component"]["evse"]["id"] for d in one_evse} == {2}
    every_instance = model.report([{"component": {"name": "DeviceDataCtrlr"},
                                    "variable": {"name": "ItemsPerMessage"}}], None)
    assert [d["variable"]["instance"] for d in every_instance] == ["GetReport", "GetVariables", "SetVariables"]
    assert model.report([{"component": {"name": "NoSuchCtrlr"}}], None) == []


def test_get_report_selects_by_criteria(station: Station) -> None:
    model = station.model
    put(model, (ref("ReservationCtrlr", "Enabled"), "false"))
    enabled = {d["component"]["name"] for d in model.report(None, ["Enabled"])}
    assert "ReservationCtrlr" not in enabled and "SmartChargingCtrlr" in enabled
    assert model.report(None, ["Problem"]) == [], "EmptyResultSet"
    station.facts.problems[1] = True
    problems = model.report(None, ["Problem"])
    assert {(d["component"]["name"], d["component"]["evse"]["id"]) for d in problems} == {("EVSE", 1)}
    both = model.report([{"component": {"name": "EVSE"}, "variable": {"name": "AvailabilityState"}}], ["Problem"])
    assert [(d["component"]["evse"]["id"], d["variable"]["name"]) for d in both] == [(1, "AvailabilityState")]


# --- paging -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("items", "limit"), [(1, 100_000), (7, 100_000), (50, 2500), (50, 1200), (3, 1200)])
def test_pages_keep_every_entry_once_in_order_within_both_limits(station: Station, items: int, limit: int) -> None:
    data = station.model.base_report("FullInventory")
    assert data is not None
    split = pages(data, items, limit)
    assert [entry for page in split for entry in page] == data
    assert all(0 < len(page) <= items for page in split)
    frames = notify_report_frames(data, items, limit)
    assert max(len(frame) for frame in frames) <= limit
    if limit < 100_000:
        assert len(split) > len(data) / items, "the bytes limit made more pages than the items limit alone"


def test_a_page_is_filled_up_to_the_byte_limit(station: Station) -> None:
    data = station.model.base_report("FullInventory")
    assert data is not None
    split = pages(data, 1000, 1500)
    for page, following in pairwise(split):
        assert frame_size([*page, following[0]]) > 1500, "the next entry would not have fitted"


def test_pages_of_nothing_and_of_an_entry_too_big(station: Station) -> None:
    assert pages([], 10, 1000) == []
    data = station.model.base_report("FullInventory")
    assert data is not None
    with pytest.raises(PageTooSmall):
        pages(data, 10, 300)
