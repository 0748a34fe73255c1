"""The station's SQLite store: WAL, durable commits, registers that never go back, interrupted sessions."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from controller.store import FINISHED, INTERRUPTED, RUNNING, Store, StoreError

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
