"""The kiosk's start-up: its timeline, the garbage collector held meanwhile, and the warm-up
that readies Home during the self-test.

The timeline is a list of (monotonic time, event) marks, kept for ``--exit-on-screen``
runs (smoke tests and ``make bench``, which prints where the start-up time goes). Events
can be marked from any thread.

Garbage collection is held from before the Qt imports until the self-test ends: the imports
allocate hundreds of thousands of objects, which the collector would otherwise walk again
and again (about 40 ms of the way to Home). When it is released, the start-up's objects
(modules, classes, QML wrappers, and the few hundred cycles it left behind) are frozen
out of it, so that later collections walk only what the running kiosk allocates.

The warm-up runs on the GUI thread after the first frame, while the controller thread
imports the CAN stack: it loads what the first presentation of a snapshot would
otherwise load (Babel's locale data, the QR code library), so that the Home screen
follows the end of the self-test within a frame.
"""

from __future__ import annotations

import gc
import importlib
import threading
import time
from typing import Any, TextIO

_marks: list[tuple[float, str]] = []
_lock = threading.Lock()


def mark(event: str) -> None:
    """Note that ``event`` happens now (the first time only)."""
    now = time.monotonic()
    with _lock:
        if all(name != event for _, name in _marks):
            _marks.append((now, event))


def marks() -> list[tuple[float, str]]:
    """The events so far, in the order they happened."""
    with _lock:
        return sorted(_marks)


def report(stream: TextIO) -> None:
    """Print the timeline, one ``evse-hmi: startup: <event> at monotonic <t>`` line per event."""
    for moment, event in marks():
        print(f"evse-hmi: startup: {event} at monotonic {moment:.6f}", file=stream, flush=True)


def hold_garbage_collection() -> None:
    """No garbage collection until :func:`release_garbage_collection`."""
    gc.disable()


def release_garbage_collection() -> None:
    """Garbage collection on again, the objects there are now frozen out of it (any thread;
    once)."""
    with _lock:
        if gc.isenabled():
            return
        gc.freeze()
        gc.enable()


class LazyModule:
    """A module imported when one of its attributes is first used (thread-safe: the import
    system's locks), for a module the first frame does not need."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)


def warm_up(language: str, time_zone: str, currency: str) -> None:
    """Load what presenting the first snapshot needs: Babel's data for ``language`` (numbers,
    money in ``currency``, the clock in ``time_zone``) and the QR code library."""
    from datetime import UTC, datetime
    from decimal import Decimal

    from hmi import qr_provider
    from hmi.format import Formatter

    formatter = Formatter(language, time_zone)
    formatter.number(0.5)
    formatter.money(Decimal("0.50"), currency)
    formatter.clock(datetime.now(UTC))
    formatter.minutes(60)
    qr_provider.warm_up()
