"""Software updates over OCPP 1.6 against the demo central system (a real process, a real
websocket): UpdateFirmware with FirmwareStatusNotification, the whitepaper's SignedUpdateFirmware
with SignedFirmwareStatusNotification, signed-only, TriggerMessage, and statuses kept while offline.

The charge point is the real OcppClient on the in-memory station, with the real update engine
(real downloads from a file server on loopback, real signature checks); the station's side of an
update is the :class:`~tests.firmware.support.Gate` stand-in, and there is no managed install,
so every install ends InstallationFailed (the installer's own path is in tests/firmware).
Every frame is checked against the 1.6 schemas by the ``central`` fixture.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from controller.clock import SystemClock
from controller.firmware.request import Origin
from controller.release.signing import SigningIdentity
from tests.firmware.support import Gate, Signed, ended, engine, request, sign, wait_for
from tests.ocpp.harness import CentralSystemProcess, make_charger, run
from tests.support.file_servers import HttpFileServer
from tests.support.pki import Pki, make_pki


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki()


@pytest.fixture
def served(tmp_path: Path) -> Path:
    (tmp_path / "served").mkdir()
    return tmp_path / "served"


@pytest.fixture
def http(served: Path, tmp_path: Path) -> Iterator[HttpFileServer]:
    with HttpFileServer(served, tmp_path / "uploads") as server:
        yield server


@pytest.fixture
def update(served: Path, pki: Pki) -> Signed:
    (served / "evse-hmi-9.9.9.tar").write_bytes(os.urandom(50_000))
    return sign(served / "evse-hmi-9.9.9.tar", SigningIdentity(pki.signing_key, (pki.signing, pki.intermediate)))


def now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


def told(central: CentralSystemProcess, action: str) -> list[dict[str, Any]]:
    return [frame[3] for frame in central.from_charger(action)]


def test_update_firmware_is_told_in_1_6_statuses(central: CentralSystemProcess, tmp_path: Path,
                                                  http: HttpFileServer, update: Signed) -> None:
    async def scenario() -> None:
        updates = engine(tmp_path / "engine", gate=Gate(), clock=SystemClock())
        charger = await make_charger(f"{central.url}", tmp_path / "cp.sqlite3", firmware=updates).start()
        updates.start()
        await wait_for(lambda: charger.client.online, "online")
        answer = await central.call("UpdateFirmware", {"location": http.url(update.path.name), "retrieveDate": now(),
                                                       "retries": 1, "retryInterval": 1})
        assert answer == {"response": {}}
        expected = ["Downloading", "Downloaded", "Installing", "InstallationFailed"]
        await wait_for(lambda: [p["status"] for p in told(central, "FirmwareStatusNotification")] == expected,
                       "the statuses")
        await wait_for(lambda: updates.pending() is None, "every answer taken in")
        await charger.stop()
        await updates.close()
    run(scenario())


def test_signed_update_firmware_is_told_with_every_status_and_its_request_id(
        central: CentralSystemProcess, tmp_path: Path, http: HttpFileServer, update: Signed, pki: Pki) -> None:
    async def scenario() -> None:
        updates = engine(tmp_path / "engine", pki, gate=Gate(), clock=SystemClock())
        charger = await make_charger(central.url, tmp_path / "cp.sqlite3", firmware=updates).start()
        updates.start()
        await wait_for(lambda: charger.client.online, "online")
        firmware = {"location": http.url(update.path.name), "retrieveDateTime": now(),
                    "signingCertificate": update.certificate, "signature": update.signature}
        answer = await central.call("SignedUpdateFirmware", {"requestId": 42, "firmware": firmware})
        assert answer == {"response": {"status": "Accepted"}}
        expected = ["Downloading", "Downloaded", "SignatureVerified", "Installing", "InstallationFailed"]
        await wait_for(lambda: [p["status"] for p in told(central, "SignedFirmwareStatusNotification")] == expected,
                       "the statuses")
        assert {p["requestId"] for p in told(central, "SignedFirmwareStatusNotification")} == {42}
        assert told(central, "FirmwareStatusNotification") == []
        await charger.stop()
        await updates.close()
    run(scenario())


def test_a_signing_certificate_of_another_root_is_answered_invalid_certificate(
        central: CentralSystemProcess, tmp_path: Path, http: HttpFileServer, update: Signed, pki: Pki) -> None:
    stranger = sign(update.path, SigningIdentity(pki.other_signing_key, (pki.other_signing,)))

    async def scenario() -> None:
        updates = engine(tmp_path / "engine", pki)
        charger = await make_charger(central.url, tmp_path / "cp.sqlite3", firmware=updates).start()
        await wait_for(lambda: charger.client.online, "online")
        firmware = {"location": http.url(update.path.name), "retrieveDateTime": now(),
                    "signingCertificate": stranger.certificate, "signature": stranger.signature}
        answer = await central.call("SignedUpdateFirmware", {"requestId": 5, "firmware": firmware})
        assert answer == {"response": {"status": "InvalidCertificate"}}
        assert http.requests == []
        await charger.stop()
    run(scenario())


def test_signed_only_answers_plain_update_firmware_not_supported(central: CentralSystemProcess, tmp_path: Path,
                                                                 http: HttpFileServer) -> None:
    async def scenario() -> None:
        updates = engine(tmp_path / "engine", signed_only=True)
        charger = await make_charger(central.url, tmp_path / "cp.sqlite3", firmware=updates).start()
        await wait_for(lambda: charger.client.online, "online")
        answer = await central.call("UpdateFirmware", {"location": http.url("x.tar"), "retrieveDate": now()})
        assert answer.get("error") == "NotSupported", answer
        assert updates.state.job is None
        await charger.stop()
    run(scenario())


def test_trigger_message_tells_the_firmware_status_now(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        updates = engine(tmp_path / "engine")
        charger = await make_charger(central.url, tmp_path / "cp.sqlite3", firmware=updates).start()
        await wait_for(lambda: charger.client.online, "online")
        answer = await central.call("TriggerMessage", {"requestedMessage": "FirmwareStatusNotification"})
        assert answer == {"response": {"status": "Accepted"}}
        await wait_for(lambda: told(central, "FirmwareStatusNotification") == [{"status": "Idle"}], "Idle")
        await charger.stop()
    run(scenario())


def test_statuses_of_an_update_run_while_offline_are_told_once_back_in_order(
        central: CentralSystemProcess, tmp_path: Path, http: HttpFileServer, update: Signed) -> None:
    async def scenario() -> None:
        updates = engine(tmp_path / "engine", gate=Gate(), clock=SystemClock())
        updates.start()
        updates.submit(request(http.url(update.path.name), updates.clock, origin=Origin.PLAIN_16, request_id=None))
        statuses = await ended(updates)  # no central system yet: every status waits
        assert statuses == ["Downloading", "Downloaded", "Installing", "InstallationFailed"]
        charger = await make_charger(central.url, tmp_path / "cp.sqlite3", firmware=updates).start()
        await wait_for(lambda: updates.pending() is None, "every status delivered")
        assert [p["status"] for p in told(central, "FirmwareStatusNotification")] == statuses
        actions = [f[2] for f in central.from_charger()]
        assert actions.index("BootNotification") < actions.index("FirmwareStatusNotification")
        await charger.stop()
        await updates.close()
    run(scenario())
