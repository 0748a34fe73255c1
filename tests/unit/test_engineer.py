"""The engineer screen's lock (hash, verify, rate limit, no default) and its controller side:
opened by a gesture and a PIN (touch or the two buttons), closed by Exit or inactivity."""

from __future__ import annotations

import io
import logging

import pytest

from controller import commands as cmd
from controller.buttons import ENGINEER_HOLD_S
from controller.config import Config, ConfigError
from controller.engineer import EngineerLock, PinError, PinResult, hash_pin, verify_pin
from controller.engineer_cli import main as pin_main
from controller.sim.world import World
from controller.types import Side
from controller.view import PIN_CANCEL, PIN_OK
from tests.conftest import OTHER_KNOWN_CARD, WorldFactory, charge

PIN = "2468"
PIN_HASH = hash_pin(PIN, salt=b"0123456789abcdef")  # computed once: scrypt is slow on purpose


def test_a_pin_is_stored_salted_and_only_the_right_pin_verifies() -> None:
    first, second = hash_pin(PIN), hash_pin(PIN)
    assert first != second and PIN not in first  # a fresh salt each time, never the PIN
    assert verify_pin(PIN, first) and verify_pin(PIN, second)
    assert not verify_pin("2469", first) and not verify_pin("", first)
    with pytest.raises(PinError):
        hash_pin("12")  # too short
    with pytest.raises(PinError):
        verify_pin(PIN, "plain-text-pin")


def test_there_is_no_default_pin_that_opens_anything() -> None:
    assert Config().engineer.pin_hash == ""
    lock = EngineerLock(Config().engineer.pin_hash)
    assert not lock.configured
    for pin in ("0000", "1234", "", "00000000"):
        assert lock.try_pin(pin, 0.0) is PinResult.NOT_CONFIGURED
    with pytest.raises(ConfigError, match="pin_hash"):
        Config().with_overrides(engineer={"pin_hash": "1234"})


def test_wrong_pins_lock_the_pad_for_longer_each_time_and_the_right_pin_resets_it() -> None:
    lock = EngineerLock(PIN_HASH, max_attempts=3, lockout_s=60)
    assert [lock.try_pin("1111", 0) for _ in range(2)] == [PinResult.WRONG] * 2
    assert lock.try_pin("1111", 1) is PinResult.LOCKED and lock.seconds_locked(1) == 60
    assert lock.try_pin(PIN, 30) is PinResult.LOCKED, "even the right PIN waits out the lock"
    assert lock.try_pin("1111", 61) is PinResult.LOCKED and lock.seconds_locked(61) == 120  # doubled
    assert lock.try_pin(PIN, 181) is PinResult.ACCEPTED and lock.failures == 0


def test_the_cli_prints_a_hash_line_that_verifies_and_refuses_a_bad_pin() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert pin_main([], stdin=io.StringIO("97531\n"), out=out, err=err) == 0
    line = out.getvalue().splitlines()[-1]
    assert line.startswith('pin_hash = "scrypt$') and "97531" not in line
    assert verify_pin("97531", line.split('"')[1])
    assert pin_main([], stdin=io.StringIO("12ab\n"), out=io.StringIO(), err=err) == 2


def test_without_a_hash_the_gesture_only_logs_why(make_world: WorldFactory, caplog: pytest.LogCaptureFixture) -> None:
    world = make_world("J0U")
    with caplog.at_level(logging.WARNING, logger="controller.station"):
        world.station.submit(cmd.OpenEngineer())
        world.advance(0.1)
    assert world.station.view().pin_pad is None and world.station.view().engineer is None
    assert any("pin_hash is not set" in r.getMessage() for r in caplog.records)


