"""UI fixtures: a kiosk rig per test, torn down cleanly."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication

from hmi.scene import load_fonts
from tests.ui.rig import KioskRig

RigFactory = Callable[..., KioskRig]


@pytest.fixture(scope="session", autouse=True)
def _fonts(qapp: QApplication) -> None:
    load_fonts(qapp)


@pytest.fixture
def make_rig(qapp: QApplication) -> Iterator[RigFactory]:
    rigs: list[KioskRig] = []

    def factory(version: str = "J0U", **sections: dict) -> KioskRig:
        rig = KioskRig(version, **sections)
        rigs.append(rig)
        return rig

    yield factory
    for rig in rigs:
        rig.close()


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))
