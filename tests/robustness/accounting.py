"""Every session the station recorded, accounted for at the central system: one
StartTransaction answered with a transaction id, and exactly one StopTransaction for that id,
however many outages, retries and restarts came between."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Books:
    """The transactions in a central system's message log (``CentralSystemProcess.messages()``)."""

    starts: int = 0  # StartTransaction requests received
    given: dict[int, dict[str, Any]] = field(default_factory=dict)  # transaction id -> its StartTransaction
    stops: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # transaction id -> its StopTransactions
    meters: dict[int, list[float]] = field(default_factory=dict)  # transaction id -> registers seen (Wh)


def read_books(messages: list[dict[str, Any]]) -> Books:
    """One pass over the log: starts, the ids they were given, stops and meter values by id."""
    books = Books()
    starts: dict[str, dict[str, Any]] = {}
    answers: dict[str, Any] = {}
    for message in messages:
        frame = message["frame"]
        if not isinstance(frame, list) or len(frame) < 3:
            continue
        if message["direction"] == "to_charge_point":
            if frame[0] == 3:
                answers[frame[1]] = frame[2]
            continue
        if frame[0] != 2:
            continue
        action, payload = frame[2], frame[3]
        if action == "StartTransaction":
            starts[frame[1]] = payload
        elif action == "StopTransaction":
            books.stops.setdefault(payload["transactionId"], []).append(payload)
        elif action == "MeterValues" and "transactionId" in payload \
                and (value := _register_wh(payload)) is not None:
            books.meters.setdefault(payload["transactionId"], []).append(value)
    books.starts = len(starts)
    books.given = {answers[uid]["transactionId"]: payload for uid, payload in starts.items() if uid in answers}
    return books


def _register_wh(payload: dict[str, Any]) -> float | None:
    for value in payload["meterValue"][-1]["sampledValue"]:
        if value.get("measurand", "Energy.Active.Import.Register") == "Energy.Active.Import.Register":
            return float(value["value"]) * (1000 if value.get("unit") == "kWh" else 1)
    return None


@dataclass(frozen=True, slots=True)
class Accounting:
    sessions: int  # sessions the station recorded
    started: int  # StartTransaction requests the central system received
    answered: int  # ... of which it answered with a transaction id
    stopped_once: int  # transactions with exactly one StopTransaction
    stopped_twice: tuple[int, ...]  # transaction ids stopped more than once
    unknown_stops: tuple[int, ...]  # StopTransaction for an id the central system never gave

    @property
    def losses(self) -> int:
        """Sessions not accounted for, plus every duplicate or stray stop."""
        return max(self.sessions - self.stopped_once, 0) + len(self.stopped_twice) + len(self.unknown_stops)

    def __str__(self) -> str:
        return (f"{self.sessions} sessions, {self.started} started, {self.answered} answered, "
                f"{self.stopped_once} stopped once, stopped twice: {list(self.stopped_twice)}, "
                f"stops of unknown ids: {list(self.unknown_stops)}")


def account(messages: list[dict[str, Any]], sessions: int) -> Accounting:
    """Reconcile the central system's message log with the number of sessions the station recorded."""
    books = read_books(messages)
    once = [tid for tid in books.given if len(books.stops.get(tid, [])) == 1]
    twice = tuple(sorted(tid for tid, stops in books.stops.items() if len(stops) > 1))
    unknown = tuple(sorted(set(books.stops) - set(books.given)))
    return Accounting(sessions, books.starts, len(books.given), len(once), twice, unknown)
