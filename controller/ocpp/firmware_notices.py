"""The update engine's statuses onto the wire, in order, each once, for either OCPP version.

The engine keeps its statuses as numbered notices until they are delivered
(:class:`~controller.firmware.request.FirmwareUpdates`); :class:`FirmwareNotices` sends the
oldest one when the charge point is online, one at a time, and marks it delivered once the
central system answered.  A notice this version does not tell (a 1.6 FirmwareStatusNotification
has no DownloadScheduled) is marked delivered unsent.  Offline, nothing goes and nothing is lost;
a CALLERROR drops the notice (the central system refuses it: sending it again would block the
rest), and an answer that never came is sent again later.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from controller.firmware.request import FirmwareUpdates, Notice
from controller.ocpp.outbox import CallFailed, CallTimeout, Offline

log = logging.getLogger(__name__)

#: The message telling ``notice`` (an ``ocpp`` call dataclass), None when this version does not tell it.
MessageOf = Callable[[Notice], Any]


class FirmwareNotices:
    """Delivers ``updates``' notices through ``request`` (the outbox's), ``message`` building each."""

    def __init__(self, updates: FirmwareUpdates, message: MessageOf,
                 request: Callable[[Any], Coroutine[Any, Any, Any]],
                 spawn: Callable[[Coroutine[Any, Any, Any]], asyncio.Task[Any]]) -> None:
        self.updates = updates
        self.message = message
        self.request = request
        self.spawn = spawn
        self._sending = False

    def tick(self, online: bool) -> None:
        """Send the oldest notice now if it may go (called by the charge point's ticker)."""
        if self._sending or not online:
            return
        while (notice := self.updates.pending()) is not None:
            payload = self.message(notice)
            if payload is not None:
                self._sending = True
                self.spawn(self._send(notice, payload))
                return
            self.updates.delivered(notice.seq)  # not a status this version tells

    async def _send(self, notice: Notice, payload: Any) -> None:
        try:
            await self.request(payload)
        except (Offline, CallTimeout):
            return  # again when online
        except CallFailed as exc:
            log.warning("firmware status %s refused by the central system (%s): dropped", notice.status.value, exc)
        finally:
            self._sending = False
        self.updates.delivered(notice.seq)
