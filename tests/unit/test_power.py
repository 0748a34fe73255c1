"""Power allocation (manual 2.1): 100 % alone, 50/50 together, the limits stacked, never beyond any."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from controller.limits import ambient_derating, input_power_limit_w, over_temperature
from controller.power import PRECHARGE_CURRENT_A, Demand, Limit, Psu, Supply, allocate
from controller.types import Side, Standard

PSU_W = 30_000.0
STATION_W = 60_000.0


def demand(side: Side, standard: Standard = Standard.CCS1, volts: float = 400.0, amps: float = 200.0,
           external_w: float | None = None) -> Demand:
    return Demand(side, standard.envelope, volts, amps, external_limit_w=external_w)


def supply(psus: tuple[int, ...] = (0, 1), **limits: float | None) -> Supply:
    return Supply(tuple(Psu(index, PSU_W) for index in psus), STATION_W, **limits)  # type: ignore[arg-type]


def test_one_connector_alone_gets_all_power_modules() -> None:
    (grant,) = allocate([demand(Side.RIGHT)], supply())
    assert grant.psus == (0, 1)
    assert grant.power_limit_w == STATION_W
    assert not grant.shared


def test_two_connectors_share_half_and_half_left_first() -> None:
    left, right = allocate([demand(Side.RIGHT, volts=750), demand(Side.LEFT, volts=750)], supply())
    assert (left.side, left.psus, left.power_limit_w) == (Side.LEFT, (0,), 30_000)
    assert (right.side, right.psus, right.power_limit_w) == (Side.RIGHT, (1,), 30_000)
    assert left.shared and right.shared
    assert left.limit is Limit.SHARED and left.current == pytest.approx(40.0)


def test_three_modules_give_the_left_connector_the_odd_one_out() -> None:
    left, right = allocate([demand(Side.LEFT), demand(Side.RIGHT)], Supply(
        (Psu(0, 20_000), Psu(1, 20_000), Psu(2, 20_000)), STATION_W))
    assert (left.psus, right.psus) == ((0, 1), (2,))
    assert (left.power_limit_w, right.power_limit_w) == (30_000, 20_000)
    assert right.limit is Limit.PSU


def test_with_one_power_module_left_the_left_connector_is_served_and_the_right_waits() -> None:
    left, right = allocate([demand(Side.LEFT), demand(Side.RIGHT)], supply((1,)))
    assert (left.side, left.psus, left.power_limit_w) == (Side.LEFT, (1,), PSU_W)
    assert left.limit is Limit.PSU
    assert (right.psus, right.current, right.limit) == ((), 0.0, Limit.PSU)


def test_a_failed_module_leaves_a_single_session_charging_on_the_rest() -> None:
    (grant,) = allocate([demand(Side.LEFT, volts=750)], supply((1,)))
    assert grant.power_limit_w == PSU_W
    assert grant.current == pytest.approx(40.0)
    assert grant.limit is Limit.PSU


def test_the_connector_envelope_limits_the_current() -> None:
    (grant,) = allocate([demand(Side.LEFT, Standard.CHADEMO, 350, 200)], supply())
    assert grant.current == 120
    assert grant.limit is Limit.CONNECTOR


def test_above_500_volts_the_station_power_and_the_envelope_agree() -> None:
    (grant,) = allocate([demand(Side.LEFT, Standard.CCS1, 750, 200)], supply())
    assert grant.current == pytest.approx(80.0)
    assert grant.limit is Limit.STATION


def test_the_evs_own_request_wins_when_it_is_smallest() -> None:
    (grant,) = allocate([demand(Side.LEFT, amps=40)], supply())
    assert grant.current == 40
    assert grant.limit is Limit.EV
    assert grant.offered_current == 120, "the EV is still told what the charger could give"


def test_precharge_uses_a_small_current_at_the_battery_voltage() -> None:
    (grant,) = allocate([Demand(Side.LEFT, Standard.GBT.envelope, 380, 150, precharge=True)], supply())
    assert (grant.voltage, grant.current) == (380, PRECHARGE_CURRENT_A)


def test_a_hot_day_derates_the_station_and_the_screen_says_so() -> None:
    limit_w = STATION_W * ambient_derating(55, 50, 70)
    (grant,) = allocate([demand(Side.LEFT, volts=750)], supply(temperature_limit_w=limit_w))
    assert grant.power_limit_w == 45_000
    assert grant.limit is Limit.TEMPERATURE
    left, _ = allocate([demand(Side.LEFT, volts=750), demand(Side.RIGHT, volts=750)],
                       supply(temperature_limit_w=limit_w))
    assert left.power_limit_w == 22_500 and left.limit is Limit.TEMPERATURE


def test_an_external_schedule_limits_one_connector_or_the_station() -> None:
    left, right = allocate([demand(Side.LEFT, volts=750, external_w=11_000), demand(Side.RIGHT, volts=750)],
                           supply())
    assert (left.power_limit_w, left.limit) == (11_000, Limit.SCHEDULE)
    assert (right.power_limit_w, right.limit) == (30_000, Limit.SHARED), "the manual's split still holds"
    (alone,) = allocate([demand(Side.LEFT, volts=750)], supply(external_limit_w=22_000))
    assert (alone.power_limit_w, alone.limit) == (22_000, Limit.SCHEDULE)


def test_a_grid_out_of_range_stops_the_output() -> None:
    (grant,) = allocate([demand(Side.LEFT)], supply(input_limit_w=input_power_limit_w(390, 480, 92)))
    assert (grant.current, grant.limit) == (0.0, Limit.INPUT)


def test_ccs_envelope_falls_to_63_amps_at_950_volts() -> None:
    assert round(Standard.CCS1.envelope.current_limit_at(950)) == 63
    assert round(Standard.GBT.envelope.current_limit_at(750)) == 80
    assert Standard.GBT.envelope.current_limit_at(751) == 0
    assert Standard.CHADEMO.envelope.current_limit_at(400) == 120
    assert Standard.CHADEMO.envelope.current_limit_at(501) == 0
    assert Standard.CCS1.envelope.current_limit_at(120) == 0, "below 150 V the output cannot regulate"


def test_derating_starts_at_50_degrees_and_ends_at_the_configured_temperature() -> None:
    assert ambient_derating(-30, 50, 70) == 1.0
    assert ambient_derating(50, 50, 70) == 1.0
    assert ambient_derating(60, 50, 70) == 0.5
    assert ambient_derating(75, 50, 70) == 0.0


def test_over_temperature_comes_at_the_limit_and_goes_only_below_the_hysteresis() -> None:
    readings = (69, 70, 68, 66, 70, 65, 67)
    hot, seen = False, []
    for celsius in readings:
        hot = over_temperature(celsius, hot, 70, 5)
        seen.append(hot)
    assert seen == [False, True, True, True, True, False, False]


def test_the_grid_limit_follows_the_manuals_input_range() -> None:
    assert input_power_limit_w(0, 480, 92) == math.inf, "not measured: no limit"
    assert input_power_limit_w(408, 480, 92) > 60_000, "the stock charger is not limited within its range"
    assert input_power_limit_w(407, 480, 92) == 0.0
    assert input_power_limit_w(529, 480, 92) == 0.0
    assert input_power_limit_w(480, 480, 50) == pytest.approx(38_684, abs=1), "a weaker site supply caps the power"


# --- properties ---------------------------------------------------------------------------

volts = st.floats(0, 1000)
amps = st.floats(0, 500)
maybe_watts = st.none() | st.floats(0, 80_000)


@st.composite
def situations(draw: st.DrawFn) -> tuple[list[Demand], Supply]:
    sides = draw(st.sets(st.sampled_from(list(Side)), max_size=2))
    demands = [
        Demand(side, draw(st.sampled_from(list(Standard))).envelope, draw(volts), draw(amps),
               precharge=draw(st.booleans()), external_limit_w=draw(maybe_watts))
        for side in sides
    ]
    healthy = draw(st.sets(st.integers(0, 3), max_size=4))
    rated = draw(st.sampled_from([15_000.0, 20_000.0, 30_000.0]))
    ambient = draw(st.floats(-30, 80))
    grid = draw(st.sampled_from([0.0, 380.0, 408.0, 480.0, 528.0, 560.0]))
    station_kw = draw(st.floats(1, 60))
    return demands, Supply(
        tuple(Psu(index, rated) for index in sorted(healthy)),
        station_kw * 1000,
        temperature_limit_w=station_kw * 1000 * ambient_derating(ambient, 50, 70),
        input_limit_w=input_power_limit_w(grid, 480, draw(st.floats(1, 92))),
        external_limit_w=draw(maybe_watts),
    )


@given(situations())
def test_no_grant_ever_exceeds_its_envelope_the_station_or_the_modules(situation: tuple[list[Demand], Supply]) -> None:
    demands, supply_now = situation
    grants = allocate(demands, supply_now)
    by_side = {d.side: d for d in demands}
    assert sorted(g.side for g in grants) == sorted(by_side), "every demand gets an answer"
    used = [index for grant in grants for index in grant.psus]
    assert len(used) == len(set(used)), "a PSU feeds one connector at a time"
    assert set(used) <= {p.index for p in supply_now.psus}, "only healthy PSUs are routed"
    rated = {p.index: p.rated_w for p in supply_now.psus}
    station_w, _ = supply_now.limit()
    total_w = 0.0
    for grant in grants:
        wanted = by_side[grant.side]
        assert grant.voltage <= wanted.envelope.max_voltage
        assert grant.power_limit_w <= sum(rated[i] for i in grant.psus) + 1e-6
        assert grant.voltage * grant.current <= grant.power_limit_w + 1e-6
        if wanted.external_limit_w is not None:
            assert grant.power_limit_w <= wanted.external_limit_w + 1e-6
        if not grant.psus:
            assert grant.current == 0
        if not wanted.precharge:
            assert grant.current <= wanted.envelope.current_limit_at(grant.voltage) + 1e-9
            assert grant.current <= wanted.ev_current + 1e-9
        total_w += grant.voltage * grant.current
    assert total_w <= min(station_w, STATION_W) + 1e-6, "never above 60 kW nor any station-wide limit"
    assert sum(g.power_limit_w for g in grants) <= station_w + 1e-6


@given(situations())
def test_priority_rules_hold(situation: tuple[list[Demand], Supply]) -> None:
    demands, supply_now = situation
    grants = {g.side: g for g in allocate(demands, supply_now)}
    modules = len(supply_now.psus)
    if len(grants) == 1 and modules:
        (grant,) = grants.values()
        assert len(grant.psus) == modules, "one connector alone gets every module (100 %)"
        assert not grant.shared
    if len(grants) == 2:
        left, right = grants[Side.LEFT], grants[Side.RIGHT]
        assert left.shared and right.shared
        if modules:
            assert left.psus, "the left connector is never starved first"
        assert 0 <= len(left.psus) - len(right.psus) <= 1, "half the modules each, the left one the odd one out"
        station_w, _ = supply_now.limit()
        if right.psus:
            for grant in (left, right):
                assert grant.power_limit_w <= max(station_w, 0) / 2 + 1e-6, "two at once: at most 50 % each"
