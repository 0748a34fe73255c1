"""Fixtures: the demo central system (both OCPP versions) as a process per test; at the end of
the test, no frame a charger sent may have broken the official JSON schemas (the central
system checks every one, independently of the ``ocpp`` library)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.ocpp201.central import CentralSystem201

Central201Factory = Callable[..., CentralSystem201]


@pytest.fixture
def start_central201(tmp_path: Path) -> Iterator[Central201Factory]:
    """``start_central201("--ocpp-version", "2.0.1")``: a running central system (its URL is
    ``.url``, its HTTP door ``.get`` / ``.set`` / ``.call_async`` / ``.request``)."""
    started: list[CentralSystem201] = []

    def factory(*arguments: str) -> CentralSystem201:
        central = CentralSystem201(tmp_path / f"csms201-{len(started)}.jsonl", *arguments)
        central.start()
        started.append(central)
        return central

    yield factory
    violations = {id(c): c.violations() for c in started if c.process is not None and not c.violations_expected}
    for central in started:
        central.kill()
    for found in violations.values():
        assert found == [], "a charger sent frames that break the official OCPP JSON schemas"


@pytest.fixture
def central201(start_central201: Central201Factory) -> CentralSystem201:
    """A central system speaking both versions (the charger's first offer wins)."""
    return start_central201()
