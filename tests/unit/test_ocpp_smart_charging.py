"""Smart charging maths (controller.ocpp.smart_charging), property-tested."""

from __future__ import annotations

import contextlib
import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from controller.ocpp import smart_charging as sc

T0 = datetime(2026, 11, 25, 0, 0, tzinfo=UTC)
VOLTS = 230.0


@st.composite
def periods(draw: st.DrawFn) -> tuple[sc.Period, ...]:
    starts = sorted(draw(st.sets(st.integers(1, 20_000), max_size=4)))
    limits = draw(st.lists(st.integers(0, 600).map(lambda x: x * 100.0), min_size=len(starts) + 1,
                           max_size=len(starts) + 1))
    return tuple(sc.Period(s, limit) for s, limit in zip([0, *starts], limits, strict=True))


@st.composite
def profiles(draw: st.DrawFn, purpose: sc.Purpose | None = None, connector_id: int | None = None) -> sc.Profile:
    purpose = purpose or draw(st.sampled_from([sc.Purpose.CHARGE_POINT_MAX, sc.Purpose.TX_DEFAULT]))
    connector = 0 if purpose is sc.Purpose.CHARGE_POINT_MAX else (
        connector_id if connector_id is not None else draw(st.integers(0, 2)))
    kind = draw(st.sampled_from([sc.Kind.ABSOLUTE, sc.Kind.RECURRING]))
    recurrency = draw(st.sampled_from(list(sc.Recurrency))) if kind is sc.Kind.RECURRING else None
    start = T0 + timedelta(seconds=draw(st.integers(-86_400, 86_400)))
    duration = draw(st.none() | st.integers(60, 86_400))
    return sc.Profile(
        profile_id=draw(st.integers(1, 10_000)), connector_id=connector, stack_level=draw(st.integers(0, 5)),
        purpose=purpose, kind=kind, unit="W", periods=draw(periods()), recurrency=recurrency, start=start,
        duration_s=duration)


stacks = st.lists(profiles(), max_size=5)
moments = st.integers(-3 * 86_400, 3 * 86_400).map(lambda s: T0 + timedelta(seconds=s))


@given(stacks, moments)
def test_a_connector_never_gets_more_than_the_station_allows(stack: list[sc.Profile], at: datetime) -> None:
    station = sc.station_limit_w(stack, at, VOLTS)
    for connector_id in (1, 2):
        composite = sc.limit_w(stack, connector_id, at, None, VOLTS)
        if station is not None:
            assert composite is not None and composite <= station
        own = sc.connector_limit_w(stack, connector_id, at, None, VOLTS)
        if own is not None:
            assert composite is not None and composite <= own


@given(stacks, st.integers(0, 86_400), st.integers(1, 2))
@settings(max_examples=60, deadline=None)
def test_the_composite_schedule_agrees_with_the_limit_at_every_moment(stack: list[sc.Profile], offset: int,
                                                                      connector_id: int) -> None:
    begin = T0
    duration = 86_400
    schedule = sc.composite(stack, connector_id, begin, duration, "W", None, VOLTS, 60_000.0)
    starts = [p["start_period"] for p in schedule["charging_schedule_period"]]
    assert starts[0] == 0 and starts == sorted(set(starts))
    limits = [p["limit"] for p in schedule["charging_schedule_period"]]
    assert all(a != b for a, b in itertools.pairwise(limits)), "no two equal periods in a row"
    period = [p for p in schedule["charging_schedule_period"] if p["start_period"] <= offset][-1]
    expected = sc.limit_w(stack, connector_id, begin + timedelta(seconds=offset), None, VOLTS, idle_start=begin)
    assert period["limit"] == round(60_000.0 if expected is None else expected, 1)


