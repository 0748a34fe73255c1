"""Failed starts on a real Station, through the simulated boards on a real python-can bus:
explained, and retried on the kept authorization without a second tap where it is safe."""

from __future__ import annotations

import pytest

from controller import commands as cmd
from controller.display_power import DisplayLevel, Look
from controller.sim.world import World
from controller.types import Side
from controller.view import StationView
from hmi.navigation import screen_for
from hmi.screens import Screen
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD, UNKNOWN_CARD, WorldFactory

#: The code each failure shows, per version's left standard (controller.sim.failed_starts).
CODES = {
    "J00": {"communication": "023700", "isolation": "023731", "precharge": "023722"},
    "U00": {"communication": "023701", "isolation": "023847", "precharge": "023850"},
    "B0B": {"communication": "023702", "isolation": "023913", "precharge": "023904"},
}


def _fail_once(world: World, failure: str, side: Side = Side.LEFT) -> StationView:
    """Plug in, tap, and let the EV make the start fail: the view once the failure shows."""
    world.hardware.boards[side].fail_next_start(failure)
    world.hardware.plug(side)
    world.advance(0.3)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(side).state == "finished", 30), "the failed start ends"
    assert world.run_until(lambda v: screen_for(v) is Screen.START_FAILED, 2)
    return world.view


def _starts(world: World) -> int:
    return sum(1 for e in world.station.take_events() if type(e).__name__ == "SessionStarted")


@pytest.mark.parametrize("version", sorted(CODES))
@pytest.mark.parametrize("failure", ["communication", "isolation", "precharge"])
def test_a_failed_start_is_explained_and_plugging_in_again_retries_without_a_tap(
        make_world: WorldFactory, version: str, failure: str) -> None:
    world = make_world(version)
    view = _fail_once(world, failure)
    shown = view.connector(Side.LEFT).start_failure
    assert shown is not None and shown.code == CODES[version][failure] and shown.kind == failure
    assert shown.needs_replug and shown.cable_in and shown.seconds_left == 120
    world.hardware.unplug(Side.LEFT)
    world.advance(5)
    shown = world.view.connector(Side.LEFT).start_failure
    assert screen_for(world.view) is Screen.START_FAILED, "waiting for the cable: still explained"
    assert shown is not None and not shown.cable_in and shown.seconds_left is not None and shown.seconds_left <= 116
    world.hardware.plug(Side.LEFT)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30), "no second tap"
    assert world.view.connector(Side.LEFT).start_failure is None


def test_the_ev_refusing_is_tried_again_with_the_cable_in_by_the_right_button(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    view = _fail_once(world, "refuse")
    shown = view.connector(Side.LEFT).start_failure
    assert shown is not None and shown.kind == "ev_refused" and shown.code == "" and not shown.needs_replug
    world.hardware.press(left=False)  # the right button is "Try again" on this screen
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
    assert world.view.focused == Side.LEFT, "the right button did not switch connectors"


def test_try_again_needs_a_replug_where_the_kind_says_so(make_world: WorldFactory) -> None:
    world = make_world("U00")
    _fail_once(world, "communication")
    world.station.submit(cmd.TryAgain(Side.LEFT))
    world.advance(2)
    assert world.view.connector(Side.LEFT).state == "finished", "023701 blocks until the cable is out"


def test_a_second_isolation_failure_in_a_row_is_not_retried(make_world: WorldFactory) -> None:
    world = make_world("U00")
    _fail_once(world, "isolation")
    world.hardware.unplug(Side.LEFT)
    world.advance(1)
    world.hardware.boards[Side.LEFT].fail_next_start("isolation")
    world.hardware.plug(Side.LEFT)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "preparing", 5), "the first retry is allowed"
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
    shown = world.view.connector(Side.LEFT).start_failure
    assert shown is not None and shown.kind == "isolation" and shown.seconds_left is None
    world.hardware.unplug(Side.LEFT)
    world.advance(1)
    assert screen_for(world.view) is Screen.HOME
    world.hardware.plug(Side.LEFT)
    world.advance(2)
    assert world.view.connector(Side.LEFT).state == "plugged", "no authorization kept: a tap is needed"


