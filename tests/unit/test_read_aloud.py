"""The request to read the screen aloud (commands.ReadAloud): the right button held on the I/O
board, through the real station and its simulated board, counts a request in the kiosk's view
and brings back the connector its own press had moved away from."""

from __future__ import annotations

from controller import commands as cmd
from controller.buttons import READ_ALOUD_HOLD_S
from controller.types import Side
from tests.conftest import WorldFactory


def test_holding_the_right_button_asks_once_and_keeps_the_connector_in_front(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    before = world.view.read_aloud
    assert world.view.focused is Side.LEFT
    world.hardware.hold_button(left=False, held=True)
    world.advance(0.5)
    assert world.view.focused is Side.RIGHT, "the press moves the focus at once, as before"
    assert world.view.read_aloud == before
    world.advance(READ_ALOUD_HOLD_S + 1.0)
    assert world.view.read_aloud == before + 1, "one request per hold"
    assert world.view.focused is Side.LEFT, "the screen read is the one the driver was on"
    world.advance(3.0)
    world.hardware.hold_button(left=False, held=False)
    world.advance(0.5)
    assert world.view.read_aloud == before + 1


def test_a_short_right_press_does_not_ask(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    before = world.view.read_aloud
    world.hardware.press(left=False)
    world.advance(READ_ALOUD_HOLD_S + 1.0)
    assert (world.view.read_aloud, world.view.focused) == (before, Side.RIGHT)


def test_the_home_control_asks_without_moving_the_focus(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    world.station.submit(cmd.SelectSide(Side.RIGHT))
    world.station.submit(cmd.ReadAloud())
    world.advance(0.2)
    assert (world.view.read_aloud, world.view.focused) == (1, Side.RIGHT)
