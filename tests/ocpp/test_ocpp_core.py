"""Core profile against the demo central system over a real websocket."""

from __future__ import annotations

import json
from pathlib import Path

from controller.ocpp.memory_port import MemoryStation
from tests.ocpp.conftest import CentralFactory
from tests.ocpp.harness import KNOWN, CentralSystemProcess, Charger, make_charger, run, wait_for


async def online_charger(central: CentralSystemProcess, tmp_path: Path, **options: object) -> Charger:
    charger = await make_charger(central.url, tmp_path / "cp.sqlite", **options).start()  # type: ignore[arg-type]
    await wait_for(lambda: charger.client.online, "the charger online")
    await wait_for(lambda: len(central.from_charger("StatusNotification")) >= 3, "the first statuses")
    return charger


def statuses(central: CentralSystemProcess, connector_id: int) -> list[str]:
    return [f[3]["status"] for f in central.from_charger("StatusNotification") if f[3]["connectorId"] == connector_id]


# --- boot, heartbeat, clock -----------------------------------------------------------


def test_an_accepted_boot_takes_the_heartbeat_interval_and_reports_every_connector(
        start_central: CentralFactory, tmp_path: Path) -> None:
    central = start_central("--heartbeat-interval", "1")

    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            assert charger.client.config.number("HeartbeatInterval") == 1
            await wait_for(lambda: len(central.from_charger("Heartbeat")) >= 2, "two heartbeats")
            assert [statuses(central, c)[0] for c in (0, 1, 2)] == ["Available"] * 3
            assert charger.station.online
        finally:
            await charger.stop()

    run(scenario())
    boot = central.from_charger("BootNotification")[0][3]
    assert boot == {"chargePointVendor": "DS Series", "chargePointModel": "DSWx601",
                    "chargePointSerialNumber": "DS60-TEST-0001", "firmwareVersion": "0.1.0"}


def test_a_pending_boot_sends_nothing_else_but_answers_configuration_then_boots_again(
        start_central: CentralFactory, tmp_path: Path) -> None:
    central = start_central("--boot-status", "Pending", "--heartbeat-interval", "1")

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite").start()
        try:
            await wait_for(lambda: central.from_charger("BootNotification"), "a boot")
            answer = await central.call("GetConfiguration", {"key": ["NumberOfConnectors"]})
            assert answer["response"]["configurationKey"] == [{"key": "NumberOfConnectors", "readonly": True,
                                                               "value": "2"}]
            assert not charger.client.online
            await wait_for(lambda: len(central.from_charger("BootNotification")) >= 2, "a second boot")
            assert [f[2] for f in central.from_charger()] == ["BootNotification"] * len(central.from_charger())
            await central.settings(boot_status="Accepted")
            await wait_for(lambda: charger.client.online, "accepted at last")
        finally:
            await charger.stop()

    run(scenario())


def test_a_rejected_charger_answers_nothing_until_it_boots_again(start_central: CentralFactory,
                                                                 tmp_path: Path) -> None:
    central = start_central("--boot-status", "Rejected", "--heartbeat-interval", "1")

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite").start()
        try:
            await wait_for(lambda: central.from_charger("BootNotification"), "a boot")
            await wait_for(lambda: charger.client.boot.state.value == "rejected", "rejected")
            reply = await central.raw(json.dumps([2, "r-1", "GetConfiguration", {}]), reply_to="r-1", timeout=1.0)
            assert reply is None
            await central.settings(boot_status="Accepted")
            await wait_for(lambda: charger.client.online, "accepted after the interval")
        finally:
            await charger.stop()

    run(scenario())


def test_the_clock_follows_the_central_system(start_central: CentralFactory, tmp_path: Path) -> None:
    central = start_central()

    async def scenario() -> None:
        await central.settings(clock_offset_s=7200)
        charger = await online_charger(central, tmp_path)
        try:
            ahead = (charger.client.now() - charger.client.clock.now()).total_seconds()
            assert 7100 < ahead < 7300
        finally:
            await charger.stop()

    run(scenario())


# --- a transaction --------------------------------------------------------------------


