"""The reliability tables of the station's store (``outages``, ``alive``, ``sessions.peak_w`` and
``sessions.stop_code``): written by :mod:`controller.reliability_log`, read by it, by ``evse-hmi
report`` and by the diagnostics bundle (on a read-only connection).

They are made here (:func:`ensure_schema`: CREATE TABLE IF NOT EXISTS, and the two columns added
to ``sessions`` when missing), like the security log's table, without bumping the store's schema
version: a software update that is rolled back (docs/updates.md) leaves a database the previous
version still opens (it reads its own columns by name and never sees these).

Every function takes an open :class:`sqlite3.Connection`; a write is one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from controller.reliability import (
    Exclusion,
    Outage,
    SessionOutcome,
    SessionStats,
    session_stats,
    uptime,
)
from controller.session import StopReason

#: The windows of the summary (engineer screen, bundle): the last month and the last year.
WINDOWS = (("30d", timedelta(days=30)), ("365d", timedelta(days=365)))
#: How far before a window the sessions are read to tell its first sessions' retries.
LOOK_BACK = timedelta(days=1)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS outages (       -- a port that could not charge (controller.reliability_log)
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    connector_id INTEGER NOT NULL,         -- 1 = left
    started_at TEXT NOT NULL,              -- ISO 8601 UTC
    ended_at TEXT,                         -- NULL: still down
    cause TEXT NOT NULL,                   -- a status code, or e.g. unavailable, power_loss
    exclusion TEXT NOT NULL DEFAULT ''     -- 23 CFR 680.116(b): grid, vehicle, maintenance, vandalism, or ''
);
CREATE INDEX IF NOT EXISTS outages_by_start ON outages (started_at);
CREATE TABLE IF NOT EXISTS alive (         -- when the station last knew it was running (one row)
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at TEXT NOT NULL,
    boot_id TEXT NOT NULL,                 -- the kernel's boot id: another one means the machine restarted
    clean INTEGER NOT NULL                 -- 1: written by a clean shutdown
);
"""
#: Columns added to the store's ``sessions``: the highest output power seen (W; NULL: not
#: measured) and the status code that ended the session ("" when none did).
_SESSION_COLUMNS = (("peak_w", "REAL"), ("stop_code", "TEXT NOT NULL DEFAULT ''"))


def ensure_schema(db: sqlite3.Connection) -> None:
    """Make the reliability tables and columns if they are missing (one transaction)."""
    with db:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        columns = {row[1] for row in db.execute("PRAGMA table_info(sessions)")}
        for name, kind in _SESSION_COLUMNS:
            if name not in columns:
                db.execute(f"ALTER TABLE sessions ADD COLUMN {name} {kind}")


@dataclass(frozen=True, slots=True)
class Alive:
    """When the station last knew it was running."""

    at: datetime
    boot_id: str
    clean: bool  # written by a clean shutdown


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _outage(row: Sequence[Any]) -> Outage:
    start = _time(row[1])
    assert start is not None
    return Outage(row[0], start, _time(row[2]), row[3], Exclusion(row[4]))


# --- writes (the station's connection) -----------------------------------------------------


def change_outages(db: sqlite3.Connection, at: datetime, close: Iterable[int] = (),
                   open_: Iterable[tuple[int, str, Exclusion]] = (), alive: Alive | None = None) -> dict[int, int]:
    """In one transaction: close the outages ``close`` (ids) at ``at``, open ``open_`` (port,
    cause, exclusion) from ``at``, and (if given) save ``alive``.  Returns the new ids by port."""
    opened = {}
    with db:
        db.executemany("UPDATE outages SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
                       [(_iso(at), outage_id) for outage_id in close])
        for port, cause, exclusion in open_:
            cursor = db.execute("INSERT INTO outages (connector_id, started_at, cause, exclusion) VALUES (?, ?, ?, ?)",
                                (port, _iso(at), cause, exclusion.value))
            assert cursor.lastrowid is not None
            opened[port] = cursor.lastrowid
        if alive is not None:
            _save_alive(db, alive)
    return opened


