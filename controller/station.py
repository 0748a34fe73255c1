"""The station: one owner of all charger state, fed by CAN frames, driver intents and time.

``Station`` is synchronous and deterministic: ``poll()`` drains the CAN link,
``submit()`` takes an intent, ``tick()`` advances timers, runs the session machines,
allocates power and sends the (level-triggered) commands.  The asyncio runtime and
the fake-clock world both drive it the same way; neither Qt nor threads appear here.
"""

from __future__ import annotations

import logging
import math
import sqlite3
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from controller import commands as cmd
from controller import counters as ctr
from controller import fault_policy as policy
from controller import session as sm
from controller.active_codes import ActiveCodes, Readings, measurement
from controller.auth import AuthStatus, LocalAuthorizer, normalise_token
from controller.board_commands import connector_command, led
from controller.boards import (
    LED_OFF,
    ConnectorBoardCommand,
    ConnectorBoardStatus,
    EvLimits,
    EvRequest,
    Fact,
    IoBoardStatus,
    Led,
    LedCommand,
    PsuStatus,
    PsuThermal,
    SelfTestAnswer,
)
from controller.buses.board_support import BoardSupport
from controller.buses.can_link import CanLink, Frame
from controller.buttons import Buttons
from controller.clock import Clock
from controller.config import Config
from controller.engineer import EngineerLock, PinError, PinResult
from controller.estimate import time_to_target_s
from controller.limits import ambient_derating, input_in_range, input_power_limit_w, over_temperature
from controller.meter import EnergyMeter, PowerHistory
from controller.ocpp.port import (
    AuthDecision,
    AuthorizeRequest,
    PortEvent,
    Reservation,
    SessionStarted,
    SessionStopped,
)
from controller.power import Demand, Grant, Psu, Relay, Supply, allocate, route
from controller.power_modules import PowerModules
from controller.preferences import DriverPreferences
from controller.pricing import BackendCost, DefaultPrice, PriceText, Tariff, TimeOffset, session_id
from controller.recording import MeterState, Recorder
from controller.retention import Retention, SessionPruner, Undelivered
from controller.self_test import SelfTest
from controller.session import ConnectorState, Machine, StopReason
from controller.status_codes import lookup, search
from controller.store import LatchedCode, SessionRecord, Store
from controller.types import (
    AuthMethod,
    BoardStage,
    Button,
    EvStopReason,
    Side,
    Standard,
    connectors_of,
)
from controller.view import (
    PIN_CANCEL,
    PIN_OK,
    ActiveCode,
    BusConnector,
    BusPsu,
    CodeEvent,
    ConnectorView,
    EngineerView,
    Limit,
    Measurement,
    Notice,
    NoticeKind,
    PendingAuthorization,
    PinPad,
    SessionView,
    StationPhase,
    StationView,
)

log = logging.getLogger(__name__)

# Status codes the station raises itself (manual 5.4).
CODE_EMERGENCY_STOP = "012251"
CODE_DOOR_OPEN = "012252"
CODE_BREAKER_TRIP = "012238"  # the tilt sensor trips the upstream breaker (manual 3.3)
CODE_RFID_COMMUNICATION = "012243"  # RFID module communication fail: RFID is off, the rest works
CODE_AMBIENT_OTP = "012223"  # system ambient/inlet over-temperature: stop until it cools down
CODE_CABINET_OTP = "012224"  # system critical point OTP: inside the cabinet; stop until it cools down
CODE_INPUT_OVP = "012294"  # AC input over-voltage: output off until the supply is normal
CODE_INPUT_UVP = "012295"  # AC input under-voltage: output off until the supply is normal
CODE_REMOTE_STOP = "033904"  # charging stopped by the backend (manual 5.3.7)
CODE_REMOTE_RESET = "033905"  # the backend restarts the charger
RELAY_WELDING_CODES = {Standard.CHADEMO: "011011", Standard.CCS1: "011013", Standard.GBT: "011015"}

#: Connector states of a charger nobody is using.
_RESTING = frozenset({ConnectorState.AVAILABLE, ConnectorState.RESERVED, ConnectorState.INOPERATIVE})

NOTICE_SECONDS = 4.0
INFO_CODE_SECONDS = 10.0  # an information code the backend asked to show (033903 ...)
#: How long the station waits for the backend's verdict on a card beyond the backend's
#: own answer timeout (its offline rules always decide; this is a safety net).
AUTHORIZATION_GRACE_S = 5.0
#: Driver-specific prices (SetUserPrice) kept for ids that have not started yet.
USER_PRICES_KEPT = 16
#: The engineer screen's pages: overview, connectors, status codes, look-up.
ENGINEER_PAGES = 4
#: Codes the engineer screen's look-up shows at most.
LOOKUP_RESULTS = 6


@dataclass
class ConnectorRuntime:
    """Everything the station knows about one connector (mutable, owned by Station)."""

    side: Side
    standard: Standard
    machine: Machine = field(default_factory=Machine)
    plugged: bool = False
    locked: bool = False
    contactor_closed: bool = False
    stage: BoardStage = BoardStage.IDLE
    reported_stage: BoardStage = BoardStage.IDLE  # last stage passed to the machine
    ev_stop_reason: EvStopReason = EvStopReason.NONE
    board_code: str = ""
    reported_standard: Standard | None = None
    ev_voltage: float = 0.0
    ev_current: float = 0.0
    soc: int | None = None
    target_soc: int | None = None
    ev_max_voltage: float = 0.0
    ev_max_current: float = 0.0
    capacity_kwh: float = 0.0
    output_voltage: float = 0.0
    output_current: float = 0.0
    grant: Grant | None = None
    edges: list[bool] = field(default_factory=list)  # plug (True) / unplug (False) since last tick
    meter: EnergyMeter = field(default_factory=EnergyMeter)  # measured output, lifetime register
    history: PowerHistory = field(default_factory=PowerHistory)  # power curve of the session
    external_limit_w: float | None = None  # e.g. the backend's schedule for this connector
    operative: bool = True  # False: the backend took it out of service (ChangeAvailability)
    reservation: Reservation | None = None  # the backend keeps it for one driver (ReserveNow)
    backend_cost: BackendCost | None = None  # the session's cost from the backend (RunningCost / FinalCost)
    backend_cost_at: float = 0.0  # when it arrived (monotonic)
    user_price: PriceText | None = None  # the session driver's own price (SetUserPrice)


@dataclass
class _Pending:
    """Authorized, waiting for a cable: the Plug-in screen."""

    id_token: str
    method: AuthMethod
    expires_at: float
    parent_id_tag: str | None = None  # from the backend: may use a connector reserved for the group
    sides: tuple[Side, ...] | None = None  # a remote start for one connector; None: any free one


@dataclass
class _Authorizing:
    """A card waiting for the backend's verdict ("Authorizing ..." on screen)."""

    id_token: str
    method: AuthMethod
    expires_at: float


@dataclass
class _Engineer:
    """The engineer PIN pad (``open`` False) or the engineer screen (True)."""

    last_activity: float
    open: bool = False
    digits: str = ""
    cursor: int = 0
    message: str = ""
    query: str = ""
    page: int = 0  # ENGINEER_PAGES: the right button moves on


ViewListener = Callable[[StationView], None]


