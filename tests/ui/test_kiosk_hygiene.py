"""Kiosk hygiene on the real QML scene: no keyboard shortcut beyond the two buttons' keys, a
long press does what a short press does or nothing, and two fingers do nothing.

Touches are real Qt touch events from a touch screen device (``QTest.touchEvent``), not
mouse events, through Qt's own delivery (mouse synthesis included). What happened is
what reached the station (every command the scene sent) and what the screen shows (its
pixels before and after)."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import combinations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QKeyEvent, QPointingDevice
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from controller.commands import Command, DisplayCommand, OpenEngineer, PressLeft, PressRight
from hmi.input import LEFT_KEYS, RIGHT_KEYS
from tests.ui import test_screens as scenes
from tests.ui.rig import KioskRig

#: The scenes a driver can meet (the engineer's screens are behind a PIN; their look-up
#: field takes typing on purpose, so they are only in the touch tests).
DRIVER_SCENES = {
    "home_single": scenes.home_single,
    "home_dual": scenes.home_dual,
    "home_language_picker": scenes.home_language_picker,
    "home_invalid_card": scenes.home_invalid_card,
    "plugin": scenes.plugin,
    "charging_dual": scenes.charging_dual,
    "summary": scenes.summary,
    "status_fault": scenes.status_fault,
    "out_of_service": scenes.out_of_service,
}
TOUCH_SCENES = {**DRIVER_SCENES, "engineer_pin": scenes.engineer_pin}
#: Every combination of the four keyboard modifiers.
MODIFIER_KEYS = (Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier,
                 Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.MetaModifier)
MODIFIERS = [Qt.KeyboardModifier(sum(m.value for i, m in enumerate(MODIFIER_KEYS) if n >> i & 1))
             for n in range(16)]
#: Past a handler's long-press threshold by this much (seconds).
HOLD_MARGIN_S = 0.15


class RecordingRig(KioskRig):
    """The kiosk rig, keeping every command the scene (keys, touches) sends to the station that
    acts; display power's reports (a touch seen, a wake) act on nothing and are kept apart."""

    def __init__(self, version: str, **sections: dict) -> None:
        self.commands: list[Command] = []
        self.display_reports: list[DisplayCommand] = []
        self.closed = False
        super().__init__(version, **sections)

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            super().close()

    def _intent(self, command: Command) -> None:
        if isinstance(command, DisplayCommand):
            self.display_reports.append(command)
        else:
            self.commands.append(command)
        super()._intent(command)


RecordingFactory = Callable[..., RecordingRig]


@pytest.fixture
def make_rig(qapp: QApplication) -> Iterator[RecordingFactory]:
    rigs: list[RecordingRig] = []

    def factory(version: str = "J0U", **sections: dict) -> RecordingRig:
        rig = RecordingRig(version, **sections)
        rigs.append(rig)
        return rig

    yield factory
    for rig in rigs:
        rig.close()


def build(make: RecordingFactory, scene: Callable[..., KioskRig]) -> RecordingRig:
    rig = scene(make)
    assert isinstance(rig, RecordingRig)
    rig.present()
    rig.commands.clear()  # what the scene's set-up sent is not under test
    return rig


def pixels(rig: KioskRig) -> QImage:
    return rig.grab().convertToFormat(QImage.Format.Format_RGB32)


# --- touch controls ------------------------------------------------------------------------------

@dataclass
class Control:
    """A touch control on screen: the item and the handler (TapHandler, or the MouseArea itself)."""

    item: QQuickItem
    handler: QObject

    @property
    def centre(self) -> QPoint:
        return self.item.mapToScene(QPointF(self.item.width() / 2, self.item.height() / 2)).toPoint()

    @property
    def kind(self) -> str:
        """The QML component: KioskButton, ButtonHint, ConnectorCard, ... (QQuickMouseArea)."""
        return self.item.metaObject().className().split("_QML")[0]

    @property
    def label(self) -> str:
        text = self.item.property("text")
        return f"{self.kind} {text!r}" if text else self.kind

    @property
    def long_press_s(self) -> float:
        if self.handler.inherits("QQuickTapHandler"):
            return float(self.handler.property("longPressThreshold"))
        return int(self.handler.property("pressAndHoldInterval")) / 1000


