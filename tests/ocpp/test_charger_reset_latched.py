"""A latched fault no board reports any more outlives an OCPP soft Reset, and only a hard reset
or a power cycle clears it (manual 5.3.3, controller.fault_policy).

The main case is a fault the station detects itself: a welded relay (a stop that never reaches
zero current raises 011011 on the CHAdeMO connector).  A soft reset restarts the software with
a new station, which would forget the code and report a welded connector Available; the code
is kept in the station's store instead and the new station raises it again before its
self-test ends.  The charger is the real station on the fake clock with the simulated boards
on the virtual CAN bus; the resets come from the demo central system over a real websocket.
"""

from __future__ import annotations

from controller import commands as cmd
from controller.sim.world import World
from controller.types import Side
from tests.ocpp.harness import (
    KNOWN,
    CentralSystemProcess,
    active_codes,
    advance_until,
    charger_world,
    plug_and_charge,
    reset,
    statuses_after_boot,
)

WELDED = ("011011", Side.LEFT)  # CHAdeMO relay welding (station.RELAY_WELDING_CODES)


def welded_world(central: CentralSystemProcess) -> World:
    """J0U whose left connector's relay welded during a stop: the code is in force, the session
    has ended and the cable is out (no board reports the code: only the station knows)."""
    world = charger_world(central, "J0U", limits={"stop_timeout_s": 3})
    plug_and_charge(world, Side.LEFT)
    psus = world.hardware.psus
    for psu in psus:  # welded: the modules keep delivering whatever they are told
        psu.physics = lambda dt, load_of, psu=psu: setattr(psu, "current", 50.0)  # type: ignore[method-assign]
    world.station.submit(cmd.PressLeft())  # Stop charge
    advance_until(world, lambda: WELDED in active_codes(world), "the welded relay")
    for psu in psus:  # the current stops at last (the EV opened its own contactors)
        del psu.physics
    advance_until(world, lambda: world.view.connector(Side.LEFT).state == "finished", "the end of the session")
    world.hardware.unplug(Side.LEFT)
    advance_until(world, lambda: world.view.connector(Side.LEFT).state == "faulted", "the connector out of service")
    assert active_codes(world) == {WELDED}
    return world


def test_a_welded_relay_stays_faulted_through_a_soft_reset(central: CentralSystemProcess) -> None:
    world = welded_world(central)
    try:
        boot = reset(world, central, "Soft")
        world.advance(1.0)
        assert active_codes(world) == {WELDED}, "a soft reset is no power cycle"
        assert world.view.connector(Side.LEFT).state == "faulted"
        statuses = statuses_after_boot(central, 1, boot)
        assert [n["status"] for n in statuses] == ["Faulted"], "never Available meanwhile"
        assert statuses[-1]["vendorErrorCode"] == "011011"
        assert world.view.connector(Side.RIGHT).state == "available", "the other connector stays usable"
        world.station.submit(cmd.PresentToken(KNOWN))  # a driver cannot start on the welded connector
        world.advance(0.2)
        assert world.view.pending is not None and world.view.pending.eligible == (Side.RIGHT,)
        assert not world.port.unlock(Side.LEFT), "its lock stays shut"
    finally:
        world.close()


def test_a_hard_reset_clears_the_welded_relay_a_soft_reset_kept(central: CentralSystemProcess) -> None:
    world = welded_world(central)
    try:
        reset(world, central, "Soft")
        assert active_codes(world) == {WELDED}
        boot = reset(world, central, "Hard")  # the software's power cycle
        world.advance(1.0)
        assert active_codes(world) == set() and world.view.connector(Side.LEFT).state == "available"
        assert statuses_after_boot(central, 1, boot)[-1]["status"] == "Available"
    finally:
        world.close()


def test_a_power_cycle_after_a_soft_reset_clears_the_welded_relay(central: CentralSystemProcess) -> None:
    world = welded_world(central)
    try:
        reset(world, central, "Soft")
        assert active_codes(world) == {WELDED}
        world.restart()  # power off and on: a new station over the same store, no reset before it
        world.start()
        world.advance(1.0)
        assert active_codes(world) == set() and world.view.connector(Side.LEFT).state == "available"
    finally:
        world.close()


def test_a_soft_reset_keeps_a_broken_power_module_out_of_the_split(central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        world.hardware.psu_fault(0, 11031)  # PSU module broken ...
        world.advance(0.5)
        world.hardware.psu_fault(0, 0)  # ... and silent about it since: latched
        world.advance(0.5)
        assert active_codes(world) == {("011031", None)}
        reset(world, central, "Soft")
        assert active_codes(world) == {("011031", None)}
        plug_and_charge(world, Side.LEFT)
        world.advance(20)
        assert 25_000 < world.view.connector(Side.LEFT).power_w <= 30_000, "one module of two"
    finally:
        world.close()


def test_a_soft_reset_with_no_latched_fault_leaves_nothing_behind(central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        world.station.set_reader_available(False)  # 012243 in force at the reset, but it does not latch
        world.advance(0.5)
        assert active_codes(world) == {("012243", None)}
        boot = reset(world, central, "Soft")
        world.advance(1.0)
        assert active_codes(world) == set()
        assert [c.state for c in world.view.connectors] == ["available", "available"]
        assert statuses_after_boot(central, 1, boot)[-1]["status"] == "Available"
    finally:
        world.close()
