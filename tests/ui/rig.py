"""A kiosk on a fake clock: the real controller and simulators, the real QML scene, offscreen."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageChops
from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from controller.commands import Command
from controller.config import Config
from controller.sim.world import World
from controller.view import StationView
from hmi.bridge import KioskBridge
from hmi.format import Formatter
from hmi.input import ButtonKeys
from hmi.layout_check import find_missing_glyphs, find_small_text, find_text_problems
from hmi.preview_samples import CONTACT_CONFIG
from hmi.scene import Scene
from hmi.screens import Screen
from hmi.values import type_problems
from hmi.viewmodel import Kiosk

GOLDEN_DIR = Path(__file__).parent / "goldens"
FAILURE_DIR = Path(__file__).parent / "failures"
#: A pixel differs when a channel differs by more than this (anti-aliasing noise).
CHANNEL_TOLERANCE = 24
#: A screenshot matches its golden when at most this share of pixels differ.
PIXEL_TOLERANCE = 0.002


class KioskRig:
    """World (station + simulated hardware) + bridge + QML scene, stepped together."""

    def __init__(self, version: str, **sections: dict) -> None:
        # who to call as an operator configures it: the screens that show it show it in every golden
        self.world = World(Config().with_overrides(station={"version": version, **CONTACT_CONFIG}, **sections))
        self.kiosk = Kiosk()
        self.kiosk.set_animated(False)
        self.scene = Scene(self.kiosk)
        self.window = self.scene.window
        self.window.resize(1024, 600)
        self.bridge = KioskBridge(self.kiosk, Formatter("en-US", "America/Los_Angeles"), self._intent,
                                  self.scene.translations)
        self.keys = ButtonKeys(self._intent, self.window, lambda: self.view.focused)
        self.kiosk.set_voice(True, False)  # as on the charger, where eSpeak NG is (a Voice, when made, says so too)
        self.present()

    def _intent(self, command: Command) -> None:
        self.world.station.submit(command)
        self.world.station.publish()
        self.present()

    @property
    def view(self) -> StationView:
        return self.world.station.view()

    @property
    def screen(self) -> Screen:
        return self.kiosk.values.screen

    def present(self) -> None:
        """Show the station's snapshot; every value the presenter made has its declared type."""
        self.bridge.present(self.world.station.view())
        for _ in range(3):
            QCoreApplication.processEvents()
        models = [self.kiosk, *(self.kiosk.connector(i) for i in range(len(self.kiosk.property("connectors"))))]
        problems = [problem for model in models for problem in type_problems(model.values)]
        assert not problems, problems

    def start(self) -> KioskRig:
        self.world.start()
        self.present()
        return self

    def advance(self, seconds: float) -> None:
        self.world.advance(seconds)
        self.present()

    def until(self, predicate: Callable[[StationView], bool], timeout: float = 30.0) -> None:
        assert self.world.run_until(predicate, timeout), f"condition not reached; screen {self.screen}"
        self.present()

    def resize(self, width: int, height: int) -> None:
        self.window.resize(width, height)
        self.present()

    def grab(self) -> QImage:
        self.present()
        return self.window.grabWindow()

    def text_problems(self, present: bool = True) -> list[str]:
        """Cut, overflowing or overlapping texts, missing glyphs (tofu) and text below the size floor
        (``present=False``: of what is shown now, not of the station's snapshot)."""
        if present:
            self.grab()
        else:
            QCoreApplication.processEvents()
            self.window.grabWindow()
        theme = self.scene.engine.singletonInstance("Evse", "Theme")
        floor = int(theme.property("fontFloor"))
        return find_text_problems(self.window) + find_missing_glyphs(self.window) + find_small_text(self.window, floor)

    def set_language(self, tag: str) -> None:
        """Make ``tag`` the station's default language (as OCPP ``Language`` would) and show it."""
        assert self.world.port.set_default_language(tag), tag
        self.world.station.publish()
        self.present()

    def set_large_text(self, on: bool) -> None:
        self.world.station.preferences.set_default_large_text(on)
        self.world.station.publish()
        self.present()

    def set_high_contrast(self, on: bool) -> None:
        self.world.station.preferences.set_default_high_contrast(on)
        self.world.station.publish()
        self.present()

    # --- touch and keys ----------------------------------------------------------------

    def find_text(self, text: str) -> QQuickItem:
        """The visible text item showing exactly ``text`` (first in paint order)."""
        stack = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            if not item.isVisible() or item.opacity() <= 0:
                continue
            if item.inherits("QQuickText") and str(item.property("text")) == text:
                return item
            stack.extend(reversed(item.childItems()))
        raise AssertionError(f"no visible text {text!r} on the {self.screen} screen")

    def touch(self, text: str) -> None:
        """Tap the centre of the visible text ``text`` (a button's label or a card's title)."""
        item = self.find_text(text)
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(centre.x(), centre.y()))
        self.present()

    def find_named(self, name: str) -> QQuickItem:
        """The item whose objectName is ``name`` (visible or not)."""
        stack = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            if item.objectName() == name:
                return item
            stack.extend(reversed(item.childItems()))
        raise AssertionError(f"no item {name!r} on the {self.screen} screen")

    def touch_named(self, name: str) -> None:
        """Tap the centre of the visible item named ``name`` (an icon-only button)."""
        item = self.find_named(name)
        assert item.isVisible(), f"{name} is hidden"
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(centre.x(), centre.y()))
        self.present()

    def touch_point(self, x: int, y: int) -> None:
        """Tap the window at (``x``, ``y``), whatever is there."""
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))
        self.present()

    def key(self, key: Qt.Key) -> None:
        QTest.keyClick(self.window, key)
        self.present()

    def close(self) -> None:
        self.scene.dispose()
        self.world.close()


