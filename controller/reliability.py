"""Reliability counted as the US NEVI rules count it: port outages, uptime μ, session outcomes.

Pure functions and plain data; :mod:`controller.reliability_log` records what they need in the
station's store, ``evse-hmi report`` (:mod:`controller.report_cli`) exports it.

The rule (23 CFR 680.116(b), read in a research copy of the eCFR text, self-law.org; check the
official eCFR before relying on the wording):

- (b)(1) a port is *up* when "its hardware and software are both online and available for use,
  or in use, and the charging port successfully dispenses electricity";
- (b)(3) μ = ((525,600 - (T_outage - T_excluded)) / 525,600) x 100 per port over the previous
  twelve months (525,600 = minutes in 365 days); for another window we use that window's minutes;
- T_excluded: outage minutes for reasons outside the operator's control, which the rule lists as
  electric utility service interruptions, failure to charge due to the fault of the vehicle,
  scheduled maintenance, vandalism and natural disasters (and hours outside the station's
  identified hours of operation, which this charger does not have: it is always open).

680.112(a) asks, quarterly, for each session's start, end, energy (kWh), peak power (kW), payment
method and the error codes of an unsuccessful session, and for each port's μ, T_outage and
T_excluded and the duration of each outage: :func:`uptime` and :class:`SessionOutcome` carry them.

Definitions used here (and in docs/reliability.md):

- **Outage** of a port: an interval in which the port cannot start a charge as designed.  Its
  *causes* (:func:`causes`), any of which makes the port inoperative: a status code in force that
  blocks charging on that side or station-wide; the operator's Unavailable (OCPP
  ChangeAvailability Inoperative); a software update installing; the start-up self-test; no
  authorization method usable at all.  A charger that cannot reach its central system but still
  authorizes by its local list or RFID is *up*: a driver can charge.  One that can authorize
  nobody is *down* (cause ``no_authorization``).  A session in progress is *up* (in use).
- **Exclusion** of an outage (:class:`Exclusion`): ``grid`` for the AC supply codes
  (:data:`GRID_CODES`: input over/under-voltage, phase loss or drop, imbalance, and their 04
  twins) and a power loss of the site (see :mod:`controller.reliability_log`); ``vehicle`` for the
  EV's own codes (the 023 family, which hold the port until the cable comes out);
  ``maintenance`` for the operator's Unavailable and a software update (scheduled maintenance);
  ``vandalism`` for the tilt sensor (012238 while the tilt input is active) and, when
  ``[reliability] door_is_vandalism`` is true, the cabinet door (012252, 042252): on most sites an
  open door is a technician at work, so by default it is not excluded.
- When several causes hold at once, the outage is *not* excluded if any cause is not excluded:
  the port would still be down without the excluded one (the rule excludes only time when the
  port "would otherwise be operational").  So :func:`condition` names the first non-excluded
  cause if there is one.
- Overlapping outages of one port (a constructed or imported history) are merged: a minute
  counts once.  A minute covered by both an excluded and a non-excluded outage is not excluded.
- **Successful session** (:func:`successful`): it delivered energy (at least
  :data:`MIN_ENERGY_WH`) and it ended by the driver, the EV or a target (stop button, card,
  app/backend stop, EV target, full or request, EV unplugged, the charging-time limit), not by a
  fault, an emergency stop, a reset, a power loss or a refused authorization.
- **Attempt**: a session as stored, i.e. an authorization and a plug-in that reached Preparing
  on a port.  An attempt is a **retry** when the previous attempt on the same port ended
  unsuccessfully at most :data:`RETRY_WINDOW` before it began (whoever tried).  Every other attempt
  is a **first attempt**; the *first-attempt success rate* is the share of first attempts that
  were successful sessions.  (A card tapped with no cable ever plugged never reaches Preparing
  and is not an attempt here.)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from controller import fault_policy as policy
from controller.session import StopReason

#: Minutes in the rule's year (365 days).
YEAR_MINUTES = 525_600
#: Energy a session must deliver to count as successful (Wh).
MIN_ENERGY_WH = 1.0
#: An attempt this soon after an unsuccessful one on the same port is a retry.
RETRY_WINDOW = timedelta(minutes=15)

#: The AC supply codes (680.116(b): "electric utility service interruptions"), dispenser numbering:
#: system and PSU input OVP/UVP per phase, input drop, PSU input UVP/OVP, three-phase input
#: inadequate or imbalanced, AC input OVP/UVP, input phase loss, phase OVP.  The 04 twins count too.
GRID_CODES = frozenset({*(f"0122{n:02d}" for n in range(15)), "012270", "012271", "012276", "012277",
                        "012294", "012295", "012313", "012333"})
CODE_DOOR_OPEN = "012252"
CODE_BREAKER_TRIP = "012238"  # the tilt sensor trips the upstream breaker (manual 3.3)

# Causes that are not status codes.
CAUSE_UNAVAILABLE = "unavailable"  # the operator's ChangeAvailability Inoperative
CAUSE_SOFTWARE_UPDATE = "software_update"
CAUSE_STARTING_UP = "starting_up"  # the start-up self-test
CAUSE_NO_AUTHORIZATION = "no_authorization"  # no method can authorize anyone
CAUSE_POWER_LOSS = "power_loss"  # the station was off (see controller.reliability_log)
CAUSE_SHUTDOWN = "shutdown"  # the controller was stopped cleanly
CAUSE_CRASH = "crash"  # the controller died without the machine losing power


class Exclusion(enum.Enum):
    """Why an outage's minutes are excluded (680.116(b)); ``NONE``: they count."""

    NONE = ""
    GRID = "grid"
    VEHICLE = "vehicle"
    MAINTENANCE = "maintenance"
    VANDALISM = "vandalism"

    @property
    def excluded(self) -> bool:
        return self is not Exclusion.NONE


