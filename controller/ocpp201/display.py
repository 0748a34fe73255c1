"""Display messages (OCPP 2.0.1 block O): SetDisplayMessage, GetDisplayMessages with its
NotifyDisplayMessages, ClearDisplayMessage.

The messages are kept as the central system sent them (``display_messages_201`` in the
charge point's settings, so they survive a reboot, O01.FR.?) and pushed to the station as a
whole set in its words (:class:`controller.display_messages.DisplayMessage`); which one
shows when is the station's rule (:func:`controller.display_messages.shown`).  A message
bound to a transaction goes when the transaction ends.  What the screen cannot show is
refused with the status the refusal maps to.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from ocpp.v201 import call

from controller.display_messages import (
    DisplayMessage,
    MessageFormat,
    MessagePriority,
    MessageState,
    Refusal,
    check,
)
from controller.ocpp.authorization import parse_time
from controller.ocpp201.host import Host

log = logging.getLogger(__name__)

STORED = "display_messages_201"
#: MessageFormatEnumType -> how the station draws it (ASCII and UTF8 are text).
FORMATS = {"ASCII": MessageFormat.TEXT, "UTF8": MessageFormat.TEXT, "URI": MessageFormat.URI,
           "HTML": MessageFormat.HTML}
PRIORITIES = {"AlwaysFront": MessagePriority.ALWAYS_FRONT, "InFront": MessagePriority.IN_FRONT,
              "NormalCycle": MessagePriority.NORMAL_CYCLE}
STATES = {"Charging": MessageState.CHARGING, "Faulted": MessageState.FAULTED, "Idle": MessageState.IDLE,
          "Unavailable": MessageState.UNAVAILABLE}
#: How many messages the station keeps (DisplayMessageCtrlr.DisplayMessages maxLimit).
MAX_MESSAGES = 20


def _time(text: str | None) -> datetime | None:
    return parse_time(text) if text else None


class DisplayMessages201:
    """The operator's messages of ``cp``'s station."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp

    def all(self) -> list[dict[str, Any]]:
        """MessageInfo dicts (snake_case) as received, oldest first."""
        return list(self.cp.storage.get(STORED, []))

    def restore(self) -> None:
        self._push(self.all())

    def set(self, message: dict[str, Any]) -> str:
        """SetDisplayMessage: Accepted, NotSupportedMessageFormat, Rejected or UnknownTransaction."""
        transaction_id = message.get("transaction_id")
        if transaction_id and self.cp.transactions.side_of(transaction_id) is None:
            return "UnknownTransaction"
        try:
            converted = self._convert(message)
        except (KeyError, ValueError) as exc:
            log.info("display message refused: %s", exc)
            return "Rejected"
        refusal = check(converted) if converted is not None else Refusal.CONTENT
        if refusal is Refusal.FORMAT:
            return "NotSupportedMessageFormat"
        if refusal is not None:
            return "Rejected"
        messages = [m for m in self.all() if m["id"] != message["id"]]
        if len(messages) >= MAX_MESSAGES:
            return "Rejected"
        messages.append(message)
        self._save(messages)
        log.info("display message %d set (%s)", message["id"], message["priority"])
        return "Accepted"

    def clear(self, message_id: int) -> bool:
        messages = self.all()
        kept = [m for m in messages if m["id"] != message_id]
        if len(kept) == len(messages):
            return False
        self._save(kept)
        return True

    def matching(self, ids: list[int] | None, priority: str | None, state: str | None) -> list[dict[str, Any]]:
        """GetDisplayMessages' selection (every criterion given must hold)."""
        return [m for m in self.all() if (not ids or m["id"] in ids) and (priority is None or m["priority"] == priority)
                and (state is None or m.get("state") == state)]

    async def notify(self, request_id: int, messages: list[dict[str, Any]]) -> None:
        """NotifyDisplayMessages with the messages found, 4 per message, ``tbc`` on all but the last."""
        chunks = [messages[i:i + 4] for i in range(0, len(messages), 4)]
        for number, chunk in enumerate(chunks):
            await self.cp.outbox.request(call.NotifyDisplayMessages(
                request_id=request_id, message_info=chunk, tbc=number < len(chunks) - 1))

    def transaction_ended(self, transaction_id: str) -> None:
        messages = self.all()
        kept = [m for m in messages if m.get("transaction_id") != transaction_id]
        if len(kept) != len(messages):
            self._save(kept)

    def _save(self, messages: list[dict[str, Any]]) -> None:
        self.cp.storage.put(STORED, messages)
        self._push(messages)

    def _push(self, messages: list[dict[str, Any]]) -> None:
        shown = []
        for message in messages:
            try:
                converted = self._convert(message)
            except (KeyError, ValueError):
                continue
            if converted is not None:
                shown.append(converted)
        self.cp.station_link.station.set_display_messages(tuple(shown))

    def _convert(self, message: dict[str, Any]) -> DisplayMessage | None:
        """The station's form of a MessageInfo (None: bound to a transaction no longer here)."""
        content = message["message"]
        side = None
        if message.get("transaction_id"):
            side = self.cp.transactions.side_of(message["transaction_id"])
            if side is None:
                return None
        state = message.get("state")
        return DisplayMessage(
            message_id=int(message["id"]), content=str(content["content"]),
            priority=PRIORITIES[message["priority"]], format=FORMATS[content["format"]],
            state=STATES[state] if state else None, start=_time(message.get("start_date_time")),
            end=_time(message.get("end_date_time")), side=side, language=content.get("language"))