def test_the_window_expires_back_to_home(make_world: WorldFactory) -> None:
    world = make_world("U00", authorization={"retry_window_s": 30})
    _fail_once(world, "precharge")
    world.hardware.unplug(Side.LEFT)
    world.advance(29)
    assert screen_for(world.view) is Screen.START_FAILED
    world.advance(1.5)
    assert screen_for(world.view) is Screen.HOME and world.view.connector(Side.LEFT).start_failure is None
    world.hardware.plug(Side.LEFT)
    world.advance(2)
    assert world.view.connector(Side.LEFT).state == "plugged"


def test_no_window_when_it_is_off(make_world: WorldFactory) -> None:
    world = make_world("U00", authorization={"retry_window_s": 0})
    shown = _fail_once(world, "communication").connector(Side.LEFT).start_failure
    assert shown is not None and shown.seconds_left is None
    world.hardware.unplug(Side.LEFT)
    world.advance(1)
    assert screen_for(world.view) is Screen.HOME


def test_another_card_during_the_window_starts_its_own_session_and_drops_the_kept_one(
        make_world: WorldFactory) -> None:
    world = make_world("U00")
    _fail_once(world, "communication")
    world.hardware.unplug(Side.LEFT)
    world.advance(1)
    world.station.submit(cmd.PresentToken(OTHER_KNOWN_CARD))
    world.advance(0.2)
    assert world.view.pending is not None and world.view.connector(Side.LEFT).start_failure is None
    world.hardware.plug(Side.LEFT)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
    session = world.station.connectors[Side.LEFT].machine.session
    assert session is not None and session.id_token == OTHER_KNOWN_CARD


def test_done_gives_up_the_kept_authorization(make_world: WorldFactory) -> None:
    world = make_world("U00")
    _fail_once(world, "communication")
    world.hardware.unplug(Side.LEFT)
    world.advance(1)
    world.station.submit(cmd.Dismiss())
    world.advance(0.2)
    assert screen_for(world.view) is Screen.HOME
    world.hardware.plug(Side.LEFT)
    world.advance(2)
    assert world.view.connector(Side.LEFT).state == "plugged"


def test_the_driver_stopping_during_the_handshake_is_no_failed_start(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.hardware.plug(Side.LEFT)
    world.advance(0.3)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "preparing", 5)
    world.station.submit(cmd.TouchStop(Side.LEFT))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    assert world.view.connector(Side.LEFT).start_failure is None
    assert screen_for(world.view) is Screen.SUMMARY


def test_an_emergency_stop_during_the_handshake_is_never_retried(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.hardware.plug(Side.LEFT)
    world.advance(0.3)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "preparing", 5)
    world.hardware.set_emergency_stop(True)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    assert world.view.connector(Side.LEFT).start_failure is None
    world.hardware.set_emergency_stop(False)
    world.hardware.unplug(Side.LEFT)
    world.advance(1)
    world.hardware.plug(Side.LEFT)
    world.advance(2)
    assert world.view.connector(Side.LEFT).state == "plugged"


def test_an_unknown_card_during_the_window_leaves_the_kept_authorization(make_world: WorldFactory) -> None:
    world = make_world("U00")
    _fail_once(world, "communication")
    world.hardware.unplug(Side.LEFT)
    world.advance(1)
    world.station.submit(cmd.PresentToken(UNKNOWN_CARD))  # a passer-by's card, refused
    world.advance(0.5)
    world.hardware.plug(Side.LEFT)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
    session = world.station.connectors[Side.LEFT].machine.session
    assert session is not None and session.id_token == KNOWN_CARD


def test_a_power_cut_forgets_the_kept_authorization(make_world: WorldFactory) -> None:
    world = make_world("U00")
    _fail_once(world, "communication")
    world.hardware.unplug(Side.LEFT)
    world.advance(1)
    world.restart()
    assert world.run_until(lambda v: v.phase.value == "ready", 30)
    world.hardware.plug(Side.LEFT)
    world.advance(2)
    assert world.view.connector(Side.LEFT).state == "plugged", "a new station starts nothing on a card it has not seen"


def test_inactivity_neither_takes_the_kept_card_off_the_screen_nor_dims_it(make_world: WorldFactory) -> None:
    world = make_world("J0U", authorization={"retry_window_s": 300},
                       display_power={"enabled": True, "home_after_s": 60})
    _fail_once(world, "communication", Side.RIGHT)
    world.hardware.unplug(Side.RIGHT)
    world.advance(290)
    assert screen_for(world.view) is Screen.START_FAILED and world.view.focused == Side.RIGHT
    assert world.view.display.level is not DisplayLevel.ASLEEP and world.view.display.look is Look.NORMAL
