"""Per-connector session state machine, readable as one transition table.

The machine is pure: ``step(machine, event, facts, now)`` returns the next machine.
Hardware is commanded elsewhere from the resulting state (level-triggered), so the
table only decides *what state the connector is in* and records the session data.

Station-wide rules (who gets a pending authorization, which card stops which session,
which card may use a reserved connector: :mod:`controller.authorization`; left priority and
fault policy: :mod:`controller.station`) live elsewhere; this module sees only one connector.
A card is not bound to a connector until it is authorized, so "authorizing" is not a
connector state (see ``Authorization.authorizing``); reservations and availability are facts
the station sets and the table follows on the next event (level-triggered, like the hardware
commands).
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
    RESERVED = "reserved"  # free, but kept for one driver (OCPP ReserveNow)
    INOPERATIVE = "inoperative"  # taken out of service by the backend (OCPP ChangeAvailability)
    PLUGGED = "plugged"  # cable in, waiting for authorization (plug-in first)
    PREPARING = "preparing"  # authorized and plugged: handshake, cable check, isolation, precharge
    CHARGING = "charging"  # energy transfer
    STOPPING = "stopping"  # output ramping down; still locked until the current is zero
    FINISHED = "finished"  # summary; unlocked; waiting for the cable to come out


#: States in which the connector is locked and a session is running.
SESSION_STATES = frozenset({ConnectorState.PREPARING, ConnectorState.CHARGING, ConnectorState.STOPPING})


class StopReason(enum.Enum):
    """Why a session ended; ``key`` is how the store and the screen name it.  A protocol maps
    these onto its own words (OCPP 1.6: :mod:`controller.ocpp.mapping`)."""

    STOP_BUTTON = "stop_button"
    CARD = "card"
    EV_TARGET_REACHED = "ev_target_reached"
    EV_BATTERY_FULL = "ev_battery_full"
    EV_REQUEST = "ev_request"
    EV_DISCONNECTED = "ev_disconnected"
    FAULT = "fault"
    EMERGENCY_STOP = "emergency_stop"
    REMOTE = "remote"  # the backend stopped it (RemoteStopTransaction)
    SOFT_RESET = "reset"  # the backend restarts the charger
    HARD_RESET = "hard_reset"  # ... and its hardware (stored and shown as "reset" too)
    UNLOCK_COMMAND = "unlock_command"  # the backend unlocks the connector
    DEAUTHORIZED = "deauthorized"  # the backend refused the card after the start
    TIME_LIMIT = "time_limit"  # [limits].max_charging_minutes reached (013601)
    POWER_LOSS = "power_loss"  # the charger lost power (or crashed) mid-session
    OTHER = "other"

    @property
    def key(self) -> str:
        """The name the store keeps and the screen shows (both resets are "reset")."""
        return StopReason.SOFT_RESET.value if self is StopReason.HARD_RESET else self.value

    @classmethod
    def from_key(cls, key: str) -> StopReason:
        """The stop reason stored as ``key`` (Other when unknown; "reset" reads as a soft one)."""
        return next((member for member in cls if member.key == key), cls.OTHER)


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
    """The station passed its self-test; ``interrupted``: this connector's session that a
    power cut or crash ended (its summary is shown while the driver's cable is still in)."""

    interrupted: Session | None = None


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
    id_token: str = ""  # the card that stopped it, when a card did


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
    operative: bool = True  # False: the backend took the connector out of service
    reserved: bool = False  # a reservation keeps the connector for one driver

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
    stopped_by: str = ""  # the card that stopped it ("" when no card did)
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


def _inoperative(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return not f.operative


def _reserved(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return f.reserved


def _not_reserved(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return not f.reserved


def _back_in_service_plugged(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return f.operative and f.plugged


def _back_in_service_reserved(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return f.operative and f.reserved


def _back_in_service(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return f.operative


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


def _interrupted_and_plugged(m: Machine, e: Event, f: Facts, now: float) -> bool:
    return isinstance(e, Ready) and e.interrupted is not None and f.plugged


def _interrupted_session(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    assert isinstance(e, Ready)
    return e.interrupted


def _open_session(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    assert isinstance(e, Authorized)
    return Session(id_token=e.id_token, method=e.method, authorized_at=now, authorized_wall=wall, start_soc=f.soc)


def _mark_charging(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    assert m.session is not None
    start_soc = m.session.start_soc if m.session.start_soc is not None else f.soc
    return replace(m.session, charging_since=now, start_soc=start_soc)


def _record_stop(m: Machine, e: Event, f: Facts, now: float, wall: datetime) -> Session | None:
    assert m.session is not None
    by = ""
    if isinstance(e, StopRequested):
        reason, code, by = e.reason, e.code, e.id_token
    elif isinstance(e, EvStopped):
        reason, code = _EV_STOP_REASONS[e.reason], e.code
    else:
        reason, code = StopReason.EV_DISCONNECTED, ""
    return replace(m.session, stop_reason=reason, stop_code=code, stop_requested_at=now, stopped_by=by)


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
    _t(S.UNAVAILABLE, Ready, S.INOPERATIVE, _inoperative, note="self-test passed, but out of service (backend)"),
    _t(S.UNAVAILABLE, Ready, S.FINISHED, _interrupted_and_plugged, _interrupted_session,
       note="self-test passed after a power cut; the interrupted session's cable is still in: its summary"),
    _t(S.UNAVAILABLE, Ready, S.PLUGGED, _plugged, note="self-test passed with a cable already in"),
    _t(S.UNAVAILABLE, Ready, S.RESERVED, _reserved, note="self-test passed, a reservation is waiting"),
    _t(S.UNAVAILABLE, Ready, S.AVAILABLE, note="self-test passed"),
    _t((S.AVAILABLE, S.RESERVED, S.PLUGGED), Tick, S.INOPERATIVE, _inoperative,
       note="ChangeAvailability Inoperative: no new session (a running one finishes first)"),
    _t(S.INOPERATIVE, Tick, S.PLUGGED, _back_in_service_plugged, note="back in service with a cable in"),
    _t(S.INOPERATIVE, Tick, S.RESERVED, _back_in_service_reserved, note="back in service, reserved meanwhile"),
    _t(S.INOPERATIVE, Tick, S.AVAILABLE, _back_in_service, note="back in service"),
    _t(S.AVAILABLE, Tick, S.RESERVED, _reserved, note="ReserveNow: kept for one driver"),
    _t(S.RESERVED, Tick, S.AVAILABLE, _not_reserved, note="reservation cancelled, expired or used"),
    _t((S.AVAILABLE, S.RESERVED), Plugged, S.PLUGGED,
       note="plug-in first: wait for authorization (on a reserved one, the reserving card's)"),
    _t(S.PLUGGED, Unplugged, S.RESERVED, _reserved, note="cable out before authorization, still reserved"),
    _t(S.PLUGGED, Unplugged, S.AVAILABLE, note="cable out before authorization"),
    _t(S.PLUGGED, Authorized, S.PREPARING, _may_start, _open_session, note="authorized and plugged: lock, handshake"),
    _t(S.PREPARING, StageReported, S.CHARGING, _energy_flowing, _mark_charging, note="board reports energy transfer"),
    _t((S.PREPARING, S.CHARGING), StopRequested, S.STOPPING, action=_record_stop,
       note="left/stop button, same card, fault, emergency stop, remote, reset, unlock, deauthorized"),
    _t((S.PREPARING, S.CHARGING), EvStopped, S.STOPPING, action=_record_stop,
       note="EV reached target, full or stopped"),
    _t((S.PREPARING, S.CHARGING), Unplugged, S.STOPPING, action=_record_stop, note="cable pulled during a session"),
    _t(S.STOPPING, Tick, S.FINISHED, _output_safe, _record_end, note="current zero and contactors open: unlock"),
    _t(S.STOPPING, StageReported, S.FINISHED, _output_safe, _record_end,
       note="current zero and contactors open: unlock"),
    _t(S.FINISHED, Authorized, S.PREPARING, _may_start, _open_session,
       note="Try again: the authorization kept after a failed start, the cable still in (controller.retry_hold)"),
    _t(S.FINISHED, Unplugged, S.AVAILABLE, action=_clear,
       note="cable returned: Home (then reserved or out of service on the next tick, if so)"),
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
