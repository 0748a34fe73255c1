"""The 2.0.1 power-cut and soak accounting on message logs written by hand: a sound log
accounts every session, and each way of losing or duplicating an event is named."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from controller.store import FINISHED, INTERRUPTED, RUNNING
from tests.robustness.accounting201 import account201, all_ended, read_transactions


@dataclass(frozen=True)
class Session:
    id: int
    connector_id: int
    id_token: str
    status: str
    stop_reason: str = ""


CARD = "04A1B2C3D4E5F6"


def event(tid: str, seq_no: int, event_type: str, trigger: str, meter: int | None = None,
          stopped_reason: str | None = None, evse: int = 1, token: str = CARD) -> dict[str, Any]:
    """A TransactionEvent CALL as the central system logs it (camelCase)."""
    payload: dict[str, Any] = {"eventType": event_type, "timestamp": f"2026-12-05T13:00:{seq_no:02d}Z",
                               "triggerReason": trigger, "seqNo": seq_no, "transactionInfo": {"transactionId": tid}}
    if stopped_reason is not None:
        payload["transactionInfo"]["stoppedReason"] = stopped_reason
    if meter is not None:
        context = {"Started": "Transaction.Begin", "Ended": "Transaction.End"}.get(event_type, "Sample.Periodic")
        payload["meterValue"] = [{"timestamp": payload["timestamp"], "sampledValue": [
            {"value": meter, "context": context, "measurand": "Energy.Active.Import.Register",
             "unitOfMeasure": {"unit": "Wh"}}]}]
    if event_type == "Started":
        payload["evse"] = {"id": evse, "connectorId": 1}
        payload["idToken"] = {"idToken": token, "type": "ISO14443"}
    return {"direction": "from_charge_point", "frame": [2, f"{tid}-{seq_no}", "TransactionEvent", payload]}


def good_log() -> list[dict[str, Any]]:
    """Two sessions: one stopped by its card, one cut by a kill (its Updated repeated after
    the restart, its Ended PowerLoss), with the other frames a log has around them."""
    return [
        {"direction": "from_charge_point", "frame": [2, "b", "BootNotification", {}]},
        {"direction": "to_charge_point", "frame": [3, "b", {"status": "Accepted"}]},
        event("a", 0, "Started", "Authorized", 100),
        {"direction": "to_charge_point", "frame": [3, "a-0", {}]},
        event("a", 1, "Updated", "MeterValuePeriodic", 150),
        event("a", 2, "Ended", "StopAuthorized", 180, "Local"),
        event("b", 0, "Started", "Authorized", 180, evse=2),
        event("b", 1, "Updated", "MeterValuePeriodic", 200, evse=2),
        event("b", 1, "Updated", "MeterValuePeriodic", 200, evse=2),  # in flight at the kill: sent again
        event("b", 2, "Ended", "AbnormalCondition", 200, "PowerLoss", evse=2),
    ]


SESSIONS = (Session(1, 1, CARD, FINISHED, "card"), Session(2, 2, CARD, INTERRUPTED))


def losses(log: list[dict[str, Any]], sessions: tuple[Session, ...] = SESSIONS) -> list[str]:
    return list(account201(log, sessions).problems)


def test_a_sound_log_accounts_every_session() -> None:
    books = account201(good_log(), SESSIONS)
    assert books.problems == ()
    assert (books.sessions, books.transactions, books.accounted, books.power_loss, books.repeats) == (2, 2, 2, 1, 1)
    assert all_ended(good_log())


def test_a_lost_ended_is_a_loss() -> None:
    log = good_log()[:-1]
    assert not all_ended(log)
    assert losses(log) == ["transaction b: 0 Ended"]


def test_a_second_ended_is_a_loss() -> None:
    log = [*good_log(), event("a", 3, "Ended", "StopAuthorized", 180, "Local")]
    assert any("2 Ended" in p for p in losses(log))


def test_a_gap_in_seq_nos_is_a_loss() -> None:
    log = [entry for entry in good_log() if entry["frame"][1] != "a-1"]
    assert losses(log) == ["transaction a: seqNos [0, 2], not 0..1"]


def test_a_seq_no_used_again_for_another_event_is_a_loss() -> None:
    log = good_log()
    log.insert(5, event("a", 1, "Updated", "ChargingStateChanged"))
    assert losses(log) == ["transaction a: seqNo 1 twice with different events: Updated (MeterValuePeriodic), "
                           "Updated (ChargingStateChanged)"]


def test_a_session_without_a_transaction_is_a_loss() -> None:
    log = [e for e in good_log() if e["frame"][2] != "TransactionEvent" or e["frame"][3]["transactionInfo"][
        "transactionId"] != "b"]
    assert losses(log) == ["2 sessions in the store, 1 transactions"]


def test_an_ended_below_an_earlier_reading_is_a_loss() -> None:
    log = good_log()
    log[5] = event("a", 2, "Ended", "StopAuthorized", 120, "Local")
    assert losses(log) == ["transaction a: Ended meter 120 Wh below an earlier 150 Wh"]


def test_an_ended_without_a_register_is_a_loss() -> None:
    log = good_log()
    log[5] = event("a", 2, "Ended", "StopAuthorized", None, "Local")
    assert losses(log) == ["transaction a: the Ended has no energy register"]


def test_a_cut_session_must_end_with_power_loss_and_a_finished_one_with_its_own_reason() -> None:
    swapped = (Session(1, 1, CARD, INTERRUPTED), Session(2, 2, CARD, FINISHED, "card"))
    problems = losses(good_log(), swapped)
    assert len(problems) == 2
    assert "ended Local, session 1 interrupted" in problems[0] and "expects PowerLoss" in problems[0]
    assert "ended PowerLoss, session 2 finished (card) expects Local" in problems[1]


def test_a_transaction_of_another_session_is_a_loss() -> None:
    problems = losses(good_log(), (Session(1, 2, CARD, FINISHED, "card"), SESSIONS[1]))
    assert problems == ["transaction a (EVSE 1, 04A1B2C3D4E5F6) is not session 1 (connector 2, 04A1B2C3D4E5F6)"]


def test_a_session_left_running_is_a_loss() -> None:
    assert losses(good_log(), (SESSIONS[0], Session(2, 2, CARD, RUNNING)))[0] == \
        "sessions still running in the store: [2]"


def test_a_repeat_sent_offline_after_a_reconnect_is_still_a_repeat() -> None:
    log = good_log()
    again = copy.deepcopy(log[8])
    again["frame"][3]["offline"] = True
    log[8] = again
    assert losses(log) == []
    assert read_transactions(log)["b"].repeats == 1