def test_a_full_transaction_with_meter_values(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        client, station = charger.client, charger.station
        try:
            assert client.config.change("MeterValueSampleInterval", "1").value == "Accepted"
            assert client.config.change("MeterValuesSampledData",
                                        "Energy.Active.Import.Register,Power.Active.Import,SoC").value == "Accepted"
            assert client.config.change("StopTxnSampledData", "Energy.Active.Import.Register").value == "Accepted"
            station.present(KNOWN)
            await wait_for(lambda: KNOWN in station.decisions, "the authorization")
            assert station.decisions[KNOWN].accepted and station.decisions[KNOWN].source == "central"
            station.start_session(1, KNOWN)
            await wait_for(lambda: central.from_charger("StartTransaction"), "StartTransaction")
            station.deliver(1, 1500.0)
            await wait_for(lambda: len(central.from_charger("MeterValues")) >= 2, "two periodic samples")
            station.end_session(1, "Local", KNOWN)
            await wait_for(lambda: central.from_charger("StopTransaction"), "StopTransaction")
            await wait_for(lambda: len(client.queue) == 0, "the queue delivered")
            await wait_for(lambda: "Finishing" in statuses(central, 1), "Finishing")
        finally:
            await charger.stop()

    run(scenario())
    start = central.from_charger("StartTransaction")[0][3]
    assert start["connectorId"] == 1 and start["idTag"] == KNOWN and start["meterStart"] == 1000
    meter = central.from_charger("MeterValues")[0][3]
    assert meter["transactionId"] == 1
    assert {v["measurand"] for v in meter["meterValue"][0]["sampledValue"]} == {
        "Energy.Active.Import.Register", "Power.Active.Import", "SoC"}
    stop = central.from_charger("StopTransaction")[0][3]
    assert stop["transactionId"] == 1 and stop["meterStop"] == 2500 and stop["reason"] == "Local"
    contexts = [d["sampledValue"][0]["context"] for d in stop["transactionData"]]
    assert contexts[0] == "Transaction.Begin" and contexts[-1] == "Transaction.End"
    assert "Charging" in statuses(central, 1)


def test_remote_start_and_stop_reach_the_station_with_their_codes(central: CentralSystemProcess,
                                                                  tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        station = charger.station
        try:
            answer = await central.call("RemoteStartTransaction", {"idTag": KNOWN, "connectorId": 2})
            assert answer["response"] == {"status": "Accepted"}
            assert station.record.of("remote_start") == [(2, KNOWN)]
            await wait_for(lambda: ("033903", 2) in station.codes_shown, "033903 on screen")
            station.start_session(2, KNOWN)
            await wait_for(lambda: charger.client.queue.real_id(charger.client.running[2].local_id), "the real id")
            answer = await central.call("RemoteStopTransaction", {"transactionId": 1})
            assert answer["response"] == {"status": "Accepted"}
            assert station.record.of("stop_session") == [(2, "Remote")]
            assert ("033904", 2) in station.codes_shown
            await wait_for(lambda: central.from_charger("StopTransaction"), "StopTransaction")
            unknown = await central.call("RemoteStopTransaction", {"transactionId": 999})
            assert unknown["response"] == {"status": "Rejected"}
        finally:
            await charger.stop()

    run(scenario())
    assert central.from_charger("StopTransaction")[0][3]["reason"] == "Remote"


def test_remote_start_on_a_busy_or_missing_connector_is_rejected(central: CentralSystemProcess,
                                                                tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            charger.station.start_session(1, KNOWN)
            busy = await central.call("RemoteStartTransaction", {"idTag": KNOWN, "connectorId": 1})
            missing = await central.call("RemoteStartTransaction", {"idTag": KNOWN, "connectorId": 3})
            assert busy["response"] == missing["response"] == {"status": "Rejected"}
        finally:
            await charger.stop()

    run(scenario())


def test_a_hard_reset_stops_the_session_properly_before_restarting(central: CentralSystemProcess,
                                                                 tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        station = charger.station
        try:
            station.start_session(1, KNOWN)
            answer = await central.call("Reset", {"type": "Hard"})
            assert answer["response"] == {"status": "Accepted"}
            await wait_for(lambda: station.resets, "the restart")
            assert station.resets == [True]
            assert ("033905", 0) in station.codes_shown
            names = [name for name, _ in station.record.calls]
            assert names.index("stop_session") < names.index("reset")
        finally:
            await charger.stop()

    run(scenario())
    assert central.from_charger("StopTransaction")[0][3]["reason"] == "HardReset"


def test_change_availability_is_scheduled_while_a_session_runs(central: CentralSystemProcess,
                                                               tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        station = charger.station
        try:
            answer = await central.call("ChangeAvailability", {"connectorId": 2, "type": "Inoperative"})
            assert answer["response"] == {"status": "Accepted"}
            assert station.available[2] is False
            await wait_for(lambda: "Unavailable" in statuses(central, 2), "connector 2 Unavailable")
            station.start_session(1, KNOWN)
            answer = await central.call("ChangeAvailability", {"connectorId": 1, "type": "Inoperative"})
            assert answer["response"] == {"status": "Scheduled"}
            assert station.available[1] is True
            station.end_session(1)
            await wait_for(lambda: station.available[1] is False, "connector 1 unavailable after the session")
            back = await central.call("ChangeAvailability", {"connectorId": 0, "type": "Operative"})
            assert back["response"] == {"status": "Accepted"}
            assert station.available == {1: True, 2: True}
        finally:
            await charger.stop()

    run(scenario())


def test_availability_survives_a_restart(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        await central.call("ChangeAvailability", {"connectorId": 1, "type": "Inoperative"})
        await charger.stop()
        charger.storage.close()
        again = make_charger(central.url, tmp_path / "cp.sqlite")
        again.client.prepare()
        assert again.station.record.of("set_available") == [(1, False)]

    run(scenario())


def test_unlock_stops_the_session_then_unlocks(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            charger.station.start_session(1, KNOWN)
            answer = await central.call("UnlockConnector", {"connectorId": 1})
            assert answer["response"] == {"status": "Unlocked"}
            assert charger.station.record.of("stop_session") == [(1, "UnlockCommand")]
            missing = await central.call("UnlockConnector", {"connectorId": 5})
            assert missing["response"] == {"status": "NotSupported"}
        finally:
            await charger.stop()

    run(scenario())


# --- configuration ---------------------------------------------------------------------


def test_configuration_keys_are_read_changed_and_refused_as_1_6_says(central: CentralSystemProcess,
                                                                     tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            everything = (await central.call("GetConfiguration", {}))["response"]["configurationKey"]
            names = {k["key"] for k in everything}
            assert {"HeartbeatInterval", "MeterValuesSampledData", "LocalAuthListEnabled",
                    "ChargeProfileMaxStackLevel", "ReserveConnectorZeroSupported"} <= names
            asked = await central.call("GetConfiguration", {"key": ["HeartbeatInterval", "NoSuchKey"]})
            assert asked["response"]["unknownKey"] == ["NoSuchKey"]
            cases = {("HeartbeatInterval", "60"): "Accepted", ("HeartbeatInterval", "soon"): "Rejected",
                     ("NumberOfConnectors", "4"): "Rejected", ("NoSuchKey", "1"): "NotSupported",
                     ("MeterValuesSampledData", "Energy.Active.Import.Register,Frequency"): "Rejected",
                     ("LocalPreAuthorize", "TRUE"): "Accepted", ("WebSocketPingInterval", "20"): "RebootRequired",
                     ("ConnectionTimeOut", "90"): "Accepted"}
            for (key, value), expected in cases.items():
                answer = await central.call("ChangeConfiguration", {"key": key, "value": value})
                assert answer["response"]["status"] == expected, (key, value)
            assert charger.client.config.raw("LocalPreAuthorize") == "true"
            assert charger.station.connection_timeout_s == 90
        finally:
            await charger.stop()

    run(scenario())


def test_data_transfer_and_clear_cache(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            other = await central.call("DataTransfer", {"vendorId": "Someone"})
            ours = await central.call("DataTransfer", {"vendorId": "DS Series", "messageId": "Ping"})
            assert other["response"]["status"] == "UnknownVendorId"
            assert ours["response"]["status"] == "UnknownMessageId"
            assert (await central.call("ClearCache", {}))["response"] == {"status": "Accepted"}
        finally:
            await charger.stop()

    run(scenario())


def test_trigger_message_sends_what_was_asked_after_its_answer(central: CentralSystemProcess,
                                                               tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            for message in ("Heartbeat", "BootNotification", "DiagnosticsStatusNotification",
                            "FirmwareStatusNotification"):
                answer = await central.call("TriggerMessage", {"requestedMessage": message})
                assert answer["response"] == {"status": "Accepted"}
                await wait_for(lambda m=message: central.from_charger(m), message)
            before = len(statuses(central, 2))
            answer = await central.call("TriggerMessage", {"requestedMessage": "StatusNotification", "connectorId": 2})
            assert answer["response"] == {"status": "Accepted"}
            await wait_for(lambda: len(statuses(central, 2)) > before, "a triggered status")
            answer = await central.call("TriggerMessage", {"requestedMessage": "MeterValues", "connectorId": 1})
            await wait_for(lambda: central.from_charger("MeterValues"), "triggered meter values")
            bad = await central.call("TriggerMessage", {"requestedMessage": "Heartbeat", "connectorId": 9})
            assert bad["response"] == {"status": "Rejected"}
        finally:
            await charger.stop()

    run(scenario())
    frames = [m["frame"] for m in central.messages()]
    conf_at = next(i for i, f in enumerate(frames) if f[0] == 3 and f[2] == {"status": "Accepted"}
                   and any(g[0] == 2 and g[1] == f[1] and g[2] == "TriggerMessage" for g in frames))
    heartbeat_at = next(i for i, f in enumerate(frames) if f[0] == 2 and f[2] == "Heartbeat")
    assert conf_at < heartbeat_at


def test_a_fault_code_is_reported_with_its_status_code(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            charger.station.raise_code("011025", 1, blocking=True)  # CHAdeMO connector lock fail
            await wait_for(lambda: "Faulted" in statuses(central, 1), "Faulted")
        finally:
            await charger.stop()

    run(scenario())
    faulted = next(f[3] for f in central.from_charger("StatusNotification") if f[3]["status"] == "Faulted")
    assert faulted["errorCode"] == "ConnectorLockFailure"
    assert faulted["vendorErrorCode"] == "011025"
    assert faulted["info"] == "CHAdeMO connector lock fail"


def test_memory_station_is_a_station_port() -> None:
    from controller.ocpp.port import StationPort

    station: StationPort = MemoryStation()
    assert station.snapshot().connectors[0].connector_id == 1
