"""Core profile with the real station (simulated boards and EVs on the CAN bus, fake clock)
against the demo central system as a separate process, over a real websocket; every frame
the charger sends is checked against the OCPP 1.6 schemas (conftest).  What the driver
sees is checked on the snapshot and the presenter's texts."""

from __future__ import annotations

from pathlib import Path

from controller import commands as cmd
from controller.session import ConnectorState
from controller.types import AuthMethod, Side
from controller.view import NoticeKind
from hmi.format import Formatter
from hmi.navigation import screen_for
from hmi.presenter import connector_values, kiosk_values
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD
from tests.ocpp.conftest import CentralFactory
from tests.ocpp.harness import (
    STATION_ID,
    UNKNOWN,
    CentralSystemProcess,
    advance_until,
    charger_world,
    door,
    eventually,
    plug_and_charge,
    settled,
)


def statuses(central: CentralSystemProcess, connector_id: int) -> list[str]:
    return [f[3]["status"] for f in central.from_charger("StatusNotification") if f[3]["connectorId"] == connector_id]


def test_the_station_boots_and_reports_each_connector_and_the_header_shows_online(
        start_central: CentralFactory) -> None:
    central = start_central("--heartbeat-interval", "120")
    world = charger_world(central, "J0U")
    try:
        assert world.backend is not None and world.backend.client.online
        assert world.view.backend_configured and world.view.online and world.view.backend_code == ""
        values = kiosk_values(world.view, Formatter())
        assert values.backendConfigured and values.online and values.qrEnabled
        settled(world, lambda: len(central.from_charger("StatusNotification")) >= 3, "a status per connector")
        assert [statuses(central, c)[-1] for c in (0, 1, 2)] == ["Available"] * 3
        assert world.backend.client.config.number("HeartbeatInterval") == 120
    finally:
        world.close()
    (boot,) = central.from_charger("BootNotification")
    assert boot[3]["chargePointModel"] == "DSWx601" and boot[3]["chargePointVendor"] == "DS Series"
    eventually(lambda: central._http("GET", "/charge-points")["charge_points"] == [],
               "the central system to see the charger hang up")


