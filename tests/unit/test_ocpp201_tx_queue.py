"""The OCPP 2.0.1 TransactionEvent queue in a real SQLite file: seqNo without gaps across
kills, delivery exactly once, E13 retries, and the handed-over mark shared with 1.6."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from controller.ocpp.queue import HANDED_OVER, TransactionQueue
from controller.ocpp.storage import SCHEMA_VERSION, Storage
from controller.ocpp201 import tx_events as ev
from controller.ocpp201.id_tokens import id_token
from controller.ocpp201.tx_queue import ENDED, STARTED, UPDATED, TransactionEventQueue
from tests.unit.ocpp201_support import CARD, T0, assert_valid

TOKEN = id_token(CARD)


def started(at=T0, offline: bool = False) -> dict[str, Any]:
    return ev.payload(STARTED, at, "Authorized", offline, {"charging_state": "EVConnected"}, evse=ev.evse(1),
                      id_token=TOKEN)


def updated(at=T0, offline: bool = False) -> dict[str, Any]:
    return ev.payload(UPDATED, at, "ChargingStateChanged", offline, {"charging_state": "Charging"})


def ended(at=T0) -> dict[str, Any]:
    return ev.payload(ENDED, at, "StopAuthorized", False, {"stopped_reason": "Local"})


def open_queue(path: Path, **kwargs: Any) -> tuple[Storage, TransactionEventQueue]:
    storage = Storage(path)
    return storage, TransactionEventQueue(storage, **kwargs)


def test_seq_no_runs_on_without_a_gap_across_a_kill_between_any_two_events(tmp_path: Path) -> None:
    path = tmp_path / "ocpp.sqlite3"
    storage, queue = open_queue(path)
    tx = queue.start(1, TOKEN, 1000, T0, started(), session_id=7)
    storage.close()  # killed after the Started
    for _ in range(3):  # an Updated, then a kill, three times
        storage, queue = open_queue(path)
        queue.event(tx, updated())
        storage.close()
    storage, queue = open_queue(path)
    queue.end(tx, ended(), 1500)
    events = queue.pending()
    assert [e.seq_no for e in events] == [0, 1, 2, 3, 4]
    assert [e.payload["seq_no"] for e in events] == [0, 1, 2, 3, 4], "the payload carries the same seqNo"
    assert {e.payload["transaction_info"]["transaction_id"] for e in events} == {tx}
    assert [e.event_type for e in events] == [STARTED, UPDATED, UPDATED, UPDATED, ENDED]
    for event in events:
        assert_valid(event.payload)


def test_an_event_whose_commit_was_cut_leaves_no_gap(tmp_path: Path) -> None:
    storage, queue = open_queue(tmp_path / "ocpp.sqlite3")
    tx = queue.start(1, TOKEN, 1000, T0, started())
    with pytest.raises(KeyError), storage.transaction():
        queue.event(tx, updated())
        raise KeyError("the process died inside the commit")  # rolled back: neither message nor seqNo
    assert queue.event(tx, updated()) == 1


def test_transaction_ids_are_unique_uuids_and_the_wire_payload_is_the_queued_one(tmp_path: Path) -> None:
    _, queue = open_queue(tmp_path / "ocpp.sqlite3")
    first = queue.start(1, TOKEN, 0, T0, started())
    second = queue.start(2, TOKEN, 0, T0, started())
    assert first != second and len(first) == 36
    head, wait = queue.head(T0)
    assert head is not None and wait is None
    assert queue.wire_payload(head) == head.payload
    assert head.action == "TransactionEvent"


def test_the_offline_flag_is_fixed_when_queued(tmp_path: Path) -> None:
    _, queue = open_queue(tmp_path / "ocpp.sqlite3")
    tx = queue.start(1, TOKEN, 0, T0, started(offline=True))
    queue.event(tx, updated(offline=False))
    first, second = queue.pending()
    assert assert_valid(first.payload)["offline"] is True
    assert "offline" not in assert_valid(second.payload)


def test_a_delivered_event_leaves_exactly_once_and_an_ended_transaction_is_then_forgotten(tmp_path: Path) -> None:
    storage, queue = open_queue(tmp_path / "ocpp.sqlite3")
    tx = queue.start(1, TOKEN, 0, T0, started(), session_id=3)
    queue.end(tx, ended(), 10)
    assert queue.undelivered_sessions() == {3}
    assert queue.open_transactions() == []
    head, _ = queue.head(T0)
    assert head is not None
    queue.delivered(head, {})
    queue.delivered(head, {})  # the same answer again (a duplicate CALLRESULT): nothing more leaves
    (rest,) = queue.pending()
    assert rest.event_type == ENDED
    queue.delivered(rest, {"total_cost": 1.5})
    assert len(queue) == 0
    assert queue.undelivered_sessions() == frozenset()
    assert storage.query("SELECT COUNT(*) AS n FROM tx201_transactions")[0]["n"] == 0


def test_failed_events_wait_interval_times_earlier_sends_with_fresh_ids_then_drop(tmp_path: Path) -> None:
    ids = (f"id-{n}" for n in itertools.count())
    _, queue = open_queue(tmp_path / "ocpp.sqlite3", new_unique_id=lambda: next(ids))
    tx = queue.start(1, TOKEN, 0, T0, started())
    queue.event(tx, updated())
    now = T0
    seen_ids = []
    for attempt in (1, 2):
        head, _ = queue.head(now)
        assert head is not None and head.seq_no == 0
        seen_ids.append(head.unique_id)
        assert queue.failed(head, now, retry_interval_s=30, max_attempts=3) is False
        assert queue.head(now + timedelta(seconds=30 * attempt - 1)) == (None, pytest.approx(1.0))
        now += timedelta(seconds=30 * attempt)
    head, _ = queue.head(now)
    assert head is not None and head.attempts == 2
    seen_ids.append(head.unique_id)
    assert len(set(seen_ids)) == 3, "every retry goes out under a fresh unique id"
    assert queue.failed(head, now, retry_interval_s=30, max_attempts=3) is True, "the third send was the last"
    (rest,) = queue.pending()
    assert (rest.seq_no, rest.attempts) == (1, 0), "the next event still goes (the id is the station's)"
    assert queue.wire_payload(rest) is not None


def test_one_attempt_allowed_drops_at_the_first_failure(tmp_path: Path) -> None:
    _, queue = open_queue(tmp_path / "ocpp.sqlite3")
    queue.start(1, TOKEN, 0, T0, started())
    head, _ = queue.head(T0)
    assert head is not None
    assert queue.failed(head, T0, 10, 1) is True
    assert len(queue) == 0


def test_an_event_for_an_ended_or_unknown_transaction_is_refused(tmp_path: Path) -> None:
    _, queue = open_queue(tmp_path / "ocpp.sqlite3")
    tx = queue.start(1, TOKEN, 0, T0, started())
    queue.end(tx, ended(), 0)
    with pytest.raises(KeyError):
        queue.event(tx, updated())
    with pytest.raises(KeyError):
        queue.event("no-such-transaction", updated())


def test_the_meter_noted_for_a_power_loss_never_goes_down(tmp_path: Path) -> None:
    _, queue = open_queue(tmp_path / "ocpp.sqlite3")
    tx = queue.start(1, TOKEN, 1000, T0, started())
    queue.event(tx, updated(), meter_wh=1800)
    queue.note_meter(tx, 1500, T0 + timedelta(minutes=1))
    (open_tx,) = queue.open_transactions()
    assert (open_tx.last_meter, open_tx.last_seen) == (1800, T0 + timedelta(minutes=1))
    assert (open_tx.evse_id, open_tx.id_token, open_tx.meter_start, open_tx.next_seq_no) == (1, TOKEN, 1000, 2)


def test_the_handed_over_mark_is_shared_with_the_16_queue(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "ocpp.sqlite3")
    v16, v201 = TransactionQueue(storage), TransactionEventQueue(storage)
    v16.start(1, CARD, 0, T0, session_id=5)
    assert v201.handed_over() == 5, "a session the 1.6 queue took is above no 2.0.1 mark"
    v201.start(2, TOKEN, 0, T0, started(), session_id=6)
    assert v16.handed_over() == 6 and storage.get(HANDED_OVER) == 6
    v201.start(1, TOKEN, 0, T0, started(), session_id=4)  # an older session (recovery order): the mark stays
    assert v16.handed_over() == 6


def test_a_charge_point_file_of_the_previous_version_gains_the_201_tables(tmp_path: Path) -> None:
    path = tmp_path / "ocpp.sqlite3"
    with sqlite3.connect(path) as db:  # version 2: no tx201_* tables
        db.executescript("""
            CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO settings VALUES ('schema_version', '2'), ('handed_over_session', '9');
        """)
    storage, queue = open_queue(path)
    assert storage.get("schema_version") == SCHEMA_VERSION
    assert storage.query("SELECT COUNT(*) AS n FROM tx201_events")[0]["n"] == 0
    assert queue.handed_over() == 9
    queue.start(1, TOKEN, 0, T0, started(), session_id=10)
    assert queue.handed_over() == 10
