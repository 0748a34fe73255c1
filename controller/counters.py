"""Maintenance counters and their limits (manual 5.4: 013602-013605), kept in the station's store.

Plug-ins per connector and hours of operation (for the air filters) survive restarts and power
cuts: a plug-in is saved at once, the operating time every ``SAVE_INTERVAL_S`` and on a clean
shutdown (a killed process loses at most that interval: minutes of a counter of thousands of
hours, for a write every few minutes instead of every few seconds on the station's flash).
A technician resets a counter after the work (:meth:`Counters.reset`).  A write that fails is
logged and retried at the next save; it never stops the controller's cycle.
"""

from __future__ import annotations

import logging
import math
import sqlite3
from datetime import datetime

from controller.store import Store
from controller.types import Standard

log = logging.getLogger(__name__)

CODE_TIME_UP = "013601"  # Charging Time's up: the session reached [limits].max_charging_minutes
CODE_AIR_FILTER = "013602"  # Replace system air filter
PLUG_LIMIT_CODES = {Standard.CHADEMO: "013603", Standard.CCS1: "013604", Standard.GBT: "013605"}
AIR_FILTER = "air_filter_s"
#: Seconds between two saves of counters that change all the time (the operating time).
SAVE_INTERVAL_S = 300.0
#: A longer gap between two cycles (a suspended machine) does not count as operation.
MAX_STEP_S = 60.0


def plugs(connector_id: int) -> str:
    """The counter of plug-ins of connector ``connector_id`` (1 = left)."""
    return f"plugs.{connector_id}"


class Counters:
    """Named counters, read from the store at start-up and written back to it."""

    def __init__(self, store: Store, interval_s: float = SAVE_INTERVAL_S) -> None:
        self.store = store
        self.interval_s = interval_s
        self.values: dict[str, float] = store.counters()
        self._changed: set[str] = set()
        self._saved_at = -math.inf

    def get(self, name: str) -> float:
        return self.values.get(name, 0.0)

    def add(self, name: str, amount: float) -> None:
        if amount:
            self.values[name] = self.get(name) + amount
            self._changed.add(name)

    def reset(self, name: str) -> None:
        self.values[name] = 0.0
        self._changed.add(name)

    def save(self, now: float, wall: datetime, force: bool = False) -> None:
        """Write the changed counters (at most every ``interval_s`` unless ``force``)."""
        if not self._changed or (not force and now - self._saved_at < self.interval_s):
            return
        try:
            self.store.save_counters({name: self.values[name] for name in sorted(self._changed)}, wall)
        except sqlite3.Error as exc:
            log.error("counters not saved (retried at the next save): %s", exc)
            return
        self._changed.clear()
        self._saved_at = now
