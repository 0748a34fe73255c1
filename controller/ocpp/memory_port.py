"""A station in memory behind the port: for tests and the headless charge point demo.

It is a test double *at the port*, not of the protocol: the OCPP side runs for real
against it.  It records every call it receives (``calls``) and offers the few moves a
driver or an EV makes (``present``, ``start_session``, ``deliver``, ``end_session``).
Like the real station, it acts on a request on the loop's next turn, not inside the call.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from datetime import datetime

from controller.clock import Clock, SystemClock
from controller.ocpp.port import (
    AuthDecision,
    AuthorizeRequest,
    ConnectorSnapshot,
    PortCalls,
    PortEvent,
    PowerLimit,
    ReportedCode,
    Reservation,
    SessionStarted,
    SessionStopped,
    StateChanged,
    StationSnapshot,
)
from controller.pricing import BackendCost, DefaultPrice, PriceText, TimeOffset
from controller.session import ConnectorState

Sink = Callable[[PortEvent], None]


class MemoryStation:
    """Implements :class:`controller.ocpp.port.StationPort`."""

    def __init__(self, connectors: int = 2, clock: Clock | None = None) -> None:
        self.clock = clock or SystemClock()
        self.record = PortCalls()
        self.sink: Sink | None = None
        self._connectors = {i: ConnectorSnapshot(i, ConnectorState.AVAILABLE, energy_wh=1000.0 * i)
                            for i in range(1, connectors + 1)}
        self._codes: list[ReportedCode] = []
        self.decisions: dict[str, AuthDecision] = {}
        self.remote_authorized: dict[int, str] = {}
        self.sessions: dict[int, str] = {}
        self.available: dict[int, bool] = {i: True for i in self._connectors}
        self.reservations: dict[int, Reservation | None] = {}
        self.limits: dict[int, float | None] = {}
        self.online = False
        self.connection_timeout_s = 0
        self.resets: list[bool] = []
        self.codes_shown: list[tuple[str, int]] = []
        self.language = "en-US"
        self.default_price: DefaultPrice | None = None
        self.user_prices: dict[str, PriceText] = {}
        self.costs: dict[int, BackendCost] = {}
        self.time_offset: TimeOffset | None = None

    # --- StationPort ------------------------------------------------------------------

    def snapshot(self) -> StationSnapshot:
        return StationSnapshot(tuple(self._connectors[i] for i in sorted(self._connectors)), tuple(self._codes))

    def authorization_decided(self, id_tag: str, decision: AuthDecision) -> None:
        self._note("authorization_decided", id_tag, decision)
        self.decisions[id_tag] = decision

    def remote_start(self, connector_id: int | None, id_tag: str) -> bool:
        self._note("remote_start", connector_id, id_tag)
        candidates = [connector_id] if connector_id is not None else sorted(self._connectors)
        for candidate in candidates:
            connector = self._connectors.get(candidate)
            if connector is not None and self.available[candidate] and connector.state in (
                    ConnectorState.AVAILABLE, ConnectorState.PLUGGED):
                self.remote_authorized[candidate] = id_tag
                return True
        return False

    def stop_session(self, connector_id: int, reason: str) -> bool:
        self._note("stop_session", connector_id, reason)
        if connector_id not in self.sessions:
            return False
        self._later(lambda: self.end_session(connector_id, reason))
        return True

    def unlock(self, connector_id: int) -> bool:
        self._note("unlock", connector_id)
        return True

    def set_available(self, connector_id: int, available: bool) -> None:
        self._note("set_available", connector_id, available)
        self.available[connector_id] = available

    def reset(self, hard: bool) -> None:
        self._note("reset", hard)
        self.resets.append(hard)

    def set_reservation(self, connector_id: int, reservation: Reservation | None) -> None:
        self._note("set_reservation", connector_id, reservation)
        self.reservations[connector_id] = reservation

    def set_power_limit(self, limit: PowerLimit) -> None:
        self._note("set_power_limit", limit)
        self.limits[limit.connector_id] = limit.watts

    def set_connection_timeout(self, seconds: int) -> None:
        self._note("set_connection_timeout", seconds)
        self.connection_timeout_s = seconds

    def set_backend_online(self, online: bool, code: str, connecting: bool = False) -> None:
        self._note("set_backend_online", online, code, connecting)
        self.online = online

    def show_code(self, code: str, connector_id: int) -> None:
        self._note("show_code", code, connector_id)
        self.codes_shown.append((code, connector_id))

    def set_language(self, language: str) -> bool:
        self._note("set_language", language)
        self.language = language
        return True

    def set_default_price(self, price: DefaultPrice | None) -> None:
        self._note("set_default_price", price)
        self.default_price = price

    def set_user_price(self, id_tag: str, text: PriceText) -> bool:
        self._note("set_user_price", id_tag, text)
        self.user_prices[id_tag] = text
        return True

    def set_session_cost(self, connector_id: int, cost: BackendCost) -> bool:
        self._note("set_session_cost", connector_id, cost)
        self.costs[connector_id] = cost
        return True

    def set_time_offset(self, offset: TimeOffset | None) -> None:
        self._note("set_time_offset", offset)
        self.time_offset = offset

    # --- a driver and an EV -----------------------------------------------------------

    def present(self, id_tag: str, connector_id: int | None = None) -> None:
        """A card on the reader."""
        self._emit(AuthorizeRequest(id_tag, connector_id))

    def start_session(self, connector_id: int, id_tag: str, when: datetime | None = None) -> None:
        """Authorized and plugged: the connector locks and energy is about to flow."""
        self.sessions[connector_id] = id_tag
        self._set(connector_id, state=ConnectorState.CHARGING, plugged=True, offered_w=30_000.0)
        meter = round(self._connectors[connector_id].energy_wh)
        self._emit(SessionStarted(connector_id, id_tag, meter, when or self.clock.now()))

    def deliver(self, connector_id: int, wh: float, power_w: float = 30_000.0, soc: int | None = 50) -> None:
        """Energy flowed into the EV."""
        connector = self._connectors[connector_id]
        self._set(connector_id, energy_wh=connector.energy_wh + wh, power_w=power_w, voltage_v=400.0,
                  current_a=power_w / 400.0, soc=soc)

    def end_session(self, connector_id: int, reason: str = "Local", id_tag: str | None = None,
                    when: datetime | None = None) -> None:
        """The session has ended (current zero, unlocked)."""
        if self.sessions.pop(connector_id, None) is None:
            return
        self._set(connector_id, state=ConnectorState.FINISHED, power_w=0.0, current_a=0.0, offered_w=0.0)
        meter = round(self._connectors[connector_id].energy_wh)
        self._emit(SessionStopped(connector_id, meter, when or self.clock.now(), reason, id_tag))

    def unplug(self, connector_id: int) -> None:
        self._set(connector_id, state=ConnectorState.AVAILABLE, plugged=False, soc=None)

    def raise_code(self, code: str, connector_id: int = 0, blocking: bool = True) -> None:
        self._codes.insert(0, ReportedCode(code, connector_id, blocking))
        self._emit(StateChanged(self.snapshot()))

    def clear_code(self, code: str) -> None:
        self._codes = [c for c in self._codes if c.code != code]
        self._emit(StateChanged(self.snapshot()))

    # --- helpers ------------------------------------------------------------------------

    def _set(self, connector_id: int, **changes: object) -> None:
        self._connectors[connector_id] = dataclasses.replace(self._connectors[connector_id], **changes)  # type: ignore[arg-type]
        self._emit(StateChanged(self.snapshot()))

    def _emit(self, event: PortEvent) -> None:
        if self.sink is not None:
            self.sink(event)

    def _note(self, name: str, *arguments: object) -> None:
        self.record.calls.append((name, arguments))

    @staticmethod
    def _later(action: Callable[[], None]) -> None:
        try:
            asyncio.get_running_loop().call_soon(action)
        except RuntimeError:
            action()
