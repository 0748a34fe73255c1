"""The watchdog: a board that falls silent after the self-test raises its communication code;
a connector board's stops the session there, and the code clears when the board speaks again."""

from __future__ import annotations

from controller.types import Side
from tests.conftest import WorldFactory, charge


def test_a_silent_connector_board_stops_its_session_and_raises_its_communication_code(
        make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.RIGHT)  # CCS1 on the right
    world.advance(5.0)
    assert not world.view.codes, "no false alarm while every board speaks"
    world.hardware.boards[Side.RIGHT].silent = True
    world.advance(1.5)
    assert any(c.code == "012248" and c.side is Side.RIGHT for c in world.view.codes)
    assert world.view.connector(Side.RIGHT).state in ("stopping", "finished")
    assert world.station.connectors[Side.RIGHT].grant is None, "no output for a connector nobody can see"
    world.hardware.boards[Side.RIGHT].silent = False
    world.advance(0.5)
    assert not any(c.code == "012248" for c in world.view.codes)


def test_a_silent_power_module_is_left_out_and_comes_back(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    world.hardware.psus[1].silent = True
    world.advance(1.5)
    assert any(c.code == "012240" for c in world.view.codes)
    assert world.view.connector(Side.LEFT).state == "charging", "one module left: charging goes on"
    assert world.station.connectors[Side.LEFT].grant.psus == (0,)
    world.hardware.psus[1].silent = False
    world.advance(0.5)
    assert not any(c.code == "012240" for c in world.view.codes)


def test_a_silent_io_board_stops_everything(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    world.hardware.io.silent = True
    world.advance(1.5)
    assert any(c.code == "012247" for c in world.view.codes)
    assert world.view.connector(Side.LEFT).state in ("stopping", "finished")
