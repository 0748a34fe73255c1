"""The persistent queue of transaction messages (§3.7): StartTransaction, transactional
MeterValues and StopTransaction, in time order, each delivered exactly once.

A message leaves the queue only when its CALLRESULT has arrived; a lost connection leaves
it at the head (sent again, with the same unique id, after the reconnect, so a central
system can tell a repeat); a CALLERROR or a timeout counts an attempt and waits
TransactionMessageRetryInterval x attempts before the next one, which goes out with a
fresh unique id (it may be on the same connection, where OCPP-J 1.6 §4.1.3 wants every id
unique), and after TransactionMessageAttempts the message is dropped.

A transaction gets a local id when it starts, online or not.  Messages are stored with
that local id; the real ``transactionId`` from StartTransaction.conf is filled in when a
later message goes out, so MeterValues and StopTransaction queued offline carry the id
the central system chose.

A transaction also notes the station's record of its session (the station store's session
id), and the highest such id taken over is kept as the *handed-over mark*, written in the
same SQLite transaction as the StartTransaction: a session the station recorded above the
mark was never queued here (see :mod:`controller.backend`, which hands those over at
start-up), and one at or below it was.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from controller.ocpp.storage import Storage

log = logging.getLogger(__name__)

START = "StartTransaction"
STOP = "StopTransaction"
METER_VALUES = "MeterValues"
DATA_TRANSFER = "DataTransfer"  # transaction-related DataTransfer (OCA ConnectorUnplugged): its data names the id
HANDED_OVER = "handed_over_session"  # settings key: the highest station session id taken over


@dataclass(frozen=True, slots=True)
class QueuedMessage:
    seq: int
    unique_id: str
    action: str
    local_tx: int
    payload: dict[str, Any]  # snake_case keyword arguments of ``ocpp.v16.call.<action>``
    attempts: int


@dataclass(frozen=True, slots=True)
class OpenTransaction:
    local_id: int
    connector_id: int
    id_tag: str
    started: datetime
    meter_start: int
    last_meter: int
    last_seen: datetime
    real_id: int | None
    session_id: int | None = None  # the station's record of it


class TransactionQueue:
    """Transactions and their queued messages in SQLite."""

    def __init__(self, storage: Storage, new_unique_id: Callable[[], str] = lambda: str(uuid.uuid4())) -> None:
        self._storage = storage
        self._new_unique_id = new_unique_id

    # --- transactions -------------------------------------------------------------

    def start(self, connector_id: int, id_tag: str, meter_start: int, timestamp: datetime,
              reservation_id: int | None = None, session_id: int | None = None) -> int:
        """Open a transaction and queue its StartTransaction; returns the local id.  ``session_id``
        (the station's record of the session) moves the handed-over mark, atomically with it."""
        with self._storage.transaction() as db:
            cursor = db.execute(
                "INSERT INTO transactions (connector_id, id_tag, started, meter_start, last_meter, last_seen, "
                "session_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (connector_id, id_tag, timestamp.isoformat(), meter_start, meter_start, timestamp.isoformat(),
                 session_id))
            if session_id is not None:
                self.set_handed_over(max(session_id, self.handed_over() or 0))
            local_id = int(cursor.lastrowid or 0)
            payload: dict[str, Any] = {"connector_id": connector_id, "id_tag": id_tag, "meter_start": meter_start,
                                       "timestamp": ocpp_time(timestamp)}
            if reservation_id is not None:
                payload["reservation_id"] = reservation_id
            self._insert(db, START, local_id, payload)
        return local_id

    def stop(self, local_id: int, payload: dict[str, Any]) -> None:
        """Queue the StopTransaction (``transaction_id`` is filled in when it goes out)."""
        with self._storage.transaction() as db:
            db.execute("UPDATE transactions SET stopped = 1, last_meter = ? WHERE local_id = ?",
                       (payload["meter_stop"], local_id))
            self._insert(db, STOP, local_id, payload)

    def meter_values(self, local_id: int, payload: dict[str, Any]) -> None:
        """Queue a transactional MeterValues."""
        with self._storage.transaction() as db:
            self._insert(db, METER_VALUES, local_id, payload)

    def data_transfer(self, local_id: int, payload: dict[str, Any]) -> None:
        """Queue a DataTransfer about a transaction; its ``data`` (a JSON object) gets the real
        ``transactionId`` when it goes out, like the other messages."""
        with self._storage.transaction() as db:
            self._insert(db, DATA_TRANSFER, local_id, payload)

    def note_meter(self, local_id: int, meter_wh: int, now: datetime) -> None:
        """The last known register of a running transaction (for a PowerLoss stop after a crash)."""
        self._storage.execute("UPDATE transactions SET last_meter = ?, last_seen = ? WHERE local_id = ?",
                              (meter_wh, now.isoformat(), local_id))

    def open_transactions(self) -> list[OpenTransaction]:
        """Transactions without a queued StopTransaction (after a restart: those cut by a power loss)."""
        rows = self._storage.query("SELECT * FROM transactions WHERE stopped = 0 ORDER BY local_id")
        return [OpenTransaction(r["local_id"], r["connector_id"], r["id_tag"], datetime.fromisoformat(r["started"]),
                                r["meter_start"], r["last_meter"], datetime.fromisoformat(r["last_seen"]),
                                r["real_id"], r["session_id"]) for r in rows]

    def handed_over(self) -> int | None:
        """The highest station session id taken over (None: this database never took one)."""
        return handed_over(self._storage)

    def set_handed_over(self, session_id: int) -> None:
        set_handed_over(self._storage, session_id)

    def undelivered_sessions(self) -> frozenset[int]:
        """The station session ids of transactions still open or with messages still queued."""
        rows = self._storage.query(
            "SELECT session_id FROM transactions WHERE session_id IS NOT NULL AND (stopped = 0 OR EXISTS "
            "(SELECT 1 FROM tx_messages WHERE tx_messages.local_tx = transactions.local_id))")
        return frozenset(int(r["session_id"]) for r in rows)

    def withdraw_undelivered(self) -> list[int]:
        """Take out every transaction of a station session whose StartTransaction was never
        delivered (with all its messages), for the other OCPP version to report; their
        session ids, oldest first (:mod:`controller.backend_versions`)."""
        with self._storage.transaction() as db:
            rows = db.execute(
                "SELECT local_id, session_id FROM transactions WHERE real_id IS NULL AND session_id IS NOT NULL "
                "AND EXISTS (SELECT 1 FROM tx_messages WHERE local_tx = local_id AND action = ?) ORDER BY local_id",
                (START,)).fetchall()
            for row in rows:
                db.execute("DELETE FROM tx_messages WHERE local_tx = ?", (row["local_id"],))
                db.execute("DELETE FROM transactions WHERE local_id = ?", (row["local_id"],))
        return [int(row["session_id"]) for row in rows]

    def real_id(self, local_id: int) -> int | None:
        rows = self._storage.query("SELECT real_id FROM transactions WHERE local_id = ?", (local_id,))
        return rows[0]["real_id"] if rows else None

    def local_id(self, real_id: int) -> int | None:
        """The local id of a transaction the central system knows as ``real_id`` (latest first)."""
        rows = self._storage.query("SELECT local_id FROM transactions WHERE real_id = ? ORDER BY local_id DESC",
                                   (real_id,))
        return rows[0]["local_id"] if rows else None

    # --- the queue ----------------------------------------------------------------

    def __len__(self) -> int:
        return int(self._storage.query("SELECT COUNT(*) AS n FROM tx_messages")[0]["n"])

    def pending(self) -> list[QueuedMessage]:
        """Every queued message, oldest first."""
        return [_message(r) for r in self._storage.query("SELECT * FROM tx_messages ORDER BY seq")]

    def head(self, now: datetime) -> tuple[QueuedMessage | None, float | None]:
        """The next message to send now, or (None, seconds to wait) when it must wait (None: empty)."""
        row, wait = due_head(self._storage, "tx_messages", now)
        return (_message(row) if row is not None else None), wait

    def wire_payload(self, message: QueuedMessage) -> dict[str, Any] | None:
        """The payload to send, with the real transaction id; None when it cannot be known (the
        StartTransaction was dropped after its attempts) - the message is then dropped too."""
        if message.action == START:
            return message.payload
        real = self.real_id(message.local_tx)
        if real is None:
            return None
        if message.action == DATA_TRANSFER:
            data = {**json.loads(message.payload["data"]), "transactionId": real}
            return {**message.payload, "data": json.dumps(data, separators=(",", ":"))}
        return {**message.payload, "transaction_id": real}

    def delivered(self, message: QueuedMessage, response: dict[str, Any]) -> None:
        """The central system confirmed ``message`` (``response``: the snake_case conf payload)."""
        with self._storage.transaction() as db:
            db.execute("DELETE FROM tx_messages WHERE seq = ?", (message.seq,))
            if message.action == START:
                db.execute("UPDATE transactions SET real_id = ? WHERE local_id = ?",
                           (int(response["transaction_id"]), message.local_tx))
            _forget_if_done(db, message.local_tx)

    def failed(self, message: QueuedMessage, now: datetime, retry_interval_s: int, max_attempts: int) -> bool:
        """A CALLERROR or no answer: count the attempt and give the message a fresh unique id for
        the next one; True when the message was dropped."""
        attempts = message.attempts + 1
        if attempts >= max_attempts:
            log.error("%s of transaction %d dropped after %d attempts", message.action, message.local_tx, attempts)
            self.drop(message)
            return True
        not_before = now + timedelta(seconds=retry_interval_s * attempts)
        self._storage.execute("UPDATE tx_messages SET attempts = ?, not_before = ?, unique_id = ? WHERE seq = ?",
                              (attempts, not_before.isoformat(), self._new_unique_id(), message.seq))
        return False

    def drop(self, message: QueuedMessage) -> None:
        """Give ``message`` up (its attempts are spent, or its transaction never started)."""
        with self._storage.transaction() as db:
            db.execute("DELETE FROM tx_messages WHERE seq = ?", (message.seq,))
            _forget_if_done(db, message.local_tx)

    def _insert(self, db: Any, action: str, local_tx: int, payload: dict[str, Any]) -> None:
        db.execute("INSERT INTO tx_messages (unique_id, action, local_tx, payload) VALUES (?, ?, ?, ?)",
                   (self._new_unique_id(), action, local_tx, json.dumps(payload)))


