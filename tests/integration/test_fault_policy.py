"""The fault policy by family (manual 5.3.3-5.3.7), driven from the simulated boards over CAN.

J0U: the left connector is CHAdeMO, the right one CCS.  "Power-cycled" is a new station over
the same store, bus and boards (``World.restart()``), as after a power cut or a hard OCPP Reset
(a soft one keeps the latched codes: tests/ocpp/test_charger_reset_latched.py).
"""

from __future__ import annotations

from controller import commands as cmd
from controller.fault_policy import Action, action_for, station_wide, twin
from controller.port import BackendLink
from controller.sim.world import World
from controller.types import AuthMethod, Side
from hmi.navigation import screen_for
from tests.conftest import OTHER_KNOWN_CARD, WorldFactory, charge


def codes(world: World) -> set[tuple[str, Side | None]]:
    return {(c.code, c.side) for c in world.view.codes}


def state(world: World, side: Side) -> str:
    return world.view.connector(side).state


def power_cycle(world: World) -> None:
    world.restart()
    world.start()


def test_the_policy_table_follows_the_families_and_the_power_cabinet_twins() -> None:
    assert [action_for(c) for c in ("011001", "041005", "012251", "042304", "013601", "043602", "023701",
                                    "033901", "012241", "042244")] == [
        Action.OUT_OF_SERVICE, Action.OUT_OF_SERVICE, Action.PAUSE, Action.PAUSE, Action.INFORM, Action.INFORM,
        Action.END_SESSION, Action.INFORM, Action.NETWORK, Action.NETWORK]
    assert twin("042251") == "012251" and twin("011001") == "011001"
    assert not station_wide("011001") and not station_wide("012230") and not station_wide("023701")
    assert station_wide("011004") and station_wide("012304") and station_wide("041001")


