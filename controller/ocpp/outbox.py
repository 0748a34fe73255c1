"""The ordered outbox: every CALL the charge point makes, one at a time.

The ``ocpp`` library allows one outstanding CALL and serves waiters in no particular
order; this outbox decides the order instead: BootNotification first, then the other
messages in the order asked.  (Transaction messages come from the persistent queue when
nothing else waits; see :mod:`controller.ocpp.delivery`.)  Until the BootNotification is
Accepted, and while offline, only BootNotification is taken: anything else fails at
once with :class:`Offline`, so a caller can fall back (offline authorization, say).
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import heapq
import itertools
from dataclasses import dataclass, field
from typing import Any


class Offline(Exception):  # noqa: N818 - a state, not an error of the caller
    """No accepted connection to the central system."""


class CallTimeout(Exception):  # noqa: N818
    """The central system did not answer within the response timeout."""


class CallFailed(Exception):  # noqa: N818
    """The central system answered with a CALLERROR."""

    def __init__(self, code: str, description: str = "") -> None:
        super().__init__(f"{code}: {description}")
        self.code = code


def reason(exc: BaseException) -> str:
    """Why a CALL or a connection failed, in one line for a log."""
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


class Priority(enum.IntEnum):
    BOOT = 0
    NORMAL = 1


@dataclass(order=True)
class Outgoing:
    priority: int
    seq: int
    payload: Any = field(compare=False)
    future: asyncio.Future[Any] = field(compare=False)


class Outbox:
    """Waiting CALLs, BootNotification first."""

    def __init__(self) -> None:
        self._heap: list[Outgoing] = []
        self._seq = itertools.count()
        self._wake = asyncio.Event()
        self.connected = False
        self.accepted = False

    async def request(self, payload: Any, priority: Priority = Priority.NORMAL) -> Any:
        """Send ``payload`` (an ``ocpp.v16.call`` dataclass) and return its ``call_result``."""
        if not self.connected or (priority is not Priority.BOOT and not self.accepted):
            raise Offline(type(payload).__name__)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._heap, Outgoing(int(priority), next(self._seq), payload, future))
        self.wake()
        return await future

    def take(self) -> Outgoing | None:
        """The next CALL that may go now (skipping callers that gave up)."""
        while self._heap:
            head = self._heap[0]
            if head.future.done():
                heapq.heappop(self._heap)
                continue
            if head.priority != Priority.BOOT and not self.accepted:
                return None
            return heapq.heappop(self._heap)
        return None

    def fail_all(self) -> None:
        """The connection dropped: every waiting caller gets :class:`Offline`."""
        while self._heap:
            item = heapq.heappop(self._heap)
            if not item.future.done():
                item.future.set_exception(Offline(type(item.payload).__name__))

    def wake(self) -> None:
        self._wake.set()

    async def wait(self, timeout: float | None) -> None:
        """Until something is asked for (or ``timeout`` seconds)."""
        # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a cancellation
        # that arrives as the event is set, and the pump would never stop.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self._wake.wait()
        self._wake.clear()
