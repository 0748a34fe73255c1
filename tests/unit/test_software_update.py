"""The station while its software is updated: no new session, connectors unavailable, the
Updating screen and white breathing LEDs; a running session finishes; the mode lasts only
as long as the station that was told."""

from __future__ import annotations

from datetime import timedelta

import pytest

from controller import commands as cmd
from controller.backend import station_snapshot
from controller.board_commands import led
from controller.engineer import hash_pin
from controller.ocpp.mapping import connector_status, station_status
from controller.ocpp201.events import statuses
from controller.port import AuthDecision, AuthorizeRequest, BackendLink, Reservation, Verdict
from controller.session import ConnectorState, StopReason
from controller.sim.world import World
from controller.types import LedColour, LedPattern, Side
from hmi.navigation import screen_for
from hmi.screens import Screen
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD, WorldFactory, charge

UPDATING_LED = (LedColour.WHITE, LedPattern.BREATHE)


def updating(world: World) -> None:
    world.port.set_software_update(True)
    world.advance(0.3)


def test_during_an_update_a_card_starts_nothing_and_the_backend_is_not_asked(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    world.port.attach()
    world.port.set_backend_online(BackendLink.ONLINE)
    updating(world)
    world.station.take_events()
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.3)
    assert not any(isinstance(event, AuthorizeRequest) for event in world.station.take_events())
    assert world.view.pending is None and world.view.notice is None
    assert world.port.is_idle()
    assert screen_for(world.view) == Screen.UPDATING


