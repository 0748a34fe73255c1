"""Security events to the central system: SecurityEventNotification, each confirmed event once.

The events live in the station's security log (:mod:`controller.security_log`, seen here
through :class:`SecurityLogPort`); this queue puts its pending (critical) ones on the
pump (:mod:`controller.ocpp.delivery`) in the order they were recorded, after the
transaction messages that are due.  Either OCPP version drives it: the two
``SecurityEventNotification`` requests take the same fields; only the event's name differs
(:func:`controller.security_events.name_in`).

Exactly once, as far as OCPP allows:

* An event is marked sent in the station's log inside the receive loop, the instant its
  CALLRESULT is read (``on_answer``), so an answered event is never sent again, whether the
  connection drops, the pump is cancelled or the process is killed a moment later.
* Until then it is the head.  Its unique id is kept in the charge point's database before the
  CALL goes out, so after a lost connection, or a kill between the send and the answer, the
  same event goes again with the *same* unique id.  That is the one case where the central
  system can receive an event twice: OCPP-J has no acknowledgement of an answer, so a
  charger cannot know whether its CALL was processed when the answer never came.  The
  repeated unique id is what lets a central system tell a repeat from a new event; the
  station never makes a second event of one occurrence.
* A CALLERROR or no answer counts an attempt: the next goes out after the transaction
  messages' retry interval x attempts, under a fresh unique id (OCPP-J wants ids unique on a
  connection); after their number of attempts the event is marked refused and the next one
  goes (a central system without the whitepaper answers every one with NotImplemented).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from controller.ocpp.queue import ocpp_time
from controller.ocpp.storage import Storage
from controller.security_events import SecurityEvent, name_in

log = logging.getLogger(__name__)

ACTION = "SecurityEventNotification"
#: Charge point settings key: the head event's delivery state (seq, unique id, attempts, not before).
HEAD = "security_event_head"
#: techInfo's maxLength in both versions' schemas.
TECH_INFO_MAX = 255


class SecurityLogPort(Protocol):
    """The station's security log as the OCPP side uses it (:class:`controller.security_log.SecurityLog`)."""

    def record(self, kind: str, tech_info: str = "", at: datetime | None = None) -> None: ...

    def undelivered(self) -> list[SecurityEvent]: ...

    def delivered(self, seq: int) -> None: ...

    def refused(self, seq: int) -> None: ...


@dataclass(frozen=True, slots=True)
class QueuedSecurityEvent:
    """The head of the queue: the oldest pending event and the unique id its CALL goes under."""

    event: SecurityEvent
    unique_id: str
    attempts: int

    @property
    def action(self) -> str:
        return ACTION

    @property
    def seq(self) -> int:
        return self.event.seq


class SecurityEventQueue:
    """The pending security events of ``log`` as the pump's queue, in OCPP ``version``'s words."""

    def __init__(self, log: SecurityLogPort, storage: Storage, version: str,
                 central: Callable[[datetime], datetime] = lambda moment: moment,
                 new_unique_id: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
        self.log = log
        self._storage = storage
        self.version = version
        self._central = central  # a recorded (local) time on the central system's clock
        self._new_unique_id = new_unique_id

    def __len__(self) -> int:
        return len(self.log.undelivered())

    def head(self, now: datetime) -> tuple[QueuedSecurityEvent | None, float | None]:
        """The event to send now, or (None, seconds to wait) after a failed attempt (None: none pending)."""
        pending = self.log.undelivered()
        if not pending:
            return None, None
        event = pending[0]
        state = self._storage.get(HEAD)
        if not isinstance(state, dict) or state.get("seq") != event.seq:
            state = {"seq": event.seq, "unique_id": self._new_unique_id(), "attempts": 0, "not_before": None}
            self._storage.put(HEAD, state)  # before the CALL goes out: a repeat keeps its unique id
        if state["not_before"]:
            wait = (datetime.fromisoformat(state["not_before"]) - now).total_seconds()
            if wait > 0:
                return None, wait
        return QueuedSecurityEvent(event, str(state["unique_id"]), int(state["attempts"])), None

    def wire_payload(self, message: QueuedSecurityEvent) -> dict[str, Any]:
        """SecurityEventNotification's keyword arguments (the same in 1.6 and 2.0.1)."""
        event = message.event
        return {"type": name_in(event.kind, self.version)[:50],
                "timestamp": ocpp_time(self._central(event.timestamp)),
                "tech_info": event.tech_info[:TECH_INFO_MAX] or None}

    def delivered(self, message: QueuedSecurityEvent, response: dict[str, Any]) -> None:
        """The central system confirmed the event (in the receive loop, as the answer is read)."""
        self.log.delivered(message.seq)
        self._storage.delete(HEAD)

    def failed(self, message: QueuedSecurityEvent, now: datetime, retry_interval_s: int, max_attempts: int) -> bool:
        """A CALLERROR or no answer: wait ``retry_interval_s`` x attempts, under a fresh unique id;
        True when the attempts are spent and the event was marked refused."""
        attempts = message.attempts + 1
        if attempts >= max_attempts:
            log.error("security event %s (#%d) refused after %d attempts", message.event.kind, message.seq, attempts)
            self.drop(message)
            return True
        not_before = now + timedelta(seconds=retry_interval_s * attempts)
        self._storage.put(HEAD, {"seq": message.seq, "unique_id": self._new_unique_id(), "attempts": attempts,
                                 "not_before": not_before.isoformat()})
        return False

    def drop(self, message: QueuedSecurityEvent) -> None:
        """Give the event up: it is not sent again."""
        self.log.refused(message.seq)
        self._storage.delete(HEAD)


class SecurityEvents:
    """A charge point's security events: recorded in the station's log (once attached) and sent
    by its pump; without a log (a charge point on no station) they are only logged here."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.log: SecurityLogPort | None = None
        self.queue: SecurityEventQueue | None = None

    def attach(self, security_log: SecurityLogPort, storage: Storage, queues: list[Any],
               central: Callable[[datetime], datetime]) -> SecurityEventQueue:
        """Record into ``security_log`` and send its pending events through the pump's ``queues``."""
        self.log = security_log
        self.queue = SecurityEventQueue(security_log, storage, self.version, central)
        queues.append(self.queue)
        return self.queue

    def report(self, kind: str, tech_info: str = "") -> None:
        """A security event this charge point saw (a :data:`controller.security_events.Report`)."""
        if self.log is None:
            log.warning("security event %s%s (no security log attached)", kind, f": {tech_info}" if tech_info else "")
            return
        self.log.record(kind, tech_info)
