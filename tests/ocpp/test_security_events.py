"""Security events over OCPP 1.6 against the demo central system (a real process, a real
websocket): the critical ones reach it once each, in order, after an outage too; a repeat
after a lost answer carries the same unique id; the others are only logged.  Every frame is
checked against the 1.6 schemas by the fixture and by the central system itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from controller import security_events as se
from controller.clock import SystemClock
from controller.security_events import Delivery
from controller.security_log import SecurityLog
from controller.store import Store
from controller.types import Side
from tests.ocpp.conftest import CentralFactory
from tests.ocpp.harness import (
    CentralSystemProcess,
    Charger,
    advance_until,
    charger_world,
    make_charger,
    reset,
    run,
    settled,
    wait_for,
)
from tests.ocpp.test_ocpp_security import PASSWORD, tls_central  # noqa: F401 - the fixture


def notifications(central: CentralSystemProcess) -> list[list[Any]]:
    """The SecurityEventNotification CALLs the charger sent, in order (the whole frames)."""
    return central.from_charger("SecurityEventNotification")


def kinds(central: CentralSystemProcess, but: str = "") -> list[str]:
    """The events' types in the order sent (``but`` one kind left out)."""
    return [frame[3]["type"] for frame in notifications(central) if frame[3]["type"] != but]


def station_kinds(central: CentralSystemProcess) -> list[str]:
    """The types sent by a world, but SettingSystemTime: its fake clock starts days before the
    central system's (real) time, so every boot sets the time (see the test of that event)."""
    return kinds(central, but=se.SETTING_SYSTEM_TIME)


def quiet(central: CentralSystemProcess, statuses: int = 3) -> bool:
    """The charger has sent its first ``statuses`` StatusNotifications and every CALL it sent was answered."""
    messages = central.messages()
    asked = {m["frame"][1] for m in messages if m["direction"] == "from_charge_point" and m["frame"][0] == 2}
    answered = {m["frame"][1] for m in messages if m["direction"] == "to_charge_point" and m["frame"][0] in (3, 4)}
    return len(central.from_charger("StatusNotification")) >= statuses and asked <= answered


def sent_info(central: CentralSystemProcess) -> list[str]:
    """The techInfo of each event a world sent, but SettingSystemTime."""
    return [frame[3].get("techInfo", "") for frame in notifications(central)
            if frame[3]["type"] != se.SETTING_SYSTEM_TIME]


def no_violations(central: CentralSystemProcess) -> None:
    answer = central._http("GET", "/violations")
    assert answer["violations"] == [] and answer["checked"] > 0


def logged(log: SecurityLog, kind: str) -> list[Any]:
    return [e for e in log.recent(100) if e.kind == kind]


def with_log(charger: Charger) -> SecurityLog:
    """A security log on a station store of its own, attached to a charge point on a memory station."""
    log = SecurityLog(Store(":memory:"), SystemClock())
    charger.client.attach_security_log(log)
    return log


# --- the real station ----------------------------------------------------------------------


