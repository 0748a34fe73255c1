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
from controller.power import Demand, Grant, Psu, Supply, allocate
from controller.preferences import DriverPreferences
from controller.pricing import BackendCost, DefaultPrice, PriceText, Tariff, TimeOffset
from controller.readings import Measurement
from controller.recording import MeterState, Recorder
from controller.retention import Retention, SessionPruner, Undelivered
from controller.session import ConnectorState, Machine, StopReason
from controller.snapshot import build_state, kiosk_view
from controller.station_state import StationState
from controller.status_codes import format_code
from controller.store import LatchedCode, SessionRecord, Store
from controller.types import (
    PSU_NOT_ROUTED,
    AuthMethod,
    BoardCommand,
    BoardStage,
    Button,
    EvStopReason,
    LedColour,
    LedPattern,
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
CODE_PSU_SELF_TEST = "012286"
CODE_NO_PSU = "012279"
CODE_IO_BOARD_SELF_TEST = "012280"
CODE_MODEL_MISMATCH = "012287"
CODE_LED_BOARD_SELF_TEST = "012293"
CODE_RFID_COMMUNICATION = "012243"  # RFID module communication fail: RFID is off, the rest works
CODE_PSU_QUANTITY = "013629"  # PSU quantity not match: the modules found differ from [limits].psu_count
CODE_AMBIENT_OTP = "012223"  # system ambient/inlet over-temperature: stop until it cools down
CODE_CABINET_OTP = "012224"  # system critical point OTP: inside the cabinet; stop until it cools down
CODE_PSU_INLET_OTP = "012225"  # PSU ambient/inlet OTP: that module is left out until it cools down
CODE_PSU_OTP = "012226"  # PSU critical point OTP (its heatsink): likewise
CODE_INPUT_OVP = "012294"  # AC input over-voltage: output off until the supply is normal
CODE_INPUT_UVP = "012295"  # AC input under-voltage: output off until the supply is normal
CODE_REMOTE_STOP = "033904"  # charging stopped by the backend (manual 5.3.7)
CODE_REMOTE_RESET = "033905"  # the backend restarts the charger
CODE_PSU_COMMUNICATION = "012240"  # a power module fell silent: it is not used until it speaks again
CODE_IO_BOARD_COMMUNICATION = "012247"  # the I/O board (relay control / smart box) fell silent
#: A connector board fell silent: its plug, lock and contactor state are unknown.
BOARD_COMMUNICATION_CODES = {Standard.CHADEMO: "012249", Standard.CCS1: "012248", Standard.GBT: "012250"}
#: Watchdog: a board whose status frame (every 0.1 s) has not come for this long is silent.
BOARD_SILENCE_S = 1.0
BOARD_SELF_TEST_CODES = {Standard.CHADEMO: "012283", Standard.CCS1: "012284", Standard.GBT: "012291"}
RELAY_WELDING_CODES = {Standard.CHADEMO: "011011", Standard.CCS1: "011013", Standard.GBT: "011015"}

#: Which reading a status code is about (StatusNotification.info, the engineer screen):
#: the AC input voltage, the inlet air, the hottest power module, or the connector's output.
_INPUT_VOLTAGE_CODES = frozenset({*(f"0122{n:02d}" for n in range(15)), "012270", "012271", "012276", "012294",
                                  "012295", "012313"})
_AMBIENT_CODES = frozenset({"012223", "012227", "012228"})
_CABINET_CODES = frozenset({"012224"})
_PSU_INLET_CODES = frozenset({"012225"})
_PSU_TEMPERATURE_CODES = frozenset({"012226", "012315", "012330"})
_OUTPUT_VOLTAGE_CODES = frozenset({"012215", "012217", "012219", "012221", "012288", "012289", "012290"})
_OUTPUT_CURRENT_CODES = frozenset({"012216", "012218", "012220", "012222", "012299", "012300"})

#: Connector states of a charger nobody is using.
_RESTING = frozenset({ConnectorState.AVAILABLE, ConnectorState.RESERVED, ConnectorState.INOPERATIVE})

NOTICE_SECONDS = 4.0
INFO_CODE_SECONDS = 10.0  # an information code the backend asked to show (033903 ...)
#: How long the station waits for the backend's verdict on a card beyond the backend's
#: own answer timeout (its offline rules always decide; this is a safety net).
AUTHORIZATION_GRACE_S = 5.0
COMMAND_REPEAT_S = 0.1
#: Status codes raised and cleared kept for the engineer screen (the oldest go first).
CODE_HISTORY = 50
#: The engineer screen's pages: overview, connectors, status codes, look-up.
ENGINEER_PAGES = 4
#: Codes the engineer screen's look-up shows at most.
LOOKUP_RESULTS = 6
SELF_TEST_RETRY_S = 1.0


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


@dataclass
class PsuRuntime:
    index: int
    rated_w: float
    present: bool = False
    enabled: bool = False
    voltage: float = 0.0
    current: float = 0.0
    temperature: float = 25.0  # its hottest point, the heatsink (012226)
    inlet_temperature: float = 25.0  # the air it takes in (012225)
    fault_code: str = ""
    failed_self_test: bool = False
    routed_to: Side | None = None
    hot: set[str] = field(default_factory=set)  # its over-temperature codes in force: left out meanwhile


@dataclass
class _SelfTest:
    sequence: int = 1
    started_at: float | None = None
    last_request_at: float = -1e9
    expected: set[str] = field(default_factory=set)
    answered: set[str] = field(default_factory=set)


ViewListener = Callable[[StationView], None]


class Station:
    """The charger's controller core."""

    def __init__(self, config: Config, link: CanLink, clock: Clock, authorizer: LocalAuthorizer | None = None,
                 store: Store | None = None) -> None:
        self.config = config
        self.link = link
        self.clock = clock
        self.authorizer = authorizer or LocalAuthorizer(config.authorization.local_allow_list)
        self.local_tariff = Tariff.from_config(config.tariff)
        self.tariff = self.local_tariff  # the backend's DefaultPrice may replace it
        self.preferences = DriverPreferences(config.station.language, config.station.high_contrast,
                                             tuple(config.station.languages), config.station.preference_timeout_s)
        self.connectors: dict[Side, ConnectorRuntime] = {
            side: ConnectorRuntime(side, standard) for side, standard in connectors_of(config.station.version).items()
        }
        rated_w = config.limits.psu_rated_power_kw * 1000
        self.psus = [PsuRuntime(i, rated_w) for i in range(config.limits.psu_count)]
        self.phase = StationPhase.INITIALIZING
        self.focus = Side.LEFT
        self.codes: list[ActiveCode] = []
        self._readings: dict[tuple[str, Side | None], Measurement | None] = {}  # at raise time
        self.code_history: deque[CodeEvent] = deque(maxlen=CODE_HISTORY)  # raised and cleared, newest last
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
        self._self_test_results: dict[str, str] = {}
        self._notice: tuple[Notice, float] | None = None
        self._self_test = _SelfTest(expected=self._expected_nodes())
        self._last_tick: float | None = None
        self._sent: dict[str, tuple[tuple, float]] = {}
        self._listeners: list[ViewListener] = []
        self._last_view: StationView | None = None
        self._state: StationState | None = None
        self._handlers = self._frame_handlers()
        self.rejected_frames = 0  # decoded frames whose content made no sense (see handle_frame)
        self._ready_at = 0.0
        self._heard: dict[str, float] = {}  # board -> when its last status frame came (the watchdog)
        self._silent: set[str] = set()  # boards the watchdog has reported silent
        self.input_voltage_v = 0.0  # AC supply, line to line (0 = not measured)
        self.external_limit_w: float | None = None  # station-wide, e.g. the backend's schedule
        self._extra_psus: set[int] = set()  # modules answering beyond [limits].psu_count
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
        handler = self._handlers.get(frame.name)
        if handler is None:
            return
        if frame.name.endswith("_Status"):
            self._heard[frame.name.removesuffix("_Status")] = self.clock.monotonic()
        try:
            handler(frame)
        except ValueError as exc:
            self.rejected_frames += 1
            log.warning("dropped %s frame: %s (%d rejected since start-up)", frame.name, exc, self.rejected_frames)

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
        return self._readings.get((code, side))

    def code_measurement(self, code: str, side: Side | None) -> Measurement | None:
        """The reading ``code`` is about, now (None when it is about none)."""
        if code in _INPUT_VOLTAGE_CODES:
            return Measurement("input", round(self.input_voltage_v), "V")
        if code in _AMBIENT_CODES:
            return Measurement("ambient", round(self.ambient_c, 1), "C")
        if code in _CABINET_CODES:
            return Measurement("cabinet", round(self.cabinet_c, 1), "C")
        if code in _PSU_INLET_CODES:
            return self._hottest_psu("PSU inlet", [psu.inlet_temperature for psu in self.psus if psu.present])
        if code in _PSU_TEMPERATURE_CODES:
            return self._hottest_psu("PSU", [psu.temperature for psu in self.psus if psu.present])
        connectors = [self.connectors[side]] if side in self.connectors else list(self.connectors.values())
        if code in _OUTPUT_VOLTAGE_CODES:
            return Measurement("output", round(max(c.output_voltage for c in connectors), 1), "V")
        if code in _OUTPUT_CURRENT_CODES:
            return Measurement("output", round(max(c.output_current for c in connectors), 1), "A")
        return None

    @staticmethod
    def _hottest_psu(label: str, readings: list[float]) -> Measurement | None:
        return Measurement(label, round(max(readings), 1), "C") if readings else None

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

    # --- frames ---------------------------------------------------------------------

    def _frame_handlers(self) -> dict[str, Callable[[Frame], None]]:
        handlers: dict[str, Callable[[Frame], None]] = {}
        for side in Side:
            node = side.can_node
            handlers[f"{node}_Status"] = lambda f, s=side: self._on_board_status(s, f)
            handlers[f"{node}_EvRequest"] = lambda f, s=side: self._on_ev_request(s, f)
            handlers[f"{node}_EvLimits"] = lambda f, s=side: self._on_ev_limits(s, f)
            handlers[f"{node}_SelfTest"] = lambda f, n=node, s=side: self._on_self_test(n, f, s)
        for index in range(4):
            node = f"PSU_{index + 1}"
            handlers[f"{node}_Status"] = lambda f, i=index: self._on_psu_status(i, f)
            handlers[f"{node}_Thermal"] = lambda f, i=index: self._on_psu_thermal(i, f)
            handlers[f"{node}_SelfTest"] = lambda f, n=node: self._on_self_test(n, f)
        handlers["IOB_Status"] = self._on_io_status
        handlers["IOB_SelfTest"] = lambda f: self._on_self_test("IOB", f)
        handlers["LEDB_SelfTest"] = lambda f: self._on_self_test("LEDB", f)
        return handlers

    def _on_board_status(self, side: Side, frame: Frame) -> None:
        connector = self.connectors.get(side)
        if connector is None:
            return
        s = frame.signals
        code = _status_code(s["StatusCode"])  # before anything changes: a bad frame is dropped whole
        plugged = bool(s["Plugged"])
        if plugged != connector.plugged:
            connector.edges.append(plugged)
        connector.plugged = plugged
        connector.locked = bool(s["Locked"])
        connector.contactor_closed = bool(s["ContactorClosed"])
        connector.stage = _enum(BoardStage, s["Stage"], BoardStage.FAULT)
        connector.ev_stop_reason = _enum(EvStopReason, s["EvStopReason"], EvStopReason.EV_FAULT)
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

    def _on_ev_request(self, side: Side, frame: Frame) -> None:
        connector = self.connectors.get(side)
        if connector is None:
            return
        s = frame.signals
        connector.ev_voltage = float(s["EvTargetVoltage"])
        connector.ev_current = float(s["EvTargetCurrent"])
        connector.soc = int(s["EvSoc"])
        connector.target_soc = int(s["EvTargetSoc"])

    def _on_ev_limits(self, side: Side, frame: Frame) -> None:
        connector = self.connectors.get(side)
        if connector is None:
            return
        s = frame.signals
        connector.ev_max_voltage = float(s["EvMaxVoltage"])
        connector.ev_max_current = float(s["EvMaxCurrent"])
        connector.capacity_kwh = float(s["EvBatteryCapacity"])

    def _on_psu_status(self, index: int, frame: Frame) -> None:
        if index >= len(self.psus):
            if index not in self._extra_psus:  # fitted but not configured: not used
                self._extra_psus.add(index)
                log.warning("PSU_%d answers but [limits].psu_count is %d: not used", index + 1, len(self.psus))
                self._check_psu_quantity()
            return
        psu = self.psus[index]
        s = frame.signals
        code = _status_code(s["FaultCode"])
        # its first frame counts too: a module that missed the self-test (still booting) is used
        # when it comes, and the "no power module" it caused (012279) clears
        changed = not psu.present
        psu.present = True
        psu.enabled = bool(s["Enabled"])
        psu.voltage = float(s["OutputVoltage"])
        psu.current = float(s["OutputCurrent"])
        psu.temperature = float(s["Temperature"])
        limits = self.config.limits
        changed |= self._psu_temperature(psu, CODE_PSU_OTP, psu.temperature, limits.psu_over_temperature_c)
        # a fault (011/041) keeps the module out until the charger is power-cycled (manual 5.3.3)
        latched = bool(psu.fault_code) and policy.latches(psu.fault_code)
        if code != psu.fault_code and not latched:
            if psu.fault_code:
                self._clear_code(psu.fault_code, None)
            if code:
                self._raise_code(code, None, blocking=False)
            psu.fault_code = code
            changed = True
        if changed:
            self._update_psu_resource()

    def _on_psu_thermal(self, index: int, frame: Frame) -> None:
        if index >= len(self.psus):
            return  # fitted but not configured: not used (see _on_psu_status)
        psu = self.psus[index]
        psu.inlet_temperature = float(frame.signals["InletTemperature"])
        limit_c = self.config.limits.psu_inlet_over_temperature_c
        if self._psu_temperature(psu, CODE_PSU_INLET_OTP, psu.inlet_temperature, limit_c):
            self._update_psu_resource()

    def _psu_temperature(self, psu: PsuRuntime, code: str, celsius: float, limit_c: float) -> bool:
        """A power module's temperature against its limit, with hysteresis (manual 5.3.4: charging
        is enabled again after cooling down).  While ``code`` is in force for it the module is
        switched off and left out of the split, and charging goes on with the others at less power
        (none left: 012279); the code clears when no module is hot for it any more.  Returns
        whether the module's state changed."""
        was_hot = code in psu.hot
        hot = over_temperature(celsius, was_hot, limit_c, self.config.limits.temperature_hysteresis_c)
        if hot == was_hot:
            return False
        if hot:
            log.warning("PSU_%d at %.0f °C (limit %.0f °C): raising %s", psu.index + 1, celsius, limit_c, code)
            psu.hot.add(code)
            self._raise_code(code, None, blocking=False)
        else:
            log.info("PSU_%d cooled down to %.0f °C", psu.index + 1, celsius)
            psu.hot.discard(code)
            if not any(code in other.hot for other in self.psus):
                self._clear_code(code, None)
        return True

    def _on_io_status(self, frame: Frame) -> None:
        s = frame.signals
        self._on_ambient(float(s["AmbientTemperature"]))
        self._on_cabinet(float(s["CabinetTemperature"]))
        self._on_input_voltage(float(s.get("AcInputVoltage", 0)))
        for button in self._buttons.update(bool(s["LeftButton"]), bool(s["RightButton"]), self.clock.monotonic()):
            if self.phase is StationPhase.READY:
                self.submit(cmd.PressLeft() if button is Button.LEFT else cmd.PressRight())
        self._set_condition("estop", bool(s["EmergencyStop"]), CODE_EMERGENCY_STOP, StopReason.EMERGENCY_STOP)
        self._set_condition("door_open", bool(s["DoorOpen"]), CODE_DOOR_OPEN, StopReason.FAULT)
        self._set_condition("tilt", bool(s["Tilt"]), CODE_BREAKER_TRIP, StopReason.FAULT)

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

    def _on_self_test(self, node: str, frame: Frame, side: Side | None = None) -> None:
        test = self._self_test
        if self.phase is not StationPhase.INITIALIZING or int(frame.signals["Sequence"]) != test.sequence:
            return
        if node not in test.expected or node in test.answered:
            return
        result = int(frame.signals["Result"])
        _status_code(result)  # a result that is no status code drops the frame whole (ValueError)
        test.answered.add(node)
        self._self_test_results[node] = f"failed {format_code(result)}" if result else "passed"
        if node.startswith("PSU_"):
            psu = self.psus[int(node.split("_")[1]) - 1]
            psu.failed_self_test = result != 0
            if frame.signals.get("RatedPower"):
                psu.rated_w = float(frame.signals["RatedPower"]) * 1000
        if result:
            self._raise_code(format_code(result), side, blocking=not node.startswith("PSU_"))
        if side is not None:
            reported = _enum(Standard, frame.signals["Standard"], None)
            connector = self.connectors[side]
            connector.reported_standard = reported
            if reported is not connector.standard:
                log.error("%s reports %s but version %s fits %s", node, reported, self.config.station.version,
                          connector.standard.display_name)
                self._raise_code(CODE_MODEL_MISMATCH, side, blocking=True)

    # --- self-test ------------------------------------------------------------------

    def _expected_nodes(self) -> set[str]:
        nodes = {side.can_node for side in self.connectors}
        nodes |= {f"PSU_{i + 1}" for i in range(self.config.limits.psu_count)}
        return nodes | {"IOB", "LEDB"}

    def _run_self_test(self, now: float) -> None:
        test = self._self_test
        if test.started_at is None:
            test.started_at = now
        if now - test.last_request_at >= SELF_TEST_RETRY_S:
            self.link.send("CSU_SelfTestRequest", Sequence=test.sequence)
            test.last_request_at = now
        done = test.answered >= test.expected and self._heard_from_answered()
        if not done and now - test.started_at < self.config.limits.self_test_timeout_s:
            return
        for node in sorted(test.expected - test.answered):
            self._raise_missing_node(node)
        self.phase = StationPhase.READY
        self._ready_at = now
        self._update_psu_resource()
        self._check_psu_quantity()
        log.info("self-test complete: %d/%d boards answered", len(test.answered), len(test.expected))
        interrupted = {record.connector_id: record for record in self.interrupted_sessions}
        for connector in self._ordered():
            record = interrupted.get(connector.side.connector_id)
            self._event(connector, sm.Ready(self._interrupted_session(record, now) if record else None))

    def _heard_from_answered(self) -> bool:
        """Every board that answered the self-test has also sent its status frame: the station
        knows its plugs, codes, modules and safety inputs before it says Ready.  A self-test can
        answer faster than a status period (a restart, a fast cycle, a busy bus), and Ready before
        that would report a broken connector Available, or no power module (012279), for a moment."""
        return all(node in self._heard for node in self._self_test.answered if f"{node}_Status" in self._handlers)

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
        """The watchdog: a board that answered the self-test and then sends no status frame for
        :data:`BOARD_SILENCE_S` raises its communication code (a connector board's or the I/O
        board's stops charging there: plug, lock or emergency stop can no longer be seen; a
        silent power module is left out of the split); the code clears when frames come again."""
        started = self._self_test.started_at or 0.0
        for node in self._self_test.answered:
            if node == "LEDB":
                continue
            silent = now - self._heard.get(node, max(started, self._ready_at)) > BOARD_SILENCE_S
            if silent == (node in self._silent):
                continue
            side = Side.LEFT if node == "CB_LEFT" else Side.RIGHT if node == "CB_RIGHT" else None
            if side is not None and side in self.connectors:
                code, blocking = BOARD_COMMUNICATION_CODES[self.connectors[side].standard], True
            elif node.startswith("PSU_"):
                code, blocking = CODE_PSU_COMMUNICATION, False
            else:
                code, blocking = CODE_IO_BOARD_COMMUNICATION, True
            if silent:
                log.error("board %s silent for %.1f s: raising %s", node, BOARD_SILENCE_S, code)
                self._silent.add(node)
                if node.startswith("PSU_"):
                    psu = self.psus[int(node.split("_")[1]) - 1]
                    psu.present, psu.current = False, 0.0
                self._raise_code(code, side, blocking)
            else:
                log.warning("board %s speaks again: clearing %s", node, code)
                self._silent.discard(node)
                if not (code == CODE_PSU_COMMUNICATION and any(n.startswith("PSU_") for n in self._silent)):
                    self._clear_code(code, side)
            self._update_psu_resource()

    def _raise_missing_node(self, node: str) -> None:
        log.error("board %s did not answer the self-test", node)
        if node.startswith("CB_"):
            side = Side.LEFT if node == "CB_LEFT" else Side.RIGHT
            self._raise_code(BOARD_SELF_TEST_CODES[self.connectors[side].standard], side, blocking=True)
        elif node.startswith("PSU_"):
            self._raise_code(CODE_PSU_SELF_TEST, None, blocking=False)
        elif node == "IOB":
            self._raise_code(CODE_IO_BOARD_SELF_TEST, None, blocking=True)
        elif node == "LEDB":
            self._raise_code(CODE_LED_BOARD_SELF_TEST, None, blocking=True)

    def _healthy_psus(self) -> list[int]:
        return [psu.index for psu in self.psus
                if psu.present and not psu.fault_code and not psu.failed_self_test and not psu.hot]

    def _update_psu_resource(self) -> None:
        if self.phase is StationPhase.INITIALIZING:
            return
        if self._healthy_psus():
            self._clear_code(CODE_NO_PSU, None)
        elif not self._has_code(CODE_NO_PSU, None):
            self._raise_code(CODE_NO_PSU, None, blocking=True)

    # --- codes ----------------------------------------------------------------------

    def _has_code(self, code: str, side: Side | None) -> bool:
        return any(c.code == code and c.side == side for c in self.codes)

    def _raise_code(self, code: str, side: Side | None, blocking: bool, reason: StopReason = StopReason.FAULT) -> None:
        if self._has_code(code, side):
            return
        self._add_code(ActiveCode(code, side, blocking), self.code_measurement(code, side))
        log.warning("status code %s raised (%s, %s)", code, side.label if side is not None else "station",
                    "blocking" if blocking else "information")
        if not blocking:
            return
        for connector in self._ordered():
            if side is None or connector.side == side:
                self._event(connector, sm.StopRequested(reason, code))

    def _add_code(self, active: ActiveCode, reading: Measurement | None) -> None:
        """Put ``active`` in force (newest first) with the reading it is about."""
        self.codes.insert(0, active)
        self._readings[(active.code, active.side)] = reading
        self.code_history.append(CodeEvent(self.clock.now(), active.code, active.side, True, reading))

    def _latched(self) -> list[LatchedCode]:
        """The codes in force that latch until a power cycle (controller.fault_policy), as kept
        across a soft reset: with their connector, their reading, and each power module they
        keep out of the split (a module's code is the station's, so it names the module)."""
        kept = []
        for active in reversed(self.codes):  # oldest first: restored in turn, the newest is first again
            if not policy.latches(active.code):
                continue
            connector_id = active.side.connector_id if active.side is not None else 0
            reading = self._readings.get((active.code, active.side))
            values = (reading.label, reading.value, reading.unit) if reading is not None else None
            psus = [psu.index + 1 for psu in self.psus if active.side is None and psu.fault_code == active.code]
            kept += [LatchedCode(active.code, connector_id, psu, active.blocks_charging, values) for psu in psus or [0]]
        return kept

    def _restore_latched(self, latched: LatchedCode) -> None:
        """At start-up: a code a soft reset kept is in force again before the self-test, as it
        was (its connector, its reading, the power module it keeps out)."""
        side = Side(latched.connector_id - 1) if latched.connector_id else None
        if 0 < latched.psu <= len(self.psus):
            self.psus[latched.psu - 1].fault_code = latched.code
        if self._has_code(latched.code, side):
            return  # a second module with the same code
        reading = Measurement(*latched.reading) if latched.reading is not None else None
        self._add_code(ActiveCode(latched.code, side, latched.blocking), reading)
        log.warning("status code %s (%s) kept by the soft reset: in force until the charger is power-cycled",
                    latched.code, side.label if side is not None else "station")

    def _clear_code(self, code: str, side: Side | None) -> None:
        before = len(self.codes)
        self.codes = [c for c in self.codes if not (c.code == code and c.side == side)]
        if len(self.codes) != before:
            log.info("status code %s cleared", code)
            self.code_history.append(CodeEvent(self.clock.now(), code, side, False, self._readings.pop((code, side),
                                                                                                     None)))

    def _blocked(self, side: Side) -> bool:
        return any(c.blocks_charging and c.side in (None, side) for c in self.codes)

    def _codes_for(self, side: Side) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes if c.side in (None, side))

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

    def _check_psu_quantity(self) -> None:
        """013629 when the modules found differ from the configured count (012286 names the missing ones)."""
        if self.phase is not StationPhase.READY:
            return
        answered = self._self_test.answered
        found = sum(1 for psu in self.psus if psu.present or f"PSU_{psu.index + 1}" in answered)
        found += len(self._extra_psus)
        if found != len(self.psus):
            log.warning("%d power modules found, %d configured: raising %s", found, len(self.psus),
                        CODE_PSU_QUANTITY)
            self._raise_code(CODE_PSU_QUANTITY, None, blocking=False)

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
            connector = self.connectors.get(side)
            self._send(f"CSU_Cb{side.name.title()}Command", self._board_command(connector), now, force)
        routed: dict[int, tuple[Side, Grant]] = {}
        for connector in self.connectors.values():
            if connector.grant is not None:
                for index in connector.grant.psus:
                    routed[index] = (connector.side, connector.grant)
        # break before make: a module still on the other connector is not routed yet, and the
        # grant's current is shared by the modules that are
        moving = {psu.index for psu in self.psus
                  if psu.index in routed and psu.routed_to not in (None, routed[psu.index][0])}
        feeding = {side: sum(1 for i, (s, _) in routed.items() if s is side and i not in moving) for side in Side}
        for psu in self.psus:
            side_grant = routed.get(psu.index)
            if side_grant is None or psu.index in moving:
                # break before make: a module still delivering keeps its relay on the old connector,
                # switched off, until its current is zero; only then is it free to be routed again
                psu.routed_to = None if psu.current < sm.ZERO_CURRENT_A else psu.routed_to
                connector_value = PSU_NOT_ROUTED if psu.routed_to is None else psu.routed_to.value
                signals = {"Enable": 0, "OutputConnector": connector_value, "VoltageSetpoint": 0, "CurrentLimit": 0}
            else:
                side, grant = side_grant
                psu.routed_to = side
                signals = {
                    "Enable": 1,
                    "OutputConnector": side.value,
                    "VoltageSetpoint": round(grant.voltage, 1),
                    "CurrentLimit": round(grant.current / max(feeding[side], 1), 1),
                }
            self._send(f"CSU_Psu{psu.index + 1}Command", signals, now, force)
        self._send("CSU_LedCommand", self._led_command(), now, force)

    def _board_command(self, connector: ConnectorRuntime | None) -> dict[str, float | int]:
        if connector is None:
            return {"Command": 0, "Lock": 0, "CloseContactor": 0, "EvseMaxCurrent": 0, "EvseMaxPower": 0,
                    "EvseMaxVoltage": 0}
        state = connector.machine.state
        command = BoardCommand.IDLE
        if state in (ConnectorState.PREPARING, ConnectorState.CHARGING):
            command = BoardCommand.START_SESSION
        elif state is ConnectorState.STOPPING:
            command = BoardCommand.STOP_SESSION
        if self.estop and state in sm.SESSION_STATES:
            command = BoardCommand.EMERGENCY_STOP
        close = False
        # precharge done or energy flowing: not "any stage numbered above PRECHARGE" (STOPPING,
        # FINISHED and FAULT are too, and a board in those must never be told to close)
        precharged = state is ConnectorState.PREPARING and connector.stage in (BoardStage.PRECHARGE,
                                                                               BoardStage.CHARGING)
        if state is ConnectorState.CHARGING or precharged:
            close = not self._blocked(connector.side)
        elif state is ConnectorState.STOPPING and not self.estop:
            # open the DC contactors only once the current is zero (no arcing); the
            # emergency stop opens them at once
            close = connector.output_current >= sm.ZERO_CURRENT_A and connector.contactor_closed
        envelope = connector.standard.envelope
        grant = connector.grant
        return {
            "Command": int(command),
            "Lock": int(state in sm.SESSION_STATES),
            "CloseContactor": int(close),
            "EvseMaxCurrent": round(grant.offered_current if grant else 0.0, 1),
            "EvseMaxPower": round((grant.power_limit_w if grant else 0.0) / 1000, 2),
            "EvseMaxVoltage": envelope.max_voltage,
        }

    def _led_command(self) -> dict[str, int]:
        signals: dict[str, int] = {"LeftColour": 0, "LeftPattern": 0, "RightColour": 0, "RightPattern": 0}
        for side, connector in self.connectors.items():
            colour, pattern = self._led(connector)
            prefix = side.name.title()
            signals[f"{prefix}Colour"] = int(colour)
            signals[f"{prefix}Pattern"] = int(pattern)
        return signals

    def _led(self, connector: ConnectorRuntime) -> tuple[LedColour, LedPattern]:
        """LED per connector (manual 2.3): green ready, blue in use, red fault, yellow starting up."""
        state = connector.machine.state
        if self.phase is StationPhase.INITIALIZING or state is ConnectorState.UNAVAILABLE:
            return LedColour.YELLOW, LedPattern.BLINK
        if self._blocked(connector.side) and state not in sm.SESSION_STATES:
            return LedColour.RED, LedPattern.STEADY
        if state is ConnectorState.AVAILABLE:
            pending = self.authorization.pending is not None
            return LedColour.GREEN, LedPattern.BLINK if pending else LedPattern.STEADY
        if state is ConnectorState.RESERVED:
            return LedColour.BLUE, LedPattern.STEADY  # kept for someone
        if state is ConnectorState.INOPERATIVE:
            return LedColour.YELLOW, LedPattern.STEADY  # out of service, not starting up
        if state is ConnectorState.PLUGGED:
            return LedColour.GREEN, LedPattern.BLINK
        if state is ConnectorState.PREPARING:
            return LedColour.BLUE, LedPattern.BLINK
        if state is ConnectorState.CHARGING:
            return LedColour.BLUE, LedPattern.BREATHE
        if state is ConnectorState.STOPPING:
            return LedColour.BLUE, LedPattern.BLINK
        return LedColour.GREEN, LedPattern.BLINK  # finished: unplug

    def _send(self, name: str, signals: dict[str, float | int], now: float, force: bool) -> None:
        key = tuple(sorted(signals.items()))
        last = self._sent.get(name)
        if not force and last is not None and last[0] == key and now - last[1] < COMMAND_REPEAT_S:
            return
        self.link.send(name, **signals)
        self._sent[name] = (key, now)

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


def _status_code(value: float | int) -> str:
    """A board's status code signal as six digits ("" for 0); ValueError when it is no status code."""
    number = int(value)
    return format_code(number) if number else ""


def _enum(kind: type, value: float | int, default: object) -> object:
    try:
        return kind(int(value))
    except ValueError:
        return default