def test_touch_pin_opens_the_screen_with_live_values_and_it_closes_after_inactivity(
        make_world: WorldFactory) -> None:
    world = make_world("J0U", engineer={"pin_hash": PIN_HASH, "idle_timeout_s": 60})
    world.hardware.inject_fault(Side.LEFT, 11025)
    world.advance(0.3)
    world.station.submit(cmd.OpenEngineer())
    for digit in "1357":
        world.station.submit(cmd.PinDigit(digit))
    world.station.submit(cmd.PinSubmit())
    assert world.station.view().pin_pad is not None and world.station.view().pin_pad.message == "wrong"
    for digit in PIN:
        world.station.submit(cmd.PinDigit(digit))
    assert world.station.view().pin_pad is not None and world.station.view().pin_pad.entered == 4
    world.station.submit(cmd.PinSubmit())
    engineer = world.station.view().engineer
    assert engineer is not None and world.station.view().pin_pad is None
    assert [c.side for c in engineer.connectors] == [Side.LEFT, Side.RIGHT]
    assert engineer.recent[0].code == "011025" and engineer.recent[0].raised
    assert dict(engineer.boards)["IOB"] == "passed" and engineer.input_voltage_v == 480
    assert engineer.counters == (("left plug-ins (CHAdeMO)", 0, 10000), ("right plug-ins (CCS1)", 0, 10000),
                                 ("air-filter hours", 0, 4380))
    world.station.submit(cmd.EngineerLookup("012251"))
    assert world.station.view().engineer is not None and world.station.view().engineer.results == ("012251",)
    world.station.submit(cmd.EngineerLookup("fuse"))
    assert world.station.view().engineer is not None and "011001" in world.station.view().engineer.results
    world.advance(59)
    assert world.station.view().engineer is not None
    world.advance(2)
    assert world.station.view().engineer is None, "closed by itself after a minute without activity"


def test_both_buttons_held_open_the_pad_and_the_buttons_enter_the_pin(make_world: WorldFactory) -> None:
    world = make_world("J0U", engineer={"pin_hash": PIN_HASH})
    world.hardware.hold_both_buttons(True)
    world.advance(4.5)
    assert world.station.view().pin_pad is None, "not before five seconds"
    world.advance(1.0)
    assert world.station.view().pin_pad is not None
    world.hardware.hold_both_buttons(False)
    world.advance(0.3)
    for digit in PIN:  # right moves the selection to the digit, left takes it
        for _ in range((int(digit) - world.station.view().pin_pad.cursor) % (PIN_CANCEL + 1)):
            world.hardware.press(left=False)
            world.advance(0.3)
        world.hardware.press(left=True)
        world.advance(0.3)
    assert world.station.view().pin_pad.entered == 4
    for _ in range(PIN_OK - world.station.view().pin_pad.cursor):
        world.hardware.press(left=False)
        world.advance(0.3)
    world.hardware.press(left=True)
    world.advance(0.3)
    assert world.station.view().engineer is not None
    world.hardware.press(left=True)  # left: Exit
    world.advance(0.3)
    assert world.station.view().engineer is None and world.station.view().pin_pad is None


def charging_on_both(make_world: WorldFactory, **sections: dict) -> World:
    """Two sessions, so that a stop of whichever connector has the focus would show."""
    world = make_world("J0U", **sections)
    charge(world, Side.LEFT)
    charge(world, Side.RIGHT, card=OTHER_KNOWN_CARD)
    return world


def still_charging(world: World) -> bool:
    return [c.state for c in world.view.connectors] == ["charging", "charging"] and all(
        c.session is not None and c.session.stop_reason == "" for c in world.view.connectors)


@pytest.mark.parametrize("first", ["left", "right", "together"])
@pytest.mark.parametrize("left_up_first", [True, False], ids=["left-up-first", "right-up-first"])
def test_the_engineer_gesture_during_a_charge_never_stops_it(make_world: WorldFactory, first: str,
                                                             left_up_first: bool) -> None:
    world = charging_on_both(make_world, engineer={"pin_hash": PIN_HASH})
    if first == "together":
        world.hardware.hold_both_buttons(True)
    else:
        world.hardware.hold_button(first == "left", True)
        world.advance(0.5)
        assert still_charging(world)
        world.hardware.hold_button(first != "left", True)
    world.advance(ENGINEER_HOLD_S + 0.5)
    assert world.view.pin_pad is not None and still_charging(world)
    world.hardware.hold_button(left_up_first, False)
    world.advance(0.5)
    world.hardware.hold_button(not left_up_first, False)
    world.advance(1.0)
    assert world.view.pin_pad is not None, "the release that ends the gesture does not take a PIN digit either"
    assert still_charging(world)


def test_pressing_both_briefly_during_a_charge_does_nothing_to_it(make_world: WorldFactory) -> None:
    world = charging_on_both(make_world)  # no PIN configured: the gesture opens nothing
    world.hardware.hold_button(True, True)
    world.advance(0.3)
    world.hardware.hold_button(False, True)
    world.advance(1.0)
    world.hardware.hold_both_buttons(False)
    world.advance(1.0)
    assert still_charging(world) and world.view.pin_pad is None
    world.hardware.press(left=True)  # the left button alone still stops the focused session
    assert world.run_until(lambda v: v.connector(Side.RIGHT).state == "finished", 15)
    assert world.view.connector(Side.RIGHT).session.stop_reason == "stop_button"
    assert world.view.connector(Side.LEFT).state == "charging"
