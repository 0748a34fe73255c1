"""Whole sessions on a fake clock: the power split, the envelope, failures, heat, the grid and
external limits, metering that agrees with the battery and survives a restart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import can
import pytest

from controller import commands as cmd
from controller.buses.can_link import Codec, Frame
from controller.config import Config
from controller.power import Limit
from controller.sim.hardware import SimulatedHardware
from controller.sim.world import World
from controller.store import INTERRUPTED, Store
from controller.types import Side, Standard, connectors_of
from controller.view import StationView
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD, WorldFactory, charge

STEP_S = 0.25  # long stretches run in coarser steps, as the scenarios do
ACCURACY = 0.02  # manual 2.1: voltage and current ±2 %
STATION_W = 60_000


class Watch:
    """Checks every snapshot: no connector beyond its envelope or its grant, the station never
    beyond 60 kW (measured values, so within the meter's accuracy)."""

    def __init__(self, world: World) -> None:
        self.standards = connectors_of(world.config.station.version)
        self.grants: dict[Side, tuple[int, float]] = {}
        self.peak_w = 0.0
        self.now = world.clock.monotonic

    def __call__(self, view: StationView) -> None:
        total = 0.0
        for c in view.connectors:
            volts, amps = c.voltage_dv / 10, c.current_da / 10
            envelope = self.standards[c.side].envelope
            assert volts <= envelope.max_voltage * (1 + ACCURACY)
            if volts > envelope.min_voltage:
                assert amps <= envelope.current_limit_at(volts / (1 + ACCURACY)) * (1 + ACCURACY) + 0.1, c
            grant, since = self.grants.get(c.side, (None, 0.0))
            if grant != c.max_power_w:
                self.grants[c.side] = (c.max_power_w, self.now())
            elif c.state == "charging" and self.now() - since >= 1.0:  # the modules have followed it
                assert c.power_w <= c.max_power_w * (1 + 2 * ACCURACY) + 100, c
            total += c.power_w
        assert total <= STATION_W * (1 + 2 * ACCURACY) + 200
        self.peak_w = max(self.peak_w, total)


def run(world: World, seconds: float, watch: Callable[[StationView], None] | None = None) -> StationView:
    return world.advance(seconds, on_step=watch, step=STEP_S)


def run_until(world: World, predicate: Callable[[StationView], bool], timeout: float,
              watch: Callable[[StationView], None] | None = None) -> None:
    waited = 0.0
    while not predicate(world.view):
        assert waited < timeout, f"not reached in {timeout} s: {world.view.connectors}"
        run(world, STEP_S, watch)
        waited += STEP_S


def energy_per_soc(world: World, side: Side) -> float:
    """Metered energy over what the SOC gained stores in the cells: a little above 1 (the pack's and
    the cable's losses), give or take the meter's accuracy."""
    ev = world.hardware.boards[side].ev
    session = world.view.connector(side).session
    assert ev is not None and session is not None
    return session.energy_wh / ev.params.stored_energy_wh(ev.params.start_soc, ev.soc)


@pytest.mark.parametrize("version", ["J00", "U00", "B0B"])
def test_a_single_session_stays_in_its_envelope_and_its_energy_matches_the_battery(
        make_world: WorldFactory, version: str) -> None:
    world = make_world(version)
    world.hardware.set_next_ev(Side.LEFT, start_soc=70, target_soc=80)
    watch = Watch(world)
    charge(world, Side.LEFT)
    run_until(world, lambda v: v.connector(Side.LEFT).state == "finished", 3600, watch)
    left = world.view.connector(Side.LEFT)
    assert left.session is not None
    assert (left.session.start_soc, left.session.end_soc, left.session.stop_reason) == (70, 80, "ev_target_reached")
    assert 1.0 - ACCURACY < energy_per_soc(world, Side.LEFT) < 1.04 + ACCURACY
    assert world.station.meter_register_wh(Side.LEFT) == pytest.approx(left.session.energy_wh, abs=1)


def test_a_400_volt_car_is_held_by_the_connector_and_an_800_volt_car_by_the_station(
        make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)  # a 400 V CHAdeMO car at 20 %: 120 A is the connector's limit
    run(world, 30)
    left = world.view.connector(Side.LEFT)
    assert left.limit is Limit.CONNECTOR and left.current_da == pytest.approx(1200, rel=ACCURACY)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 15)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)  # an 800 V CCS car: 60 kW, about 80 A
    run(world, 30)
    right = world.view.connector(Side.RIGHT)
    assert right.limit is Limit.STATION
    assert right.power_w == pytest.approx(STATION_W, rel=2 * ACCURACY)
    assert right.current_da < 900


