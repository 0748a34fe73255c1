"""The two databases: a session the station recorded for the backend is taken over by the
charge point exactly once, across kills, whichever file is newer (real SQLite files)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from controller.backend import unreported_sessions
from controller.ocpp.queue import START, TransactionQueue
from controller.ocpp.storage import Storage
from controller.store import Store

T0 = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
CARD = "04A1B2C3D4E5F6"


def test_a_session_recorded_but_never_queued_is_handed_over_once(tmp_path: Path) -> None:
    store, storage = Store(tmp_path / "evse.sqlite3"), Storage(tmp_path / "ocpp.sqlite3")
    queue = TransactionQueue(storage)
    assert unreported_sessions(store, queue) == [], "the first start-up: nothing recorded yet"
    handed = store.begin_session(1, CARD, "rfid", T0, 1200.0, 20, backend=True)
    queue.start(1, CARD, 1200, T0, session_id=handed)  # recorded and queued: the normal case
    lost = store.begin_session(2, CARD, "rfid", T0 + timedelta(minutes=1), 3400.0, 30, backend=True)
    store.close()  # killed before the StartTransaction of ``lost`` was queued
    storage.close()

    store, storage = Store(tmp_path / "evse.sqlite3"), Storage(tmp_path / "ocpp.sqlite3")
    queue = TransactionQueue(storage)
    (event,) = unreported_sessions(store, queue)
    assert (event.session_id, event.connector_id, event.id_tag, event.meter_start_wh, event.timestamp) == (
        lost, 2, CARD, 3400, T0 + timedelta(minutes=1))
    queue.start(event.connector_id, event.id_tag, event.meter_start_wh, event.timestamp,
                session_id=event.session_id)  # what OcppClient.prepare does with it
    assert unreported_sessions(store, queue) == [], "taken over: never again"
    assert [m.action for m in queue.pending()] == [START, START]
    assert queue.undelivered_sessions() == {handed, lost}


def test_a_new_charge_point_database_takes_over_no_session_recorded_before_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "evse.sqlite3")
    store.begin_session(1, CARD, "rfid", T0, 0.0, None, backend=True)  # reported to an earlier central system
    queue = TransactionQueue(Storage(tmp_path / "ocpp.sqlite3"))
    assert unreported_sessions(store, queue) == []
    later = store.begin_session(1, CARD, "rfid", T0 + timedelta(hours=1), 500.0, None, backend=True)
    assert [e.session_id for e in unreported_sessions(store, queue)] == [later]


def test_a_session_recorded_without_a_backend_is_never_handed_over(tmp_path: Path) -> None:
    store = Store(tmp_path / "evse.sqlite3")
    queue = TransactionQueue(Storage(tmp_path / "ocpp.sqlite3"))
    assert unreported_sessions(store, queue) == []
    store.begin_session(1, CARD, "rfid", T0, 0.0, None)  # the backend was configured away meanwhile
    assert unreported_sessions(store, queue) == []


def test_databases_of_the_previous_version_gain_the_hand_over_columns(tmp_path: Path) -> None:
    station_file, ocpp_file = tmp_path / "evse.sqlite3", tmp_path / "ocpp.sqlite3"
    with sqlite3.connect(station_file) as db:  # version 2 of the station's schema
        db.executescript("""
            CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, connector_id INTEGER NOT NULL,
                id_token TEXT NOT NULL, method TEXT NOT NULL, started_at TEXT NOT NULL,
                meter_start_wh REAL NOT NULL, energy_wh REAL NOT NULL DEFAULT 0, start_soc INTEGER, soc INTEGER,
                status TEXT NOT NULL, stop_reason TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL,
                ended_at TEXT);
            INSERT INTO sessions (connector_id, id_token, method, started_at, meter_start_wh, status, updated_at)
                VALUES (1, 'OLD', 'rfid', '2026-01-01T00:00:00+00:00', 0, 'finished', '2026-01-01T00:00:00+00:00');
            PRAGMA user_version=2;
        """)
    with sqlite3.connect(ocpp_file) as db:  # version 1 of the charge point's schema
        db.executescript("""
            CREATE TABLE transactions (local_id INTEGER PRIMARY KEY AUTOINCREMENT, connector_id INTEGER NOT NULL,
                id_tag TEXT NOT NULL, started TEXT NOT NULL, meter_start INTEGER NOT NULL,
                last_meter INTEGER NOT NULL, last_seen TEXT NOT NULL, real_id INTEGER,
                stopped INTEGER NOT NULL DEFAULT 0);
            INSERT INTO transactions (connector_id, id_tag, started, meter_start, last_meter, last_seen)
                VALUES (1, 'OLD', '2026-01-01T00:00:00+00:00', 0, 0, '2026-01-01T00:00:00+00:00');
        """)
    store, storage = Store(station_file), Storage(ocpp_file)
    queue = TransactionQueue(storage)
    assert store.sessions()[0].id_token == "OLD"
    assert unreported_sessions(store, queue) == [], "sessions of the old version are not reported again"
    assert [tx.id_tag for tx in queue.open_transactions()] == ["OLD"]
    assert queue.undelivered_sessions() == frozenset(), "an old transaction names no session"
    assert storage.get("schema_version") == 2
