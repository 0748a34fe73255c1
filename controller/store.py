"""What the station must not forget: meter registers and charging sessions, in SQLite.

One file (``[storage].path``), written only by the controller thread.  The station
checkpoints every few seconds while energy flows and on every session state change
(:meth:`Store.checkpoint`, :meth:`Store.begin_session`, :meth:`Store.end_session`);
at start-up it reads the registers back (:meth:`Store.meter_registers`) and picks up the
sessions a killed process or a power cut left running (:meth:`Store.recover_interrupted`).

Journal: WAL, so a checkpoint appends to the log instead of rewriting pages, and a
reader (a diagnostics tool) never blocks the controller.  ``synchronous=FULL``: every
commit is flushed to the device before it returns.  NORMAL would survive a killed
process but can lose the last commits on a power cut, and meter readings are billing
data (DESIGN.md: "survive a killed process or a power cut"); commits are rare (one per
connector every few seconds while charging), so the flush costs little.

Times are ISO 8601 UTC strings; energy is in watt-hours.  The schema carries its
version in ``PRAGMA user_version``; later issues (OCPP transactions and the offline
queue, the robustness work) add tables and bump it.

A session begun while a backend is attached is marked ``backend = 1``: the backend must
hear of it.  The backend's own database remembers the last session it took over, so a
session begun here but never handed over (a kill between the two commits) is found at the
next start-up (:meth:`Store.sessions_for_backend`; see :mod:`controller.backend`).

The history does not grow for ever: :meth:`Store.prune_sessions` removes old ended
sessions ([storage] ``session_retention_days`` / ``session_retention_rows``, applied by
:mod:`controller.retention`).

An OCPP soft Reset is no power cycle: the faults that latch until one (the 011 family,
:func:`controller.fault_policy.latches`) in force at that moment are kept here
(:meth:`Store.keep_latched_codes`) and taken back by the next station at start-up
(:meth:`Store.take_latched_codes`, which empties the table): a start-up that no soft reset
came just before finds none, as after a real power cycle.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SCHEMA_VERSION = 4  # 2: counters; 3: sessions.backend; 4: latched_codes

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meters (
    connector_id INTEGER PRIMARY KEY,      -- 1 = left, 2 = right (OCPP numbering)
    register_wh REAL NOT NULL,             -- lifetime energy delivered, never decreases
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    connector_id INTEGER NOT NULL,
    id_token TEXT NOT NULL,
    method TEXT NOT NULL,                  -- rfid, qr, app
    started_at TEXT NOT NULL,              -- authorization (wall time, UTC)
    meter_start_wh REAL NOT NULL,          -- the connector's register when the session began
    energy_wh REAL NOT NULL DEFAULT 0,     -- delivered so far (at the last checkpoint)
    start_soc INTEGER,
    soc INTEGER,                           -- last known state of charge
    status TEXT NOT NULL,                  -- running, finished, interrupted
    stop_reason TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,              -- last checkpoint
    ended_at TEXT,
    backend INTEGER NOT NULL DEFAULT 0     -- 1: begun with a backend attached, which must hear of it
);
CREATE INDEX IF NOT EXISTS sessions_by_status ON sessions (status);
CREATE TABLE IF NOT EXISTS counters (
    name TEXT PRIMARY KEY,                 -- e.g. plugs.1 (plug-ins of connector 1), air_filter_s
    value REAL NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS latched_codes (  -- kept across an OCPP soft Reset, taken at start-up
    code TEXT NOT NULL,                    -- six digits, e.g. 011011 (a welded relay)
    connector_id INTEGER NOT NULL,         -- 0 = the whole station
    psu INTEGER NOT NULL,                  -- the power module it keeps out (1 = PSU_1), 0 = none
    blocking INTEGER NOT NULL,             -- 1: it blocks charging (a module's code does not)
    reading_label TEXT,                    -- what it is about, as measured when raised (or NULL)
    reading_value REAL,
    reading_unit TEXT,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (code, connector_id, psu)
);
"""

RUNNING = "running"
FINISHED = "finished"
INTERRUPTED = "interrupted"


