"""The larger text (the driver's button on Home, or [station].large_text): every preview sample
(hmi/preview_samples.py) shown through the real bridge and scene in every shipped language at
1024x600 and 800x480 with the Theme's larger reading sizes, and no text cut, overflowing or
overlapping, no glyph missing, none below the larger floor (the layout check, hmi.layout_check);
every driver-facing text role larger, the technicians' screens not. The goldens of some of them
are in test_screens.py (``*-large-text``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from controller import commands as cmd
from controller.display_power import DisplayLevel, DisplayState, Look
from controller.engineer import hash_pin
from hmi.i18n import LANGUAGES
from hmi.layout_check import find_small_text
from hmi.preview_samples import SAMPLES, Sample, charging_dual, charging_single, home_dual
from hmi.screens import Screen
from tests.ui.conftest import RigFactory
from tests.ui.rig import KioskRig

SIZES = ((1024, 600), (800, 480))
#: The reading text (captions, body, buttons) and the titles and figures, by Theme property.
READING = ("fontCaption", "fontBody", "fontBodyLarge", "fontMinimum")
FIGURES = ("fontMetric", "fontMetricSmall", "fontTitle", "fontHeadline", "fontSummary", "fontDisplay", "fontHero",
           "fontCode")


def theme_sizes(rig: KioskRig, names: tuple[str, ...]) -> dict[str, int]:
    theme = rig.scene.engine.singletonInstance("Evse", "Theme")
    return {name: int(theme.property(name)) for name in names}


def larger_floor(rig: KioskRig) -> int:
    """No driver-facing text below this in larger text: the size floor, scaled like the reading text."""
    theme = rig.scene.engine.singletonInstance("Evse", "Theme")
    return round(theme.property("fontFloor") * theme.property("largeTextScale"))

@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.name)
def test_every_screen_in_larger_text_fits_in_every_language_and_size(make_rig: RigFactory, sample: Sample) -> None:
    rig = make_rig("J0U")
    failures: list[str] = []
    for tag in LANGUAGES:
        view = replace(sample.view(), language=tag, large_text=True)
        for width, height in SIZES:
            rig.window.resize(width, height)
            rig.bridge.present(view)
            assert rig.kiosk.value("largeText") and rig.kiosk.value("language") == tag
            problems = rig.text_problems(present=False) + find_small_text(rig.window, larger_floor(rig))
            failures += [f"{tag} {width}x{height}: {problem}" for problem in problems]
    assert not failures, "\n".join(failures)


#: What a dimmed or sleeping panel shows (controller.display_power) over a sample.
DISPLAY_LOOKS = {
    "glance-single": (charging_single, DisplayState(DisplayLevel.DIM, Look.GLANCE)),
    "glance-dual": (charging_dual, DisplayState(DisplayLevel.DIM, Look.GLANCE)),
    "attract": (home_dual, DisplayState(DisplayLevel.ASLEEP, Look.ATTRACT)),
}


@pytest.mark.parametrize("name", DISPLAY_LOOKS)
def test_the_glance_and_the_attract_screen_fit_in_larger_text(make_rig: RigFactory, name: str) -> None:
    sample, display = DISPLAY_LOOKS[name]
    rig = make_rig("J0U")
    failures: list[str] = []
    for tag in LANGUAGES:
        for width, height in SIZES:
            rig.window.resize(width, height)
            rig.bridge.present(replace(sample(), language=tag, large_text=True, display=display))
            assert rig.kiosk.value("displayLook") == display.look.value
            problems = rig.text_problems(present=False) + find_small_text(rig.window, larger_floor(rig))
            failures += [f"{tag} {width}x{height}: {problem}" for problem in problems]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_driver_text_role_is_larger(make_rig: RigFactory, width: int, height: int) -> None:
    """Reading text x1.2 at least (rounded to whole pixels), titles and figures x1.1."""
    rig = make_rig("J0U")
    rig.window.resize(width, height)
    rig.bridge.present(home_dual())
    normal = theme_sizes(rig, READING + FIGURES)
    rig.bridge.present(replace(home_dual(), large_text=True))
    large = theme_sizes(rig, READING + FIGURES)
    for name in READING:
        assert large[name] >= round(normal[name] * 1.2) - 0.5, (name, normal[name], large[name])
    for name in FIGURES:
        assert large[name] >= round(normal[name] * 1.1) - 0.5, (name, normal[name], large[name])


def test_the_technicians_screens_keep_their_size(make_rig: RigFactory) -> None:
    """The Engineer screens are for technicians: larger text, a driver's choice, leaves them as they are."""
    rig = make_rig("J0U", engineer={"pin_hash": hash_pin("2468")}).start()
    normal = theme_sizes(rig, READING + FIGURES)
    rig.set_large_text(True)
    assert theme_sizes(rig, READING + FIGURES) != normal
    rig.world.station.submit(cmd.OpenEngineer())
    rig.advance(0.1)
    assert rig.screen == Screen.ENGINEER_PIN and rig.kiosk.value("largeText")
    assert theme_sizes(rig, READING + FIGURES) == normal
    for digit in "2468":
        rig.world.station.submit(cmd.PinDigit(digit))
    rig.world.station.submit(cmd.PinSubmit())
    rig.advance(0.1)
    assert rig.screen == Screen.ENGINEER and theme_sizes(rig, READING + FIGURES) == normal
    assert not rig.text_problems()


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
