"""Every session the station recorded, accounted for at the central system: one
StartTransaction answered with a transaction id, and exactly one StopTransaction for that id,
however many outages, retries and restarts came between."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
    """Reconcile the central system's message log (``CentralSystemProcess.messages()``) with
    the number of sessions the station recorded."""
    starts: list[str] = []
    stops: list[Any] = []
    answers: dict[str, Any] = {}
    for message in messages:
        frame = message["frame"]
        if not isinstance(frame, list) or len(frame) < 3:
            continue
        if message["direction"] == "from_charge_point" and frame[0] == 2:
            if frame[2] == "StartTransaction":
                starts.append(frame[1])
            elif frame[2] == "StopTransaction":
                stops.append(frame[3]["transactionId"])
        elif message["direction"] == "to_charge_point" and frame[0] == 3:
            answers[frame[1]] = frame[2]
    given = [answers[uid]["transactionId"] for uid in starts if uid in answers]
    once = [tid for tid in given if stops.count(tid) == 1]
    twice = tuple(sorted({tid for tid in stops if stops.count(tid) > 1}))
    unknown = tuple(sorted(set(stops) - set(given)))
    return Accounting(sessions, len(starts), len(given), len(once), twice, unknown)