def test_a_card_is_authorized_online_and_a_whole_session_is_reported_with_meter_values(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        for key, value in (("MeterValueSampleInterval", "30"), ("ClockAlignedDataInterval", "60"),
                           ("MeterValuesSampledData", "Energy.Active.Import.Register,Power.Active.Import,SoC"),
                           ("StopTxnSampledData", "Energy.Active.Import.Register")):
            assert door(world, central, "ChangeConfiguration", {"key": key, "value": value}) == {
                "response": {"status": "Accepted"}}
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        world.advance(0.2)
        assert world.view.pending is not None, "the central system's Accepted leads to the Plug-in screen"
        assert central.from_charger("Authorize")[0][3] == {"idTag": KNOWN_CARD}
        register_before = round(world.station.meter_register_wh(Side.LEFT))
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        world.advance(300)
        world.station.submit(cmd.PresentToken(KNOWN_CARD))  # the same card stops at once: no Authorize for it
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        register_after = round(world.station.meter_register_wh(Side.LEFT))
        settled(world, lambda: central.from_charger("StopTransaction"), "StopTransaction")
    finally:
        world.close()
    assert len(central.from_charger("Authorize")) == 1
    (start,) = central.from_charger("StartTransaction")
    assert (start[3]["connectorId"], start[3]["idTag"], start[3]["meterStart"]) == (1, KNOWN_CARD, register_before)
    (stop,) = central.from_charger("StopTransaction")
    assert stop[3]["reason"] == "Local" and stop[3]["idTag"] == KNOWN_CARD and stop[3]["meterStop"] == register_after
    assert register_after - register_before > 1000, "five minutes at up to 60 kW"
    assert [v["context"] for d in stop[3]["transactionData"] for v in d["sampledValue"]] == [
        "Transaction.Begin", *["Sample.Periodic"] * (len(stop[3]["transactionData"]) - 2), "Transaction.End"]
    sampled = [f[3] for f in central.from_charger("MeterValues") if "transactionId" in f[3]]
    periodic = [s for s in sampled if s["meterValue"][0]["sampledValue"][0]["context"] == "Sample.Periodic"]
    aligned = [s for s in sampled if s["meterValue"][0]["sampledValue"][0]["context"] == "Sample.Clock"]
    assert len(periodic) >= 9 and len(aligned) >= 4, "every 30 s and every minute over five minutes"
    registers = [int(s["meterValue"][0]["sampledValue"][0]["value"]) for s in periodic]
    assert registers == sorted(registers) and register_before <= registers[0] and registers[-1] <= register_after
    measurands = {v["measurand"] for v in periodic[-1]["meterValue"][0]["sampledValue"]}
    assert measurands == {"Energy.Active.Import.Register", "Power.Active.Import", "SoC"}
    assert statuses(central, 1)[-3:] == ["Preparing", "Charging", "Finishing"]


def test_a_card_the_central_system_refuses_shows_the_invalid_card_notice(central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        world.hardware.plug(Side.LEFT)
        world.advance(0.3)
        world.station.submit(cmd.PresentToken(UNKNOWN))
        world.advance(0.1)
        assert world.view.notice is not None and world.view.notice.kind is NoticeKind.INVALID_CARD
        assert world.view.connector(Side.LEFT).state == "plugged"
        assert central.from_charger("Authorize")[-1][3] == {"idTag": UNKNOWN}
    finally:
        world.close()
    assert not central.from_charger("StartTransaction")


def test_a_remote_start_is_the_qr_code_path_with_033903_and_a_remote_stop_shows_033904(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        answer = door(world, central, "RemoteStartTransaction", {"connectorId": 2, "idTag": OTHER_KNOWN_CARD})
        assert answer == {"response": {"status": "Accepted"}}
        world.step()
        view = world.view
        assert screen_for(view) == "plugin" and view.pending is not None and view.pending.eligible == (Side.RIGHT,)
        assert view.pending.method is AuthMethod.QR
        assert view.notice is not None and view.notice.code == "033903"
        assert kiosk_values(view, Formatter()).noticeText.startswith("033903 · Remote authorization passed")
        world.hardware.plug(Side.RIGHT)
        assert world.run_until(lambda v: v.connector(Side.RIGHT).state == "charging", 30)
        world.advance(60)
        settled(world, central.transactions, "the transaction at the central system")
        (transaction_id,) = central.transactions()
        answer = door(world, central, "RemoteStopTransaction", {"transactionId": int(transaction_id)})
        assert answer == {"response": {"status": "Accepted"}}
        assert world.view.notice is not None and world.view.notice.code == "033904"
        assert world.run_until(lambda v: v.connector(Side.RIGHT).state == "finished", 30)
        connector = world.view.connector(Side.RIGHT)
        values = connector_values(connector, world.view, Formatter())
        assert screen_for(world.view) == "summary"
        assert (values.statusCode, values.stopReasonText) == ("033904", "Stopped remotely")
        settled(world, lambda: central.from_charger("StopTransaction"), "StopTransaction")
    finally:
        world.close()
    (start,) = central.from_charger("StartTransaction")
    assert (start[3]["connectorId"], start[3]["idTag"]) == (2, OTHER_KNOWN_CARD)
    assert central.from_charger("StopTransaction")[0][3]["reason"] == "Remote"


def test_a_remote_start_on_a_busy_connector_is_rejected(central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        plug_and_charge(world, Side.LEFT)
        answer = door(world, central, "RemoteStartTransaction", {"connectorId": 1, "idTag": OTHER_KNOWN_CARD})
        assert answer == {"response": {"status": "Rejected"}}
    finally:
        world.close()


def test_a_hard_reset_during_a_session_stops_it_properly_first_then_the_charger_restarts(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        plug_and_charge(world, Side.LEFT)
        world.advance(30)
        assert door(world, central, "Reset", {"type": "Hard"}) == {"response": {"status": "Accepted"}}
        assert world.view.notice is not None and world.view.notice.code == "033905"
        advance_until(world, lambda: world.restarts == 1, "the restart")
        world.start()  # a new station: self-test again
        world.advance(1.0)
        assert world.state(Side.LEFT) is ConnectorState.PLUGGED, "the EV is still plugged in after the restart"
        settled(world, lambda: len(central.from_charger("BootNotification")) == 2, "a second BootNotification")
    finally:
        world.close()
    actions = [f[2] for f in central.from_charger() if f[2] in ("StopTransaction", "BootNotification")]
    assert actions == ["BootNotification", "StopTransaction", "BootNotification"], "stopped before the restart"
    assert central.from_charger("StopTransaction")[0][3]["reason"] == "HardReset"


def test_a_soft_reset_during_a_session_waits_for_the_driver_to_stop_then_the_charger_restarts(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        plug_and_charge(world, Side.LEFT)
        world.advance(30)
        assert door(world, central, "Reset", {"type": "Soft"}) == {"response": {"status": "Accepted"}}
        world.advance(600)
        assert world.restarts == 0 and world.state(Side.LEFT) is ConnectorState.CHARGING, "a charge is never cut"
        assert not central.from_charger("StopTransaction")
        world.station.submit(cmd.PresentToken(KNOWN_CARD))  # the driver stops
        advance_until(world, lambda: world.restarts == 1, "the restart once idle")
        world.start()
        settled(world, lambda: len(central.from_charger("BootNotification")) == 2, "a second BootNotification")
    finally:
        world.close()
    actions = [f[2] for f in central.from_charger() if f[2] in ("StopTransaction", "BootNotification")]
    assert actions == ["BootNotification", "StopTransaction", "BootNotification"]
    assert central.from_charger("StopTransaction")[0][3]["reason"] == "Local"


def test_an_unavailable_connector_shows_as_such_and_cannot_be_used_and_is_scheduled_while_charging(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        answer = door(world, central, "ChangeAvailability", {"connectorId": 2, "type": "Inoperative"})
        assert answer == {"response": {"status": "Accepted"}}
        world.advance(0.2)
        right = connector_values(world.view.connector(Side.RIGHT), world.view, Formatter())
        assert (right.state, right.stateText) == ("inoperative", "Unavailable")
        world.hardware.plug(Side.RIGHT)
        world.station.submit(cmd.PresentToken(OTHER_KNOWN_CARD))
        world.advance(1.0)
        assert world.state(Side.RIGHT) is ConnectorState.INOPERATIVE and world.view.pending is not None
        assert world.view.pending.eligible == (Side.LEFT,), "the card may only use the left connector"
        world.hardware.unplug(Side.RIGHT)
        world.station.submit(cmd.CancelPending())
        plug_and_charge(world, Side.LEFT)
        answer = door(world, central, "ChangeAvailability", {"connectorId": 1, "type": "Inoperative"})
        assert answer == {"response": {"status": "Scheduled"}}
        world.advance(10)
        assert world.state(Side.LEFT) is ConnectorState.CHARGING, "a running session finishes first"
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        world.hardware.unplug(Side.LEFT)
        world.advance(0.5)
        assert world.state(Side.LEFT) is ConnectorState.INOPERATIVE
        settled(world, lambda: statuses(central, 1)[-1] == "Unavailable", "connector 1 Unavailable")
        assert door(world, central, "ChangeAvailability", {"connectorId": 0, "type": "Operative"}) == {
            "response": {"status": "Accepted"}}
        world.advance(0.2)
        assert [world.state(s) for s in (Side.LEFT, Side.RIGHT)] == [ConnectorState.AVAILABLE] * 2
        settled(world, lambda: statuses(central, 2)[-1] == "Available", "connector 2 Available")
    finally:
        world.close()
    assert "Unavailable" in statuses(central, 2)


def test_unlock_connector_stops_the_session_and_reports_unlocked(central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        plug_and_charge(world, Side.LEFT)
        assert door(world, central, "UnlockConnector", {"connectorId": 1}) == {"response": {"status": "Unlocked"}}
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        settled(world, lambda: central.from_charger("StopTransaction"), "StopTransaction")
    finally:
        world.close()
    assert central.from_charger("StopTransaction")[0][3]["reason"] == "UnlockCommand"


def test_configuration_trigger_message_data_transfer_and_clear_cache(central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U", limits={"plug_in_timeout_s": 60})
    try:
        answer = door(world, central, "GetConfiguration", {"key": ["NumberOfConnectors", "SupportedLanguages"]})
        assert {k["key"]: k["value"] for k in answer["response"]["configurationKey"]} == {
            "NumberOfConnectors": "2", "SupportedLanguages": "en-US,es-US,fr-CA,zh-TW,zh-CN,ja-JP"}
        assert door(world, central, "ChangeConfiguration", {"key": "ConnectionTimeOut", "value": "20"}) == {
            "response": {"status": "Accepted"}}
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        world.advance(0.2)
        assert world.view.pending is not None and world.view.pending.seconds_left == 20
        world.advance(21)
        assert world.view.pending is None and world.view.notice is not None
        assert door(world, central, "ChangeConfiguration", {"key": "Language", "value": "fr-CA"}) == {
            "response": {"status": "Accepted"}}
        world.step()
        assert world.view.language == "fr-CA"
        assert door(world, central, "ChangeConfiguration", {"key": "Language", "value": "de-DE"}) == {
            "response": {"status": "Rejected"}}
        assert door(world, central, "TriggerMessage", {"requestedMessage": "StatusNotification",
                                                       "connectorId": 2}) == {"response": {"status": "Accepted"}}
        settled(world, lambda: len(statuses(central, 2)) >= 2, "the triggered StatusNotification")
        assert door(world, central, "DataTransfer", {"vendorId": "com.example", "messageId": "Hello"}) == {
            "response": {"status": "UnknownVendorId"}}
        assert door(world, central, "ClearCache", {}) == {"response": {"status": "Accepted"}}
        assert world.backend is not None and world.backend.client.auth.cached(KNOWN_CARD) is None
    finally:
        world.close()


def test_the_csms_url_names_the_charge_point_and_the_toml_url_appends_it(
        central: CentralSystemProcess, tmp_path: Path) -> None:
    world = charger_world(central, "U00", url="", ocpp={"url": central.url, "database": ":memory:"},
                          station={"charge_point_id": "DSWX601-7777"})
    try:
        assert world.backend is not None and world.backend.client.online
    finally:
        world.close()
    assert {m["charge_point"] for m in central.messages()} == {"DSWX601-7777"}
    other = charger_world(central, "U00")
    try:
        assert other.backend is not None and other.backend.client.online
    finally:
        other.close()
    assert STATION_ID in {m["charge_point"] for m in central.messages()}
