"""What the voice says (hmi.speech_text): for each screen and each shipped language, the heading,
the instruction and the key figures, from the kiosk's own translations, with the figures worded
for the ear (unit and currency names, a status code digit by digit)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from controller.types import AuthMethod, Side, Standard
from controller.view import PinPad, StationView
from hmi import preview_samples as samples
from hmi.format import Formatter
from hmi.i18n import LANGUAGES, TRANSLATED, Translations, ts_path
from hmi.speech_text import (
    BATTERY_AT,
    CHOOSE_AND_PLUG,
    FINISHED,
    OUT_OF_SERVICE,
    PLUG_IN_TO_CHARGE,
    PREPARING,
    SCREEN_TEXTS,
    START_FAILED,
    STOPPED,
    THEN_TAP,
    THEN_TAP_CARD,
    TO_STOP,
    UNPLUG,
    UPDATING,
    USE_ANOTHER,
    WHAT_TO_DO,
    SpokenFormatter,
    spoken_text,
)

CJK = ("zh-TW", "zh-CN", "ja-JP")


@pytest.fixture(scope="module")
def translations(qapp: QApplication) -> Iterator[Translations]:
    active = Translations()
    yield active
    active.close()


def say(translations: Translations, tag: str, view: StationView) -> str:
    translations.activate(tag)
    return spoken_text(view, Formatter(tag, samples.TIME_ZONE))


def test_every_screen_text_the_voice_says_is_translated_in_every_language() -> None:
    """The voice looks QML's strings up by their QML context: a renamed or reworded screen text
    must fail here, not fall back to English in the driver's ear."""
    for tag in TRANSLATED:
        finished = set()
        for context in ET.parse(ts_path(tag)).getroot().iter("context"):
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is not None and translation.get("type") is None and (translation.text or "").strip():
                    finished.add((context.findtext("name"), message.findtext("source")))
        missing = [(text.context, text.source) for text in SCREEN_TEXTS if (text.context, text.source) not in finished]
        assert not missing, f"{tag}: {missing}"
    assert len(SCREEN_TEXTS) > 30


@pytest.mark.parametrize("tag", LANGUAGES)
def test_charging_says_state_of_charge_power_energy_time_and_cost_in_words(
        translations: Translations, tag: str) -> None:
    text = say(translations, tag, samples.charging_single())
    assert text.startswith(QCoreApplication.translate("Presenter", "Charging"))
    if tag not in ("zh-TW", "zh-CN"):  # Chinese puts the percentage's word first: checked below
        assert BATTERY_AT.arg(SpokenFormatter(tag).percent(64)) in text, text
    for figure in ("64", "45", "12", "18", "6"):
        assert figure in text, (figure, text)
    assert str(TO_STOP) in text
    assert not re.search(r"(?<![A-Za-z])kWh?(?![A-Za-z])|\$|%\d", text), f"a symbol or placeholder is left: {text}"
    if tag == "en-US":
        assert "45.2 kilowatts" in text and "12.84 kilowatt-hours" in text and "6.78 US dollars" in text
        assert "64 percent" in text and "18 minutes" in text
    if tag == "fr-CA":
        assert "45,2 kilowatts" in text and "12,84 kilowattheures" in text and "6,78 dollars des États-Unis" in text
    if tag in ("zh-TW", "zh-CN"):
        assert "百分之64" in text and ("45點2" in text or "45点2" in text)


@pytest.mark.parametrize("tag", LANGUAGES)
def test_each_screen_says_its_heading_and_instruction(translations: Translations, tag: str) -> None:
    cases = {
        "home-single": (samples.home_single(), [PLUG_IN_TO_CHARGE]),
        "home-dual": (samples.home_dual(), [CHOOSE_AND_PLUG]),
        "preparing": (samples.preparing(), [PREPARING]),
        "summary": (samples.summary(), [FINISHED, UNPLUG]),
        "summary-with-code": (samples.summary_with_code(), [STOPPED]),
        "status": (samples.status(), [WHAT_TO_DO]),
        "out-of-service": (samples.out_of_service(), [OUT_OF_SERVICE, USE_ANOTHER]),
        "updating": (samples.updating(), [UPDATING]),
        "start-failed": (samples.start_failed(), [START_FAILED, WHAT_TO_DO]),
    }
    for name, (view, expected) in cases.items():
        text = say(translations, tag, view)
        for screen_text in expected:
            assert str(screen_text) in text, (name, str(screen_text), text)
        if tag != "en-US":
            assert str(expected[0]) != expected[0].source, f"{name}: not translated into {tag}"
        assert "%1" not in text and " · " not in text, (name, text)


@pytest.mark.parametrize("tag", LANGUAGES)
def test_status_and_out_of_service_say_the_code_digit_by_digit_and_what_to_do(
        translations: Translations, tag: str) -> None:
    status = say(translations, tag, samples.status())
    assert "0 1 2 2 5 1" in status and "1." in status and "3." in status, status
    out = say(translations, tag, samples.out_of_service())
    assert "0 1 2 2 7 9" in out and "EVSE-0042" in out, out


@pytest.mark.parametrize("tag", LANGUAGES)
def test_home_says_the_price_and_plug_in_the_countdown(translations: Translations, tag: str) -> None:
    home = say(translations, tag, samples.home_single())
    assert "0.45" in home.replace(",", ".").replace("点", ".").replace("點", "."), home
    plugin = say(translations, tag, samples.plugin())
    assert "87" in plugin and "CHAdeMO" in plugin and "CCS1" in plugin, plugin


def test_sentences_end_as_the_language_ends_them(translations: Translations) -> None:
    english = say(translations, "en-US", samples.summary())
    assert english.endswith(".") and "。" not in english
    chinese = say(translations, "zh-TW", samples.summary())
    assert chinese.endswith("。") and chinese.count("。") >= 5


def test_the_technicians_screens_are_not_read(translations: Translations) -> None:
    view = samples.station(samples.connector(Side.LEFT, Standard.CCS1), pin_pad=PinPad(0, 0))
    assert say(translations, "en-US", view) == ""


@pytest.mark.parametrize("tag", LANGUAGES)
def test_offline_home_names_only_the_card(translations: Translations, tag: str) -> None:
    """Nothing that cannot work is offered by voice either: while the QR code and the app
    cannot start a session, Home's instruction names only the card, as the screen does."""
    offline = replace(samples.home_dual(), methods=frozenset({AuthMethod.RFID}), online=False, backend_code="033900")
    text = say(translations, tag, offline)
    assert str(THEN_TAP_CARD) in text and str(THEN_TAP) not in text, text
    online = say(translations, tag, samples.home_dual())
    assert str(THEN_TAP) in online and str(THEN_TAP_CARD) not in online, online
