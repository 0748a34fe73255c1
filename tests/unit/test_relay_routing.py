"""Relay routing (controller.power.route): break before make, the grant's current shared by
the modules that feed it now."""

from __future__ import annotations

from controller.boards import PsuCommand
from controller.power import Grant, Relay, route
from controller.session import ZERO_CURRENT_A
from controller.types import Side
from controller.view import Limit


def grant(side: Side, psus: tuple[int, ...], volts: float = 400.0, amps: float = 100.0) -> Grant:
    return Grant(side, psus, 60_000.0, volts, amps, Limit.EV, shared=False)


def test_a_module_on_its_connector_is_switched_on_with_the_grants_setpoints() -> None:
    (command,) = route([Relay(0, None, 0.0)], [grant(Side.LEFT, (0,))])
    assert command == PsuCommand(0, enable=True, connector=Side.LEFT, voltage_v=400.0, current_a=100.0)


def test_the_grants_current_is_shared_by_the_modules_that_feed_it() -> None:
    commands = route([Relay(0, Side.RIGHT, 50.0), Relay(1, Side.RIGHT, 50.0)], [grant(Side.RIGHT, (0, 1))])
    assert [(c.enable, c.connector, c.current_a) for c in commands] == [(True, Side.RIGHT, 50.0)] * 2


def test_a_module_moving_connector_is_switched_off_on_the_old_one_until_its_current_is_zero() -> None:
    # the right connector's session starts: module 1 goes from left to right
    grants = [grant(Side.LEFT, (0,)), grant(Side.RIGHT, (1,))]
    delivering = route([Relay(0, Side.LEFT, 50.0), Relay(1, Side.LEFT, 50.0)], grants)
    assert delivering[1] == PsuCommand(1, enable=False, connector=Side.LEFT)  # break: still on the left, off
    assert delivering[0].current_a == 100.0, "the module left on the connector carries the grant alone"
    winding_down = route([Relay(0, Side.LEFT, 100.0), Relay(1, Side.LEFT, ZERO_CURRENT_A)], grants)
    assert winding_down[1] == PsuCommand(1, enable=False, connector=Side.LEFT)
    at_zero = route([Relay(0, Side.LEFT, 100.0), Relay(1, Side.LEFT, ZERO_CURRENT_A / 2)], grants)
    assert at_zero[1] == PsuCommand(1, enable=False, connector=None)  # free: routed nowhere
    made = route([Relay(0, Side.LEFT, 100.0), Relay(1, None, 0.0)], grants)  # the next cycle
    assert made[1] == PsuCommand(1, enable=True, connector=Side.RIGHT, voltage_v=400.0, current_a=100.0)


def test_a_module_granted_nothing_keeps_its_relay_until_its_current_is_zero() -> None:
    assert route([Relay(0, Side.RIGHT, 30.0)], []) == [PsuCommand(0, enable=False, connector=Side.RIGHT)]
    assert route([Relay(0, Side.RIGHT, 0.0)], []) == [PsuCommand(0, enable=False, connector=None)]


def test_no_module_is_ever_switched_on_for_a_connector_its_relay_is_not_on() -> None:
    grants = [grant(Side.LEFT, (1,)), grant(Side.RIGHT, (0,))]
    for relays in ([Relay(0, Side.LEFT, 80.0), Relay(1, Side.RIGHT, 80.0)],
                   [Relay(0, Side.LEFT, 0.0), Relay(1, Side.RIGHT, 0.0)]):
        for relay, command in zip(relays, route(relays, grants), strict=True):
            assert not command.enable or relay.routed_to in (None, command.connector)
