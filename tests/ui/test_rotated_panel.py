"""A panel mounted rotated ([display].rotation): the kiosk turns its own scene, so the driver
sees exactly the landscape screen, and a touch where the driver sees a control (in the
panel's own, unrotated coordinates, as evdev reports it) reaches that control."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops
from PySide6.QtCore import QBuffer, QIODevice, QPoint, QPointF
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from controller.types import Side
from tests.ui.conftest import RigFactory
from tests.ui.rig import CHANNEL_TOLERANCE, PIXEL_TOLERANCE, KioskRig
from tests.ui.test_screens import charging

LANDSCAPE = (1024, 600)
#: Text is rasterised after the turn, and glyphs turned a quarter are hinted differently (up to
#: 2 % of the pixels differ by more than CHANNEL_TOLERANCE, all of them glyph edges; looked at):
#: both frames are compared at a quarter size, where that noise is gone and anything drawn
#: elsewhere, or not at all, is not.
COMPARE_SCALE = 4
#: Where the panel itself (its own, unturned pixels) shows the landscape point (x, y).
TO_PANEL = {
    90: lambda x, y, w, h: (h - y, x),
    180: lambda x, y, w, h: (w - x, h - y),
    270: lambda x, y, w, h: (y, w - x),
}
#: PIL's transpose that turns a panel's frame back to landscape.
UNTURN = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}


def pil(image: QImage) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")


def mount(rig: KioskRig, rotation: int) -> None:
    """Turn the rig's panel as desktop.py does for [display].rotation."""
    rig.window.setProperty("panelRotation", rotation)
    width, height = LANDSCAPE
    rig.resize(*((height, width) if rotation in (90, 270) else (width, height)))


def landscape_centre(rig: KioskRig, text: str) -> tuple[float, float]:
    item = rig.find_text(text)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return centre.x(), centre.y()


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_turned_panel_shows_the_landscape_screen_turned(make_rig: RigFactory, rotation: int) -> None:
    rig = make_rig("J0U").start()
    rig.resize(*LANDSCAPE)
    landscape = pil(rig.grab())
    mount(rig, rotation)
    panel = pil(rig.grab())
    assert panel.size == ((600, 1024) if rotation in (90, 270) else (1024, 600))
    seen = panel.transpose(UNTURN[rotation]).reduce(COMPARE_SCALE)
    expected = landscape.reduce(COMPARE_SCALE)
    difference = ImageChops.difference(seen, expected).convert("L")
    mask = difference.point(lambda v: 255 if v > 2 * CHANNEL_TOLERANCE else 0)
    share = mask.histogram()[255] / (seen.size[0] * seen.size[1])
    assert share <= PIXEL_TOLERANCE, f"{share:.2%} of the pixels differ from the landscape screen"
    # and the comparison sees a wrong turn: the same frame turned the other way is far off
    if rotation != 180:
        wrong = panel.transpose(UNTURN[360 - rotation]).reduce(COMPARE_SCALE)
        assert wrong.size != expected.size or ImageChops.difference(wrong, expected).getbbox() is not None
    assert rig.text_problems() == []


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_touch_where_the_driver_sees_stop_on_a_turned_panel_stops_the_session(
        make_rig: RigFactory, rotation: int) -> None:
    rig = make_rig("U00").start()
    rig.resize(*LANDSCAPE)
    charging(rig, Side.LEFT)
    rig.advance(30)
    x, y = landscape_centre(rig, "Stop")
    mount(rig, rotation)
    panel_x, panel_y = TO_PANEL[rotation](x, y, *LANDSCAPE)
    point = QPoint(round(panel_x), round(panel_y))
    device = QTest.createTouchDevice()
    QTest.touchEvent(rig.window, device).press(0, point).commit()
    QTest.touchEvent(rig.window, device).release(0, point).commit()
    rig.present()
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    session = rig.view.connector(Side.LEFT).session
    assert session is not None and session.stop_reason == "stop_button"


def test_a_touch_where_stop_would_be_unturned_does_not_stop_a_turned_panel(make_rig: RigFactory) -> None:
    """The negative of the test above: the turn matters (a point only valid unturned misses)."""
    rig = make_rig("U00").start()
    rig.resize(*LANDSCAPE)
    charging(rig, Side.LEFT)
    x, y = landscape_centre(rig, "Stop")
    mount(rig, 180)
    point = QPoint(round(x), round(y))
    device = QTest.createTouchDevice()
    QTest.touchEvent(rig.window, device).press(0, point).commit()
    QTest.touchEvent(rig.window, device).release(0, point).commit()
    rig.advance(1.0)
    assert rig.view.connector(Side.LEFT).state == "charging"
