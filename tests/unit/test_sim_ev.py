"""The simulated EV behaves like one: voltage over SOC, CC then a taper, realistic time scales."""

from __future__ import annotations

import pytest

from controller.sim.ev import DEFAULT_EVS, EvParameters, SimulatedEv
from controller.types import Standard


def charge_at(ev: SimulatedEv, power_w: float, max_current: float = 1e9, seconds: float = 1.0) -> None:
    """Give the EV what it asks for, up to ``power_w`` and ``max_current``, for ``seconds``."""
    voltage = ev.terminal_voltage(ev.requested_current)
    ev.charge(min(ev.requested_current, power_w / voltage, max_current), seconds)


@pytest.mark.parametrize("standard", list(Standard))
def test_pack_voltage_rises_with_soc_and_stays_within_the_connector_envelope(standard: Standard) -> None:
    params = DEFAULT_EVS[standard]
    voltages = [params.ocv(soc) for soc in range(0, 101, 5)]
    assert voltages == sorted(voltages)
    assert params.voltage_limit <= standard.envelope.max_voltage
    assert standard.envelope.min_voltage <= voltages[0]


@pytest.mark.parametrize("standard", list(Standard))
def test_the_bms_asks_for_constant_current_then_tapers_above_the_knee(standard: Standard) -> None:
    ev = SimulatedEv(DEFAULT_EVS[standard].with_soc(start=10, target=100))
    requests = {}
    for soc in (10, 30, 85, 95, 99):
        ev.soc = soc
        requests[soc] = ev.requested_current
    assert requests[10] == requests[30] == ev.params.max_current
    assert requests[30] > requests[85] > requests[95] > requests[99] > 0
    ev.soc = 99.5
    assert ev.terminal_voltage(ev.requested_current) <= ev.params.voltage_limit + 1e-6, "constant voltage at the top"


def test_a_60_kwh_pack_from_20_to_80_percent_takes_tens_of_minutes_at_60_kw() -> None:
    params = EvParameters("60 kWh test car", 60.0, 20, 80, "nmc", 192, 0.1, 200.0, 806.0, ((0, 1.0), (100, 1.0)))
    ev = SimulatedEv(params)
    seconds = 0
    while not ev.wants_to_stop:
        charge_at(ev, 60_000)
        seconds += 1
    assert 36 * 60 <= seconds <= 40 * 60
    assert 36.0 < ev.energy_wh / 1000 < 36.0 * 1.04, "a little more than 60 % of 60 kWh: losses in the pack"


def test_the_time_factor_fills_the_battery_faster_without_changing_the_energy() -> None:
    slow = SimulatedEv(DEFAULT_EVS[Standard.CCS1])
    fast = SimulatedEv(DEFAULT_EVS[Standard.CCS1], time_factor=30)
    for _ in range(30):
        slow.charge(80.0, 1.0)
        fast.charge(80.0, 1.0)
    assert fast.soc - 20 == pytest.approx(30 * (slow.soc - 20))
    assert fast.charge_ah == slow.charge_ah
    assert fast.energy_wh == pytest.approx(slow.energy_wh, rel=0.02), "only the pack voltage differs"


def test_the_ev_stops_asking_at_its_target() -> None:
    ev = SimulatedEv(DEFAULT_EVS[Standard.GBT].with_soc(start=89.9, target=90))
    assert ev.requested_current > 0
    while not ev.wants_to_stop:
        charge_at(ev, 30_000)
    assert ev.requested_current == 0
    assert not ev.battery_full