class StoreError(RuntimeError):
    """The database cannot be opened or has a schema this version does not know."""


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A charging session as stored."""

    id: int
    connector_id: int
    id_token: str
    method: str
    started_at: datetime
    meter_start_wh: float
    energy_wh: float
    start_soc: int | None
    soc: int | None
    status: str
    stop_reason: str
    updated_at: datetime
    ended_at: datetime | None


@dataclass(frozen=True, slots=True)
class LatchedCode:
    """A latched status code as kept across a soft reset."""

    code: str
    connector_id: int  # 0: the whole station
    psu: int  # the power module it keeps out (1 = PSU_1), 0: none
    blocking: bool
    reading: tuple[str, float, str] | None  # label, value, unit, as measured when it was raised


class Store:
    """The station's SQLite database; ``":memory:"`` keeps it in memory (tests, demos)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: schema version {version} is newer than this software "
                                 f"({SCHEMA_VERSION})")
            with self._db:
                self._db.executescript(_SCHEMA)
                self._migrate()
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the station database: {exc}") from exc

    def _migrate(self) -> None:
        """Bring a database of an older version up to this one (in the opening transaction); new
        tables (counters from version 2, latched_codes from 4) come from the schema itself."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(sessions)")}
        if "backend" not in columns:  # from version 2: those sessions are not handed over again
            self._db.execute("ALTER TABLE sessions ADD COLUMN backend INTEGER NOT NULL DEFAULT 0")

    def close(self) -> None:
        self._db.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The open database, for a part of the station that keeps a table of its own and makes
        it itself with CREATE TABLE IF NOT EXISTS (:mod:`controller.security_log`): such a table
        needs no schema version, so a file it was added to still opens in an older version."""
        return self._db

    # --- meters ------------------------------------------------------------------------

    def meter_registers(self) -> dict[int, float]:
        """Each connector's energy register (Wh) at the last checkpoint."""
        return dict(self._db.execute("SELECT connector_id, register_wh FROM meters").fetchall())

    # --- counters ----------------------------------------------------------------------

    def counters(self) -> dict[str, float]:
        """Every maintenance counter as last saved (plug-ins, operating time ...)."""
        return dict(self._db.execute("SELECT name, value FROM counters").fetchall())

    def save_counters(self, values: dict[str, float], at: datetime) -> None:
        """Save (insert or replace) the given counters in one transaction."""
        with self._db:
            self._db.executemany(
                "INSERT INTO counters (name, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                [(name, value, _iso(at)) for name, value in values.items()])

    # --- latched codes -----------------------------------------------------------------

    def keep_latched_codes(self, codes: Collection[LatchedCode], at: datetime) -> None:
        """Replace the codes kept for the next station with ``codes`` (none: keep none)."""
        with self._db:
            self._db.execute("DELETE FROM latched_codes")
            self._db.executemany(
                "INSERT OR REPLACE INTO latched_codes (code, connector_id, psu, blocking, reading_label,"
                " reading_value, reading_unit, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(c.code, c.connector_id, c.psu, int(c.blocking), *(c.reading or (None, None, None)), _iso(at))
                 for c in codes])

    def take_latched_codes(self) -> list[LatchedCode]:
        """The codes kept by the last soft reset, removed from the store (taken once)."""
        with self._db:
            rows = self._db.execute(
                "SELECT code, connector_id, psu, blocking, reading_label, reading_value, reading_unit"
                " FROM latched_codes ORDER BY rowid").fetchall()
            self._db.execute("DELETE FROM latched_codes")
        return [LatchedCode(row[0], row[1], row[2], bool(row[3]),
                            (row[4], row[5], row[6]) if row[4] is not None else None) for row in rows]

    # --- sessions ----------------------------------------------------------------------

    def begin_session(self, connector_id: int, id_token: str, method: str, started_at: datetime,
                      meter_start_wh: float, start_soc: int | None, backend: bool = False) -> int:
        """Record a new running session; returns its id (ids only grow, never reused).
        ``backend``: a backend is attached and must hear of it."""
        with self._db:
            self._save_register(connector_id, meter_start_wh, started_at)
            cursor = self._db.execute(
                "INSERT INTO sessions (connector_id, id_token, method, started_at, meter_start_wh, start_soc, soc,"
                " status, updated_at, backend) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (connector_id, id_token, method, _iso(started_at), meter_start_wh, start_soc, start_soc, RUNNING,
                 _iso(started_at), int(backend)))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def checkpoint(self, connector_id: int, register_wh: float, at: datetime, session_id: int | None = None,
                   energy_wh: float = 0.0, soc: int | None = None, start_soc: int | None = None) -> None:
        """Save a connector's register and, if given, its running session's energy and SOC (one transaction)."""
        with self._db:
            self._save_register(connector_id, register_wh, at)
            if session_id is not None:
                self._db.execute(
                    "UPDATE sessions SET energy_wh = MAX(energy_wh, ?), soc = COALESCE(?, soc),"
                    " start_soc = COALESCE(start_soc, ?), updated_at = ? WHERE id = ? AND status = ?",
                    (energy_wh, soc, start_soc, _iso(at), session_id, RUNNING))

    def end_session(self, session_id: int, connector_id: int, register_wh: float, energy_wh: float,
                    soc: int | None, stop_reason: str, at: datetime) -> None:
        """The session finished: its final energy, SOC and why it stopped."""
        with self._db:
            self._save_register(connector_id, register_wh, at)
            self._db.execute(
                "UPDATE sessions SET energy_wh = MAX(energy_wh, ?), soc = COALESCE(?, soc), status = ?,"
                " stop_reason = ?, updated_at = ?, ended_at = ? WHERE id = ?",
                (energy_wh, soc, FINISHED, stop_reason, _iso(at), _iso(at), session_id))

    def recover_interrupted(self) -> list[SessionRecord]:
        """Sessions still marked running, i.e. cut off by a crash or a power cut, now marked
        interrupted (so they are recovered once), with the energy of their last checkpoint."""
        with self._db:
            ids = [row[0] for row in self._db.execute("SELECT id FROM sessions WHERE status = ?", (RUNNING,))]
            self._db.execute("UPDATE sessions SET status = ?, ended_at = updated_at WHERE status = ?",
                             (INTERRUPTED, RUNNING))
        return [self.session(session_id) for session_id in ids]

    def session(self, session_id: int) -> SessionRecord:
        row = self._db.execute(
            "SELECT id, connector_id, id_token, method, started_at, meter_start_wh, energy_wh, start_soc, soc,"
            " status, stop_reason, updated_at, ended_at FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise KeyError(session_id)
        return SessionRecord(row[0], row[1], row[2], row[3], _time(row[4]), row[5], row[6], row[7], row[8], row[9],
                             row[10], _time(row[11]), _time(row[12]) if row[12] else None)

    def sessions(self, limit: int = 20) -> list[SessionRecord]:
        """The latest sessions, newest first."""
        ids = self._db.execute("SELECT id FROM sessions ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [self.session(row[0]) for row in ids]

    def last_session_id(self) -> int:
        """The highest session id in the store (0 when it has none)."""
        return int(self._db.execute("SELECT COALESCE(MAX(id), 0) FROM sessions").fetchone()[0])

    def sessions_for_backend(self, after_id: int) -> list[SessionRecord]:
        """Sessions begun with a backend attached whose id is above ``after_id``, oldest first."""
        ids = self._db.execute("SELECT id FROM sessions WHERE backend = 1 AND id > ? ORDER BY id",
                               (after_id,)).fetchall()
        return [self.session(row[0]) for row in ids]

    def prune_sessions(self, ended_before: datetime | None, keep_newest: int | None,
                       keep: Collection[int] = ()) -> int:
        """Delete the ended sessions that ended before ``ended_before`` or are not among the
        ``keep_newest`` newest sessions (None: no such limit), except those in ``keep``; a
        running session is never deleted.  Returns how many were deleted (one transaction)."""
        conditions, parameters = [], []
        if ended_before is not None:
            conditions.append("ended_at < ?")
            parameters.append(_iso(ended_before))
        if keep_newest is not None:
            conditions.append("id NOT IN (SELECT id FROM sessions ORDER BY id DESC LIMIT ?)")
            parameters.append(keep_newest)
        if not conditions:
            return 0
        with self._db:
            rows = self._db.execute(f"SELECT id FROM sessions WHERE status != ? AND ({' OR '.join(conditions)})",
                                    (RUNNING, *parameters)).fetchall()
            doomed = [(row[0],) for row in rows if row[0] not in keep]
            self._db.executemany("DELETE FROM sessions WHERE id = ?", doomed)
        return len(doomed)

    def _save_register(self, connector_id: int, register_wh: float, at: datetime) -> None:
        self._db.execute(
            "INSERT INTO meters (connector_id, register_wh, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (connector_id) DO UPDATE SET register_wh = MAX(register_wh, excluded.register_wh),"
            " updated_at = excluded.updated_at",
            (connector_id, register_wh, _iso(at)))


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)
