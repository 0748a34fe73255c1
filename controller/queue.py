"""Why a session that may charge gets no power yet, and until when: the driver's queue.

An authorized, plugged session can be granted 0 W by the power split
(:func:`controller.power.allocate`) for one of a few reasons, checked in this order:

- the operator's limit for this connector, or for the station, is 0 W now (the central
  system's smart-charging schedule): it lasts until the schedule's next period above 0,
  when the schedule says;
- the station's own power is 0: ambient-temperature derating at its end, or the grid supply
  out of range (no estimate: as soon as it is normal again);
- no power module is left for it: the healthy ones all feed the other connector, which the
  split serves first (manual 5.2.3: the left connector has priority, whichever came first).
  When a configured module is out of service (fewer healthy than fitted) that is the reason
  given; otherwise the other connector is.  Either way it lasts until the other session
  reaches its target, when its estimate is known (or until the module is back).  With no
  healthy module at all there is no estimate (012279 then stops the sessions anyway).

Pure functions of the demands and the supply; the station asks each cycle and the view
carries the answer (:class:`Waiting`), which the screen words.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from controller.power import Demand, Limit, Supply, allocate
from controller.types import Side


class WaitReason(enum.Enum):
    """Why a session gets no power yet."""

    OTHER_CONNECTOR = "other_connector"  # the power modules feed the other connector first (manual 5.2.3)
    PSU_DOWN = "psu_down"  # a power module is out of service (faulted, too hot, missing) and none is left
    OPERATOR = "operator"  # the central system's limit is 0 W now (its charging schedule)
    TEMPERATURE = "temperature"  # derated to nothing by the outside temperature
    GRID = "grid"  # the grid supply is out of range


@dataclass(frozen=True, slots=True)
class Waiting:
    """A session waiting for power: why, and when it is expected to start.

    ``until_s`` is the time from now (whole minutes, rounded up), ``at`` the wall time (UTC)
    the operator's schedule names; either or both None when nobody can tell.
    """

    reason: WaitReason
    until_s: int | None = None
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Horizon:
    """What is known of the future: when the operator's zero limits end (wall time, UTC, None:
    not said) and how long the other connector's session still needs (seconds, None: unknown)."""

    now: datetime
    connector_limit_until: dict[Side, datetime | None]
    station_limit_until: datetime | None = None
    remaining_s: dict[Side, float | None] | None = None


def waiting_reason(side: Side, sessions: Sequence[Demand], supply: Supply, horizon: Horizon,
                   modules_out: int = 0) -> Waiting | None:
    """Why the session on ``side`` (one of ``sessions``: every session that may draw power,
    whatever its stage) gets no power from the split now; None when it gets some.
    ``modules_out``: configured power modules not healthy now (faulted, hot, missing)."""
    grants = {grant.side: grant for grant in allocate(sessions, supply)}
    grant = grants.get(side)
    if grant is None or grant.power_limit_w > 0:
        return None
    demand = next(d for d in sessions if d.side == side)
    if demand.external_limit_w is not None and demand.external_limit_w <= 0:
        return _scheduled(horizon.connector_limit_until.get(side), horizon.now)
    station_w, station_limit = supply.limit()
    if station_w <= 0:
        if station_limit is Limit.SCHEDULE:
            return _scheduled(horizon.station_limit_until, horizon.now)
        if station_limit is Limit.TEMPERATURE:
            return Waiting(WaitReason.TEMPERATURE)
        if station_limit is Limit.INPUT:
            return Waiting(WaitReason.GRID)
    if not supply.psus:
        return Waiting(WaitReason.PSU_DOWN)
    others = [g.side for g in grants.values() if g.side != side and g.psus]
    remaining = horizon.remaining_s or {}
    known = [remaining.get(other) for other in others]
    until = None if not known or any(s is None for s in known) else _minutes(min(s for s in known if s is not None))
    return Waiting(WaitReason.PSU_DOWN if modules_out else WaitReason.OTHER_CONNECTOR, until)


def _scheduled(until: datetime | None, now: datetime) -> Waiting:
    if until is None or until <= now:
        return Waiting(WaitReason.OPERATOR)
    return Waiting(WaitReason.OPERATOR, _minutes((until - now).total_seconds()), until)


def _minutes(seconds: float) -> int:
    """Seconds rounded up to whole minutes (an estimate never promises earlier than it knows)."""
    return math.ceil(max(seconds, 0.0) / 60) * 60