#: Stop reasons of a successful session (the driver, the EV or a target ended it).
SUCCESSFUL_STOPS = frozenset({StopReason.STOP_BUTTON, StopReason.CARD, StopReason.REMOTE,
                              StopReason.EV_TARGET_REACHED, StopReason.EV_BATTERY_FULL, StopReason.EV_REQUEST,
                              StopReason.EV_DISCONNECTED, StopReason.TIME_LIMIT})


def code_exclusion(code: str, tilt: bool = False, door_is_vandalism: bool = False) -> Exclusion:
    """The exclusion a blocking status code gives its outage (``tilt``: the tilt input is active)."""
    dispenser = policy.twin(code)
    if dispenser in GRID_CODES:
        return Exclusion.GRID
    if dispenser.startswith("023"):
        return Exclusion.VEHICLE
    if dispenser == CODE_BREAKER_TRIP and tilt:
        return Exclusion.VANDALISM
    if dispenser == CODE_DOOR_OPEN and door_is_vandalism:
        return Exclusion.VANDALISM
    return Exclusion.NONE


@dataclass(frozen=True, slots=True)
class PortFacts:
    """What decides whether one port is up, at one instant."""

    blocking_codes: tuple[str, ...] = ()  # codes in force that block charging here (own and station's)
    in_service: bool = True  # not made Inoperative by the operator
    software_update: bool = False
    starting_up: bool = False  # the self-test has not finished
    can_authorize: bool = True  # some authorization method is usable
    in_use: bool = False  # a session runs (in use is up, whatever else holds)
    tilt: bool = False


def causes(facts: PortFacts, door_is_vandalism: bool = False) -> list[tuple[str, Exclusion]]:
    """Every reason the port is down now, with its exclusion (empty: the port is up)."""
    if facts.in_use:
        return []
    found = [(code, code_exclusion(code, facts.tilt, door_is_vandalism)) for code in facts.blocking_codes]
    if facts.starting_up:
        found.append((CAUSE_STARTING_UP, Exclusion.NONE))
    if not facts.in_service:
        found.append((CAUSE_UNAVAILABLE, Exclusion.MAINTENANCE))
    if facts.software_update:
        found.append((CAUSE_SOFTWARE_UPDATE, Exclusion.MAINTENANCE))
    if not facts.can_authorize:
        found.append((CAUSE_NO_AUTHORIZATION, Exclusion.NONE))
    return found


def condition(facts: PortFacts, door_is_vandalism: bool = False) -> tuple[str, Exclusion] | None:
    """The port's outage cause now and its exclusion (None: up): the first cause that is not
    excluded if any (the port would be down without the excluded ones), else the first."""
    found = causes(facts, door_is_vandalism)
    if not found:
        return None
    return next((item for item in found if not item[1].excluded), found[0])


@dataclass(frozen=True, slots=True)
class Outage:
    """One port down from ``start`` to ``end`` (None: still down) for ``cause``."""

    port: int  # connector id: 1 = left
    start: datetime
    end: datetime | None
    cause: str  # a status code, or one of the CAUSE_* names
    exclusion: Exclusion = Exclusion.NONE

    def minutes(self, now: datetime) -> float:
        """Its length in minutes (an open one up to ``now``)."""
        end = self.end if self.end is not None else now
        return max(0.0, (end - self.start).total_seconds() / 60)


Interval = tuple[datetime, datetime]


