"""Simulated connector boards, I/O board and LED board, speaking the project's DBC."""

from __future__ import annotations

from controller.buses.can_link import CanLink, Frame
from controller.sim.ev import SimulatedEv
from controller.sim.failed_starts import PlannedFailure, planned
from controller.sim.node import SimulatedNode
from controller.types import BoardCommand, BoardStage, EvStopReason, LedColour, LedPattern, Side, Standard

#: Handshake stages the board walks through after the CSU says StartSession.
HANDSHAKE = (BoardStage.COMMUNICATION, BoardStage.CABLE_CHECK, BoardStage.ISOLATION_TEST, BoardStage.PRECHARGE)
SESSION_STAGES = frozenset(HANDSHAKE) | {BoardStage.CHARGING, BoardStage.STOPPING}

#: How long each handshake stage takes per standard, in units of ``stage_seconds``
#: (1.5 s by default).  What the stages are in each protocol:
#:
#: - CHAdeMO 1.2: CAN parameter exchange; connector lock and the EV's contactor welding
#:   check; the charger's insulation test; output voltage check before the EV closes its
#:   contactors.
#: - CCS (DIN 70121): SLAC, session setup, service and charge parameter discovery (the
#:   longest); cable check with the isolation monitor; its result; precharge to the
#:   battery voltage.
#: - GB/T 27930: handshake (CHM/BHM, BRM); connector lock; insulation check before the
#:   battery is connected; parameter configuration (BCP/CML) and voltage matching.
HANDSHAKE_STAGE_UNITS: dict[Standard, tuple[float, float, float, float]] = {
    Standard.CHADEMO: (1.0, 0.7, 2.0, 0.7),
    Standard.CCS1: (2.0, 2.0, 0.7, 1.3),
    Standard.GBT: (1.0, 0.7, 2.0, 1.6),
}


