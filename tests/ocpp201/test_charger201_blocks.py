"""The central system's requests to the real station on OCPP 2.0.1, block by block: the
device model, availability, unlock, trigger, reservations, smart charging, display
messages, the local list, status codes as NotifyEvent, DataTransfer and bad input.  Every
frame the charger sends is schema-checked by the central system (the fixture)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from controller import commands as cmd
from controller.ocpp.queue import ocpp_time
from controller.power import Limit
from controller.queue import WaitReason
from controller.sim.world import World
from controller.types import Side
from hmi.format import Formatter
from hmi.presenter import kiosk_values
from tests.ocpp.harness import KNOWN, advance_until, door, plug_and_charge, settled
from tests.ocpp201.central import CentralSystem201
from tests.ocpp201.charger import sent, world201
from tests.ocpp201.conftest import Central201Factory


def variable(component: str, name: str, value: str | None = None, **extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"component": {"name": component}, "variable": {"name": name}, **extra}
    if value is not None:
        item["attributeValue"] = value
    return item


def raw(world: World, central: CentralSystem201, frame: str, reply_to: str | None) -> Any:
    """Send ``frame`` as it is and return the charger's answer to ``reply_to`` (None: no wait)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        body: dict[str, Any] = {"frame": frame}
        if reply_to is not None:
            body |= {"reply_to": reply_to, "timeout": 10}
        answer = pool.submit(central._http, "POST", "/raw", body)
        assert world.settle(answer.done, 30), f"no answer to {frame}"
        return answer.result().get("reply")


def central_201(start_central201: Central201Factory) -> CentralSystem201:
    return start_central201("--ocpp-version", "2.0.1")


def test_get_and_set_variables_answer_every_status_and_share_settings_with_1_6(
        start_central201: Central201Factory) -> None:
    central = central_201(start_central201)
    world = world201(central)
    try:
        answer = door(world, central, "SetVariables", {"setVariableData": [
            variable("SampledDataCtrlr", "TxUpdatedInterval", "45"),
            variable("OCPPCommCtrlr", "HeartbeatInterval", "not a number"),
            variable("NoSuchCtrlr", "Enabled", "true"),
            variable("AuthCtrlr", "NoSuchVariable", "true"),
            variable("SecurityCtrlr", "SecurityProfile", "3"),
            variable("AuthCtrlr", "LocalPreAuthorize", "true", attributeType="MaxSet"),
        ]})["response"]["setVariableResult"]
        assert [r["attributeStatus"] for r in answer] == [
            "Accepted", "Rejected", "UnknownComponent", "UnknownVariable", "Rejected", "NotSupportedAttributeType"]
        assert world.backend.client.config.number("MeterValueSampleInterval") == 45, "one setting with 1.6's key"
        got = door(world, central, "GetVariables", {"getVariableData": [
            variable("SampledDataCtrlr", "TxUpdatedInterval"),
            variable("SecurityCtrlr", "BasicAuthPassword"),
            {"component": {"name": "EVSE", "evse": {"id": 2}}, "variable": {"name": "AvailabilityState"}},
            {"component": {"name": "Connector", "evse": {"id": 1, "connectorId": 1}},
             "variable": {"name": "ConnectorType"}},
        ]})["response"]["getVariableResult"]
    finally:
        world.close()
    assert [(r["attributeStatus"], r.get("attributeValue")) for r in got] == [
        ("Accepted", "45"), ("Rejected", None), ("Accepted", "Available"), ("Accepted", "cG105")]


def test_a_full_base_report_arrives_in_notify_report_pages_without_gaps(start_central201: Central201Factory) -> None:
    central = central_201(start_central201)
    world = world201(central)
    try:
        assert door(world, central, "GetBaseReport", {"requestId": 7, "reportBase": "FullInventory"}) == {
            "response": {"status": "Accepted"}}
        settled(world, lambda: central.report(7).get("complete"), "every NotifyReport page")
    finally:
        world.close()
    report = central.report(7)
    assert len(report["pages"]) >= 2, "more variables than ItemsPerMessage[GetReport]: paged"
    data = [item for page in report["pages"] for item in page["report_data"]]
    names = {(d["component"]["name"], d["variable"]["name"]) for d in data}
    assert {("OCPPCommCtrlr", "HeartbeatInterval"), ("TxCtrlr", "TxStartPoint"), ("EVSE", "AvailabilityState"),
            ("Connector", "ConnectorType"), ("ClockCtrlr", "DateTime")} <= names
    password = [d for d in data if d["variable"]["name"] == "BasicAuthPassword"]
    assert all("value" not in a for d in password for a in d["variable_attribute"]), "WriteOnly is never reported"


