"""Display power on the real scene offscreen: the first touch or button press on a dimmed or
dark screen only wakes it (a touch on a dark-looking Stop never stops a session), both ways
of the race between the station and the frame, and the return to Home after inactivity."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from controller import commands as cmd
from controller.port import BackendLink
from controller.types import Side
from hmi.screens import Screen
from hmi.viewmodel import Kiosk
from tests.conftest import OTHER_KNOWN_CARD
from tests.ui.conftest import RigFactory
from tests.ui.rig import KioskRig
from tests.ui.test_screens import charging

FAST = {"enabled": True, "dim_after_s": 5.0, "sleep_after_s": 10.0, "charging_dim_after_s": 5.0,
        "home_after_s": 12.0}


def centre_of(rig: KioskRig, text: str) -> QPoint:
    item = rig.find_text(text)
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


def click(rig: KioskRig, point: QPoint) -> None:
    """A tap at ``point`` as it lands on the frame on screen now (nothing presented first)."""
    QTest.mouseClick(rig.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def dimmed_charging(make_rig: RigFactory) -> KioskRig:
    rig = make_rig("U00", display_power=FAST).start()
    charging(rig, Side.LEFT)
    rig.advance(6)
    assert rig.kiosk.value("displayLook") == "glance"
    return rig


def test_a_touch_on_stop_of_a_dimmed_charging_screen_only_wakes_and_a_second_one_stops(
        make_rig: RigFactory) -> None:
    rig = dimmed_charging(make_rig)
    rig.touch("Stop")  # where Stop is, under the glance
    rig.advance(0.3)
    assert rig.view.connector(Side.LEFT).state == "charging"
    assert rig.kiosk.value("displayLevel") == "awake"
    assert rig.screen == Screen.CHARGING
    rig.touch("Stop")
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    assert rig.screen == Screen.SUMMARY


def test_two_fingers_on_a_dimmed_charging_screen_press_nothing(make_rig: RigFactory) -> None:
    rig = make_rig("U00", display_power=FAST).start()
    charging(rig, Side.LEFT)
    stop = centre_of(rig, "Stop")
    rig.advance(6)
    device = QTest.createTouchDevice()
    QTest.touchEvent(rig.window, device).press(0, stop).press(1, QPoint(20, 20)).commit()
    QTest.touchEvent(rig.window, device).release(0, stop).release(1, QPoint(20, 20)).commit()
    rig.advance(0.3)
    assert rig.view.connector(Side.LEFT).state == "charging"
    assert rig.kiosk.value("displayLevel") == "awake"


def test_the_station_dimmed_but_the_frame_still_bright_a_touch_on_stop_never_acts(make_rig: RigFactory) -> None:
    rig = make_rig("U00", display_power=FAST).start()
    charging(rig, Side.LEFT)
    stop = centre_of(rig, "Stop")
    rig.world.advance(6)  # the station has dimmed; the kiosk has not presented it yet
    assert rig.kiosk.value("displayLevel") == "awake"
    click(rig, stop)
    rig.advance(0.3)
    assert rig.view.connector(Side.LEFT).state == "charging", "the station swallowed the touch"
    assert rig.kiosk.value("displayLevel") == "awake"


def test_the_station_awake_but_the_frame_still_dark_a_touch_on_stop_only_wakes(make_rig: RigFactory) -> None:
    rig = make_rig("U00", display_power=FAST).start()
    charging(rig, Side.LEFT)
    stop = centre_of(rig, "Stop")
    rig.advance(6)
    rig.world.station.submit(cmd.WakeDisplay())  # awake in the station; the frame is still the glance
    assert rig.kiosk.value("displayLook") == "glance"
    click(rig, stop)
    rig.advance(0.3)
    assert rig.view.connector(Side.LEFT).state == "charging", "the kiosk's catcher took the touch"


def test_the_left_button_on_a_dark_charging_screen_wakes_and_does_not_stop(make_rig: RigFactory) -> None:
    rig = dimmed_charging(make_rig)
    rig.key(Qt.Key.Key_Left)
    rig.advance(0.3)
    assert rig.view.connector(Side.LEFT).state == "charging"
    assert rig.kiosk.value("displayLevel") == "awake"
    rig.key(Qt.Key.Key_Left)
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished", 10)


def test_the_right_button_on_the_attract_screen_only_wakes_and_keeps_the_connector(make_rig: RigFactory) -> None:
    rig = make_rig("J0U", display_power=FAST).start()
    rig.advance(10.5)
    assert rig.kiosk.value("displayLook") == "attract"
    rig.key(Qt.Key.Key_Right)
    assert rig.view.focused is Side.LEFT
    assert rig.kiosk.value("displayLook") == "normal"
    rig.key(Qt.Key.Key_Right)
    assert rig.view.focused is Side.RIGHT


def test_a_touch_on_the_attract_screen_wakes_home_without_selecting_a_connector(make_rig: RigFactory) -> None:
    rig = make_rig("J0U", display_power=FAST).start()
    right_card = centre_of(rig, "CCS1")
    rig.advance(10.5)
    click(rig, right_card)
    rig.present()
    assert rig.view.focused is Side.LEFT
    assert rig.kiosk.value("displayLevel") == "awake"
    assert rig.screen == Screen.HOME


def test_a_touch_beside_the_controls_keeps_the_screen_awake(make_rig: RigFactory) -> None:
    rig = make_rig("J0U", display_power=FAST).start()
    rig.advance(4)
    click(rig, QPoint(4, 300))  # the margin: no control there
    rig.advance(4)
    assert rig.kiosk.value("displayLevel") == "awake"
    rig.advance(1.5)
    assert rig.kiosk.value("displayLevel") == "dim"


def test_touches_are_reported_once_a_second_at_most() -> None:
    kiosk = Kiosk()
    reported: list[object] = []
    kiosk.set_sink(reported.append)  # the outermost boundary: what would go to the station
    for _ in range(5):
        kiosk.screenTouched()
    assert reported == [cmd.ScreenActivity()]


def test_back_home_after_inactivity_closes_the_language_picker_and_brings_the_first_connector(
        make_rig: RigFactory) -> None:
    rig = make_rig("J0U", display_power=FAST).start()
    rig.touch("CCS1")
    rig.touch(str(rig.kiosk.value("languageName")))
    rig.find_text("Choose your language")
    rig.advance(11.9)
    assert rig.view.focused is Side.RIGHT
    rig.advance(0.2)
    assert rig.view.focused is Side.LEFT
    try:
        rig.find_text("Choose your language")
    except AssertionError:
        pass
    else:
        raise AssertionError("the language picker is still open")


def picker_shown(rig: KioskRig) -> bool:
    """Whether the language picker is on screen (its root has the property ``openedAtReturn``)."""
    stack = [rig.window.contentItem()]
    while stack:
        item = stack.pop()
        if item.property("openedAtReturn") is not None and item.isVisible():
            return True
        stack.extend(item.childItems())
    return False


def test_after_a_return_to_home_the_language_picker_opens_again_and_the_next_return_closes_it(
        make_rig: RigFactory) -> None:
    """The picker is made each time a driver asks for it: once the charger has gone back to Home
    even once, a new picker must still open (found by the kiosk soak: it closed as it was made)."""
    rig = make_rig("J0U", display_power=FAST).start()
    rig.advance(13)  # a return to Home after inactivity (and the screen dims)
    assert rig.kiosk.value("homeReturns") == 1
    rig.touch_point(512, 300)  # the first touch only wakes
    assert not picker_shown(rig)
    rig.touch(str(rig.kiosk.value("languageName")))
    assert picker_shown(rig)
    rig.touch("Español")
    assert rig.view.language == "es-US" and not picker_shown(rig)
    rig.touch(str(rig.kiosk.value("languageName")))
    assert picker_shown(rig)
    rig.advance(12.1)  # the next return closes it
    assert rig.kiosk.value("homeReturns") == 2
    assert not picker_shown(rig)


def test_never_back_home_from_a_live_session_on_the_scene(make_rig: RigFactory) -> None:
    rig = make_rig("J0U", display_power=FAST).start()
    charging(rig, Side.RIGHT, OTHER_KNOWN_CARD)
    rig.advance(30)
    assert rig.view.focused is Side.RIGHT
    assert rig.screen == Screen.CHARGING


def test_back_home_after_inactivity_turns_the_status_pager_back_to_its_first_page(make_rig: RigFactory) -> None:
    rig = make_rig("U00", display_power=FAST).start()
    rig.world.port.attach()
    rig.world.hardware.set_door_open(True)
    rig.world.port.set_backend_online(BackendLink.OFFLINE, "033901")
    rig.advance(0.3)
    assert rig.screen == Screen.STATUS
    rig.kiosk.showStatus(1)
    rig.present()
    assert rig.kiosk.value("statusIndex") == 1
    rig.advance(12.1)
    assert rig.kiosk.value("statusIndex") == 0
    assert rig.kiosk.value("displayLevel") == "dim", "a code on screen dims but never sleeps"
    rig.advance(60)
    assert rig.kiosk.value("displayLook") == "normal"
