"""The station's SQLite store: WAL, durable commits, registers that never go back, interrupted
sessions, latched codes kept across a soft reset, and databases of older versions."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from controller.store import FINISHED, INTERRUPTED, RUNNING, SCHEMA_VERSION, LatchedCode, Store, StoreError

T0 = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


def test_the_database_is_in_wal_mode_with_durable_commits(tmp_path: Path) -> None:
    store = Store(tmp_path / "var" / "evse.sqlite3")
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    store.close()


def test_a_session_is_recorded_from_start_to_finish(tmp_path: Path) -> None:
    store = Store(tmp_path / "evse.sqlite3")
    session = store.begin_session(2, "04A1B2C3D4E5F6", "rfid", T0, meter_start_wh=1000.0, start_soc=20)
    assert store.session(session).status == RUNNING
    store.checkpoint(2, 6000.0, T0 + timedelta(minutes=5), session, energy_wh=5000.0, soc=31)
    store.end_session(session, 2, 9000.0, 8000.0, 40, "card", T0 + timedelta(minutes=9))
    record = store.session(session)
    assert (record.status, record.energy_wh, record.soc, record.stop_reason) == (FINISHED, 8000.0, 40, "card")
    assert record.ended_at == T0 + timedelta(minutes=9)
    assert store.meter_registers() == {2: 9000.0}
    assert store.sessions()[0].id == session


def test_a_register_never_goes_backwards(tmp_path: Path) -> None:
    store = Store(tmp_path / "evse.sqlite3")
    store.checkpoint(1, 500.0, T0)
    store.checkpoint(1, 400.0, T0 + timedelta(seconds=5))
    assert store.meter_registers() == {1: 500.0}


def test_a_session_cut_off_is_recovered_once_with_its_last_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    store = Store(path)
    session = store.begin_session(1, "04A1B2C3D4E5F6", "rfid", T0, 0.0, 20)
    store.checkpoint(1, 2500.0, T0 + timedelta(minutes=3), session, energy_wh=2500.0, soc=26)
    del store  # killed: never closed
    store = Store(path)
    (record,) = store.recover_interrupted()
    assert (record.id, record.status, record.energy_wh, record.soc) == (session, INTERRUPTED, 2500.0, 26)
    assert record.ended_at == T0 + timedelta(minutes=3)
    assert store.recover_interrupted() == []
    assert store.meter_registers() == {1: 2500.0}


def test_a_database_from_newer_software_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=99")
    with pytest.raises(StoreError, match="schema version 99"):
        Store(path)


def test_latched_codes_kept_by_a_soft_reset_are_taken_once_after_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    store = Store(path)
    welded = LatchedCode("011011", 1, 0, True, None)
    module = LatchedCode("011031", 0, 2, False, ("PSU", 81.5, "C"))
    store.keep_latched_codes([welded, module], T0)
    store.close()
    store = Store(path)  # the next station (a kill in between loses nothing either: durable commits)
    assert store.take_latched_codes() == [welded, module]
    assert store.take_latched_codes() == [], "a start-up after that one is a power cycle"
    store.keep_latched_codes([welded], T0)
    store.keep_latched_codes([], T0)  # a hard reset or a shutdown keeps none
    assert store.take_latched_codes() == []


def test_a_version_3_database_is_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    store = Store(path)
    session = store.begin_session(1, "04A1B2C3D4E5F6", "rfid", T0, 0.0, 20)
    store._db.execute("DROP TABLE latched_codes")
    store._db.execute("PRAGMA user_version=3")
    store.close()
    store = Store(path)
    assert store._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert store.session(session).status == RUNNING
    store.keep_latched_codes([LatchedCode("011013", 2, 0, True, None)], T0)
    assert store.take_latched_codes() == [LatchedCode("011013", 2, 0, True, None)]