def test_change_availability_unlock_and_trigger(start_central201: Central201Factory) -> None:
    central = central_201(start_central201)
    world = world201(central, "J0U")
    try:
        assert door(world, central, "ChangeAvailability", {"operationalStatus": "Inoperative", "evse": {"id": 2}}) == {
            "response": {"status": "Accepted"}}
        settled(world, lambda: any(s["evseId"] == 2 and s["connectorStatus"] == "Unavailable"
                                   for s in sent(central, "StatusNotification")), "EVSE 2 Unavailable")
        plug_and_charge(world, Side.LEFT, KNOWN)
        assert door(world, central, "UnlockConnector", {"evseId": 1, "connectorId": 1}) == {
            "response": {"status": "OngoingAuthorizedTransaction"}}
        assert door(world, central, "UnlockConnector", {"evseId": 5, "connectorId": 1}) == {
            "response": {"status": "UnknownConnector"}}
        assert door(world, central, "ChangeAvailability", {"operationalStatus": "Inoperative", "evse": {"id": 1}}) == {
            "response": {"status": "Scheduled"}}, "a charge is never cut by ChangeAvailability"
        assert world.view.connector(Side.LEFT).state == "charging"
        count = len(sent(central, "StatusNotification"))
        assert door(world, central, "TriggerMessage", {"requestedMessage": "StatusNotification"}) == {
            "response": {"status": "Accepted"}}
        settled(world, lambda: len(sent(central, "StatusNotification")) >= count + 2, "a status per EVSE")
        assert door(world, central, "TriggerMessage", {"requestedMessage": "MeterValues", "evse": {"id": 1}}) == {
            "response": {"status": "Accepted"}}
        settled(world, lambda: sent(central, "MeterValues"), "the triggered MeterValues")
        assert door(world, central, "TriggerMessage", {"requestedMessage": "BootNotification"})["response"][
            "status"] == "Rejected", "after an accepted boot (F06.FR.17)"
        world.station.submit(cmd.PresentToken(KNOWN))
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        world.hardware.unplug(Side.LEFT)
        settled(world, lambda: any(s["evseId"] == 1 and s["connectorStatus"] == "Unavailable"
                                   for s in sent(central, "StatusNotification")), "the scheduled change applied")
    finally:
        world.close()


def test_a_reservation_keeps_the_evse_and_is_cancelled(start_central201: Central201Factory) -> None:
    central = central_201(start_central201)
    world = world201(central)
    try:
        far = ocpp_time(world.backend.client.now() + timedelta(hours=1))  # on the central system's clock
        assert door(world, central, "ReserveNow", {"id": 3, "expiryDateTime": far, "evseId": 2,
                                                   "idToken": {"idToken": KNOWN, "type": "ISO14443"}}) == {
            "response": {"status": "Accepted"}}
        settled(world, lambda: any(s["evseId"] == 2 and s["connectorStatus"] == "Reserved"
                                   for s in sent(central, "StatusNotification")), "EVSE 2 Reserved")
        advance_until(world, lambda: world.view.connector(Side.RIGHT).state == "reserved", "the screen: Reserved")
        assert door(world, central, "CancelReservation", {"reservationId": 3}) == {"response": {"status": "Accepted"}}
        assert door(world, central, "CancelReservation", {"reservationId": 3}) == {"response": {"status": "Rejected"}}
        settled(world, lambda: world.view.connector(Side.RIGHT).state == "available", "EVSE 2 free again")
    finally:
        world.close()


