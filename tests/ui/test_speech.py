"""The voice's engine (hmi.speech, eSpeak NG): every screen in every shipped language synthesised
to a WAV file of a plausible length, not silence, and roughly as long as its text; Japanese read
from MeCab's kana; speaking never blocks, one utterance at a time, and stops when told.

The programs are real (Debian ``espeak-ng``, ``mecab``, ``mecab-ipadic-utf8``, from
tools/install-system-packages). Without them the test skips, except in CI, where it fails. The
only stand-in is the sound card (the outermost boundary): a "player" process that takes the
WAV stream on stdin into a file and then plays for as long as it is let.
"""

from __future__ import annotations

import array
import math
import os
import statistics
import subprocess
import sys
import time
import wave
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from controller import commands as cmd
from controller.types import Side
from hmi import preview_samples as samples
from hmi.format import Formatter
from hmi.i18n import LANGUAGES, Translations
from hmi.screens import Screen
from hmi.speech import Engine, Speech, kana_reading, synthesize
from hmi.speech_text import spoken_text
from hmi.voice import Voice
from tests.conftest import KNOWN_CARD
from tests.ui.conftest import RigFactory

ENGINE = Engine.find()
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
if not IN_CI and (ENGINE.espeak is None or ENGINE.mecab is None):
    pytest.skip("espeak-ng or mecab is not installed (tools/install-system-packages installs them; in CI this fails)",
                allow_module_level=True)

#: One view per screen the driver can meet (the brief's eight, and Initializing).
SCREENS: dict[str, Callable[[], object]] = {
    "initializing": samples.initializing,
    "home": samples.home_single,
    "plugin": samples.plugin,
    "preparing": samples.preparing,
    "charging": samples.charging_dual,
    "summary": samples.summary_with_code,
    "status": samples.status,
    "out-of-service": samples.out_of_service,
    "updating": samples.updating,
    "start-failed": samples.start_failed,
    "charging-queued": samples.charging_queued_operator,
}
#: Below this RMS (of 16-bit samples) a recording is silence; eSpeak NG speaks at about 2 500-4 000.
SILENCE_RMS = 300


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def measure(path: Path) -> tuple[float, float]:
    """(seconds, RMS) of a 16-bit mono WAV file."""
    with wave.open(str(path)) as recording:
        assert (recording.getnchannels(), recording.getsampwidth()) == (1, 2)
        frames = recording.getnframes()
        samples_ = array.array("h", recording.readframes(frames))
        rate = recording.getframerate()
    rms = math.sqrt(sum(value * value for value in samples_) / max(len(samples_), 1))
    return frames / rate, rms


@pytest.fixture(scope="module")
def texts(qapp: QApplication) -> Iterator[dict[tuple[str, str], str]]:
    """What the voice says for each (language, screen)."""
    translations = Translations()
    said = {}
    for tag in LANGUAGES:
        translations.activate(tag)
        for name, view in SCREENS.items():
            said[(tag, name)] = spoken_text(view(), Formatter(tag, samples.TIME_ZONE))
    translations.close()
    yield said


def test_every_screen_in_every_language_is_spoken_audibly_and_in_proportion(
        texts: dict[tuple[str, str], str], tmp_path: Path) -> None:
    def speak(key: tuple[str, str]) -> tuple[tuple[str, str], float, float]:
        wav = synthesize(texts[key], key[0], tmp_path / f"{key[0]}-{key[1]}.wav", ENGINE)
        return (key, *measure(wav))

    with ThreadPoolExecutor(max_workers=2) as pool:  # the machine has two cores (and shares them)
        results = list(pool.map(speak, texts))
    assert len(results) == len(LANGUAGES) * len(SCREENS)
    for (tag, name), seconds, rms in results:
        assert 0.5 < seconds < 60, f"{tag} {name}: {seconds:.1f} s for {texts[(tag, name)]!r}"
        assert rms > SILENCE_RMS, f"{tag} {name}: silent (RMS {rms:.0f})"
    for tag in LANGUAGES:  # seconds per character: the same pace within a language
        pace = {name: seconds / len(texts[(t, name)]) for (t, name), seconds, _ in results if t == tag}
        typical = statistics.median(pace.values())
        odd = {name: round(value / typical, 2) for name, value in pace.items() if not 0.5 < value / typical < 2}
        assert not odd, f"{tag}: duration out of proportion to the text (x the median pace): {odd}"