def save_alive(db: sqlite3.Connection, alive: Alive, peaks: dict[int, float] | None = None) -> None:
    """Save when the station last knew it was running, and the running sessions' peaks so far
    (session id -> W; a stored peak only grows)."""
    with db:
        _save_alive(db, alive)
        db.executemany("UPDATE sessions SET peak_w = MAX(COALESCE(peak_w, 0), ?) WHERE id = ?",
                       [(peak, session_id) for session_id, peak in (peaks or {}).items()])


def _save_alive(db: sqlite3.Connection, alive: Alive) -> None:
    db.execute("INSERT INTO alive (id, at, boot_id, clean) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE"
               " SET at = excluded.at, boot_id = excluded.boot_id, clean = excluded.clean",
               (_iso(alive.at), alive.boot_id, int(alive.clean)))


def record_outcome(db: sqlite3.Connection, session_id: int, peak_w: float | None, stop_code: str) -> None:
    """A session ended: its peak power (W) and the status code that ended it ("" when none did)."""
    with db:
        db.execute("UPDATE sessions SET peak_w = MAX(COALESCE(peak_w, 0), COALESCE(?, 0)), stop_code = ?"
                   " WHERE id = ?", (peak_w, stop_code, session_id))


# --- reads -------------------------------------------------------------------------------


def last_alive(db: sqlite3.Connection) -> Alive | None:
    row = db.execute("SELECT at, boot_id, clean FROM alive WHERE id = 1").fetchone()
    if row is None:
        return None
    at = _time(row[0])
    assert at is not None
    return Alive(at, row[1], bool(row[2]))


def open_outages(db: sqlite3.Connection) -> dict[int, tuple[int, Outage]]:
    """Each port's open outage: port -> (id, outage)."""
    rows = db.execute("SELECT id, connector_id, started_at, ended_at, cause, exclusion FROM outages"
                      " WHERE ended_at IS NULL ORDER BY id").fetchall()
    return {row[1]: (row[0], _outage(row[1:])) for row in rows}


def outages(db: sqlite3.Connection, start: datetime, end: datetime) -> list[Outage]:
    """The outages that touch [start, end), oldest first (open ones included)."""
    rows = db.execute("SELECT connector_id, started_at, ended_at, cause, exclusion FROM outages"
                      " WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at, id",
                      (_iso(end), _iso(start))).fetchall()
    return [_outage(row) for row in rows]


def recent_outages(db: sqlite3.Connection, limit: int) -> list[Outage]:
    """The newest ``limit`` outages, newest first."""
    rows = db.execute("SELECT connector_id, started_at, ended_at, cause, exclusion FROM outages"
                      " ORDER BY started_at DESC, id DESC LIMIT ?", (limit,)).fetchall()
    return [_outage(row) for row in rows]


def session_outcomes(db: sqlite3.Connection, start: datetime, end: datetime) -> list[SessionOutcome]:
    """The sessions begun in [start, end), oldest first.  A session a power cut interrupted
    ended by a power loss (its stop reason was never written)."""
    rows = db.execute("SELECT id, connector_id, started_at, ended_at, energy_wh, peak_w, method, status, stop_reason,"
                      " stop_code FROM sessions WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id",
                      (_iso(start), _iso(end))).fetchall()
    outcomes = []
    for row in rows:
        started = _time(row[2])
        assert started is not None
        reason = row[8] or (StopReason.POWER_LOSS.key if row[7] == "interrupted" else "")
        ended = _time(row[3]) if row[7] != "running" else None
        outcomes.append(SessionOutcome(row[0], row[1], started, ended, row[4], row[5], row[6], reason, row[9]))
    return outcomes


