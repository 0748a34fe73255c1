"""Fixtures: a demo central system process per test; every frame the charger sent in the
test is checked against the official OCPP 1.6 JSON schemas afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.ocpp.harness import CentralSystemProcess, schema_errors

CentralFactory = Callable[..., CentralSystemProcess]


@pytest.fixture
def start_central(tmp_path: Path) -> Iterator[CentralFactory]:
    """``start_central("--boot-status", "Pending")``: a running central system."""
    started: list[CentralSystemProcess] = []

    def factory(*arguments: str) -> CentralSystemProcess:
        central = CentralSystemProcess(tmp_path / f"csms-{len(started)}.jsonl", *arguments)
        central.start()
        started.append(central)
        return central

    yield factory
    for central in started:
        central.kill()
    for central in started:
        assert schema_errors(central) == [], "the charger sent frames that break the OCPP 1.6 schemas"


@pytest.fixture
def central(start_central: CentralFactory) -> CentralSystemProcess:
    return start_central("--heartbeat-interval", "300")
