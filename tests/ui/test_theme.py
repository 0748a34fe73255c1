"""The Theme's text colours are readable: WCAG 2 AA (4.5:1) for every pair the screens use."""

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