def test_during_an_update_a_remote_start_is_refused_and_a_cable_starts_nothing(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    updating(world)
    assert world.port.remote_start(None, KNOWN_CARD) is False
    assert world.port.remote_start(Side.RIGHT, KNOWN_CARD) is False
    world.hardware.plug(Side.LEFT)
    world.advance(0.5)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(5)
    assert world.state(Side.LEFT) is ConnectorState.INOPERATIVE, "plugged, but no session"
    assert world.view.connector(Side.LEFT).session is None
    assert screen_for(world.view) == Screen.UPDATING


def test_the_connectors_report_unavailable_on_both_protocols_and_come_back_after(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    updating(world)
    snapshot = station_snapshot(world.station.state)
    assert [c.state for c in snapshot.connectors] == [ConnectorState.INOPERATIVE] * 2
    assert [connector_status(c, snapshot, True, False)[0].value for c in snapshot.connectors] == ["Unavailable"] * 2
    assert station_status(snapshot, True)[0].value == "Unavailable", "1.6 connector 0: the charge point itself"
    assert set(statuses(snapshot).values()) == {"Unavailable"}, "2.0.1 connectorStatus"
    world.port.set_software_update(False)
    world.advance(0.3)
    snapshot = station_snapshot(world.station.state)
    assert [connector_status(c, snapshot, True, False)[0].value for c in snapshot.connectors] == ["Available"] * 2
    assert station_status(snapshot, True)[0].value == "Available"
    assert screen_for(world.view) == Screen.HOME
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    assert world.view.pending is not None, "cards work again once the update is over"


def lit(world: World) -> list[tuple[LedColour, LedPattern]]:
    """What the (simulated) LED board shows, as its CAN frames told it."""
    board = world.hardware.led
    return [(board.colours[side], board.patterns[side]) for side in (Side.LEFT, Side.RIGHT)]


def test_the_leds_breathe_white_while_updating_and_the_led_board_is_told(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    ready = [(LedColour.GREEN, LedPattern.STEADY)] * 2
    assert world.run_until(lambda _: lit(world) == ready, 2)
    world.port.set_software_update(True)
    assert world.run_until(lambda _: lit(world) == [UPDATING_LED] * 2, 2)
    assert [(c.led_colour, c.led_pattern) for c in world.view.connectors] == [UPDATING_LED] * 2
    world.port.set_software_update(False)
    assert world.run_until(lambda _: lit(world) == ready, 2)


@pytest.mark.parametrize("state", list(ConnectorState))
def test_the_update_pattern_is_one_no_other_state_shows(state: ConnectorState) -> None:
    shown = led(state, initializing=False, blocked=False, pending=False, updating=True)
    others = {led(s, initializing=i, blocked=b, pending=p)
              for s in ConnectorState for i in (False, True) for b in (False, True) for p in (False, True)}
    assert UPDATING_LED not in others, "no other state of the manual's LEDs breathes white"
    if state in (ConnectorState.PREPARING, ConnectorState.CHARGING, ConnectorState.STOPPING,
                 ConnectorState.FINISHED, ConnectorState.UNAVAILABLE):
        assert shown == led(state, initializing=False, blocked=False, pending=False), "a session keeps its LED"
    else:
        assert shown == UPDATING_LED
    assert led(state, initializing=False, blocked=True, pending=False, updating=True) == shown or \
        state in (ConnectorState.FINISHED, ConnectorState.UNAVAILABLE), "a fault does not hide the update"


def test_a_session_running_when_the_update_is_set_finishes_and_no_new_one_starts(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    assert not world.port.is_idle()
    updating(world)
    world.advance(120)
    left = world.view.connector(Side.LEFT)
    assert left.state == "charging" and left.power_w > 0, "the update never cuts a charge"
    assert (left.led_colour, left.led_pattern) == (LedColour.BLUE, LedPattern.BREATHE)
    assert world.view.connector(Side.RIGHT).state == "inoperative"
    assert screen_for(world.view) == Screen.CHARGING, "the driver still sees (and can stop) the session"
    world.station.submit(cmd.PressRight())
    assert screen_for(world.station.view()) == Screen.UPDATING, "the free connector says why it is not"
    world.station.submit(cmd.PresentToken(OTHER_KNOWN_CARD))
    world.advance(1)
    assert world.state(Side.RIGHT) is ConnectorState.INOPERATIVE and world.view.pending is None
    world.advance(4)  # past the tap hold-off
    world.station.submit(cmd.PresentToken(KNOWN_CARD))  # the driver's own card stops the session
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
    assert world.port.is_idle(), "a Summary on screen is idle"
    assert screen_for(world.view) == Screen.SUMMARY
    world.hardware.unplug(Side.LEFT)
    world.advance(0.5)
    assert world.state(Side.LEFT) is ConnectorState.INOPERATIVE
    assert screen_for(world.view) == Screen.UPDATING


def test_idle_means_no_session_running_stopping_or_being_started(make_world: WorldFactory) -> None:
    world = make_world("J0U", start=False)
    assert world.port.is_idle(), "during the self-test"
    world.start()
    assert world.port.is_idle(), "Home"
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    assert not world.port.is_idle(), "authorized, not plugged yet"
    world.station.submit(cmd.CancelPending())
    assert world.port.is_idle()
    world.hardware.plug(Side.LEFT)
    world.advance(0.3)
    assert world.state(Side.LEFT) is ConnectorState.PLUGGED and not world.port.is_idle(), "plugged, card to come"
    world.station.submit(cmd.PresentToken(OTHER_KNOWN_CARD))
    world.advance(0.2)
    assert world.state(Side.LEFT) is ConnectorState.PREPARING and not world.port.is_idle()
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
    assert not world.port.is_idle()
    assert world.port.stop_session(Side.LEFT, StopReason.REMOTE)
    world.step()
    assert world.state(Side.LEFT) is ConnectorState.STOPPING and not world.port.is_idle()
    assert world.view.connector(Side.LEFT).state == "stopping"
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
    assert world.port.is_idle(), "the Summary, cable still in"
    world.hardware.unplug(Side.LEFT)
    world.advance(0.3)
    expiry = world.clock.now() + timedelta(minutes=15)
    world.port.set_reservation(Side.RIGHT, Reservation(1, OTHER_KNOWN_CARD, expiry))
    world.port.set_available(Side.LEFT, False)
    world.advance(0.3)
    assert (world.state(Side.LEFT), world.state(Side.RIGHT)) == (ConnectorState.INOPERATIVE, ConnectorState.RESERVED)
    assert world.port.is_idle(), "out of service and reserved"


def test_a_card_being_checked_by_the_backend_is_not_idle_and_an_update_drops_it(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.port.attach()
    world.port.set_backend_online(BackendLink.ONLINE)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    assert world.port.awaiting_verdict and not world.port.is_idle()
    updating(world)
    assert not world.port.awaiting_verdict and world.port.is_idle()
    world.port.authorization_decided(KNOWN_CARD, AuthDecision(Verdict.ACCEPTED))
    world.advance(0.3)
    assert world.view.pending is None, "a verdict that comes after the update began starts nothing"


def test_the_update_mode_does_not_survive_a_restart(make_world: WorldFactory) -> None:
    world = make_world("U00")
    updating(world)
    assert world.view.software_update
    world.restart()
    world.start()
    assert not world.view.software_update
    assert world.state(Side.LEFT) is ConnectorState.AVAILABLE
    assert screen_for(world.view) == Screen.HOME


def test_the_engineer_screen_stays_reachable_while_updating(make_world: WorldFactory) -> None:
    world = make_world("J0U", engineer={"pin_hash": hash_pin("2468", salt=b"update-salt-0001")})
    updating(world)
    world.station.submit(cmd.OpenEngineer())
    assert screen_for(world.station.view()) == Screen.ENGINEER_PIN
    for digit in "2468":
        world.station.submit(cmd.PinDigit(digit))
    world.station.submit(cmd.PinSubmit())
    assert screen_for(world.station.view()) == Screen.ENGINEER