class SimulatedConnectorBoard(SimulatedNode):
    """One connector: lock, DC contactors, the EV's protocol stack (handshake) and its EV.

    It obeys the CSU's level-triggered command: locks when told, walks the handshake
    stages when told to start, closes the contactors only when told and precharge is
    done, relays the EV's requests, and reports the EV's own stop.
    """

    def __init__(self, side: Side, standard: Standard, link: CanLink, stage_seconds: float = 1.5,
                 boot_seconds: float = 0.6) -> None:
        super().__init__(link, boot_seconds)
        self.side = side
        self.standard = standard
        self.reported_standard = standard
        self.node = side.can_node
        self.listens = (f"CSU_Cb{side.name.title()}Command",)
        self.stage_seconds = stage_seconds
        self.ev: SimulatedEv | None = None
        self.locked = False
        self.contactor_closed = False
        self.stage = BoardStage.IDLE
        self.stage_since = 0.0
        self.ev_stop_reason = EvStopReason.NONE
        self.status_code = 0
        self.command = BoardCommand.IDLE
        self.lock_requested = False
        self.close_requested = False
        self.offered_current = 0.0
        self.planned_failure: PlannedFailure | None = None  # the next start fails (controller.sim.failed_starts)

    # --- presenter / test actions ----------------------------------------------------

    def plug(self, ev: SimulatedEv) -> None:
        self.ev = ev
        self._enter(BoardStage.CONNECTED)

    def unplug(self) -> None:
        self.ev = None
        self.locked = False
        self.contactor_closed = False
        self.ev_stop_reason = EvStopReason.NONE
        if 23_000 <= self.status_code < 24_000:  # 023xxx
            self.status_code = 0  # EV messages end with the EV
        self._enter(BoardStage.IDLE)

    @property
    def plugged(self) -> bool:
        return self.ev is not None

    def fail_next_start(self, failure: str) -> None:
        """Make the next start fail (``communication``, ``isolation``, ``precharge``, ``refuse``):
        halfway through its handshake stage, once."""
        self.planned_failure = planned(failure, self.standard)

    # --- bus ---------------------------------------------------------------------------

    def self_test_signals(self, sequence: int) -> dict[str, float | int]:
        return {**super().self_test_signals(sequence), "Standard": int(self.reported_standard)}

    def on_frame(self, frame: Frame) -> None:
        if frame.name != f"CSU_Cb{self.side.name.title()}Command":
            return
        s = frame.signals
        self.command = BoardCommand(int(s["Command"]))
        self.lock_requested = bool(s["Lock"])
        self.close_requested = bool(s["CloseContactor"])
        self.offered_current = float(s["EvseMaxCurrent"])

    def update(self, now: float, dt: float) -> None:
        self._follow_command(now)
        self._send_status()

    def _enter(self, stage: BoardStage) -> None:
        self.stage = stage
        self.stage_since = self.now

    def _follow_command(self, now: float) -> None:
        ev = self.ev
        if self.command_lost and self.close_requested:
            self.close_requested = False  # the controller went quiet: contactors open, output off
        self.locked = self.plugged and self.lock_requested
        if not self.close_requested:
            self.contactor_closed = False
        if ev is None:
            return
        stopping = self.command in (BoardCommand.STOP_SESSION, BoardCommand.EMERGENCY_STOP)
        if self.stage in SESSION_STAGES and self.stage != BoardStage.STOPPING and (stopping or self.status_code):
            self._enter(BoardStage.STOPPING)
        # a new start with the cable still in ("Try again" after a failed start) begins from FINISHED
        if self.stage in (BoardStage.CONNECTED, BoardStage.FINISHED) and self.command is BoardCommand.START_SESSION \
                and self.locked:
            self.ev_stop_reason = EvStopReason.NONE
            self._enter(HANDSHAKE[0])
        elif self._planned_failure_due(now):
            failure, self.planned_failure = self.planned_failure, None
            assert failure is not None
            if failure.code:
                self.status_code = failure.code
            else:
                self.ev_stop_reason = EvStopReason.EV_REQUEST
            self._enter(BoardStage.STOPPING)
        elif self.stage in HANDSHAKE and now - self.stage_since >= self._stage_duration(self.stage):
            position = HANDSHAKE.index(self.stage)
            if position + 1 < len(HANDSHAKE):
                self._enter(HANDSHAKE[position + 1])
            elif self.close_requested:
                self.contactor_closed = True
                self._enter(BoardStage.CHARGING)
        elif self.stage is BoardStage.CHARGING:
            self.contactor_closed = self.close_requested
            if ev.wants_to_stop:
                self.ev_stop_reason = EvStopReason.BATTERY_FULL if ev.battery_full else EvStopReason.TARGET_REACHED
                self._enter(BoardStage.STOPPING)
        elif self.stage is BoardStage.STOPPING:
            self.contactor_closed = self.contactor_closed and self.close_requested
            if not self.contactor_closed and not self.lock_requested:
                self._enter(BoardStage.FINISHED)

    def _planned_failure_due(self, now: float) -> bool:
        failure = self.planned_failure
        return failure is not None and self.stage is failure.stage and \
            now - self.stage_since >= self._stage_duration(self.stage) / 2

    def _stage_duration(self, stage: BoardStage) -> float:
        return self.stage_seconds * HANDSHAKE_STAGE_UNITS[self.standard][HANDSHAKE.index(stage)]

    def _send_status(self) -> None:
        self.cyclic(f"{self.node}_Status", {
            "Standard": int(self.reported_standard),
            "Plugged": int(self.plugged),
            "Locked": int(self.locked),
            "ContactorClosed": int(self.contactor_closed),
            "Stage": int(self.stage),
            "EvStopReason": int(self.ev_stop_reason),
            "StatusCode": self.status_code,
            "AliveCounter": 0,
        })
        ev = self.ev
        if ev is None:
            return
        self.cyclic(f"{self.node}_EvRequest", {
            "EvTargetVoltage": round(ev.target_voltage, 1),
            "EvTargetCurrent": round(ev.requested_current, 1) if self.stage is BoardStage.CHARGING else 0.0,
            "EvSoc": int(ev.soc),
            "EvTargetSoc": int(ev.params.target_soc),
        })
        self.cyclic(f"{self.node}_EvLimits", {
            "EvMaxVoltage": ev.params.voltage_limit,
            "EvMaxCurrent": ev.params.max_current,
            # a battery filling N times faster behaves like one N times smaller: reporting it
            # so keeps the charger's time-to-target honest in an accelerated demo
            "EvBatteryCapacity": ev.params.capacity_kwh / ev.time_factor,
        }, period=1.0)


