"""The charge point's SQLite database: configuration, authorization, queued messages,
transactions, charging profiles, reservations and availability survive a killed process.

WAL journal, one connection owned by the controller's loop thread; every write is its own
transaction (``with storage.transaction()``), so a power cut leaves either the old or the
new row.  The other modules own their tables' meaning; this one owns the schema.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 2  # 2: transactions.session_id (new tables need no version: see _SCHEMA's end)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS auth_cache (
    id_tag TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    expiry TEXT,
    parent_id_tag TEXT,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS local_list (
    id_tag TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    expiry TEXT,
    parent_id_tag TEXT
);
CREATE TABLE IF NOT EXISTS transactions (
    local_id INTEGER PRIMARY KEY AUTOINCREMENT,
    connector_id INTEGER NOT NULL,
    id_tag TEXT NOT NULL,
    started TEXT NOT NULL,
    meter_start INTEGER NOT NULL,
    last_meter INTEGER NOT NULL,
    last_seen TEXT NOT NULL,
    real_id INTEGER,
    stopped INTEGER NOT NULL DEFAULT 0,
    session_id INTEGER                     -- the station's record of it (its store's session id)
);
CREATE TABLE IF NOT EXISTS tx_messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    unique_id TEXT NOT NULL,
    action TEXT NOT NULL,
    local_tx INTEGER NOT NULL,
    payload TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before TEXT
);
CREATE TABLE IF NOT EXISTS charging_profiles (
    profile_id INTEGER PRIMARY KEY,
    connector_id INTEGER NOT NULL,
    profile TEXT NOT NULL,
    installed TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reservations (
    reservation_id INTEGER PRIMARY KEY,
    connector_id INTEGER NOT NULL,
    id_tag TEXT NOT NULL,
    parent_id_tag TEXT,
    expiry TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS availability (
    connector_id INTEGER PRIMARY KEY,
    operative INTEGER NOT NULL
);
-- OCPP 2.0.1: the values of the device model's variables that only 2.0.1 has
-- (controller.ocpp201.variable_store), with '' for no instance and 0 for no EVSE or connector
CREATE TABLE IF NOT EXISTS device_model (
    component TEXT NOT NULL,
    component_instance TEXT NOT NULL DEFAULT '',
    evse_id INTEGER NOT NULL DEFAULT 0,
    connector_id INTEGER NOT NULL DEFAULT 0,
    variable TEXT NOT NULL,
    variable_instance TEXT NOT NULL DEFAULT '',
    attribute TEXT NOT NULL DEFAULT 'Actual',
    value TEXT NOT NULL,
    PRIMARY KEY (component, component_instance, evse_id, connector_id, variable, variable_instance, attribute)
);
-- OCPP 2.0.1 (controller/ocpp201/tx_queue.py): transactions by the station's own id, and their
-- queued TransactionEvents, each with its seqNo fixed when queued (next_seq_no moves with it).
-- A new table on an older file is made by CREATE TABLE IF NOT EXISTS: no migration step.
CREATE TABLE IF NOT EXISTS tx201_transactions (
    transaction_id TEXT PRIMARY KEY,       -- uuid4, made by the station
    opened INTEGER NOT NULL,               -- order of opening
    evse_id INTEGER NOT NULL,
    id_token TEXT NOT NULL,
    token_type TEXT NOT NULL,
    started TEXT NOT NULL,
    meter_start INTEGER NOT NULL,
    last_meter INTEGER NOT NULL,
    last_seen TEXT NOT NULL,
    session_id INTEGER,                    -- the station's record of it (its store's session id)
    ended INTEGER NOT NULL DEFAULT 0,
    next_seq_no INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tx201_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    unique_id TEXT NOT NULL,
    transaction_id TEXT NOT NULL,
    seq_no INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,                 -- snake_case kwargs of ocpp.v201.call.TransactionEvent, complete
    attempts INTEGER NOT NULL DEFAULT 0,
    not_before TEXT
);
"""


class Storage:
    """One SQLite file (or ``":memory:"`` in tests)."""

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        self.db = sqlite3.connect(self.path, isolation_level=None)  # autocommit; explicit transactions
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        with self.transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            self._migrate()
            self.db.execute("INSERT INTO settings VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET "
                            "value = excluded.value", (str(SCHEMA_VERSION),))

    def _migrate(self) -> None:
        """Bring a database of an older version up to this one (in the opening transaction)."""
        columns = {row["name"] for row in self.db.execute("PRAGMA table_info(transactions)")}
        if "session_id" not in columns:
            self.db.execute("ALTER TABLE transactions ADD COLUMN session_id INTEGER")
        for table in ("local_list", "auth_cache"):  # 2.0.1's whole idTokenInfo (controller.ocpp201.local_list)
            if "info_201" not in {row["name"] for row in self.db.execute(f"PRAGMA table_info({table})")}:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN info_201 TEXT")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on an exception); nests as a no-op."""
        if self.db.in_transaction:
            yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def query(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return self.db.execute(sql, parameters).fetchall()

    def execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        with self.transaction():
            return self.db.execute(sql, parameters)

    # --- a small key/value area for settings that are not tables ------------------------

    def get(self, key: str, default: Any = None) -> Any:
        rows = self.query("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0]["value"]) if rows else default

    def put(self, key: str, value: Any) -> None:
        self.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, json.dumps(value)))

    def delete(self, key: str) -> None:
        self.execute("DELETE FROM settings WHERE key = ?", (key,))

    def close(self) -> None:
        self.db.close()
