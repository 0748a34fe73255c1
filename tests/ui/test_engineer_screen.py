"""The engineer screen through the real QML scene: a long press or both buttons held, the PIN
by touch or by keys (the physical buttons on a desktop), and back to the driver screens."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from controller import commands as cmd
from controller.engineer import hash_pin
from hmi.screens import Screen
from tests.ui.conftest import RigFactory
from tests.ui.rig import KioskRig

PIN = "2468"
ENGINEER = {"engineer": {"pin_hash": hash_pin(PIN, salt=b"kiosk-rig-salt!!")}}


def long_press(rig: KioskRig, text: str, ms: int = 2300) -> None:
    item = rig.find_text(text)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    point = QPoint(centre.x(), centre.y())
    QTest.mousePress(rig.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.qWait(ms)
    QTest.mouseRelease(rig.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    rig.present()


def test_a_long_press_on_the_id_and_the_pin_by_touch_open_the_engineer_screen_and_exit_returns(
        make_rig: RigFactory) -> None:
    rig = make_rig("J0U", **ENGINEER).start()
    rig.touch(rig.view.charge_point_id)  # a short tap does nothing
    assert rig.screen == Screen.HOME
    long_press(rig, rig.view.charge_point_id)
    assert rig.screen == Screen.ENGINEER_PIN
    for digit in "1111":
        rig.touch(digit)
    rig.touch("OK")
    assert rig.screen == Screen.ENGINEER_PIN and rig.kiosk.value("pinMessageText") == "Wrong PIN"
    for digit in PIN:
        rig.touch(digit)
    assert rig.kiosk.value("pinEntered") == 4
    rig.touch("OK")
    assert rig.screen == Screen.ENGINEER
    rig.touch("Look-up")
    rig.touch("Status codes")
    rig.touch("Exit")
    assert rig.screen == Screen.HOME


def test_both_buttons_held_and_the_pin_by_keys_open_it_and_the_left_key_leaves(make_rig: RigFactory) -> None:
    rig = make_rig("J0U", **ENGINEER).start()
    rig.world.hardware.hold_both_buttons(True)
    rig.advance(5.5)
    rig.world.hardware.hold_both_buttons(False)
    rig.advance(0.3)
    assert rig.screen == Screen.ENGINEER_PIN
    assert (rig.kiosk.value("leftButtonText"), rig.kiosk.value("rightButtonText")) == ("Select", "Next")
    for digit in PIN:
        while rig.kiosk.value("pinCursor") != int(digit):
            rig.key(Qt.Key.Key_Right)
        rig.key(Qt.Key.Key_Left)
    while rig.kiosk.value("pinCursor") != 10:  # OK
        rig.key(Qt.Key.Key_Right)
    rig.key(Qt.Key.Key_Left)
    assert rig.screen == Screen.ENGINEER
    rig.key(Qt.Key.Key_Right)  # the next page
    assert rig.kiosk.value("engineerPage") == 1
    rig.key(Qt.Key.Key_Left)
    assert rig.screen == Screen.HOME


def test_the_security_log_page_lists_the_events_and_clearing_it_is_itself_logged(make_rig: RigFactory) -> None:
    rig = make_rig("J0U", **ENGINEER).start()
    log = rig.world.station.security_log
    log.delivered(log.recent(1)[0].seq)  # the start-up, as a central system would confirm it
    rig.world.station.submit(cmd.OpenEngineer())
    for digit in PIN:
        rig.world.station.submit(cmd.PinDigit(digit))
    rig.world.station.submit(cmd.PinSubmit())
    rig.advance(0.1)
    rig.world.hardware.set_door_open(True)  # pending: no central system here
    rig.advance(0.5)
    rig.touch("Security log")
    lines = rig.kiosk.value("engineerSecurityLines")
    assert [line.split("  ")[1].split(" (")[0] for line in lines] == [
        "TamperDetectionActivated", "MaintenanceLoginAccepted", "StartupOfTheDevice"]
    rig.touch("Clear log")
    lines = rig.kiosk.value("engineerSecurityLines")
    assert [line.split("  ")[1] for line in lines] == [
        "SecurityLogWasCleared (pending): 2 events removed", "TamperDetectionActivated (pending): cabinet door open: "
                                                            "status code 012252 (station)"]
