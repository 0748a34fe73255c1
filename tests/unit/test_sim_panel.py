"""The simulator panel's typed actions (controller/sim/panel.py): carried out on the simulated
hardware, parsed from ``python -m controller.sim``'s standard input, and routed by the panel to a
running controller's doors (a card to the reader door, the rest onto its thread)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from controller.config import Config
from controller.sim import panel as sim
from controller.sim.world import World
from controller.types import Side
from tests.conftest import WorldFactory


def test_each_action_reaches_the_simulated_hardware(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    hardware = world.hardware
    sim.apply(hardware, sim.SetNextEv(Side.LEFT, start_soc=30, target_soc=60))
    sim.apply(hardware, sim.Plug(Side.LEFT))
    assert hardware.boards[Side.LEFT].plugged
    assert hardware.boards[Side.LEFT].ev is not None and hardware.boards[Side.LEFT].ev.params.target_soc == 60
    sim.apply(hardware, sim.Unplug(Side.LEFT))
    assert not hardware.boards[Side.LEFT].plugged
    sim.apply(hardware, sim.SetEmergencyStop(True))
    sim.apply(hardware, sim.SetDoorOpen(True))
    sim.apply(hardware, sim.SetTilt(True))
    sim.apply(hardware, sim.SetAmbient(41.5))
    sim.apply(hardware, sim.SetInputVoltage(400))
    io = hardware.io
    assert (io.emergency_stop, io.door_open, io.tilt, io.ambient_c, io.ac_input_v) == (True, True, True, 41.5, 400)
    sim.apply(hardware, sim.BoardFault(Side.RIGHT, 23701))
    sim.apply(hardware, sim.PsuFault(1, sim.PSU_FAILURE_CODE))
    assert hardware.boards[Side.RIGHT].status_code == 23701 and hardware.psus[1].fault_code == sim.PSU_FAILURE_CODE
    with pytest.raises(TypeError):
        sim.apply(hardware, sim.TapCard("04A1B2C3D4E5F6"))  # type: ignore[arg-type]  # a card is no hardware


@pytest.mark.parametrize(("line", "action"), [
    ("plug 0", sim.Plug(Side.LEFT)),
    ("unplug 1", sim.Unplug(Side.RIGHT)),
    ("tap 04A1B2C3D4E5F6", sim.TapCard("04A1B2C3D4E5F6")),
    ("estop 1", sim.SetEmergencyStop(True)),
    ("estop 0", sim.SetEmergencyStop(False)),
])
def test_standard_input_lines_become_actions(line: str, action: sim.PanelAction) -> None:
    assert sim.parse_action(line.split()) == action


@pytest.mark.parametrize("line", ["plug", "plug 2", "plug left", "dance 1", "tap a b"])
def test_a_line_that_is_no_action_is_refused(line: str) -> None:
    with pytest.raises(ValueError):
        sim.parse_action(line.split())


class Doors:
    """A controller's doors, run at once on this thread."""

    def __init__(self) -> None:
        self.cards: list[str] = []

    def card_read(self, token: str) -> None:
        self.cards.append(token)

    def call(self, function: Callable[[], None]) -> None:
        function()


def test_the_panel_routes_a_card_to_the_reader_door_and_the_rest_to_the_hardware() -> None:
    config = Config().with_overrides(station={"version": "U00"})
    panel = sim.SimulatorPanel(config)
    world = World(config, hardware=panel.device)  # the panel's hardware on a world's bus
    try:
        doors = Doors()
        with pytest.raises(RuntimeError):
            panel.act(sim.Plug(Side.LEFT))  # not connected yet
        panel.connect(doors)
        panel.act(sim.TapCard("04A1B2C3D4E5F6"))
        panel.act(sim.Plug(Side.LEFT))
        panel.act(sim.PsuFault(7, sim.PSU_FAILURE_CODE))  # no such module: left alone
        assert doors.cards == ["04A1B2C3D4E5F6"]
        assert panel.hardware is world.hardware and world.hardware.boards[Side.LEFT].plugged
        assert all(psu.fault_code == 0 for psu in world.hardware.psus)
    finally:
        world.close()