def ports(db: sqlite3.Connection) -> list[int]:
    """The ports the store knows of (meters, sessions or outages), in order."""
    rows = db.execute("SELECT connector_id FROM meters UNION SELECT connector_id FROM sessions"
                      " UNION SELECT connector_id FROM outages").fetchall()
    return sorted(row[0] for row in rows)


def port_summary(db: sqlite3.Connection, port: int, start: datetime, end: datetime, now: datetime) -> dict[str, Any]:
    """One port over [start, end): μ with T_outage and T_excluded, and the session counts and rates."""
    result = uptime(port, outages(db, start, end), start, end, now)
    stats = window_stats(db, port, start, end)
    return {
        "port": port,
        "window_minutes": round(result.window_minutes, 1),
        "uptime_percent": round(result.percent, 3),
        "outage_minutes": round(result.outage_minutes, 1),
        "excluded_minutes": round(result.excluded_minutes, 1),
        "outages": result.outages,
        "sessions": stats.sessions,
        "successful_sessions": stats.successful,
        "session_success_percent": _rounded(stats.success_rate),
        "first_attempts": stats.first_attempts,
        "first_attempt_successes": stats.first_attempt_successes,
        "first_attempt_success_percent": _rounded(stats.first_attempt_rate),
    }


def window_stats(db: sqlite3.Connection, port: int | None, start: datetime, end: datetime) -> SessionStats:
    """The counts of the sessions begun in [start, end) on ``port`` (None: every port); whether
    the first of them are retries is judged with the sessions of the day before the window."""
    earlier = session_outcomes(db, start - LOOK_BACK, start)
    everything = session_stats(earlier + session_outcomes(db, start, end), port)
    before = session_stats(earlier, port)  # judged alike: a session's verdict depends only on earlier ones
    return SessionStats(everything.sessions - before.sessions, everything.successful - before.successful,
                        everything.first_attempts - before.first_attempts,
                        everything.first_attempt_successes - before.first_attempt_successes)


def _rounded(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def summary(db: sqlite3.Connection, now: datetime, port_ids: Sequence[int] = (), recent: int = 10) -> dict[str, Any]:
    """Each port's μ and rates over the last 30 and 365 days, the latest outages and unsuccessful
    sessions: what the engineer screen and the diagnostics bundle show."""
    port_ids = list(port_ids) or ports(db)
    windows = {name: [port_summary(db, port, now - length, now, now) for port in port_ids]
               for name, length in WINDOWS}
    failed = [o for o in session_outcomes(db, now - timedelta(days=365), now) if o.ended_at is not None
              and not o.successful][-recent:]
    return {
        "at": now.isoformat(),
        "windows": windows,
        "recent_outages": [outage_row(o, now) for o in recent_outages(db, recent)],
        "unsuccessful_sessions": [outcome_row(o) for o in reversed(failed)],
    }


def outage_row(outage: Outage, now: datetime) -> dict[str, Any]:
    """An outage as the report and the bundle give it."""
    return {"port": outage.port, "start": outage.start.isoformat(),
            "end": outage.end.isoformat() if outage.end is not None else None,
            "minutes": round(outage.minutes(now), 1), "cause": outage.cause,
            "excluded": outage.exclusion.excluded, "exclusion": outage.exclusion.value}


def outcome_row(outcome: SessionOutcome) -> dict[str, Any]:
    """A session as the report and the bundle give it (680.112(a)(3)-(6))."""
    return {"id": outcome.id, "port": outcome.port, "start": outcome.started_at.isoformat(),
            "end": outcome.ended_at.isoformat() if outcome.ended_at is not None else None,
            "kwh": round(outcome.energy_wh / 1000, 3),
            "peak_kw": round(outcome.peak_w / 1000, 1) if outcome.peak_w is not None else None,
            "authorization": outcome.method, "successful": outcome.successful,
            "error_code": outcome.error_code, "stop_reason": outcome.stop_reason}