def test_startup_tamper_and_reset_reach_the_central_system_once_each_in_order(central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        log = world.station.security_log
        settled(world, lambda: station_kinds(central) == [se.STARTUP_OF_THE_DEVICE], "StartupOfTheDevice sent")
        world.hardware.set_door_open(True)
        advance_until(world, lambda: station_kinds(central)[1:] == [se.TAMPER_DETECTION_ACTIVATED], "the tamper event",
                      step_s=0.05)
        world.hardware.set_door_open(False)  # closed again: the next station sees no tamper
        world.advance(0.5)
        boot = reset(world, central, "Hard")
        log = world.station.security_log  # the new station's, on the same store
        settled(world, lambda: len(station_kinds(central)) == 4, "the reset and the new start-up")
        assert boot == 2
        assert station_kinds(central) == [se.STARTUP_OF_THE_DEVICE, se.TAMPER_DETECTION_ACTIVATED, se.RESET_OR_REBOOT,
                                  se.STARTUP_OF_THE_DEVICE]
        assert sent_info(central)[1] == "cabinet door open: status code 012252 (station)"
        assert sent_info(central)[2] == "hard reset by the central system"
        settled(world, lambda: log.undelivered() == [], "every event confirmed")
        assert all(e.delivered for e in log.recent(10) if e.critical)
        world.advance(5)
        assert len(station_kinds(central)) == 4, "nothing is sent twice"
        no_violations(central)
    finally:
        world.close()
    unique_ids = [frame[1] for frame in notifications(central)]
    assert len(set(unique_ids)) == len(unique_ids)


def test_events_of_an_outage_are_sent_once_in_order_after_the_reconnect(central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        log = world.station.security_log
        settled(world, lambda: station_kinds(central) == [se.STARTUP_OF_THE_DEVICE] and not log.undelivered(),
                "StartupOfTheDevice confirmed")
        central.kill()
        advance_until(world, lambda: not world.backend.client.online, "offline", step_s=0.05)
        for opened in (True, False, True):  # opened, closed, opened again: two tamper events
            world.hardware.set_door_open(opened)
            world.advance(0.5)
        assert [e.kind for e in log.undelivered() if e.kind != se.SETTING_SYSTEM_TIME] == [
            se.TAMPER_DETECTION_ACTIVATED] * 2
        central.start()
        advance_until(world, lambda: log.undelivered() == [], "the queued events delivered", step_s=0.05)
        world.advance(5)
        no_violations(central)
    finally:
        world.close()
    assert station_kinds(central) == [se.STARTUP_OF_THE_DEVICE, *[se.TAMPER_DETECTION_ACTIVATED] * 2]
    stamps = [frame[3]["timestamp"] for frame in notifications(central) if frame[3]["type"] != se.SETTING_SYSTEM_TIME]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3  # each as it happened, not as it was sent


def test_a_reset_accepted_is_logged_with_its_type_before_the_restart(central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        store = world.store
        reset(world, central, "Soft")
        events = SecurityLog(store, world.clock).recent(10)
        assert [(e.kind, e.tech_info) for e in reversed(events) if e.kind != se.SETTING_SYSTEM_TIME][:3] == [
            (se.STARTUP_OF_THE_DEVICE, "firmware 0.1.0"), (se.RESET_OR_REBOOT, "soft reset by the central system"),
            (se.STARTUP_OF_THE_DEVICE, "firmware 0.1.0")]
    finally:
        world.close()


def test_the_cabinet_door_reported_by_a_connector_board_is_a_tamper_event_too() -> None:
    world = charger_world(None, "J0U")  # no central system: the log keeps it
    try:
        world.station.active_codes.board_code_changed(Side.LEFT, "", "042252", False, lambda: None)
        assert [e.tech_info for e in logged(world.station.security_log, se.TAMPER_DETECTION_ACTIVATED)] == [
            "cabinet door open: status code 042252 (station)"]
    finally:
        world.close()


# --- one charge point on a memory station ------------------------------------------------


def test_an_event_whose_answer_was_lost_goes_again_under_the_same_unique_id(central: CentralSystemProcess,
                                                                            tmp_path: Path) -> None:
    async def scenario() -> SecurityLog:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite").start()
        log = with_log(charger)
        try:
            await wait_for(lambda: charger.client.online and quiet(central), "online, every status answered")
            await central.settings(mute=True)  # the central system takes the CALL and never answers
            log.record(se.TAMPER_DETECTION_ACTIVATED, "door")
            await wait_for(lambda: notifications(central), "the event on the wire")
            await central.settings(mute=False)
            await central.disconnect(abort=True)  # the connection is lost before any answer
            await wait_for(lambda: log.undelivered() == [], "the event confirmed after the reconnect")
            await central.call("GetConfiguration", {"key": ["HeartbeatInterval"]})  # the link goes on
        finally:
            await charger.stop()
        return log

    log = run(scenario())
    frames = notifications(central)
    assert len(frames) == 2 and frames[0][1] == frames[1][1] and frames[0][3] == frames[1][3], \
        "the one repeat OCPP-J allows: the same CALL, the same unique id"
    assert log.recent(1)[0].delivery is Delivery.SENT


def test_an_event_refused_every_time_is_given_up_and_the_next_one_goes(central: CentralSystemProcess,
                                                                       tmp_path: Path) -> None:
    async def scenario() -> SecurityLog:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite").start()
        log = with_log(charger)
        try:
            await wait_for(lambda: charger.client.online, "online")
            await central.call("ChangeConfiguration", {"key": "TransactionMessageRetryInterval", "value": "0"})
            await central.settings(refuse_actions=["SecurityEventNotification"])
            log.record(se.RESET_OR_REBOOT, "first")
            await wait_for(lambda: log.undelivered() == [], "the first given up")
            await central.settings(refuse_actions=[])
            log.record(se.RESET_OR_REBOOT, "second")
            await wait_for(lambda: log.undelivered() == [], "the second confirmed")
        finally:
            await charger.stop()
        return log

    log = run(scenario())
    sent = [frame[3]["techInfo"] for frame in notifications(central)]
    assert sent.count("first") >= 2 and sent[-1] == "second" and sent.count("second") == 1
    assert [e.delivery for e in log.recent(2)] == [Delivery.SENT, Delivery.REFUSED]


def test_non_critical_events_are_logged_and_never_sent(central: CentralSystemProcess, tmp_path: Path) -> None:
    new_key = "fedcba9876543210fedc"

    async def scenario() -> SecurityLog:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite").start()
        log = with_log(charger)
        try:
            await wait_for(lambda: charger.client.online, "online")
            await central.raw("this is not JSON")
            await central.raw('[2, "id-1", "Reset", {"type": "Sideways"}]', reply_to="id-1")  # within the minute
            await central.raw('[2, "id-2", "Reset", {"type": "Sideways"}]', reply_to="id-2")
            charger.client.link.invalid_every_s = 0  # as if the minute had passed
            await central.raw('[2, "id-3", "Reset", {}]', reply_to="id-3")
            answer = await central.call("ChangeConfiguration", {"key": "AuthorizationKey", "value": new_key})
            assert answer["response"] == {"status": "Accepted"}
            await central.call("ChangeConfiguration", {"key": "HeartbeatInterval", "value": "600"})
            await wait_for(lambda: len(log) == 3, "three events logged")
        finally:
            await charger.stop()
        return log

    log = run(scenario())
    events = list(reversed(log.recent(10)))
    assert [(e.kind, e.critical, e.delivery) for e in events] == [
        (se.INVALID_MESSAGES, False, Delivery.LOGGED), (se.INVALID_MESSAGES, False, Delivery.LOGGED),
        (se.RECONFIGURATION_OF_SECURITY_PARAMETERS, False, Delivery.LOGGED)]
    assert events[0].tech_info == "dropped a frame that is not JSON (no unique id to answer)"
    assert events[1].tech_info.startswith("Reset breaks its schema (OccurenceConstraintViolation)")
    assert events[1].tech_info.endswith("(and 2 more since the last event)"), "at most one event a minute"
    assert events[2].tech_info == "AuthorizationKey changed by ChangeConfiguration"
    assert not any(new_key in e.tech_info for e in events)
    assert notifications(central) == []


def test_the_clock_set_by_the_central_system_is_a_setting_system_time_event(start_central: CentralFactory,
                                                                            tmp_path: Path) -> None:
    central = start_central("--heartbeat-interval", "300")
    central.post("/settings", {"clock_offset_s": 3600})

    async def scenario() -> SecurityLog:
        charger = make_charger(central.url, tmp_path / "cp.sqlite")
        log = with_log(charger)
        await charger.start()
        try:
            await wait_for(lambda: log.undelivered() == [] and len(log) == 1, "SettingSystemTime sent")
            await charger.client.send_heartbeat()  # the same time again: no new event
        finally:
            await charger.stop()
        return log

    log = run(scenario())
    assert [e.kind for e in log.recent(10)] == [se.SETTING_SYSTEM_TIME]
    assert log.recent(1)[0].tech_info.startswith("time moved by +3600 s")
    assert kinds(central) == [se.SETTING_SYSTEM_TIME]


@pytest.mark.parametrize(("case", "kind"), [("wrong password", se.FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM),
                                            ("unknown CA", se.INVALID_CENTRAL_SYSTEM_CERTIFICATE)])
def test_a_refused_handshake_is_one_event_however_often_it_is_tried(tls_central, tmp_path: Path,  # noqa: F811
                                                                    case: str, kind: str) -> None:
    central, ca = tls_central

    async def scenario() -> SecurityLog:
        key = "not-the-password-1234" if case == "wrong password" else PASSWORD
        charger = make_charger(central.url, tmp_path / "cp.sqlite", key=key,
                               ca_file=str(ca) if case == "wrong password" else "")
        log = with_log(charger)
        await charger.start()
        try:
            await wait_for(lambda: charger.client.backoff.failures >= 3, "three refused attempts")
        finally:
            await charger.stop()
        return log

    log = run(scenario())
    events = log.recent(10)
    assert [(e.kind, e.critical) for e in events] == [(kind, False)], "1.6 only logs it, once per run of refusals"
    if case == "wrong password":
        assert events[0].tech_info == "HTTP 401 Unauthorized on the handshake"
    else:
        assert "certificate verify failed" in events[0].tech_info or "self-signed" in events[0].tech_info \
            or "unable to get local issuer" in events[0].tech_info


def test_a_central_system_below_tls_1_2_is_an_invalid_tls_version_event(tmp_path: Path) -> None:
    """This machine's OpenSSL no longer serves TLS 1.1 at all, so the server here is a test double
    at the wire: a loopback socket that answers the charger's ClientHello with the alert a
    TLS-1.1-only server sends (fatal, protocol_version), byte for byte."""
    import asyncio

    async def old_server(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(5)  # the ClientHello's record header
        writer.write(b"\x15\x03\x02\x00\x02\x02\x46")  # TLS 1.1 record: alert, fatal, protocol_version
        await writer.drain()
        writer.close()

    async def scenario() -> SecurityLog:
        server = await asyncio.start_server(old_server, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        charger = make_charger(f"wss://localhost:{port}/ocpp", tmp_path / "cp.sqlite", key=PASSWORD)
        log = with_log(charger)
        await charger.start()
        try:
            await wait_for(lambda: charger.client.backoff.failures >= 3, "three refused attempts")
        finally:
            await charger.stop()
            server.close()
        return log

    log = run(scenario())
    assert [(e.kind, e.tech_info, e.critical) for e in log.recent(10)] == [
        (se.INVALID_TLS_VERSION, "TLS handshake failed: TLSV1_ALERT_PROTOCOL_VERSION (TLS 1.2 or newer required)",
         False)]