def test_japanese_is_read_from_kana_not_skipped_as_unknown_characters(tmp_path: Path) -> None:
    kana = kana_reading("充電が完了しました。ケーブルを接続してください。", ENGINE.mecab or "")
    assert kana == "ジュウデンガカンリョオシマシタ。ケエブルヲセツゾクシテクダサイ。"
    # eSpeak NG names every kanji it cannot read ("Chinese letter"): read from kana it is far shorter
    with_kanji = synthesize("充電完了接続", "en-US", tmp_path / "kanji.wav", Engine(ENGINE.espeak, None))
    from_kana = synthesize("充電完了接続", "ja-JP", tmp_path / "kana.wav", ENGINE)
    assert measure(from_kana)[0] < measure(with_kanji)[0] / 2


def sound_card(folder: Path) -> list[str]:
    """The sound card's stand-in: a player that stores the stream (``<n>.wav`` in ``folder``), then
    "plays" until it is stopped."""
    folder.mkdir()
    return [sys.executable, "-c", "import sys, time, pathlib; d = pathlib.Path(sys.argv[1]); "
            "n = len(list(d.iterdir())); (d / f'{n}.wav').write_bytes(sys.stdin.buffer.read()); time.sleep(60)",
            str(folder)]


def test_speaking_returns_at_once_says_one_thing_at_a_time_and_stops(tmp_path: Path) -> None:
    heard = tmp_path / "heard"
    speech = Speech(ENGINE, sound_card(heard))
    try:
        started = time.monotonic()
        assert speech.speak("Charging. Battery 64 percent.", "en-US")
        assert time.monotonic() - started < 1.0, "speak() must not wait for the speech"
        assert speech.speaking
        assert wait_until(lambda: (heard / "0.wav").exists() and (heard / "0.wav").stat().st_size > 10_000)
        assert speech.speak("Out of service.", "en-US")  # cuts the first
        assert wait_until(lambda: (heard / "1.wav").exists() and (heard / "1.wav").stat().st_size > 10_000)
        assert speech.speaking and len(speech._processes) == 2  # eSpeak NG and its player: one utterance
        speech.stop()
        assert not speech.speaking
        assert (heard / "0.wav").read_bytes()[:4] == b"RIFF"
    finally:
        speech.stop()


def test_without_an_engine_it_says_nothing_and_logs_why(caplog: pytest.LogCaptureFixture) -> None:
    speech = Speech(Engine(None, None))
    assert not speech.available
    assert not speech.speak("Charging.", "en-US")
    assert not speech.speaking
    assert "espeak-ng is not installed" in caplog.text
    assert Engine(ENGINE.espeak, None).problem("ja-JP").startswith("mecab is not installed")
    assert ENGINE.problem("zh-TW") == ""


def test_the_right_key_held_reads_the_screen_in_front_and_held_again_stops(
        make_rig: RigFactory, qtbot: QtBot, tmp_path: Path) -> None:
    rig = make_rig("J0U").start()
    speech = Speech(ENGINE, sound_card(tmp_path / "heard"))
    voice = Voice(rig.bridge, speech)
    try:
        home = spoken_text(rig.view, rig.bridge.formatter)
        QTest.keyPress(rig.window, Qt.Key.Key_Right)
        rig.present()
        assert rig.view.focused is Side.RIGHT and not speech.speaking, "a press moves the focus at once"
        qtbot.waitUntil(lambda: rig.present() or speech.speaking, timeout=5000)
        QTest.keyRelease(rig.window, Qt.Key.Key_Right)
        assert rig.view.focused is Side.LEFT, "the hold brings the connector the driver was on back"
        assert speech.text == home and "Left, CHAdeMO, Available." in home
        QTest.keyPress(rig.window, Qt.Key.Key_Right)
        qtbot.waitUntil(lambda: rig.present() or not speech.speaking, timeout=5000)
        QTest.keyRelease(rig.window, Qt.Key.Key_Right)
        assert rig.view.focused is Side.LEFT
    finally:
        voice.close()
    assert not speech.speaking


def test_the_voice_stops_when_the_screen_changes(make_rig: RigFactory, tmp_path: Path) -> None:
    rig = make_rig("J0U").start()
    speech = Speech(ENGINE, sound_card(tmp_path / "heard"))
    voice = Voice(rig.bridge, speech)
    try:
        rig.kiosk.readAloud()  # the Home screen's control, when it comes
        assert speech.speaking and speech.text.startswith("Choose a connector and plug in.")
        rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
        rig.until(lambda view: view.pending is not None)
        assert not speech.speaking, "what it said is about a screen no longer shown"
    finally:
        voice.close()


