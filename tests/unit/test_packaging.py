"""The wheel a release bundle carries holds every package of the project: a package missing
from pyproject's list works in the source tree (and in an editable install) and fails only on
a charger after an update."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_python_package_of_the_project_is_in_the_wheel() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts)
             for top in ("controller", "hmi") for init in (ROOT / top).rglob("__init__.py")
             if "__pycache__" not in init.parts}
    assert found - listed == set(), "add these to [tool.setuptools].packages"
