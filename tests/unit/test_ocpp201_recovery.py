"""Start-up after a crash on 2.0.1: open transactions end with PowerLoss (the meter never
going back), sessions the station recorded but never handed over are queued once, and
seqNo goes on without a gap.  Real station store and charge point files."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from controller.backend import unreported_sessions as unreported_16
from controller.ocpp.queue import TransactionQueue
from controller.ocpp.storage import Storage
from controller.ocpp201 import tx_events as ev
from controller.ocpp201.id_tokens import id_token
from controller.ocpp201.recovery import PowerLossMeter, ended_sessions, recover_transactions, unreported_sessions
from controller.ocpp201.tx_queue import STARTED, UPDATED, TransactionEventQueue
from controller.port import SessionStarted, SessionStopped
from controller.session import StopReason
from controller.store import Store
from controller.types import Side
from tests.unit.ocpp201_support import CARD, T0, assert_valid

TOKEN = id_token(CARD)


def files(tmp_path: Path) -> tuple[Store, Storage, TransactionEventQueue]:
    storage = Storage(tmp_path / "ocpp.sqlite3")
    return Store(tmp_path / "evse.sqlite3"), storage, TransactionEventQueue(storage)


def open_transaction(queue: TransactionEventQueue, evse_id: int = 1, meter: int = 1000,
                     session_id: int | None = None) -> str:
    payload = ev.payload(STARTED, T0, "Authorized", False, None, evse=ev.evse(evse_id), id_token=TOKEN)
    return queue.start(evse_id, TOKEN, meter, T0, payload, session_id)


def recover(store: Store, queue: TransactionEventQueue, power_loss: dict[int, PowerLossMeter]) -> None:
    unreported = unreported_sessions(store, queue)
    recover_transactions(queue, power_loss, unreported, ended_sessions(store, queue, unreported))


def test_a_transaction_cut_by_a_power_loss_ends_offline_with_power_loss_at_the_saved_register(tmp_path) -> None:
    store, _, queue = files(tmp_path)
    tx = open_transaction(queue)
    queue.event(tx, ev.payload(UPDATED, T0, "ChargingStateChanged", False, {"charging_state": "Charging"}))
    queue.note_meter(tx, 1800, T0 + timedelta(minutes=5))
    saved_at = T0 + timedelta(minutes=6)
    recover(store, queue, {1: PowerLossMeter(1900, saved_at)})
    ended = assert_valid(queue.pending()[-1].payload)
    assert (ended["eventType"], ended["triggerReason"], ended["offline"]) == ("Ended", "AbnormalCondition", True)
    assert ended["transactionInfo"] == {"transactionId": tx, "stoppedReason": "PowerLoss"}
    assert ended["seqNo"] == 2, "seqNo goes on from the events queued before the crash"
    assert ended["meterValue"][0]["sampledValue"][0]["value"] == 1900
    assert ended["timestamp"] == "2026-11-25T18:06:00.000Z"
    assert queue.open_transactions() == []


def test_the_power_loss_meter_never_goes_below_a_value_already_queued(tmp_path) -> None:
    store, _, queue = files(tmp_path)
    tx = open_transaction(queue)
    queue.event(tx, ev.payload(UPDATED, T0, "MeterValuePeriodic", False), meter_wh=2500)
    queue.note_meter(tx, 2500, T0 + timedelta(minutes=9))
    recover(store, queue, {1: PowerLossMeter(2400, T0 + timedelta(minutes=10))})  # an older station save
    ended = assert_valid(queue.pending()[-1].payload)
    assert ended["meterValue"][0]["sampledValue"][0]["value"] == 2500
    assert ended["timestamp"] == "2026-11-25T18:09:00.000Z", "the time of the register used"


def test_a_session_recorded_but_never_handed_over_is_queued_once_then_ended(tmp_path) -> None:
    store, storage, queue = files(tmp_path)
    assert unreported_sessions(store, queue) == [], "the first start-up: the mark starts here"
    lost = store.begin_session(2, CARD, "rfid", T0, 3400.0, 30, backend=True)
    storage.close()  # killed before the Started was queued
    storage = Storage(tmp_path / "ocpp.sqlite3")
    queue = TransactionEventQueue(storage)
    recover(store, queue, {2: PowerLossMeter(3600, T0 + timedelta(minutes=2))})
    started, ended = (assert_valid(e.payload) for e in queue.pending())
    assert (started["eventType"], started["seqNo"], started["offline"], started["evse"]["id"]) == (
        "Started", 0, True, 2)
    assert started["meterValue"][0]["sampledValue"][0]["value"] == 3400
    assert (ended["transactionInfo"]["stoppedReason"], ended["seqNo"]) == ("PowerLoss", 1)
    assert queue.undelivered_sessions() == {lost}
    recover(store, queue, {})  # a second start-up (killed during the first, after it)
    assert len(queue) == 2, "handed over exactly once"


def test_a_session_the_station_recorded_as_finished_ends_as_recorded_not_power_loss(tmp_path) -> None:
    store, _, queue = files(tmp_path)
    unreported_sessions(store, queue)
    session = store.begin_session(1, CARD, "rfid", T0, 1000.0, 20, backend=True)
    tx = open_transaction(queue, session_id=session)
    store.end_session(session, 1, 1700.0, 700.0, 80, StopReason.REMOTE.key, T0 + timedelta(minutes=30))
    recover(store, queue, {1: PowerLossMeter(1700, T0 + timedelta(minutes=30))})
    ended = assert_valid(queue.pending()[-1].payload)
    assert ended["transactionInfo"] == {"transactionId": tx, "stoppedReason": "Remote"}
    assert (ended["triggerReason"], ended["offline"]) == ("RemoteStop", True)
    assert ended["meterValue"][0]["sampledValue"][0]["value"] == 1700
    assert ended["timestamp"] == "2026-11-25T18:30:00.000Z"


def test_a_session_recorded_and_finished_while_never_handed_over_gets_started_and_ended(tmp_path) -> None:
    store, _, queue = files(tmp_path)
    unreported_sessions(store, queue)
    session = store.begin_session(1, CARD, "rfid", T0, 1000.0, 20, backend=True)
    store.end_session(session, 1, 1500.0, 500.0, 60, StopReason.CARD.key, T0 + timedelta(minutes=10))
    recover(store, queue, {})
    started, ended = (assert_valid(e.payload) for e in queue.pending())
    assert started["eventType"] == "Started"
    assert (ended["transactionInfo"]["stoppedReason"], ended["triggerReason"]) == ("Local", "StopAuthorized")
    assert ended["meterValue"][0]["sampledValue"][0]["value"] == 1500


def test_a_session_taken_by_one_version_is_never_taken_by_the_other(tmp_path) -> None:
    store, storage, queue = files(tmp_path)
    v16 = TransactionQueue(storage)
    unreported_sessions(store, queue)
    first = store.begin_session(1, CARD, "rfid", T0, 0.0, None, backend=True)
    second = store.begin_session(2, CARD, "rfid", T0, 0.0, None, backend=True)
    v16.start(1, CARD, 0, T0, session_id=first)  # the 1.6 charge point took the first
    assert [e.session_id for e in unreported_sessions(store, queue)] == [second]
    recover(store, queue, {})  # the 2.0.1 one takes the second at its start-up
    assert queue.undelivered_sessions() == {second}
    assert unreported_16(store, v16) == [], "and the 1.6 start-up finds nothing left to take"


def test_recovery_takes_the_neutral_events_and_the_central_clock(tmp_path) -> None:
    _, _, queue = files(tmp_path)
    started = SessionStarted(Side.RIGHT, "APP-1", 500, T0, 41)
    stopped = SessionStopped(Side.RIGHT, 900, T0 + timedelta(minutes=1), StopReason.TIME_LIMIT)
    recover_transactions(queue, {}, [started], {41: stopped}, central=lambda moment: moment + timedelta(hours=1))
    first, last = (assert_valid(e.payload) for e in queue.pending())
    assert first["idToken"] == {"idToken": "APP-1", "type": "Central"}
    assert first["timestamp"] == "2026-11-25T19:00:00.000Z"
    assert (last["transactionInfo"]["stoppedReason"], last["timestamp"]) == (
        "TimeLimitReached", "2026-11-25T19:01:00.000Z")
    assert queue.handed_over() == 41
