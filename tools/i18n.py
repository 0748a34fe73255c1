#!/usr/bin/env python3
"""The kiosk's translations, with Qt's tools.

    .venv/bin/python tools/i18n.py update    extract the strings into translations/*.ts (pyside6-lupdate)
    .venv/bin/python tools/i18n.py release   compile translations/*.qm (pyside6-lrelease; make does this)
    .venv/bin/python tools/i18n.py check     list every unfinished translation; exit 1 if there is one

``update`` reads ``qsTr()`` in ``qml/Evse``, ``QCoreApplication.translate()`` in
``hmi/presenter.py``, and the driver texts of the status-code catalog
(``controller/data/status_codes.toml``), which it hands to lupdate as a generated Python
file of ``QT_TRANSLATE_NOOP("StatusCodes", ...)`` lines in a temporary folder. New strings
arrive unfinished; strings gone from the sources are dropped. Translate with
``pyside6-linguist translations/evse_ja_JP.ts`` (or any .ts editor), then run ``release``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from controller.status_codes import driver_texts  # noqa: E402
from hmi.i18n import CATALOG_CONTEXT, TRANSLATED, compile_translations, qt_tool, ts_path  # noqa: E402

SOURCES = [REPO / "qml" / "Evse", REPO / "hmi" / "presenter.py"]


def catalog_source(folder: Path) -> Path:
    """A Python file that marks each catalog text for lupdate."""
    path = folder / "status_codes.py"
    lines = [f"QT_TRANSLATE_NOOP({CATALOG_CONTEXT!r}, {text!r})" for text in driver_texts()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def update() -> int:
    with tempfile.TemporaryDirectory() as folder:
        sources = [*SOURCES, catalog_source(Path(folder))]
        for tag in TRANSLATED:
            command = [qt_tool("lupdate"), "-extensions", "qml,py", "-locations", "none", "-no-obsolete",
                       "-target-language", tag.replace("-", "_"), *map(str, sources), "-ts", str(ts_path(tag))]
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "", f"({ts_path(tag).name})")
            if result.returncode != 0:
                print(result.stderr, file=sys.stderr)
                return result.returncode
    return 0


def unfinished(path: Path) -> list[str]:
    """``context: source`` of every message of ``path`` without a finished translation."""
    missing = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("unfinished",) or translation is None or not (translation.text or "").strip():
                missing.append(f"{name}: {message.findtext('source')}")
    return missing


def check() -> int:
    problems = 0
    for tag in TRANSLATED:
        for line in unfinished(ts_path(tag)):
            print(f"{ts_path(tag).name}: {line}")
            problems += 1
    print(f"{problems} unfinished translation(s)")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        return update()
    if command == "release":
        built = compile_translations(force="--force" in argv)
        print(f"compiled {len(built)} translation(s)" + (": " + ", ".join(p.name for p in built) if built else ""))
        return 0
    if command == "check":
        return check()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
