"""Time as the charge point keeps it: the injected clock, and wall time as the central
system sees it (the local clock plus the offset of the last ``currentTime`` it sent in a
BootNotification or Heartbeat answer).  Every timestamp that goes out is the central
system's."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

from controller.clock import Clock
from controller.ocpp.authorization import parse_time


class CentralTime:
    """The injected clock, corrected by the central system's ``currentTime``."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.offset = timedelta(0)  # central system's time minus the local clock

    def now(self) -> datetime:
        """Wall time as the central system sees it."""
        return self.clock.now() + self.offset

    def central(self, local: datetime) -> datetime:
        """A moment of the local clock (a station event's timestamp) on the central system's clock."""
        return local + self.offset

    def monotonic(self) -> float:
        """The injected clock's monotonic seconds (timers, never sent)."""
        return self.clock.monotonic()

    def sync(self, current_time: str) -> None:
        """Take the central system's ``currentTime`` (one that cannot be read is ignored)."""
        with contextlib.suppress(ValueError):
            self.offset = parse_time(current_time) - self.clock.now()
