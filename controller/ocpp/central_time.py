"""Time as the charge point keeps it: the injected clock, and wall time as the central
system sees it (the local clock plus the offset of the last ``currentTime`` it sent in a
BootNotification or Heartbeat answer).  Every timestamp that goes out is the central
system's.  A move of more than a minute is reported (SettingSystemTime)."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

from controller.clock import Clock
from controller.ocpp.authorization import parse_time
from controller.security_events import SETTING_SYSTEM_TIME, Report

#: A move of the time by more than this (seconds) is a SettingSystemTime security event (2.0.1
#: calls it ClockCtrlr.TimeAdjustmentReportingThreshold; the small corrections of every
#: Heartbeat stay below it).
REPORT_THRESHOLD_S = 60.0


class CentralTime:
    """The injected clock, corrected by the central system's ``currentTime``."""

    def __init__(self, clock: Clock, report: Report | None = None) -> None:
        self.clock = clock
        self.offset = timedelta(0)  # central system's time minus the local clock
        self.report = report  # a security event: SettingSystemTime when the time moves past the threshold
        self.report_threshold_s = REPORT_THRESHOLD_S

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
            offset = parse_time(current_time) - self.clock.now()
            moved = (offset - self.offset).total_seconds()
            self.offset = offset
            if abs(moved) > self.report_threshold_s and self.report is not None:
                self.report(SETTING_SYSTEM_TIME, f"time moved by {moved:+.0f} s to the central system's {current_time}")
