"""Smart charging (§3.13, §5.16, §7.6-7.8) as pure functions of (profiles, time).

* :func:`parse` and :func:`check` turn a SetChargingProfile payload into a :class:`Profile`
  or a :class:`ProfileError` naming the broken rule.
* :func:`install` and :func:`clear` are the stack: the same id, or the same stack level and
  purpose on the same connector, replaces.
* :func:`station_limit_w` / :func:`connector_limit_w` are "the limit now": within a purpose
  the highest stack level whose schedule has a period now wins; TxProfile beats
  TxDefaultProfile on a connector; ChargePointMaxProfile caps the whole station.
* :func:`composite` is GetCompositeSchedule: the minimum over purposes as periods.
* :func:`next_rise` is when a zero limit ends (the driver sees it on the screen).

Limits in amperes become watts through ``volts`` x number of phases (default 3): the
AC supply side (ChargePointMaxProfile) is what current limits usually mean on a DC charger.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from controller.ocpp.queue import ocpp_time

DAY_S = 86_400
WEEK_S = 7 * DAY_S
DEFAULT_PHASES = 3


class Purpose(enum.StrEnum):
    CHARGE_POINT_MAX = "ChargePointMaxProfile"
    TX_DEFAULT = "TxDefaultProfile"
    TX = "TxProfile"


class Kind(enum.StrEnum):
    ABSOLUTE = "Absolute"
    RECURRING = "Recurring"
    RELATIVE = "Relative"


class Recurrency(enum.StrEnum):
    DAILY = "Daily"
    WEEKLY = "Weekly"

    @property
    def seconds(self) -> int:
        return DAY_S if self is Recurrency.DAILY else WEEK_S


class ProfileError(ValueError):
    """A charging profile breaks a rule of OCPP 1.6 or of this charger."""


@dataclass(frozen=True, slots=True)
class Period:
    start_s: int
    limit: float
    phases: int | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    profile_id: int
    connector_id: int
    stack_level: int
    purpose: Purpose
    kind: Kind
    unit: str  # "W" or "A"
    periods: tuple[Period, ...]
    recurrency: Recurrency | None = None
    start: datetime | None = None  # startSchedule
    duration_s: int | None = None
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    transaction_id: int | None = None
    min_rate: float | None = None


@dataclass(frozen=True, slots=True)
class Capabilities:
    """The read-only smart-charging keys of this charger."""

    connectors: int = 2
    max_stack_level: int = 10
    max_periods: int = 24
    units: tuple[str, ...] = ("A", "W")
    max_profiles: int = 20


@dataclass(frozen=True, slots=True)
class Transaction:
    """The transaction running on a connector (for TxProfile and Relative schedules)."""

    transaction_id: int | None  # None while StartTransaction.conf has not arrived
    started: datetime


# --- parsing and rules -----------------------------------------------------------------


def parse(connector_id: int, raw: dict[str, Any], installed_at: datetime) -> Profile:
    """A profile from the snake_case dict the ``ocpp`` library hands over.

    An Absolute schedule without ``start_schedule`` starts when it is installed.
    """
    try:
        schedule = raw["charging_schedule"]
        periods = tuple(Period(int(p["start_period"]), float(p["limit"]),
                               int(p["number_phases"]) if p.get("number_phases") is not None else None)
                        for p in schedule["charging_schedule_period"])
        kind = Kind(raw["charging_profile_kind"])
        start = _time(schedule.get("start_schedule"))
        if kind is Kind.ABSOLUTE and start is None:
            start = installed_at.replace(microsecond=0)
        return Profile(
            profile_id=int(raw["charging_profile_id"]),
            connector_id=connector_id,
            stack_level=int(raw["stack_level"]),
            purpose=Purpose(raw["charging_profile_purpose"]),
            kind=kind,
            unit=str(schedule["charging_rate_unit"]),
            periods=periods,
            recurrency=Recurrency(raw["recurrency_kind"]) if raw.get("recurrency_kind") else None,
            start=start,
            duration_s=int(schedule["duration"]) if schedule.get("duration") is not None else None,
            valid_from=_time(raw.get("valid_from")),
            valid_to=_time(raw.get("valid_to")),
            transaction_id=int(raw["transaction_id"]) if raw.get("transaction_id") is not None else None,
            min_rate=float(schedule["min_charging_rate"]) if schedule.get("min_charging_rate") is not None else None,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ProfileError(f"malformed charging profile: {exc}") from None


def check(profile: Profile, capabilities: Capabilities, running: Transaction | None) -> None:
    """Raise :class:`ProfileError` unless ``profile`` may be installed now (``running``: the
    transaction on the profile's connector, if any)."""
    if not 0 <= profile.connector_id <= capabilities.connectors:
        raise ProfileError(f"connector {profile.connector_id} does not exist")
    if profile.purpose is Purpose.CHARGE_POINT_MAX and profile.connector_id != 0:
        raise ProfileError("ChargePointMaxProfile is only for connector 0")
    if profile.purpose is Purpose.TX:
        if profile.connector_id == 0:
            raise ProfileError("TxProfile needs a connector")
        if running is None:
            raise ProfileError("TxProfile without a transaction on the connector")
        if profile.transaction_id is not None and profile.transaction_id != running.transaction_id:
            raise ProfileError(f"transaction {profile.transaction_id} is not running on the connector")
    elif profile.transaction_id is not None:
        raise ProfileError("only a TxProfile names a transaction")
    if not 0 <= profile.stack_level <= capabilities.max_stack_level:
        raise ProfileError(f"stack level must be between 0 and {capabilities.max_stack_level}")
    if profile.kind is Kind.RECURRING and (profile.recurrency is None or profile.start is None):
        raise ProfileError("a Recurring profile needs recurrencyKind and startSchedule")
    if profile.unit not in capabilities.units:
        raise ProfileError(f"charging rate unit {profile.unit!r} is not supported")
    if not profile.periods or len(profile.periods) > capabilities.max_periods:
        raise ProfileError(f"a schedule has 1 to {capabilities.max_periods} periods")
    if profile.periods[0].start_s != 0:
        raise ProfileError("the first period starts at 0")
    for before, after in zip(profile.periods, profile.periods[1:], strict=False):
        if after.start_s <= before.start_s:
            raise ProfileError("period starts must increase")
    for period in profile.periods:
        if period.limit < 0 or not math.isfinite(period.limit):
            raise ProfileError("a limit cannot be negative")
        if period.phases is not None and not 1 <= period.phases <= 3:
            raise ProfileError("numberPhases is 1, 2 or 3")
    if profile.duration_s is not None and profile.duration_s <= 0:
        raise ProfileError("duration must be positive")
    if profile.valid_from and profile.valid_to and profile.valid_from >= profile.valid_to:
        raise ProfileError("validFrom must be before validTo")


def install(profiles: Iterable[Profile], new: Profile, max_profiles: int = 1_000_000) -> tuple[Profile, ...]:
    """The stack with ``new``: it replaces a profile with its id, or with its stack level and
    purpose on its connector."""
    kept = tuple(p for p in profiles if p.profile_id != new.profile_id and not (
        p.stack_level == new.stack_level and p.purpose is new.purpose and p.connector_id == new.connector_id))
    if len(kept) + 1 > max_profiles:
        raise ProfileError(f"at most {max_profiles} profiles can be installed")
    return (*kept, new)


def clear(profiles: Iterable[Profile], profile_id: int | None = None, connector_id: int | None = None,
          purpose: Purpose | None = None, stack_level: int | None = None) -> tuple[tuple[Profile, ...], bool]:
    """ClearChargingProfile: an id matches alone; otherwise every given criterion must match."""
    remaining: list[Profile] = []
    removed = False
    for profile in profiles:
        if profile_id is not None:
            match = profile.profile_id == profile_id
        else:
            match = ((connector_id is None or profile.connector_id == connector_id)
                     and (purpose is None or profile.purpose is purpose)
                     and (stack_level is None or profile.stack_level == stack_level))
        if match:
            removed = True
        else:
            remaining.append(profile)
    return tuple(remaining), removed


def end_transaction(profiles: Iterable[Profile], connector_id: int) -> tuple[Profile, ...]:
    """TxProfiles end with their transaction."""
    return tuple(p for p in profiles if not (p.purpose is Purpose.TX and p.connector_id == connector_id))


# --- evaluation ------------------------------------------------------------------------


def schedule_start(profile: Profile, at: datetime, relative_start: datetime) -> datetime | None:
    """When the occurrence of ``profile``'s schedule that covers ``at`` began."""
    if profile.kind is Kind.RELATIVE:
        return relative_start
    if profile.kind is Kind.RECURRING:
        assert profile.start is not None and profile.recurrency is not None
        period = profile.recurrency.seconds
        elapsed = (at - profile.start).total_seconds()
        return profile.start + timedelta(seconds=math.floor(elapsed / period) * period)
    return profile.start


def period_at(profile: Profile, at: datetime, relative_start: datetime) -> Period | None:
    """The period of ``profile`` in force at ``at``, or None (not valid, not started, ended)."""
    if profile.valid_from is not None and at < profile.valid_from:
        return None
    if profile.valid_to is not None and at >= profile.valid_to:
        return None
    start = schedule_start(profile, at, relative_start)
    if start is None:
        return None
    offset = (at - start).total_seconds()
    if offset < 0:
        return None
    duration = profile.duration_s
    if profile.kind is Kind.RECURRING and profile.recurrency is not None:
        duration = min(duration or profile.recurrency.seconds, profile.recurrency.seconds)
    if duration is not None and offset >= duration:
        return None
    current = None
    for period in profile.periods:
        if period.start_s <= offset:
            current = period
    return current


def to_watts(limit: float, unit: str, phases: int | None, volts: float) -> float:
    return limit if unit == "W" else limit * volts * (phases or DEFAULT_PHASES)


def _stack_limit_w(profiles: Iterable[Profile], at: datetime, relative_start: datetime, volts: float,
                   prefer_connector: int | None = None) -> float | None:
    """Within one purpose: the highest stack level with a period now (a connector's own
    profile beats connector 0's at the same level)."""
    ranked = sorted(profiles, key=lambda p: (p.stack_level, p.connector_id == prefer_connector), reverse=True)
    for profile in ranked:
        period = period_at(profile, at, relative_start)
        if period is not None:
            return to_watts(period.limit, profile.unit, period.phases, volts)
    return None


def station_limit_w(profiles: Iterable[Profile], at: datetime, volts: float) -> float | None:
    """ChargePointMaxProfile now (None: no limit)."""
    return _stack_limit_w([p for p in profiles if p.purpose is Purpose.CHARGE_POINT_MAX], at, at, volts)


def connector_limit_w(profiles: Iterable[Profile], connector_id: int, at: datetime, running: Transaction | None,
                      volts: float, idle_start: datetime | None = None) -> float | None:
    """TxProfile (of the running transaction), else TxDefaultProfile (this connector's or
    connector 0's) now; None: no limit.  Relative schedules start with the transaction, or
    at ``idle_start`` (default: ``at``) when none runs."""
    profiles = list(profiles)
    relative_start = running.started if running is not None else (idle_start or at)
    if running is not None:
        tx = [p for p in profiles if p.purpose is Purpose.TX and p.connector_id == connector_id]
        limit = _stack_limit_w(tx, at, relative_start, volts)
        if limit is not None:
            return limit
    defaults = [p for p in profiles if p.purpose is Purpose.TX_DEFAULT and p.connector_id in (0, connector_id)]
    return _stack_limit_w(defaults, at, relative_start, volts, prefer_connector=connector_id)


def limit_w(profiles: Iterable[Profile], connector_id: int, at: datetime, running: Transaction | None,
            volts: float, idle_start: datetime | None = None) -> float | None:
    """The composite limit at ``at``: connector 0 the station's, a connector the smaller of
    its own and the station's."""
    profiles = list(profiles)
    station = station_limit_w(profiles, at, volts)
    if connector_id == 0:
        return station
    own = connector_limit_w(profiles, connector_id, at, running, volts, idle_start)
    candidates = [x for x in (station, own) if x is not None]
    return min(candidates) if candidates else None


def next_rise(profiles: Iterable[Profile], begin: datetime, limit_at: Callable[[datetime], float | None],
              relative_start: datetime, horizon_s: int = WEEK_S) -> datetime | None:
    """The first moment after ``begin`` (within ``horizon_s``) at which ``limit_at`` (watts at a
    moment, None: no limit) is above 0 W: when a zero limit ends by the schedule.  None when it
    stays at 0 W over the whole horizon.  Only the profiles' breakpoints can change the limit,
    so only they are tried."""
    profiles = list(profiles)
    end = begin + timedelta(seconds=horizon_s)
    points: set[datetime] = set()
    for profile in profiles:
        points |= _breakpoints(profile, begin, end, relative_start)
    for point in sorted(points):
        watts = limit_at(point)
        if watts is None or watts > 0:
            return point
    return None


def _breakpoints(profile: Profile, begin: datetime, end: datetime, relative_start: datetime) -> set[datetime]:
    points = {t for t in (profile.valid_from, profile.valid_to) if t is not None}
    starts: list[datetime] = []
    if profile.kind is Kind.RECURRING and profile.start is not None and profile.recurrency is not None:
        period = profile.recurrency.seconds
        first = math.floor((begin - profile.start).total_seconds() / period)
        last = math.ceil((end - profile.start).total_seconds() / period)
        starts = [profile.start + timedelta(seconds=k * period) for k in range(first, last + 1)]
    else:
        start = profile.start if profile.kind is Kind.ABSOLUTE else relative_start
        starts = [start] if start is not None else []
    for start in starts:
        points.update(start + timedelta(seconds=p.start_s) for p in profile.periods)
        if profile.duration_s is not None:
            points.add(start + timedelta(seconds=profile.duration_s))
        if profile.recurrency is not None:
            points.add(start + timedelta(seconds=profile.recurrency.seconds))
    return {t for t in points if begin < t < end}


def composite(profiles: Iterable[Profile], connector_id: int, begin: datetime, duration_s: int, unit: str,
              running: Transaction | None, volts: float, default_w: float, *,
              limit_at: Callable[[datetime], float | None] | None = None) -> dict[str, Any]:
    """GetCompositeSchedule's chargingSchedule (snake_case, ready for the library): the limit
    over ``duration_s`` from ``begin`` in ``unit``; where nothing limits, ``default_w``.

    ``limit_at`` (watts at a moment; default :func:`limit_w` of ``connector_id``) lets OCPP
    2.0.1 bring its own stacking rules over the same breakpoints and merging."""
    profiles = list(profiles)
    relative_start = running.started if running is not None else begin
    end = begin + timedelta(seconds=duration_s)
    points = {begin}
    for profile in profiles:
        points |= _breakpoints(profile, begin, end, relative_start)
    periods: list[dict[str, Any]] = []
    for point in sorted(points):
        watts = (limit_at(point) if limit_at is not None
                 else limit_w(profiles, connector_id, point, running, volts, idle_start=begin))
        value = default_w if watts is None else watts
        limit = value if unit == "W" else value / (volts * DEFAULT_PHASES)
        limit = round(limit, 1)
        start_s = math.ceil((point - begin).total_seconds())
        if periods and periods[-1]["start_period"] == start_s:
            periods[-1]["limit"] = limit
        elif not periods or periods[-1]["limit"] != limit:
            periods.append({"start_period": start_s, "limit": limit})
    merged: list[dict[str, Any]] = []
    for period in periods:
        if not merged or merged[-1]["limit"] != period["limit"]:
            merged.append(period)
    return {
        "duration": duration_s,
        "start_schedule": ocpp_time(begin),
        "charging_rate_unit": unit,
        "charging_schedule_period": merged,
    }


# --- persistence -----------------------------------------------------------------------


def to_record(profile: Profile) -> dict[str, Any]:
    """A JSON-able record (the storage's form; :func:`from_record` reads it back)."""
    record: dict[str, Any] = {
        "profile_id": profile.profile_id, "connector_id": profile.connector_id,
        "stack_level": profile.stack_level, "purpose": profile.purpose.value, "kind": profile.kind.value,
        "unit": profile.unit, "periods": [[p.start_s, p.limit, p.phases] for p in profile.periods],
        "recurrency": profile.recurrency.value if profile.recurrency else None,
        "duration_s": profile.duration_s, "transaction_id": profile.transaction_id, "min_rate": profile.min_rate,
    }
    for name in ("start", "valid_from", "valid_to"):
        value = getattr(profile, name)
        record[name] = value.isoformat() if value is not None else None
    return record


def from_record(record: dict[str, Any]) -> Profile:
    times = {name: datetime.fromisoformat(record[name]) if record.get(name) else None
             for name in ("start", "valid_from", "valid_to")}
    return Profile(
        profile_id=record["profile_id"], connector_id=record["connector_id"], stack_level=record["stack_level"],
        purpose=Purpose(record["purpose"]), kind=Kind(record["kind"]), unit=record["unit"],
        periods=tuple(Period(s, limit, phases) for s, limit, phases in record["periods"]),
        recurrency=Recurrency(record["recurrency"]) if record.get("recurrency") else None,
        duration_s=record.get("duration_s"), transaction_id=record.get("transaction_id"),
        min_rate=record.get("min_rate"), **times)


def with_transaction(profile: Profile, transaction_id: int | None) -> Profile:
    return replace(profile, transaction_id=transaction_id)


def _time(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
