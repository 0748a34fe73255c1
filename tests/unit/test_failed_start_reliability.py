"""A retry on the kept authorization counts as what it is (controller.reliability): the failed
start is the first attempt, unsuccessful with its code; the retry is no new first attempt.
Real station on the simulated boards, a real SQLite file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from controller import commands as cmd
from controller import reliability_store as rs
from controller.clock import FakeClock
from controller.config import Config
from controller.config_error import ConfigError
from controller.reliability import RETRY_WINDOW, session_stats
from controller.sim.world import World
from controller.store import Store
from controller.types import Side
from tests.conftest import KNOWN_CARD


def test_a_kept_retry_is_a_retry_of_the_same_first_attempt(tmp_path: Path) -> None:
    world = World(Config().with_overrides(station={"version": "U00"}), clock=FakeClock(),
                  store=Store(tmp_path / "evse.sqlite3"))
    world.start()
    try:
        world.hardware.set_next_ev(Side.LEFT, start_soc=70, target_soc=72)
        world.hardware.boards[Side.LEFT].fail_next_start("communication")
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        world.advance(0.2)
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        world.hardware.unplug(Side.LEFT)
        world.advance(10)
        world.hardware.plug(Side.LEFT)  # no tap: the kept authorization
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 1800)
        world.advance(1.0)
        outcomes = rs.session_outcomes(world.store.connection, world.clock.now() - timedelta(days=1),
                                       world.clock.now())
    finally:
        world.close()
    assert [(o.successful, o.error_code) for o in outcomes] == [(False, "023701"), (True, "")]
    stats = session_stats(outcomes, 1)
    assert (stats.sessions, stats.successful, stats.first_attempts, stats.first_attempt_successes) == (2, 1, 1, 0)
    assert stats.first_attempt_rate == 0.0, "the retry's success is not a first attempt's"


def test_the_window_can_never_outlast_the_reliability_counts_retry_window() -> None:
    assert Config().with_overrides(authorization={"retry_window_s": RETRY_WINDOW.total_seconds()})
    with pytest.raises(ConfigError, match=r"\[authorization\].retry_window_s"):
        Config().with_overrides(authorization={"retry_window_s": RETRY_WINDOW.total_seconds() + 1})
