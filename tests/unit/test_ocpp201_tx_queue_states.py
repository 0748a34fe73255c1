"""The 2.0.1 queue under any order of start / update / end / kill / deliver / fail: every event
queued is delivered at most once, or dropped, or still queued; seqNo per transaction runs
0, 1, 2, ... without a gap; and events leave in the order they were queued."""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from controller.ocpp.storage import Storage
from controller.ocpp201 import tx_events as ev
from controller.ocpp201.id_tokens import id_token
from controller.ocpp201.tx_queue import ENDED, STARTED, UPDATED, TransactionEventQueue
from tests.unit.ocpp201_support import CARD, T0

TOKEN = id_token(CARD)
LATER = T0 + timedelta(days=1)  # every retry wait is over by then


class QueueMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.directory = Path(tempfile.mkdtemp(prefix="tx201-states-"))
        self.storage = Storage(self.directory / "ocpp.sqlite3")
        self.queue = TransactionEventQueue(self.storage)
        self.next_seq: dict[str, int] = {}  # open transactions -> next seqNo
        self.queued: list[tuple[str, int]] = []  # every event, in queue order
        self.delivered: list[tuple[str, int]] = []
        self.dropped: set[tuple[str, int]] = set()

    def teardown(self) -> None:
        self.storage.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    @rule(evse_id=st.sampled_from([1, 2]))
    def start(self, evse_id: int) -> None:
        payload = ev.payload(STARTED, T0, "Authorized", False, None, evse=ev.evse(evse_id), id_token=TOKEN)
        tx = self.queue.start(evse_id, TOKEN, 0, T0, payload)
        self.next_seq[tx] = 1
        self.queued.append((tx, 0))

    @precondition(lambda self: self.next_seq)
    @rule(data=st.data(), end=st.booleans())
    def event(self, data: st.DataObject, end: bool) -> None:
        tx = data.draw(st.sampled_from(sorted(self.next_seq)))
        if end:
            seq_no = self.queue.end(tx, ev.payload(ENDED, T0, "StopAuthorized", False, {"stopped_reason": "Local"}))
            expected = self.next_seq.pop(tx)
        else:
            seq_no = self.queue.event(tx, ev.payload(UPDATED, T0, "MeterValuePeriodic", True))
            expected = self.next_seq[tx]
            self.next_seq[tx] += 1
        assert seq_no == expected
        self.queued.append((tx, seq_no))

    @rule()
    def kill(self) -> None:
        self.storage.close()
        self.storage = Storage(self.directory / "ocpp.sqlite3")
        self.queue = TransactionEventQueue(self.storage)

    @rule()
    def deliver(self) -> None:
        head, _ = self.queue.head(LATER)
        if head is None:
            return
        key = (head.transaction_id, head.seq_no)
        assert key not in self.delivered, "delivered twice"
        self.queue.delivered(head, {})
        self.delivered.append(key)

    @rule()
    def fail(self) -> None:
        head, _ = self.queue.head(LATER)
        if head is not None and self.queue.failed(head, T0, 60, 3):
            self.dropped.add((head.transaction_id, head.seq_no))

    @invariant()
    def nothing_lost_nothing_twice(self) -> None:
        pending = [(e.transaction_id, e.seq_no) for e in self.queue.pending()]
        assert set(pending) | set(self.delivered) | self.dropped == set(self.queued)
        assert len(set(pending)) + len(self.delivered) + len(self.dropped) == len(self.queued)

    @invariant()
    def events_leave_in_queue_order(self) -> None:
        gone = set(self.delivered) | self.dropped
        order = [k for k in self.queued if k not in gone]
        assert [(e.transaction_id, e.seq_no) for e in self.queue.pending()] == order

    @invariant()
    def open_transactions_know_their_next_seq_no(self) -> None:
        assert {t.transaction_id: t.next_seq_no for t in self.queue.open_transactions()} == self.next_seq


QueueMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
test_queue_states = QueueMachine.TestCase
