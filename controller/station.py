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
from controller.auth import LocalAuthorizer
from controller.authorization import (
    AskBackend,
    Authorization,
    Authorize,
    Outcome,
    Refuse,
    ShowSide,
    SideState,
    StopOwnSession,
    WaitForPlug,
)
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
from controller.engineer_screen import EngineerScreen
from controller.limits import ambient_derating, input_in_range, input_power_limit_w, over_temperature
from controller.maintenance import Maintenance
from controller.meter import EnergyMeter, PowerHistory
from controller.port import (
    AuthDecision,
    AuthorizeRequest,
    BackendLink,
    Reservation,
    SessionStarted,
    SessionStopped,
    StationEvent,
)
from controller.power import Demand, Grant, Psu, Relay, Supply, allocate, route
from controller.power_modules import PowerModules
from controller.preferences import DriverPreferences
from controller.pricing import BackendCost, DefaultPrice, PriceText, Tariff, TimeOffset
from controller.readings import Measurement
from controller.recording import MeterState, Recorder
from controller.retention import Retention, SessionPruner, Undelivered
from controller.self_test import SelfTest
from controller.session import ConnectorState, Machine, StopReason
from controller.snapshot import build_state, kiosk_view
from controller.station_state import StationState
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
    ActiveCode,
    CodeEvent,
    Notice,
    NoticeKind,
    PendingAuthorization,
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
    backend_cost: BackendCost | None = None  # the session's cost from the backend (RunningCost / FinalCost)
    backend_cost_at: float = 0.0  # when it arrived (monotonic)
    user_price: PriceText | None = None  # the session driver's own price (SetUserPrice)


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
        self.engineer = EngineerScreen(config)
        self._notice: tuple[Notice, float] | None = None
        self._self_test = SelfTest(self.connectors, config.station.version, config.limits.self_test_timeout_s,
                                   self.boards, self.active_codes, self.power_modules)  # then the watchdog
        self._self_test_results = self._self_test.results  # board -> "passed" / "failed 0122xx"
        self._last_tick: float | None = None
        self._listeners: list[ViewListener] = []
        self._last_view: StationView | None = None
        self._state: StationState | None = None
        self.input_voltage_v = 0.0  # AC supply, line to line (0 = not measured)
        self.external_limit_w: float | None = None  # station-wide, e.g. the backend's schedule
        # the backend (OCPP): see attach_backend() and the "backend" section below
        self.backend_link = BackendLink.NONE
        self.backend_code = ""  # 033900/033901/033902 while the backend is unreachable
        self.reset_requested: str | None = None  # "soft" or "hard": the owner restarts the station
        self.default_price: DefaultPrice | None = None
        self.time_offset: TimeOffset | None = None
        # who may charge where (cards, pending plug-ins, reservations, remote starts): it decides, we act
        self.authorization = Authorization(self.authorizer, config.limits.plug_in_timeout_s,
                                           config.ocpp.response_timeout_s + AUTHORIZATION_GRACE_S,
                                           config.authorization.tap_hold_off_s)
        self._port_events: list[StationEvent] = []
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
        self.maintenance = Maintenance(self.counters, config.maintenance,
                                       {side: c.standard for side, c in self.connectors.items()})
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
        if self.phase is not StationPhase.READY or not self.authorization.idle or self._notice is not None \
                or self.engineer.up:
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
                self.engineer.up and isinstance(command, cmd.PressLeft | cmd.PressRight)):
            self.engineer.handle(command, now)
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
                return self.remote_start(side, token)
            case cmd.StopSession(side, reason):
                return self.stop_session(side, reason)
            case _:
                raise TypeError(f"not a station command: {command!r}")
        return True

    def _present_token(self, raw_token: str, method: AuthMethod) -> None:
        """A card (or QR/app authorization) presented to the charger."""
        if self.phase is not StationPhase.READY:
            return
        now = self.clock.monotonic()
        self._apply(self.authorization.present(raw_token, method, now, self._side_states(), self.focus), now)

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
        self.maintenance.reset(name, self.clock.monotonic(), self.clock.now())
        self._check_counters()

    def meter_register_wh(self, side: Side) -> float:
        """The connector's lifetime energy register (Wh): never decreases, survives restarts."""
        return self.connectors[side].meter.register_wh

    # --- the backend (any protocol, through controller.port) --------------------------
    #
    # Called on the controller's loop thread by a protocol adapter (controller.backend maps
    # OCPP 1.6 onto these), in the station's words: sides, tokens, stop reasons.  Each returns
    # at once and the screen and the hardware follow on the next tick.  What the backend must
    # hear goes into a queue (take_port_events) that the owner hands over after every tick.

    def attach_backend(self, undelivered: Undelivered | None = None) -> None:
        """A central system is configured: cards are decided by the backend (online, cache,
        local list, offline rules) instead of the local allow-list, and the station reports
        sessions through :meth:`take_port_events` (and records them as owed to the backend).
        ``undelivered()``: the ids of sessions the backend has not finished telling the
        central system about, which the history keeps."""
        self.backend_link = BackendLink.OFFLINE
        self.authorization.ask_backend = True
        self.recorder.backend = True
        if undelivered is not None:
            self.pruner.undelivered = undelivered

    @property
    def awaiting_backend(self) -> bool:
        """A card waits for the backend's verdict."""
        return self.authorization.awaiting_backend

    def take_port_events(self) -> list[StationEvent]:
        """The events for the backend since the last call, oldest first."""
        events, self._port_events = self._port_events, []
        return events

    def authorization_decided(self, token: str, decision: AuthDecision) -> None:
        """The backend's verdict on the card being authorized: proceed, or say it is not valid."""
        now = self.clock.monotonic()
        self._apply(self.authorization.decided(token, decision, now, self._side_states(), self.focus), now)

    def remote_start(self, side: Side | None, token: str) -> bool:
        """A start the backend asks for (the QR code / app path) on ``side`` (None: any, left
        first): at once on a plugged connector, else waiting for the cable as after a card;
        False when that cannot start."""
        if self.phase is not StationPhase.READY:
            return False
        now = self.clock.monotonic()
        outcome = self.authorization.remote_start(token, side, now, self._side_states())
        if isinstance(outcome, WaitForPlug):
            self._notice = None
            return True
        if isinstance(outcome, Authorize):
            self._apply(outcome, now)
            return self.connectors[outcome.side].machine.state is ConnectorState.PREPARING
        return False

    def stop_session(self, side: Side, reason: StopReason) -> bool:
        """Stop the session on ``side`` for the backend (``reason``: remote, reset, unlock,
        de-authorized, ...); False when none runs there."""
        connector = self.connectors.get(side)
        if connector is None:
            return False
        state = connector.machine.state
        if state in (ConnectorState.PREPARING, ConnectorState.CHARGING):
            code = {StopReason.REMOTE: CODE_REMOTE_STOP, StopReason.SOFT_RESET: CODE_REMOTE_RESET,
                    StopReason.HARD_RESET: CODE_REMOTE_RESET}.get(reason, "")
            log.info("%s connector: stop requested by the backend (%s)", connector.side.label, reason.name)
            self._event(connector, sm.StopRequested(reason, code))
            return True
        return state is ConnectorState.STOPPING

    def unlock(self, side: Side) -> bool:
        """Release the lock: it opens by itself once no session holds it (a running one is
        stopped first and opens at zero current); False when a welded relay keeps it shut."""
        connector = self.connectors.get(side)
        if connector is None:
            return False
        if self._has_code(RELAY_WELDING_CODES[connector.standard], connector.side):
            return False
        return connector.machine.state not in (ConnectorState.PREPARING, ConnectorState.CHARGING)

    def set_available(self, side: Side, available: bool) -> None:
        """Out of service (no new session) or back in service."""
        connector = self.connectors.get(side)
        if connector is not None and connector.operative != available:
            log.info("%s connector %s by the backend", connector.side.label,
                     "back in service" if available else "taken out of service")
            connector.operative = available

    def request_reset(self, hard: bool) -> None:
        """Restart (the sessions are already stopped): the owner (runtime or world) builds a
        new station on the next cycle; ``hard`` also restarts the hardware where it can."""
        log.warning("%s reset requested by the backend", "hard" if hard else "soft")
        self.reset_requested = "hard" if hard else "soft"

    def set_reservation(self, side: Side, reservation: Reservation | None) -> None:
        """Keep a connector for one driver (None: free again)."""
        if side in self.connectors:
            self.authorization.set_reservation(side, reservation)

    def set_connection_timeout(self, seconds: float) -> None:
        """How long a driver has to plug in after authorizing."""
        self.authorization.plug_in_timeout_s = float(seconds)

    def set_backend_online(self, link: BackendLink, code: str = "") -> None:
        """The backend came back or was lost: offline, ``code`` shows and QR code and app are dimmed;
        connecting: the link is up but the central system has not accepted the charger yet."""
        if link is BackendLink.NONE:
            raise ValueError("a link is reported only by a backend (attach_backend)")
        self.backend_link = link
        self.backend_code = "" if link is BackendLink.ONLINE else code

    @property
    def backend_configured(self) -> bool:
        return self.backend_link is not BackendLink.NONE

    @property
    def backend_online(self) -> bool:
        return self.backend_link is BackendLink.ONLINE

    def show_code(self, code: str, side: Side | None) -> None:
        """Show an information code (033903 remote start, 033904 remote stop, 033905 reset) briefly."""
        side = side if side in self.connectors else None
        self._notice = (Notice(NoticeKind.STATUS_CODE, side, False, code), self.clock.monotonic() + INFO_CODE_SECONDS)

    def set_default_price(self, price: DefaultPrice | None) -> None:
        """The backend's default price (OCA ``DefaultPrice``): its text replaces the local tariff's
        lines, and its unit prices (when it has them) the local tariff for the running cost."""
        self.default_price = price
        tariff = price.tariff(self.local_tariff.currency) if price is not None else None
        self.tariff = tariff or self.local_tariff

    def set_user_price(self, token: str, text: PriceText) -> bool:
        """The price of the driver with ``token`` (shown on Plug-in and while charging); False
        when that driver is nowhere to be seen (it is kept for when they start)."""
        for connector in self.connectors.values():
            session = connector.machine.session
            if session is not None and session.id_token == token and connector.machine.state in sm.SESSION_STATES:
                connector.user_price = text
                return True
        return self.authorization.keep_user_price(token, text)

    def set_session_cost(self, side: Side, cost: BackendCost) -> bool:
        """The running or final cost of the session on ``side`` (running, or on its summary)."""
        connector = self.connectors.get(side)
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
            self.maintenance.operated(now - self._last_tick)
        self._last_tick = now
        self.engineer.watch(now, self._buttons.gesture(now))
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
        self._state = state = build_state(self)
        view = self._project(state)
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
        if self.authorization.cancel():
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
        self.authorization.cancel()  # a verdict on its way is ignored when it comes

    def _dismiss(self, now: float) -> None:
        self._notice = None
        connector = self.connectors[self.focus]
        if connector.machine.state is ConnectorState.FINISHED:
            self._event(connector, sm.Dismissed())

    def _side_states(self) -> tuple[SideState, ...]:
        """The connectors as authorization sees them, left first."""
        states = []
        for connector in self._ordered():
            session = connector.machine.session
            token = session.id_token if session is not None and not session.summary_dismissed else None
            states.append(SideState(connector.side, connector.machine.state, self._blocked(connector.side),
                                    connector.operative, token))
        return tuple(states)

    def _apply(self, outcome: Outcome | None, now: float) -> None:
        """Act on what authorization decided."""
        match outcome:
            case StopOwnSession(side, token):
                self.focus = side
                self._event(self.connectors[side], sm.StopRequested(StopReason.CARD, id_token=token))
            case ShowSide(side):
                self.focus = side
            case AskBackend(token, side):
                self._notice = None
                self._port_events.append(AuthorizeRequest(token, side))
            case Authorize(side, token, method):
                self.focus = side
                self._event(self.connectors[side], sm.Authorized(token, method))
            case Refuse(notice, error):
                self._show_notice(notice, now, is_error=error)
            case WaitForPlug() | None:
                pass

    def _idle(self) -> bool:
        """Nobody is using the charger: every connector free (or reserved, or out of service)
        and unplugged, nothing pending."""
        return self.authorization.idle and all(
            c.machine.state in _RESTING and not c.plugged for c in self.connectors.values())

    def _show_notice(self, kind: NoticeKind, now: float, is_error: bool = False, side: Side | None = None) -> None:
        self._notice = (Notice(kind, side, is_error), now + NOTICE_SECONDS)

    # --- the cycle ------------------------------------------------------------------

    def _ordered(self) -> list[ConnectorRuntime]:
        """Connectors left first: the left connector has priority (manual 5.2.3)."""
        return [self.connectors[side] for side in sorted(self.connectors)]

    def _expire(self, now: float) -> None:
        if self._notice is not None and now >= self._notice[1]:
            self._notice = None
        for outcome in self.authorization.expire(now, self._side_states()):
            self._apply(outcome, now)

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
        self.maintenance.plugged_in(connector.side, self.clock.monotonic(), self.clock.now())
        self._check_counters()
        eligible = self.authorization.eligible_for_plug_in(self._side_states())  # before the plug makes it busy
        self._event(connector, sm.Plugged())
        if connector.machine.state is not ConnectorState.PLUGGED:
            return None
        authorize = self.authorization.plugged_in(connector.side, eligible)
        if authorize is not None:
            self._event(connector, sm.Authorized(authorize.token, authorize.method))
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
            reserved=self.authorization.reserved(connector.side),
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
        connector.user_price = self.authorization.take_user_price(session.id_token) if session else None
        if session is None or not self.backend_configured:
            return
        record = self.recorder.session_id(connector.side.connector_id)
        self._port_events.append(SessionStarted(connector.side, session.id_token, round(connector.meter.register_wh),
                                                self.clock.now(), record))

    def _session_ended(self, connector: ConnectorRuntime) -> None:
        """Current zero, unlocked: the backend hears of it (StopTransaction, with why and who)."""
        session = connector.machine.session
        if session is None or not self.backend_configured:
            return
        self._port_events.append(SessionStopped(connector.side, round(connector.meter.register_wh), self.clock.now(),
                                                session.stop_reason or StopReason.OTHER, session.stopped_by or None))

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
        for code, side, due in self.maintenance.information_codes():
            self._set_information(code, side, due)

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
                   blocked=self._blocked(connector.side), pending=self.authorization.pending is not None)

    # --- the snapshot ---------------------------------------------------------------

    def view(self) -> StationView:
        """The kiosk's snapshot of the station now (without telling the listeners)."""
        return self._project(build_state(self))

    @property
    def state(self) -> StationState:
        """The station as of the last :meth:`publish` (every tick, and after each command)."""
        if self._state is None:
            self._state = build_state(self)
        return self._state

    def _project(self, state: StationState) -> StationView:
        return kiosk_view(state, self.config, self.engineer.pin_pad(state.now), self.engineer.view(state))

    def _pending_view(self, now: float) -> PendingAuthorization | None:
        """The Plug-in screen's facts while an authorization waits for a cable."""
        pending = self.authorization.pending
        if pending is None:
            return None
        return PendingAuthorization(
            method=pending.method,
            eligible=self.authorization.eligible_for_plug_in(self._side_states()),
            seconds_left=max(0, math.ceil(pending.expires_at - now)),
            price_text=self.authorization.user_price(pending.id_token),
        )

    def _notice_now(self) -> Notice | None:
        """The message on screen: "Authorizing ..." while a card waits for its verdict."""
        if self.authorization.authorizing is not None:
            return Notice(NoticeKind.AUTHORIZING)
        return self._notice[0] if self._notice else None


