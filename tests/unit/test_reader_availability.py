"""The RFID reader's availability at the station: 012243, RFID dimmed, everything else goes on."""

from __future__ import annotations

from controller import commands as cmd
from controller.station import CODE_RFID_COMMUNICATION
from controller.types import AuthMethod, Side
from tests.conftest import KNOWN_CARD, WorldFactory, charge


def test_a_failed_reader_raises_012243_and_leaves_rfid_out_of_the_methods(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.station.set_reader_available(False)
    world.advance(0.1)
    assert [(c.code, c.side, c.blocks_charging) for c in world.view.codes] == [(CODE_RFID_COMMUNICATION, None, False)]
    assert world.view.methods == frozenset({AuthMethod.QR, AuthMethod.APP})
    assert world.view.connector(Side.LEFT).state == "available"
    world.station.set_reader_available(False)  # reported twice: still one code
    assert len(world.view.codes) == 1


def test_the_reader_coming_back_clears_012243_and_offers_rfid_again(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.station.set_reader_available(False)
    world.advance(0.1)
    world.station.set_reader_available(True)
    world.advance(0.1)
    assert world.view.codes == ()
    assert AuthMethod.RFID in world.view.methods


def test_other_methods_still_start_and_stop_a_session_without_the_reader(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.station.set_reader_available(False)
    world.station.submit(cmd.PresentToken(KNOWN_CARD, AuthMethod.APP))
    world.advance(0.1)
    assert world.view.pending is not None and world.view.pending.method is AuthMethod.APP
    world.hardware.plug(Side.LEFT)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 20)


def test_the_reader_failing_during_a_session_does_not_stop_it(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    world.station.set_reader_available(False)
    world.advance(5)
    assert world.view.connector(Side.LEFT).state == "charging"
    assert world.view.connector(Side.LEFT).codes == (CODE_RFID_COMMUNICATION,)


def test_a_card_tapped_again_within_the_hold_off_is_ignored_and_after_it_counts(make_world: WorldFactory) -> None:
    world = make_world("U00", authorization={"tap_hold_off_s": 2.0})
    world.hardware.plug(Side.LEFT)
    world.advance(0.3)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.5)
    assert world.view.connector(Side.LEFT).state in ("preparing", "charging")
    world.station.submit(cmd.PresentToken(KNOWN_CARD))  # half a second later: still the same tap
    world.advance(0.2)
    assert world.view.connector(Side.LEFT).state in ("preparing", "charging")
    world.advance(2.0)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))  # tapped again: stops the session it started
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 15)
