"""A station whose CAN bus goes bus-off, down or away, and comes back, without a restart.

The station and its simulated boards run on a real python-can ``virtual`` bus (a World on a
fake clock).  The station's own handle is swapped for :class:`tests.support.can_wire.FaultyBus`,
the double at the wire: on command it hears nothing (bus-off) or fails with an errno, as a
SocketCAN socket would; everything above it (CanLink, board support, the watchdog, the
station) is the real code.
"""

from __future__ import annotations

import errno

import pytest

from controller.buses import can_errors as ce
from controller.buses.can_errors import BusState
from controller.buses.can_link import BUS_OFF_REOPEN_S
from controller.engineer_screen import bus_link
from controller.self_test import (
    BOARD_COMMUNICATION_CODES,
    BOARD_SILENCE_S,
    CODE_IO_BOARD_COMMUNICATION,
    CODE_PSU_COMMUNICATION,
)
from controller.sim.node import COMMAND_TIMEOUT_S
from controller.sim.world import World
from controller.types import Side
from controller.view import StationView
from tests.conftest import WorldFactory, charge
from tests.support.can_wire import Wire, error_message


def on_faulty_wire(world: World) -> Wire:
    """The station's handle replaced by one on a Wire the test controls (and re-opened through it)."""
    wire = Wire(world.channel)
    old, world.link.bus = world.link.bus, wire.open()
    old.shutdown()
    world.link.reopen = wire.open
    return wire


def communication_codes(world: World) -> set[str]:
    board_codes = {BOARD_COMMUNICATION_CODES[c.standard] for c in world.station.connectors.values()}
    wanted = board_codes | {CODE_IO_BOARD_COMMUNICATION, CODE_PSU_COMMUNICATION}
    return {active.code for active in world.station.codes if active.code in wanted}


def expected_codes(world: World) -> set[str]:
    return ({BOARD_COMMUNICATION_CODES[c.standard] for c in world.station.connectors.values()}
            | {CODE_IO_BOARD_COMMUNICATION, CODE_PSU_COMMUNICATION})


@pytest.fixture
def world(make_world: WorldFactory) -> World:
    return make_world("J0U")


def test_bus_off_silences_the_boards_raises_their_codes_and_the_restart_clears_them(world: World) -> None:
    wire = on_faulty_wire(world)
    views: list[StationView] = []
    wire.bus_off = True
    wire.injected.append(error_message(ce.CAN_ERR_BUSOFF))
    world.advance(BOARD_SILENCE_S + 0.5, on_step=views.append)
    assert world.link.stats.state is BusState.BUS_OFF
    assert communication_codes(world) == expected_codes(world)
    assert world.link.stats.send_queue_full > 0  # the commands did not go out
    health = bus_link(world.station.state)
    assert health is not None and health.state == "bus-off" and health.seconds >= BOARD_SILENCE_S

    wire.bus_off = False  # restart-ms: the controller is back on the bus
    wire.injected.append(error_message(ce.CAN_ERR_RESTARTED))
    world.advance(1.0, on_step=views.append)
    assert world.link.stats.state is BusState.ACTIVE and world.link.stats.restarted == 1
    assert communication_codes(world) == set()
    assert world.restarts == 0 and world.link.stats.reopens == 0
    assert len(views) == round((BOARD_SILENCE_S + 0.5 + 1.0) / world.cycle_s)  # no cycle raised or was skipped
    assert world.station.state.now == world.clock.monotonic()  # and the station ticked in the last one


def test_a_long_bus_off_reopens_the_bus_and_the_station_carries_on(world: World) -> None:
    wire = on_faulty_wire(world)
    wire.bus_off = True
    wire.injected.append(error_message(ce.CAN_ERR_BUSOFF))
    world.advance(BUS_OFF_REOPEN_S + 2.0)
    assert world.link.stats.reopens >= 1 and wire.opened >= 2
    assert world.link.stats.state is BusState.BUS_OFF  # a new handle does not end a bus-off
    assert communication_codes(world) == expected_codes(world)
    wire.bus_off = False  # no RESTARTED seen on the new handle: the frames themselves end it
    world.advance(1.0)
    assert world.link.stats.state is BusState.ACTIVE and communication_codes(world) == set()
    world.hardware.set_emergency_stop(True)  # and the emergency stop is heard again
    world.advance(0.3)
    assert "emergency stop" in world.station.state.safety


@pytest.mark.parametrize("code", [errno.ENETDOWN, errno.ENODEV])
def test_an_interface_lost_is_reopened_without_a_restart(world: World, code: int) -> None:
    wire = on_faulty_wire(world)
    wire.lost_errno = code
    if code == errno.ENODEV:
        wire.plugged = False  # the USB adapter is out: opening fails until it is back
    stats, attempts = world.link.stats, []
    lost_at = world.clock.monotonic() + world.cycle_s

    def attempt(view: StationView) -> None:
        if stats.reopens + stats.reopen_failures > len(attempts):
            attempts.append(world.clock.monotonic())

    world.advance(12.0, on_step=attempt)
    assert communication_codes(world) == expected_codes(world)
    assert bus_link(world.station.state).down_seconds is not None  # type: ignore[union-attr]
    gaps = [b - a for a, b in zip([lost_at, *attempts], attempts, strict=False)]
    assert gaps == pytest.approx([1.0, 2.0, 5.0], abs=2 * world.cycle_s)  # the backoff, never a give-up
    wire.plugged, wire.lost_errno = True, None  # the interface is up again (or the adapter back)
    world.advance(11.0)  # the longest pause, and the boards heard again
    assert world.link.up and world.restarts == 0
    assert communication_codes(world) == set()


def test_the_boards_go_safe_when_the_commands_stop_during_a_charge(world: World) -> None:
    charge(world, Side.LEFT)
    psus_on = [psu for psu in world.hardware.psus if psu.enabled]
    assert psus_on and world.hardware.boards[Side.LEFT].contactor_closed
    wire = on_faulty_wire(world)
    wire.bus_off = True
    wire.injected.append(error_message(ce.CAN_ERR_BUSOFF))
    world.advance(COMMAND_TIMEOUT_S + 0.2)  # the boards' own watchdog, not the station, ends it
    assert not any(psu.enabled for psu in world.hardware.psus)
    assert not world.hardware.boards[Side.LEFT].contactor_closed
    assert world.view.connector(Side.LEFT).state != "charging"