class Station:
    """The charger's controller core."""

    def __init__(self, config: Config, link: CanLink, clock: Clock, authorizer: LocalAuthorizer | None = None,
                 store: Store | None = None) -> None:
        self.config = config
        self.link = link
        self.boards = BoardSupport(link)  # frames <-> facts and commands: the only DBC names
        self.clock = clock
        self.authorizer = authorizer or LocalAuthorizer(config.authorization.local_allow_list)
        self.local_tariff = Tariff.from_config(config.tariff)
        self.tariff = self.local_tariff  # the backend's DefaultPrice may replace it
        self.preferences = DriverPreferences(config.station.language, config.station.high_contrast,
                                             tuple(config.station.languages), config.station.preference_timeout_s)
        self.connectors: dict[Side, ConnectorRuntime] = {
            side: ConnectorRuntime(side, standard) for side, standard in connectors_of(config.station.version).items()
        }
        self.active_codes = ActiveCodes(clock, self.code_measurement, self._stop_for_code)
        self.power_modules = PowerModules(config.limits, self.active_codes, lambda: self.phase is StationPhase.READY)
        self.psus = self.power_modules.psus
        self.phase = StationPhase.INITIALIZING
        self.focus = Side.LEFT
        self.estop = False
        self.door_open = False
        self.tilt = False
        self.over_temperature = False  # ambient at [limits].over_temperature_c (012223)
        self.ambient_c = 25.0
        self.cabinet_hot = False  # inside the cabinet at [limits].cabinet_over_temperature_c (012224)
        self.cabinet_c = 25.0
        self.reader_available = True
        self._buttons = Buttons()  # the physical buttons (controller.buttons: left acts on release)
        self.engineer_lock = EngineerLock(config.engineer.pin_hash, config.engineer.max_attempts,
                                          config.engineer.lockout_s)
        self._engineer: _Engineer | None = None
        self._pending: _Pending | None = None
        self._authorizing: _Authorizing | None = None
        self._notice: tuple[Notice, float] | None = None
        self._last_taps: dict[str, float] = {}
        self._self_test = SelfTest(self.connectors, config.station.version, config.limits.self_test_timeout_s,
                                   self.boards, self.active_codes, self.power_modules)  # then the watchdog
        self._self_test_results = self._self_test.results  # board -> "passed" / "failed 0122xx"
        self._last_tick: float | None = None
        self._listeners: list[ViewListener] = []
        self._last_view: StationView | None = None
        self.input_voltage_v = 0.0  # AC supply, line to line (0 = not measured)
        self.external_limit_w: float | None = None  # station-wide, e.g. the backend's schedule
        # the backend (OCPP): see attach_backend() and the "backend" section below
        self.backend_configured = False
        self.backend_online = False
        self.backend_code = ""  # 033900/033901/033902 while the backend is unreachable
        self.backend_connecting = False  # ... but linked, and the central system has not accepted us yet
        self.reset_requested: str | None = None  # "soft" or "hard": the owner restarts the station
        self.default_price: DefaultPrice | None = None
        self.time_offset: TimeOffset | None = None
        self._plug_in_timeout_s = float(config.limits.plug_in_timeout_s)
        self._authorization_timeout_s = config.ocpp.response_timeout_s + AUTHORIZATION_GRACE_S
        self._port_events: list[PortEvent] = []
        self._user_prices: dict[str, PriceText] = {}
        # the station owns its store (in memory when none is given) and closes it in close()
        self.store = store if store is not None else Store(":memory:")
        self.recorder = Recorder(self.store, config.storage.checkpoint_interval_s)
        self.pruner = SessionPruner(self.store, Retention(config.storage.session_retention_days,
                                                          config.storage.session_retention_rows))
        for connector_id, register_wh in self.recorder.registers().items():
            side = Side(connector_id - 1)
            if side in self.connectors:
                self.connectors[side].meter = EnergyMeter(register_wh)
        self.counters = ctr.Counters(self.store)
        self._check_counters()
        for latched in self.store.take_latched_codes():
            self._restore_latched(latched)

    # --- public API -----------------------------------------------------------------

    def subscribe(self, listener: ViewListener) -> None:
        """Call ``listener(view)`` after every tick whose snapshot differs from the last."""
        self._listeners.append(listener)

    def poll(self) -> int:
        """Handle every frame waiting on the bus; returns how many were decoded."""
        frames = self.link.receive()
        for frame in frames:
            self.handle_frame(frame)
        return len(frames)

    @property
    def busy(self) -> bool:
        """Anything going on that needs the full cycle rate (sessions, plugged cables,
        a pending authorization, a message on screen)?"""
        if self.phase is not StationPhase.READY or self._pending is not None or self._notice is not None \
                or self._authorizing is not None or self._engineer is not None:
            return True
        return any(c.plugged or c.edges or c.machine.state not in _RESTING
                   or c.output_current >= sm.ZERO_CURRENT_A for c in self.connectors.values())

    def handle_frame(self, frame: Frame) -> None:
        """Apply one decoded frame; a frame whose content makes no sense (a status code of more
        than six digits) is dropped whole, counted in ``rejected_frames`` and logged."""
        fact = self.boards.decode(frame, self.clock.monotonic())
        if fact is not None:
            self._on_fact(fact)

    @property
    def rejected_frames(self) -> int:
        """Decoded frames whose content made no sense (see :meth:`handle_frame`)."""
        return self.boards.rejected_frames

    def submit(self, command: cmd.Command) -> bool:
        """A command from the driver, a technician or the backend (:mod:`controller.commands`).

        While the PIN pad or the engineer screen is up, the buttons work for it.  Returns
        whether the station acted on it (a remote start that cannot start: False).
        """
        now = self.clock.monotonic()
        if isinstance(command, cmd.EngineerCommand) or (
                self._engineer is not None and isinstance(command, cmd.PressLeft | cmd.PressRight)):
            self._engineer_command(command, now)
            return True
        match command:
            case cmd.PressLeft():
                self._press_left(now)
            case cmd.PressRight():
                self._press_right()
            case cmd.SelectSide(side):
                self._select(side)
            case cmd.TouchStop(side):
                self._stop_by_touch(side, now)
            case cmd.CancelPending():
                self._cancel_pending()
            case cmd.Dismiss():
                self._dismiss(now)
            case cmd.PresentToken(token, method):
                self._present_token(token, method)
            case cmd.ChooseLanguage(tag):
                self.preferences.choose_language(tag, now)
            case cmd.ChooseHighContrast(on):
                self.preferences.choose_high_contrast(on, now)
            case cmd.RemoteStart(token, side):
                return self.remote_start(side.connector_id if side is not None else None, token)
            case cmd.StopSession(side, reason):
                return self._stop_for_backend(side, reason)
            case _:
                raise TypeError(f"not a station command: {command!r}")
        return True

    def _present_token(self, raw_token: str, method: AuthMethod) -> None:
        """A card (or QR/app authorization) presented to the charger."""
        now = self.clock.monotonic()
        token = normalise_token(raw_token)
        if not token or self.phase is not StationPhase.READY:
            return
        last = self._last_taps.get(token)
        if last is not None and now - last < self.config.authorization.tap_hold_off_s:
            return
        self._last_taps[token] = now
        self._handle_token(token, method, now)

    def set_reader_available(self, available: bool) -> None:
        """The RFID reader answers again (True) or failed, went away, or was never found (False).

        While it is gone, status code 012243 is in force without blocking charging and
        RFID is left out of the offered methods; the other methods keep working.
        """
        if available == self.reader_available:
            return
        self.reader_available = available
        if available:
            self._clear_code(CODE_RFID_COMMUNICATION, None)
        else:
            self._raise_code(CODE_RFID_COMMUNICATION, None, blocking=False)

    def set_default_language(self, language: str) -> bool:
        """The station's default language (OCPP ``Language``); False if the kiosk does not offer it."""
        return self.preferences.set_default_language(language)

    def set_external_limit(self, power_w: float | None, side: Side | None = None) -> None:
        """An external power limit (W) for one connector, or the station when ``side`` is None;
        None lifts it.  The seam for OCPP smart charging: the composite schedule in force.
        Like every other limit it only ever lowers the power (manual 2.1's split still holds)."""
        if power_w is not None and (not math.isfinite(power_w) or power_w < 0):
            raise ValueError(f"an external limit must be a non-negative number of watts, got {power_w!r}")
        if side is None:
            self.external_limit_w = power_w
        elif side in self.connectors:
            self.connectors[side].external_limit_w = power_w

    @property
    def interrupted_sessions(self) -> tuple[SessionRecord, ...]:
        """Sessions a crash or a power cut cut off, as stored at their last checkpoint (found at start-up)."""
        return self.recorder.interrupted

    def code_reading(self, code: str, side: Side | None) -> Measurement | None:
        """The reading an active code is about, as measured when it was raised (None: none)."""
        return self.active_codes.reading(code, side)

    def code_measurement(self, code: str, side: Side | None) -> Measurement | None:
        """The reading ``code`` is about, now (None when it is about none)."""
        connectors = [self.connectors[side]] if side in self.connectors else list(self.connectors.values())
        present = [psu for psu in self.psus if psu.present]
        return measurement(code, Readings(
            input_voltage_v=self.input_voltage_v,
            ambient_c=self.ambient_c,
            cabinet_c=self.cabinet_c,
            psu_inlet_c=tuple(psu.inlet_temperature for psu in present),
            psu_heatsink_c=tuple(psu.temperature for psu in present),
            output_v=tuple(c.output_voltage for c in connectors),
            output_a=tuple(c.output_current for c in connectors),
        ))

    def reset_counter(self, name: str) -> None:
        """A technician did the work: start ``name`` (``counters.plugs(id)``, ``counters.AIR_FILTER``)
        from zero again; its information code clears."""
        self.counters.reset(name)
        self.counters.save(self.clock.monotonic(), self.clock.now(), force=True)
        self._check_counters()

    def meter_register_wh(self, side: Side) -> float:
        """The connector's lifetime energy register (Wh): never decreases, survives restarts."""
        return self.connectors[side].meter.register_wh

    # --- the backend (OCPP) -----------------------------------------------------------
    #
    # Called on the controller's loop thread by controller.backend (the StationPort); each
    # returns at once and the screen and the hardware follow on the next tick.  What the
    # backend must hear goes into a queue (take_port_events) that the owner hands over
    # after every tick.

    def attach_backend(self, undelivered: Undelivered | None = None) -> None:
        """A central system is configured: cards are decided by the OCPP side (online
        Authorize, cache, local list, offline rules) instead of the local allow-list, and the
        station reports sessions through :meth:`take_port_events` (and records them as owed
        to the backend).  ``undelivered()``: the ids of sessions the backend has not finished
        telling the central system about, which the history keeps."""
        self.backend_configured = True
        self.recorder.backend = True
        if undelivered is not None:
            self.pruner.undelivered = undelivered

    @property
    def awaiting_backend(self) -> bool:
        """A card waits for the backend's verdict."""
        return self._authorizing is not None

    def take_port_events(self) -> list[PortEvent]:
        """The events for the backend since the last call, oldest first."""
        events, self._port_events = self._port_events, []
        return events

    def connector_by_id(self, connector_id: int) -> ConnectorRuntime | None:
        """The connector with OCPP id ``connector_id`` (1 = left), None when not fitted."""
        if connector_id < 1 or connector_id > len(Side):
            return None
        return self.connectors.get(Side(connector_id - 1))

    def authorization_decided(self, id_tag: str, decision: AuthDecision) -> None:
        """The backend's verdict on the card being authorized: proceed, or say it is invalid."""
        authorizing = self._authorizing
        if authorizing is None or authorizing.id_token != id_tag:
            log.info("a verdict on a card nobody waits for any more: ignored")
            return
        self._authorizing = None
        now = self.clock.monotonic()
        if not decision.accepted:
            log.info("card %s refused by the backend (%s, %s)", id_tag, decision.status, decision.source)
            unchecked = decision.source == "offline"  # unknown here, and nobody to ask: not "invalid"
            self._show_notice(NoticeKind.CARD_UNCHECKED if unchecked else NoticeKind.INVALID_CARD, now, is_error=True)
            return
        log.info("card %s accepted by the backend (%s)", id_tag, decision.source)
        self._grant(id_tag, authorizing.method, now, decision.parent_id_tag)

    def remote_start(self, connector_id: int | None, id_tag: str) -> bool:
        """RemoteStartTransaction (the QR code / app path): start at once on a plugged
        connector, else wait for the cable as after a card; False when that cannot start."""
        if self.phase is not StationPhase.READY or self._pending is not None or self._authorizing is not None:
            return False
        if connector_id is None:
            sides = tuple(c.side for c in self._ordered())
        else:
            connector = self.connector_by_id(connector_id)
            if connector is None:
                return False
            sides = (connector.side,)
        for side in sides:
            connector = self.connectors[side]
            if connector.machine.state is ConnectorState.PLUGGED and self._may_use(connector, id_tag, None) \
                    and not self._blocked(side):
                self.focus = side
                self._event(connector, sm.Authorized(id_tag, AuthMethod.QR))
                return connector.machine.state is ConnectorState.PREPARING
        eligible = tuple(side for side in self._eligible_for(id_tag, None) if side in sides)
        if not eligible:
            return False
        now = self.clock.monotonic()
        self._pending = _Pending(id_tag, AuthMethod.QR, now + self._plug_in_timeout_s, sides=eligible)
        self._notice = None
        log.info("remote start for %s: waiting for plug-in on %s", id_tag, ", ".join(s.label for s in eligible))
        return True

    def stop_session(self, connector_id: int, reason: str) -> bool:
        """Stop the session on ``connector_id`` for the backend (OCPP Reason ``reason``);
        False when none runs there."""
        connector = self.connector_by_id(connector_id)
        if connector is None:
            return False
        return self._stop_for_backend(connector.side, sm.StopReason.from_ocpp(reason))

    def _stop_for_backend(self, side: Side, stop: StopReason) -> bool:
        connector = self.connectors.get(side)
        if connector is None:
            return False
        state = connector.machine.state
        if state in (ConnectorState.PREPARING, ConnectorState.CHARGING):
            code = {StopReason.REMOTE: CODE_REMOTE_STOP, StopReason.SOFT_RESET: CODE_REMOTE_RESET,
                    StopReason.HARD_RESET: CODE_REMOTE_RESET}.get(stop, "")
            log.info("%s connector: stop requested by the backend (%s)", connector.side.label, stop.name)
            self._event(connector, sm.StopRequested(stop, code))
            return True
        return state is ConnectorState.STOPPING

    def unlock(self, connector_id: int) -> bool:
        """UnlockConnector: the lock opens by itself once no session holds it (a running one
        is stopped first and opens at zero current); False when a welded relay keeps it shut."""
        connector = self.connector_by_id(connector_id)
        if connector is None:
            return False
        if self._has_code(RELAY_WELDING_CODES[connector.standard], connector.side):
            return False
        return connector.machine.state not in (ConnectorState.PREPARING, ConnectorState.CHARGING)

    def set_available(self, connector_id: int, available: bool) -> None:
        """ChangeAvailability took effect: out of service (no new session) or back."""
        connector = self.connector_by_id(connector_id)
        if connector is not None and connector.operative != available:
            log.info("%s connector %s by the backend", connector.side.label,
                     "back in service" if available else "taken out of service")
            connector.operative = available

    def request_reset(self, hard: bool) -> None:
        """Restart (the sessions are already stopped): the owner (runtime or world) builds a
        new station on the next cycle; ``hard`` also restarts the hardware where it can."""
        log.warning("%s reset requested by the backend", "hard" if hard else "soft")
        self.reset_requested = "hard" if hard else "soft"

    def set_reservation(self, connector_id: int, reservation: Reservation | None) -> None:
        """Keep a connector for one driver (None: free again)."""
        connector = self.connector_by_id(connector_id)
        if connector is not None:
            connector.reservation = reservation

    def set_connection_timeout(self, seconds: float) -> None:
        """ConnectionTimeOut: how long a driver has to plug in after authorizing."""
        self._plug_in_timeout_s = float(seconds)

    def set_backend_online(self, online: bool, code: str, connecting: bool = False) -> None:
        """The backend came back or was lost: offline, ``code`` shows and QR code and app are dimmed;
        ``connecting``: the link is up but the central system has not accepted the charger yet."""
        self.backend_online = online
        self.backend_code = "" if online else code
        self.backend_connecting = connecting and not online

    def show_code(self, code: str, connector_id: int) -> None:
        """Show an information code (033903 remote start, 033904 remote stop, 033905 reset) briefly."""
        connector = self.connector_by_id(connector_id)
        side = connector.side if connector is not None else None
        self._notice = (Notice(NoticeKind.STATUS_CODE, side, False, code), self.clock.monotonic() + INFO_CODE_SECONDS)

    def set_default_price(self, price: DefaultPrice | None) -> None:
        """The backend's default price (OCA ``DefaultPrice``): its text replaces the local tariff's
        lines, and its unit prices (when it has them) the local tariff for the running cost."""
        self.default_price = price
        tariff = price.tariff(self.local_tariff.currency) if price is not None else None
        self.tariff = tariff or self.local_tariff

    def set_user_price(self, id_tag: str, text: PriceText) -> bool:
        """SetUserPrice: the price of the driver with ``id_tag`` (shown on Plug-in and while
        charging); False when that driver is nowhere to be seen."""
        for connector in self.connectors.values():
            session = connector.machine.session
            if session is not None and session.id_token == id_tag and connector.machine.state in sm.SESSION_STATES:
                connector.user_price = text
                return True
        known = (self._pending is not None and self._pending.id_token == id_tag) or (
            self._authorizing is not None and self._authorizing.id_token == id_tag)
        self._user_prices[id_tag] = text
        while len(self._user_prices) > USER_PRICES_KEPT:
            del self._user_prices[next(iter(self._user_prices))]
        return known

    def set_session_cost(self, connector_id: int, cost: BackendCost) -> bool:
        """RunningCost / FinalCost for the session on ``connector_id`` (running, or on its summary)."""
        connector = self.connector_by_id(connector_id)
        if connector is None or connector.machine.session is None:
            return False
        connector.backend_cost = cost
        connector.backend_cost_at = self.clock.monotonic()
        return True

    def set_time_offset(self, offset: TimeOffset | None) -> None:
        """OCA ``TimeOffset`` (and its next transition): the clock and dates on screen use it
        instead of ``[station].time_zone``."""
        self.time_offset = offset

    def close(self, close_store: bool = True) -> None:
        """Save every meter and session now, then close the store (clean shutdown); a restart
        (OCPP Reset) keeps the store open for the next station.  A soft reset is no power cycle:
        the codes that latch until one are kept for the next station (see :meth:`_latched`)."""
        self.recorder.flush([self._meter_state(c) for c in self._ordered()], self.clock.monotonic(), self.clock.now())
        self.counters.save(self.clock.monotonic(), self.clock.now(), force=True)
        try:
            self.store.keep_latched_codes(self._latched() if self.reset_requested == "soft" else (), self.clock.now())
        except sqlite3.Error as exc:  # a broken disk must not stop a shutdown or a restart
            log.error("station database: latched codes not kept for the next start (%s)", exc)
        if close_store:
            self.store.close()

    def tick(self) -> StationView:
        """Advance the station by one controller cycle and publish the snapshot."""
        now = self.clock.monotonic()
        if self._last_tick is not None:
            self.counters.add(ctr.AIR_FILTER, min(max(0.0, now - self._last_tick), ctr.MAX_STEP_S))
        self._last_tick = now
        self._watch_engineer(now)
        # before the machines: a session recorded in this cycle reaches the backend before a prune sees it
        self.pruner.tick(now, self.clock.now())
        if self.phase is StationPhase.INITIALIZING:
            self._run_self_test(now)
        else:
            self._expire(now)
            self._watch_boards(now)
            self._measure(now)
            self._run_machines(now)
            self._watch_stopping(now)
            self._limit_charging_time(now)
            self._allocate()
            self._record(now)
            self._check_counters()
            self.counters.save(now, self.clock.now())
            self.preferences.update(self._idle(), now)
        self._send_commands(now)
        return self.publish()

    def publish(self) -> StationView:
        """Build the snapshot and tell the listeners if it changed (also right after an intent,
        so a button press reaches the screen without waiting for the next cycle)."""
        view = self.view()
        if view != self._last_view:
            self._last_view = view
            for listener in list(self._listeners):
                listener(view)
        return view

    # --- board facts ----------------------------------------------------------------

    def _on_fact(self, fact: Fact) -> None:
        """What a board reported (controller.boards), applied."""
        match fact:
            case ConnectorBoardStatus():
                self._on_board_status(fact)
            case EvRequest():
                self._on_ev_request(fact)
            case EvLimits():
                self._on_ev_limits(fact)
            case PsuStatus():
                self.power_modules.on_status(fact)
            case PsuThermal():
                self.power_modules.on_thermal(fact)
            case IoBoardStatus():
                self._on_io_status(fact)
            case SelfTestAnswer():
                if self.phase is StationPhase.INITIALIZING:
                    self._self_test.on_answer(fact)

    def _on_board_status(self, status: ConnectorBoardStatus) -> None:
        connector = self.connectors.get(status.side)
        if connector is None:
            return
        if status.plugged != connector.plugged:
            connector.edges.append(status.plugged)
        connector.plugged = status.plugged
        connector.locked = status.locked
        connector.contactor_closed = status.contactor_closed
        connector.stage = status.stage
        connector.ev_stop_reason = status.ev_stop_reason
        code = status.status_code
        if code != connector.board_code:
            self._on_board_code(connector, connector.board_code, code)
            connector.board_code = code

    def _on_board_code(self, connector: ConnectorRuntime, old: str, new: str) -> None:
        """A connector board changed its status code: apply the fault policy (controller.fault_policy)."""
        if old:
            self._board_code_gone(connector, old)
        if not new:
            return
        action = policy.action_for(new)
        side = None if policy.station_wide(new) else connector.side
        if action is policy.Action.END_SESSION and connector.machine.state in (ConnectorState.PREPARING,
                                                                              ConnectorState.CHARGING):
            self._event(connector, sm.EvStopped(EvStopReason.EV_FAULT, new))
        self._raise_code(new, side, policy.blocks_charging(action))

    def _board_code_gone(self, connector: ConnectorRuntime, code: str) -> None:
        """The board stopped reporting ``code``: a fault stays until the charger is power-cycled,
        an EV message until the cable is out; everything else clears now."""
        action = policy.action_for(code)
        side = None if policy.station_wide(code) else connector.side
        if action is policy.Action.OUT_OF_SERVICE:
            if self._has_code(code, side):
                log.warning("status code %s no longer reported: stays until the charger is power-cycled", code)
            return
        if action is policy.Action.END_SESSION and connector.plugged:
            return  # cleared when the cable comes out (manual 5.3.6, step 1)
        self._clear_code(code, side)

    def _on_ev_request(self, request: EvRequest) -> None:
        connector = self.connectors.get(request.side)
        if connector is None:
            return
        connector.ev_voltage = request.target_voltage_v
        connector.ev_current = request.target_current_a
        connector.soc = request.soc_pct
        connector.target_soc = request.target_soc_pct

    def _on_ev_limits(self, limits: EvLimits) -> None:
        connector = self.connectors.get(limits.side)
        if connector is None:
            return
        connector.ev_max_voltage = limits.max_voltage_v
        connector.ev_max_current = limits.max_current_a
        connector.capacity_kwh = limits.battery_capacity_kwh

    def _on_io_status(self, status: IoBoardStatus) -> None:
        self._on_ambient(status.ambient_c)
        self._on_cabinet(status.cabinet_c)
        self._on_input_voltage(status.ac_input_v)
        for button in self._buttons.update(status.left_button, status.right_button, self.clock.monotonic()):
            if self.phase is StationPhase.READY:
                self.submit(cmd.PressLeft() if button is Button.LEFT else cmd.PressRight())
        self._set_condition("estop", status.emergency_stop, CODE_EMERGENCY_STOP, StopReason.EMERGENCY_STOP)
        self._set_condition("door_open", status.door_open, CODE_DOOR_OPEN, StopReason.FAULT)
        self._set_condition("tilt", status.tilt, CODE_BREAKER_TRIP, StopReason.FAULT)

    def _on_ambient(self, celsius: float) -> None:
        """Derating from [limits].derating_start_c (see _supply); at over_temperature_c charging
        stops with 012223 until the air is temperature_hysteresis_c cooler (manual 5.3.4)."""
        self.ambient_c = celsius
        self._station_temperature("over_temperature", celsius, self.config.limits.over_temperature_c,
                                  CODE_AMBIENT_OTP)

    def _on_cabinet(self, celsius: float) -> None:
        """At [limits].cabinet_over_temperature_c inside the cabinet charging stops with 012224
        (system critical point OTP) until it is temperature_hysteresis_c cooler (manual 5.3.4)."""
        self.cabinet_c = celsius
        self._station_temperature("cabinet_hot", celsius, self.config.limits.cabinet_over_temperature_c,
                                  CODE_CABINET_OTP)

    def _station_temperature(self, condition: str, celsius: float, limit_c: float, code: str) -> None:
        """A station-wide temperature: over ``limit_c`` it is a safety condition (see _set_condition)."""
        hot = over_temperature(celsius, getattr(self, condition), limit_c, self.config.limits.temperature_hysteresis_c)
        self._set_condition(condition, hot, code, StopReason.FAULT)

    def _set_condition(self, attribute: str, active: bool, code: str, reason: StopReason) -> None:
        """A station-wide safety input: stop everything at once while it is active."""
        if active == getattr(self, attribute):
            return
        setattr(self, attribute, active)
        if active:
            log.warning("safety input %s active: raising %s", attribute, code)
            self._raise_code(code, None, blocking=True, reason=reason)
            self._send_commands(self.clock.monotonic(), force=True)  # output off now, not next cycle
        else:
            self._clear_code(code, None)

    # --- self-test and watchdog (controller.self_test) ----------------------------------

    def _run_self_test(self, now: float) -> None:
        """Run the self-test (controller.self_test); once it is over the station is Ready, and a
        session a power cut ended shows its summary."""
        if not self._self_test.run(now):
            return
        self.phase = StationPhase.READY
        self.power_modules.update_resource()
        self.power_modules.check_quantity()
        test = self._self_test
        log.info("self-test complete: %d/%d boards answered", len(test.answered), len(test.expected))
        interrupted = {record.connector_id: record for record in self.interrupted_sessions}
        for connector in self._ordered():
            record = interrupted.get(connector.side.connector_id)
            self._event(connector, sm.Ready(self._interrupted_session(record, now) if record else None))

    def _interrupted_session(self, record: SessionRecord, now: float) -> sm.Session:
        """A session a power cut ended, as its summary shows it (energy and time up to its last checkpoint)."""
        charged_s = max(0.0, (record.updated_at - record.started_at).total_seconds())
        try:
            method = AuthMethod(record.method)
        except ValueError:
            method = AuthMethod.RFID
        return sm.Session(id_token=record.id_token, method=method, authorized_at=now - charged_s,
                          authorized_wall=record.started_at, charging_since=now - charged_s,
                          start_soc=record.start_soc, end_soc=record.soc, energy_wh=record.energy_wh,
                          stop_reason=StopReason.POWER_LOSS, ended_at=now, ended_wall=record.updated_at)

    def _watch_boards(self, now: float) -> None:
        """The watchdog (controller.self_test): a board fallen silent raises its communication code."""
        self._self_test.watch(now)

    def _healthy_psus(self) -> list[int]:
        return self.power_modules.healthy()

    # --- codes (controller.active_codes) ---------------------------------------------

    @property
    def codes(self) -> list[ActiveCode]:
        """The status codes in force, newest first."""
        return self.active_codes.active

    @property
    def code_history(self) -> deque[CodeEvent]:
        """Status codes raised and cleared (the engineer screen's recent codes), newest last."""
        return self.active_codes.history

    def _has_code(self, code: str, side: Side | None) -> bool:
        return self.active_codes.has(code, side)

    def _raise_code(self, code: str, side: Side | None, blocking: bool, reason: StopReason = StopReason.FAULT) -> None:
        self.active_codes.raise_code(code, side, blocking, reason)

    def _stop_for_code(self, code: str, side: Side | None, reason: StopReason) -> None:
        """A blocking code was raised: stop the sessions on ``side`` (every one for the station's)."""
        for connector in self._ordered():
            if side is None or connector.side == side:
                self._event(connector, sm.StopRequested(reason, code))

    def _latched(self) -> list[LatchedCode]:
        """The codes in force that latch until a power cycle, as kept across a soft reset."""
        return self.active_codes.latched(self.power_modules.fault_codes())

    def _restore_latched(self, latched: LatchedCode) -> None:
        """At start-up: a code a soft reset kept is in force again before the self-test, as it
        was (its connector, its reading, the power module it keeps out)."""
        self.power_modules.restore(latched)
        self.active_codes.restore(latched)

    def _clear_code(self, code: str, side: Side | None) -> None:
        self.active_codes.clear(code, side)

    def _blocked(self, side: Side) -> bool:
        return self.active_codes.blocked(side)

    def _codes_for(self, side: Side) -> tuple[str, ...]:
        return self.active_codes.for_side(side)

    # --- intents --------------------------------------------------------------------

    def _press_left(self, now: float) -> None:
        """Left button: Home / Stop charge (manual 1 and 5.2.3).  The physical one comes here on
        its release, never from the both-buttons gesture (controller.buttons)."""
        if self._pending is not None or self._authorizing is not None:
            self._cancel_pending()
            return
        connector = self.connectors[self.focus]
        if connector.machine.state in (ConnectorState.PREPARING, ConnectorState.CHARGING):
            self._event(connector, sm.StopRequested(StopReason.STOP_BUTTON))
        elif connector.machine.state is ConnectorState.FINISHED:
            self._event(connector, sm.Dismissed())
        self._notice = None

    def _press_right(self) -> None:
        """Right button: select the other connector (dual models)."""
        sides = list(self.connectors)
        if len(sides) > 1:
            self.focus = sides[(sides.index(self.focus) + 1) % len(sides)]

    def _select(self, side: Side) -> None:
        if side in self.connectors:
            self.focus = side

    def _stop_by_touch(self, side: Side, now: float) -> None:
        connector = self.connectors.get(side)
        if connector is not None and connector.machine.state in (ConnectorState.PREPARING, ConnectorState.CHARGING):
            self.focus = side
            self._event(connector, sm.StopRequested(StopReason.STOP_BUTTON))

    def _cancel_pending(self) -> None:
        if self._pending is not None or self._authorizing is not None:
            log.info("pending authorization cancelled")
        self._pending = None
        self._authorizing = None  # its verdict is ignored when it comes

    def _dismiss(self, now: float) -> None:
        self._notice = None
        connector = self.connectors[self.focus]
        if connector.machine.state is ConnectorState.FINISHED:
            self._event(connector, sm.Dismissed())

    def _handle_token(self, token: str, method: AuthMethod, now: float) -> None:
        # 1. The card that started a running session stops it (manual 5.2.5); tapped
        #    again while that session winds down, it only brings its connector to front.
        for connector in self._ordered():
            session = connector.machine.session
            if session is None or session.id_token != token or session.summary_dismissed:
                continue
            self.focus = connector.side
            if connector.machine.state in (ConnectorState.PREPARING, ConnectorState.CHARGING):
                self._event(connector, sm.StopRequested(StopReason.CARD, id_token=token))
            return
        if self._authorizing is not None:
            return  # one card at a time: the first one's verdict is on its way
        # 2. Otherwise it must be a valid card: the backend decides when there is one (online,
        #    cache, local list, offline rules; "Authorizing ..." meanwhile), else the allow-list.
        if self.backend_configured:
            waiting = self._waiting_for(token, None)
            self._authorizing = _Authorizing(token, method, now + self._authorization_timeout_s)
            self._notice = None
            self._port_events.append(AuthorizeRequest(token, waiting[0].side.connector_id if waiting else None))
            log.info("card %s: asking the backend", token)
            return
        if self.authorizer.authorize(token) is not AuthStatus.ACCEPTED:
            log.info("card %s rejected", token)
            self._show_notice(NoticeKind.INVALID_CARD, now, is_error=True)
            return
        self._grant(token, method, now, None)

    def _grant(self, token: str, method: AuthMethod, now: float, parent_id_tag: str | None) -> None:
        """An authorized card: start on a connector already plugged and waiting, else wait for a cable."""
        # 3. A connector already plugged and waiting: the focused one, else left first.
        waiting = self._waiting_for(token, parent_id_tag)
        if waiting:
            connector = waiting[0]
            self.focus = connector.side
            self._event(connector, sm.Authorized(token, method))
            return
        # 4. A free connector: authorize first, plug in next (Plug-in screen).
        if self._eligible_for(token, parent_id_tag):
            self._pending = _Pending(token, method, now + self._plug_in_timeout_s, parent_id_tag)
            log.info("authorized %s, waiting for plug-in", token)
            return
        busy = any(c.machine.state in sm.SESSION_STATES for c in self.connectors.values())
        reserved = any(c.reservation is not None and not self._blocked(c.side) for c in self.connectors.values())
        if reserved:
            kind = NoticeKind.RESERVED
        else:
            kind = NoticeKind.CARD_NOT_FOR_SESSION if busy else NoticeKind.NO_CONNECTOR_FREE
        self._show_notice(kind, now, is_error=True)

    def _waiting_for(self, token: str, parent_id_tag: str | None) -> list[ConnectorRuntime]:
        """Connectors plugged in and waiting for an authorization this card may give (focused first)."""
        waiting = [c for c in self._ordered() if c.machine.state is ConnectorState.PLUGGED
                   and not self._blocked(c.side) and self._may_use(c, token, parent_id_tag)]
        waiting.sort(key=lambda c: c.side != self.focus)
        return waiting

    @staticmethod
    def _may_use(connector: ConnectorRuntime, token: str, parent_id_tag: str | None) -> bool:
        """A reserved connector takes only its reservation's id tag (or one of the same group)."""
        reservation = connector.reservation
        if reservation is None:
            return True
        return token == reservation.id_tag or (
            parent_id_tag is not None and parent_id_tag == reservation.parent_id_tag)

    def _idle(self) -> bool:
        """Nobody is using the charger: every connector free (or reserved, or out of service)
        and unplugged, nothing pending."""
        return self._pending is None and self._authorizing is None and all(
            c.machine.state in _RESTING and not c.plugged for c in self.connectors.values())

    def _eligible_for(self, token: str, parent_id_tag: str | None) -> tuple[Side, ...]:
        """Free connectors (not plugged, in service, not blocked) where this card may start."""
        return tuple(
            c.side for c in self._ordered()
            if c.machine.state in (ConnectorState.AVAILABLE, ConnectorState.RESERVED) and c.operative
            and not self._blocked(c.side) and self._may_use(c, token, parent_id_tag))

    def _eligible_for_plug_in(self) -> tuple[Side, ...]:
        """Where the pending authorization may start (the Plug-in screen lists them)."""
        pending = self._pending
        if pending is None:
            return ()
        eligible = self._eligible_for(pending.id_token, pending.parent_id_tag)
        return tuple(side for side in eligible if pending.sides is None or side in pending.sides)

    def _show_notice(self, kind: NoticeKind, now: float, is_error: bool = False, side: Side | None = None) -> None:
        self._notice = (Notice(kind, side, is_error), now + NOTICE_SECONDS)

    # --- the engineer screen ------------------------------------------------------------

    def _open_pin_pad(self, now: float, how: str) -> None:
        if self._engineer is not None:
            return
        if not self.engineer_lock.configured:
            log.warning("engineer screen asked for (%s) but [engineer].pin_hash is not set: it cannot be opened "
                        "until a PIN is configured (evse-hmi engineer-pin)", how)
            return
        log.info("engineer PIN pad opened (%s)", how)
        self._engineer = _Engineer(last_activity=now)

    def _engineer_command(self, command: cmd.Command, now: float) -> None:
        if isinstance(command, cmd.OpenEngineer):
            self._open_pin_pad(now, "long press")
            return
        engineer = self._engineer
        if engineer is None:
            return
        engineer.last_activity = now
        if isinstance(command, cmd.EngineerExit | cmd.PinCancel):
            self._close_engineer("exit")
        elif engineer.open:
            match command:
                case cmd.PressLeft():
                    self._close_engineer("left button")
                case cmd.PressRight():
                    engineer.page = (engineer.page + 1) % ENGINEER_PAGES
                case cmd.EngineerPage(index):
                    engineer.page = index % ENGINEER_PAGES
                case cmd.EngineerLookup(query):
                    engineer.query = query.strip()[:40]
                    engineer.page = ENGINEER_PAGES - 1
        else:
            match command:
                case cmd.PinDigit(digit) if len(digit) == 1 and digit in "0123456789":
                    self._pin_digit(engineer, digit)
                case cmd.PinErase():
                    engineer.digits = engineer.digits[:-1]
                case cmd.PinSubmit():
                    self._pin_submit(engineer, now)
                case cmd.PressRight():  # the buttons: right moves the selection 0..9, OK, Cancel
                    engineer.cursor = (engineer.cursor + 1) % (PIN_CANCEL + 1)
                case cmd.PressLeft() if engineer.cursor == PIN_OK:  # ... left takes it
                    self._pin_submit(engineer, now)
                case cmd.PressLeft() if engineer.cursor == PIN_CANCEL:
                    self._close_engineer("cancel")
                case cmd.PressLeft():
                    self._pin_digit(engineer, str(engineer.cursor))

    @staticmethod
    def _pin_digit(engineer: _Engineer, digit: str) -> None:
        if len(engineer.digits) < 8:
            engineer.digits += digit
            engineer.message = ""

    def _pin_submit(self, engineer: _Engineer, now: float) -> None:
        pin, engineer.digits, engineer.cursor = engineer.digits, "", 0
        try:
            result = self.engineer_lock.try_pin(pin, now)
        except PinError:
            log.exception("engineer PIN not checked")
            result = PinResult.NOT_CONFIGURED
        if result is PinResult.ACCEPTED:
            log.warning("engineer screen opened")
            engineer.open, engineer.message = True, ""
        elif result is PinResult.NOT_CONFIGURED:
            self._close_engineer("no usable [engineer].pin_hash")
        else:
            log.warning("wrong engineer PIN (%d in a row)%s", self.engineer_lock.failures,
                        ": locked" if result is PinResult.LOCKED else "")
            engineer.message = "locked" if result is PinResult.LOCKED else "wrong"

    def _close_engineer(self, why: str) -> None:
        if self._engineer is not None:
            log.info("engineer %s closed (%s)", "screen" if self._engineer.open else "PIN pad", why)
        self._engineer = None

    def _watch_engineer(self, now: float) -> None:
        """The both-buttons gesture, and the automatic exit after inactivity."""
        if self._buttons.gesture(now):
            self._open_pin_pad(now, "both buttons held")
        engineer = self._engineer
        if engineer is not None and now - engineer.last_activity >= self.config.engineer.idle_timeout_s:
            self._close_engineer("inactivity")

    def _pin_pad(self, now: float) -> PinPad | None:
        engineer = self._engineer
        if engineer is None or engineer.open:
            return None
        locked = self.engineer_lock.seconds_locked(now)
        message = engineer.message if engineer.message != "locked" or locked else ""
        return PinPad(len(engineer.digits), engineer.cursor, message, locked if message == "locked" else 0)

    def _engineer_view(self, now: float) -> EngineerView | None:
        engineer = self._engineer
        if engineer is None or not engineer.open:
            return None
        station = self.config.station
        results = self._self_test_results
        boards = tuple((node, results.get(node, "missing")) for node in sorted(self._self_test.expected))
        connectors = tuple(BusConnector(
            side=c.side, standard=c.standard, state=c.machine.state.value, stage=int(c.stage), plugged=c.plugged,
            locked=c.locked, contactor_closed=c.contactor_closed, voltage_v=round(c.output_voltage, 1),
            current_a=round(c.output_current, 1), power_w=round(c.output_voltage * c.output_current),
            soc=c.soc if c.plugged else None, ev_target_v=round(c.ev_voltage, 1), ev_target_a=round(c.ev_current, 1),
            board_code=c.board_code, energy_register_wh=round(c.meter.register_wh)) for c in self._ordered())
        psus = tuple(BusPsu(p.index, p.present, p.enabled, p.routed_to, round(p.voltage, 1), round(p.current, 1),
                            round(p.temperature, 1), p.fault_code) for p in self.psus)
        safety = tuple(name for name, on in (("emergency stop", self.estop), ("door open", self.door_open),
                                              ("tilt", self.tilt)) if on)
        return EngineerView(
            firmware_version=station.firmware_version,
            serial_number=station.serial_number,
            boards=boards,
            connectors=connectors,
            psus=psus,
            ambient_c=round(self.ambient_c, 1),
            input_voltage_v=round(self.input_voltage_v),
            safety=safety,
            recent=tuple(reversed(self.code_history)),
            backend_configured=self.backend_configured,
            backend_online=self.backend_online,
            backend_code=self.backend_code,
            backend_url=self.config.ocpp.url,
            page=engineer.page,
            query=engineer.query,
            results=_look_up(engineer.query),
            seconds_left=max(0, math.ceil(engineer.last_activity + self.config.engineer.idle_timeout_s - now)),
            counters=self._counter_lines(),
        )

    def _counter_lines(self) -> tuple[tuple[str, int, int], ...]:
        """The maintenance counters with their limits, for the engineer screen."""
        maintenance = self.config.maintenance
        lines = []
        for connector in self._ordered():
            limit = maintenance.plug_limit_left if connector.side is Side.LEFT else maintenance.plug_limit_right
            count = int(self.counters.get(ctr.plugs(connector.side.connector_id)))
            lines.append((f"{connector.side.label} plug-ins ({connector.standard.display_name})", count, limit))
        lines.append(("air-filter hours", int(self.counters.get(ctr.AIR_FILTER) // 3600), maintenance.air_filter_hours))
        return tuple(lines)

    # --- the cycle ------------------------------------------------------------------

    def _ordered(self) -> list[ConnectorRuntime]:
        """Connectors left first: the left connector has priority (manual 5.2.3)."""
        return [self.connectors[side] for side in sorted(self.connectors)]

    def _expire(self, now: float) -> None:
        if self._notice is not None and now >= self._notice[1]:
            self._notice = None
        if self._pending is not None and now >= self._pending.expires_at:
            log.info("no connector plugged in time: back to Home")
            self._pending = None
            self._show_notice(NoticeKind.PLUG_IN_TIMEOUT, now)
        if self._pending is not None and not self._eligible_for_plug_in():
            self._pending = None
        if self._authorizing is not None and now >= self._authorizing.expires_at:
            log.warning("no verdict on card %s from the backend: refused", self._authorizing.id_token)
            self._authorizing = None
            self._show_notice(NoticeKind.INVALID_CARD, now, is_error=True)

    def _measure(self, now: float) -> None:
        """The connectors' output from the modules' readings, into the meters and the sessions."""
        for connector in self.connectors.values():
            fed = [psu for psu in self.psus if psu.routed_to == connector.side and psu.present]
            connector.output_current = sum(psu.current for psu in fed)
            # parallel modules read the same voltage, each with its own error: average those delivering
            readings = [psu.voltage for psu in fed if psu.current >= sm.ZERO_CURRENT_A] or [psu.voltage for psu in fed]
            connector.output_voltage = sum(readings) / len(readings) if readings else 0.0
            added = connector.meter.read(now, connector.output_voltage, connector.output_current)
            machine = connector.machine
            if machine.session is not None and machine.state in sm.SESSION_STATES and added > 0:
                connector.machine = replace(machine, session=replace(machine.session,
                                                                     energy_wh=machine.session.energy_wh + added))
            if machine.state is ConnectorState.CHARGING:
                connector.history.add(now, added)

    def _record(self, now: float) -> None:
        wall = self.clock.now()
        for connector in self._ordered():
            self.recorder.tick(self._meter_state(connector), now, wall)

    def _meter_state(self, connector: ConnectorRuntime) -> MeterState:
        return MeterState(connector.side.connector_id, connector.machine, connector.meter.register_wh,
                          connector.soc if connector.plugged else None)

    def _run_machines(self, now: float) -> None:
        focus_target: Side | None = None  # the first (leftmost) connector that wants the screen wins
        for connector in self._ordered():
            focus = self.focus
            wants = None
            for plugged in connector.edges:
                result = self._on_plug_edge(connector, plugged)
                wants = result if result is not None else wants
            connector.edges.clear()
            self.focus = focus
            if wants is not None and focus_target is None:
                focus_target = wants
            if connector.stage != connector.reported_stage:
                connector.reported_stage = connector.stage
                self._event(connector, sm.StageReported(connector.stage))
            if (
                connector.stage == BoardStage.STOPPING
                and connector.ev_stop_reason != EvStopReason.NONE
                and connector.machine.state in (ConnectorState.PREPARING, ConnectorState.CHARGING)
            ):
                self._event(connector, sm.EvStopped(connector.ev_stop_reason, connector.board_code))
            self._event(connector, sm.Tick())
        if focus_target is not None:
            self.focus = focus_target

    def _on_plug_edge(self, connector: ConnectorRuntime, plugged: bool) -> Side | None:
        """Apply a plug or unplug; returns the connector the screen should show now, if any."""
        if not plugged:
            for code in [c.code for c in self.codes if c.side == connector.side]:
                if policy.action_for(code) is policy.Action.END_SESSION and code != connector.board_code:
                    self._clear_code(code, connector.side)
            was_finished = connector.machine.state is ConnectorState.FINISHED
            self._event(connector, sm.Unplugged())
            if was_finished and self.focus == connector.side:
                return self._active_other(connector.side)
            return None
        self.counters.add(ctr.plugs(connector.side.connector_id), 1)
        self.counters.save(self.clock.monotonic(), self.clock.now(), force=True)
        self._check_counters()
        eligible = self._eligible_for_plug_in()  # before the plug makes the connector busy
        self._event(connector, sm.Plugged())
        if connector.machine.state is not ConnectorState.PLUGGED:
            return None
        pending = self._pending
        if pending is not None and connector.side in eligible:
            self._pending = None
            self._event(connector, sm.Authorized(pending.id_token, pending.method))
        return connector.side

    def _active_other(self, side: Side) -> Side | None:
        """After unplugging, the other connector's charging page if it has a session (5.2.6)."""
        for other in self._ordered():
            if other.side != side and other.machine.state in sm.SESSION_STATES | {ConnectorState.FINISHED}:
                return other.side
        return None

    def _event(self, connector: ConnectorRuntime, event: sm.Event) -> None:
        before = connector.machine.state
        facts = sm.Facts(
            plugged=connector.plugged,
            blocked=self._blocked(connector.side),
            stage=connector.stage,
            contactor_closed=connector.contactor_closed,
            output_current=connector.output_current,
            soc=connector.soc,
            summary_timeout_s=self.config.limits.summary_timeout_s,
            operative=connector.operative,
            reserved=connector.reservation is not None,
        )
        connector.machine = sm.step(connector.machine, event, facts, self.clock.monotonic(), self.clock.now())
        after = connector.machine.state
        if after is not before:
            log.info("%s connector: %s -> %s on %s", connector.side.label, before.value, after.value,
                     type(event).__name__)
            # recorded first: the backend hears of a session the store has (and of its id)
            self.recorder.changed(self._meter_state(connector), self.clock.monotonic(), self.clock.now())
            if after is ConnectorState.PREPARING:
                connector.history.reset()
                self._session_began(connector)
            elif before is ConnectorState.STOPPING and after is ConnectorState.FINISHED:
                self._session_ended(connector)
            elif after in _RESTING:
                connector.backend_cost = None
                connector.user_price = None
            if after in (ConnectorState.PREPARING, ConnectorState.FINISHED):
                self.focus = connector.side  # the screen follows the connector that needs the driver

    def _session_began(self, connector: ConnectorRuntime) -> None:
        """Authorized, plugged and recorded: the backend hears of it (StartTransaction)."""
        session = connector.machine.session
        connector.backend_cost = None
        connector.user_price = self._user_prices.pop(session.id_token, None) if session else None
        if session is None or not self.backend_configured:
            return
        connector_id = connector.side.connector_id
        self._port_events.append(SessionStarted(connector_id, session.id_token, round(connector.meter.register_wh),
                                                self.clock.now(), self.recorder.session_id(connector_id)))

    def _session_ended(self, connector: ConnectorRuntime) -> None:
        """Current zero, unlocked: the backend hears of it (StopTransaction, with why and who)."""
        session = connector.machine.session
        if session is None or not self.backend_configured:
            return
        reason = session.stop_reason.ocpp if session.stop_reason else StopReason.OTHER.ocpp
        self._port_events.append(SessionStopped(connector.side.connector_id, round(connector.meter.register_wh),
                                                self.clock.now(), reason, session.stopped_by or None))

    def _watch_stopping(self, now: float) -> None:
        """A stop that never reaches zero current means a welded relay: keep locked, raise it."""
        for connector in self.connectors.values():
            session = connector.machine.session
            if connector.machine.state is not ConnectorState.STOPPING or session is None:
                continue
            if session.stop_requested_at is None:
                continue
            if now - session.stop_requested_at >= self.config.limits.stop_timeout_s:
                self._raise_code(RELAY_WELDING_CODES[connector.standard], connector.side, blocking=True)

    def _limit_charging_time(self, now: float) -> None:
        """[limits].max_charging_minutes: a session stops at it with 013601 (0 = no limit)."""
        limit_s = self.config.limits.max_charging_minutes * 60
        if not limit_s:
            return
        for connector in self._ordered():
            session = connector.machine.session
            if connector.machine.state is ConnectorState.CHARGING and session is not None \
                    and session.duration_s(now) >= limit_s:
                log.info("%s connector: maximum charging time reached", connector.side.label)
                self._event(connector, sm.StopRequested(StopReason.TIME_LIMIT, ctr.CODE_TIME_UP))

    def _check_counters(self) -> None:
        """Information codes for the maintenance counters at their limits (013602-013605)."""
        maintenance = self.config.maintenance
        for connector in self._ordered():
            limit = maintenance.plug_limit_left if connector.side is Side.LEFT else maintenance.plug_limit_right
            reached = limit > 0 and self.counters.get(ctr.plugs(connector.side.connector_id)) >= limit
            self._set_information(ctr.PLUG_LIMIT_CODES[connector.standard], connector.side, reached)
        hours = maintenance.air_filter_hours
        due = hours > 0 and self.counters.get(ctr.AIR_FILTER) >= hours * 3600
        self._set_information(ctr.CODE_AIR_FILTER, None, due)

    def _set_information(self, code: str, side: Side | None, active: bool) -> None:
        if active:
            self._raise_code(code, side, blocking=False)
        elif self._has_code(code, side):
            self._clear_code(code, side)

    def _allocate(self) -> None:
        demands: list[Demand] = []
        for connector in self._ordered():
            if not self._output_allowed(connector):
                continue
            demands.append(Demand(
                side=connector.side,
                envelope=connector.standard.envelope,
                ev_voltage=connector.ev_voltage,
                ev_current=connector.ev_current,
                precharge=connector.machine.state is ConnectorState.PREPARING,
                external_limit_w=connector.external_limit_w,
            ))
        grants = allocate(demands, self._supply())
        by_side = {grant.side: grant for grant in grants}
        for connector in self.connectors.values():
            connector.grant = by_side.get(connector.side)

    def _supply(self) -> Supply:
        """What the station can give now: its healthy modules and the station-wide limits."""
        limits = self.config.limits
        max_w = limits.max_power_kw * 1000
        healthy = set(self._healthy_psus())
        return Supply(
            psus=tuple(Psu(psu.index, psu.rated_w) for psu in self.psus if psu.index in healthy),
            max_power_w=max_w,
            temperature_limit_w=max_w * ambient_derating(self.ambient_c, limits.derating_start_c,
                                                         limits.derating_end_c),
            input_limit_w=input_power_limit_w(self.input_voltage_v, limits.input_voltage_v,
                                              limits.max_input_current_a),
            external_limit_w=self.external_limit_w,
        )

    def _on_input_voltage(self, volts: float) -> None:
        """The AC supply: out of the rated range, the output stays off and a code says why."""
        self.input_voltage_v = volts
        if self.phase is not StationPhase.READY:
            return
        in_range = input_in_range(volts, self.config.limits.input_voltage_v)
        low = in_range is False and volts < self.config.limits.input_voltage_v
        high = in_range is False and not low
        for code, active in ((CODE_INPUT_UVP, low), (CODE_INPUT_OVP, high)):
            if active and not self._has_code(code, None):
                log.warning("AC input at %.0f V is out of range: raising %s", volts, code)
                self._raise_code(code, None, blocking=False)
            elif not active:
                self._clear_code(code, None)

    def _output_allowed(self, connector: ConnectorRuntime) -> bool:
        """Output only when authorized, plugged, locked, and precharging or charging, with no blocking code."""
        state = connector.machine.state
        if self._blocked(connector.side) or not (connector.plugged and connector.locked):
            return False
        if state is ConnectorState.CHARGING:
            return connector.contactor_closed
        return state is ConnectorState.PREPARING and connector.stage == BoardStage.PRECHARGE

    # --- commands -------------------------------------------------------------------

    def _send_commands(self, now: float, force: bool = False) -> None:
        if force:  # a safety input changed between ticks: recompute output permission now
            for connector in self.connectors.values():
                if connector.grant is not None and not self._output_allowed(connector):
                    connector.grant = None
        for side in Side:
            self.boards.send(self._board_command(side), now, force)
        # break before make (controller.power.route): a module changes connector only at zero current
        relays = [Relay(psu.index, psu.routed_to, psu.current) for psu in self.psus]
        grants = [c.grant for c in self.connectors.values() if c.grant is not None]
        for command in route(relays, grants):
            self.psus[command.index].routed_to = command.connector
            self.boards.send(command, now, force)
        leds = {side: self._led(connector) for side, connector in self.connectors.items()}
        self.boards.send(LedCommand(leds.get(Side.LEFT, LED_OFF), leds.get(Side.RIGHT, LED_OFF)), now, force)

    def _board_command(self, side: Side) -> ConnectorBoardCommand:
        """What the connector board on ``side`` is told (controller.board_commands); idle without one."""
        connector = self.connectors.get(side)
        if connector is None:
            return ConnectorBoardCommand(side)
        return connector_command(side, state=connector.machine.state, stage=connector.stage,
                                 standard=connector.standard, grant=connector.grant,
                                 output_current_a=connector.output_current,
                                 contactor_closed=connector.contactor_closed, estop=self.estop,
                                 blocked=self._blocked(side))

    def _led(self, connector: ConnectorRuntime) -> Led:
        """The connector's LED (controller.board_commands.led)."""
        return led(connector.machine.state, initializing=self.phase is StationPhase.INITIALIZING,
                   blocked=self._blocked(connector.side), pending=self._pending is not None)

    # --- the snapshot ---------------------------------------------------------------

    def view(self) -> StationView:
        now = self.clock.monotonic()
        wall = self.clock.now()
        test = self._self_test
        expected = max(1, len(test.expected))
        pending = None
        if self._pending is not None:
            pending = PendingAuthorization(
                method=self._pending.method,
                eligible=self._eligible_for_plug_in(),
                seconds_left=max(0, math.ceil(self._pending.expires_at - now)),
                price_text=self._user_prices.get(self._pending.id_token),
            )
        notice = self._notice[0] if self._notice else None
        if self._authorizing is not None:
            notice = Notice(NoticeKind.AUTHORIZING)
        template = self.config.authorization.qr_url_template
        cp_id = self.config.station.charge_point_id
        preferences = self.preferences.current
        return StationView(
            phase=self.phase,
            init_progress=1.0 if self.phase is StationPhase.READY else len(test.answered) / expected,
            init_step=self._init_step(),
            version=self.config.station.version,
            charge_point_id=cp_id,
            model=self.config.station.model,
            connectors=tuple(self._connector_view(c, now) for c in self._ordered()),
            focused=self.focus,
            pending=pending,
            notice=notice,
            codes=tuple(self.codes),
            methods=self._methods(),
            currency=self.tariff.currency,
            energy_price=self.tariff.energy_per_kwh,
            session_fee=self.tariff.session_fee,
            time_price=self.tariff.per_minute,
            qr_payloads=tuple(
                template.format(charge_point_id=cp_id, connector_id=c.side.connector_id) for c in self._ordered()
            ),
            wall_minute=wall.replace(second=0, microsecond=0),
            online=self.backend_online,
            max_power_w=round(self.config.limits.max_power_kw * 1000),
            idle_price=self.tariff.idle_per_minute,
            idle_grace_minutes=self.tariff.idle_grace_minutes,
            language=preferences.language,
            languages=self.preferences.offered,
            high_contrast=preferences.high_contrast,
            price_text=self._price_text(),
            backend_configured=self.backend_configured,
            backend_code=self.backend_code,
            backend_connecting=self.backend_connecting,
            methods_offered=frozenset(AuthMethod(m) for m in self.config.authorization.methods),
            utc_offset_minutes=self.time_offset.minutes_at(wall) if self.time_offset else None,
            vendor_code_mode=self.config.ocpp.vendor_error_code,
            pin_pad=self._pin_pad(now),
            engineer=self._engineer_view(now),
        )

    def _price_text(self) -> PriceText | None:
        """The backend's default price text (its offline variant while it is unreachable)."""
        price = self.default_price
        if price is None:
            return None
        if self.backend_configured and not self.backend_online and price.offline_text is not None:
            return price.offline_text
        return price.text

    def _methods(self) -> frozenset[AuthMethod]:
        methods = {AuthMethod(m) for m in self.config.authorization.methods}
        if not self.reader_available:
            methods.discard(AuthMethod.RFID)
        if self.backend_configured and not self.backend_online:
            methods -= {AuthMethod.QR, AuthMethod.APP}  # both need the backend (manual 5.3.7: 033900)
        if any(policy.action_for(c.code) is policy.Action.NETWORK for c in self.codes):
            methods -= {AuthMethod.QR, AuthMethod.APP}  # no network module (manual 5.3.4: 012241-012244)
        return frozenset(methods)

    def _init_step(self) -> str:
        if self.phase is StationPhase.READY:
            return "ready"
        missing = self._self_test.expected - self._self_test.answered
        steps = (("IOB", "io_board"), ("CB_", "connectors"), ("PSU_", "power_modules"), ("LEDB", "led_board"))
        for prefix, step in steps:
            if any(node.startswith(prefix) for node in missing):
                return step
        return "ready"

    def _connector_view(self, connector: ConnectorRuntime, now: float) -> ConnectorView:
        machine = connector.machine
        state = machine.state.value
        if self._blocked(connector.side) and machine.state not in sm.SESSION_STATES | {ConnectorState.FINISHED}:
            state = "faulted"
        colour, pattern = self._led(connector)
        grant = connector.grant
        charging = machine.state is ConnectorState.CHARGING
        power = connector.output_voltage * connector.output_current if machine.state in sm.SESSION_STATES else 0.0
        return ConnectorView(
            side=connector.side,
            standard=connector.standard,
            state=state,
            led_colour=colour,
            led_pattern=pattern,
            plugged=connector.plugged,
            stage=int(connector.stage),
            soc=connector.soc if connector.plugged else None,
            target_soc=connector.target_soc if connector.plugged else None,
            power_w=round(power / 100) * 100,
            voltage_dv=round(connector.output_voltage * 10) if machine.state in sm.SESSION_STATES else 0,
            current_da=round(connector.output_current * 10) if machine.state in sm.SESSION_STATES else 0,
            max_power_w=round(grant.power_limit_w) if grant else 0,
            limit=grant.limit if grant and charging else Limit.EV,
            shared_power=bool(grant and grant.shared),
            eta_seconds=self._eta(connector, power) if charging else None,
            session=self._session_view(connector, now),
            codes=self._codes_for(connector.side),
            power_history=connector.history.points(power if machine.state in sm.SESSION_STATES else None),
        )

    def _session_view(self, connector: ConnectorRuntime, now: float) -> SessionView | None:
        machine = connector.machine
        session = machine.session
        if session is None:
            return None
        seconds = session.duration_s(now)
        idle = 0
        if machine.state is ConnectorState.FINISHED and connector.plugged and session.ended_at is not None:
            idle = int(now - session.ended_at)
        receipt = self.config.tariff.receipt_url_template
        if receipt and session.ended_wall is not None:
            cp_id = self.config.station.charge_point_id
            receipt = receipt.format(charge_point_id=cp_id, connector_id=connector.side.connector_id,
                                     session_id=session_id(cp_id, connector.side.connector_id,
                                                           session.authorized_wall))
        else:
            receipt = ""
        return SessionView(
            energy_wh=int(session.energy_wh),
            charging_seconds=int(seconds),
            start_soc=session.start_soc,
            end_soc=session.end_soc,
            cost=None if self.tariff.is_free else self.tariff.cost(session.energy_wh, seconds, idle),
            stop_reason=session.stop_reason.key if session.stop_reason else "",
            stop_code=session.stop_code,
            summary_dismissed=session.summary_dismissed,
            authorized_by_card=session.method is AuthMethod.RFID,
            started_wall=session.authorized_wall,
            ended_wall=session.ended_wall,
            idle_seconds=idle,
            receipt_qr=receipt,
            backend_cost=self._backend_cost(connector, now),
            price_text=connector.user_price,
        )

    @staticmethod
    def _backend_cost(connector: ConnectorRuntime, now: float) -> BackendCost | None:
        """The backend's cost, carried on with its unit prices since it arrived."""
        cost = connector.backend_cost
        if cost is None or cost.final or cost.meter_wh is None:
            return cost
        session = connector.machine.session
        until = session.ended_at if session is not None and session.ended_at is not None else now
        return replace(cost, cost=cost.now(connector.meter.register_wh, until - connector.backend_cost_at))

    @staticmethod
    def _eta(connector: ConnectorRuntime, power_w: float) -> int | None:
        """Time to the EV's target from the charge model (controller.estimate), in whole minutes
        rounded up (the SOC the EV reports is rounded down)."""
        if connector.soc is None or connector.target_soc is None:
            return None
        granted = connector.grant.power_limit_w if connector.grant else None
        seconds = time_to_target_s(connector.soc, connector.target_soc, connector.capacity_kwh, power_w, granted)
        return None if seconds is None else math.ceil(seconds / 60) * 60


def _look_up(query: str) -> tuple[str, ...]:
    """The engineer screen's look-up (as ``evse-hmi codes``): a six-digit code, or words to search."""
    if not query:
        return ()
    digits = query.replace(" ", "")
    if digits.isdigit() and len(digits) <= 6:
        return (lookup(digits).code,)
    return tuple(entry.code for entry in search(query)[:LOOKUP_RESULTS])


