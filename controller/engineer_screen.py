"""The engineer screen: the PIN pad, its pages and its automatic exit.

Technicians open it with a long press on the charge point id or by holding both buttons
(:mod:`controller.buttons`), enter the PIN (:class:`~controller.engineer.EngineerLock`)
on the touchscreen or with the two buttons, and page through the overview, the
connectors, the status codes and the look-up.  While it is up the buttons work for it.
What it shows is a projection of the station's :class:`StationState`; it changes nothing
in the station.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass

from controller import commands as cmd
from controller.config import Config
from controller.engineer import EngineerLock, PinError, PinResult
from controller.security_events import MAINTENANCE_LOGIN_ACCEPTED, MAINTENANCE_LOGIN_FAILED, Report
from controller.station_state import StationState
from controller.status_codes import lookup, search
from controller.view import (
    PIN_CANCEL,
    PIN_OK,
    BusConnector,
    BusLink,
    BusPsu,
    EngineerView,
    OutageLine,
    PinPad,
    PortReliability,
)

#: The Reliability page's facts at a moment: (ports, latest outages), from the station's store.
ReliabilitySource = Callable[[StationState], tuple[tuple[PortReliability, ...], tuple[OutageLine, ...]]]

log = logging.getLogger(__name__)

#: The engineer screen's pages: overview, connectors, status codes, look-up, security log, reliability.
ENGINEER_PAGES = 6
#: The look-up's page (a look-up typed or tapped goes there).
LOOKUP_PAGE = 3
#: The security log's page (the only one where it can be cleared).
SECURITY_PAGE = 4
#: The reliability page (uptime and success per port, the latest outages; read only while it shows).
RELIABILITY_PAGE = 5
#: Codes the engineer screen's look-up shows at most.
LOOKUP_RESULTS = 6
#: Digits a PIN has at most (controller.engineer.PIN_MAX).
PIN_DIGITS_MAX = 8


@dataclass
class _Session:
    """The PIN pad (``open`` False) or the engineer screen (True)."""

    last_activity: float
    open: bool = False
    digits: str = ""
    cursor: int = 0
    message: str = ""
    query: str = ""
    page: int = 0


class EngineerScreen:
    """The PIN pad and the engineer screen, for one station."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.lock = EngineerLock(config.engineer.pin_hash, config.engineer.max_attempts, config.engineer.lockout_s)
        self._session: _Session | None = None
        self.report: Report | None = None  # security events: the maintenance logins (the station's log)
        self.clear_security_log: Callable[[], None] | None = None  # the station's log, cleared
        self.reliability: ReliabilitySource | None = None  # the Reliability page's facts (the station's log)

    @property
    def up(self) -> bool:
        """The PIN pad or the screen is showing (the buttons work for it)."""
        return self._session is not None

    def handle(self, command: cmd.Command, now: float) -> None:
        """An engineer command, or a button press while the PIN pad or the screen is up."""
        if isinstance(command, cmd.OpenEngineer):
            self.open_pin_pad(now, "long press")
            return
        session = self._session
        if session is None:
            return
        session.last_activity = now
        if isinstance(command, cmd.EngineerExit | cmd.PinCancel):
            self._close("exit")
        elif session.open:
            self._on_screen(session, command)
        else:
            self._on_pin_pad(session, command, now)

    def watch(self, now: float, gesture: bool) -> None:
        """Each cycle: ``gesture`` (both buttons held) opens the PIN pad; inactivity closes it."""
        if gesture:
            self.open_pin_pad(now, "both buttons held")
        session = self._session
        if session is not None and now - session.last_activity >= self.config.engineer.idle_timeout_s:
            self._close("inactivity")

    def open_pin_pad(self, now: float, how: str) -> None:
        if self._session is not None:
            return
        if not self.lock.configured:
            log.warning("engineer screen asked for (%s) but [engineer].pin_hash is not set: it cannot be opened "
                        "until a PIN is configured (evse-hmi engineer-pin)", how)
            return
        log.info("engineer PIN pad opened (%s)", how)
        self._session = _Session(last_activity=now)

    def pin_pad(self, now: float) -> PinPad | None:
        """The PIN being entered (never its digits), None unless the PIN pad is up."""
        session = self._session
        if session is None or session.open:
            return None
        locked = self.lock.seconds_locked(now)
        message = session.message if session.message != "locked" or locked else ""
        return PinPad(len(session.digits), session.cursor, message, locked if message == "locked" else 0)

    def view(self, state: StationState) -> EngineerView | None:
        """The engineer screen's facts from ``state``, None unless the screen is open."""
        session = self._session
        if session is None or not session.open:
            return None
        station = self.config.station
        connectors = tuple(BusConnector(
            side=c.side, standard=c.standard, state=c.state.value, stage=int(c.stage), plugged=c.plugged,
            locked=c.locked, contactor_closed=c.contactor_closed, voltage_v=round(c.output_v, 1),
            current_a=round(c.output_a, 1), power_w=round(c.power_w), soc=c.soc, ev_target_v=round(c.ev_target_v, 1),
            ev_target_a=round(c.ev_target_a, 1), board_code=c.board_code,
            energy_register_wh=round(c.energy_register_wh)) for c in state.connectors)
        psus = tuple(BusPsu(p.index, p.present, p.enabled, p.routed_to, round(p.output_v, 1), round(p.output_a, 1),
                            round(p.temperature_c, 1), p.fault_code) for p in state.psus)
        ports, outages = ((), ())
        if session.page == RELIABILITY_PAGE and self.reliability is not None:
            ports, outages = self.reliability(state)
        return EngineerView(
            firmware_version=station.software_version(),
            serial_number=station.serial_number,
            boards=state.boards,
            connectors=connectors,
            psus=psus,
            ambient_c=round(state.ambient_c, 1),
            input_voltage_v=round(state.input_voltage_v),
            safety=state.safety,
            recent=state.code_history,
            backend_configured=state.backend_configured,
            backend_online=state.backend_online,
            backend_code=state.backend_code,
            backend_url=self.config.ocpp.url,
            page=session.page,
            query=session.query,
            results=look_up(session.query),
            seconds_left=max(0, math.ceil(session.last_activity + self.config.engineer.idle_timeout_s - state.now)),
            counters=state.counters,
            security_events=state.security_events,
            can_bus=bus_link(state),
            reliability=ports,
            outages=outages,
        )

    # --- the commands -----------------------------------------------------------------

    def _on_screen(self, session: _Session, command: cmd.Command) -> None:
        match command:
            case cmd.PressLeft():
                self._close("left button")
            case cmd.PressRight():
                session.page = (session.page + 1) % ENGINEER_PAGES
            case cmd.EngineerPage(index):
                session.page = index % ENGINEER_PAGES
            case cmd.EngineerLookup(query):
                session.query = query.strip()[:40]
                session.page = LOOKUP_PAGE
            case cmd.EngineerClearSecurityLog() if session.page == SECURITY_PAGE and self.clear_security_log:
                log.warning("security log cleared from the engineer screen")
                self.clear_security_log()

    def _on_pin_pad(self, session: _Session, command: cmd.Command, now: float) -> None:
        match command:
            case cmd.PinDigit(digit) if len(digit) == 1 and digit in "0123456789":
                self._digit(session, digit)
            case cmd.PinErase():
                session.digits = session.digits[:-1]
            case cmd.PinSubmit():
                self._submit(session, now)
            case cmd.PressRight():  # the buttons: right moves the selection 0..9, OK, Cancel
                session.cursor = (session.cursor + 1) % (PIN_CANCEL + 1)
            case cmd.PressLeft() if session.cursor == PIN_OK:  # ... left takes it
                self._submit(session, now)
            case cmd.PressLeft() if session.cursor == PIN_CANCEL:
                self._close("cancel")
            case cmd.PressLeft():
                self._digit(session, str(session.cursor))

    @staticmethod
    def _digit(session: _Session, digit: str) -> None:
        if len(session.digits) < PIN_DIGITS_MAX:
            session.digits += digit
            session.message = ""

    def _submit(self, session: _Session, now: float) -> None:
        pin, session.digits, session.cursor = session.digits, "", 0
        try:
            result = self.lock.try_pin(pin, now)
        except PinError:
            log.exception("engineer PIN not checked")
            result = PinResult.NOT_CONFIGURED
        if result in (PinResult.ACCEPTED, PinResult.WRONG, PinResult.LOCKED) and self.report is not None:
            accepted = result is PinResult.ACCEPTED
            self.report(MAINTENANCE_LOGIN_ACCEPTED if accepted else MAINTENANCE_LOGIN_FAILED,
                        "{'user': 'engineer', 'origin': 'touch screen'}")
        if result is PinResult.ACCEPTED:
            log.warning("engineer screen opened")
            session.open, session.message = True, ""
        elif result is PinResult.NOT_CONFIGURED:
            self._close("no usable [engineer].pin_hash")
        else:
            log.warning("wrong engineer PIN (%d in a row)%s", self.lock.failures,
                        ": locked" if result is PinResult.LOCKED else "")
            session.message = "locked" if result is PinResult.LOCKED else "wrong"

    def _close(self, why: str) -> None:
        if self._session is not None:
            log.info("engineer %s closed (%s)", "screen" if self._session.open else "PIN pad", why)
        self._session = None


def bus_link(state: StationState) -> BusLink | None:
    """The internal CAN bus's state, how long it has held, and its counters (None: not known)."""
    health = state.can_bus
    if health is None:
        return None
    down = None if health.down_since is None else max(0, int(state.now - health.down_since))
    return BusLink(health.state, max(0, int(state.now - health.since)), down, health.counters)


def look_up(query: str) -> tuple[str, ...]:
    """The engineer screen's look-up (as ``evse-hmi codes``): a six-digit code, or words to search."""
    if not query:
        return ()
    digits = query.replace(" ", "")
    if digits.isdigit() and len(digits) <= 6:
        return (lookup(digits).code,)
    return tuple(entry.code for entry in search(query)[:LOOKUP_RESULTS])
