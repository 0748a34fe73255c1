"""Screens are named once (hmi/screens.py), and the demo's panel stays out of the kiosk."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from hmi.screens import Screen
from hmi.viewmodel import Kiosk

REPO = Path(__file__).resolve().parents[2]
#: Strings that spell a screen's name but mean something else: (file, text).
NOT_A_SCREEN = {("hmi/demo_panel.py", "status")}  # the demo central system's answer field
_QML_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"' + r"|'((?:[^'\\]|\\.)*)'")


def screen_names_written(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each string literal in ``path`` that is a screen's name."""
    names = {screen.value for screen in Screen}
    if path.suffix == ".py":
        return [(node.lineno, node.value) for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in names]
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for match in _QML_STRING.finditer(line):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            if text in names:
                found.append((number, text))
    return found


def test_no_screen_name_is_written_outside_the_screen_enum() -> None:
    sources = [*sorted((REPO / "hmi").glob("*.py")), *sorted((REPO / "qml").rglob("*.qml"))]
    written = [f"{path.relative_to(REPO)}:{line}: {text!r}"
               for path in sources if path.name != "screens.py"
               for line, text in screen_names_written(path)
               if (str(path.relative_to(REPO)), text) not in NOT_A_SCREEN]
    assert written == [], "use hmi.screens.Screen (Kiosk.Screen in QML)"


def test_the_check_finds_a_screen_name_in_python_and_in_qml(tmp_path: Path) -> None:
    python = tmp_path / "navigation.py"
    python.write_text('def screen():\n    return "outOfService"\n', encoding="utf-8")
    qml = tmp_path / "Main.qml"
    qml.write_text("Item {\n    visible: Kiosk.screen === 'plugin'\n}\n", encoding="utf-8")
    assert screen_names_written(python) == [(2, "outOfService")]
    assert screen_names_written(qml) == [(2, "plugin")]


def test_qml_knows_every_screen_and_main_qml_has_a_place_for_each() -> None:
    meta = Kiosk.staticMetaObject
    enum = meta.enumerator(meta.indexOfEnumerator("Screen"))
    assert [(enum.key(i), enum.value(i)) for i in range(enum.keyCount())] == [
        (screen.qml_name, screen.qml_value) for screen in Screen]
    assert Kiosk().property("screens") == [screen.qml_value for screen in Screen]
    main = (REPO / "qml" / "Evse" / "Main.qml").read_text(encoding="utf-8")
    missing = [screen.qml_name for screen in Screen if f"case Kiosk.Screen.{screen.qml_name}:" not in main]
    assert missing == [], "Main.qml has no component for these screens"


def test_a_screen_is_its_name_for_scenarios_logs_and_file_names() -> None:
    assert Screen.OUT_OF_SERVICE == "outOfService" and f"{Screen.PLUGIN}" == "plugin"
    assert (Screen.OUT_OF_SERVICE.qml_name, Screen.OUT_OF_SERVICE.slug) == ("OutOfService", "out-of-service")


def test_the_kiosk_never_loads_the_simulator_panel() -> None:
    probe = ("import sys; import hmi.app, hmi.bridge, hmi.desktop, hmi.headless, hmi.presenter, hmi.scene, "
             "hmi.viewmodel; print('hmi.simulator_panel' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60,
                            check=True)
    assert result.stdout.strip() == "False"