def merged(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of ``intervals`` as disjoint intervals, in order (empty ones dropped)."""
    result: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def _clipped(outages: Iterable[Outage], start: datetime, end: datetime, now: datetime) -> list[Interval]:
    """Each outage's part inside [start, end), an open one up to ``now``."""
    clipped = []
    for outage in outages:
        stop = outage.end if outage.end is not None else now
        clipped.append((max(outage.start, start), min(stop, end)))
    return merged(clipped)


def _minutes(intervals: Iterable[Interval]) -> float:
    return sum((end - start).total_seconds() for start, end in intervals) / 60


def _subtract(intervals: list[Interval], cuts: list[Interval]) -> list[Interval]:
    """``intervals`` minus ``cuts`` (both disjoint and ordered)."""
    result = []
    for start, end in intervals:
        pieces = [(start, end)]
        for cut_start, cut_end in cuts:
            pieces = [part for a, b in pieces
                      for part in ((a, min(b, cut_start)), (max(a, cut_end), b)) if part[1] > part[0]]
        result += pieces
    return result


@dataclass(frozen=True, slots=True)
class Uptime:
    """One port's uptime over a window, with the rule's terms (minutes)."""

    port: int
    window_minutes: float
    outage_minutes: float  # T_outage: minutes the port was down (merged, clipped)
    excluded_minutes: float  # T_excluded: of those, minutes down only for excluded reasons
    outages: int  # outages that touch the window

    @property
    def percent(self) -> float:
        """μ = ((T - (T_outage - T_excluded)) / T) x 100 (100 for an empty window)."""
        if self.window_minutes <= 0:
            return 100.0
        return (self.window_minutes - (self.outage_minutes - self.excluded_minutes)) / self.window_minutes * 100


def uptime(port: int, outages: Sequence[Outage], start: datetime, end: datetime, now: datetime) -> Uptime:
    """μ of ``port`` over [start, end) from its outages: merged, clipped to the window, open ones
    counted up to ``now`` (and the window itself ends at ``now`` at the latest: the future is not
    counted as up)."""
    end = min(end, max(now, start))
    mine = [o for o in outages if o.port == port]
    down = _clipped(mine, start, end, now)
    counted = _clipped([o for o in mine if not o.exclusion.excluded], start, end, now)
    excluded = _subtract(_clipped([o for o in mine if o.exclusion.excluded], start, end, now), counted)
    touching = sum(1 for o in mine if o.start < end and (o.end is None or o.end > start))
    return Uptime(port, max(0.0, (end - start).total_seconds() / 60), _minutes(down), _minutes(excluded), touching)


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """One session as the 680.112 data needs it."""

    id: int
    port: int
    started_at: datetime
    ended_at: datetime | None  # None: still running
    energy_wh: float
    peak_w: float | None  # None: not measured (a session older than the measurement)
    method: str  # rfid, qr, app
    stop_reason: str  # StopReason.key ("" while running)
    stop_code: str = ""  # the status code that ended it, if any

    @property
    def successful(self) -> bool:
        return successful(self)

    @property
    def error_code(self) -> str:
        """What the report gives an unsuccessful session: its status code, else its stop reason."""
        if self.ended_at is None or self.successful:
            return ""
        return self.stop_code or self.stop_reason or StopReason.OTHER.value


def successful(outcome: SessionOutcome) -> bool:
    """Delivered energy and ended by the driver, the EV or a target (see the module's definitions)."""
    return (outcome.ended_at is not None and outcome.energy_wh >= MIN_ENERGY_WH
            and StopReason.from_key(outcome.stop_reason) in SUCCESSFUL_STOPS)


def first_attempts(outcomes: Sequence[SessionOutcome]) -> list[SessionOutcome]:
    """The ended sessions that are first attempts (not retries; see the module's definitions)."""
    firsts = []
    last: dict[int, SessionOutcome] = {}
    for outcome in sorted(outcomes, key=lambda o: (o.started_at, o.id)):
        previous = last.get(outcome.port)
        retry = (previous is not None and previous.ended_at is not None and not previous.successful
                 and outcome.started_at - previous.ended_at <= RETRY_WINDOW)
        if not retry and outcome.ended_at is not None:
            firsts.append(outcome)
        last[outcome.port] = outcome
    return firsts


@dataclass(frozen=True, slots=True)
class SessionStats:
    """Success counts and rates of ended sessions (rates None when there is nothing to count)."""

    sessions: int
    successful: int
    first_attempts: int
    first_attempt_successes: int

    @property
    def success_rate(self) -> float | None:
        return self.successful / self.sessions * 100 if self.sessions else None

    @property
    def first_attempt_rate(self) -> float | None:
        return self.first_attempt_successes / self.first_attempts * 100 if self.first_attempts else None


def session_stats(outcomes: Sequence[SessionOutcome], port: int | None = None) -> SessionStats:
    """The counts over ``outcomes`` (one port's, or every port's for None).  Retries are found
    on the whole list, so pass the sessions just before the window too if they matter."""
    mine = [o for o in outcomes if port is None or o.port == port]
    ended = [o for o in mine if o.ended_at is not None]
    firsts = first_attempts(mine)
    return SessionStats(len(ended), sum(1 for o in ended if o.successful), len(firsts),
                        sum(1 for o in firsts if o.successful))