@pytest.mark.parametrize("version", ["J0U", "U0U", "B0B"])
def test_two_sessions_share_half_each_and_the_survivor_gets_it_all_back_within_one_cycle(
        make_world: WorldFactory, version: str) -> None:
    world = make_world(version)
    world.hardware.set_next_ev(Side.LEFT, start_soc=20, target_soc=80)
    world.hardware.set_next_ev(Side.RIGHT, start_soc=76, target_soc=80)
    spy = Spy(world)
    watch = Watch(world)
    charge(world, Side.LEFT)
    run(world, 20, watch)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    run(world, 20, watch)
    left, right = world.view.connectors
    assert (left.max_power_w, right.max_power_w) == (30_000, 30_000)
    assert left.shared_power and right.shared_power and left.limit is Limit.SHARED
    assert spy.last("CSU_CbLeftCommand")["EvseMaxPower"] == spy.last("CSU_CbRightCommand")["EvseMaxPower"] == 30
    assert {spy.last("CSU_Psu1Command")["OutputConnector"], spy.last("CSU_Psu2Command")["OutputConnector"]} == {0, 1}

    run_until(world, lambda v: v.connector(Side.RIGHT).state != "charging", 3600, watch)
    left = world.view.connector(Side.LEFT)
    assert (left.max_power_w, left.shared_power) == (STATION_W, False), "re-allocated in the same cycle"
    run(world, 3, watch)
    assert [spy.last(f"CSU_Psu{n}Command")["OutputConnector"] for n in (1, 2)] == [0, 0]
    assert spy.last("CSU_CbLeftCommand")["EvseMaxPower"] == 60
    assert world.view.connector(Side.LEFT).power_w > 35_000, "the survivor draws more than its half now"
    assert spy.never_switched_under_load()

    run(world, 120, watch)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    run_until(world, lambda v: v.connector(Side.LEFT).state == "finished", 15, watch)
    for side in Side:
        assert 1.0 - ACCURACY < energy_per_soc(world, side) < 1.04 + ACCURACY
    assert watch.peak_w > 50_000


def test_a_failed_power_module_mid_session_leaves_the_session_charging_on_the_other(
        make_world: WorldFactory) -> None:
    world = make_world("U00")
    watch = Watch(world)
    charge(world, Side.LEFT)
    run(world, 30, watch)
    assert world.view.connector(Side.LEFT).power_w > 55_000
    world.hardware.psu_fault(1, 12267)  # PSU Failure Alarm
    run(world, 5, watch)
    left = world.view.connector(Side.LEFT)
    assert left.state == "charging"
    assert (left.max_power_w, left.limit) == (30_000, Limit.PSU)
    assert left.power_w <= 30_000 * (1 + 2 * ACCURACY)
    assert "012267" in left.codes
    world.hardware.psu_fault(1, 0)
    run(world, 5, watch)
    assert world.view.connector(Side.LEFT).power_w > 55_000


def test_with_one_module_left_for_two_sessions_the_left_charges_and_the_right_waits(
        make_world: WorldFactory) -> None:
    world = make_world("J0U")
    watch = Watch(world)
    charge(world, Side.LEFT)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    run(world, 10, watch)
    world.hardware.psu_fault(0, 12267)
    run(world, 5, watch)
    left, right = world.view.connectors
    assert (left.state, right.state) == ("charging", "charging")
    assert left.max_power_w == 30_000 and left.power_w > 25_000
    assert (right.max_power_w, right.power_w, right.limit) == (0, 0, Limit.PSU)
    world.hardware.psu_fault(0, 0)
    run(world, 5, watch)
    assert world.view.connector(Side.RIGHT).power_w > 25_000


