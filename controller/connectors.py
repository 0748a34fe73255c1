"""One connector as the station knows it: its machine, its board, the EV and its meter.

:class:`ConnectorRuntime` is mutable and owned by the station; it takes the connector
board's typed facts (:mod:`controller.boards`) and the power modules' readings, and keeps
what the session machine (:mod:`controller.session`) and the snapshot need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from controller.boards import ConnectorBoardStatus, EvLimits, EvRequest
from controller.meter import EnergyMeter, PowerHistory
from controller.power import Demand, Grant
from controller.power_modules import PsuRuntime
from controller.pricing import BackendCost, PriceText
from controller.queue import Waiting
from controller.recording import MeterState
from controller.session import SESSION_STATES, ZERO_CURRENT_A, ConnectorState, Machine
from controller.types import BoardStage, EvStopReason, Side, Standard


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
    furthest_stage: BoardStage = BoardStage.IDLE  # the furthest handshake stage of the session (start_failure)
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
    external_limit_until: datetime | None = None  # when that schedule's zero limit ends (UTC), if it says
    waiting: Waiting | None = None  # why its session gets no power yet (controller.queue), each cycle
    operative: bool = True  # False: the backend took it out of service (ChangeAvailability)
    backend_cost: BackendCost | None = None  # the session's cost from the backend (RunningCost / FinalCost)
    backend_cost_at: float = 0.0  # when it arrived (monotonic)
    user_price: PriceText | None = None  # the session driver's own price (SetUserPrice)

    def take_status(self, status: ConnectorBoardStatus) -> bool:
        """The board's status frame: plug (an edge for the next tick), lock, contactor, stage;
        True when its status code changed (the caller applies the fault policy)."""
        if status.plugged != self.plugged:
            self.edges.append(status.plugged)
        self.plugged = status.plugged
        self.locked = status.locked
        self.contactor_closed = status.contactor_closed
        self.stage = status.stage
        if self.machine.state is ConnectorState.PREPARING and status.stage <= BoardStage.PRECHARGE:
            self.furthest_stage = max(self.furthest_stage, status.stage)
        self.ev_stop_reason = status.ev_stop_reason
        changed = status.status_code != self.board_code
        self.board_code = status.status_code
        return changed

    def take_ev(self, fact: EvRequest | EvLimits) -> None:
        """What the EV asks for (target voltage, current, SOC) or can take (its maxima, its battery)."""
        if isinstance(fact, EvRequest):
            self.ev_voltage, self.ev_current = fact.target_voltage_v, fact.target_current_a
            self.soc, self.target_soc = fact.soc_pct, fact.target_soc_pct
        else:
            self.ev_max_voltage, self.ev_max_current = fact.max_voltage_v, fact.max_current_a
            self.capacity_kwh = fact.battery_capacity_kwh

    def measure(self, fed: Sequence[PsuRuntime], now: float) -> None:
        """The output from the modules routed here, into the meter and the session's energy."""
        self.output_current = sum(psu.current for psu in fed)
        # parallel modules read the same voltage, each with its own error: average those delivering
        readings = [psu.voltage for psu in fed if psu.current >= ZERO_CURRENT_A] or [psu.voltage for psu in fed]
        self.output_voltage = sum(readings) / len(readings) if readings else 0.0
        added = self.meter.read(now, self.output_voltage, self.output_current)
        machine = self.machine
        if machine.session is not None and machine.state in SESSION_STATES and added > 0:
            session = replace(machine.session, energy_wh=machine.session.energy_wh + added)
            self.machine = replace(machine, session=session)
        if machine.state is ConnectorState.CHARGING:
            self.history.add(now, added)

    def meter_state(self) -> MeterState:
        """What the recorder checkpoints of this connector."""
        return MeterState(self.side.connector_id, self.machine, self.meter.register_wh,
                          self.soc if self.plugged else None)

    def output_allowed(self, blocked: bool) -> bool:
        """Output only when authorized, plugged, locked, and precharging or charging, with no
        blocking code (``blocked``)."""
        state = self.machine.state
        if blocked or not (self.plugged and self.locked):
            return False
        if state is ConnectorState.CHARGING:
            return self.contactor_closed
        return state is ConnectorState.PREPARING and self.stage == BoardStage.PRECHARGE

    def demand(self) -> Demand:
        """What this connector asks of the power split."""
        return Demand(side=self.side, envelope=self.standard.envelope, ev_voltage=self.ev_voltage,
                      ev_current=self.ev_current, precharge=self.machine.state is ConnectorState.PREPARING,
                      external_limit_w=self.external_limit_w)

    def stop_overdue(self, now: float, timeout_s: float) -> bool:
        """Stopping for ``timeout_s`` without the current reaching zero: a welded relay."""
        session = self.machine.session
        return (self.machine.state is ConnectorState.STOPPING and session is not None
                and session.stop_requested_at is not None and now - session.stop_requested_at >= timeout_s)

    def charged_too_long(self, now: float, limit_s: float) -> bool:
        """Charging for ``limit_s`` or more (0: no limit)."""
        session = self.machine.session
        return bool(limit_s) and self.machine.state is ConnectorState.CHARGING and session is not None \
            and session.duration_s(now) >= limit_s
