"""Per-connector session state machine, readable as one transition table.

The machine is pure: ``step(machine, event, facts, now)`` returns the next machine.
Hardware is commanded elsewhere from the resulting state (level-triggered), so the
table only decides *what state the connector is in* and records the session data.

Station-wide rules (who gets a pending authorization, left priority, which card
stops which session, fault policy) live in :mod:`controller.station`; this module
sees only one connector.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from controller.types import AuthMethod, BoardStage, EvStopReason


class ConnectorState(enum.Enum):
    UNAVAILABLE = "unavailable"  # before the self-test has passed
    AVAILABLE = "available"  # Home: nothing plugged, no session
    PLUGGED = "plugged"  # cable in, waiting for authorization (plug-in first)
    PREPARING = "preparing"  # authorized and plugged: handshake, cable check, isolation, precharge
    CHARGING = "charging"  # energy transfer
    STOPPING = "stopping"  # output ramping down; still locked until the current is zero
    FINISHED = "finished"  # summary; unlocked; waiting for the cable to come out


#: States in which the connector is locked and a session is running.
SESSION_STATES = frozenset({ConnectorState.PREPARING, ConnectorState.CHARGING, ConnectorState.STOPPING})


class StopReason(enum.Enum):
    """Why a session ended; ``ocpp`` is the OCPP 1.6 ``Reason`` it maps to."""

    STOP_BUTTON = ("stop_button", "Local")
    CARD = ("card", "Local")
    EV_TARGET_REACHED = ("ev_target_reached", "Local")
    EV_BATTERY_FULL = ("ev_battery_full", "Local")
    EV_REQUEST = ("ev_request", "Local")
    EV_DISCONNECTED = ("ev_disconnected", "EVDisconnected")
    FAULT = ("fault", "Other")
    EMERGENCY_STOP = ("emergency_stop", "EmergencyStop")
    REMOTE = ("remote", "Remote")

    def __init__(self, key: str, ocpp: str) -> None:
        self.key = key
        self.ocpp = ocpp


_EV_STOP_REASONS = {
    EvStopReason.TARGET_REACHED: StopReason.EV_TARGET_REACHED,
    EvStopReason.BATTERY_FULL: StopReason.EV_BATTERY_FULL,
    EvStopReason.EV_REQUEST: StopReason.EV_REQUEST,
    EvStopReason.EV_FAULT: StopReason.FAULT,
    EvStopReason.NONE: StopReason.EV_REQUEST,
}


# --- events -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ready:
    """The station passed its self-test."""


@dataclass(frozen=True, slots=True)
class Plugged:
    """The connector board reports a cable in an EV inlet."""


@dataclass(frozen=True, slots=True)
class Unplugged:
    """The connector board reports the cable out."""


@dataclass(frozen=True, slots=True)
class Authorized:
    id_token: str
    method: AuthMethod


@dataclass(frozen=True, slots=True)
class StageReported:
    stage: BoardStage


@dataclass(frozen=True, slots=True)
class StopRequested:
    reason: StopReason
    code: str = ""


@dataclass(frozen=True, slots=True)
class EvStopped:
    reason: EvStopReason
    code: str = ""


@dataclass(frozen=True, slots=True)
class Tick:
    """Time passed; re-evaluate guards that depend on measurements or timers."""


@dataclass(frozen=True, slots=True)
class Dismissed:
    """The driver closed the summary (left button or Done)."""


Event = Ready | Plugged | Unplugged | Authorized | StageReported | StopRequested | EvStopped | Tick | Dismissed


@dataclass(frozen=True, slots=True)
class Facts:
    """What the controller currently measures or knows about this connector."""

    plugged: bool = False
    blocked: bool = False  # an active fault/warning code forbids a new session
    stage: BoardStage = BoardStage.IDLE
    contactor_closed: bool = False
    output_current: float = 0.0
    soc: int | None = None
    summary_timeout_s: float = 30.0

    @property
    def current_is_zero(self) -> bool:
        return self.output_current < ZERO_CURRENT_A


#: Below this output current (A) the connector may open its contactors and unlock.
ZERO_CURRENT_A = 1.0


@dataclass(frozen=True, slots=True)
class Session:
    """One charging session, from authorization to the summary."""

    id_token: str
    method: AuthMethod
    authorized_at: float
    authorized_wall: datetime
    charging_since: float | None = None
    start_soc: int | None = None
    end_soc: int | None = None
    energy_wh: float = 0.0
    stop_reason: StopReason | None = None
    stop_code: str = ""
    stop_requested_at: float | None = None
    ended_at: float | None = None
    ended_wall: datetime | None = None
    summary_dismissed: bool = False

    def duration_s(self, now: float) -> float:
        """Seconds of charging so far (or in total once ended)."""
        if self.charging_since is None:
            return 0.0
        end = self.ended_at if self.ended_at is not None else now
        return max(0.0, end - self.charging_since)


@dataclass(frozen=True, slots=True)
class Machine:
    """The state of one connector plus its current (or last) session."""

    state: ConnectorState = ConnectorState.UNAVAILABLE
    session: Session | None = None
    entered_at: float = 0.0


# --- the table ------------------------------------------------------------------------

Guard = Callable[[Machine, Event, Facts, float], bool]
Action = Callable[[Machine, Event, Facts, float, datetime], Session | None]

S = ConnectorState


def _always(*_: object) -> bool:
    return True


def _plugged(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return f.plugged


def _not_plugged(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return not f.plugged


def _may_start(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return f.plugged and not f.blocked


def _energy_flowing(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return isinstance(e, StageReported) and e.stage == BoardStage.CHARGING and f.contactor_closed


def _output_safe(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return f.current_is_zero and not f.contactor_closed


def _summary_expired(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return not f.plugged and now - m.entered_at >= f.summary_timeout_s


def _keep(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    return m.session


def _clear(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    return None


def _open_session(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    assert isinstance(e, Authorized)
    return Session(id_token=e.id_token, method=e.method, authorized_at=now, authorized_wall=wall, start_soc=f.soc)


def _mark_charging(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    assert m.session is not None
    start_soc = m.session.start_soc if m.session.start_soc is not None else f.soc
    return replace(m.session, charging_since=now, start_soc=start_soc)


def _record_stop(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    assert m.session is not None
    if isinstance(e, StopRequested):
        reason, code = e.reason, e.code
    elif isinstance(e, EvStopped):
        reason, code = _EV_STOP_REASONS[e.reason], e.code
    else:
        reason, code = StopReason.EV_DISCONNECTED, ""
    return replace(m.session, stop_reason=reason, stop_code=code, stop_requested_at=now)


def _record_end(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    assert m.session is not None
    end_soc = f.soc if f.soc is not None else m.session.end_soc
    return replace(m.session, ended_at=now, ended_wall=wall, end_soc=end_soc)


def _dismiss_summary(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    return replace(m.session, summary_dismissed=True) if m.session else None


@dataclass(frozen=True, slots=True)
class Transition:
    sources: frozenset[ConnectorState]
    event: type
    target: ConnectorState | None  # None: stay (an internal transition)
    guard: Guard = _always
    action: Action = _keep
    note: str = ""


def _t(sources: ConnectorState | tuple[ConnectorState, ...], event: type, target: ConnectorState | None,
       guard: Guard = _always, action: Action = _keep, note: str = "") -> Transition:
    srcs = sources if isinstance(sources, tuple) else (sources,)
    return Transition(frozenset(srcs), event, target, guard, action, note)


#: Every transition of the connector, in priority order (the first match wins).
TRANSITIONS: tuple[Transition, ...] = (
    _t(S.UNAVAILABLE, Ready, S.PLUGGED, _plugged, note="self-test passed with a cable already in"),
    _t(S.UNAVAILABLE, Ready, S.AVAILABLE, note="self-test passed"),
    _t(S.AVAILABLE, Plugged, S.PLUGGED, note="plug-in first: wait for authorization"),
    _t(S.PLUGGED, Unplugged, S.AVAILABLE, note="cable out before authorization"),
    _t(S.PLUGGED, Authorized, S.PREPARING, _may_start, _open_session, note="authorized and plugged: lock, handshake"),
    _t(S.PREPARING, StageReported, S.CHARGING, _energy_flowing, _mark_charging, note="board reports energy transfer"),
    _t((S.PREPARING, S.CHARGING), StopRequested, S.STOPPING, action=_record_stop,
       note="left/stop button, same card, fault, emergency stop, remote"),
    _t((S.PREPARING, S.CHARGING), EvStopped, S.STOPPING, action=_record_stop,
       note="EV reached target, full or stopped"),
    _t((S.PREPARING, S.CHARGING), Unplugged, S.STOPPING, action=_record_stop, note="cable pulled during a session"),
    _t(S.STOPPING, Tick, S.FINISHED, _output_safe, _record_end, note="current zero and contactors open: unlock"),
    _t(S.STOPPING, StageReported, S.FINISHED, _output_safe, _record_end,
       note="current zero and contactors open: unlock"),
    _t(S.FINISHED, Unplugged, S.AVAILABLE, action=_clear, note="cable returned: Home"),
    _t(S.FINISHED, Dismissed, S.AVAILABLE, _not_plugged, _clear, note="summary closed, cable already out"),
    _t(S.FINISHED, Dismissed, None, _plugged, _dismiss_summary, note="summary closed while the cable is still in"),
    _t(S.FINISHED, Tick, S.AVAILABLE, _summary_expired, _clear, note="summary timeout, cable already out"),
)


def step(machine: Machine, event: Event, facts: Facts, now: float, wall: datetime) -> Machine:
    """Apply ``event``; returns ``machine`` unchanged when no transition matches."""
    for transition in TRANSITIONS:
        if machine.state not in transition.sources or not isinstance(event, transition.event):
            continue
        if not transition.guard(machine, event, facts, now):
            continue
        session = transition.action(machine, event, facts, now, wall)
        if transition.target is None:
            return replace(machine, session=session)
        return Machine(state=transition.target, session=session, entered_at=now)
    return machine