def save_golden(image: QImage, path: Path) -> None:
    """Store a golden as a 256-colour PNG: a third of the size of the screenshot, and its
    colours stay well within the comparison's tolerance (a few hundredths of a percent of
    the pixels move by more than CHANNEL_TOLERANCE, against PIXEL_TOLERANCE's 0.2 %)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    screenshot = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    screenshot.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, "PNG", optimize=True)


def compare_with_golden(image: QImage, name: str, update: bool) -> None:
    """Assert ``image`` matches ``goldens/<name>.png`` (or rewrite it with --update-goldens)."""
    golden = GOLDEN_DIR / f"{name}.png"
    golden.parent.mkdir(parents=True, exist_ok=True)
    if update or not golden.exists():
        save_golden(image, golden)
        if not update:
            raise AssertionError(f"{golden.name} did not exist; written now - look at it and commit it")
        return
    actual_path = FAILURE_DIR / f"{name}-actual.png"
    actual_path.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(actual_path))
    actual = Image.open(actual_path).convert("RGB")
    expected = Image.open(golden).convert("RGB")
    if actual.size != expected.size:
        raise AssertionError(f"{name}: size {actual.size} != golden {expected.size}")
    diff = ImageChops.difference(actual, expected)
    mask = diff.convert("L").point(lambda value: 255 if value > CHANNEL_TOLERANCE else 0)
    differing = mask.histogram()[255]
    share = differing / (actual.size[0] * actual.size[1])
    if share > PIXEL_TOLERANCE:
        highlight = Image.composite(Image.new("RGB", actual.size, "magenta"), actual.point(lambda v: v // 3), mask)
        highlight.save(FAILURE_DIR / f"{name}-diff.png")
        raise AssertionError(f"{name}: {share:.2%} of pixels differ from the golden "
                             f"(see tests/ui/failures/{name}-actual.png and -diff.png; "
                             "run pytest --update-goldens only if the change is intended)")
    actual_path.unlink()
