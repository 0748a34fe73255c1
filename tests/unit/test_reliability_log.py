"""Outages and session outcomes recorded by the station in its store (controller.reliability_log),
on a simulated station with a real SQLite file; restarts open the same file again."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from controller import reliability_store as rs
from controller.clock import FakeClock
from controller.config import Config
from controller.reliability import Exclusion, session_stats
from controller.reliability_log import ReliabilityLog
from controller.sim.world import World
from controller.store import Store
from controller.types import Side
from tests.conftest import charge


def world_on(path: Path, clock: FakeClock | None = None, **sections: dict) -> World:
    config = Config().with_overrides(station={"version": "J0U"}, **sections)
    world = World(config, clock=clock or FakeClock(), store=Store(path))
    world.start()
    return world


def rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_the_self_test_is_an_outage_of_each_port_that_ends_when_it_is_ready(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    world = world_on(path)
    outages = rows(path, "SELECT connector_id, cause, exclusion, ended_at IS NOT NULL FROM outages ORDER BY id")
    assert outages == [(1, "starting_up", "", 1), (2, "starting_up", "", 1)]
    world.close()


def test_a_door_opened_is_an_outage_counted_or_excluded_as_configured(tmp_path: Path) -> None:
    for vandalism, exclusion in ((False, ""), (True, "vandalism")):
        path = tmp_path / f"evse-{vandalism}.sqlite3"
        world = world_on(path, reliability={"door_is_vandalism": vandalism})
        opened = world.clock.now()
        world.hardware.set_door_open(True)
        world.advance(1.0)
        world.hardware.set_door_open(False)
        world.advance(1.0)
        assert world.station.reliability.open_outages() == {}
        door = rows(path, "SELECT connector_id, cause, exclusion, started_at, ended_at FROM outages"
                          " WHERE cause = '012252' ORDER BY connector_id")
        assert [row[:3] for row in door] == [(1, "012252", exclusion), (2, "012252", exclusion)]
        minutes = (rs._time(door[0][4]) - rs._time(door[0][3])).total_seconds() / 60
        assert 0.9 / 60 <= minutes <= 1.2 / 60
        assert rs._time(door[0][3]) - opened < timedelta(seconds=0.5)
        world.close()


def test_a_session_keeps_its_peak_power_and_its_success(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    world = world_on(path)
    world.hardware.set_next_ev(Side.LEFT, start_soc=70, target_soc=72)
    charge(world, Side.LEFT)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 1800)
    world.advance(1.0)
    peak, code, reason = rows(path, "SELECT peak_w, stop_code, stop_reason FROM sessions")[0]
    assert peak > 10_000 and code == "" and reason == "ev_target_reached"
    outcomes = rs.session_outcomes(world.store.connection, world.clock.now() - timedelta(days=1), world.clock.now())
    assert [o.successful for o in outcomes] == [True]
    assert session_stats(outcomes, 1).first_attempt_rate == 100.0
    world.close()


def test_a_blocking_fault_ends_the_session_unsuccessfully_with_its_code(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    world = world_on(path)
    charge(world, Side.LEFT)
    world.advance(5.0)
    world.hardware.set_emergency_stop(True)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
    world.advance(1.0)
    outcome = rs.session_outcomes(world.store.connection, world.clock.now() - timedelta(days=1),
                                  world.clock.now())[0]
    assert not outcome.successful
    assert outcome.error_code == "012251"
    assert outcome.peak_w is not None and outcome.peak_w > 0
    world.close()


def test_a_power_cut_is_a_grid_outage_from_the_last_alive_time_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    clock = FakeClock()
    store = Store(path)
    log = ReliabilityLog(store, [1, 2], clock.now(), boot="boot-1")
    assert log.open_outages() == {}
    cut_at = clock.now()
    store.close()  # no clean close of the log: the power went
    clock.advance(3600)  # an hour without power
    store = Store(path)
    log = ReliabilityLog(store, [1, 2], clock.now(), boot="boot-2")
    open_now = log.open_outages()
    assert {port: (o.cause, o.exclusion, o.start) for port, o in open_now.items()} == {
        1: ("power_loss", Exclusion.GRID, cut_at), 2: ("power_loss", Exclusion.GRID, cut_at)}
    store.close()
    clock.advance(60)  # cut again during start-up: the first outage closes at the last alive time once
    store = Store(path)
    log = ReliabilityLog(store, [1, 2], clock.now(), boot="boot-3")
    outages = rows(path, "SELECT connector_id, cause, started_at, ended_at FROM outages ORDER BY id")
    assert len(outages) == 4
    assert [(o[1], o[3] is None) for o in outages] == [("power_loss", False)] * 2 + [("power_loss", True)] * 2
    assert rs._time(outages[0][3]) == cut_at + timedelta(seconds=3600)
    store.close()


def test_a_crash_and_a_clean_stop_are_counted_outages(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    clock = FakeClock()
    store = Store(path)
    ReliabilityLog(store, [1], clock.now(), boot="same")
    store.close()
    clock.advance(10)
    store = Store(path)
    log = ReliabilityLog(store, [1], clock.now(), boot="same")  # same boot: only the process died
    assert (log.open_outages()[1].cause, log.open_outages()[1].exclusion) == ("crash", Exclusion.NONE)
    log.close(clock.now())
    store.close()
    store = Store(path)
    log = ReliabilityLog(store, [1], clock.now(), boot="same")
    assert log.open_outages()[1].cause == "shutdown"
    store.close()


def test_a_restarted_station_closes_the_stop_outage_when_ready(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    clock = FakeClock()
    world = world_on(path, clock)
    world.close()  # a clean stop
    clock.advance(120)
    world = world_on(path, clock)
    outages = rows(path, "SELECT connector_id, cause, ended_at IS NULL FROM outages ORDER BY id")
    # each port: the first start-up, then the stop and the second start-up as one "shutdown" outage
    assert outages == [(1, "starting_up", 0), (2, "starting_up", 0), (1, "shutdown", 0), (2, "shutdown", 0)]
    result = rs.port_summary(world.store.connection, 1, clock.now() - timedelta(days=1), clock.now(), clock.now())
    assert 2.0 <= result["outage_minutes"] <= 2.2 and result["excluded_minutes"] == 0
    world.close()


def test_an_older_database_gains_the_tables_and_still_opens_in_the_version_before(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    store = Store(path)
    number = store.begin_session(1, "X", "rfid", rs._time("2026-01-01T10:00:00+00:00"), 0.0, 20)
    store.end_session(number, 1, 5000.0, 5000.0, 60, "card", rs._time("2026-01-01T10:30:00+00:00"))
    version = store.connection.execute("PRAGMA user_version").fetchone()[0]
    ReliabilityLog(store, [1], rs._time("2026-01-02T00:00:00+00:00"), boot="b")
    assert store.connection.execute("PRAGMA user_version").fetchone()[0] == version, "no schema version bump"
    start = rs._time("2026-01-01T00:00:00+00:00")
    outcome = rs.session_outcomes(store.connection, start, start + timedelta(days=1))[0]
    assert outcome.peak_w is None and outcome.stop_code == "" and outcome.successful  # recorded before: no peak
    store.close()
    store = Store(path)  # the store itself (what the version before runs) reads its own columns as before
    assert store.session(number).energy_wh == 5000.0
    store.close()


def test_the_engineer_page_gives_each_ports_uptime_and_the_latest_outages(tmp_path: Path) -> None:
    world = world_on(tmp_path / "evse.sqlite3")
    world.hardware.set_door_open(True)
    world.advance(432.0)  # 7.2 min: (43,200 - 7.2) / 43,200 x 100 = 99.983 % over 30 days
    ports, outages = world.station.reliability.engineer_page(world.station.state)
    assert [(p.port, p.down) for p in ports] == [(1, "012252"), (2, "012252")]
    world.hardware.set_door_open(False)
    world.advance(1.0)
    ports, outages = world.station.reliability.engineer_page(world.station.state)  # refreshed: an outage changed
    assert [p.down for p in ports] == ["", ""]
    assert abs(ports[0].outage_minutes_30d - 7.2) < 0.05 and ports[0].excluded_minutes_30d == 0
    assert abs(ports[0].uptime_30d - 99.983) < 0.001
    assert [(o.port, o.cause, o.open) for o in outages[:2]] == [(2, "012252", False), (1, "012252", False)]
    world.close()
