"""The kiosk cannot be left to a desktop by touch or buttons: no driver-facing QML can quit,
close, minimise or un-fullscreen its window, and every key the kiosk listens to is one of
the two physical buttons."""

from __future__ import annotations

import re
from pathlib import Path

from hmi.input import LEFT_KEYS, RIGHT_KEYS

QML = Path(__file__).resolve().parents[2] / "qml" / "Evse"
#: The presenter's simulator panel is a separate window of the desktop demo, not the kiosk.
NOT_KIOSK = {"SimulatorPanel.qml", "SimConnectorGroup.qml", "SimCsmsGroup.qml", "SimPowerGroup.qml"}
WAYS_OUT = re.compile(r"Qt\.(quit|exit)\s*\(|\.(close|showNormal|showMinimized|showMaximized|lower)\s*\(|"
                      r"visibility\s*[:=]|flags\s*:")


def test_no_kiosk_screen_can_close_or_leave_its_window() -> None:
    files = [f for f in QML.rglob("*.qml") if f.name not in NOT_KIOSK]
    assert len(files) > 20
    offending = [f"{f.relative_to(QML)}:{n}: {line.strip()}" for f in files
                 for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
                 if WAYS_OUT.search(line) and not line.strip().startswith("//")]
    assert offending == []


def test_every_key_the_kiosk_listens_to_is_one_of_the_two_buttons() -> None:
    assert LEFT_KEYS.isdisjoint(RIGHT_KEYS)
    source = (Path(__file__).resolve().parents[2] / "hmi" / "input.py").read_text(encoding="utf-8")
    assert "quit" not in source and ".close(" not in source


def test_no_kiosk_qml_declares_a_keyboard_shortcut_or_key_handler() -> None:
    """Keys reach the kiosk only through hmi/input.py's filter: no ``Shortcut``, ``Keys.`` handler,
    ``Action`` shortcut or key navigation in QML (tests/ui/test_kiosk_hygiene.py sends them all)."""
    shortcuts = re.compile(r"\bShortcut\s*\{|\bKeys\.|\bshortcut\s*:|\bsequences?\s*:|KeyNavigation\.")
    files = [f for f in QML.rglob("*.qml") if f.name not in NOT_KIOSK]
    offending = [f"{f.relative_to(QML)}:{n}: {line.strip()}" for f in files
                 for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
                 if shortcuts.search(line) and not line.strip().startswith("//")]
    assert offending == []
