"""The security log: every security event the charger saw, kept in the station's SQLite file.

An event is recorded with its kind (:mod:`controller.security_events`, 1.6 spelling), the
time (UTC), free technical information and whether it is *critical*, i.e. must reach the
central system.  Criticality is decided when the event is recorded, by the OCPP version
spoken then (:attr:`SecurityLog.version`, set by the backend), so switching versions
neither adds nor withdraws an obligation: a critical event stays pending until the central
system confirms it (:meth:`SecurityLog.delivered`, called from the OCPP receive loop the
instant the CALLRESULT is read) or refuses it every time (:meth:`SecurityLog.refused`).
Both versions read the same rows (:meth:`SecurityLog.undelivered`), so an event goes out
once whichever version is spoken.

The log is capped (``max_events``): past the cap the oldest events that need nothing more
(logged only, sent or refused) go first.  A pending event is never dropped: when only
pending ones are left the log grows past its cap, and records MemoryExhaustion (critical)
once, so the central system hears of it.

Clearing (:meth:`SecurityLog.clear`, from the engineer screen) removes the settled events and
records SecurityLogWasCleared; pending ones stay, as they are still owed to the central system.
:meth:`SecurityLog.between` gives a time window, oldest first (GetLog's SecurityLog).

The table is made here (CREATE TABLE IF NOT EXISTS) on the station's store, without a schema
version: a file the log was added to still opens in a version without it (a rollback).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from controller.clock import Clock
from controller.security_events import (
    MEMORY_EXHAUSTION,
    SECURITY_LOG_WAS_CLEARED,
    V16,
    Delivery,
    SecurityEvent,
    canonical,
    critical_in,
)
from controller.store import Store

log = logging.getLogger(__name__)

#: Events kept at most (past it the oldest settled ones go; pending ones never).
MAX_EVENTS = 1000
#: Newest events kept in memory for the engineer screen (read on every publish).
LATEST = 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS security_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused, even after a clear
    kind TEXT NOT NULL,                     -- WP3 section 8 name, 1.6 spelling
    at TEXT NOT NULL,                       -- ISO 8601, UTC
    tech_info TEXT NOT NULL DEFAULT '',
    critical INTEGER NOT NULL,              -- 1: to be sent to the central system
    delivery TEXT NOT NULL                  -- logged, pending, sent, refused
)
"""


class SecurityLog:
    """The station's security log on ``store`` (controller loop thread only)."""

    def __init__(self, store: Store, clock: Clock, version: str = V16, max_events: int = MAX_EVENTS) -> None:
        self._db = store.connection
        self._clock = clock
        self.version = version  # the OCPP version spoken: which kinds are critical (the backend sets it)
        self.max_events = max_events
        self._listeners: list[Callable[[], None]] = []
        with self._db:
            self._db.execute(_SCHEMA)
        self.latest: tuple[SecurityEvent, ...] = ()  # newest first, at most LATEST
        self._refresh()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """``listener()`` after each new event (the backend wakes its sender)."""
        self._listeners.append(listener)

    def record(self, kind: str, tech_info: str = "", at: datetime | None = None) -> None:
        """Log a security event now (or ``at``); a critical one waits to be sent."""
        moment = (at or self._clock.now()).astimezone(UTC)
        kind = canonical(kind)  # a 2.0.1 name is kept in the 1.6 spelling
        critical = critical_in(kind, self.version)
        with self._db:
            self._insert(kind, tech_info, moment, critical)
            over = self._enforce_cap(moment)
        log.warning("security event %s%s%s", kind, f": {tech_info}" if tech_info else "",
                    " (critical)" if critical else "")
        if over:
            log.error("security log over its cap of %d events: only pending ones are left", self.max_events)
        self._refresh()
        for listener in list(self._listeners):
            listener()

    def clear(self) -> None:
        """Empty the log of every settled event, then record SecurityLogWasCleared as the first
        event after.  Pending ones stay: they are owed to the central system (and go out)."""
        with self._db:
            count = self._db.execute("DELETE FROM security_events WHERE delivery != ?",
                                     (Delivery.PENDING.value,)).rowcount
        self.record(SECURITY_LOG_WAS_CLEARED, f"{count} events removed")

    def between(self, oldest: datetime | None = None, latest: datetime | None = None) -> list[SecurityEvent]:
        """The events recorded from ``oldest`` to ``latest`` (None: no bound), oldest first (GetLog SecurityLog)."""
        rows = self._db.execute("SELECT * FROM security_events ORDER BY seq").fetchall()
        events = [_event(row) for row in rows]
        return [e for e in events if (oldest is None or e.timestamp >= oldest) and (latest is None or
                                                                                   e.timestamp <= latest)]

    def recent(self, limit: int) -> list[SecurityEvent]:
        """The latest ``limit`` events, newest first."""
        rows = self._db.execute("SELECT * FROM security_events ORDER BY seq DESC LIMIT ?", (limit,)).fetchall()
        return [_event(row) for row in rows]

    def undelivered(self) -> list[SecurityEvent]:
        """The critical events the central system has not confirmed yet, oldest first."""
        rows = self._db.execute("SELECT * FROM security_events WHERE delivery = ? ORDER BY seq",
                                (Delivery.PENDING.value,)).fetchall()
        return [_event(row) for row in rows]

    def delivered(self, seq: int) -> None:
        """The central system confirmed event ``seq``."""
        self._settle(seq, Delivery.SENT)

    def refused(self, seq: int) -> None:
        """The central system refused event ``seq`` every time: it is not sent again."""
        self._settle(seq, Delivery.REFUSED)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM security_events").fetchone()[0])

    def _settle(self, seq: int, delivery: Delivery) -> None:
        with self._db:
            self._db.execute("UPDATE security_events SET delivery = ? WHERE seq = ? AND delivery = ?",
                             (delivery.value, seq, Delivery.PENDING.value))
        self._refresh()

    def _insert(self, kind: str, tech_info: str, moment: datetime, critical: bool) -> None:
        delivery = Delivery.PENDING if critical else Delivery.LOGGED
        self._db.execute("INSERT INTO security_events (kind, at, tech_info, critical, delivery) VALUES (?, ?, ?, ?, ?)",
                         (kind, moment.isoformat(), tech_info, int(critical), delivery.value))

    def _enforce_cap(self, moment: datetime) -> bool:
        """Past the cap, drop the oldest settled events; True when only pending ones are left and
        the log stays over it (MemoryExhaustion is then recorded once, in the same transaction)."""
        excess = len(self) - self.max_events
        if excess <= 0:
            return False
        self._db.execute("DELETE FROM security_events WHERE seq IN (SELECT seq FROM security_events "
                         "WHERE delivery != ? ORDER BY seq LIMIT ?)", (Delivery.PENDING.value, excess))
        if len(self) <= self.max_events:
            return False
        noted = self._db.execute("SELECT 1 FROM security_events WHERE kind = ? AND delivery = ?",
                                 (MEMORY_EXHAUSTION, Delivery.PENDING.value)).fetchone()
        if noted is None:
            self._insert(MEMORY_EXHAUSTION, f"security log over {self.max_events} events, all waiting to be sent",
                         moment, critical_in(MEMORY_EXHAUSTION, self.version))
        return True

    def _refresh(self) -> None:
        self.latest = tuple(self.recent(LATEST))


def _event(row: tuple[object, ...]) -> SecurityEvent:
    seq, kind, at, tech_info, critical, delivery = row
    return SecurityEvent(int(str(seq)), str(kind), datetime.fromisoformat(str(at)), str(tech_info), bool(critical),
                         Delivery(str(delivery)))
