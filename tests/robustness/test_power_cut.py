"""Power cut at any moment of a session, with the real process (``python -m controller.sim``)
killed with SIGKILL and started again, once at each moment (see :mod:`tests.robustness.power_cut`;
``make powercut`` kills many more times), with one connector busy or both; and once at the
exact point between the station's database and the charge point's."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from controller.crash_points import ENVIRONMENT, SESSION_FINISHED, SESSION_RECORDED
from controller.ocpp.storage import Storage
from controller.ocpp201.tx_queue import TransactionEventQueue
from controller.store import FINISHED, INTERRUPTED, RUNNING, Store
from tests.ocpp.harness import KNOWN, STATION_ID, CentralSystemProcess
from tests.robustness.accounting import read_books
from tests.robustness.accounting201 import account201, all_ended, read_transactions, register_wh
from tests.robustness.power_cut import (
    DUAL,
    MOMENTS,
    SINGLE,
    Controller,
    power_cut,
    sample_every_second,
    start_online,
    wait,
    write_config,
)


@pytest.mark.slow
def test_a_charger_killed_at_any_moment_of_a_session_loses_nothing_after_restart(tmp_path: Path) -> None:
    figures = power_cut(len(MOMENTS), seed=8, directory=tmp_path)
    assert figures.problems == []
    assert all(figures.kills[SINGLE, moment] == 1 for moment in MOMENTS)
    assert figures.transactions == figures.stopped_once == len(MOMENTS), "each started and stopped once"
    # cut while running (preparing, charging, perhaps stopping): PowerLoss; the summary's: the driver's stop
    assert figures.sessions[FINISHED] >= 1 and figures.sessions[INTERRUPTED] >= 2
    assert figures.power_loss_stops == figures.sessions[INTERRUPTED]


@pytest.mark.slow
def test_a_charger_killed_with_both_connectors_busy_loses_nothing_after_restart(tmp_path: Path) -> None:
    figures = power_cut(0, seed=3, directory=tmp_path, dual_kills=len(MOMENTS))
    assert figures.problems == []
    assert all(figures.kills[DUAL, moment] == 1 for moment in MOMENTS)
    sessions = 2 * len(MOMENTS)
    assert figures.transactions == figures.stopped_once == sessions, "each of the two started and stopped once"
    # the first connector's session was always cut while charging, the second's at each of its moments
    assert figures.sessions[INTERRUPTED] >= len(MOMENTS) + 2 and figures.sessions[FINISHED] >= 1
    assert figures.power_loss_stops == figures.sessions[INTERRUPTED]


@pytest.mark.slow
def test_on_ocpp201_a_charger_killed_at_any_moment_of_a_session_loses_nothing_after_restart(tmp_path: Path) -> None:
    figures = power_cut(len(MOMENTS), seed=8, directory=tmp_path, version="2.0.1")
    assert figures.problems == []
    assert all(figures.kills[SINGLE, moment] == 1 for moment in MOMENTS)
    assert figures.transactions == figures.stopped_once == len(MOMENTS), "each one Started, one Ended, no gap"
    assert figures.sessions[FINISHED] >= 1 and figures.sessions[INTERRUPTED] >= 2
    assert figures.power_loss_stops == figures.sessions[INTERRUPTED]


@pytest.mark.slow
def test_on_ocpp201_an_auto_charger_killed_with_both_connectors_busy_loses_nothing(tmp_path: Path) -> None:
    """``[ocpp].version = "auto"`` against a 2.0.1-only central system: it switches to 2.0.1
    after its first connection, and every kill after that is accounted in 2.0.1."""
    figures = power_cut(0, seed=3, directory=tmp_path, dual_kills=len(MOMENTS), version="2.0.1",
                        charger_version="auto")
    assert figures.problems == []
    sessions = 2 * len(MOMENTS)
    assert figures.transactions == figures.stopped_once == sessions
    assert figures.sessions[INTERRUPTED] >= len(MOMENTS) + 2 and figures.sessions[FINISHED] >= 1
    assert figures.power_loss_stops == figures.sessions[INTERRUPTED]


@contextlib.contextmanager
def databases(directory: Path) -> Iterator[tuple[Store, Storage]]:
    """The station's and the charge point's files as the process left them."""
    store, storage = Store(directory / "evse.sqlite3"), Storage(directory / "ocpp.sqlite3")
    try:
        yield store, storage
    finally:
        store.close()
        storage.close()


@contextlib.contextmanager
def crashing_at(point: str, directory: Path, version: str = "1.6") -> Iterator[tuple[Controller, CentralSystemProcess]]:
    """The charger online with ``EVSE_CRASH_AT=point``, for the body to drive into that point;
    then started again (without it) until the central system has had a StopTransaction (2.0.1:
    an Ended)."""
    central = CentralSystemProcess(directory / "csms.jsonl", "--heartbeat-interval", "300", "--ocpp-version", version)
    central.start()
    config = write_config(directory, "2.0.1" if version == "2.0.1" else "auto")
    url = f"{central.url}/{STATION_ID}"
    controller = start_online(config, url, central, environment={ENVIRONMENT: point})
    try:
        yield controller, central
        assert controller.exit_code() == -9, f"killed at {point}"
        controller = start_online(config, url, central)
        if version == "2.0.1":
            wait(lambda: all_ended(central.messages()), "an Ended after the restart")
        else:
            wait(lambda: read_books(central.messages()).stops, "a StopTransaction after the restart")
    finally:
        controller.stop()
        central.kill()


@pytest.mark.slow
def test_a_kill_between_recording_a_session_and_queuing_its_start_loses_no_transaction(tmp_path: Path) -> None:
    with crashing_at(SESSION_RECORDED, tmp_path) as (controller, central):
        controller.send(f"tap {KNOWN}")
        controller.send("plug 0")
        assert controller.exit_code() == -9, "killed at the crash point"
        with databases(tmp_path) as (store, storage):  # exactly in the window
            assert [s.status for s in store.sessions()] == [RUNNING], "the session is recorded"
            assert storage.query("SELECT * FROM transactions") == [], "its transaction is not"
            assert storage.query("SELECT * FROM tx_messages") == []
    books = read_books(central.messages())
    assert books.starts == 1 and len(books.given) == 1, "one StartTransaction, answered"
    ((transaction_id, start),) = books.given.items()
    assert start["idTag"] == KNOWN and start["connectorId"] == 1
    (stop,) = books.stops[transaction_id]
    assert stop["reason"] == "PowerLoss"
    assert stop["meterStop"] == start["meterStart"], "killed before any energy flowed"
    with databases(tmp_path) as (store, storage):
        assert [s.status for s in store.sessions()] == [INTERRUPTED]
        assert storage.query("SELECT * FROM tx_messages") == [], "nothing left to send again"


@pytest.mark.slow
def test_a_kill_between_finishing_a_session_and_queuing_its_stop_keeps_the_recorded_stop(tmp_path: Path) -> None:
    with crashing_at(SESSION_FINISHED, tmp_path) as (controller, central):
        central.post("/call", {"action": "ChangeConfiguration",
                               "payload": {"key": "MeterValueSampleInterval", "value": "1"}})
        controller.send(f"tap {KNOWN}")
        controller.send("plug 0")
        transaction_id = wait(lambda: next(iter(read_books(central.messages()).given), None), "a transaction")
        wait(lambda: read_books(central.messages()).meters.get(transaction_id), "a meter value")
        central.post("/call", {"action": "RemoteStopTransaction", "payload": {"transactionId": transaction_id}})
        assert controller.exit_code() == -9, "killed at the crash point"
        with databases(tmp_path) as (store, _):
            (finished,) = store.sessions()
            assert (finished.status, finished.stop_reason) == (FINISHED, "remote"), "recorded, not yet queued"
    books = read_books(central.messages())
    assert list(books.given) == [transaction_id]
    start = books.given[transaction_id]
    (stop,) = books.stops[transaction_id]
    assert stop["reason"] == "Remote", "the stop as the station recorded it, not PowerLoss"
    assert stop["meterStop"] == round(finished.meter_start_wh + finished.energy_wh)
    assert stop["meterStop"] >= max(books.meters[transaction_id]) >= start["meterStart"]


@pytest.mark.slow
def test_on_ocpp201_a_kill_between_recording_a_session_and_queuing_its_started_loses_no_transaction(
        tmp_path: Path) -> None:
    with crashing_at(SESSION_RECORDED, tmp_path, "2.0.1") as (controller, central):
        controller.send(f"tap {KNOWN}")
        controller.send("plug 0")
        assert controller.exit_code() == -9, "killed at the crash point"
        with databases(tmp_path) as (store, storage):  # exactly in the window
            assert [s.status for s in store.sessions()] == [RUNNING], "the session is recorded"
            assert len(TransactionEventQueue(storage)) == 0, "its Started is not queued"
    with databases(tmp_path) as (store, storage):
        sessions = store.sessions()
        assert [s.status for s in sessions] == [INTERRUPTED]
        assert len(TransactionEventQueue(storage)) == 0, "nothing left to send again"
    books = account201(central.messages(), sessions)
    assert books.problems == () and books.accounted == 1
    (transaction,) = read_transactions(central.messages()).values()
    started, ended = transaction.started, transaction.ended
    assert started is not None and ended is not None
    assert started["idToken"]["idToken"] == KNOWN and started["evse"]["id"] == 1
    assert ended["transactionInfo"]["stoppedReason"] == "PowerLoss"
    assert register_wh(ended) == register_wh(started), "killed before any energy flowed"


@pytest.mark.slow
def test_on_ocpp201_a_kill_between_finishing_a_session_and_queuing_its_ended_keeps_the_recorded_stop(
        tmp_path: Path) -> None:
    with crashing_at(SESSION_FINISHED, tmp_path, "2.0.1") as (controller, central):
        sample_every_second(central, "2.0.1")
        controller.send(f"tap {KNOWN}")
        controller.send("plug 0")
        transaction_id = wait(lambda: next(iter(read_transactions(central.messages())), None), "a transaction")
        wait(lambda: any(e["triggerReason"] == "MeterValuePeriodic"
                         for e in read_transactions(central.messages())[transaction_id].events.values()),
             "a meter value")
        central.post("/call", {"action": "RequestStopTransaction", "payload": {"transactionId": transaction_id}})
        assert controller.exit_code() == -9, "killed at the crash point"
        with databases(tmp_path) as (store, _):
            (finished,) = store.sessions()
            assert (finished.status, finished.stop_reason) == (FINISHED, "remote"), "recorded, not yet queued"
    books = account201(central.messages(), [finished])
    assert books.problems == () and books.accounted == 1
    transaction = read_transactions(central.messages())[transaction_id]
    ended = transaction.ended
    assert ended is not None and ended["transactionInfo"]["stoppedReason"] == "Remote", "as recorded, not PowerLoss"
    assert register_wh(ended) == round(finished.meter_start_wh + finished.energy_wh)
