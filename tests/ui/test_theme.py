"""The Theme is readable: WCAG 2 AA (4.5:1) for every text pair the screens use, 7:1 (AAA) in
high contrast, and no text below the size floor."""

from __future__ import annotations

from PySide6.QtGui import QColor

from hmi.layout_check import contrast_ratio, find_contrast_problems
from tests.ui.conftest import RigFactory


def test_contrast_ratio_matches_the_wcag_formula() -> None:
    assert round(contrast_ratio(QColor("#000000"), QColor("#FFFFFF")), 1) == 21.0
    assert round(contrast_ratio(QColor("#777777"), QColor("#FFFFFF")), 2) == 4.48


def test_every_text_pair_of_the_theme_reaches_4_5_to_1(make_rig: RigFactory) -> None:
    rig = make_rig("J0U")
    theme = rig.scene.engine.singletonInstance("Evse", "Theme")
    pairs = theme.property("textPairs").toVariant()
    assert len(pairs) >= 15, "the Theme lists the text/background pairs the screens use"
    assert find_contrast_problems(rig.scene.engine) == []


def test_the_high_contrast_theme_reaches_7_to_1_for_every_text_pair(make_rig: RigFactory) -> None:
    rig = make_rig("J0U")
    theme = rig.scene.engine.singletonInstance("Evse", "Theme")
    normal = [pair["bg"] for pair in theme.property("textPairs").toVariant()]
    rig.kiosk.update(highContrast=True)
    assert theme.property("highContrast")
    assert [pair["bg"] for pair in theme.property("textPairs").toVariant()] != normal, "the palette changed"
    assert find_contrast_problems(rig.scene.engine, minimum=7.0) == []


def test_no_text_is_smaller_than_the_floor_for_arms_length_reading(make_rig: RigFactory) -> None:
    rig = make_rig("J0U")
    theme = rig.scene.engine.singletonInstance("Evse", "Theme")
    for width, height in ((1024, 600), (800, 480)):
        rig.resize(width, height)
        floor = theme.property("fontFloor")
        assert floor >= 14
        assert theme.property("fontCaption") >= floor and theme.property("fontMinimum") >= floor
        assert theme.property("fontDisplay") >= 3 * floor, "SOC and kW are large numerals"
