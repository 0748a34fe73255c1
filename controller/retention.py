"""How long the station keeps its session history (``[storage]`` ``session_retention_days``
and ``session_retention_rows``; 0 = no such limit).

The :class:`SessionPruner` prunes at start-up (the station's first cycle, once the backend
is attached) and then once a day by the station's injected clock, so a fake clock prunes
in tests exactly as the real one does on a charger.  It never deletes a running session
(the store refuses to), nor one the backend still needs: the composition root gives it
``undelivered``, the ids of sessions whose transaction messages are not all delivered yet
(the station itself knows nothing of OCPP).  A failed prune (a locked or broken database,
a backend that cannot tell) deletes nothing and is tried again the next day.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from controller.store import Store

log = logging.getLogger(__name__)

#: Seconds between two prunes (the station's monotonic clock).
PRUNE_INTERVAL_S = 24 * 3600.0

Undelivered = Callable[[], Collection[int]]


@dataclass(frozen=True, slots=True)
class Retention:
    """Keep ended sessions for ``days`` days and at most ``rows`` of the newest (0: no limit)."""

    days: int = 0
    rows: int = 0


class SessionPruner:
    """Applies a :class:`Retention` to a :class:`~controller.store.Store`, daily."""

    def __init__(self, store: Store, retention: Retention) -> None:
        self.store = store
        self.retention = retention
        self.undelivered: Undelivered = frozenset
        self._next_at: float | None = None  # None: at the next tick (start-up)

    def tick(self, now: float, wall: datetime) -> None:
        """Prune if a day has passed since the last prune (or none was made yet)."""
        if self._next_at is not None and now < self._next_at:
            return
        self._next_at = now + PRUNE_INTERVAL_S
        self.prune(wall)

    def prune(self, wall: datetime) -> int:
        """Delete what the retention lets go of now; returns how many sessions went."""
        days, rows = self.retention.days, self.retention.rows
        if not days and not rows:
            return 0
        try:
            removed = self.store.prune_sessions(wall - timedelta(days=days) if days else None, rows or None,
                                                frozenset(self.undelivered()))
        except sqlite3.Error:
            log.exception("session history: pruning failed (tried again in %.0f h)", PRUNE_INTERVAL_S / 3600)
            return 0
        if removed:
            log.info("session history: %d ended sessions pruned (retention %d days, %d rows)", removed, days, rows)
        return removed