def test_a_station_max_profile_limits_the_power_and_the_screen_says_so(start_central201: Central201Factory) -> None:
    central = central_201(start_central201)
    world = world201(central, "U00")
    try:
        profile = {"id": 9, "stackLevel": 0, "chargingProfilePurpose": "ChargingStationMaxProfile",
                   "chargingProfileKind": "Absolute", "chargingSchedule": [{
                       "id": 1, "startSchedule": "2020-01-01T00:00:00Z", "chargingRateUnit": "W",
                       "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 10000.0}]}]}
        assert door(world, central, "SetChargingProfile", {"evseId": 0, "chargingProfile": profile}) == {
            "response": {"status": "Accepted"}}
        tx_profile = {**profile, "id": 10, "chargingProfilePurpose": "TxProfile", "transactionId": "nope"}
        refused = door(world, central, "SetChargingProfile", {"evseId": 1, "chargingProfile": tx_profile})
        assert refused["response"]["status"] == "Rejected"
        plug_and_charge(world, Side.LEFT, KNOWN)
        advance_until(world, lambda: world.view.connector(Side.LEFT).limit is Limit.SCHEDULE
                      and 0 < world.view.connector(Side.LEFT).max_power_w <= 10_000, "the limit of the schedule")
        composite = door(world, central, "GetCompositeSchedule", {"duration": 600, "evseId": 1,
                                                                  "chargingRateUnit": "W"})["response"]
        assert composite["status"] == "Accepted"
        assert composite["schedule"]["chargingSchedulePeriod"][0]["limit"] == 10000
        assert door(world, central, "GetChargingProfiles", {"requestId": 12, "chargingProfile": {
            "chargingProfilePurpose": "ChargingStationMaxProfile"}}) == {"response": {"status": "Accepted"}}
        settled(world, lambda: sent(central, "ReportChargingProfiles"), "ReportChargingProfiles")
        assert door(world, central, "ClearChargingProfile", {"chargingProfileId": 9}) == {
            "response": {"status": "Accepted"}}
        advance_until(world, lambda: world.view.connector(Side.LEFT).limit is not Limit.SCHEDULE, "the limit lifted")
        assert door(world, central, "GetChargingProfiles", {"requestId": 13, "chargingProfile": {
            "chargingProfilePurpose": "ChargingStationMaxProfile"}}) == {"response": {"status": "NoProfiles"}}
    finally:
        world.close()
    (report,) = sent(central, "ReportChargingProfiles")
    assert report["requestId"] == 12 and report["evseId"] == 0 and report["chargingLimitSource"] == "CSO"
    assert [p["id"] for p in report["chargingProfile"]] == [9]


def test_a_zero_schedule_holds_the_session_says_until_when_and_charging_starts_by_itself(
        start_central201: Central201Factory) -> None:
    """2.0.1 as 1.6 (tests/ocpp/test_charger_profiles_prices.py): a station cap of 0 W for the
    schedule's first 30 s; the driver sees when it lifts, on the station's own clock, and the
    session charges by itself then."""
    central = central_201(start_central201)
    world = world201(central, "U00")
    try:
        installed_local = world.clock.now()
        installed = world.backend.client.now().replace(microsecond=0)  # the central system's clock
        profile = {"id": 11, "stackLevel": 0, "chargingProfilePurpose": "ChargingStationMaxProfile",
                   "chargingProfileKind": "Absolute", "chargingSchedule": [{
                       "id": 1, "startSchedule": ocpp_time(installed), "chargingRateUnit": "W",
                       "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 0.0},
                                                  {"startPeriod": 30, "limit": 60000.0}]}]}
        assert door(world, central, "SetChargingProfile", {"evseId": 0, "chargingProfile": profile}) == {
            "response": {"status": "Accepted"}}
        plug_and_charge(world, Side.LEFT, KNOWN)
        advance_until(world, lambda: world.view.connector(Side.LEFT).waiting is not None, "waiting for power")
        left = world.view.connector(Side.LEFT)
        assert left.power_w == 0 and left.waiting.reason is WaitReason.OPERATOR
        assert left.waiting.at is not None
        assert abs((left.waiting.at - installed_local).total_seconds() - 30) <= 2, (left.waiting.at, installed_local)
        advance_until(world, lambda: world.view.connector(Side.LEFT).waiting is None
                      and world.view.connector(Side.LEFT).power_w > 40_000,
                      "charging by itself once the schedule allows it", real_timeout_s=60)
    finally:
        world.close()


def test_an_operator_message_is_shown_listed_and_cleared(start_central201: Central201Factory) -> None:
    central = central_201(start_central201)
    world = world201(central)
    try:
        message = {"id": 5, "priority": "InFront",
                   "message": {"format": "UTF8", "language": "en-US", "content": "Site closes at 22:00 tonight"}}
        assert door(world, central, "SetDisplayMessage", {"message": message}) == {"response": {"status": "Accepted"}}
        world.advance(1)
        assert kiosk_values(world.view, Formatter()).operatorMessageText == "Site closes at 22:00 tonight"
        html = {**message, "id": 6, "message": {"format": "HTML", "content": "<b>hi</b>"}}
        assert door(world, central, "SetDisplayMessage", {"message": html})["response"]["status"] == \
            "NotSupportedMessageFormat"
        bound = {**message, "id": 7, "transactionId": "no-such-transaction"}
        assert door(world, central, "SetDisplayMessage", {"message": bound})["response"]["status"] == \
            "UnknownTransaction"
        assert door(world, central, "GetDisplayMessages", {"requestId": 4}) == {"response": {"status": "Accepted"}}
        settled(world, lambda: central.get("/display-messages")["display_messages"], "NotifyDisplayMessages")
        assert door(world, central, "ClearDisplayMessage", {"id": 5}) == {"response": {"status": "Accepted"}}
        assert door(world, central, "ClearDisplayMessage", {"id": 5}) == {"response": {"status": "Unknown"}}
        world.advance(1)
        assert kiosk_values(world.view, Formatter()).operatorMessageText == ""
    finally:
        world.close()
    (notify,) = sent(central, "NotifyDisplayMessages")
    assert [m["id"] for m in notify["messageInfo"]] == [5]


def test_a_send_local_list_decides_offline(start_central201: Central201Factory) -> None:
    central = central_201(start_central201)
    world = world201(central)
    try:
        entries = [{"idToken": {"idToken": "0A0B0C0D", "type": "ISO14443"}, "idTokenInfo": {"status": "Accepted"}}]
        assert door(world, central, "SendLocalList", {"versionNumber": 3, "updateType": "Full",
                                                     "localAuthorizationList": entries}) == {
            "response": {"status": "Accepted"}}
        assert door(world, central, "GetLocalListVersion", {}) == {"response": {"versionNumber": 3}}
        stale = door(world, central, "SendLocalList", {"versionNumber": 2, "updateType": "Differential"})
        assert stale["response"]["status"] == "VersionMismatch"
        central.kill()
        advance_until(world, lambda: not world.backend.client.online, "the charger to notice", step_s=0.05)
        world.station.submit(cmd.PresentToken("0A0B0C0D"))
        world.advance(0.5)
        assert world.view.pending is not None, "the local list decides offline"
    finally:
        world.close()


def test_status_codes_are_notify_events_raised_and_cleared(start_central201: Central201Factory) -> None:
    central = central_201(start_central201)
    world = world201(central)
    try:
        settled(world, lambda: len(sent(central, "StatusNotification")) >= 2, "the boot statuses")
        world.hardware.inject_fault(Side.LEFT, 11025)  # CHAdeMO connector lock fail (latches)
        advance_until(world, lambda: any(not e.get("cleared") and e.get("tech_code") == "011025"
                                         for e in central.events()), "the NotifyEvent")
        settled(world, lambda: any(s["evseId"] == 1 and s["connectorStatus"] == "Faulted"
                                   for s in sent(central, "StatusNotification")), "EVSE 1 Faulted")
        normal = world.hardware.io.ac_input_v
        world.hardware.set_input_voltage(560)  # AC input OVP (012294), station-wide, clears by itself
        advance_until(world, lambda: any(not e.get("cleared") and e.get("tech_code") == "012294"
                                         for e in central.events()), "the input OVP raised")
        world.hardware.set_input_voltage(normal)
        advance_until(world, lambda: any(e.get("cleared") and e.get("tech_code") == "012294"
                                         for e in central.events()), "the input OVP cleared")
    finally:
        world.close()
    lock = next(e for e in central.events() if e.get("tech_code") == "011025")
    assert lock["component"] == {"name": "EVSE", "evse": {"id": 1}} and lock["variable"]["name"] == "Problem"
    assert lock["trigger"] == "Delta" and lock["actual_value"] == "true"
    raised = next(e for e in central.events() if e.get("tech_code") == "012294" and not e.get("cleared"))
    assert raised["component"]["name"] == "ChargingStation" and raised["tech_info"].startswith("input 560 V")
    cleared = next(e for e in central.events() if e.get("tech_code") == "012294" and e.get("cleared"))
    assert cleared["cause"] == raised["event_id"] > lock["event_id"]


def test_bad_requests_get_the_right_callerror_and_data_transfer_an_unknown_vendor(
        start_central201: Central201Factory) -> None:
    central = central_201(start_central201)
    world = world201(central)
    try:
        assert door(world, central, "DataTransfer", {"vendorId": "com.example"}) == {
            "response": {"status": "UnknownVendorId"}}
        too_many = door(world, central, "GetVariables", {"getVariableData": [
            variable("OCPPCommCtrlr", "HeartbeatInterval")] * 60})
        assert too_many["error"] == "OccurrenceConstraintViolation"
        unknown = door(world, central, "CustomerInformation", {"requestId": 1, "report": True, "clear": False})
        assert unknown["error"] == "NotSupported"
        frames = {
            "b1": ('[2,"b1","GetBaseReport",{"requestId":8,"reportBase":"NoSuchReport"}]',
                   "PropertyConstraintViolation"),
            "b2": ('[2,"b2","Reset",{"type":"Soft"}]', "PropertyConstraintViolation"),
            "b3": ('[2,"b3","NoSuchAction",{}]', "NotImplemented"),
            "b4": ('[2,"b4","Reset",[]]', "FormatViolation"),
            "b5": ('[2,"b5","GetVariables",{}]', "OccurrenceConstraintViolation"),
        }
        replies = {key: raw(world, central, frame, key) for key, (frame, _) in frames.items()}
        raw(world, central, "[2, not json", None)  # dropped: nothing to answer it with
        assert door(world, central, "DataTransfer", {"vendorId": "still.here"})["response"], "the link survives"
    finally:
        world.close()
    for key, (_, code) in frames.items():
        reply = replies[key]
        assert reply[0] == 4 and reply[1] == key and reply[2] == code, (key, reply)


def test_clock_aligned_meter_values_and_the_tariff_fallback_text(start_central201: Central201Factory) -> None:
    central = central_201(start_central201)
    world = world201(central, "J0U")
    try:
        answer = door(world, central, "SetVariables", {"setVariableData": [
            variable("AlignedDataCtrlr", "Interval", "60"),
            variable("TariffCostCtrlr", "TariffFallbackMessage", "Pricing at the station: 0.50 USD/kWh"),
        ]})["response"]["setVariableResult"]
        assert [r["attributeStatus"] for r in answer] == ["Accepted", "Accepted"]
        assert world.view.price_text is not None
        assert world.view.price_text.for_language("en-US") == "Pricing at the station: 0.50 USD/kWh"
        plug_and_charge(world, Side.LEFT, KNOWN)
        advance_until(world, lambda: sent(central, "MeterValues") and any(
            e["trigger_reason"] == "MeterValueClock" for t in central.transactions().values() for e in t["events"]),
            "aligned values: MeterValues for the idle EVSE, MeterValueClock in the transaction", step_s=1.0)
    finally:
        world.close()
    idle = sent(central, "MeterValues")[0]
    assert idle["evseId"] == 2 and idle["meterValue"][0]["sampledValue"][0]["context"] == "Sample.Clock"
