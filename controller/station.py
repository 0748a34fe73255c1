"""The station: one owner of all charger state, fed by CAN frames, driver intents and time.

``Station`` is synchronous and deterministic: ``poll()`` takes the boards' facts,
``submit()`` takes an intent, ``tick()`` advances timers, runs the session machines,
allocates power and sends the (level-triggered) commands.  The asyncio runtime and
the fake-clock world both drive it the same way; neither Qt nor threads appear here.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from controller import commands as cmd
from controller import counters as ctr
from controller import fault_policy as policy
from controller import session as sm
from controller import start_failure
from controller.active_codes import ActiveCodes, Readings, measurement
from controller.auth import LocalAuthorizer
from controller.authorization import (
    Authorization,
    SideState,
)
from controller.board_commands import connector_command, led
from controller.boards import (
    LED_OFF,
    BoardBus,
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
from controller.buttons import Buttons
from controller.clock import Clock
from controller.config import Config
from controller.connectors import ConnectorRuntime
from controller.display_messages import DisplayMessage
from controller.display_power import DisplayLevel, DisplayPower, DisplayState, swallowed
from controller.display_watch import home_side, live_session_in_front, must_see, situation
from controller.engineer_screen import EngineerScreen
from controller.interaction import Interaction
from controller.maintenance import Maintenance
from controller.meter import EnergyMeter
from controller.port import (
    BackendLink,
    SessionStarted,
    SessionStopped,
    StationEvent,
)
from controller.power import Relay, allocate, route
from controller.power_modules import PowerModules
from controller.preferences import DriverPreferences
from controller.prices import ShownPrices
from controller.pricing import Tariff
from controller.queue_watch import mark_waiting
from controller.readings import Measurement
from controller.recording import Recorder, interrupted_session
from controller.reliability_log import ReliabilityLog
from controller.retention import Retention, SessionPruner
from controller.safety import SafetyInputs
from controller.security_events import STARTUP_OF_THE_DEVICE, TAMPER_CODES, TAMPER_DETECTION_ACTIVATED, V16, V201
from controller.security_log import SecurityLog
from controller.self_test import SelfTest
from controller.session import ConnectorState, StopReason
from controller.snapshot import build_state, kiosk_view
from controller.station_state import StationState
from controller.store import LatchedCode, SessionRecord, Store
from controller.types import (
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
    StationPhase,
    StationView,
)

log = logging.getLogger(__name__)

# Status codes the station raises itself (manual 5.4).
CODE_RFID_COMMUNICATION = "012243"  # RFID module communication fail: RFID is off, the rest works
CODE_REMOTE_STOP = "033904"  # charging stopped by the backend (manual 5.3.7)
CODE_REMOTE_RESET = "033905"  # the backend restarts the charger
RELAY_WELDING_CODES = {Standard.CHADEMO: "011011", Standard.CCS1: "011013", Standard.GBT: "011015"}

#: Connector states of a charger nobody is using.
_RESTING = frozenset({ConnectorState.AVAILABLE, ConnectorState.RESERVED, ConnectorState.INOPERATIVE})
#: Connector states in which a failed start stays on screen without a kept authorization.
_FAILED_START_SHOWN = frozenset({ConnectorState.STOPPING, ConnectorState.FINISHED})
#: Connector states in which no session runs, stops or is being started (see Station.is_idle).
_IDLE = _RESTING | {ConnectorState.UNAVAILABLE, ConnectorState.FINISHED}

#: How long the station waits for the backend's verdict on a card beyond the backend's
#: own answer timeout (its offline rules always decide; this is a safety net).
AUTHORIZATION_GRACE_S = 5.0


ViewListener = Callable[[StationView], None]


class Station:
    """The charger's controller core."""

    def __init__(self, config: Config, boards: BoardBus, clock: Clock, authorizer: LocalAuthorizer | None = None,
                 store: Store | None = None) -> None:
        self.config = config
        self.boards = boards  # the internal bus in facts and commands (controller.buses.board_support)
        self.clock = clock
        self.authorizer = authorizer or LocalAuthorizer(config.authorization.local_allow_list)
        self.prices = ShownPrices(Tariff.from_config(config.tariff))  # the backend's DefaultPrice may replace it
        self.display_messages: tuple[DisplayMessage, ...] = ()  # the operator's, as the backend last pushed them
        self.preferences = DriverPreferences(config.station.language, config.station.high_contrast,
                                             tuple(config.station.languages), config.station.preference_timeout_s,
                                             large_text=config.station.large_text)
        self.connectors: dict[Side, ConnectorRuntime] = {
            side: ConnectorRuntime(side, standard) for side, standard in connectors_of(config.station.version).items()
        }
        self.active_codes = ActiveCodes(clock, self.code_measurement, self._stop_for_code)
        self.power_modules = PowerModules(config.limits, self.active_codes, lambda: self.phase is StationPhase.READY)
        self.psus = self.power_modules.psus
        self.phase = StationPhase.INITIALIZING
        self.safety = SafetyInputs(config.limits, self.active_codes)  # e-stop, door, tilt, heat, the AC supply
        self.reader_available = True
        self._buttons = Buttons()  # the physical buttons (controller.buttons: left acts on release)
        self._focus_at_right_press: Side | None = None  # where the focus was before the right button's last press
        self.engineer = EngineerScreen(config)
        # dim, sleep, wake, brightness; back to Home after inactivity (controller.display_power)
        self.display_power = DisplayPower(config.display_power, config.station.time_zone, clock.monotonic())
        self.self_test = SelfTest(self.connectors, config.station.version, config.limits.self_test_timeout_s,
                                   self.boards, self.active_codes, self.power_modules)  # then the watchdog
        self._last_tick: float | None = None
        self._listeners: list[ViewListener] = []
        self._last_view: StationView | None = None
        self._state: StationState | None = None
        self.external_limit_w: float | None = None  # station-wide, e.g. the backend's schedule
        self.external_limit_until: datetime | None = None  # when its zero limit ends (UTC), if the schedule says
        # the backend (OCPP): see attach_backend() and the "backend" section below
        self.backend_link = BackendLink.NONE
        self.backend_code = ""  # 033900/033901/033902 while the backend is unreachable
        self.reset_requested: str | None = None  # "soft" or "hard": the owner restarts the station
        # a software update is installing: no new session (set_software_update; a new station starts without)
        self.software_update = False
        # who may charge where (cards, pending plug-ins, reservations, remote starts): it decides, we act
        self.authorization = Authorization(self.authorizer, config.limits.plug_in_timeout_s,
                                           config.ocpp.response_timeout_s + AUTHORIZATION_GRACE_S,
                                           config.authorization.tap_hold_off_s, config.authorization.retry_window_s)
        self._port_events: list[StationEvent] = []  # for the backend (take_events)
        # the driver's commands, the connector in front and the messages (controller.interaction)
        self.interaction = Interaction(self.connectors, clock, self.authorization, self.preferences, self.engineer,
                                       self.step, self.side_states, self._port_events.append)
        # the station owns its store (in memory when none is given) and closes it in close()
        self.store = store if store is not None else Store(":memory:")
        self.recorder = Recorder(self.store, config.storage.checkpoint_interval_s)
        self.pruner = SessionPruner(self.store, Retention(config.storage.session_retention_days,
                                                          config.storage.session_retention_rows))
        for connector_id, register_wh in self.recorder.registers().items():
            side = Side(connector_id - 1)
            if side in self.connectors:
                self.connectors[side].meter = EnergyMeter(register_wh)
        # the security log (controller.security_log): every start is a StartupOfTheDevice
        self.security_log = SecurityLog(self.store, clock, V201 if config.ocpp.version == V201 else V16)
        self.security_log.record(STARTUP_OF_THE_DEVICE, f"firmware {config.station.software_version()}")
        self.active_codes.on_raised = self._code_raised
        self.engineer.report = self.security_log.record
        self.engineer.clear_security_log = self.security_log.clear
        self.counters = ctr.Counters(self.store)
        self.maintenance = Maintenance(self.counters, config.maintenance,
                                       {side: c.standard for side, c in self.connectors.items()})
        self.maintenance.report(self.active_codes)
        for latched in self.store.take_latched_codes():
            self._restore_latched(latched)
        # each port's outages and each session's outcome, as 23 CFR 680.116 counts them
        self.reliability = ReliabilityLog(self.store, [side.connector_id for side in sorted(self.connectors)],
                                          clock.now(), door_is_vandalism=config.reliability.door_is_vandalism)
        self.engineer.reliability = self.reliability.engineer_page

    # --- public API -----------------------------------------------------------------

    def subscribe(self, listener: ViewListener) -> None:
        """Call ``listener(view)`` after every tick whose snapshot differs from the last."""
        self._listeners.append(listener)

    def poll(self) -> int:
        """Take every fact the boards reported since the last poll; returns how many."""
        facts = self.boards.receive(self.clock.monotonic())
        for fact in facts:
            self.take_fact(fact)
        return len(facts)

    @property
    def busy(self) -> bool:
        """Anything going on that needs the full cycle rate (sessions, plugged cables,
        a pending authorization, a message on screen)?"""
        if self.phase is not StationPhase.READY or not self.authorization.idle or self.interaction.notice is not None \
                or self.engineer.up:
            return True
        return any(c.plugged or c.edges or c.machine.state not in _RESTING
                   or c.output_current >= sm.ZERO_CURRENT_A for c in self.connectors.values())


    @property
    def rejected_frames(self) -> int:
        """Decoded frames whose content made no sense (see :meth:`handle_frame`)."""
        return self.boards.rejected_frames

    def submit(self, command: cmd.DriverCommand | cmd.EngineerCommand | cmd.DisplayCommand) -> None:
        """A command from the driver or a technician (:mod:`controller.commands`; a backend's
        go through :class:`controller.station_port.StationPort`).  While the display is not
        awake a touch or a button only wakes it (:func:`controller.display_power.swallowed`)."""
        now = self.clock.monotonic()
        power = self.display_power
        match command:
            case cmd.WakeDisplay():
                power.wake(now)
                return
            case cmd.ScreenActivity():
                if power.level is DisplayLevel.AWAKE:
                    power.activity(now)
                return
        if swallowed(command, power.level):
            log.info("display %s: %s only wakes it", power.level.value, type(command).__name__)
            power.wake(now)
            return
        power.activity(now)
        self.interaction.submit(command, self.phase is StationPhase.READY)

    @property
    def focus(self) -> Side:
        """The connector in front on the screen."""
        return self.interaction.focus

    @focus.setter
    def focus(self, side: Side) -> None:
        self.interaction.focus = side

    def set_reader_available(self, available: bool) -> None:
        """The RFID reader answers again (True) or failed, went away, or was never found (False).

        While it is gone, status code 012243 is in force without blocking charging and
        RFID is left out of the offered methods; the other methods keep working.
        """
        if available == self.reader_available:
            return
        self.reader_available = available
        if available:
            self.active_codes.clear(CODE_RFID_COMMUNICATION, None)
        else:
            self.active_codes.raise_code(CODE_RFID_COMMUNICATION, None, blocking=False)

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
            input_voltage_v=self.safety.input_voltage_v,
            ambient_c=self.safety.ambient_c,
            cabinet_c=self.safety.cabinet_c,
            psu_inlet_c=tuple(psu.inlet_temperature for psu in present),
            psu_heatsink_c=tuple(psu.temperature for psu in present),
            output_v=tuple(c.output_voltage for c in connectors),
            output_a=tuple(c.output_current for c in connectors),
        ))

    def reset_counter(self, name: str) -> None:
        """A technician did the work: start ``name`` (``counters.plugs(id)``, ``counters.AIR_FILTER``)
        from zero again; its information code clears."""
        self.maintenance.reset(name, self.clock.monotonic(), self.clock.now())
        self.maintenance.report(self.active_codes)

    def meter_register_wh(self, side: Side) -> float:
        """The connector's lifetime energy register (Wh): never decreases, survives restarts."""
        return self.connectors[side].meter.register_wh

    # --- software updates -------------------------------------------------------------

    def set_software_update(self, active: bool) -> None:
        """An install of new software begins (True) or is over (False).  While it is on, nothing
        starts a session (a card, a remote start), every connector not in use is unavailable,
        the kiosk shows the Updating screen and the LEDs show it; a running session is never cut
        and finishes as usual.  It is the station's state only: a restart starts without it."""
        if active != self.software_update:
            log.warning("software update %s", "installing: no new session" if active else "over: back in service")
        self.software_update = active
        self.authorization.allow_new_sessions(not active)

    def is_idle(self) -> bool:
        """No session running, stopping or being started on any side: no card being checked or
        waiting for a cable, no cable plugged in waiting for a card, no session from
        authorized to unlocked.  A Summary still on screen is idle (its session is over and
        unlocked, the backend has its stop), and so is a connector reserved, out of service,
        or still in its self-test."""
        return self.authorization.idle and all(
            c.machine.state in _IDLE and not c.edges for c in self.connectors.values())

    def in_service(self, connector: ConnectorRuntime) -> bool:
        """May a new session start on ``connector``: in service (the backend's availability)
        and no software update installing."""
        return connector.operative and not self.software_update

    # --- for the port (controller.station_port) ---------------------------------------

    def take_events(self) -> list[StationEvent]:
        """The events for the backend since the last call, oldest first."""
        events = list(self._port_events)
        self._port_events.clear()
        return events

    @property
    def backend_configured(self) -> bool:
        return self.backend_link is not BackendLink.NONE

    @property
    def backend_online(self) -> bool:
        return self.backend_link is BackendLink.ONLINE

    def _code_raised(self, code: str, side: Side | None) -> None:
        """A status code came into force: the cabinet door's is a tamper detection."""
        if code in TAMPER_CODES:
            where = side.label if side is not None else "station"
            self.security_log.record(TAMPER_DETECTION_ACTIVATED, f"cabinet door open: status code {code} ({where})")

    def close(self, close_store: bool = True) -> None:
        """Save every meter and session now, then close the store (clean shutdown); a restart
        (OCPP Reset) keeps the store open for the next station.  A soft reset is no power cycle:
        the codes that latch until one are kept for the next station (see :meth:`_latched`)."""
        self.recorder.flush([c.meter_state() for c in self.ordered()], self.clock.monotonic(), self.clock.now())
        self.counters.save(self.clock.monotonic(), self.clock.now(), force=True)
        self.reliability.close(self.clock.now())
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
        if self._buttons.read_aloud(now) and self.phase is StationPhase.READY and not self.engineer.up:
            self.submit(cmd.ReadAloud(self._focus_at_right_press))
        # before the machines: a session recorded in this cycle reaches the backend before a prune sees it
        self.pruner.tick(now, self.clock.now())
        if self.phase is StationPhase.INITIALIZING:
            self._run_self_test(now)
        else:
            self._expire(now)
            self.self_test.watch(now)
            self._measure(now)
            self._run_machines(now)
            self._watch_sessions(now)
            self._allocate()
            self._record(now)
            self.maintenance.report(self.active_codes)
            self.counters.save(now, self.clock.now())
            self.preferences.update(self._idle(), now)
            self._return_home(now)
        self._send_commands(now)
        return self.publish()

    def _return_home(self, now: float) -> None:
        """After ``[display_power].home_after_s`` without activity, every screen that is not a live
        session's goes back to Home: the first connector (or the one with a session) in front,
        the kiosk's overlays and status pages closed (``DisplayState.home_returns``)."""
        if not self.display_power.home_due(now) or self.engineer.up:
            return
        state = self.state
        if live_session_in_front(state):
            return
        self.focus = home_side(state)
        self.display_power.returned_home()

    def publish(self) -> StationView:
        """Build the snapshot and tell the listeners if it changed (also right after an intent,
        so a button press reaches the screen without waiting for the next cycle)."""
        state = build_state(self)
        if must_see(self._state, state):
            self.display_power.wake(state.now)
        display = self.display_power.observe(situation(state, self.engineer.up), state.now, state.wall)
        self._state = state = replace(state, display=display)
        self.reliability.observe(state, {side.connector_id: self.recorder.session_id(side.connector_id)
                                         for side in self.connectors})
        view = self._project(state)
        if view != self._last_view:
            self._last_view = view
            for listener in list(self._listeners):
                listener(view)
        return view

    # --- board facts ----------------------------------------------------------------

    def take_fact(self, fact: Fact) -> None:
        """What a board reported (controller.boards), applied."""
        match fact:
            case ConnectorBoardStatus():
                self._on_board_status(fact)
            case EvRequest() | EvLimits() if fact.side in self.connectors:
                self.connectors[fact.side].take_ev(fact)
            case PsuStatus():
                self.power_modules.on_status(fact)
            case PsuThermal():
                self.power_modules.on_thermal(fact)
            case IoBoardStatus():
                self._on_io_status(fact)
            case SelfTestAnswer():
                if self.phase is StationPhase.INITIALIZING:
                    self.self_test.on_answer(fact)

    def _on_board_status(self, status: ConnectorBoardStatus) -> None:
        connector = self.connectors.get(status.side)
        if connector is not None:
            old = connector.board_code
            if connector.take_status(status):
                self.active_codes.board_code_changed(status.side, old, status.status_code, connector.plugged,
                                                     lambda: self._end_session_for_ev(connector, status.status_code))

    def _end_session_for_ev(self, connector: ConnectorRuntime, code: str) -> None:
        if connector.machine.state in (ConnectorState.PREPARING, ConnectorState.CHARGING):
            self.step(connector, sm.EvStopped(EvStopReason.EV_FAULT, code))

    def _on_io_status(self, status: IoBoardStatus) -> None:
        ready = self.phase is StationPhase.READY
        force = self.safety.update_climate(status, ready)
        for button in self._buttons.update(status.left_button, status.right_button, self.clock.monotonic()):
            if ready:
                if button is Button.RIGHT:
                    self._focus_at_right_press = self.interaction.focus  # a long press brings it back
                self.submit(cmd.PressLeft() if button is Button.LEFT else cmd.PressRight())
        if self.safety.update_inputs(status) or force:
            self._send_commands(self.clock.monotonic(), force=True)  # output off now, not next cycle

    @property
    def estop(self) -> bool:
        return self.safety.estop

    # --- self-test and watchdog (controller.self_test) ----------------------------------

    def _run_self_test(self, now: float) -> None:
        """Run the self-test (controller.self_test); once it is over the station is Ready, and a
        session a power cut ended shows its summary."""
        if not self.self_test.run(now):
            return
        self.phase = StationPhase.READY
        self.power_modules.update_resource()
        self.power_modules.check_quantity()
        test = self.self_test
        log.info("self-test complete: %d/%d boards answered", len(test.answered), len(test.expected))
        interrupted = {record.connector_id: record for record in self.interrupted_sessions}
        for connector in self.ordered():
            record = interrupted.get(connector.side.connector_id)
            self.step(connector, sm.Ready(interrupted_session(record, now) if record else None))


    # --- codes (controller.active_codes) ---------------------------------------------

    @property
    def codes(self) -> list[ActiveCode]:
        """The status codes in force, newest first."""
        return self.active_codes.active

    @property
    def code_history(self) -> deque[CodeEvent]:
        """Status codes raised and cleared (the engineer screen's recent codes), newest last."""
        return self.active_codes.history

    def _stop_for_code(self, code: str, side: Side | None, reason: StopReason) -> None:
        """A blocking code was raised: stop the sessions on ``side`` (every one for the station's)."""
        for connector in self.ordered():
            if side is None or connector.side == side:
                self.step(connector, sm.StopRequested(reason, code))

    def _latched(self) -> list[LatchedCode]:
        """The codes in force that latch until a power cycle, as kept across a soft reset."""
        return self.active_codes.latched(self.power_modules.fault_codes())

    def _restore_latched(self, latched: LatchedCode) -> None:
        """At start-up: a code a soft reset kept is in force again before the self-test, as it
        was (its connector, its reading, the power module it keeps out)."""
        self.power_modules.restore(latched)
        self.active_codes.restore(latched)

    # --- intents --------------------------------------------------------------------

    def side_states(self) -> tuple[SideState, ...]:
        """The connectors as authorization sees them, left first."""
        states = []
        for connector in self.ordered():
            session = connector.machine.session
            token = session.id_token if session is not None and not session.summary_dismissed else None
            states.append(SideState(connector.side, connector.machine.state, self.active_codes.blocked(connector.side),
                                    self.in_service(connector), token))
        return tuple(states)


    def _idle(self) -> bool:
        """Nobody is using the charger: every connector free (or reserved, or out of service)
        and unplugged, nothing pending."""
        return self.authorization.idle and all(
            c.machine.state in _RESTING and not c.plugged for c in self.connectors.values())


    # --- the cycle ------------------------------------------------------------------

    def ordered(self) -> list[ConnectorRuntime]:
        """Connectors left first: the left connector has priority (manual 5.2.3)."""
        return [self.connectors[side] for side in sorted(self.connectors)]

    def _expire(self, now: float) -> None:
        self.interaction.expire(now)
        for outcome in self.authorization.expire(now, self.side_states()):
            self.interaction.act(outcome, now)
        holds = self.authorization.holds
        for side, failure in list(holds.shown.items()):  # a window that ended with the cable out: Home
            connector = self.connectors.get(side)
            if connector is None or (connector.machine.state not in _FAILED_START_SHOWN and not failure.held(now)):
                holds.forget(side)

    def _measure(self, now: float) -> None:
        """The connectors' output from the modules' readings, into the meters and the sessions."""
        for connector in self.connectors.values():
            connector.measure([psu for psu in self.psus if psu.routed_to == connector.side and psu.present], now)

    def _record(self, now: float) -> None:
        wall = self.clock.now()
        for connector in self.ordered():
            self.recorder.tick(connector.meter_state(), now, wall)

    def _run_machines(self, now: float) -> None:
        focus_target: Side | None = None  # the first (leftmost) connector that wants the screen wins
        for connector in self.ordered():
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
                self.step(connector, sm.StageReported(connector.stage))
            if (
                connector.stage == BoardStage.STOPPING
                and connector.ev_stop_reason != EvStopReason.NONE
                and connector.machine.state in (ConnectorState.PREPARING, ConnectorState.CHARGING)
            ):
                self.step(connector, sm.EvStopped(connector.ev_stop_reason, connector.board_code))
            self.step(connector, sm.Tick())
        if focus_target is not None:
            self.focus = focus_target

    def _on_plug_edge(self, connector: ConnectorRuntime, plugged: bool) -> Side | None:
        """Apply a plug or unplug; returns the connector the screen should show now, if any."""
        if not plugged:
            for code in [c.code for c in self.codes if c.side == connector.side]:
                if policy.action_for(code) is policy.Action.END_SESSION and code != connector.board_code:
                    self.active_codes.clear(code, connector.side)
            was_finished = connector.machine.state is ConnectorState.FINISHED
            self.step(connector, sm.Unplugged())
            if was_finished and self.focus == connector.side:
                return self._active_other(connector.side)
            return None
        self.maintenance.plugged_in(connector.side, self.clock.monotonic(), self.clock.now())
        self.maintenance.report(self.active_codes)
        eligible = self.authorization.eligible_for_plug_in(self.side_states())  # before the plug makes it busy
        self.step(connector, sm.Plugged())
        if connector.machine.state is not ConnectorState.PLUGGED:
            return None
        authorize = self.authorization.plugged_in(connector.side, eligible, self.clock.monotonic())
        if authorize is not None:
            self.step(connector, sm.Authorized(authorize.token, authorize.method))
        return connector.side

    def _active_other(self, side: Side) -> Side | None:
        """After unplugging, the other connector's charging page if it has a session (5.2.6)."""
        for other in self.ordered():
            if other.side != side and other.machine.state in sm.SESSION_STATES | {ConnectorState.FINISHED}:
                return other.side
        return None

    def step(self, connector: ConnectorRuntime, event: sm.Event) -> None:
        """Run ``event`` through the connector's session machine and act on its transition."""
        before = connector.machine.state
        facts = sm.Facts(
            plugged=connector.plugged,
            blocked=self.active_codes.blocked(connector.side),
            stage=connector.stage,
            contactor_closed=connector.contactor_closed,
            output_current=connector.output_current,
            soc=connector.soc,
            summary_timeout_s=self.config.limits.summary_timeout_s,
            operative=self.in_service(connector),
            reserved=self.authorization.reserved(connector.side),
        )
        connector.machine = sm.step(connector.machine, event, facts, self.clock.monotonic(), self.clock.now())
        after = connector.machine.state
        if after is not before:
            log.info("%s connector: %s -> %s on %s", connector.side.label, before.value, after.value,
                     type(event).__name__)
            # recorded first: the backend hears of a session the store has (and of its id)
            self.recorder.changed(connector.meter_state(), self.clock.monotonic(), self.clock.now())
            if after is ConnectorState.PREPARING:
                connector.history.reset()
                connector.furthest_stage = BoardStage.IDLE
                self._session_began(connector)
            elif before is ConnectorState.PREPARING and after is ConnectorState.STOPPING:
                self._start_failed(connector)
            elif before is ConnectorState.STOPPING and after is ConnectorState.FINISHED:
                self._session_ended(connector)
            elif after in _RESTING:
                connector.backend_cost = None
                connector.user_price = None
                if not self.authorization.holds.held(connector.side, self.clock.monotonic()):
                    self.authorization.holds.forget(connector.side)  # nothing kept: Home
            if after is ConnectorState.CHARGING:
                self.authorization.holds.charging(connector.side)
            if after in (ConnectorState.PREPARING, ConnectorState.FINISHED):
                self.focus = connector.side  # the screen follows the connector that needs the driver

    def _start_failed(self, connector: ConnectorRuntime) -> None:
        """A session stopped before energy flowed: if it is a failed start (controller.start_failure),
        the screen explains it and the driver's authorization may be kept (controller.retry_hold)."""
        session = connector.machine.session
        if session is None or session.stop_reason is None:
            return
        kind = start_failure.classify(session.stop_reason, session.stop_code, connector.furthest_stage)
        if kind is None:
            return
        failure = self.authorization.holds.failed(connector.side, kind, session.stop_code, session.id_token,
                                                  session.method, self.clock.monotonic())
        log.info("%s connector: failed start (%s%s), authorization %s", connector.side.label, kind.value,
                 f", {session.stop_code}" if session.stop_code else "",
                 f"kept {self.authorization.holds.window_s:.0f} s" if failure.until is not None else "not kept")

    def _session_began(self, connector: ConnectorRuntime) -> None:
        """Authorized, plugged and recorded: the backend hears of it (StartTransaction)."""
        session = connector.machine.session
        if session is not None:
            self.authorization.holds.began(connector.side, session.id_token)
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

    def _watch_sessions(self, now: float) -> None:
        """A stop that never reaches zero current means a welded relay (kept locked, raised);
        [limits].max_charging_minutes stops a session with 013601 (0 = no limit)."""
        limits = self.config.limits
        for connector in self.ordered():
            if connector.stop_overdue(now, limits.stop_timeout_s):
                self.active_codes.raise_code(RELAY_WELDING_CODES[connector.standard], connector.side, blocking=True)
            if connector.charged_too_long(now, limits.max_charging_minutes * 60):
                log.info("%s connector: maximum charging time reached", connector.side.label)
                self.step(connector, sm.StopRequested(StopReason.TIME_LIMIT, ctr.CODE_TIME_UP))

    def _allocate(self) -> None:
        """The power split (controller.power) among the connectors allowed output now."""
        demands = [c.demand() for c in self.ordered() if c.output_allowed(self.active_codes.blocked(c.side))]
        supply = self.power_modules.supply(self.safety, self.external_limit_w)
        grants = {grant.side: grant for grant in allocate(demands, supply)}
        for connector in self.connectors.values():
            connector.grant = grants.get(connector.side)
        mark_waiting(self.ordered(), demands, supply, self.clock.now(), self.external_limit_until,
                     len(self.psus) - len(supply.psus), self.active_codes.blocked)

    # --- commands -------------------------------------------------------------------

    def _send_commands(self, now: float, force: bool = False) -> None:
        if force:  # a safety input changed between ticks: recompute output permission now
            for side, connector in self.connectors.items():
                if connector.grant is not None and not connector.output_allowed(self.active_codes.blocked(side)):
                    connector.grant = None
        for side in Side:
            self.boards.send(self._board_command(side), now, force)
        # break before make (controller.power.route): a module changes connector only at zero current
        relays = [Relay(psu.index, psu.routed_to, psu.current) for psu in self.psus]
        grants = [c.grant for c in self.connectors.values() if c.grant is not None]
        for command in route(relays, grants):
            self.psus[command.index].routed_to = command.connector
            self.boards.send(command, now, force)
        leds = {side: self.led_of(connector) for side, connector in self.connectors.items()}
        self.boards.send(LedCommand(leds.get(Side.LEFT, LED_OFF), leds.get(Side.RIGHT, LED_OFF)), now, force)

    def _board_command(self, side: Side) -> ConnectorBoardCommand:
        """What the connector board on ``side`` is told (controller.board_commands); idle without one."""
        connector = self.connectors.get(side)
        if connector is None:
            return ConnectorBoardCommand(side)
        return connector_command(side, state=connector.machine.state, stage=connector.stage,
                                 standard=connector.standard, grant=connector.grant,
                                 output_current_a=connector.output_current,
                                 contactor_closed=connector.contactor_closed, estop=self.safety.estop,
                                 blocked=self.active_codes.blocked(side))

    def led_of(self, connector: ConnectorRuntime) -> Led:
        """The connector's LED (controller.board_commands.led)."""
        return led(connector.machine.state, initializing=self.phase is StationPhase.INITIALIZING,
                   blocked=self.active_codes.blocked(connector.side), pending=self.authorization.pending is not None,
                   updating=self.software_update, waiting=connector.waiting is not None)

    # --- the snapshot ---------------------------------------------------------------

    def view(self) -> StationView:
        """The kiosk's snapshot of the station now (without telling the listeners), with the display
        as of the last :meth:`publish`."""
        return self._project(replace(build_state(self), display=self.display))

    @property
    def state(self) -> StationState:
        """The station as of the last :meth:`publish` (every tick, and after each command)."""
        if self._state is None:
            self._state = replace(build_state(self), display=self.display)
        return self._state

    @property
    def display(self) -> DisplayState:
        """The display (controller.display_power) as of the last :meth:`publish`."""
        return self._state.display if self._state is not None else DisplayState()

    def _project(self, state: StationState) -> StationView:
        return kiosk_view(state, self.config, self.engineer.pin_pad(state.now), self.engineer.view(state))
