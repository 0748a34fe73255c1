"""systemd's watchdog, fed only while every thread that matters is alive.

:class:`WatchdogPinger` runs on a thread of its own, so a hung controller loop or a hung GUI
thread cannot ping for itself. Every half watchdog period it asks each :class:`Liveness` how
long ago its thread last showed life and sends ``WATCHDOG=1`` only when none is older than
its limit. systemd then restarts a process whose controller or GUI thread hangs (``WatchdogSec=``
after the last ping), while a process that is merely busy for a moment goes on.

A thread is hung when it has been silent for a whole watchdog period (the default limit): the
controller cycles at least every 0.5 s and the GUI's timer beats every 0.5 s, so with
``WatchdogSec=20`` a hang is ended within about 40 s, and a pause of a few seconds (a slow
QML load, a garbage collection) never is.

The liveness of the controller is :meth:`ControllerRuntime.stalled_for`; the GUI's is a
:class:`Heartbeat` its thread beats from a timer. Nothing here imports Qt.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from controller import sd_notify

if TYPE_CHECKING:
    from controller.runtime import ControllerRuntime

log = logging.getLogger(__name__)


class Heartbeat:
    """A thread's sign of life: it calls :meth:`beat`, any thread reads :meth:`age`."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last = clock()  # a float assignment is atomic: no lock needed

    def beat(self) -> None:
        self._last = self._clock()

    def age(self) -> float:
        """Seconds since the last beat (or since this heartbeat was made)."""
        return self._clock() - self._last


def controller_age(runtime: ControllerRuntime | None) -> float:
    """Seconds the controller has been silent: infinite once its thread failed, 0 before it
    was built or before its first cycle (the start-up is bounded by ``TimeoutStartSec=``)."""
    if runtime is None:
        return 0.0
    if runtime.error is not None:
        return math.inf
    return runtime.stalled_for()


@dataclass(frozen=True, slots=True)
class Liveness:
    """One thread to watch: ``age()`` in seconds; hung above ``limit_s`` (None: one watchdog period)."""

    name: str
    age: Callable[[], float]
    limit_s: float | None = None


class WatchdogPinger:
    """Sends ``WATCHDOG=1`` every half period while every :class:`Liveness` is within its limit."""

    def __init__(self, checks: Sequence[Liveness], interval_s: float | None = None,
                 send: Callable[[], bool] = sd_notify.watchdog) -> None:
        self.checks = tuple(checks)
        self.interval_s = interval_s if interval_s is not None else sd_notify.watchdog_interval()
        self._send = send
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.pings = 0
        self._hung: tuple[str, ...] = ()

    def hung(self) -> tuple[str, ...]:
        """The names of the threads that are past their limit now."""
        assert self.interval_s is not None
        return tuple(check.name for check in self.checks
                     if check.age() > (check.limit_s if check.limit_s is not None else self.interval_s))

    def start(self) -> bool:
        """Start pinging; False (and nothing started) when systemd asked for no watchdog."""
        if self.interval_s is None or self._thread is not None:
            return False
        self._thread = threading.Thread(target=self._run, name="sd-watchdog", daemon=True)
        self._thread.start()
        return True

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        assert self.interval_s is not None
        period = self.interval_s / 2
        while not self._stop.is_set():
            self.tick()
            self._stop.wait(period)

    def tick(self) -> None:
        """One check: ping when nothing is hung, else say (once per change) what is."""
        hung = self.hung()
        if hung != self._hung:
            if hung:
                log.critical("not feeding systemd's watchdog: %s silent for over %.0f s", " and ".join(hung),
                             self.interval_s)
            else:
                log.warning("every watched thread is alive again: feeding systemd's watchdog")
            self._hung = hung
        if not hung and self._send():
            self.pings += 1