def handed_over(storage: Storage) -> int | None:
    """The handed-over mark: the highest station session id either version's queue took over
    (None: none ever did)."""
    value = storage.get(HANDED_OVER)
    return None if value is None else int(value)


def set_handed_over(storage: Storage, session_id: int) -> None:
    storage.put(HANDED_OVER, session_id)


def due_head(storage: Storage, table: str, now: datetime) -> tuple[Any, float | None]:
    """The oldest row of a message queue ``table`` (ordered by ``seq``, retries waiting in
    ``not_before``) if it may go at ``now``; else (None, seconds to wait), (None, None) when empty."""
    rows = storage.query(f"SELECT * FROM {table} ORDER BY seq LIMIT 1")
    if not rows:
        return None, None
    row = rows[0]
    if row["not_before"]:
        wait = (datetime.fromisoformat(row["not_before"]) - now).total_seconds()
        if wait > 0:
            return None, wait
    return row, None


def _forget_if_done(db: Any, local_tx: int) -> None:
    """A stopped transaction is forgotten once nothing queued refers to it any more."""
    db.execute("DELETE FROM transactions WHERE local_id = ? AND stopped = 1 AND NOT EXISTS "
               "(SELECT 1 FROM tx_messages WHERE local_tx = ?)", (local_tx, local_tx))


def _message(row: Any) -> QueuedMessage:
    return QueuedMessage(row["seq"], row["unique_id"], row["action"], row["local_tx"], json.loads(row["payload"]),
                         row["attempts"])


def ocpp_time(moment: datetime) -> str:
    """UTC with milliseconds and ``Z``, as OCPP payloads carry it."""
    utc = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
