"""Generate the qmllint type information for the Python types of QML module ``Evse``.

    python tools/qmllint_types.py OUT_DIR

``pyside6-metaobjectdump`` reads the Python modules (``hmi/viewmodel.py``, and the demo's
``hmi/simulator_panel.py``) statically and so misses every property generated from a
view model's dataclass, and every enum that is not declared in the class body.  This
script starts from its output (class hierarchy, QML class infos, signals, slots) and
replaces each class's properties and enums with the ones its live ``QMetaObject``
reports, then runs ``pyside6-qmltyperegistrar`` to write ``OUT_DIR/evse.qmltypes``.
``tools/qmllint`` calls it; the output directory (``.qmllint-types/``) is git-ignored.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SOURCES = (REPO / "hmi" / "viewmodel.py", REPO / "hmi" / "simulator_panel.py")
BIN = Path(sys.executable).parent

sys.path.insert(0, str(REPO))

from PySide6.QtCore import QMetaObject  # noqa: E402
from PySide6.scripts.project_lib import qt_metatype_json_dir  # noqa: E402

from hmi import simulator_panel, viewmodel  # noqa: E402

MODULES = (viewmodel, simulator_panel)


def runtime_properties(meta: QMetaObject) -> list[dict[str, Any]]:
    """The properties a class itself declares, as moc would describe them."""
    properties = []
    for index in range(meta.propertyOffset(), meta.propertyCount()):
        prop = meta.property(index)
        entry: dict[str, Any] = {
            "name": prop.name(),
            "type": prop.typeName(),
            "index": index - meta.propertyOffset(),
            "read": prop.name(),
        }
        if prop.hasNotifySignal():
            entry["notify"] = bytes(prop.notifySignal().name()).decode()
        if prop.isWritable():
            entry["write"] = "set" + prop.name()[:1].upper() + prop.name()[1:]
        if prop.isConstant():
            entry["constant"] = True
        properties.append(entry)
    return properties


def runtime_enums(meta: QMetaObject) -> list[dict[str, Any]]:
    """The enums a class itself declares (``QEnum``), as moc would describe them."""
    enums = []
    for index in range(meta.enumeratorOffset(), meta.enumeratorCount()):
        enum = meta.enumerator(index)
        enums.append({
            "name": enum.name(),
            "isClass": enum.isScoped(),
            "isFlag": enum.isFlag(),
            "values": [enum.key(key) for key in range(enum.keyCount())],
        })
    return enums


def python_class(name: str) -> Any:
    for module in MODULES:
        if name in vars(module):
            return vars(module)[name]
    return None


def metatypes(work_dir: Path) -> Path:
    """metaobjectdump's JSON with properties and enums taken from the live classes."""
    dumped = work_dir / "viewmodel.metatypes.json"
    subprocess.run(
        [str(BIN / "pyside6-metaobjectdump"), "--quiet", "-o", str(dumped), *map(str, SOURCES)],
        check=True,
    )
    data = json.loads(dumped.read_text())
    for module in data:
        for cls in module["classes"]:
            found = python_class(cls["className"])
            if found is None or not hasattr(found, "staticMetaObject"):
                continue
            for key, entries in (("properties", runtime_properties(found.staticMetaObject)),
                                 ("enums", runtime_enums(found.staticMetaObject))):
                if entries:
                    cls[key] = entries
                else:
                    cls.pop(key, None)
    dumped.write_text(json.dumps(data, indent=2))
    return dumped


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else REPO / ".qmllint-types"
    out_dir.mkdir(parents=True, exist_ok=True)
    json_file = metatypes(out_dir)
    meta_dir = qt_metatype_json_dir()
    foreign = [next(meta_dir.glob(f"qt6{name}_*metatypes.json")) for name in ("core", "qml")]
    subprocess.run(
        [
            str(BIN / "pyside6-qmltyperegistrar"),
            "--generate-qmltypes",
            str(out_dir / "evse.qmltypes"),
            "-o",
            str(out_dir / "evse_qmltyperegistrations.cpp"),
            "--import-name",
            viewmodel.QML_IMPORT_NAME,
            "--major-version",
            str(viewmodel.QML_IMPORT_MAJOR_VERSION),
            "--minor-version",
            "0",
            "--foreign-types=" + ",".join(str(path) for path in foreign),
            str(json_file),
        ],
        check=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