class SimulatedIoBoard(SimulatedNode):
    """Buttons, emergency stop, door and tilt switches, temperatures."""

    node = "IOB"

    def __init__(self, link: CanLink, boot_seconds: float = 0.2) -> None:
        super().__init__(link, boot_seconds)
        self.left_button = False
        self.right_button = False
        self.emergency_stop = False
        self.door_open = False
        self.tilt = False
        self.ambient_c = 25.0
        self.cabinet_c = 30.0
        self.ac_input_v = 480.0  # line to line
        self._release_at: float | None = None  # when the buttons of a short press come up
        self._held = {True: False, False: False}  # left (True) / right (False) held down until released

    def press(self, left: bool) -> None:
        """A short press: down now, up two status periods later."""
        if left:
            self.left_button = True
        else:
            self.right_button = True
        self._release_at = None

    def hold(self, left: bool, held: bool) -> None:
        """One button held down (True) until released (False), e.g. half of the engineer gesture."""
        self._held[left] = held
        if left:
            self.left_button = held
        else:
            self.right_button = held

    def hold_both(self, held: bool) -> None:
        """Both buttons held down until released (the engineer screen's gesture)."""
        self.hold(True, held)
        self.hold(False, held)
        self._release_at = None

    def update(self, now: float, dt: float) -> None:
        short = [left for left, down in ((True, self.left_button), (False, self.right_button))
                 if down and not self._held[left]]
        if short and self._release_at is None:
            self._release_at = now + 0.15
        elif self._release_at is not None and now >= self._release_at:
            for left in short:
                self.hold(left, False)
            self._release_at = None
        self.cyclic("IOB_Status", {
            "LeftButton": int(self.left_button),
            "RightButton": int(self.right_button),
            "EmergencyStop": int(self.emergency_stop),
            "DoorOpen": int(self.door_open),
            "Tilt": int(self.tilt),
            "AliveCounter": 0,
            "AmbientTemperature": round(self.ambient_c),
            "CabinetTemperature": round(self.cabinet_c),
            "AcInputVoltage": round(self.ac_input_v),
        })


class SimulatedLedBoard(SimulatedNode):
    """Shows what the CSU commands; tests read the colours back."""

    node = "LEDB"
    listens = ("CSU_LedCommand",)

    def __init__(self, link: CanLink, boot_seconds: float = 0.4) -> None:
        super().__init__(link, boot_seconds)
        self.colours = {Side.LEFT: LedColour.OFF, Side.RIGHT: LedColour.OFF}
        self.patterns = {Side.LEFT: LedPattern.STEADY, Side.RIGHT: LedPattern.STEADY}

    def on_frame(self, frame: Frame) -> None:
        if frame.name != "CSU_LedCommand":
            return
        for side in Side:
            prefix = side.name.title()
            self.colours[side] = LedColour(int(frame.signals[f"{prefix}Colour"]))
            self.patterns[side] = LedPattern(int(frame.signals[f"{prefix}Pattern"]))

    def update(self, now: float, dt: float) -> None:
        self.cyclic("LEDB_Status", {
            "AliveCounter": 0,
            "LeftColour": int(self.colours[Side.LEFT]),
            "RightColour": int(self.colours[Side.RIGHT]),
        }, period=0.5)
