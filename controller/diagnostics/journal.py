"""The engine's memory in SQLite: the log requests and their statuses, each status sent once.

A status is written before anything is sent, and marked sent once the central system has
answered it, so statuses queued while offline go out in order when the link is back.  A
request still active at start-up was cut short by a restart: it ends with UploadFailure.
The location is kept without its password.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from controller.diagnostics.redact import Redactor
from controller.diagnostics.status import UploadStatus

_SCHEMA = """
CREATE TABLE IF NOT EXISTS log_requests (
    key INTEGER PRIMARY KEY AUTOINCREMENT,
    origin TEXT NOT NULL,              -- GetDiagnostics (1.6) or GetLog
    request_id INTEGER,                -- the central system's requestId (GetLog), else NULL
    kind TEXT NOT NULL,                -- DiagnosticsLog, SecurityLog
    location TEXT NOT NULL,            -- without its password
    file_name TEXT NOT NULL,
    active INTEGER NOT NULL,           -- 1 until the request has ended
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS log_statuses (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    request_key INTEGER NOT NULL,
    status TEXT NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0
);
"""


@dataclass(frozen=True, slots=True)
class StatusNote:
    """A status to tell the central system: of which request, in which words."""

    seq: int
    origin: str  # "GetDiagnostics" or "GetLog"
    request_id: int | None
    status: UploadStatus


class Journal:
    """The requests and statuses (one connection, the controller loop's thread)."""

    def __init__(self, path: str | Path) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        with self._db:
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def begin(self, origin: str, request_id: int | None, kind: str, location: str, file_name: str,
              at: datetime) -> int:
        """Record a new request (active); its key."""
        with self._db:
            cursor = self._db.execute(
                "INSERT INTO log_requests (origin, request_id, kind, location, file_name, active, created_at) "
                "VALUES (?, ?, ?, ?, ?, 1, ?)",
                (origin, request_id, kind, Redactor().text(location), file_name, at.isoformat()))
        return int(cursor.lastrowid or 0)

    def note(self, key: int, status: UploadStatus, end: bool = False) -> None:
        """Queue ``status`` of request ``key`` (and end the request with it)."""
        with self._db:
            self._db.execute("INSERT INTO log_statuses (request_key, status) VALUES (?, ?)", (key, status.value))
            if end:
                self._db.execute("UPDATE log_requests SET active = 0 WHERE key = ?", (key,))

    def end(self, key: int) -> None:
        """End request ``key`` without a status (a newer request cancelled it)."""
        with self._db:
            self._db.execute("UPDATE log_requests SET active = 0 WHERE key = ?", (key,))

    def cut_short(self) -> list[str]:
        """At start-up: every request still active ends with UploadFailure; their file names."""
        rows = self._db.execute("SELECT key, file_name FROM log_requests WHERE active = 1 ORDER BY key").fetchall()
        for key, _name in rows:
            self.note(key, UploadStatus.UPLOAD_FAILURE, end=True)
        return [name for _key, name in rows]

    def next_unsent(self) -> StatusNote | None:
        """The oldest status not yet answered by the central system."""
        row = self._db.execute(
            "SELECT s.seq, r.origin, r.request_id, s.status FROM log_statuses s JOIN log_requests r "
            "ON r.key = s.request_key WHERE s.sent = 0 ORDER BY s.seq LIMIT 1").fetchone()
        return StatusNote(row[0], row[1], row[2], UploadStatus(row[3])) if row else None

    def sent(self, seq: int) -> None:
        """The central system answered status ``seq``."""
        with self._db:
            self._db.execute("UPDATE log_statuses SET sent = 1 WHERE seq = ?", (seq,))

    def active(self) -> tuple[int, str, int | None] | None:
        """The request in progress: (key, origin, request_id), or None."""
        row = self._db.execute("SELECT key, origin, request_id FROM log_requests WHERE active = 1 "
                               "ORDER BY key DESC LIMIT 1").fetchone()
        return (row[0], row[1], row[2]) if row else None
