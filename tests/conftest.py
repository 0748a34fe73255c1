"""Shared fixtures: simulated stations on a fake clock, one private CAN channel each."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

from controller import commands as cmd
from controller.config import Config
from controller.sim.world import World
from controller.types import Side

KNOWN_CARD = "04A1B2C3D4E5F6"
OTHER_KNOWN_CARD = "04112233445566"
UNKNOWN_CARD = "DEADBEEF0001"

WorldFactory = Callable[..., World]


@pytest.fixture
def make_world() -> Iterator[WorldFactory]:
    """``make_world("J0U", limits={...})``: a started station with simulated hardware."""
    worlds: list[World] = []

    def factory(version: str = "J0U", start: bool = True, **sections: dict) -> World:
        config = Config().with_overrides(station={"version": version}, **sections)
        world = World(config)
        worlds.append(world)
        if start:
            world.start()
        return world

    yield factory
    for world in worlds:
        world.close()


@pytest.fixture(autouse=True)
def _quiet_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)


def charge(world: World, side: Side, card: str = KNOWN_CARD, timeout: float = 30.0) -> None:
    """Authorize with ``card``, plug ``side`` in and wait until energy flows."""
    world.station.submit(cmd.PresentToken(card))
    world.advance(0.1)
    world.hardware.plug(side)
    assert world.run_until(lambda v: v.connector(side).state == "charging", timeout), world.view.connector(side)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden screenshots from this run (review them before committing)")
