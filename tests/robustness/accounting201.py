"""Every session the station recorded, accounted for at an OCPP 2.0.1 central system, from the
frames the charger sent (the central system's message log, which outlives a killed process):

* each session is exactly one transactionId, with one Started (seqNo 0) and exactly one Ended;
* its seqNos run 0, 1, ..., n without a gap; a seqNo may come again only as a repeat of the
  same event (an event in flight at a kill or a cut, sent again from the persistent queue);
* the Ended of a session the station recorded as interrupted (cut while it ran) says
  PowerLoss, that of a session it recorded as finished says the recorded stop's reason;
* the energy register of the Ended is never below any reading sent before it, nor below the
  Started's.

:func:`account201` reconciles a log with the sessions in the station's store and returns
:class:`Accounting201`, whose ``problems`` name each loss (none expected).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from controller.ocpp201.tx_events import STOPS
from controller.session import StopReason
from controller.store import FINISHED, INTERRUPTED

ENERGY = "Energy.Active.Import.Register"
POWER_LOSS = "PowerLoss"


class SessionLike(Protocol):
    """What the accounting reads of a stored session (:class:`controller.store.SessionRecord`)."""

    id: int
    connector_id: int
    id_token: str
    status: str
    stop_reason: str


@dataclass
class Transaction201:
    """One transactionId as the central system received it: its events by seqNo, in arrival order."""

    transaction_id: str
    events: dict[int, dict[str, Any]] = field(default_factory=dict)  # seqNo -> the first payload with it
    repeats: int = 0  # events received again with the same seqNo and the same content
    problems: list[str] = field(default_factory=list)

    def of_type(self, event_type: str) -> list[dict[str, Any]]:
        return [e for _, e in sorted(self.events.items()) if e["eventType"] == event_type]

    @property
    def started(self) -> dict[str, Any] | None:
        return self.events.get(0) if self.events.get(0, {}).get("eventType") == "Started" else None

    @property
    def ended(self) -> dict[str, Any] | None:
        ended = self.of_type("Ended")
        return ended[0] if len(ended) == 1 else None

    @property
    def stopped_reason(self) -> str | None:
        ended = self.ended
        return ended["transactionInfo"].get("stoppedReason", "Local") if ended is not None else None


def read_transactions(messages: list[dict[str, Any]]) -> dict[str, Transaction201]:
    """The TransactionEvent CALLs the charger sent, by transactionId in the order each first came."""
    transactions: dict[str, Transaction201] = {}
    for message in messages:
        frame = message["frame"]
        if message["direction"] != "from_charge_point" or not isinstance(frame, list) or len(frame) < 4 \
                or frame[0] != 2 or frame[2] != "TransactionEvent":
            continue
        payload = frame[3]
        transaction_id = payload["transactionInfo"]["transactionId"]
        transaction = transactions.setdefault(transaction_id, Transaction201(transaction_id))
        seq_no = payload["seqNo"]
        first = transaction.events.get(seq_no)
        if first is None:
            transaction.events[seq_no] = payload
        elif _same_event(first, payload):
            transaction.repeats += 1
        else:
            transaction.problems.append(f"seqNo {seq_no} twice with different events: {first['eventType']} "
                                        f"({first['triggerReason']}), {payload['eventType']} "
                                        f"({payload['triggerReason']})")
    return transactions


def _same_event(first: dict[str, Any], again: dict[str, Any]) -> bool:
    """A repeat from the persistent queue: the same event (``offline`` may differ: the repeat
    may go out after a reconnect)."""
    def content(payload: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in payload.items() if k != "offline"}
    return content(first) == content(again)


def register_wh(payload: dict[str, Any]) -> Decimal | None:
    """The last energy register reading (Wh) in a TransactionEvent (camelCase), None without one."""
    reading = None
    for value in payload.get("meterValue") or []:
        for sampled in value.get("sampledValue", []):
            if sampled.get("measurand", ENERGY) != ENERGY or sampled.get("phase"):
                continue
            unit = sampled.get("unitOfMeasure") or {}
            scale = Decimal(10) ** int(unit.get("multiplier", 0)) * (1000 if unit.get("unit") == "kWh" else 1)
            reading = Decimal(str(sampled["value"])) * scale
    return reading


def check_transaction(transaction: Transaction201) -> list[str]:
    """What is wrong with one transaction on its own (seqNos, Started, Ended, meter)."""
    tid = transaction.transaction_id
    problems = [f"transaction {tid}: {p}" for p in transaction.problems]
    seq_nos = sorted(transaction.events)
    if seq_nos != list(range(len(seq_nos))):
        problems.append(f"transaction {tid}: seqNos {seq_nos}, not 0..{len(seq_nos) - 1}")
    if transaction.started is None or len(transaction.of_type("Started")) != 1:
        problems.append(f"transaction {tid}: {len(transaction.of_type('Started'))} Started, none at seqNo 0"
                        if transaction.started is None else f"transaction {tid}: more than one Started")
    ended = transaction.of_type("Ended")
    if len(ended) != 1:
        problems.append(f"transaction {tid}: {len(ended)} Ended")
        return problems
    end_seq = ended[0]["seqNo"]
    if end_seq != seq_nos[-1]:
        problems.append(f"transaction {tid}: events after the Ended (seqNo {end_seq} of {seq_nos[-1]})")
    final = register_wh(ended[0])
    seen = [(seq, r) for seq, e in sorted(transaction.events.items())
            if seq < end_seq and (r := register_wh(e)) is not None]
    if final is None:
        problems.append(f"transaction {tid}: the Ended has no energy register")
    elif seen and final < max(r for _, r in seen):
        problems.append(f"transaction {tid}: Ended meter {final} Wh below an earlier {max(r for _, r in seen)} Wh")
    return problems


def expected_reason(session: SessionLike) -> str:
    """The stoppedReason of a session's Ended: PowerLoss when it was cut, else its recorded reason's."""
    if session.status == INTERRUPTED:
        return POWER_LOSS
    return STOPS[StopReason.from_key(session.stop_reason)][0]


@dataclass(frozen=True, slots=True)
class Accounting201:
    sessions: int  # sessions the station recorded
    transactions: int  # transactionIds the central system received
    accounted: int  # sessions that are one sound transaction (Started, one Ended, no gap, right reason)
    power_loss: int  # transactions ended with PowerLoss
    repeats: int  # events received again (same seqNo, same content): allowed
    problems: tuple[str, ...]

    @property
    def losses(self) -> int:
        return len(self.problems)

    def __str__(self) -> str:
        return (f"{self.sessions} sessions, {self.transactions} transactions, {self.accounted} accounted for, "
                f"{self.power_loss} PowerLoss, {self.repeats} repeats; problems: {list(self.problems)}")


def account201(messages: list[dict[str, Any]], sessions: Sequence[SessionLike]) -> Accounting201:
    """Reconcile the central system's message log with the sessions the station recorded.

    Transactions pair with sessions in order (the charger queues a session's Started in the
    order the station recorded them, and the queue delivers in order), each pair on the same
    EVSE with the same idToken."""
    transactions = list(read_transactions(messages).values())
    problems: list[str] = []
    accounted = 0
    ordered = sorted(sessions, key=lambda s: s.id)
    running = [s.id for s in ordered if s.status not in (FINISHED, INTERRUPTED)]
    if running:
        problems.append(f"sessions still running in the store: {running}")
    if len(ordered) != len(transactions):
        problems.append(f"{len(ordered)} sessions in the store, {len(transactions)} transactions")
    for session, transaction in zip(ordered, transactions, strict=False):
        own = check_transaction(transaction)
        started = transaction.started or {}
        evse = (started.get("evse") or {}).get("id")
        token = (started.get("idToken") or {}).get("idToken")
        if (evse, token) != (session.connector_id, session.id_token):
            own.append(f"transaction {transaction.transaction_id} (EVSE {evse}, {token}) is not session "
                       f"{session.id} (connector {session.connector_id}, {session.id_token})")
        reason = transaction.stopped_reason
        if reason is not None and session.status in (FINISHED, INTERRUPTED) and reason != expected_reason(session):
            own.append(f"transaction {transaction.transaction_id}: ended {reason}, session {session.id} "
                       f"{session.status} ({session.stop_reason or 'no reason'}) expects {expected_reason(session)}")
        problems += own
        accounted += not own
    for transaction in transactions[len(ordered):]:
        problems += check_transaction(transaction)
    power_loss = sum(t.stopped_reason == POWER_LOSS for t in transactions)
    return Accounting201(len(ordered), len(transactions), accounted, power_loss,
                         sum(t.repeats for t in transactions), tuple(problems))


def all_ended(messages: list[dict[str, Any]]) -> bool:
    """At least one transaction, and each has an Ended (for a wait before accounting)."""
    transactions = read_transactions(messages)
    return bool(transactions) and all(t.of_type("Ended") for t in transactions.values())