def test_the_home_control_reads_the_screen_aloud_and_a_second_touch_stops_it(
        make_rig: RigFactory, qtbot: QtBot, tmp_path: Path) -> None:
    rig = make_rig("J0U").start()
    heard = tmp_path / "heard"
    speech = Speech(ENGINE, sound_card(heard))
    voice = Voice(rig.bridge, speech)
    try:
        assert rig.kiosk.property("voiceAvailable") and not rig.kiosk.property("speaking")
        home = spoken_text(rig.view, rig.bridge.formatter)
        rig.touch_named("readAloudButton")
        assert speech.speaking and speech.text == home and home.startswith("Choose a connector and plug in.")
        assert rig.kiosk.property("speaking"), "the control shows that it speaks"
        assert rig.find_named("readAloudButton").property("active")
        qtbot.waitUntil(lambda: (heard / "0.wav").exists() and (heard / "0.wav").stat().st_size > 10_000, timeout=5000)
        assert measure(heard / "0.wav")[1] > SILENCE_RMS
        rig.touch_named("readAloudButton")
        assert not speech.speaking and not rig.kiosk.property("speaking")
        assert not rig.find_named("readAloudButton").property("active")
        assert rig.screen is Screen.HOME
    finally:
        voice.close()


def test_speaking_ends_by_itself_and_the_control_follows(make_rig: RigFactory, qtbot: QtBot) -> None:
    rig = make_rig("U00").start()
    player = [sys.executable, "-c", "import sys; sys.stdin.buffer.read()"]  # the sound card: plays at once
    voice = Voice(rig.bridge, Speech(ENGINE, player))
    try:
        rig.touch_named("readAloudButton")
        assert rig.kiosk.property("speaking")
        qtbot.waitUntil(lambda: not rig.kiosk.property("speaking"), timeout=10_000)
        assert not voice.speech.speaking
    finally:
        voice.close()


def test_without_an_engine_the_home_control_is_hidden_and_the_log_says_why(
        make_rig: RigFactory, caplog: pytest.LogCaptureFixture) -> None:
    rig = make_rig("J0U").start()
    assert rig.find_named("readAloudButton").isVisible(), "the rig's kiosk has a voice"
    voice = Voice(rig.bridge, Speech(Engine(None, None)))
    try:
        rig.present()
        assert not rig.kiosk.property("voiceAvailable")
        assert not rig.find_named("readAloudButton").isVisible()
        assert "spoken guidance off: espeak-ng is not installed" in caplog.text
    finally:
        voice.close()


def test_the_helpdesk_number_is_said_digit_by_digit_not_as_a_large_number(
        make_rig: RigFactory, tmp_path: Path) -> None:
    from hmi.speech_text import phone_digits

    assert phone_digits("+1 (800) 555-0142") == "1, 8 0 0, 5 5 5, 0 1 4 2"
    rig = make_rig("J0U")
    rig.world.hardware.boards[Side.RIGHT].silent = True
    rig.start()
    rig.world.hardware.press(left=False)
    rig.advance(0.3)
    assert rig.screen is Screen.OUT_OF_SERVICE
    text = spoken_text(rig.view, rig.bridge.formatter)
    assert text.endswith("Operated by Pacific Charge Co. For help, call 1, 8 0 0, 5 5 5, 0 1 4 2. "
                         "1200 Harbor Blvd, Oakland, CA."), text
    # eSpeak NG's own reading (its phonemes, -x -q): "five five five", never "five hundred fifty-five"
    said = "For help, call 1, 8 0 0, 5 5 5, 0 1 4 2."
    phonemes = subprocess.run([ENGINE.espeak or "espeak-ng", "-q", "-x", "-v", "en-us"], input=said, text=True,
                              capture_output=True, check=True, timeout=30).stdout
    assert phonemes.count("f'aIv") == 3 and "h'Vndr" not in phonemes, phonemes  # "+1 (800) 555-0142": "five
    # hundred fifty-five"


def test_the_listening_tool_writes_each_sample_with_its_text(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from hmi.speech_preview import main

    assert main(["--out", str(tmp_path), "--language", "fr-CA", "--only", "updating"]) == 0
    seconds, rms = measure(tmp_path / "fr-CA" / "updating.wav")
    assert seconds > 1 and rms > SILENCE_RMS
    assert (tmp_path / "fr-CA" / "updating.txt").read_text(encoding="utf-8").startswith("Mise à jour")
