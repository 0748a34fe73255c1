"""Metering: fixed-rate integration, a register that never goes back, the chart's history,
the simulated meter's accuracy, and the time-to-target model."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from controller.estimate import CHARGING_EFFICIENCY, time_to_target_s
from controller.meter import SAMPLE_PERIOD_S, EnergyMeter, PowerHistory
from controller.sim.psu import GAIN_ERROR, NOISE, MeasurementError


def test_the_meter_integrates_at_a_fixed_rate_whatever_the_cycle() -> None:
    steady, jittery = EnergyMeter(), EnergyMeter()
    rng = random.Random(7)
    now = 0.0
    while now < 3600:
        steady.read(now, 400.0, 100.0)
        now += 0.05
    now = 0.0
    while now < 3600:
        jittery.read(now, 400.0, 100.0)
        now += rng.uniform(0.01, 0.4)
    assert steady.register_wh == pytest.approx(40_000, rel=1e-4)
    assert jittery.register_wh == pytest.approx(40_000, rel=1e-3)


def test_a_reading_counts_from_the_moment_it_was_taken() -> None:
    meter = EnergyMeter()
    meter.read(0.0, 400.0, 0.0)
    meter.read(10.0, 400.0, 90.0)  # the current starts now: nothing before counts
    assert meter.register_wh == 0.0
    meter.read(20.0, 400.0, 0.0)
    assert meter.register_wh == pytest.approx(400 * 90 * 10 / 3600, rel=SAMPLE_PERIOD_S / 10)


@given(st.lists(st.tuples(st.floats(0.0, 5.0), st.floats(-50, 1000), st.floats(-10, 500)), max_size=60))
def test_the_register_never_goes_backwards(readings: list[tuple[float, float, float]]) -> None:
    meter = EnergyMeter(1234.5)
    now = 0.0
    last = meter.register_wh
    for gap, volts, amps in readings:
        now += gap
        added = meter.read(now, volts, amps)
        assert added >= 0
        assert meter.register_wh >= last
        last = meter.register_wh


def test_the_power_history_stays_bounded_and_spans_the_whole_session() -> None:
    history = PowerHistory(capacity=60, interval_s=10.0)
    for tick in range(1, 4 * 3600 * 4 + 1):  # 4 hours in 0.25 s cycles at 30 kW
        history.add(tick * 0.25, 30_000 * 0.25 / 3600)
    points = history.points(31_000)
    assert len(points) <= 61
    assert len(points) * history.interval_s >= 4 * 3600 * 0.9, "the curve covers the session"
    assert set(points[:-1]) == {30_000}
    assert points[-1] == 31_000, "the last point is the live power"


def test_the_simulated_meter_is_within_two_percent_and_repeatable() -> None:
    errors = [MeasurementError(random.Random(seed)) for seed in range(200)]
    for error in errors:
        for now in range(50):
            volts, amps = error.apply(now * 0.1, 400.0, 100.0)
            assert abs(volts / 400.0 - 1) <= GAIN_ERROR + NOISE < 0.02
            assert abs(amps / 100.0 - 1) <= GAIN_ERROR + NOISE < 0.02
    first, again = MeasurementError(random.Random(3)), MeasurementError(random.Random(3))
    assert [first.apply(t, 400, 100) for t in range(5)] == [again.apply(t, 400, 100) for t in range(5)]
    assert MeasurementError(random.Random(0)).apply(0, 400, 0.0)[1] == 0.0, "no phantom current"


def test_time_to_target_follows_the_taper_not_a_constant() -> None:
    flat = time_to_target_s(20, 80, 60, 60_000)
    assert flat == pytest.approx(36 * 60 / CHARGING_EFFICIENCY)
    tapering = time_to_target_s(80, 95, 60, 60_000)
    assert tapering is not None and tapering > 15 / 100 * 60 / 60 * 3600 * 1.5, "slower above 80 %"
    assert time_to_target_s(50, 80, 60, 30_000, granted_w=30_000) == pytest.approx(36 * 60 / CHARGING_EFFICIENCY)
    assert time_to_target_s(80, 80, 60, 30_000) == 0
    assert time_to_target_s(20, 80, 60, 100) is None
    assert time_to_target_s(20, 80, 0, 30_000) is None
