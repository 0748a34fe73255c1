"""Sessions become TransactionEvents: Started / Updated / Ended with their trigger reasons,
meter values, the offline flag and TxStopPoint, and the central system's answers taken in.
A real SQLite queue; every payload is checked against the official 2.0.1 schema."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from controller.ocpp.storage import Storage
from controller.ocpp201.transactions import Transactions
from controller.ocpp201.tx_events import STOPS
from controller.ocpp201.tx_queue import QueuedEvent, TransactionEventQueue
from controller.port import SessionStarted, SessionStopped
from controller.session import ConnectorState, StopReason
from controller.types import Side
from tests.unit.ocpp201_support import CARD, DictHost, assert_valid, connector, station

S = ConnectorState


@pytest.fixture
def host() -> DictHost:
    return DictHost()


@pytest.fixture
def queue(tmp_path: Path) -> TransactionEventQueue:
    return TransactionEventQueue(Storage(tmp_path / "ocpp.sqlite3"))


@pytest.fixture
def tx(host: DictHost, queue: TransactionEventQueue) -> Transactions:
    return Transactions(host, queue)


def events(queue: TransactionEventQueue) -> list[dict[str, Any]]:
    """Every queued event on the wire (camelCase), each validated."""
    return [assert_valid(e.payload) for e in queue.pending()]


def start(tx: Transactions, host: DictHost, side: Side = Side.LEFT, token: str = CARD, meter: int = 1000,
          plug_first: bool = True) -> None:
    """Drive the snapshots the station publishes up to its SessionStarted on ``side``."""
    evse_id = side.connector_id
    tx.on_state(station(connector(evse_id, energy_wh=meter)))
    if plug_first:
        tx.on_state(station(connector(evse_id, S.PLUGGED, meter, plugged=True)))
    tx.on_state(station(connector(evse_id, S.PREPARING, meter, plugged=True)))
    tx.started(SessionStarted(side, token, meter, host.clock, session_id=11))


def charge(tx: Transactions, evse_id: int = 1, energy: float = 1500.0, power: float = 50_000.0) -> None:
    tx.on_state(station(connector(evse_id, S.CHARGING, energy, plugged=True, power_w=power, offered_w=60_000.0,
                                  current_a=125.0, voltage_v=400.0, soc=42)))


def test_a_card_after_the_plug_starts_with_authorized_and_the_begin_meter_value(tx, host, queue) -> None:
    start(tx, host)
    (started,) = events(queue)
    assert started["eventType"] == "Started" and started["triggerReason"] == "Authorized"
    assert started["seqNo"] == 0 and "offline" not in started
    assert started["evse"] == {"id": 1, "connectorId": 1}
    assert started["idToken"] == {"idToken": CARD, "type": "ISO14443"}
    assert started["transactionInfo"]["chargingState"] == "EVConnected"
    (sample,) = started["meterValue"][0]["sampledValue"]
    assert sample == {"value": 1000, "context": "Transaction.Begin", "measurand": "Energy.Active.Import.Register",
                      "location": "Outlet", "unitOfMeasure": {"unit": "Wh"}}
    assert tx.transaction_id(1) == started["transactionInfo"]["transactionId"]
    assert host.woken >= 1


def test_a_cable_after_the_card_starts_with_cable_plugged_in(tx, host, queue) -> None:
    start(tx, host, plug_first=False)
    assert events(queue)[0]["triggerReason"] == "CablePluggedIn"


def test_a_remote_start_carries_its_id_and_the_type_the_central_system_gave(tx, host, queue) -> None:
    tx.expect_remote_start("APP-42", 77, {"id_token": "APP-42", "type": "Central"})
    tx.reservation_used(2, 9)
    start(tx, host, Side.RIGHT, token="APP-42")
    (started,) = events(queue)
    assert started["triggerReason"] == "RemoteStart"
    assert started["transactionInfo"]["remoteStartId"] == 77
    assert started["idToken"] == {"idToken": "APP-42", "type": "Central"}
    assert started["reservationId"] == 9 and started["evse"]["id"] == 2
    start(tx, host, Side.LEFT, token="APP-42")  # a second session of the same token is no remote start
    assert "remoteStartId" not in events(queue)[1]["transactionInfo"]


def test_events_while_offline_say_so_and_carry_the_central_systems_time(tx, host, queue) -> None:
    host.is_online = False
    host.central_offset = timedelta(seconds=90)
    start(tx, host)
    host.is_online = True
    charge(tx)
    started, update = events(queue)
    assert started["offline"] is True and "offline" not in update
    assert started["timestamp"] == "2026-11-25T18:01:30.000Z"


def test_charging_states_are_reported_as_they_change(tx, host, queue) -> None:
    host.settings[("SampledDataCtrlr", "TxUpdatedInterval")] = "0"
    start(tx, host)
    charge(tx)
    charge(tx, energy=1600)  # still charging: nothing new
    tx.on_state(station(connector(1, S.CHARGING, 1700, plugged=True, offered_w=0.0)))
    tx.on_state(station(connector(1, S.CHARGING, 1700, plugged=True, offered_w=50_000.0, power_w=0.0)))
    tx.on_state(station(connector(1, S.STOPPING, 1700, plugged=True)))
    updates = events(queue)[1:]
    assert [(u["triggerReason"], u["transactionInfo"]["chargingState"]) for u in updates] == [
        ("ChargingStateChanged", "Charging"), ("ChargingStateChanged", "SuspendedEVSE"),
        ("ChargingStateChanged", "SuspendedEV"), ("ChargingStateChanged", "EVConnected")]
    assert [u["seqNo"] for u in updates] == [1, 2, 3, 4]


def test_meter_values_go_every_tx_updated_interval(tx, host, queue) -> None:
    host.settings[("SampledDataCtrlr", "TxUpdatedInterval")] = "30"
    host.settings[("SampledDataCtrlr", "TxUpdatedMeasurands")] = \
        "Energy.Active.Import.Register,Power.Active.Import,SoC,Voltage"
    start(tx, host)
    charge(tx)  # the ChargingStateChanged only
    host.advance(29)
    charge(tx)
    host.advance(1)
    charge(tx, energy=1900)
    periodic = [e for e in events(queue) if e["triggerReason"] == "MeterValuePeriodic"]
    assert len(periodic) == 1
    values = {v["measurand"]: (v["value"], v["unitOfMeasure"]["unit"], v["context"])
              for v in periodic[0]["meterValue"][0]["sampledValue"]}
    assert values == {"Energy.Active.Import.Register": (1900, "Wh", "Sample.Periodic"),
                      "Power.Active.Import": (50_000, "W", "Sample.Periodic"),
                      "SoC": (42, "Percent", "Sample.Periodic"), "Voltage": (400.0, "V", "Sample.Periodic")}
    assert all("phase" not in v for v in periodic[0]["meterValue"][0]["sampledValue"])


def test_a_card_stop_ends_the_transaction_with_the_ended_samples_and_the_token(tx, host, queue) -> None:
    host.settings[("SampledDataCtrlr", "TxUpdatedInterval")] = "0"
    host.settings[("SampledDataCtrlr", "TxEndedInterval")] = "60"
    start(tx, host)
    host.advance(60)
    charge(tx, energy=2000)
    host.advance(60)
    tx.on_state(station(connector(1, S.FINISHED, 2500, plugged=True)))
    tx.stopped(SessionStopped(Side.LEFT, 2600, host.clock, StopReason.CARD, CARD))
    ended = events(queue)[-1]
    assert ended["eventType"] == "Ended" and ended["triggerReason"] == "StopAuthorized"
    assert ended["transactionInfo"]["stoppedReason"] == "Local"
    assert ended["transactionInfo"]["chargingState"] == "EVConnected"
    assert ended["idToken"] == {"idToken": CARD, "type": "ISO14443"}
    samples = [(v["value"], v["context"]) for m in ended["meterValue"] for v in m["sampledValue"]]
    assert samples == [(2000, "Sample.Periodic"), (2500, "Sample.Periodic"), (2600, "Transaction.End")]
    assert tx.transaction_id(1) is None
    assert queue.open_transactions() == []


@pytest.mark.parametrize("reason", list(StopReason))
def test_every_stop_reason_has_a_valid_stopped_reason_and_trigger(tx, host, queue, reason: StopReason) -> None:
    start(tx, host)
    tx.stopped(SessionStopped(Side.LEFT, 1200, host.clock, reason))
    ended = events(queue)[-1]
    assert (ended["transactionInfo"]["stoppedReason"], ended["triggerReason"]) == STOPS[reason]
    assert "idToken" not in ended


def test_stop_reasons_map_as_libocpp_and_the_notes_say() -> None:
    assert STOPS[StopReason.POWER_LOSS] == ("PowerLoss", "AbnormalCondition")
    assert STOPS[StopReason.REMOTE] == ("Remote", "RemoteStop")
    assert STOPS[StopReason.DEAUTHORIZED] == ("DeAuthorized", "Deauthorized")
    assert STOPS[StopReason.EMERGENCY_STOP] == ("EmergencyStop", "AbnormalCondition")
    assert STOPS[StopReason.TIME_LIMIT] == ("TimeLimitReached", "TimeLimitReached")


def test_with_tx_stop_point_ev_connected_the_stop_is_an_update_and_the_unplug_ends_it(tx, host, queue) -> None:
    host.settings[("TxCtrlr", "TxStopPoint")] = "EVConnected"
    start(tx, host)
    tx.on_state(station(connector(1, S.FINISHED, 1400, plugged=True)))
    tx.stopped(SessionStopped(Side.LEFT, 1400, host.clock, StopReason.REMOTE))
    stop = events(queue)[-1]
    assert (stop["eventType"], stop["triggerReason"], stop["transactionInfo"]["chargingState"]) == (
        "Updated", "RemoteStop", "EVConnected")
    assert "stoppedReason" not in stop["transactionInfo"]
    assert tx.transaction_id(1) is not None, "still open while the cable is in"
    host.advance(120)
    tx.on_state(station(connector(1, S.FINISHED, 1400, plugged=True)))
    assert len(queue) == 2
    tx.on_state(station(connector(1, S.AVAILABLE, 1400)))
    ended = events(queue)[-1]
    assert (ended["eventType"], ended["triggerReason"], ended["transactionInfo"]["stoppedReason"]) == (
        "Ended", "EVCommunicationLost", "EVDisconnected")
    assert ended["meterValue"][0]["sampledValue"][0]["value"] == 1400
    assert ended["timestamp"] == "2026-11-25T18:02:00.000Z"
    assert [e["seqNo"] for e in events(queue)] == [0, 1, 2]


@pytest.mark.parametrize("stop_point", ["EVConnected,Authorized", "PowerPathClosed", "Authorized", ""])
def test_stop_points_naming_the_session_end_the_transaction_at_the_stop(tx, host, queue, stop_point: str) -> None:
    host.settings[("TxCtrlr", "TxStopPoint")] = stop_point
    start(tx, host)
    tx.on_state(station(connector(1, S.FINISHED, 1400, plugged=True)))
    tx.stopped(SessionStopped(Side.LEFT, 1400, host.clock, StopReason.STOP_BUTTON))
    assert events(queue)[-1]["eventType"] == "Ended"


def test_a_cable_lost_ends_at_once_whatever_the_stop_point(tx, host, queue) -> None:
    host.settings[("TxCtrlr", "TxStopPoint")] = "EVConnected"
    start(tx, host)
    tx.stopped(SessionStopped(Side.LEFT, 1400, host.clock, StopReason.EV_DISCONNECTED))
    ended = events(queue)[-1]
    assert (ended["eventType"], ended["transactionInfo"]["stoppedReason"]) == ("Ended", "EVDisconnected")


def answer(tx: Transactions, queue: TransactionEventQueue, response: dict[str, Any],
           event_type: str | None = None) -> QueuedEvent:
    """Deliver the head (or the first event of ``event_type``) and hand its answer in, as the pump does."""
    message = next(m for m in queue.pending() if event_type is None or m.event_type == event_type)
    queue.delivered(message, response)
    tx.answered(message, response)
    return message


def test_a_refused_token_stops_the_session_when_stop_tx_on_invalid_id(tx, host, queue) -> None:
    start(tx, host)
    info = {"status": "Blocked", "personal_message": {"format": "UTF8", "content": "Card blocked"}}
    answer(tx, queue, {"id_token_info": info})
    assert host.port.stops == [(Side.LEFT, StopReason.DEAUTHORIZED)]
    assert host.learnt == [({"id_token": CARD, "type": "ISO14443"}, info)]
    ((token, text),) = host.port.prices
    assert token == CARD and text.texts == (("en", "Card blocked"),)


def test_a_refused_token_only_limits_energy_when_stop_tx_on_invalid_id_is_false(tx, host, queue) -> None:
    host.settings[("TxCtrlr", "StopTxOnInvalidId")] = "false"
    host.settings[("TxCtrlr", "MaxEnergyOnInvalidId")] = "500"
    start(tx, host)
    charge(tx, energy=1500)
    answer(tx, queue, {"id_token_info": {"status": "Invalid"}})
    assert host.port.stops == []
    charge(tx, energy=1999)
    assert host.suspended == []
    charge(tx, energy=2000)
    charge(tx, energy=2100)
    assert host.suspended == [Side.LEFT], "once, when MaxEnergyOnInvalidId is spent"


def test_an_accepted_token_is_learnt_and_nothing_stops(tx, host, queue) -> None:
    start(tx, host)
    answer(tx, queue, {"id_token_info": {"status": "Accepted"}})
    assert host.port.stops == [] and len(host.learnt) == 1


def test_total_cost_is_exact_running_then_final_and_the_personal_message_shown(tx, host, queue) -> None:
    host.settings[("TariffCostCtrlr", "Currency")] = "USD"
    start(tx, host)
    charge(tx)
    tx.on_state(station(connector(1, S.FINISHED, 2000, plugged=True)))
    tx.stopped(SessionStopped(Side.LEFT, 2000, host.clock, StopReason.STOP_BUTTON))
    answer(tx, queue, {"id_token_info": {"status": "Accepted"}})
    answer(tx, queue, {"total_cost": 0.1 + 0.2, "updated_personal_message": {
        "format": "UTF8", "language": "de", "content": "0,35 EUR/kWh"}})
    answer(tx, queue, {"total_cost": 12.34}, event_type="Ended")
    (running_side, running), (final_side, final) = host.port.costs
    assert running_side == final_side == Side.LEFT
    assert (running.cost, running.currency, running.final) == (Decimal("0.30000000000000004"), "USD", False)
    assert (final.cost, final.final) == (Decimal("12.34"), True)
    assert isinstance(final.cost, Decimal)
    assert host.port.prices[-1][1].texts == (("de", "0,35 EUR/kWh"),)


def test_a_refusal_answering_the_ended_stops_nothing(tx, host, queue) -> None:
    start(tx, host)
    tx.stopped(SessionStopped(Side.LEFT, 1000, host.clock, StopReason.CARD, CARD))
    answer(tx, queue, {}, event_type="Started")
    answer(tx, queue, {"id_token_info": {"status": "Invalid"}}, event_type="Ended")
    assert host.port.stops == []


def test_trigger_message_queues_an_update_of_the_running_transaction(tx, host, queue) -> None:
    assert tx.trigger(1) is False
    start(tx, host)
    charge(tx)
    assert tx.trigger(1) is True
    last = events(queue)[-1]
    assert last["triggerReason"] == "Trigger"
    assert {v["context"] for v in last["meterValue"][0]["sampledValue"]} == {"Trigger"}


def test_running_registers_are_noted_for_a_power_loss(tx, host, queue) -> None:
    start(tx, host)
    host.advance(15)
    charge(tx, energy=4321)
    (open_tx,) = queue.open_transactions()
    assert open_tx.last_meter == 4321 and open_tx.last_seen == host.clock


def test_the_retry_policy_comes_from_the_device_model(tx, host) -> None:
    assert tx.retry_policy() == (60, 3)
    host.settings[("OCPPCommCtrlr", "MessageAttempts")] = "5"
    host.settings[("OCPPCommCtrlr", "MessageAttemptInterval")] = "10"
    assert tx.retry_policy() == (10, 5)


def test_both_evses_run_their_own_transactions(tx, host, queue) -> None:
    start(tx, host, Side.LEFT)
    start(tx, host, Side.RIGHT, token="0114B3C4D5E6F708")
    left, right = events(queue)
    assert left["transactionInfo"]["transactionId"] != right["transactionInfo"]["transactionId"]
    assert (left["seqNo"], right["seqNo"]) == (0, 0)
    assert tx.evse_of(right["transactionInfo"]["transactionId"]) == 2


def test_an_empty_tx_ended_measurands_still_ends_with_the_final_register(tx, host, queue) -> None:
    """TxEndedMeasurands shares the 1.6 StopTxnSampledData key, whose default is "": the Ended
    of a normal stop then carried no meter value at all, and the central system never learnt
    the transaction's final register (the power-cut run found it: 1.6 always has meterStop)."""
    host.settings[("SampledDataCtrlr", "TxEndedMeasurands")] = ""
    start(tx, host)
    charge(tx, energy=2000)
    tx.on_state(station(connector(1, S.FINISHED, 2500, plugged=True)))
    tx.stopped(SessionStopped(Side.LEFT, 2600, host.clock, StopReason.CARD, CARD))
    ended = events(queue)[-1]
    assert ended["eventType"] == "Ended"
    samples = [(v["value"], v["context"], v["measurand"]) for m in ended["meterValue"] for v in m["sampledValue"]]
    assert samples == [(2600, "Transaction.End", "Energy.Active.Import.Register")]
