"""Security events over OCPP 2.0.1 with the real station and the demo central system: the
events 2.0.1 calls critical are sent under 2.0.1's names, the others only logged; and a
switch of version in the middle neither loses nor repeats one.  The fixture checks every
frame against the official schemas (the central system's /violations)."""

from __future__ import annotations

from controller import security_events as se
from controller.security_events import Delivery
from tests.ocpp.harness import advance_until, charger_world, door, settled
from tests.ocpp201.central import CentralSystem201
from tests.ocpp201.charger import sent, world201
from tests.ocpp201.conftest import Central201Factory


def types(central: CentralSystem201) -> list[str]:
    """The types of the SecurityEventNotifications sent, in order, but SettingSystemTime (a
    world's fake clock starts days before the central system's time: every boot sets it)."""
    return [p["type"] for p in sent(central, "SecurityEventNotification") if p["type"] != se.SETTING_SYSTEM_TIME]


def test_critical_events_go_under_2_0_1_names_and_the_others_are_only_logged(central201: CentralSystem201) -> None:
    world = world201(central201)
    try:
        log = world.station.security_log
        assert log.version == "2.0.1"
        settled(world, lambda: types(central201) == [se.STARTUP_OF_THE_DEVICE], "StartupOfTheDevice sent")
        log.record(se.INVALID_CENTRAL_SYSTEM_CERTIFICATE, "certificate verify failed")  # as the link records it
        settled(world, lambda: types(central201)[1:] == ["InvalidCsmsCertificate"], "sent under its 2.0.1 name")
        answer = door(world, central201, "SetVariables", {"setVariableData": [
            {"component": {"name": "SecurityCtrlr"}, "variable": {"name": "OrganizationName"},
             "attributeValue": "Example CPO"},
            {"component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "MessageTimeout"},
             "attributeValue": "30", "attributeType": "Actual"}]})
        assert answer["response"]["setVariableResult"][0]["attributeStatus"] == "Accepted"
        settled(world, lambda: any(e.kind == se.RECONFIGURATION_OF_SECURITY_PARAMETERS for e in log.recent(5)),
                "the reconfiguration logged")
        settled(world, lambda: log.undelivered() == [], "every critical event confirmed")
        world.advance(3)
        reconfigured = [e for e in log.recent(20) if e.kind == se.RECONFIGURATION_OF_SECURITY_PARAMETERS]
        assert [(e.tech_info, e.delivery) for e in reconfigured] == [
            ("SecurityCtrlr.OrganizationName set by SetVariables", Delivery.LOGGED)]
    finally:
        world.close()
    assert types(central201) == [se.STARTUP_OF_THE_DEVICE, "InvalidCsmsCertificate"]
    payloads = sent(central201, "SecurityEventNotification")
    assert all(set(p) <= {"type", "timestamp", "techInfo"} for p in payloads)


def test_a_version_switch_neither_loses_nor_repeats_an_event(start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "1.6")
    world = charger_world(central, "J0U")  # [ocpp].version = "auto": 1.6 to a 1.6-only central system
    try:
        log = world.station.security_log
        assert world.backend.active == "1.6"
        settled(world, lambda: types(central) == [se.STARTUP_OF_THE_DEVICE] and not log.undelivered(),
                "StartupOfTheDevice confirmed on 1.6")
        central.kill()
        advance_until(world, lambda: not world.backend.client.online, "offline", step_s=0.05)
        world.hardware.set_door_open(True)
        world.advance(0.5)
        log.record(se.INVALID_CENTRAL_SYSTEM_CERTIFICATE, "recorded while 1.6 was spoken: only logged")
        pending = [e.kind for e in log.undelivered() if e.kind != se.SETTING_SYSTEM_TIME]
        assert pending == [se.TAMPER_DETECTION_ACTIVATED]
        central.arguments = [a if a != "1.6" else "2.0.1" for a in central.arguments]
        central.start()
        advance_until(world, lambda: world.backend.active == "2.0.1" and world.backend.client.online
                      and not log.undelivered(), "the pending event sent on 2.0.1", step_s=0.05)
        world.advance(3)
        assert [e.delivery for e in log.recent(20) if e.kind == se.INVALID_CENTRAL_SYSTEM_CERTIFICATE] == [
            Delivery.LOGGED]
    finally:
        world.close()
    assert types(central) == [se.STARTUP_OF_THE_DEVICE, se.TAMPER_DETECTION_ACTIVATED]
    boots = sent(central, "BootNotification")
    assert "chargePointModel" in boots[0] and "chargingStation" in boots[-1], "1.6 first, then 2.0.1"
