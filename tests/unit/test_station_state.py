"""One state out: the kiosk's view, the engineer screen and the backend's snapshot are projections
of the same StationState, built once per publish, and agree on the power they show."""

from __future__ import annotations

import dataclasses

from controller import commands as cmd
from controller.backend import station_snapshot
from controller.engineer import hash_pin
from controller.port import BackendLink
from controller.types import Side
from tests.conftest import WorldFactory, charge

PIN = "2468"


def test_the_projections_of_one_state_agree_on_power(make_world: WorldFactory) -> None:
    world = make_world(engineer={"pin_hash": hash_pin(PIN)})
    charge(world, Side.LEFT)
    world.advance(20.0)
    world.station.submit(cmd.OpenEngineer())
    for digit in PIN:
        world.station.submit(cmd.PinDigit(digit))
    world.station.submit(cmd.PinSubmit())
    view = world.station.publish()
    state = world.station.state

    left = state.connector(Side.LEFT)
    assert left.in_session and left.power_w > 10_000, left
    assert left.power_w == left.output_v * left.output_a
    assert view.connector(Side.LEFT).power_w == round(left.power_w / 100) * 100
    assert view.engineer is not None, "the engineer screen is open"
    assert view.engineer.connectors[0].power_w == round(left.power_w)
    assert station_snapshot(state).connector(1).power_w == round(left.power_w)
    assert station_snapshot(state).connector(1).energy_wh == left.energy_register_wh


def test_the_state_is_built_once_per_publish_and_is_immutable(make_world: WorldFactory) -> None:
    world = make_world()
    state = world.station.state
    assert world.station.state is state, "read twice without a publish: the same picture"
    assert state.backend is BackendLink.NONE and not state.backend_configured
    world.hardware.plug(Side.RIGHT)
    world.advance(0.5)
    assert world.station.state is not state, "a tick publishes a new one"
    assert world.station.state.connector(Side.RIGHT).plugged and not state.connector(Side.RIGHT).plugged
    try:
        state.focus = Side.RIGHT  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("a StationState must not change once built")
