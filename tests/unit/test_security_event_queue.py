"""The security events' side of the pump, on real files: the head keeps its unique id across a
restart (a kill between the send and the answer repeats the same CALL), a confirmed event
never comes back, and a refused one is retried, then given up for the next."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from controller import security_events as se
from controller.clock import FakeClock
from controller.ocpp.security_events import HEAD, SecurityEventQueue
from controller.ocpp.storage import Storage
from controller.security_events import Delivery
from controller.security_log import SecurityLog
from controller.store import Store

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)


class Files:
    """The station's and the charge point's databases, opened (again) as a start-up opens them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.open()

    def open(self, version: str = se.V16) -> None:
        self.store = Store(self.folder / "station.sqlite")
        self.storage = Storage(self.folder / "cp.sqlite")
        self.log = SecurityLog(self.store, FakeClock(NOW), version)
        self.queue = SecurityEventQueue(self.log, self.storage, version, lambda t: t + timedelta(seconds=10))

    def reopen(self, version: str = se.V16) -> None:
        self.store.close()
        self.storage.close()
        self.open(version)


def test_the_head_keeps_its_unique_id_across_a_restart_until_it_is_confirmed(tmp_path: Path) -> None:
    files = Files(tmp_path)
    files.log.record(se.RESET_OR_REBOOT, "hard reset by the central system")
    files.log.record(se.INVALID_MESSAGES, "only logged")
    head, wait = files.queue.head(NOW)
    assert head is not None and wait is None
    assert files.queue.wire_payload(head) == {"type": "ResetOrReboot", "timestamp": "2026-12-05T12:00:10.000Z",
                                              "tech_info": "hard reset by the central system"}
    files.reopen()  # killed after the CALL went out, before its answer
    again, _ = files.queue.head(NOW)
    assert again is not None and (again.seq, again.unique_id) == (head.seq, head.unique_id)
    files.queue.delivered(again, {})  # the answer, read in the receive loop
    assert files.storage.get(HEAD) is None
    files.reopen()
    assert files.queue.head(NOW) == (None, None)
    assert files.log.recent(2)[1].delivery is Delivery.SENT
    files.store.close()
    files.storage.close()


def test_a_failed_attempt_waits_goes_under_a_fresh_id_and_the_last_gives_the_event_up(tmp_path: Path) -> None:
    files = Files(tmp_path)
    files.log.record(se.TAMPER_DETECTION_ACTIVATED, "door")
    files.log.record(se.STARTUP_OF_THE_DEVICE)
    first, _ = files.queue.head(NOW)
    assert first is not None
    assert files.queue.failed(first, NOW, 60, 3) is False
    assert files.queue.head(NOW + timedelta(seconds=59)) == (None, 1.0)
    files.reopen()  # the wait and the attempts survive a restart
    second, _ = files.queue.head(NOW + timedelta(seconds=60))
    assert second is not None and second.seq == first.seq and second.attempts == 1
    assert second.unique_id != first.unique_id
    assert files.queue.failed(second, NOW + timedelta(seconds=60), 60, 3) is False
    third, _ = files.queue.head(NOW + timedelta(seconds=180))
    assert third is not None and third.attempts == 2
    assert files.queue.failed(third, NOW + timedelta(seconds=180), 60, 3) is True
    following, _ = files.queue.head(NOW + timedelta(seconds=180))
    assert following is not None and following.event.kind == se.STARTUP_OF_THE_DEVICE and following.attempts == 0
    assert [e.delivery for e in files.log.recent(2)] == [Delivery.PENDING, Delivery.REFUSED]
    files.store.close()
    files.storage.close()


def test_2_0_1_sends_the_same_event_under_its_own_name(tmp_path: Path) -> None:
    files = Files(tmp_path)
    files.reopen(se.V201)
    files.log.record(se.INVALID_CENTRAL_SYSTEM_CERTIFICATE, "x" * 300)
    head, _ = files.queue.head(NOW)
    assert head is not None
    payload = files.queue.wire_payload(head)
    assert payload["type"] == "InvalidCsmsCertificate" and len(payload["tech_info"]) == 255
    files.store.close()
    files.storage.close()