def controls(rig: KioskRig) -> list[Control]:
    """Every visible, enabled touch control of the scene whose centre is inside the window."""
    found: list[Control] = []
    stack = [rig.window.contentItem()]
    while stack:
        item = stack.pop()
        if not item.isVisible() or item.opacity() <= 0 or not item.isEnabled():
            continue
        if item.inherits("QQuickMouseArea"):
            found.append(Control(item, item))
        found.extend(Control(item, child) for child in item.children()
                     if child.inherits("QQuickTapHandler") and child.property("enabled"))
        stack.extend(item.childItems())
    inside = rig.window.contentItem().boundingRect()
    return [c for c in found if inside.contains(QPointF(c.centre))]


class Finger:
    """Touches on the rig's window from one touch screen, one gesture (a sequence) at a time."""

    def __init__(self, rig: KioskRig) -> None:
        self.rig = rig
        self.window = rig.window
        self.device: QPointingDevice = QTest.createTouchDevice()

    def press(self, *points: QPoint) -> QTest.QTouchEventSequence:
        """Fingers 0, 1, ... down at ``points`` at once; the gesture goes on with the sequence returned."""
        sequence = QTest.touchEvent(self.window, self.device)
        for n, point in enumerate(points):
            sequence.press(n, point, self.window)
        sequence.commit()
        return sequence

    def release(self, sequence: QTest.QTouchEventSequence, *points: QPoint) -> None:
        for n, point in enumerate(points):
            sequence.release(n, point, self.window)
        sequence.commit()
        self.rig.present()

    def slide_away(self, sequence: QTest.QTouchEventSequence) -> None:
        """Finger 0 slides off the window and is lifted there: nothing is tapped."""
        away = QPoint(-50, -50)
        sequence.move(0, away, self.window).commit()
        self.release(sequence, away)

    def one_after_the_other(self, first: QPoint, second: QPoint) -> None:
        """A finger down on ``first``, a second one on ``second``, the second lifted, then the first."""
        sequence = self.press(first)
        sequence.stationary(0).press(1, second, self.window).commit()
        sequence.stationary(0).release(1, second, self.window).commit()
        self.release(sequence, first)

    def tap(self, point: QPoint) -> None:
        self.release(self.press(point), point)


def hold(control: Control, seconds: float) -> None:
    """Keep the finger down until the control has been held ``seconds`` (a long press is time):
    by the TapHandler's own ``timeHeld``, by the clock for a MouseArea."""
    start = time.monotonic()

    def held() -> float:
        if control.handler.inherits("QQuickTapHandler"):
            return float(control.handler.property("timeHeld"))
        return time.monotonic() - start

    while held() < seconds:
        assert time.monotonic() - start < seconds + 5, f"{control.label} let go of the press"
        QTest.qWait(20)


@dataclass(frozen=True)
class Outcome:
    commands: tuple[Command, ...]
    image: QImage


def outcome(rig: RecordingRig) -> Outcome:
    return Outcome(tuple(rig.commands), pixels(rig))


def is_designed_long_press(rig: KioskRig, control: Control) -> bool:
    """The charge point id in the header: technicians hold it to reach the engineer PIN pad."""
    return str(control.item.property("text")) == str(rig.kiosk.value("chargePointId")) and \
        control.handler.property("longPressThreshold") > 1.0


@pytest.mark.parametrize("name", list(TOUCH_SCENES))
def test_a_long_press_on_every_touch_control_does_what_a_short_press_does_or_nothing(
        make_rig: RecordingFactory, name: str) -> None:
    scene = TOUCH_SCENES[name]
    rig = build(make_rig, scene)
    finger = Finger(rig)
    checked, acted, kinds = [], [], set()
    for index in range(len(controls(rig))):
        control = controls(rig)[index]
        if control.kind in kinds:
            continue  # one of each component per screen (the PIN pad's twelve keys are one PinKey)
        kinds.add(control.kind)
        if is_designed_long_press(rig, control) and name != "home_dual":
            continue  # the same header on every screen: held (2 s) on one of them
        before = pixels(rig)
        touch = finger.press(control.centre)
        if not control.handler.property("pressed"):  # covered by another control (the language picker)
            finger.slide_away(touch)
            assert rig.commands == [] and pixels(rig) == before
            continue
        hold(control, control.long_press_s + HOLD_MARGIN_S)
        finger.release(touch, control.centre)
        checked.append(control.label)
        long = outcome(rig)
        if is_designed_long_press(rig, control):
            assert long.commands == (OpenEngineer(),), "the engineer's long press opens the PIN pad, once"
        elif long.commands or long.image != before:
            acted.append(control.label)
            rig.close()
            short_rig = build(make_rig, scene)  # the same scene again, for a short press
            Finger(short_rig).tap(controls(short_rig)[index].centre)
            short = outcome(short_rig)
            short_rig.close()
            assert long.commands == short.commands, f"{control.label}: long {long.commands}, short {short.commands}"
            assert long.image == short.image, f"{control.label}: a long press shows something a short one does not"
        if long.commands or long.image != before:
            rig.close()
            rig = build(make_rig, scene)
            finger = Finger(rig)
    assert checked, f"no touch control reached on {name}"
    print(f"{name}: long-pressed {len(checked)} controls {checked}; acting like a short press: {acted}")


