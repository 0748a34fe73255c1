"""The security log on the station's SQLite file: kept across a reopen, in order, capped without
ever dropping a pending event, cleared with a trace, and settled once per event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from controller import security_events as se
from controller.clock import FakeClock
from controller.security_events import Delivery
from controller.security_log import SecurityLog
from controller.store import Store

T0 = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


def open_log(path: Path | str, version: str = se.V16, max_events: int = 1000) -> tuple[SecurityLog, FakeClock, Store]:
    clock = FakeClock(T0)
    store = Store(path)
    return SecurityLog(store, clock, version, max_events), clock, store


def test_events_survive_a_reopen_in_order_with_their_time_info_and_criticality(tmp_path: Path) -> None:
    path = tmp_path / "station.sqlite"
    log, clock, store = open_log(path)
    log.record(se.STARTUP_OF_THE_DEVICE, "firmware 1.2.3")
    clock.advance(5)
    log.record(se.INVALID_MESSAGES, "dropped a frame that is not JSON")
    store.close()

    again, _, store = open_log(path)
    events = again.recent(10)
    assert [(e.kind, e.tech_info, e.critical, e.delivery) for e in events] == [
        (se.INVALID_MESSAGES, "dropped a frame that is not JSON", False, Delivery.LOGGED),
        (se.STARTUP_OF_THE_DEVICE, "firmware 1.2.3", True, Delivery.PENDING),
    ]
    assert events[0].timestamp == T0 + timedelta(seconds=5) and events[0].timestamp.tzinfo is not None
    assert events[0].seq == events[1].seq + 1
    assert [e.kind for e in again.undelivered()] == [se.STARTUP_OF_THE_DEVICE]
    store.close()


def test_a_part_reporting_in_2_0_1_words_is_understood(tmp_path: Path) -> None:
    log, _, store = open_log(":memory:", se.V201)
    log.record("InvalidCsmsCertificate", "as the certificate store reports it on 2.0.1")
    event = log.recent(1)[0]
    assert (event.kind, event.critical) == (se.INVALID_CENTRAL_SYSTEM_CERTIFICATE, True)
    store.close()


def test_criticality_is_the_version_spoken_when_recorded(tmp_path: Path) -> None:
    log, _, store = open_log(":memory:")
    log.record(se.INVALID_CENTRAL_SYSTEM_CERTIFICATE, "1.6: only logged")
    log.version = se.V201
    log.record(se.INVALID_CENTRAL_SYSTEM_CERTIFICATE, "2.0.1: critical")
    log.version = se.V16
    assert [(e.tech_info, e.critical) for e in log.recent(2)] == [("2.0.1: critical", True),
                                                                  ("1.6: only logged", False)]
    assert [e.tech_info for e in log.undelivered()] == ["2.0.1: critical"]  # a switch back keeps the obligation
    store.close()


def test_an_event_is_settled_once_and_a_settled_one_stays_settled(tmp_path: Path) -> None:
    log, _, store = open_log(":memory:")
    log.record(se.RESET_OR_REBOOT, "soft")
    log.record(se.TAMPER_DETECTION_ACTIVATED, "door")
    first, second = log.undelivered()
    log.delivered(first.seq)
    log.refused(second.seq)
    log.delivered(second.seq)  # already refused: stays refused
    assert log.undelivered() == []
    assert [e.delivery for e in log.recent(2)] == [Delivery.REFUSED, Delivery.SENT]
    assert log.recent(2)[1].delivered and not log.recent(2)[0].delivered
    store.close()


def test_the_cap_drops_the_oldest_settled_events_first(tmp_path: Path) -> None:
    log, _, store = open_log(":memory:", max_events=4)
    log.record(se.STARTUP_OF_THE_DEVICE)  # pending, oldest
    for n in range(5):
        log.record(se.INVALID_MESSAGES, f"frame {n}")
    assert len(log) == 4
    kept = [(e.kind, e.tech_info) for e in reversed(log.recent(10))]
    assert kept == [(se.STARTUP_OF_THE_DEVICE, ""), (se.INVALID_MESSAGES, "frame 2"),
                    (se.INVALID_MESSAGES, "frame 3"), (se.INVALID_MESSAGES, "frame 4")]
    store.close()


def test_a_full_log_of_pending_events_grows_and_notes_memory_exhaustion_once(tmp_path: Path) -> None:
    log, _, store = open_log(":memory:", max_events=3)
    for n in range(6):
        log.record(se.TAMPER_DETECTION_ACTIVATED, f"door {n}")
    kinds = [e.kind for e in log.undelivered()]
    assert kinds.count(se.TAMPER_DETECTION_ACTIVATED) == 6  # never a pending one dropped
    assert kinds.count(se.MEMORY_EXHAUSTION) == 1
    assert kinds.index(se.MEMORY_EXHAUSTION) == 4  # noted when the fourth went over the cap
    for event in log.undelivered():
        log.delivered(event.seq)
    log.record(se.INVALID_MESSAGES)
    assert len(log) == 3  # once settled, they make room again
    store.close()


def test_clearing_removes_the_settled_events_keeps_the_owed_ones_and_logs_itself_first(tmp_path: Path) -> None:
    log, _, store = open_log(":memory:")
    log.record(se.STARTUP_OF_THE_DEVICE)
    log.record(se.INVALID_MESSAGES)
    log.record(se.RESET_OR_REBOOT)
    log.delivered(log.recent(3)[2].seq)  # the start-up was confirmed; the reset is still owed
    before = log.recent(1)[0].seq
    log.clear()
    events = log.recent(10)
    assert [(e.kind, e.tech_info, e.critical) for e in events] == [
        (se.SECURITY_LOG_WAS_CLEARED, "2 events removed", True), (se.RESET_OR_REBOOT, "", True)]
    assert events[0].seq > before  # numbers are never reused
    assert [e.kind for e in log.undelivered()] == [se.RESET_OR_REBOOT, se.SECURITY_LOG_WAS_CLEARED]
    store.close()


def test_a_time_window_gives_the_events_in_it_oldest_first(tmp_path: Path) -> None:
    log, clock, store = open_log(":memory:")
    for kind in (se.STARTUP_OF_THE_DEVICE, se.INVALID_MESSAGES, se.RESET_OR_REBOOT):
        log.record(kind)
        clock.advance(60)
    window = log.between(T0 + timedelta(seconds=30), T0 + timedelta(seconds=120))
    assert [e.kind for e in window] == [se.INVALID_MESSAGES, se.RESET_OR_REBOOT]
    assert [e.kind for e in log.between()] == [se.STARTUP_OF_THE_DEVICE, se.INVALID_MESSAGES, se.RESET_OR_REBOOT]
    store.close()


def test_the_latest_events_are_at_hand_for_the_screen_and_listeners_hear_of_each(tmp_path: Path) -> None:
    log, _, store = open_log(":memory:")
    heard: list[int] = []
    log.subscribe(lambda: heard.append(len(log)))
    log.record(se.STARTUP_OF_THE_DEVICE)
    log.record(se.RESET_OR_REBOOT)
    assert [e.kind for e in log.latest] == [se.RESET_OR_REBOOT, se.STARTUP_OF_THE_DEVICE]
    log.delivered(log.latest[1].seq)
    assert log.latest[1].delivered
    assert heard == [1, 2]
    store.close()


@pytest.mark.parametrize(("kind", "v16", "v201", "name_201"), [
    (se.FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM, False, False, "FailedToAuthenticateAtCsms"),
    (se.CENTRAL_SYSTEM_FAILED_TO_AUTHENTICATE, False, False, "CsmsFailedToAuthenticate"),
    (se.INVALID_CENTRAL_SYSTEM_CERTIFICATE, False, True, "InvalidCsmsCertificate"),
    (se.INVALID_CHARGE_POINT_CERTIFICATE, False, True, "InvalidChargingStationCertificate"),
    (se.INVALID_TLS_VERSION, False, True, "InvalidTLSVersion"),
    (se.INVALID_FIRMWARE_SIGNATURE, False, True, "InvalidFirmwareSignature"),
    (se.STARTUP_OF_THE_DEVICE, True, True, "StartupOfTheDevice"),
    (se.TAMPER_DETECTION_ACTIVATED, True, True, "TamperDetectionActivated"),
    (se.INVALID_MESSAGES, False, False, "InvalidMessages"),
    (se.RECONFIGURATION_OF_SECURITY_PARAMETERS, False, False, "ReconfigurationOfSecurityParameters"),
])
def test_each_version_names_and_ranks_the_events_as_its_specification_does(kind: str, v16: bool, v201: bool,
                                                                           name_201: str) -> None:
    assert (se.critical_in(kind, se.V16), se.critical_in(kind, se.V201)) == (v16, v201)
    assert (se.name_in(kind, se.V16), se.name_in(kind, se.V201)) == (kind, name_201)


def test_the_whitepaper_lists_eighteen_events_seven_of_them_critical() -> None:
    whitepaper = [k for k in se.KINDS if k not in (se.MAINTENANCE_LOGIN_ACCEPTED, se.MAINTENANCE_LOGIN_FAILED)]
    assert len(whitepaper) == 18 and len(se.CRITICAL[se.V16]) == 7
    assert all(len(k) <= 50 and len(se.name_in(k, se.V201)) <= 50 for k in se.KINDS)  # the schemas' maxLength


def test_the_engineer_pin_is_a_maintenance_login_and_the_security_page_shows_the_log() -> None:
    from controller import commands as cmd
    from controller.engineer import hash_pin
    from tests.ocpp.harness import charger_world

    world = charger_world(None, "J0U", engineer={"pin_hash": hash_pin("2468", salt=b"security-salt!!!")})
    try:
        world.station.submit(cmd.OpenEngineer())
        for pin in ("1111", "2468"):
            for digit in pin:
                world.station.submit(cmd.PinDigit(digit))
            world.station.submit(cmd.PinSubmit())
        world.station.submit(cmd.EngineerPage(4))
        view = world.station.view().engineer
        assert view is not None and view.page == 4
        assert [e.kind for e in view.security_events] == [se.MAINTENANCE_LOGIN_ACCEPTED, se.MAINTENANCE_LOGIN_FAILED,
                                                          se.STARTUP_OF_THE_DEVICE]
        assert not any(e.critical for e in view.security_events[:2]), "1.6 only logs the maintenance logins"
        world.station.submit(cmd.EngineerLookup("012251"))
        assert world.station.view().engineer.page == 3  # the look-up keeps its page
    finally:
        world.close()
