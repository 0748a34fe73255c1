"""The demo central system itself, over a real websocket, with a station written by hand in
the test: the OCPP version settled in the handshake, Boot, a transaction's events and its
exact cost, the independent schema check, requests through the HTTP door, paged reports."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any

import pytest
from websockets.exceptions import InvalidStatus

from tests.ocpp.harness import run
from tests.ocpp201.central import CentralSystem201, eventually, wait_for
from tests.ocpp201.conftest import Central201Factory
from tests.ocpp201.raw_station import RawStation

STATION = "CS-201-1"
V201, V16 = "ocpp2.0.1", "ocpp1.6"
KNOWN = "04A1B2C3D4E5F6"
BOOT = {"reason": "PowerUp", "chargingStation": {"model": "DSWx601", "vendorName": "DS Series"}}
PRICING = json.dumps({"kwh_price": "0.45", "flat_fee": "1.00"})


def url(central: CentralSystem201, station: str = STATION) -> str:
    return f"{central.url}/{station}"


async def spoken(central: CentralSystem201, offered: list[str]) -> str | None:
    """The subprotocol the central system settles on when a station offers ``offered``."""
    station = await RawStation.open(url(central), offered)
    try:
        return station.subprotocol
    finally:
        await station.close()


def event(event_type: str, seq_no: int, trigger: str, transaction_id: str, *, wh: float | None = None,
          offline: bool = False, **extra: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {"eventType": event_type, "timestamp": "2025-05-01T10:00:00.000Z",
                               "triggerReason": trigger, "seqNo": seq_no, "offline": offline,
                               "transactionInfo": {"transactionId": transaction_id, **extra.pop("info", {})}, **extra}
    if wh is not None:
        payload["meterValue"] = [{"timestamp": "2025-05-01T10:00:00.000Z", "sampledValue": [
            {"value": wh, "measurand": "Energy.Active.Import.Register"}]}]
    return payload


# --- the version settled in the handshake -------------------------------------------------------


def test_a_central_system_speaking_both_takes_the_chargers_first_offered_version(
        central201: CentralSystem201) -> None:
    async def scenario() -> None:
        assert await spoken(central201, [V201, V16]) == V201
        assert await spoken(central201, [V16, V201]) == V16
        assert await spoken(central201, [V16]) == V16
        assert await spoken(central201, ["ocpp2.1", V201]) == V201

    run(scenario())


def test_a_preferred_version_wins_when_offered_and_the_other_serves_otherwise(
        start_central201: Central201Factory) -> None:
    central = start_central201("--prefer", "1.6")

    async def scenario() -> None:
        assert await spoken(central, [V201, V16]) == V16
        assert await spoken(central, [V201]) == V201

    run(scenario())


def test_the_session_speaks_the_version_settled_and_the_door_says_which(central201: CentralSystem201) -> None:
    async def scenario() -> None:
        station = await RawStation.open(url(central201), [V201, V16])
        answer = await station.call("BootNotification", BOOT)  # the 2.0.1 shape: a 1.6 session would refuse it
        assert answer[0] == 3 and answer[2]["status"] == "Accepted"
        assert central201.versions() == {STATION: "2.0.1"}
        await station.close()
        old = await RawStation.open(url(central201, "CP-16"), [V16])
        answer = await old.call("BootNotification", {"chargePointVendor": "DS", "chargePointModel": "DSWx601"})
        assert answer[0] == 3 and answer[2]["status"] == "Accepted"
        # the first session ends on the server's side a moment after the station closed it
        await wait_for(lambda: central201.versions() == {"CP-16": "1.6"}, "only the 1.6 session left")
        await old.close()

    run(scenario())


@pytest.mark.parametrize(("serves", "offered"), [("2.0.1", [V16]), ("1.6", [V201])])
def test_a_single_version_server_completes_the_handshake_without_a_subprotocol_and_closes(
        start_central201: Central201Factory, serves: str, offered: list[str]) -> None:
    """OCPP-J: no common subprotocol -> 101 without Sec-WebSocket-Protocol, then closed at once."""
    central = start_central201("--ocpp-version", serves)

    async def scenario() -> None:
        station = await RawStation.open(url(central), offered)
        assert station.subprotocol is None
        await asyncio.wait_for(station.websocket.wait_closed(), 10)
        assert station.websocket.close_code == 1002
        assert "no common OCPP version" in (station.websocket.close_reason or "")
        await station.close()
        other = [V201] if serves == "2.0.1" else [V16]
        assert await spoken(central, [*offered, *other]) == other[0]

    run(scenario())
    eventually(lambda: central.versions() == {}, "every session ended")  # the refused one never began


def test_a_single_version_server_told_to_reject_fails_the_handshake_with_400(
        start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "1.6", "--on-mismatch", "reject")

    async def scenario() -> None:
        with pytest.raises(InvalidStatus) as refused:
            await RawStation.open(url(central), [V201])
        assert refused.value.response.status_code == 400
        assert b"no common OCPP version" in refused.value.response.body
        with pytest.raises(InvalidStatus):
            await RawStation.open(url(central), [])  # no subprotocol at all
        assert await spoken(central, [V201, V16]) == V16

    run(scenario())


def test_the_settings_flip_the_versions_of_a_running_server(central201: CentralSystem201) -> None:
    async def scenario() -> None:
        assert await spoken(central201, [V16]) == V16
        central201.set(versions=["2.0.1"], on_mismatch="reject")
        with pytest.raises(InvalidStatus):
            await RawStation.open(url(central201), [V16])
        assert await spoken(central201, [V16, V201]) == V201
        central201.set(versions=["1.6", "2.0.1"], prefer="1.6")
        assert await spoken(central201, [V201, V16]) == V16

    run(scenario())
    status, answer = central201.request("POST", "/settings", {"versions": ["2.1"]})
    assert status == 400 and "versions" in answer["error"]
    status, answer = central201.request("POST", "/settings", {"versoins": ["2.0.1"]})
    assert status == 400 and "unknown setting" in answer["error"]
    assert central201.get("/settings")["versions"] == ["1.6", "2.0.1"]


# --- provisioning ----------------------------------------------------------------------------------


def test_boot_is_accepted_or_pending_per_the_settings_with_the_interval(
        start_central201: Central201Factory) -> None:
    central = start_central201("--heartbeat-interval", "42")

    async def scenario() -> None:
        station = await RawStation.open(url(central), [V201])
        answer = await station.call("BootNotification", BOOT)
        assert answer[2]["status"] == "Accepted" and answer[2]["interval"] == 42
        central.set(boot_status="Pending", heartbeat_interval=7)
        answer = await station.call("BootNotification", {**BOOT, "reason": "RemoteReset"})
        assert answer[2]["status"] == "Pending" and answer[2]["interval"] == 7
        answer = await station.call("Heartbeat", {})
        assert answer[0] == 3 and "currentTime" in answer[2]
        await station.close()

    run(scenario())
    boots = central.get("/notifications?action=BootNotification")["notifications"]
    assert [b["payload"]["reason"] for b in boots] == ["PowerUp", "RemoteReset"]


# --- transactions and cost ---------------------------------------------------------------------------


def test_a_transaction_is_recorded_by_its_id_with_every_seq_no_and_its_exact_total_cost(
        start_central201: Central201Factory) -> None:
    central = start_central201("--pricing", PRICING)
    tx = "3f1c2d9e-0001"

    async def scenario() -> None:
        station = await RawStation.open(url(central), [V201])
        await station.call("BootNotification", BOOT)
        token = {"idToken": KNOWN, "type": "ISO14443"}
        started = await station.call("TransactionEvent", event(
            "Started", 0, "Authorized", tx, wh=1000.0, idToken=token, evse={"id": 1, "connectorId": 1},
            info={"chargingState": "EVConnected"}))
        info = started[2]["idTokenInfo"]
        assert info["status"] == "Accepted"
        assert info["personalMessage"] == {"format": "UTF8", "language": "en",
                                           "content": "$0.45/kWh + $1.00 per session"}
        assert "totalCost" not in started[2]
        updated = await station.call("TransactionEvent", event("Updated", 1, "MeterValuePeriodic", tx, wh=6000.0,
                                                               offline=True))
        assert updated[2] == {}  # running cost as CostUpdated (the default), not in the answer
        cost = await station.next_call("CostUpdated")
        assert cost[3] == {"totalCost": Decimal("3.25"), "transactionId": tx}  # 1.00 + 5 kWh x 0.45
        await station.answer(cost, {})
        ended = await station.call("TransactionEvent", event("Ended", 2, "StopAuthorized", tx, wh=12345.0,
                                                             idToken=token, info={"stoppedReason": "Local"}))
        # 1.00 + 11.345 kWh x 0.45 = 6.10525 -> 6.11 (to the cent, half up); exact on the wire
        assert ended[2]["totalCost"] == Decimal("6.11") and ended[2]["idTokenInfo"]["status"] == "Accepted"
        await station.close()

    run(scenario())
    transaction = central.transactions()[tx]
    assert transaction["seq_nos"] == [0, 1, 2]
    assert transaction["event_types"] == ["Started", "Updated", "Ended"]
    assert transaction["trigger_reasons"] == ["Authorized", "MeterValuePeriodic", "StopAuthorized"]
    assert transaction["offline"] == [False, True, False]
    assert transaction["id_tokens"] == [{"id_token": KNOWN, "type": "ISO14443"}]
    assert (transaction["evse_id"], transaction["connector_id"]) == (1, 1)
    assert transaction["stopped_reason"] == "Local" and transaction["total_cost"] == "6.11"
    assert (transaction["meter_start_wh"], transaction["meter_last_wh"]) == ("1000.0", "12345.0")
    assert [e["repeat"] for e in transaction["events"]] == [False, False, False]
    ended_frame = [m for m in central.messages() if m["direction"] == "to_charge_point"
                   and isinstance(m["frame"], list) and m["frame"][0] == 3 and "totalCost" in m["frame"][2]]
    assert len(ended_frame) == 1 and ended_frame[0]["frame"][2]["totalCost"] == 6.11


def test_the_running_cost_can_come_in_the_updated_answer_and_a_repeat_is_marked(
        start_central201: Central201Factory) -> None:
    central = start_central201("--pricing", PRICING, "--running-cost", "response")
    tx = "tx-2"

    async def scenario() -> None:
        station = await RawStation.open(url(central), [V201])
        await station.call("TransactionEvent", event("Started", 0, "CablePluggedIn", tx, wh=0.0))
        updated = await station.call("TransactionEvent", event("Updated", 1, "MeterValuePeriodic", tx, wh=2222.0))
        assert updated[2] == {"totalCost": Decimal("2.0")}  # 1.00 + 2.222 x 0.45 = 1.9999 -> 2.00
        again = await station.call("TransactionEvent", event("Updated", 1, "MeterValuePeriodic", tx, wh=2222.0))
        assert again[2] == {"totalCost": Decimal("2.0")}
        ended = await station.call("TransactionEvent", event("Ended", 2, "EVDeparted", tx,
                                                             info={"stoppedReason": "EVDisconnected"}))
        assert ended[2] == {"totalCost": Decimal("2.0")}
        assert station.calls.empty()  # no CostUpdated in this mode
        await station.close()

    run(scenario())
    transaction = central.transactions()[tx]
    assert transaction["seq_nos"] == [0, 1, 1, 2]
    assert [e["repeat"] for e in transaction["events"]] == [False, False, True, False]
    assert transaction["total_cost"] == "2.00" and transaction["stopped_reason"] == "EVDisconnected"


def test_authorize_answers_each_token_per_the_list(central201: CentralSystem201) -> None:
    async def scenario() -> None:
        station = await RawStation.open(url(central201), [V201])

        async def status(token: str, kind: str) -> str:
            answer = await station.call("Authorize", {"idToken": {"idToken": token, "type": kind}})
            assert "personalMessage" not in answer[2]["idTokenInfo"]  # no pricing here
            return str(answer[2]["idTokenInfo"]["status"])

        assert await status(KNOWN, "ISO14443") == "Accepted"
        assert await status("BLOCKED0001", "ISO14443") == "Blocked"
        assert await status("DEADBEEF0001", "ISO14443") == "Unknown"
        assert await status("", "NoAuthorization") == "Accepted"
        await station.close()

    run(scenario())


# --- the independent schema check ----------------------------------------------------------------------


def test_every_frame_is_checked_and_one_breaking_the_schema_is_recorded(central201: CentralSystem201) -> None:
    central201.violations_expected = True

    async def scenario() -> None:
        station = await RawStation.open(url(central201), [V201])
        await station.call("BootNotification", BOOT)
        await station.call("StatusNotification", {"timestamp": "2025-05-01T10:00:00Z", "connectorStatus": "Free",
                                                  "evseId": 1, "connectorId": 1})
        await station.call("Heartbeat", {"extra": 1})
        await station.send_text(json.dumps([2, "x" * 37, "Heartbeat", {}]), "x" * 37)
        await station.close()
        old = await RawStation.open(url(central201, "CP-16"), [V16])
        await old.call("StatusNotification", {"connectorId": 1, "errorCode": "NoError", "status": "Occupied"})
        await old.close()

    run(scenario())
    violations = central201.violations()
    assert [(v["version"], v["kind"], v["action"]) for v in violations] == [
        ("2.0.1", "CALL", "StatusNotification"), ("2.0.1", "CALL", "Heartbeat"), ("2.0.1", "CALL", ""),
        ("1.6", "CALL", "StatusNotification")]
    assert "connectorStatus: 'Free' is not one of" in violations[0]["errors"][0]
    assert "Additional properties are not allowed" in violations[1]["errors"][0]
    assert violations[2]["errors"] == ["the message id is longer than 36 characters"]
    assert "'Occupied' is not one of" in violations[3]["errors"][0]
    assert central201.frames_checked() == 5
    frames = {m["n"]: m["frame"] for m in central201.messages()}
    assert frames[violations[0]["n"]][3]["connectorStatus"] == "Free"


# --- requests through the HTTP door --------------------------------------------------------------------


def test_a_request_goes_through_the_door_and_comes_back_with_the_answer_or_the_error_code(
        central201: CentralSystem201) -> None:
    central201.violations_expected = True
    get = {"getVariableData": [{"component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"}}]}

    async def scenario() -> None:
        station = await RawStation.open(url(central201), [V201])
        pending = asyncio.ensure_future(central201.call_async("GetVariables", get))
        request = await station.next_call("GetVariables")
        assert request[3] == get
        result = {"getVariableResult": [{"attributeStatus": "Accepted", "attributeValue": "300",
                                         "component": {"name": "OCPPCommCtrlr"},
                                         "variable": {"name": "HeartbeatInterval"}}]}
        await station.answer(request, result)
        assert await pending == (200, {"response": result})

        pending = asyncio.ensure_future(central201.call_async("Reset", {"type": "OnIdle"}))
        request = await station.next_call("Reset")
        await station.websocket.send(json.dumps([4, request[1], "NotSupported", "no", {}]))
        status, answer = await pending
        assert (status, answer["error"]) == (200, "NotSupported")

        status, answer = await central201.call_async("Reset", {"type": "Sometime"})
        assert status == 400 and "invalid" in answer and station.calls.empty()

        pending = asyncio.ensure_future(central201.call_async("ChangeAvailability",
                                                              {"operationalStatus": "Inoperative"}))
        request = await station.next_call("ChangeAvailability")
        await station.answer(request, {"status": "Maybe"})  # breaks the response schema
        status, answer = await pending
        assert answer == {"response": {"status": "Maybe"}}
        await station.close()

    run(scenario())
    violations = central201.violations()
    assert [(v["kind"], v["action"]) for v in violations] == [("CALLRESULT", "ChangeAvailability")]


def test_notify_report_pages_are_collected_by_request_id(central201: CentralSystem201) -> None:
    def page(seq_no: int, tbc: bool, name: str) -> dict[str, Any]:
        return {"requestId": 7, "generatedAt": "2025-05-01T10:00:00Z", "seqNo": seq_no, "tbc": tbc,
                "reportData": [{"component": {"name": name}, "variable": {"name": "Enabled"},
                                "variableAttribute": [{"value": "true"}]}]}

    async def scenario() -> None:
        station = await RawStation.open(url(central201), [V201])
        pending = asyncio.ensure_future(central201.call_async("GetBaseReport", {"requestId": 7,
                                                                                "reportBase": "FullInventory"}))
        request = await station.next_call("GetBaseReport")
        await station.answer(request, {"status": "Accepted"})
        assert (await pending)[1] == {"response": {"status": "Accepted"}}
        await station.call("NotifyReport", page(0, True, "AuthCtrlr"))
        assert central201.report(7)["complete"] is False
        await station.call("NotifyReport", page(1, False, "TxCtrlr"))
        await station.call("NotifyEvent", {"generatedAt": "2025-05-01T10:00:00Z", "seqNo": 0, "eventData": [
            {"eventId": 1, "timestamp": "2025-05-01T10:00:00Z", "trigger": "Delta", "actualValue": "true",
             "techCode": "012251", "eventNotificationType": "HardWiredNotification",
             "component": {"name": "ChargingStation"}, "variable": {"name": "Problem"}}]})
        await station.close()

    run(scenario())
    report = central201.report(7)
    assert report["complete"] is True and report["seq_nos"] == [0, 1]
    assert [p["report_data"][0]["component"]["name"] for p in report["pages"]] == ["AuthCtrlr", "TxCtrlr"]
    assert central201.report(8) == {"request_id": 8, "seq_nos": [], "complete": False, "pages": []}
    events = central201.events()
    assert len(events) == 1 and events[0]["tech_code"] == "012251" and events[0]["charge_point"] == STATION


def test_a_wait_for_helper_sees_what_the_central_system_recorded(central201: CentralSystem201) -> None:
    async def scenario() -> None:
        station = await RawStation.open(url(central201), [V201])
        await station.websocket.send(json.dumps([2, "s1", "StatusNotification", {
            "timestamp": "2025-05-01T10:00:00Z", "connectorStatus": "Occupied", "evseId": 1, "connectorId": 1}]))
        await wait_for(lambda: central201.get("/statuses")["statuses"].get(f"{STATION}/1/1") == "Occupied",
                       "the status recorded")
        await station.close()

    run(scenario())