@given(profiles(purpose=sc.Purpose.TX_DEFAULT, connector_id=1), moments)
def test_a_daily_profile_repeats_every_day(profile: sc.Profile, at: datetime) -> None:
    daily = sc.Profile(**{**{f: getattr(profile, f) for f in profile.__slots__},  # type: ignore[attr-defined]
                          "kind": sc.Kind.RECURRING, "recurrency": sc.Recurrency.DAILY})
    assert sc.period_at(daily, at, at) == sc.period_at(daily, at + timedelta(days=1), at)


@given(stacks, profiles(purpose=sc.Purpose.TX_DEFAULT, connector_id=1), moments)
def test_the_highest_stack_level_with_a_period_wins(stack: list[sc.Profile], top: sc.Profile,
                                                    at: datetime) -> None:
    top = sc.Profile(**{**{f: getattr(top, f) for f in top.__slots__},  # type: ignore[attr-defined]
                        "stack_level": 99, "profile_id": 99_999})
    period = sc.period_at(top, at, at)
    limit = sc.connector_limit_w([*stack, top], 1, at, None, VOLTS)
    if period is not None:
        assert limit == period.limit


@given(stacks, profiles())
def test_installing_replaces_the_same_id_or_the_same_level_and_purpose(stack: list[sc.Profile],
                                                                       new: sc.Profile) -> None:
    installed = sc.install(stack, new)
    assert installed[-1] == new
    same = [p for p in installed if p.profile_id == new.profile_id or (
        p.stack_level == new.stack_level and p.purpose is new.purpose and p.connector_id == new.connector_id)]
    assert same == [new]


@given(st.dictionaries(st.text(max_size=20), st.integers() | st.text(max_size=5) | st.none(), max_size=8))
def test_parsing_anything_either_works_or_names_the_problem(raw: dict) -> None:
    with contextlib.suppress(sc.ProfileError):
        sc.parse(1, raw, T0)


def _raw(purpose: str = "TxDefaultProfile", kind: str = "Absolute", **extra: object) -> dict:
    return {"charging_profile_id": 1, "stack_level": 0, "charging_profile_purpose": purpose,
            "charging_profile_kind": kind, **extra,
            "charging_schedule": {"charging_rate_unit": "A",
                                  "charging_schedule_period": [{"start_period": 0, "limit": 16.0}]}}


@pytest.mark.parametrize("connector_id,raw,running,problem", [
    (1, _raw("ChargePointMaxProfile"), None, "only for connector 0"),
    (0, _raw("TxProfile"), None, "needs a connector"),
    (1, _raw("TxProfile"), None, "without a transaction"),
    (1, _raw("TxProfile", transaction_id=5), sc.Transaction(6, T0), "is not running"),
    (1, _raw(kind="Recurring"), None, "needs recurrencyKind"),
    (3, _raw(), None, "does not exist"),
    (1, {**_raw(), "stack_level": 11}, None, "stack level"),
])
def test_profiles_that_break_the_1_6_rules_are_refused(connector_id: int, raw: dict,
                                                       running: sc.Transaction | None, problem: str) -> None:
    with pytest.raises(sc.ProfileError, match=problem):
        sc.check(sc.parse(connector_id, raw, T0), sc.Capabilities(), running)


def test_amperes_become_watts_through_the_phase_voltage() -> None:
    profile = sc.parse(0, _raw(), T0)
    assert sc.connector_limit_w([profile], 1, T0, None, 230.0) == 16 * 230 * 3


def test_a_tx_profile_beats_the_default_and_ends_with_its_transaction() -> None:
    default = sc.parse(0, _raw(), T0)
    tx = sc.parse(1, {**_raw("TxProfile"), "charging_profile_id": 2, "stack_level": 0}, T0)
    running = sc.Transaction(1, T0)
    assert sc.connector_limit_w([default, tx], 1, T0, running, 230.0) == 16 * 230 * 3
    tx_low = sc.Profile(**{**{f: getattr(tx, f) for f in tx.__slots__},  # type: ignore[attr-defined]
                           "periods": (sc.Period(0, 6.0),)})
    assert sc.connector_limit_w([default, tx_low], 1, T0, running, 230.0) == 6 * 230 * 3
    assert sc.end_transaction([default, tx_low], 1) == (default,)


