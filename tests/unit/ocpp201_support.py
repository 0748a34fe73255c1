"""Helpers of the OCPP 2.0.1 transaction tests: a dict-backed host, a port that records what
it is asked, snapshots, and the official schema check of every payload."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ocpp.charge_point import remove_nones, snake_to_camel_case
from ocpp.messages import get_validator
from ocpp.v201 import call

from controller.ocpp.port import ConnectorSnapshot, StationSnapshot
from controller.pricing import BackendCost, PriceText
from controller.session import ConnectorState, StopReason
from controller.types import Side

T0 = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
CARD = "04A1B2C3D4E5F6"


def wire(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as the ``ocpp`` library puts it on the wire (camelCase, no None), after
    checking it builds a :class:`ocpp.v201.call.TransactionEvent`."""
    call.TransactionEvent(**payload)
    return remove_nones(snake_to_camel_case(payload))


def assert_valid(payload: dict[str, Any]) -> dict[str, Any]:
    """Validate against the official 2.0.1 TransactionEventRequest schema; returns the wire form."""
    camel = wire(payload)
    get_validator(2, "TransactionEvent", "2.0.1").validate(camel)
    return camel


@dataclass
class RecordingPort:
    """The station's port, recording what the transactions ask of it."""

    stops: list[tuple[Side, StopReason]] = field(default_factory=list)
    costs: list[tuple[Side, BackendCost]] = field(default_factory=list)
    prices: list[tuple[str, PriceText]] = field(default_factory=list)

    def stop_session(self, side: Side, reason: StopReason) -> bool:
        self.stops.append((side, reason))
        return True

    def set_session_cost(self, side: Side, cost: BackendCost) -> bool:
        self.costs.append((side, cost))
        return True

    def set_user_price(self, token: str, text: PriceText) -> bool:
        self.prices.append((token, text))
        return True


@dataclass
class DictHost:
    """A transaction host whose device model is a dict and whose clocks the test moves."""

    settings: dict[tuple[str, str], str] = field(default_factory=dict)
    port: Any = field(default_factory=RecordingPort)
    is_online: bool = True
    clock: datetime = T0
    mono: float = 1000.0
    central_offset: timedelta = timedelta(0)
    woken: int = 0
    learnt: list[tuple[dict[str, str], dict[str, Any]]] = field(default_factory=list)
    suspended: list[Side] = field(default_factory=list)

    def now(self) -> datetime:
        return self.clock + self.central_offset

    def central(self, moment: datetime) -> datetime:
        return moment + self.central_offset

    def monotonic(self) -> float:
        return self.mono

    def online(self) -> bool:
        return self.is_online

    def setting(self, component: str, variable: str, instance: str | None = None) -> str | None:
        return self.settings.get((component, variable))

    def wake(self) -> None:
        self.woken += 1

    def learn(self, id_token: dict[str, str], id_token_info: dict[str, Any]) -> None:
        self.learnt.append((id_token, id_token_info))

    def suspend_energy(self, side: Side) -> None:
        self.suspended.append(side)

    def advance(self, seconds: float) -> None:
        self.clock += timedelta(seconds=seconds)
        self.mono += seconds


def connector(evse_id: int = 1, state: ConnectorState = ConnectorState.AVAILABLE, energy_wh: float = 1000.0,
              plugged: bool = False, power_w: float = 0.0, offered_w: float = 0.0, soc: int | None = None,
              current_a: float = 0.0, voltage_v: float = 0.0) -> ConnectorSnapshot:
    return ConnectorSnapshot(evse_id, state, energy_wh, power_w, current_a, voltage_v, soc, offered_w, plugged)


def station(*connectors: ConnectorSnapshot) -> StationSnapshot:
    """A two-EVSE station: the connectors given, the others available."""
    given = {c.connector_id: c for c in connectors}
    return StationSnapshot(tuple(given.get(i, connector(i)) for i in (1, 2)))
