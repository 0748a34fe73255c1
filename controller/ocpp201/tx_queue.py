"""The persistent queue of OCPP 2.0.1 TransactionEvents, each delivered exactly once.

A transaction is opened here under an id the station makes (a uuid4, unique for the
station's life) and every event of it is queued as a complete ``TransactionEvent`` payload
(snake_case keyword arguments of :class:`ocpp.v201.call.TransactionEvent`): its ``seq_no``
and ``transaction_info.transaction_id`` are filled in here, in the same SQLite transaction
that moves the transaction's next seqNo, so seqNo runs 0, 1, 2, ... without a gap across
kills and restarts.  Its ``offline`` flag is the caller's, fixed when queued.

Delivery is the 1.6 queue's (:class:`controller.ocpp.queue.TransactionQueue`), so one pump
drives either: a message leaves only when its CALLRESULT has arrived; a lost connection
leaves it at the head (sent again with the same unique id); a CALLERROR or no answer counts
an attempt and waits MessageAttemptInterval x attempts before the next one, under a fresh
unique id; after MessageAttempts it is dropped (E13).  Unlike 1.6 nothing waits for an id
from the central system: the events after a dropped Started still go.

The Started moves the *handed-over mark* (the 1.6 queue's settings key
:data:`controller.ocpp.queue.HANDED_OVER`) in its own SQLite transaction: both versions'
queues live in the same file, so a station session is taken over by exactly one of them.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from controller.ocpp.queue import due_head, handed_over, set_handed_over
from controller.ocpp.storage import Storage

log = logging.getLogger(__name__)

ACTION = "TransactionEvent"
STARTED, UPDATED, ENDED = "Started", "Updated", "Ended"


@dataclass(frozen=True, slots=True)
class QueuedEvent:
    """One queued TransactionEvent; ``payload`` is complete (seqNo and transaction id in it)."""

    seq: int
    unique_id: str
    transaction_id: str
    seq_no: int
    event_type: str
    payload: dict[str, Any]
    attempts: int

    @property
    def action(self) -> str:
        return ACTION


@dataclass(frozen=True, slots=True)
class OpenTransaction:
    """A transaction without a queued Ended (after a restart: one a crash cut short)."""

    transaction_id: str
    evse_id: int
    id_token: dict[str, str]  # {"id_token": ..., "type": ...}
    started: datetime
    meter_start: int
    last_meter: int  # the highest register noted or queued (Wh)
    last_seen: datetime
    session_id: int | None
    next_seq_no: int


class TransactionEventQueue:
    """OCPP 2.0.1 transactions and their queued TransactionEvents in SQLite."""

    def __init__(self, storage: Storage, new_unique_id: Callable[[], str] = lambda: str(uuid.uuid4()),
                 new_transaction_id: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
        self._storage = storage
        self._new_unique_id = new_unique_id
        self._new_transaction_id = new_transaction_id

    # --- transactions -------------------------------------------------------------

    def start(self, evse_id: int, id_token: dict[str, str], meter_start: int, timestamp: datetime,
              payload: dict[str, Any], session_id: int | None = None) -> str:
        """Open a transaction and queue its Started ``payload`` (seqNo 0); returns the new
        transaction id.  ``session_id`` moves the handed-over mark, atomically with it."""
        transaction_id = self._new_transaction_id()
        with self._storage.transaction() as db:
            opened = db.execute("SELECT COALESCE(MAX(opened), 0) + 1 FROM tx201_transactions").fetchone()[0]
            db.execute(
                "INSERT INTO tx201_transactions (transaction_id, opened, evse_id, id_token, token_type, started, "
                "meter_start, last_meter, last_seen, session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (transaction_id, opened, evse_id, id_token["id_token"], id_token["type"], timestamp.isoformat(),
                 meter_start, meter_start, timestamp.isoformat(), session_id))
            if session_id is not None:
                self.set_handed_over(max(session_id, self.handed_over() or 0))
            self._insert(db, transaction_id, payload, meter_start)
        return transaction_id

    def event(self, transaction_id: str, payload: dict[str, Any], meter_wh: int | None = None) -> int:
        """Queue an Updated (or any event but Ended) of an open transaction; returns its seqNo.
        ``meter_wh``: the register it reports, noted for a PowerLoss Ended."""
        with self._storage.transaction() as db:
            return self._insert(db, transaction_id, payload, meter_wh)

    def end(self, transaction_id: str, payload: dict[str, Any], meter_wh: int | None = None) -> int:
        """Queue the Ended of a transaction, which closes it; returns its seqNo."""
        with self._storage.transaction() as db:
            seq_no = self._insert(db, transaction_id, payload, meter_wh)
            db.execute("UPDATE tx201_transactions SET ended = 1 WHERE transaction_id = ?", (transaction_id,))
            return seq_no

    def note_meter(self, transaction_id: str, meter_wh: int, now: datetime) -> None:
        """The last known register of a running transaction (for a PowerLoss Ended after a crash);
        it never goes down."""
        self._storage.execute("UPDATE tx201_transactions SET last_meter = MAX(last_meter, ?), last_seen = ? "
                              "WHERE transaction_id = ?", (meter_wh, now.isoformat(), transaction_id))

    def open_transactions(self) -> list[OpenTransaction]:
        """Transactions without a queued Ended, in the order they were opened."""
        rows = self._storage.query("SELECT * FROM tx201_transactions WHERE ended = 0 ORDER BY opened")
        return [OpenTransaction(r["transaction_id"], r["evse_id"], {"id_token": r["id_token"], "type": r["token_type"]},
                                datetime.fromisoformat(r["started"]), r["meter_start"], r["last_meter"],
                                datetime.fromisoformat(r["last_seen"]), r["session_id"], r["next_seq_no"])
                for r in rows]

    def handed_over(self) -> int | None:
        """The highest station session id taken over by either version's queue (None: never one)."""
        return handed_over(self._storage)

    def set_handed_over(self, session_id: int) -> None:
        set_handed_over(self._storage, session_id)

    def undelivered_sessions(self) -> frozenset[int]:
        """The station session ids of transactions still open or with events still queued."""
        rows = self._storage.query(
            "SELECT session_id FROM tx201_transactions t WHERE session_id IS NOT NULL AND (ended = 0 OR EXISTS "
            "(SELECT 1 FROM tx201_events e WHERE e.transaction_id = t.transaction_id))")
        return frozenset(int(r["session_id"]) for r in rows)

    def withdraw_undelivered(self) -> list[int]:
        """Take out every transaction of a station session whose Started was never delivered
        (with all its events), for the other OCPP version to report; their session ids,
        oldest first (:mod:`controller.backend_versions`)."""
        with self._storage.transaction() as db:
            rows = db.execute(
                "SELECT transaction_id, session_id FROM tx201_transactions t WHERE session_id IS NOT NULL AND "
                "EXISTS (SELECT 1 FROM tx201_events e WHERE e.transaction_id = t.transaction_id AND e.seq_no = 0) "
                "ORDER BY opened").fetchall()
            for row in rows:
                db.execute("DELETE FROM tx201_events WHERE transaction_id = ?", (row["transaction_id"],))
                db.execute("DELETE FROM tx201_transactions WHERE transaction_id = ?", (row["transaction_id"],))
        return [int(row["session_id"]) for row in rows]

    def messages_of(self, transaction_id: str | None) -> bool:
        """GetTransactionStatus: events of ``transaction_id`` (None: of any) still queued."""
        if transaction_id is None:
            return len(self) > 0
        return bool(self._storage.query("SELECT 1 FROM tx201_events WHERE transaction_id = ? LIMIT 1",
                                        (transaction_id,)))

    # --- the queue ----------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._storage.query("SELECT COUNT(*) AS n FROM tx201_events")[0]["n"])

    def pending(self) -> list[QueuedEvent]:
        """Every queued event, oldest first."""
        return [_event(r) for r in self._storage.query("SELECT * FROM tx201_events ORDER BY seq")]

    def head(self, now: datetime) -> tuple[QueuedEvent | None, float | None]:
        """The next event to send now, or (None, seconds to wait) when it must wait (None: empty)."""
        row, wait = due_head(self._storage, "tx201_events", now)
        return (_event(row) if row is not None else None), wait

    def wire_payload(self, message: QueuedEvent) -> dict[str, Any] | None:
        """The payload to send (complete when queued; never None, kept for the 1.6 pump's shape)."""
        return message.payload

    def delivered(self, message: QueuedEvent, response: dict[str, Any]) -> None:
        """The central system confirmed ``message`` (``response``: the snake_case answer, read by
        :class:`controller.ocpp201.transactions.Transactions`, not here)."""
        with self._storage.transaction() as db:
            db.execute("DELETE FROM tx201_events WHERE seq = ?", (message.seq,))
            _forget_if_done(db, message.transaction_id)

    def failed(self, message: QueuedEvent, now: datetime, retry_interval_s: int, max_attempts: int) -> bool:
        """A CALLERROR or no answer: count the attempt, wait ``retry_interval_s`` x attempts, and
        give the event a fresh unique id for the next one; True when it was dropped instead."""
        attempts = message.attempts + 1
        if attempts >= max_attempts:
            log.error("TransactionEvent %s #%d of transaction %s dropped after %d attempts", message.event_type,
                      message.seq_no, message.transaction_id, attempts)
            self.drop(message)
            return True
        not_before = now + timedelta(seconds=retry_interval_s * attempts)
        self._storage.execute("UPDATE tx201_events SET attempts = ?, not_before = ?, unique_id = ? WHERE seq = ?",
                              (attempts, not_before.isoformat(), self._new_unique_id(), message.seq))
        return False

    def drop(self, message: QueuedEvent) -> None:
        """Give ``message`` up (its attempts are spent)."""
        with self._storage.transaction() as db:
            db.execute("DELETE FROM tx201_events WHERE seq = ?", (message.seq,))
            _forget_if_done(db, message.transaction_id)

    def _insert(self, db: Any, transaction_id: str, payload: dict[str, Any], meter_wh: int | None) -> int:
        row = db.execute("SELECT next_seq_no, ended FROM tx201_transactions WHERE transaction_id = ?",
                         (transaction_id,)).fetchone()
        if row is None or row["ended"]:
            raise KeyError(f"no open transaction {transaction_id}")
        seq_no = int(row["next_seq_no"])
        complete = {**payload, "seq_no": seq_no,
                    "transaction_info": {**payload.get("transaction_info", {}), "transaction_id": transaction_id}}
        db.execute("INSERT INTO tx201_events (unique_id, transaction_id, seq_no, event_type, payload) "
                   "VALUES (?, ?, ?, ?, ?)",
                   (self._new_unique_id(), transaction_id, seq_no, str(payload["event_type"]), json.dumps(complete)))
        db.execute("UPDATE tx201_transactions SET next_seq_no = ?, last_meter = MAX(last_meter, ?) "
                   "WHERE transaction_id = ?", (seq_no + 1, meter_wh if meter_wh is not None else 0, transaction_id))
        return seq_no


def _forget_if_done(db: Any, transaction_id: str) -> None:
    """An ended transaction is forgotten once nothing queued refers to it any more."""
    db.execute("DELETE FROM tx201_transactions WHERE transaction_id = ? AND ended = 1 AND NOT EXISTS "
               "(SELECT 1 FROM tx201_events WHERE transaction_id = ?)", (transaction_id, transaction_id))


def _event(row: Any) -> QueuedEvent:
    return QueuedEvent(row["seq"], row["unique_id"], row["transaction_id"], row["seq_no"], row["event_type"],
                       json.loads(row["payload"]), row["attempts"])