@pytest.mark.parametrize("name", list(TOUCH_SCENES))
def test_two_fingers_on_any_two_controls_do_nothing(make_rig: RecordingFactory, name: str) -> None:
    rig = build(make_rig, TOUCH_SCENES[name])
    finger = Finger(rig)
    points = sorted({c.centre.toTuple() for c in controls(rig)})
    pairs = list(combinations([QPoint(*p) for p in points], 2))
    assert pairs or len(points) == 1, name
    before = pixels(rig)
    refused = rig.scene.touch.refused_touches
    for first, second in pairs:
        finger.release(finger.press(first, second), first, second)  # at once
        finger.one_after_the_other(first, second)  # the first one pressed, then let go
        assert rig.commands == [], f"two fingers on {first.toTuple()} and {second.toTuple()}: {rig.commands}"
    assert pixels(rig) == before
    assert rig.scene.touch.refused_touches - refused == 2 * len(pairs)


def test_two_fingers_anywhere_do_nothing_and_one_finger_then_works(make_rig: RecordingFactory) -> None:
    rig = build(make_rig, scenes.charging_dual)
    refused: list[bool] = []
    rig.scene.touch.on_refused = lambda: refused.append(True)
    finger = Finger(rig)
    size = rig.window.size()
    grid = [QPoint(size.width() * x // 4, size.height() * y // 4) for x in (1, 2, 3) for y in (1, 2, 3)]
    before = pixels(rig)
    for first, second in combinations(grid, 2):
        finger.release(finger.press(first, second), first, second)
    assert rig.commands == [] and pixels(rig) == before
    assert refused == [True] * len(list(combinations(grid, 2))), "each refused touch is reported (it may wake)"
    stop = next(c for c in controls(rig) if c.item.property("text") == "Stop" and c.item.inherits("QQuickRectangle"))
    finger.tap(stop.centre)
    assert rig.commands, "one finger on Stop stops the session after all those refused touches"


def every_key() -> list[Qt.Key]:
    return [key for key in Qt.Key if key not in LEFT_KEYS | RIGHT_KEYS]


@pytest.mark.parametrize("name", list(DRIVER_SCENES))
def test_no_key_but_the_two_buttons_does_anything_with_any_modifiers(make_rig: RecordingFactory, name: str) -> None:
    rig = build(make_rig, DRIVER_SCENES[name])
    before, screen = pixels(rig), rig.screen
    keys = every_key()
    assert len(keys) > 400
    for modifiers in MODIFIERS:
        with warnings.catch_warnings():  # a few Qt.Key members are deprecated aliases: sent all the same
            warnings.simplefilter("ignore", DeprecationWarning)
            for key in keys:
                QTest.keyClick(rig.window, key, modifiers)
        rig.present()
        assert rig.commands == [], f"{modifiers}: {rig.commands}"
    assert rig.screen == screen and pixels(rig) == before


def test_the_button_keys_press_their_button_once_whatever_the_modifiers_and_a_held_key_once(
        make_rig: RecordingFactory) -> None:
    rig = build(make_rig, scenes.home_dual)
    for keys, command in ((LEFT_KEYS, PressLeft()), (RIGHT_KEYS, PressRight())):
        for key in keys:
            for modifiers in MODIFIERS:
                rig.commands.clear()
                QTest.keyClick(rig.window, key, modifiers)
                rig.present()
                assert rig.commands == [command], (key, modifiers)
    rig.commands.clear()
    QCoreApplication.sendEvent(rig.window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right,
                                                     Qt.KeyboardModifier.NoModifier))
    for _ in range(10):  # the key held down: the keyboard repeats it
        QCoreApplication.sendEvent(rig.window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right,
                                                         Qt.KeyboardModifier.NoModifier, "", True))
    QCoreApplication.sendEvent(rig.window, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Right,
                                                     Qt.KeyboardModifier.NoModifier))
    rig.present()
    assert rig.commands == [PressRight()]
