"""A charge point's follow-up tasks and its ticker, for either OCPP version.

Work that must not run inside the receive loop (a CALL and its answer, a StatusNotification,
a reset's wait) is spawned as a follow-up task: kept until it ends, its failure logged
(being offline or unanswered is not a failure), and all of them cancelled when the charge
point closes.  The ticker calls ``tick()`` every ``interval_s`` and logs, never propagates,
what a tick raises.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from controller.ocpp.outbox import CallFailed, CallTimeout, Offline

log = logging.getLogger(__name__)


class FollowUps:
    """The follow-up tasks of one charge point (``label`` names it in the log)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run ``coroutine`` as a follow-up task (never awaited inside the receive loop)."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def cancel_all(self) -> None:
        for task in list(self.tasks):
            task.cancel()

    def _done(self, task: asyncio.Task[Any]) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            if not isinstance(exc, Offline | CallTimeout | CallFailed):
                log.error("%s task failed", self.label, exc_info=exc)

    async def ticker(self, tick: Callable[[], None], interval_s: float) -> None:
        """``tick()`` every ``interval_s`` seconds, until cancelled."""
        while True:
            try:
                tick()
            except Exception:
                log.exception("%s tick failed", self.label)
            await asyncio.sleep(interval_s)