def test_a_hot_day_derates_the_power_from_50_degrees(make_world: WorldFactory) -> None:
    world = make_world("U0U")
    world.hardware.set_ambient(55)  # 5 °C over: 25 % less with the default 50..70 °C slope
    watch = Watch(world)
    charge(world, Side.LEFT)
    run(world, 10, watch)
    left = world.view.connector(Side.LEFT)
    assert (left.max_power_w, left.limit) == (45_000, Limit.TEMPERATURE)
    assert 43_000 < left.power_w <= 45_000 * (1 + 2 * ACCURACY)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    run(world, 10, watch)
    assert [(c.max_power_w, c.limit) for c in world.view.connectors] == [(22_500, Limit.TEMPERATURE)] * 2
    world.hardware.set_ambient(30)
    run(world, 5, watch)
    assert [(c.max_power_w, c.limit) for c in world.view.connectors] == [(30_000, Limit.SHARED)] * 2


def test_an_external_limit_caps_a_connector_or_the_station_until_lifted(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    world.port.set_external_limit(20_000, Side.LEFT)
    run(world, 5)
    left = world.view.connector(Side.LEFT)
    assert (left.max_power_w, left.limit) == (20_000, Limit.SCHEDULE)
    assert left.power_w <= 20_000 * (1 + 2 * ACCURACY)
    world.port.set_external_limit(None, Side.LEFT)
    world.port.set_external_limit(11_000)
    run(world, 5)
    assert world.view.connector(Side.LEFT).max_power_w == 11_000
    world.port.set_external_limit(None)
    run(world, 5)
    assert world.view.connector(Side.LEFT).power_w > 55_000
    with pytest.raises(ValueError):
        world.port.set_external_limit(-1)


def test_a_supply_out_of_range_stops_the_output_until_the_grid_is_normal(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    run(world, 5)
    world.hardware.set_input_voltage(390)  # below 480 V -15 %
    run(world, 3)
    left = world.view.connector(Side.LEFT)
    assert (left.state, left.power_w, left.limit) == ("charging", 0, Limit.INPUT)
    assert "012295" in left.codes
    world.hardware.set_input_voltage(470)
    run(world, 5)
    left = world.view.connector(Side.LEFT)
    assert left.power_w > 55_000 and "012295" not in left.codes


def test_a_power_module_count_that_does_not_match_the_configuration_is_reported(tmp_path: Path) -> None:
    config = Config().with_overrides(station={"version": "U00"})
    world = World(config, hardware=lambda bus: SimulatedHardware(config, bus, psu_count=3))
    try:
        world.start()
        assert any(c.code == "013629" for c in world.view.codes)
        charge(world, Side.LEFT)
        run(world, 5)
        assert world.hardware.psus[2].routed_to is None, "a module the configuration does not know is not used"
        assert world.view.connector(Side.LEFT).max_power_w == STATION_W
    finally:
        world.close()


def test_metered_energy_survives_a_killed_controller(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    config = Config().with_overrides(station={"version": "U00"})
    world = World(config, store=Store(path))
    world.start()
    charge(world, Side.LEFT)
    run(world, 121)
    session = world.view.connector(Side.LEFT).session
    assert session is not None
    true_wh = world.station.meter_register_wh(Side.LEFT)
    world.hardware.close()  # killed: the station never flushes nor closes its store
    world.link.close()

    restarted = World(config, store=Store(path))
    try:
        (record,) = restarted.station.interrupted_sessions
        lost_wh = true_wh - record.energy_wh
        assert record.status == INTERRUPTED and record.id_token == KNOWN_CARD
        assert 0 <= lost_wh <= 61_000 * config.storage.checkpoint_interval_s / 3600, "at most one interval"
        register = restarted.station.meter_register_wh(Side.LEFT)
        assert register == pytest.approx(record.meter_start_wh + record.energy_wh)
        restarted.start()
        charge(restarted, Side.LEFT)
        run(restarted, 10)
        assert restarted.station.meter_register_wh(Side.LEFT) > register, "the register carries on"
    finally:
        restarted.close()


def test_a_clean_shutdown_loses_no_energy(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    world = World(Config().with_overrides(station={"version": "J0U"}), store=Store(path))
    world.start()
    charge(world, Side.RIGHT)
    run(world, 62)
    expected = world.station.connectors[Side.RIGHT].machine.session.energy_wh  # type: ignore[union-attr]
    register = world.station.meter_register_wh(Side.RIGHT)
    world.close()
    store = Store(path)
    assert store.meter_registers()[2] == register
    assert store.sessions()[0].energy_wh == expected
    store.close()


def test_power_voltage_and_current_on_screen_agree_and_match_the_real_output(make_world: WorldFactory) -> None:
    world = make_world("B0B")
    charge(world, Side.LEFT)
    for _ in range(40):
        view = run(world, 1.5)
        left = view.connector(Side.LEFT)
        shown_ui = left.voltage_dv / 10 * left.current_da / 10
        assert left.power_w == pytest.approx(shown_ui, abs=100), "P = U x I"
        true_w = sum(p.voltage * p.current for p in world.hardware.psus if p.routed_to is Side.LEFT)
        assert left.power_w == pytest.approx(true_w, rel=2 * ACCURACY)


def test_time_to_target_comes_from_the_charge_model(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.hardware.set_next_ev(Side.LEFT, start_soc=60, target_soc=80)
    charge(world, Side.LEFT)
    run(world, 60)
    estimate = world.view.connector(Side.LEFT).eta_seconds
    started = world.clock.monotonic()
    run_until(world, lambda v: v.connector(Side.LEFT).state != "charging", 3600)
    actual = world.clock.monotonic() - started
    assert estimate is not None and estimate == pytest.approx(actual, rel=0.1)


@pytest.mark.parametrize("standard", list(Standard))
def test_the_evs_handshake_takes_its_standards_stages(make_world: WorldFactory, standard: Standard) -> None:
    version = {Standard.CHADEMO: "J00", Standard.CCS1: "U00", Standard.GBT: "B0B"}[standard]
    world = make_world(version)
    stages: list[int] = []
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    world.hardware.plug(Side.LEFT)

    def note(view: StationView) -> None:
        stage = view.connector(Side.LEFT).stage
        if not stages or stages[-1] != stage:
            stages.append(stage)

    world.advance(15, on_step=note)
    assert stages[-1] == 6 and stages[-5:-1] == [2, 3, 4, 5]  # communication .. precharge, then charging


class Spy:
    """A node on the same virtual CAN channel that keeps every frame it hears."""

    def __init__(self, world: World) -> None:
        self.bus = can.Bus(interface="virtual", channel=world.channel)
        self.frames: list[Frame] = []

    def collect(self) -> list[Frame]:
        codec = Codec.shared()
        while (message := self.bus.recv(timeout=0)) is not None:
            frame = codec.decode(message)
            if frame is not None:
                self.frames.append(frame)
        return self.frames

    def last(self, name: str) -> dict[str, float]:
        frames = [f for f in self.collect() if f.name == name]
        assert frames, f"no {name} on the bus"
        return dict(frames[-1].signals)

    def never_switched_under_load(self) -> bool:
        """No PSU's relays leave the connector it feeds while it still reports current."""
        current: dict[int, float] = {}
        feeding: dict[int, int] = {}
        for frame in self.collect():
            if frame.name.startswith("PSU_") and frame.name.endswith("_Status"):
                current[int(frame.name.split("_")[1]) - 1] = float(frame.signals["OutputCurrent"])
            elif frame.name.startswith("CSU_Psu"):
                index = int(frame.name[len("CSU_Psu")]) - 1
                target = int(frame.signals["OutputConnector"])
                live = current.get(index, 0.0) >= 1.0
                if live and index in feeding and target != feeding[index]:
                    return False
                if frame.signals["Enable"]:
                    feeding[index] = target
                elif not live:
                    feeding.pop(index, None)
        return True


def test_a_failing_database_is_logged_and_never_stops_the_charging(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    world.station.store.close()  # as good as a full or broken disk: every write fails from now on
    run(world, 12)
    assert world.view.connector(Side.LEFT).state == "charging"
    assert world.view.connector(Side.LEFT).power_w > 55_000
    assert world.station.recorder.failures >= 2
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    run_until(world, lambda v: v.connector(Side.LEFT).state == "finished", 15)
