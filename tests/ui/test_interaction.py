"""Keys (the physical buttons on a desktop) and touches drive the real QML scene."""

from __future__ import annotations

from PySide6.QtCore import Qt

from controller import commands as cmd
from controller.types import Side
from hmi.screens import Screen
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD
from tests.ui.conftest import RigFactory
from tests.ui.test_screens import charging


def test_right_key_switches_between_the_two_connectors_screens(make_rig: RigFactory) -> None:
    rig = make_rig("J0U").start()
    charging(rig, Side.LEFT)
    assert rig.screen == Screen.CHARGING
    rig.key(Qt.Key.Key_Right)
    assert rig.view.focused is Side.RIGHT
    assert rig.screen == Screen.HOME
    rig.key(Qt.Key.Key_F2)
    assert rig.screen == Screen.CHARGING


def test_left_key_cancels_the_plug_in_screen(make_rig: RigFactory) -> None:
    rig = make_rig("U00").start()
    rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
    rig.advance(0.1)
    assert rig.screen == Screen.PLUGIN
    assert rig.kiosk.value("leftButtonText") == "Cancel"
    rig.key(Qt.Key.Key_Left)
    assert rig.screen == Screen.HOME


def test_touching_cancel_returns_home(make_rig: RigFactory) -> None:
    rig = make_rig("J0U").start()
    rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
    rig.advance(0.1)
    rig.touch("Cancel")
    assert rig.screen == Screen.HOME
    assert rig.view.pending is None


def test_touching_stop_ends_the_session_and_done_closes_the_summary(make_rig: RigFactory) -> None:
    rig = make_rig("U00").start()
    charging(rig, Side.LEFT)
    rig.advance(30)
    rig.touch("Stop")
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    assert rig.screen == Screen.SUMMARY
    session = rig.view.connector(Side.LEFT).session
    assert session is not None and session.stop_reason == "stop_button"
    rig.touch("Done")
    assert rig.screen == Screen.HOME, "Done closes the summary even before the cable is out"
    rig.world.hardware.unplug(Side.LEFT)
    rig.advance(0.3)
    assert rig.view.connector(Side.LEFT).state == "available"


def test_touching_a_connector_card_selects_it(make_rig: RigFactory) -> None:
    rig = make_rig("J0U").start()
    assert rig.view.focused is Side.LEFT
    rig.touch("CCS1")
    assert rig.view.focused is Side.RIGHT
    assert rig.kiosk.value("focusedIndex") == 1


def test_touching_the_other_session_on_the_dual_charging_screen_brings_it_forward(make_rig: RigFactory) -> None:
    rig = make_rig("J0U").start()
    charging(rig, Side.LEFT)
    charging(rig, Side.RIGHT, OTHER_KNOWN_CARD)
    assert rig.view.focused is Side.RIGHT
    rig.touch("CHAdeMO")
    assert rig.view.focused is Side.LEFT
    assert rig.screen == Screen.CHARGING


def test_the_physical_left_button_over_can_stops_charging(make_rig: RigFactory) -> None:
    rig = make_rig("U00").start()
    charging(rig, Side.LEFT)
    assert rig.kiosk.value("leftButtonText") == "Stop"
    rig.world.hardware.press(left=True)
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    assert rig.screen == Screen.SUMMARY


def test_invalid_card_message_appears_and_goes(make_rig: RigFactory) -> None:
    rig = make_rig("U00").start()
    rig.world.station.submit(cmd.PresentToken("0123456789"))
    rig.advance(0.1)
    assert "Invalid card" in str(rig.kiosk.value("noticeText"))
    assert rig.kiosk.value("noticeIsError")
    rig.find_text(str(rig.kiosk.value("noticeText")))
    rig.advance(5)
    assert rig.kiosk.value("noticeText") == ""


def test_rfid_is_drawn_disabled_on_home_while_the_reader_is_gone_and_comes_back(make_rig: RigFactory) -> None:
    rig = make_rig("J0U").start()

    def card_method_available() -> bool:
        item = rig.find_text("Card").parentItem()
        while item is not None and item.property("available") is None:
            item = item.parentItem()
        assert item is not None, "the Card method has no 'available' property"
        return bool(item.property("available"))

    assert card_method_available()
    rig.world.station.set_reader_available(False)
    rig.advance(0.1)
    assert rig.screen == Screen.HOME, "012243 does not take the charger out of service"
    assert rig.kiosk.value("rfidEnabled") is False and rig.kiosk.value("qrEnabled") is True
    assert not card_method_available()
    assert rig.text_problems() == []
    rig.world.station.set_reader_available(True)
    rig.advance(0.1)
    assert card_method_available()
