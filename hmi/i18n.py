"""The kiosk's languages: which ones ship, their fonts, and switching them at run time.

Qt's own workflow: ``qsTr()`` in QML, ``QCoreApplication.translate()`` in
``hmi/presenter.py`` and the driver texts of the status-code catalog (context
``StatusCodes``) are extracted by ``pyside6-lupdate`` into ``translations/evse_<lang>.ts``
(``tools/i18n.py update``); ``pyside6-lrelease`` compiles them to ``.qm`` files
(``compile_translations``: by ``make``, by the tests, and by the application itself when a
``.qm`` is missing or older than its ``.ts``). ``Translations.activate`` installs the
language's ``QTranslator`` and calls ``engine.retranslate()``; the bridge then presents
the last snapshot again, so the Python texts follow.

English (US) is the source language: it has no ``.ts`` file and no translator.

Fonts: Latin text is set in Inter. Each CJK language has its own font family, a subset of
Noto Sans CJK for that language's glyph forms (``assets/fonts``, see the README there), whose
Latin letters and digits fall back to Inter through a fixed ``QFont`` substitution. The
Theme takes the family of the active language, so a language switch changes every text's
font and Qt lays all of them out again (a substitution changed at run time would not reach
text already laid out).
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlEngine

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
TRANSLATIONS_DIR = REPO / "translations"
FONT_DIR = REPO / "assets" / "fonts"
SOURCE_LANGUAGE = "en-US"
#: Context of the status-code catalog's driver texts in the .ts files.
CATALOG_CONTEXT = "StatusCodes"
LATIN_FAMILY = "Inter"


@dataclass(frozen=True, slots=True)
class Language:
    tag: str  # BCP 47, as in the configuration
    name: str  # in its own language and script, for the language picker
    font_family: str  # first family of every text in this language

    @property
    def file_stem(self) -> str:
        """``evse_fr_CA``: the name of its .ts and .qm files."""
        return "evse_" + self.tag.replace("-", "_")


#: The shipped languages, in the picker's order (the same as
#: ``controller.preferences.SUPPORTED_LANGUAGES``).
LANGUAGES: dict[str, Language] = {
    language.tag: language
    for language in (
        Language("en-US", "English", LATIN_FAMILY),
        Language("es-US", "Español", LATIN_FAMILY),
        Language("fr-CA", "Français", LATIN_FAMILY),
        Language("zh-TW", "繁體中文", "Kiosk Noto Sans TC"),
        Language("zh-CN", "简体中文", "Kiosk Noto Sans SC"),
        Language("ja-JP", "日本語", "Kiosk Noto Sans JP"),
    )
}
TRANSLATED = tuple(tag for tag in LANGUAGES if tag != SOURCE_LANGUAGE)


def language(tag: str) -> Language:
    try:
        return LANGUAGES[tag]
    except KeyError:
        raise ValueError(f"the kiosk has no language {tag!r} (shipped: {', '.join(LANGUAGES)})") from None


def ts_path(tag: str) -> Path:
    return TRANSLATIONS_DIR / f"{language(tag).file_stem}.ts"


def qm_path(tag: str) -> Path:
    return TRANSLATIONS_DIR / f"{language(tag).file_stem}.qm"


def qt_tool(name: str) -> str:
    """Path of a PySide6 tool (``pyside6-lrelease``) beside this Python, else on PATH."""
    import shutil  # only to build translations: off the start-up path

    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise RuntimeError(f"pyside6-{name} not found (install PySide6 into this Python's environment)")
    return found


def compile_translations(force: bool = False) -> list[Path]:
    """Build every ``.qm`` that is missing or older than its ``.ts``; returns those built."""
    built = []
    for tag in TRANSLATED:
        source, target = ts_path(tag), qm_path(tag)
        if not source.exists():
            raise FileNotFoundError(f"{source} is missing (tools/i18n.py update creates it)")
        if not force and target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        import subprocess  # only when a .qm has to be built: off the start-up path

        result = subprocess.run([qt_tool("lrelease"), "-silent", str(source), "-qm", str(target)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0 or not target.exists():
            raise RuntimeError(f"pyside6-lrelease failed on {source.name}: {result.stderr or result.stdout}")
        built.append(target)
    return built


#: The font files the kiosk's first frame draws with (the header, the Initializing screen,
#: the button hints); the kiosk registers the others (Inter Medium, the CJK subsets) right
#: after that frame, before any other screen or language can use them.
FIRST_FRAME_FONTS = frozenset({"Inter-Regular.otf", "Inter-SemiBold.otf", "Inter-Bold.otf"})


def register_fonts(first_frame: bool | None = None) -> None:
    """Register the shipped fonts (``assets/fonts``) and the CJK families' Latin fallback:
    all of them, or (``first_frame`` True) only :data:`FIRST_FRAME_FONTS`, or (False) only
    the others."""
    for font_file in sorted(FONT_DIR.glob("*.otf")):
        if first_frame is not None and (font_file.name in FIRST_FRAME_FONTS) != first_frame:
            continue
        if QFontDatabase.addApplicationFont(str(font_file)) < 0:
            raise RuntimeError(f"cannot load font {font_file}")
    if first_frame:
        return
    for entry in LANGUAGES.values():
        if entry.font_family != LATIN_FAMILY:
            QFont.removeSubstitutions(entry.font_family)
            QFont.insertSubstitution(entry.font_family, LATIN_FAMILY)


class Translations:
    """The active language's ``QTranslator``, installed on the application.

    Each language's translator is loaded once and kept (six at most): a kiosk switches
    language for every driver who picks one and back after the visit, so a translator made
    per switch would pile up for the life of the process (they used to: children of the
    application, taken off it but never deleted)."""

    def __init__(self, engine: QQmlEngine | None = None) -> None:
        self.engine = engine
        self.current = SOURCE_LANGUAGE
        self._translator: QTranslator | None = None
        self._loaded: dict[str, QTranslator] = {}  # owned here (no Qt parent): freed with this object
        compile_translations()

    def activate(self, tag: str) -> bool:
        """Switch to ``tag`` (QML and the Python texts alike); False when it is already active."""
        language(tag)
        if tag == self.current:
            return False
        app = QCoreApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        if tag != SOURCE_LANGUAGE:
            translator = self._loaded.get(tag)
            if translator is None:
                translator = QTranslator()
                if not translator.load(str(qm_path(tag))):
                    raise RuntimeError(f"cannot load {qm_path(tag)}")
                self._loaded[tag] = translator
            app.installTranslator(translator)
            self._translator = translator
        self.current = tag
        # The application font too: the simulator panel's Qt Quick Controls use it.
        QGuiApplication.setFont(QFont(language(tag).font_family))
        if self.engine is not None:
            self.engine.retranslate()
        log.info("language %s", tag)
        return True

    def close(self) -> None:
        """Take the translator off the application (the engine is going away)."""
        if self._translator is not None:
            QCoreApplication.instance().removeTranslator(self._translator)
            self._translator = None
        self._loaded.clear()
        self.current = SOURCE_LANGUAGE
