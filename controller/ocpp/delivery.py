"""The pump, the only sender of CALLs: the outbox first, then the transaction queue, then
the security events (:mod:`controller.ocpp.security_events`), each message delivered
exactly once.

One CALL is on the wire at a time.  An outbox CALL's answer settles its caller's future;
a queued transaction message's answer retires it from the queue (or counts a failed
attempt) inside the receive loop, the instant the answer is read (see ``on_answer`` of
:meth:`controller.ocpp.rpc.RpcChargePoint.call`), so a connection lost, or a pump
cancelled, in that same instant cannot leave an answered message queued to go out again.
The answer to a queued message is handed to its owner (1.6:
:meth:`~controller.ocpp.transactions.Transactions.queued_answered`, which takes in a
StartTransaction's transaction id and every IdTagInfo; 2.0.1 passes its own, with its own
``call`` module and queue).  Before a reset hangs up, no new CALL goes
out and the one on the wire is answered first (:meth:`Delivery.calls_settled`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable, Coroutine
from types import ModuleType
from typing import Any

from ocpp.v16 import call

from controller.ocpp.central_time import CentralTime
from controller.ocpp.handler_port import ChargePoint
from controller.ocpp.outbox import CallFailed, CallTimeout, Offline, reason
from controller.ocpp.rpc import RpcChargePoint

#: What to do with a queued message's answer: (message, the payload sent, the answer as a
#: snake_case dict); it runs in the receive loop once the queue has retired the message.
QueuedAnswered = Callable[[Any, dict[str, Any], dict[str, Any]], None]

log = logging.getLogger(__name__)


class Delivery:
    """The CALLs of ``cp`` onto the wire, and their answers taken in."""

    def __init__(self, cp: ChargePoint, time: CentralTime, queued_answered: QueuedAnswered,
                 requests: ModuleType = call, retry_settings: tuple[str, str] = (
                     "TransactionMessageRetryInterval", "TransactionMessageAttempts")) -> None:
        self.cp = cp
        self.time = time
        self.queued_answered = queued_answered
        self.requests = requests  # the ``ocpp.<version>.call`` module of the queued messages
        self.retry_settings = retry_settings  # the configuration keys: retry interval, attempts
        #: Further persistent queues, drained after the transaction queue's due message (the
        #: security events, :class:`controller.ocpp.security_events.SecurityEventQueue`).
        self.queues: list[Any] = []
        self._hanging_up = False  # a reset is about to restart the charger: no new CALL goes out
        self._no_call_out = asyncio.Event()  # clear while a CALL of ours waits for its answer
        self._no_call_out.set()

    async def pump(self, rpc: RpcChargePoint, booted: Callable[[], bool]) -> None:
        """Send on ``rpc`` until cancelled: the outbox's CALLs, and the transaction queue's
        head while nothing else waits and ``booted()`` (BootNotification accepted)."""
        outbox = self.cp.outbox
        me = asyncio.current_task()
        while True:
            if me is not None and me.cancelling():  # a cancellation a library wait_for swallowed
                raise asyncio.CancelledError
            item = None if self._hanging_up else outbox.take()
            if item is not None:
                await self._delivered(self.deliver(rpc, item.payload, item.future))
                continue
            wait: float | None = None
            if booted() and outbox.accepted and not self._hanging_up:
                message, queue, wait = self._due()
                if message is not None:
                    await self._delivered(self.deliver_queued(rpc, message, queue))
                    continue
            await outbox.wait(wait)

    def _due(self) -> tuple[Any, Any, float | None]:
        """The first queue's message due now, with its queue; else the shortest wait (None: all empty)."""
        now = self.time.now()
        waits = []
        for queue in (self.cp.queue, *self.queues):
            message, wait = queue.head(now)
            if message is not None:
                return message, queue, None
            if wait is not None:
                waits.append(wait)
        return None, None, min(waits, default=None)

    async def _delivered(self, delivery: Coroutine[Any, Any, None]) -> None:
        """Run one CALL's delivery, known as in flight meanwhile (see :meth:`calls_settled`)."""
        self._no_call_out.clear()
        try:
            await delivery
        finally:
            self._no_call_out.set()

    async def calls_settled(self) -> None:
        """Before a reset hangs up: no new CALL goes out, and the one on the wire gets its answer.

        Hanging up with a CALL of ours unanswered makes the central system's answer to it fail,
        and a central system built on the ``ocpp`` library then stops reading the connection:
        the Reset.conf sent just before is lost, and the central system may send Reset again."""
        self._hanging_up = True
        await self._no_call_out.wait()  # a lost connection ends the delivery too

    async def deliver(self, rpc: RpcChargePoint, payload: Any, future: asyncio.Future[Any]) -> None:
        """Send an outbox CALL; its answer (or why there is none) settles ``future``."""
        def answered(answer: Any) -> None:  # in the receive loop, the instant the answer is read
            if isinstance(answer, CallFailed):
                _settle(future, exception=answer)
            else:
                _settle(future, result=answer)

        try:
            await rpc.call(payload, on_answer=answered)
        except CallFailed:
            pass  # ``answered`` has it
        except TimeoutError:
            log.warning("%s: no answer within %.0f s", type(payload).__name__, self.cp.settings.response_timeout_s)
            _settle(future, exception=CallTimeout(type(payload).__name__))
        except (asyncio.CancelledError, Exception):
            # the connection dropped under the CALL (the send raises ConnectionClosed) or the
            # pump is stopped: the caller must still hear (and fall back to its offline rules)
            _settle(future, exception=Offline(type(payload).__name__))
            raise

    async def deliver_queued(self, rpc: RpcChargePoint, message: Any, queue: Any = None) -> None:
        """Send ``queue``'s head (the transaction queue's by default).  Its answer retires it (or
        counts a failed attempt) inside the receive loop as the answer is read, so a connection
        that drops, or a pump cancelled, in the same instant cannot leave an answered message
        queued to go out again."""
        queue = self.cp.queue if queue is None else queue
        payload = queue.wire_payload(message)
        if payload is None:
            log.error("%s (queued #%d) dropped: its StartTransaction never went through", message.action, message.seq)
            queue.drop(message)
            return
        try:
            await rpc.call(getattr(self.requests, message.action)(**payload), unique_id=message.unique_id,
                           on_answer=lambda answer: self._queued_answered(message, payload, answer, queue))
        except CallFailed:
            pass  # counted by ``_queued_answered``
        except TimeoutError as exc:
            self._queued_failed(message, exc, queue)

    def _queued_answered(self, message: Any, payload: dict[str, Any], answer: Any, queue: Any) -> None:
        if isinstance(answer, CallFailed):
            self._queued_failed(message, answer, queue)
            return
        conf = dataclasses.asdict(answer)
        queue.delivered(message, conf)
        if queue is self.cp.queue:
            self.queued_answered(message, payload, conf)

    def _queued_failed(self, message: Any, exc: Exception, queue: Any) -> None:
        log.warning("%s (queued #%d) failed (%s): attempt %d", message.action, message.seq, reason(exc),
                    message.attempts + 1)
        config = self.cp.config
        interval, attempts = self.retry_settings
        queue.failed(message, self.time.now(), config.number(interval), config.number(attempts))


def _settle(future: asyncio.Future[Any], result: Any = None, exception: BaseException | None = None) -> None:
    if future.done():
        return
    if exception is not None:
        future.set_exception(exception)
    else:
        future.set_result(result)