def test_a_connector_fault_takes_only_that_connector_out_until_cleared_and_power_cycled(
        make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    charge(world, Side.RIGHT, card=OTHER_KNOWN_CARD)
    world.hardware.inject_fault(Side.LEFT, 11001)  # CHAdeMO output fuse blew
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    assert world.view.connector(Side.LEFT).session.stop_code == "011001"
    assert state(world, Side.RIGHT) == "charging", "a fault on one connector leaves the other usable"
    world.hardware.unplug(Side.LEFT)
    world.advance(0.5)
    assert state(world, Side.LEFT) == "faulted"
    world.hardware.inject_fault(Side.LEFT, 0)  # the part reconnected: not enough (manual 5.3.3)
    world.advance(5)
    assert state(world, Side.LEFT) == "faulted" and ("011001", Side.LEFT) in codes(world)
    world.hardware.unplug(Side.RIGHT)
    power_cycle(world)
    assert state(world, Side.LEFT) == "available" and world.view.codes == ()


def test_a_fault_still_reported_after_the_power_cycle_keeps_the_connector_out(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    world.hardware.inject_fault(Side.RIGHT, 11029)  # CCS module broken
    world.advance(0.5)
    assert state(world, Side.RIGHT) == "faulted" and state(world, Side.LEFT) == "available"
    power_cycle(world)
    world.advance(0.5)
    assert state(world, Side.RIGHT) == "faulted" and ("011029", Side.RIGHT) in codes(world)
    assert screen_for(world.view) == "home"  # the focused left connector is usable


def test_a_restart_quicker_than_the_modules_first_status_frame_raises_no_false_fault(
        make_world: WorldFactory) -> None:
    """A fast cycle (the runtime's self-test runs at 5 ms) can finish the new self-test before the
    boards' first status frames (every 100 ms): the station waits for them before it says Ready,
    so it never reports "no power module" (012279) for modules it has not heard from yet."""
    world = make_world("J0U", can={"cycle_ms": 10}, simulation={"boot_time_factor": 0.0})
    power_cycle(world)
    world.advance(1.0)
    assert world.view.codes == () and not world.station.code_history, "no 012279, not even for a moment"
    assert state(world, Side.LEFT) == "available" and state(world, Side.RIGHT) == "available"


def test_a_station_wide_fault_from_a_board_takes_the_whole_charger_out(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.RIGHT)
    world.hardware.inject_fault(Side.RIGHT, 11004)  # RCD/CCID self-test fail: not the connector's own
    assert world.run_until(lambda v: v.connector(Side.RIGHT).state == "finished", 10)
    world.hardware.unplug(Side.RIGHT)
    world.hardware.inject_fault(Side.RIGHT, 0)
    world.advance(1)
    assert ("011004", None) in codes(world)
    assert state(world, Side.LEFT) == "faulted" and state(world, Side.RIGHT) == "faulted"
    assert screen_for(world.view) == "outOfService"


def test_a_power_cabinet_fault_follows_its_011_twin(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    world.hardware.inject_fault(Side.LEFT, 41005)  # power cabinet: AC input contactor 1 welding
    world.advance(0.5)
    world.hardware.inject_fault(Side.LEFT, 0)
    world.advance(0.5)
    assert ("041005", None) in codes(world) and screen_for(world.view) == "outOfService"
    power_cycle(world)
    assert world.view.codes == () and state(world, Side.LEFT) == "available"


def test_a_warning_pauses_charging_and_it_resumes_by_itself_when_it_clears(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    world.hardware.inject_fault(Side.LEFT, 12229)  # CHAdeMO connector OTP
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    assert state(world, Side.RIGHT) == "available"
    world.hardware.unplug(Side.LEFT)
    world.advance(0.5)
    assert state(world, Side.LEFT) == "faulted" and screen_for(world.view) == "status"
    world.hardware.inject_fault(Side.LEFT, 0)
    world.advance(0.5)
    assert state(world, Side.LEFT) == "available" and world.view.codes == ()
    charge(world, Side.LEFT)  # no restart needed


def test_the_power_cabinet_link_lost_pauses_the_whole_station(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    world.hardware.inject_fault(Side.RIGHT, 42304)  # the power cabinet: disconnected from the dispenser
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    assert ("042304", None) in codes(world) and state(world, Side.RIGHT) == "faulted"
    world.hardware.inject_fault(Side.RIGHT, 0)
    world.advance(0.5)
    assert world.view.codes == () and state(world, Side.RIGHT) == "available"


def test_an_information_code_is_shown_and_charging_goes_on(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    world.hardware.inject_fault(Side.LEFT, 13608)  # CHAdeMO module firmware update fail
    world.advance(3)
    assert state(world, Side.LEFT) == "charging"
    assert ("013608", Side.LEFT) in codes(world) and "013608" in world.view.connector(Side.LEFT).codes
    assert screen_for(world.view) == "charging"
    world.hardware.inject_fault(Side.LEFT, 0)
    world.advance(0.5)
    assert world.view.codes == ()


def test_an_ev_message_ends_the_session_and_stays_until_the_cable_is_out(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.RIGHT)
    world.hardware.inject_fault(Side.RIGHT, 23758)  # EV side feedback code procedure error
    assert world.run_until(lambda v: v.connector(Side.RIGHT).state == "finished", 10)
    session = world.view.connector(Side.RIGHT).session
    assert session is not None and session.stop_code == "023758"
    assert ("023758", Side.RIGHT) in codes(world) and screen_for(world.view) == "status"
    assert state(world, Side.LEFT) == "available", "the EV's message concerns its own connector only"
    world.station.submit(cmd.PresentToken(OTHER_KNOWN_CARD))  # no new start while the cable is in (5.3.6 step 1)
    world.advance(0.5)
    assert state(world, Side.RIGHT) == "finished"
    world.hardware.unplug(Side.RIGHT)  # the simulated EV stops reporting with the cable out
    world.advance(0.5)
    assert world.view.codes == () and state(world, Side.RIGHT) == "available"


def test_a_network_module_failure_dims_qr_and_app_and_charging_goes_on(make_world: WorldFactory) -> None:
    world = make_world("J0U", authorization={"methods": ["rfid", "qr", "app"]})
    charge(world, Side.LEFT)
    world.hardware.inject_fault(Side.LEFT, 12242)  # 3G/4G module communication fail
    world.advance(2)
    assert state(world, Side.LEFT) == "charging"
    assert world.view.methods == frozenset({AuthMethod.RFID})  # manual 5.3.4: "please change to RFID"
    world.hardware.inject_fault(Side.LEFT, 0)
    world.advance(0.5)
    assert AuthMethod.QR in world.view.methods and world.view.codes == ()


def test_a_network_message_informs_without_blocking(make_world: WorldFactory) -> None:
    world = make_world("J0U", authorization={"methods": ["rfid", "qr"]})
    charge(world, Side.LEFT)
    world.port.attach()
    world.port.set_backend_online(BackendLink.OFFLINE, "033901")  # the backend is unreachable (manual 5.3.7)
    world.advance(1)
    assert state(world, Side.LEFT) == "charging" and world.view.backend_code == "033901"
    assert AuthMethod.QR not in world.view.methods and AuthMethod.RFID in world.view.methods
    world.port.set_backend_online(BackendLink.ONLINE)
    world.advance(0.1)
    assert AuthMethod.QR in world.view.methods


def test_a_broken_power_module_stays_out_until_the_charger_is_power_cycled(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    world.hardware.psu_fault(0, 11031)  # PSU module broken
    world.advance(0.5)
    world.hardware.psu_fault(0, 0)
    world.advance(0.5)
    assert ("011031", None) in codes(world)
    charge(world, Side.LEFT)
    world.advance(20)
    assert 25_000 < world.view.connector(Side.LEFT).power_w <= 30_000, "one module of two"
    world.hardware.unplug(Side.LEFT)
    power_cycle(world)
    assert world.view.codes == ()


def test_over_temperature_derates_then_stops_with_012223_and_charging_comes_back_when_cool(
        make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    world.hardware.set_ambient(60)  # derating: half the station's power at 60 °C (50 -> 70)
    world.advance(10)
    assert state(world, Side.LEFT) == "charging" and world.view.connector(Side.LEFT).power_w <= 30_000
    assert world.view.codes == ()
    world.hardware.set_ambient(70)  # [limits].over_temperature_c
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 5)
    session = world.view.connector(Side.LEFT).session
    assert session is not None and session.stop_code == "012223"
    assert codes(world) == {("012223", None)} and screen_for(world.view) == "status"
    world.hardware.unplug(Side.LEFT)
    world.hardware.set_ambient(67)  # cooler, but not by the hysteresis yet
    world.advance(2)
    assert state(world, Side.LEFT) == "faulted"
    world.hardware.set_ambient(65)
    world.advance(0.5)
    assert world.view.codes == () and state(world, Side.LEFT) == "available"
    charge(world, Side.LEFT)  # enabled again by itself: no restart, no technician


def test_over_temperature_limit_is_configurable(make_world: WorldFactory) -> None:
    world = make_world("U00", limits={"over_temperature_c": 60.0, "temperature_hysteresis_c": 2.0})
    world.hardware.set_ambient(60)
    world.advance(0.5)
    assert codes(world) == {("012223", None)} and state(world, Side.LEFT) == "faulted"
    world.hardware.set_ambient(58)
    world.advance(0.5)
    assert world.view.codes == ()


def raised(world: World, code: str) -> int:
    """How often ``code`` was raised since the station started (the engineer screen's history)."""
    return sum(1 for event in world.station.code_history if event.code == code and event.raised)


def test_a_hot_power_module_is_switched_off_and_charging_goes_on_with_the_other_until_it_cools(
        make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    world.advance(20)
    assert world.view.connector(Side.LEFT).power_w > 30_000, "both modules feed the connector"
    world.hardware.heat_psu(0, 100)  # its heatsink, over [limits].psu_over_temperature_c (95 °C)
    world.advance(1.0)
    assert codes(world) == {("012226", None)} and state(world, Side.LEFT) == "charging"
    assert world.station.connectors[Side.LEFT].grant.psus == (1,)
    world.advance(5)
    assert not world.hardware.psus[0].enabled and world.hardware.psus[0].current == 0.0, "switched off"
    assert 0 < world.view.connector(Side.LEFT).power_w <= 30_000, "on the other module, at less power"
    assert world.station.code_reading("012226", None).value == 100  # what the engineer screen shows
    # switched off, it cools towards its inlet air (30 °C); the code clears 5 °C below the limit
    assert world.run_until(lambda v: v.codes == (), 60)
    assert world.station.psus[0].temperature <= 90
    world.advance(20)
    assert world.station.connectors[Side.LEFT].grant.psus == (0, 1)
    assert world.view.connector(Side.LEFT).power_w > 30_000, "back to both modules by itself"
    assert raised(world, "012226") == 1


def test_a_module_temperature_hovering_at_its_limit_raises_its_code_once(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    for celsius in (96, 94, 95, 93, 96, 91):  # at the limit, then between the limit and 5 °C below it
        world.hardware.heat_psu(0, celsius)
        world.advance(0.3)
        assert codes(world) == {("012226", None)}
    assert raised(world, "012226") == 1, "no flapping"
    world.hardware.heat_psu(0, 90)
    world.advance(0.3)
    assert world.view.codes == ()


def test_hot_air_at_every_module_s_inlet_stops_charging_until_it_cools(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    for index in (0, 1):
        world.hardware.set_psu_inlet(index, 80)  # over [limits].psu_inlet_over_temperature_c (75 °C)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 5)
    assert codes(world) == {("012225", None), ("012279", None)}, "no module left"
    assert world.station.code_reading("012225", None).value == 80
    world.hardware.unplug(Side.LEFT)
    world.advance(0.5)
    assert state(world, Side.LEFT) == "faulted"
    for index in (0, 1):
        world.hardware.set_psu_inlet(index, 72)  # cooler, but not by the hysteresis yet
    world.advance(3)
    assert state(world, Side.LEFT) == "faulted"
    world.hardware.set_psu_inlet(0, 70)
    world.advance(1.5)
    assert codes(world) == {("012225", None)}, "one module back: charging possible, the other still hot"
    assert state(world, Side.LEFT) == "available"
    charge(world, Side.LEFT)
    assert world.station.connectors[Side.LEFT].grant.psus == (0,)
    world.hardware.set_psu_inlet(1, 70)
    world.advance(1.5)
    assert world.view.codes == ()


def test_a_hot_cabinet_stops_charging_with_012224_without_flapping_until_it_cools(
        make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    world.hardware.set_cabinet_temperature(80)  # [limits].cabinet_over_temperature_c
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 5)
    assert world.view.connector(Side.LEFT).session.stop_code == "012224"
    assert codes(world) == {("012224", None)} and world.station.code_reading("012224", None).value == 80
    world.hardware.unplug(Side.LEFT)
    for celsius in (79, 81, 76, 80, 77):  # hovering at the limit
        world.hardware.set_cabinet_temperature(celsius)
        world.advance(0.5)
        assert state(world, Side.LEFT) == "faulted" and state(world, Side.RIGHT) == "faulted"
    assert raised(world, "012224") == 1 and screen_for(world.view) == "status"
    world.hardware.set_cabinet_temperature(75)
    world.advance(0.5)
    assert world.view.codes == () and state(world, Side.LEFT) == "available"
    charge(world, Side.LEFT)  # enabled again by itself


def test_the_cabinet_and_module_temperature_limits_are_configurable(make_world: WorldFactory) -> None:
    world = make_world("U00", limits={"cabinet_over_temperature_c": 60.0, "psu_inlet_over_temperature_c": 55.0,
                                      "psu_over_temperature_c": 70.0, "temperature_hysteresis_c": 2.0})
    world.hardware.set_cabinet_temperature(60)
    world.hardware.set_psu_inlet(0, 55)
    world.hardware.heat_psu(1, 70)
    world.advance(0.5)
    assert codes(world) == {("012224", None), ("012225", None), ("012226", None), ("012279", None)}
    world.hardware.set_cabinet_temperature(58)
    world.hardware.set_psu_inlet(0, 53)
    world.hardware.heat_psu(1, 67)
    world.advance(0.5)
    assert world.view.codes == ()
