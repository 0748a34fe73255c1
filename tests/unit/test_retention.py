"""Session history retention: old ended sessions go, by age and by count; a running session
and one the backend still needs stay; the station prunes at start-up and then daily by its
own (here fake) clock.  Real SQLite files throughout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from controller.config import Config
from controller.retention import Retention, SessionPruner
from controller.sim.world import World
from controller.store import Store

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # FakeClock's start
CARD = "04A1B2C3D4E5F6"


def ended(store: Store, days_ago: float, connector_id: int = 1) -> int:
    """A session that ended ``days_ago`` days before NOW (it lasted half an hour)."""
    end = NOW - timedelta(days=days_ago)
    session = store.begin_session(connector_id, CARD, "rfid", end - timedelta(minutes=30), 0.0, None)
    store.end_session(session, connector_id, 1000.0, 1000.0, 80, "card", end)
    return session


def kept(store: Store) -> list[int]:
    return sorted(s.id for s in store.sessions(limit=1000))


def test_sessions_that_ended_before_the_retention_period_are_pruned(tmp_path: Path) -> None:
    store = Store(tmp_path / "evse.sqlite3")
    old, older = ended(store, 31), ended(store, 400)
    recent = ended(store, 29)
    assert SessionPruner(store, Retention(days=30)).prune(NOW) == 2
    assert kept(store) == [recent]
    assert old not in kept(store) and older not in kept(store)


def test_only_the_newest_sessions_are_kept_when_rows_are_limited(tmp_path: Path) -> None:
    store = Store(tmp_path / "evse.sqlite3")
    sessions = [ended(store, days) for days in (5, 4, 3, 2, 1)]
    assert SessionPruner(store, Retention(rows=3)).prune(NOW) == 2
    assert kept(store) == sessions[2:]


def test_a_running_session_and_one_the_backend_still_needs_are_never_pruned(tmp_path: Path) -> None:
    store = Store(tmp_path / "evse.sqlite3")
    running = store.begin_session(2, CARD, "rfid", NOW - timedelta(days=90), 0.0, None)  # a (very) long one
    undelivered = ended(store, 60)
    gone = ended(store, 60)
    pruner = SessionPruner(store, Retention(days=30, rows=1))
    pruner.undelivered = lambda: {undelivered}
    assert pruner.prune(NOW) == 1
    assert kept(store) == [running, undelivered]
    assert gone not in kept(store)


def test_no_limits_keep_everything(tmp_path: Path) -> None:
    store = Store(tmp_path / "evse.sqlite3")
    ended(store, 10_000)
    assert SessionPruner(store, Retention()).prune(NOW) == 0
    assert len(kept(store)) == 1


def test_the_station_prunes_at_start_up_and_then_once_a_day_by_its_clock(tmp_path: Path) -> None:
    store = Store(tmp_path / "evse.sqlite3")
    stale = ended(store, 45)
    due_tomorrow = ended(store, 29.5)
    config = Config().with_overrides(station={"version": "J0U"}, simulation={"boot_time_factor": 0.0},
                                     storage={"session_retention_days": 30})
    world = World(config, store=store)
    try:
        world.step()
        assert kept(store) == [due_tomorrow], "pruned at start-up"
        world.start()
        world.clock.advance(18 * 3600)
        world.step()
        assert kept(store) == [due_tomorrow], "past its retention now, but the next prune is a day after the last"
        world.clock.advance(6 * 3600)
        world.step()
        assert kept(store) == [], "a day after start-up"
        assert stale not in kept(store)
    finally:
        world.close()