def test_a_record_reads_back_as_the_same_profile() -> None:
    profile = sc.parse(0, _raw(kind="Recurring", recurrency_kind="Weekly",
                               valid_to="2027-01-01T00:00:00Z"), T0)
    assert sc.from_record(sc.to_record(profile)) == profile


def _zero_until_six() -> sc.Profile:
    """A daily station profile: nothing from midnight to 18:00, then 40 kW."""
    return sc.Profile(profile_id=7, connector_id=0, stack_level=0, purpose=sc.Purpose.CHARGE_POINT_MAX,
                      kind=sc.Kind.RECURRING, unit="W", periods=(sc.Period(0, 0.0), sc.Period(18 * 3600, 40_000.0)),
                      recurrency=sc.Recurrency.DAILY, start=T0)


def test_a_zero_limit_rises_at_the_next_period_above_zero() -> None:
    stack = [_zero_until_six()]
    at = T0 + timedelta(hours=9, minutes=20)
    rise = sc.next_rise(stack, at, lambda t: sc.station_limit_w(stack, t, VOLTS), at)
    assert rise == T0 + timedelta(hours=18)


def test_a_zero_limit_that_never_rises_within_the_horizon_has_no_end() -> None:
    forever = sc.Profile(profile_id=8, connector_id=1, stack_level=0, purpose=sc.Purpose.TX_DEFAULT,
                         kind=sc.Kind.ABSOLUTE, unit="W", periods=(sc.Period(0, 0.0),), start=T0)
    stack = [forever]
    at = T0 + timedelta(minutes=5)
    assert sc.next_rise(stack, at, lambda t: sc.connector_limit_w(stack, 1, t, None, VOLTS), at) is None


def test_a_zero_period_ending_with_its_profile_rises_when_the_profile_ends() -> None:
    short = sc.Profile(profile_id=9, connector_id=1, stack_level=0, purpose=sc.Purpose.TX_DEFAULT,
                       kind=sc.Kind.ABSOLUTE, unit="W", periods=(sc.Period(0, 0.0),), start=T0, duration_s=1800)
    stack = [short]
    at = T0 + timedelta(minutes=5)
    assert sc.next_rise(stack, at, lambda t: sc.connector_limit_w(stack, 1, t, None, VOLTS), at) == \
        T0 + timedelta(minutes=30)


@given(stacks, moments, st.integers(60, 86_400))
@settings(max_examples=60, deadline=None)
def test_the_rise_is_the_first_moment_above_zero(drawn: list[sc.Profile], at: datetime, zero_s: int) -> None:
    pause = sc.Profile(profile_id=99_999, connector_id=0, stack_level=9, purpose=sc.Purpose.CHARGE_POINT_MAX,
                       kind=sc.Kind.ABSOLUTE, unit="W", periods=(sc.Period(0, 0.0),), start=at, duration_s=zero_s)
    stack = [*drawn, pause]

    def limit_at(t: datetime) -> float | None:
        return sc.limit_w(stack, 1, t, None, VOLTS, idle_start=at)

    assert limit_at(at) == 0

    rise = sc.next_rise(stack, at, limit_at, at, horizon_s=2 * 86_400)
    if rise is None:
        return
    watts = limit_at(rise)
    assert watts is None or watts > 0
    assert at < rise <= at + timedelta(days=2)
    for minute in range(1, int((rise - at).total_seconds() // 60)):  # at minute resolution before it: still 0
        before = limit_at(at + timedelta(minutes=minute))
        if before is not None and before > 0:  # only a breakpoint can change it, so this cannot happen
            pytest.fail(f"above zero at +{minute} min, before the rise at {rise}")
