"""The kiosk's voice: text to speech with eSpeak NG, one utterance at a time, never blocking.

Qt's own text-to-speech is not used: the PySide6 wheels carry only its ``speechd`` plugin
(speech-dispatcher, a daemon per user session) and a ``mock`` one, and speech-dispatcher
would only hand the text on to eSpeak NG anyway. eSpeak NG (Debian ``espeak-ng``) is run
directly, one process per utterance, and plays through ALSA/PulseAudio itself (or writes a
WAV file: :func:`synthesize`). It speaks every kiosk language, Japanese only from kana:
MeCab (Debian ``mecab`` + ``mecab-ipadic-utf8``) gives the reading of the kanji first
(:func:`kana_reading`). Without MeCab, Japanese falls back to English, said plainly in the log.

| Kiosk language | eSpeak NG voice | Quality |
|---|---|---|
| en-US | ``en-us`` | clear, synthetic |
| es-US | ``es-419`` (Latin American Spanish) | clear |
| fr-CA | ``fr-fr`` (no Canadian French voice) | clear, a French accent |
| zh-TW, zh-CN | ``cmn-latn-pinyin`` (Mandarin, both scripts) | understandable, flat tones |
| ja-JP | ``ja``, from MeCab's kana reading | understandable, robotic |

No Qt here: the GUI thread calls :meth:`Speech.speak` and :meth:`Speech.stop`, which only
start or end a process.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

#: The eSpeak NG voice for each kiosk language.
VOICES = {
    "en-US": "en-us",
    "es-US": "es-419",
    "fr-CA": "fr-fr",
    "zh-TW": "cmn-latn-pinyin",  # "cmn" reads some syllables with English phonemes (eSpeak NG 1.51)
    "zh-CN": "cmn-latn-pinyin",
    "ja-JP": "ja",  # kana only: see kana_reading
}
#: Words a minute (eSpeak NG's default is 175): a little slower, for a driver listening once.
RATE_WPM = 160
_KANA_VOWELS = {
    "ア": "アカサタナハマヤラワガザダバパァャヮ",
    "イ": "イキシチニヒミリギジヂビピィ",
    "ウ": "ウクスツヌフムユルグズヅブプゥュヴ",
    "エ": "エケセテネヘメレゲゼデベペェ",
    "オ": "オコソトノホモヨロヲゴゾドボポォョ",
}
_VOWEL_OF = {kana: vowel for vowel, row in _KANA_VOWELS.items() for kana in row}


@dataclass(frozen=True, slots=True)
class Engine:
    """The programs found: eSpeak NG, and MeCab for Japanese (None: not installed)."""

    espeak: str | None
    mecab: str | None

    @classmethod
    def find(cls) -> Engine:
        return cls(shutil.which("espeak-ng"), shutil.which("mecab"))

    def problem(self, language: str) -> str:
        """Why ``language`` cannot be spoken as it should ("" when it can)."""
        if self.espeak is None:
            return "espeak-ng is not installed (tools/install-system-packages)"
        if language not in VOICES:
            return f"no voice for {language!r}"
        if language == "ja-JP" and self.mecab is None:
            return "mecab is not installed: eSpeak NG reads no kanji, so Japanese is spoken by the English voice"
        return ""


def kana_reading(text: str, mecab: str) -> str:
    """``text`` with every Japanese word in katakana as it is pronounced ("充電中です" ->
    "ジュウデンチュウデス"), so that eSpeak NG, which reads kana but no kanji, can say it."""
    result = subprocess.run([mecab, "-F", r"%m\t%f[8]\n", "-U", r"%m\t*\n", "-E", r"EOS\n"],
                            input=text, capture_output=True, text=True, check=True, timeout=10)
    words = []
    for line in result.stdout.splitlines():
        surface, _, reading = line.partition("\t")
        if line == "EOS":
            words.append("\n")
        elif surface:
            words.append(reading if reading and reading != "*" else surface)
    return _long_vowels("".join(words).strip())


def _long_vowels(kana: str) -> str:
    """The long-vowel mark as the vowel it lengthens ("ケーブル" -> "ケエブル"): eSpeak NG
    reads the mark after some kana only."""
    spelt = []
    for char in kana:
        spelt.append(_VOWEL_OF.get(spelt[-1], char) if char == "ー" and spelt else char)
    return "".join(spelt)


def command(text: str, language: str, engine: Engine, wav: Path | None = None,
            rate: int = RATE_WPM) -> tuple[list[str], str]:
    """The eSpeak NG command line and its input for ``text`` in ``language`` (to ``wav``, else
    to the sound card); the text goes in on stdin (never a command-line argument)."""
    if engine.espeak is None:
        raise RuntimeError(engine.problem(language))
    voice = VOICES.get(language, VOICES["en-US"])
    if language == "ja-JP":
        if engine.mecab is None:
            voice = VOICES["en-US"]
        else:
            text = kana_reading(text, engine.mecab)
    args = [engine.espeak, "-v", voice, "-s", str(rate), "--stdin"]
    if wav is not None:
        args += ["-w", str(wav)]
    return args, text


def synthesize(text: str, language: str, wav: Path, engine: Engine | None = None) -> Path:
    """Speak ``text`` into the WAV file ``wav`` (blocking; tests and tools)."""
    args, spoken = command(text, language, engine or Engine.find(), wav)
    subprocess.run(args, input=spoken, text=True, check=True, capture_output=True, timeout=60)
    return wav


class Speech:
    """Says one text at a time; a new one cuts the one being said. Never blocks: each
    utterance is its own eSpeak NG process (``player``: a command that plays WAV from stdin,
    such as ``["aplay", "-q"]``, for a sound card eSpeak NG's own output does not reach)."""

    def __init__(self, engine: Engine | None = None, player: Sequence[str] = ()) -> None:
        self.engine = engine or Engine.find()
        self.player = tuple(player)
        self._processes: list[subprocess.Popen[bytes]] = []
        self.text = ""  # what is being said, or was said last
        if self.engine.espeak is None:
            log.warning("spoken guidance off: %s", self.engine.problem("en-US"))
        elif self.engine.mecab is None:
            log.warning("spoken guidance: %s", self.engine.problem("ja-JP"))

    @property
    def available(self) -> bool:
        return self.engine.espeak is not None

    @property
    def speaking(self) -> bool:
        """An utterance is still being said."""
        return any(process.poll() is None for process in self._processes)

    def speak(self, text: str, language: str) -> bool:
        """Start saying ``text`` in ``language`` (stopping what is being said); False, with the
        reason in the log, when there is no engine or nothing to say."""
        self.stop()
        if not text.strip():
            return False
        if not self.available:
            log.info("not speaking (%s)", self.engine.problem(language))
            return False
        problem = self.engine.problem(language)
        if problem:
            log.warning("speaking %s with a fallback: %s", language, problem)
        args, spoken = command(text, language, self.engine)
        self.text = text
        if self.player:
            args.append("--stdout")
        # their errors (no sound card: "ALSA lib ... Unknown PCM default") go to the kiosk's own stderr: the journal
        speaker = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE if self.player else
                                   subprocess.DEVNULL)
        self._processes = [speaker]
        if self.player:
            self._processes.append(subprocess.Popen(self.player, stdin=speaker.stdout, stdout=subprocess.DEVNULL))
            assert speaker.stdout is not None
            speaker.stdout.close()  # the player holds it now: eSpeak NG sees it close if the player ends
        assert speaker.stdin is not None
        try:
            speaker.stdin.write(spoken.encode())
            speaker.stdin.close()
        except BrokenPipeError:
            log.warning("espeak-ng ended before it had the text")
        log.info("speaking %s (%d characters, voice %s)", language, len(text), args[2])
        return True

    def stop(self) -> None:
        """Stop saying anything now (nothing when silent)."""
        for process in self._processes:
            if process.poll() is None:
                process.terminate()
        for process in self._processes:
            try:
                process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._processes = []
