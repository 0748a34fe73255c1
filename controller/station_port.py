"""The station's port: what a backend (any protocol) may ask of it, in the station's words.

:class:`StationPort` implements :class:`controller.port.BackendPort` on top of a
:class:`~controller.station.Station`: sides, tokens and stop reasons in, the station's
owners (connectors, authorization, prices, the backend link) changed, and session
changes through the station's own machines.  Each call returns at once; the screen and
the hardware follow on the next tick.  A protocol adapter (controller/backend.py for
OCPP 1.6) maps its words onto these and never reaches into the station itself.  The
port holds no state of its own: any number of them may stand for the same station.
"""

from __future__ import annotations

import logging
import math
from datetime import datetime

from controller import session as sm
from controller.authorization import Authorize, WaitForPlug
from controller.commands import BackendCommand, RemoteStart, StopSession
from controller.display_messages import DisplayMessage, check
from controller.port import AuthDecision, BackendLink, Reservation, StationEvent, Token
from controller.pricing import BackendCost, DefaultPrice, PriceText, TimeOffset
from controller.retention import Undelivered
from controller.security_events import RESET_OR_REBOOT
from controller.session import ConnectorState, StopReason
from controller.station import CODE_REMOTE_RESET, CODE_REMOTE_STOP, RELAY_WELDING_CODES, Station
from controller.types import Side
from controller.view import StationPhase

log = logging.getLogger(__name__)

#: Why the backend stopped a session, as the screen shows it (033904 stop, 033905 reset).
_STOP_CODES = {StopReason.REMOTE: CODE_REMOTE_STOP, StopReason.SOFT_RESET: CODE_REMOTE_RESET,
               StopReason.HARD_RESET: CODE_REMOTE_RESET}


