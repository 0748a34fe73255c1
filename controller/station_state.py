"""The station's state, once per cycle: one immutable picture in SI units and enums.

:class:`StationState` is what every reader of the station sees: the kiosk's snapshot
(:func:`controller.snapshot.kiosk_view`), the engineer screen
(:meth:`controller.engineer_screen.EngineerScreen.view`) and the backend's snapshot
(:func:`controller.backend.station_snapshot`) are projections of it.  Each projection
rounds for its own reader (a display to 100 W, a meter value to 1 W), but the physics,
power = output voltage times output current, is computed here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from controller.boards import LinkHealth
from controller.display_messages import DisplayMessage
from controller.display_power import DisplayState
from controller.port import BackendLink
from controller.power import Grant, Limit
from controller.pricing import BackendCost, DefaultPrice, PriceText, Tariff, TimeOffset
from controller.queue import Waiting
from controller.readings import Measurement
from controller.retry_hold import FailedStart
from controller.security_events import SecurityEvent
from controller.session import SESSION_STATES, ConnectorState, Session
from controller.types import AuthMethod, BoardStage, LedColour, LedPattern, Side, Standard
from controller.view import ActiveCode, CodeEvent, Notice, PendingAuthorization, StationPhase


@dataclass(frozen=True, slots=True)
class ConnectorStatus:
    """One connector: its machine, its board, the EV and the power it gets."""

    side: Side
    standard: Standard
    state: ConnectorState
    session: Session | None  # the current or last session
    blocked: bool  # a code in force stops charging here
    codes: tuple[str, ...]  # codes concerning it (its own and the station's), newest first
    plugged: bool
    locked: bool
    contactor_closed: bool
    stage: BoardStage
    board_code: str
    output_v: float
    output_a: float
    soc: int | None  # None unless plugged
    target_soc: int | None
    ev_target_v: float
    ev_target_a: float
    capacity_kwh: float
    grant: Grant | None  # what the allocation gives now
    energy_register_wh: float  # lifetime, never decreases
    power_history_w: tuple[int, ...]  # the session's curve (W), the last point live
    led: tuple[LedColour, LedPattern]
    operative: bool
    reserved: bool
    backend_cost: BackendCost | None  # carried on with its unit prices to now
    user_price: PriceText | None
    waiting: Waiting | None = None  # why its session gets no power yet (controller.queue)
    failed_start: FailedStart | None = None  # the failed start shown here (controller.retry_hold)

    @property
    def power_w(self) -> float:
        """Output power now: the station's one V times I."""
        return self.output_v * self.output_a

    @property
    def in_session(self) -> bool:
        return self.state in SESSION_STATES

    @property
    def limit(self) -> Limit:
        """What caps the power while charging (the EV's own request otherwise)."""
        if self.grant is not None and self.state is ConnectorState.CHARGING:
            return self.grant.limit
        return Limit.EV


@dataclass(frozen=True, slots=True)
class PsuStatus:
    """One power module as its last frames told."""

    index: int  # 0-based
    present: bool
    enabled: bool
    routed_to: Side | None
    output_v: float
    output_a: float
    temperature_c: float
    fault_code: str


@dataclass(frozen=True, slots=True)
class StationState:
    """The whole station at one instant (``now`` monotonic, ``wall`` UTC)."""

    now: float
    wall: datetime
    phase: StationPhase
    boards: tuple[tuple[str, str], ...]  # (node, "passed" | "failed <code>" | "missing") from the self-test
    boards_answered: int
    init_step: str  # the self-test step shown on Initializing
    connectors: tuple[ConnectorStatus, ...]  # left first
    focus: Side
    psus: tuple[PsuStatus, ...]
    codes: tuple[ActiveCode, ...]  # newest first
    readings: tuple[tuple[ActiveCode, Measurement | None], ...]  # each code's reading when raised
    code_history: tuple[CodeEvent, ...]  # raised and cleared, newest first
    safety: tuple[str, ...]  # active safety inputs: "emergency stop", "door open", "tilt"
    ambient_c: float
    input_voltage_v: float
    backend: BackendLink
    backend_code: str  # 033900/033901/033902 while the central system is unreachable
    pending: PendingAuthorization | None
    notice: Notice | None
    methods: frozenset[AuthMethod]  # usable now
    tariff: Tariff
    default_price: DefaultPrice | None
    time_offset: TimeOffset | None
    language: str
    high_contrast: bool
    counters: tuple[tuple[str, int, int], ...]  # (what, count, limit; 0 = none)
    display_message: DisplayMessage | None = None  # the operator's message to show now (display_messages.shown)
    tariff_fallback: PriceText | None = None  # stands in for a tariff the backend has not given
    total_cost_fallback: PriceText | None = None  # stands in for a total cost that has not come
    software_update: bool = False  # a software update is installing: no new session (Station.set_software_update)
    security_events: tuple[SecurityEvent, ...] = ()  # the security log's latest, newest first
    can_bus: LinkHealth | None = None  # the internal CAN bus: its state and counters
    display: DisplayState = field(default_factory=DisplayState)  # level, look, backlight (controller.display_power)
    read_aloud: int = 0  # requests to read the screen aloud so far (commands.ReadAloud)
    large_text: bool = False  # the driver's larger text (or the station default)

    def connector(self, side: Side) -> ConnectorStatus:
        for connector in self.connectors:
            if connector.side == side:
                return connector
        raise KeyError(side)

    def reading(self, active: ActiveCode) -> Measurement | None:
        """The reading ``active`` is about, as measured when it was raised."""
        return next((reading for code, reading in self.readings if code == active), None)

    @property
    def backend_configured(self) -> bool:
        return self.backend is not BackendLink.NONE

    @property
    def backend_online(self) -> bool:
        return self.backend is BackendLink.ONLINE
