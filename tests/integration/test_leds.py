"""Each connector's LED follows its state, as the LED board receives it over CAN
(CSU_LedCommand), through a charger's whole life: starting up, available, authorized,
charging, finished, reserved, unavailable and faulted."""

from __future__ import annotations

from datetime import timedelta

from controller import commands as cmd
from controller.port import Reservation
from controller.sim.world import World
from controller.types import LedColour, LedPattern, Side
from tests.conftest import KNOWN_CARD, WorldFactory, charge

BLINK, STEADY, BREATHE = LedPattern.BLINK, LedPattern.STEADY, LedPattern.BREATHE
GREEN, BLUE, RED, YELLOW = LedColour.GREEN, LedColour.BLUE, LedColour.RED, LedColour.YELLOW


def led(world: World, side: Side) -> tuple[LedColour, LedPattern]:
    """What the LED board shows on ``side`` after the next command frames."""
    world.advance(0.3)
    board = world.hardware.led
    return board.colours[side], board.patterns[side]


def test_the_led_board_shows_every_state_of_a_session(make_world: WorldFactory) -> None:
    world = make_world("J0U", start=False)
    world.advance(0.6)  # the LED board is up, the self-test still runs
    assert led(world, Side.LEFT) == (YELLOW, BLINK), "starting up"
    world.start()
    assert led(world, Side.LEFT) == (GREEN, STEADY), "available"
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert led(world, Side.LEFT) == (GREEN, BLINK), "authorized: plug in"
    world.hardware.plug(Side.LEFT)
    world.advance(0.1)
    assert led(world, Side.LEFT)[0] is BLUE, "preparing"
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
    assert led(world, Side.LEFT) == (BLUE, BREATHE), "charging"
    assert led(world, Side.RIGHT) == (GREEN, STEADY), "the other connector stays available"
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
    assert led(world, Side.LEFT) == (GREEN, BLINK), "finished: unplug"
    world.hardware.unplug(Side.LEFT)
    assert led(world, Side.LEFT) == (GREEN, STEADY)


def test_reserved_unavailable_and_faulted_connectors(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    world.port.set_reservation(Side.LEFT, Reservation(3, KNOWN_CARD, world.clock.now() + timedelta(minutes=15)))
    assert led(world, Side.LEFT) == (BLUE, STEADY), "reserved"
    world.port.set_reservation(Side.LEFT, None)
    world.port.set_available(Side.RIGHT, False)
    assert led(world, Side.RIGHT) == (YELLOW, STEADY), "unavailable (taken out of service by the operator)"
    world.port.set_available(Side.RIGHT, True)
    assert led(world, Side.RIGHT) == (GREEN, STEADY)
    world.hardware.inject_fault(Side.RIGHT, 11013)  # CCS1 relay welding: a fault of this connector
    assert led(world, Side.RIGHT) == (RED, STEADY), "faulted"
    assert led(world, Side.LEFT) == (GREEN, STEADY), "a fault on one connector leaves the other usable"


def test_a_charging_session_keeps_its_led_while_the_other_connector_faults(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    world.hardware.inject_fault(Side.RIGHT, 11013)
    assert led(world, Side.RIGHT) == (RED, STEADY)
    assert led(world, Side.LEFT) == (BLUE, BREATHE)
