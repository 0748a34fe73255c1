"""The larger text (the driver's button on Home, or [station].large_text): every preview sample
(hmi/preview_samples.py) shown through the real bridge and scene in every shipped language at
1024x600 and 800x480 with the Theme's larger reading sizes, and no text cut, overflowing or
overlapping, no glyph missing, none below the size floor (the layout check, hmi.layout_check).
The goldens of some of them are in test_screens.py (``*-large-text``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hmi.i18n import LANGUAGES
from hmi.preview_samples import SAMPLES, Sample
from tests.ui.conftest import RigFactory

SIZES = ((1024, 600), (800, 480))
#: Known not to fit yet (strict: a fix makes the test fail until it is taken off this list): the
#: Charging screen's panels (its metric labels and values at the larger caption size), the
#: connector card's two-line "Connected - authorize to start" chip, and the Summary with a status
#: code (the code's two lines and the helpdesk line below the details).
NOT_FITTING_YET = {"home-plugged", "charging-dual", "charging-dual-other-idle", "summary-with-code"}


def marked(sample: Sample) -> object:
    if sample.name in NOT_FITTING_YET:
        return pytest.param(sample, marks=pytest.mark.xfail(strict=True, reason="does not fit in larger text yet"))
    return sample


@pytest.mark.parametrize("sample", [marked(sample) for sample in SAMPLES], ids=lambda sample: sample.name)
def test_every_screen_in_larger_text_fits_in_every_language_and_size(make_rig: RigFactory, sample: Sample) -> None:
    rig = make_rig("J0U")
    failures: list[str] = []
    for tag in LANGUAGES:
        view = replace(sample.view(), language=tag, large_text=True)
        for width, height in SIZES:
            rig.window.resize(width, height)
            rig.bridge.present(view)
            assert rig.kiosk.value("largeText") and rig.kiosk.value("language") == tag
            failures += [f"{tag} {width}x{height}: {problem}" for problem in rig.text_problems(present=False)]
    assert not failures, "\n".join(failures)


def test_the_home_button_switches_larger_text_for_the_visit(make_rig: RigFactory) -> None:
    rig = make_rig("U00").start()
    theme = rig.scene.engine.singletonInstance("Evse", "Theme")
    caption, body = theme.property("fontCaption"), theme.property("fontBody")
    assert caption < body and not rig.find_named("largeTextButton").property("active")
    rig.touch_named("largeTextButton")
    assert rig.view.large_text and rig.kiosk.value("largeText")
    assert theme.property("fontCaption") >= body > caption, "no text smaller than the body text"
    assert rig.find_named("largeTextButton").property("active")
    assert not rig.text_problems()
    rig.touch_named("largeTextButton")
    assert not rig.view.large_text and theme.property("fontCaption") == caption
