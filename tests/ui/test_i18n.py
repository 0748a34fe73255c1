"""Languages: every string translated in every shipped language, .qm files built and loaded,
switching at run time (QML and Python texts, Babel formats) from the Home screen's picker,
the status-code catalog translated, and the CJK fonts shipped for all of it."""

from __future__ import annotations

import gc
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PySide6.QtCore import QCoreApplication, QTranslator

from controller import power_modules, safety, self_test, station
from controller.status_codes import driver_texts, lookup
from hmi.i18n import CATALOG_CONTEXT, FONT_DIR, LANGUAGES, TRANSLATED, compile_translations, qm_path, ts_path
from hmi.screens import Screen
from tests.ui.conftest import RigFactory

REPO = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\d")


def messages(path: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> finished translation (None when unfinished or empty)."""
    found: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            text = translation.text if translation is not None else None
            finished = translation is not None and translation.get("type") is None and bool((text or "").strip())
            found[(name, message.findtext("source") or "")] = text if finished else None
    return found


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[str, str]]:
    """Every translatable string of the sources today, as lupdate extracts it (a fresh .ts)."""
    folder = tmp_path_factory.mktemp("lupdate")
    sys.path.insert(0, str(REPO / "tools"))
    try:
        from i18n import SOURCES, catalog_source  # tools/i18n.py
    finally:
        sys.path.remove(str(REPO / "tools"))
    fresh = folder / "fresh.ts"
    from hmi.i18n import qt_tool

    subprocess.run([qt_tool("lupdate"), "-silent", "-extensions", "qml,py", "-locations", "none",
                    *map(str, SOURCES), str(catalog_source(folder)), "-ts", str(fresh)], check=True)
    return set(messages(fresh))


@pytest.mark.parametrize("tag", TRANSLATED)
def test_every_string_of_the_sources_has_a_finished_translation(sources: set[tuple[str, str]], tag: str) -> None:
    shipped = messages(ts_path(tag))
    missing = sorted(key for key in sources if shipped.get(key) is None)
    assert not missing, (f"{ts_path(tag).name}: {len(missing)} untranslated (run tools/i18n.py update, then "
                         "translate):\n" + "\n".join(f"  {context}: {text!r}" for context, text in missing))
    assert len(sources) > 200


@pytest.mark.parametrize("tag", TRANSLATED)
def test_translations_keep_every_placeholder(tag: str) -> None:
    wrong = [(context, source, text) for (context, source), text in messages(ts_path(tag)).items()
             if text is not None and sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))]
    assert not wrong, wrong


def test_the_qm_files_are_built_from_the_ts_files_and_load() -> None:
    compile_translations(force=True)
    for tag in TRANSLATED:
        assert qm_path(tag).stat().st_mtime >= ts_path(tag).stat().st_mtime
        translator = QTranslator()
        assert translator.load(str(qm_path(tag))), tag
        assert translator.translate("Presenter", "Charging") not in ("", "Charging")


CHARGER_CODES = sorted({safety.CODE_EMERGENCY_STOP, safety.CODE_DOOR_OPEN, safety.CODE_BREAKER_TRIP,
                        self_test.CODE_PSU_SELF_TEST, power_modules.CODE_NO_PSU, self_test.CODE_IO_BOARD_SELF_TEST,
                        self_test.CODE_MODEL_MISMATCH, self_test.CODE_LED_BOARD_SELF_TEST,
                        station.CODE_RFID_COMMUNICATION, *self_test.BOARD_SELF_TEST_CODES.values(),
                        *station.RELAY_WELDING_CODES.values()})
FAMILIES = ("011", "012", "013", "023", "033", "041", "042", "043")


@pytest.mark.parametrize("tag", TRANSLATED)
def test_the_status_codes_the_charger_raises_and_every_familys_steps_are_translated(tag: str) -> None:
    translator = QTranslator()
    assert translator.load(str(qm_path(tag)))
    texts = set(driver_texts())
    for code in [*CHARGER_CODES, *(family + "999" for family in FAMILIES)]:
        info = lookup(code)
        for text in (info.driver_text, *info.steps):
            assert text in texts, (code, text)
            translated = translator.translate(CATALOG_CONTEXT, text)
            assert translated and translated != text, f"{tag}: {code}: {text!r} is not translated"


def test_the_status_screen_shows_the_catalog_in_the_drivers_language(make_rig: RigFactory) -> None:
    rig = make_rig("U00").start()
    rig.world.hardware.set_door_open(True)
    rig.advance(0.3)
    rig.set_language("fr-CA")
    assert rig.screen == Screen.STATUS
    assert rig.kiosk.value("statusText") == "La porte du boîtier de la borne est ouverte. La recharge est suspendue."
    assert rig.kiosk.value("statusSteps")[0].startswith("Fermez la porte du boîtier")
    rig.find_text("Que faire")  # QML's own text


def test_the_driver_switches_language_on_home_and_everything_follows_at_once(make_rig: RigFactory) -> None:
    rig = make_rig("J0U").start()
    rig.find_text("Choose a connector and plug in")
    rig.touch("English")  # the language button
    rig.touch("日本語")  # the picker
    assert rig.view.language == "ja-JP"
    assert rig.kiosk.value("fontFamily") == "Kiosk Noto Sans JP"
    rig.find_text("コネクターを選んで接続してください")  # qsTr, re-translated by the engine
    assert rig.kiosk.connector(0).value("stateText") == "利用可能"  # the presenter's text, presented again
    assert rig.kiosk.value("tariffLines")[0] == "1 kWhあたり $0.45"
    assert rig.kiosk.value("clockText") == rig.bridge.formatter.clock(rig.view.wall_minute)
    assert rig.bridge.formatter.language == "ja-JP"
    assert rig.text_problems() == []
    rig.touch("日本語")
    rig.touch("Français")
    rig.find_text("Choisissez un connecteur et branchez-le")
    assert rig.kiosk.value("tariffLines")[0] == "0,45\u00a0$\u00a0US par kWh"


def test_high_contrast_is_a_touch_away_on_home_and_lasts_for_the_visit(make_rig: RigFactory) -> None:
    rig = make_rig("U00").start()
    theme = rig.scene.engine.singletonInstance("Evse", "Theme")
    rig.touch("High contrast: off")
    assert rig.view.high_contrast and theme.property("highContrast")
    rig.find_text("High contrast: on")
    rig.advance(130)  # nobody charged: back to the station default
    assert not rig.view.high_contrast and not theme.property("highContrast")


def test_switching_language_replaces_the_application_translator_only_once(make_rig: RigFactory) -> None:
    rig = make_rig("U00").start()
    for tag in (*LANGUAGES, "en-US"):
        rig.set_language(tag)
    assert QCoreApplication.translate("Presenter", "Charging") == "Charging"


@pytest.mark.parametrize("tag", [tag for tag in LANGUAGES if LANGUAGES[tag].font_family != "Inter"])
def test_each_cjk_font_ships_in_both_weights_with_the_same_characters(tag: str) -> None:
    family = LANGUAGES[tag].font_family
    stem = family.replace(" ", "")
    regular, bold = (TTFont(str(FONT_DIR / f"{stem}-{weight}.otf")) for weight in ("Regular", "Bold"))
    assert regular["name"].getDebugName(1) == family
    assert set(regular.getBestCmap()) == set(bold.getBestCmap())
    assert LANGUAGES[tag].name[0] in {chr(code) for code in regular.getBestCmap()}
    assert (FONT_DIR / "OFL-NotoSansCJK.txt").exists() and (FONT_DIR / "OFL-Inter.txt").exists()


def test_switching_language_again_and_again_keeps_one_translator_per_language(make_rig: RigFactory) -> None:
    """A kiosk switches language for every driver who picks one, and back after the visit:
    the translators must not pile up (they did: one more child of the application a switch)."""
    app = QCoreApplication.instance()

    def translators() -> int:
        gc.collect()
        return len(app.findChildren(QTranslator)) + sum(isinstance(o, QTranslator) for o in gc.get_objects())

    before = translators()
    rig = make_rig("J0U").start()
    for _ in range(10):
        for tag in (*LANGUAGES, "en-US"):
            rig.set_language(tag)
    assert translators() - before <= len(LANGUAGES) - 1, "one translator per language but the source one"
    rig.set_language("ja-JP")
    rig.find_text("コネクターを選んで接続してください")