class StationPort:
    """:class:`controller.port.BackendPort` for one station (see the module docstring)."""

    def __init__(self, station: Station) -> None:
        self.station = station

    def attach(self, undelivered: Undelivered | None = None) -> None:
        """A backend is configured: cards are decided by it (online, cache, local list,
        offline rules) instead of the local allow-list, and the station reports sessions
        through :meth:`take_events` (recorded as owed to the backend).  ``undelivered()``: the
        sessions the backend has not finished telling its central system about, which the
        history keeps."""
        station = self.station
        station.backend_link = BackendLink.OFFLINE
        station.authorization.ask_backend = True
        station.recorder.backend = True
        if undelivered is not None:
            station.pruner.undelivered = undelivered

    def submit(self, command: BackendCommand) -> bool:
        """A backend's command (controller.commands): whether the station acted on it."""
        match command:
            case RemoteStart(token, side):
                return self.remote_start(side, token)
            case StopSession(side, reason):
                return self.stop_session(side, reason)
        raise TypeError(f"not a backend command: {command!r}")

    def take_events(self) -> list[StationEvent]:
        """The events for the backend since the last call, oldest first."""
        return self.station.take_events()

    @property
    def awaiting_verdict(self) -> bool:
        """A card waits for the backend's verdict."""
        return self.station.authorization.awaiting_backend

    # --- controller.port.BackendPort -------------------------------------------------

    def authorization_decided(self, token: Token, decision: AuthDecision) -> None:
        station = self.station
        now = station.clock.monotonic()
        outcome = station.authorization.decided(token, decision, now, station.side_states(), station.focus)
        station.interaction.act(outcome, now)

    def remote_start(self, side: Side | None, token: Token) -> bool:
        station = self.station
        if station.phase is not StationPhase.READY:
            return False
        now = station.clock.monotonic()
        outcome = station.authorization.remote_start(token, side, now, station.side_states())
        if isinstance(outcome, WaitForPlug):
            station.interaction.show(None)
            return True
        if isinstance(outcome, Authorize):
            station.interaction.act(outcome, now)
            return station.connectors[outcome.side].machine.state is ConnectorState.PREPARING
        return False

    def stop_session(self, side: Side, reason: StopReason) -> bool:
        connector = self.station.connectors.get(side)
        if connector is None:
            return False
        state = connector.machine.state
        if state in (ConnectorState.PREPARING, ConnectorState.CHARGING):
            log.info("%s connector: stop requested by the backend (%s)", side.label, reason.name)
            self.station.step(connector, sm.StopRequested(reason, _STOP_CODES.get(reason, "")))
            return True
        return state is ConnectorState.STOPPING

    def unlock(self, side: Side) -> bool:
        connector = self.station.connectors.get(side)
        if connector is None or self.station.active_codes.has(RELAY_WELDING_CODES[connector.standard], side):
            return False  # a welded relay keeps it shut
        return connector.machine.state not in (ConnectorState.PREPARING, ConnectorState.CHARGING)

    def set_available(self, side: Side, available: bool) -> None:
        connector = self.station.connectors.get(side)
        if connector is not None and connector.operative != available:
            log.info("%s connector %s by the backend", side.label,
                     "back in service" if available else "taken out of service")
            connector.operative = available

    def request_reset(self, hard: bool) -> None:
        log.warning("%s reset requested by the backend", "hard" if hard else "soft")
        self.station.reset_requested = "hard" if hard else "soft"
        self.station.security_log.record(RESET_OR_REBOOT, f"{self.station.reset_requested} reset by the central system")

    def set_reservation(self, side: Side, reservation: Reservation | None) -> None:
        if side in self.station.connectors:
            self.station.authorization.set_reservation(side, reservation)

    def set_external_limit(self, power_w: float | None, side: Side | None = None,
                           until: datetime | None = None) -> None:
        if power_w is not None and (not math.isfinite(power_w) or power_w < 0):
            raise ValueError(f"an external limit must be a non-negative number of watts, got {power_w!r}")
        until = until if power_w == 0 else None  # only a zero limit's end is shown (controller.queue)
        if side is None:
            self.station.external_limit_w = power_w
            self.station.external_limit_until = until
        elif side in self.station.connectors:
            self.station.connectors[side].external_limit_w = power_w
            self.station.connectors[side].external_limit_until = until

    def set_connection_timeout(self, seconds: float) -> None:
        self.station.authorization.plug_in_timeout_s = float(seconds)

    def set_backend_online(self, link: BackendLink, code: str = "") -> None:
        if link is BackendLink.NONE:
            raise ValueError("a link is reported only by a backend (attach)")
        self.station.backend_link = link
        self.station.backend_code = "" if link is BackendLink.ONLINE else code

    def show_code(self, code: str, side: Side | None) -> None:
        self.station.interaction.show_information_code(code, side if side in self.station.connectors else None)

    def set_default_language(self, language: str) -> bool:
        return self.station.preferences.set_default_language(language)

    def set_default_price(self, price: DefaultPrice | None) -> None:
        self.station.prices.set_default(price)

    def set_user_price(self, token: Token, text: PriceText) -> bool:
        for connector in self.station.connectors.values():
            session = connector.machine.session
            if session is not None and session.id_token == token and connector.machine.state in sm.SESSION_STATES:
                connector.user_price = text
                return True
        return self.station.authorization.keep_user_price(token, text)  # for when that driver starts

    def set_session_cost(self, side: Side, cost: BackendCost) -> bool:
        connector = self.station.connectors.get(side)
        if connector is None or connector.machine.session is None:
            return False
        connector.backend_cost = cost
        connector.backend_cost_at = self.station.clock.monotonic()
        return True

    def set_time_offset(self, offset: TimeOffset | None) -> None:
        self.station.prices.time_offset = offset

    def set_display_messages(self, messages: tuple[DisplayMessage, ...]) -> None:
        # One the station cannot show (a message kept from before an update changed the limits)
        # is left out, not fatal: the others still show.
        kept = []
        for message in messages:
            refusal = check(message)
            if refusal is None:
                kept.append(message)
            else:
                log.warning("display message %d left out: the station cannot show it (%s)",
                            message.message_id, refusal.value)
        self.station.display_messages = tuple(kept)

    def set_cost_fallbacks(self, tariff: PriceText | None, total_cost: PriceText | None) -> None:
        self.station.prices.tariff_fallback = tariff
        self.station.prices.total_cost_fallback = total_cost

    def set_software_update(self, active: bool) -> None:
        self.station.set_software_update(active)

    def is_idle(self) -> bool:
        return self.station.is_idle()
