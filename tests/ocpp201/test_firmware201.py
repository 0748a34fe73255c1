"""Software updates over OCPP 2.0.1 (L01) with the real station on a fake clock, against the
demo central system (every frame checked against the official schemas by its fixture).

The update engine is the assembly's own, built from ``[updates]`` (the manufacturer's root is
a test PKI made now); the update file comes from a file server on loopback.  There is no
managed install (no ``[updates].root``, no EVSE_RELEASE_ROOT), so an install that begins ends
InstallationFailed and the charger goes on (the installer's own path: tests/firmware).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from controller import commands as cmd
from controller.sim.world import World
from controller.types import Side
from tests.firmware.support import Signed, sign
from tests.ocpp.harness import door, plug_and_charge, settled
from tests.ocpp201.central import CentralSystem201
from tests.ocpp201.charger import sent, world201
from tests.support.file_servers import HttpFileServer
from tests.support.pki import Pki, make_pki, pem

LONG_AGO = "2020-01-01T00:00:00Z"  # a retrieve time already passed (the world's clock is in 2026)
SIGNED_OK = ["Downloading", "Downloaded", "SignatureVerified", "Installing", "InstallationFailed"]


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
    from controller.release.signing import SigningIdentity

    (served / "evse-hmi-9.9.9.tar").write_bytes(os.urandom(50_000))
    return sign(served / "evse-hmi-9.9.9.tar", SigningIdentity(pki.signing_key, (pki.signing, pki.intermediate)))


@pytest.fixture
def world(central201: CentralSystem201, pki: Pki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    monkeypatch.delenv("EVSE_RELEASE_ROOT", raising=False)
    (tmp_path / "root.pem").write_bytes(pem(pki.root))
    world = world201(central201, updates={"manufacturer_root": str(tmp_path / "root.pem")})
    yield world
    world.close()


def firmware(update: Signed, url: str, **fields: Any) -> dict[str, Any]:
    return {"location": url, "retrieveDateTime": LONG_AGO, "signingCertificate": update.certificate,
            "signature": update.signature, **fields}


def statuses(central: CentralSystem201) -> list[tuple[str, int | None]]:
    return [(p["status"], p.get("requestId")) for p in sent(central, "FirmwareStatusNotification")]


def test_a_signed_update_is_told_with_its_request_id_and_the_charger_goes_on(
        world: World, central201: CentralSystem201, http: HttpFileServer, update: Signed) -> None:
    answer = door(world, central201, "UpdateFirmware",
                  {"requestId": 11, "firmware": firmware(update, http.url(update.path.name))})
    assert answer == {"response": {"status": "Accepted"}}
    settled(world, lambda: [s for s, _ in statuses(central201)] == SIGNED_OK, "the statuses")
    assert {r for _, r in statuses(central201)} == {11}
    settled(world, lambda: not world.station.software_update, "the charger back in service")


def test_an_unsigned_update_is_refused(world: World, central201: CentralSystem201, http: HttpFileServer) -> None:
    unsigned = {"location": http.url("x.tar"), "retrieveDateTime": LONG_AGO}
    assert door(world, central201, "UpdateFirmware", {"requestId": 1, "firmware": unsigned})["response"][
        "status"] == "InvalidCertificate"
    no_signature = {**unsigned, "signingCertificate": "-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----"}
    assert door(world, central201, "UpdateFirmware", {"requestId": 2, "firmware": no_signature})["response"][
        "status"] == "Rejected"
    assert http.requests == []


def test_a_certificate_of_another_root_is_invalid_certificate(
        world: World, central201: CentralSystem201, http: HttpFileServer, update: Signed, pki: Pki) -> None:
    from controller.release.signing import SigningIdentity

    stranger = sign(update.path, SigningIdentity(pki.other_signing_key, (pki.other_signing,)))
    answer = door(world, central201, "UpdateFirmware",
                  {"requestId": 3, "firmware": firmware(stranger, http.url(update.path.name))})
    assert answer == {"response": {"status": "InvalidCertificate"}}
    assert http.requests == [] and statuses(central201) == []


def test_a_tampered_update_is_invalid_signature(world: World, central201: CentralSystem201, http: HttpFileServer,
                                                update: Signed) -> None:
    update.path.write_bytes(update.path.read_bytes()[:-1] + b"!")
    door(world, central201, "UpdateFirmware",
         {"requestId": 4, "firmware": firmware(update, http.url(update.path.name))})
    settled(world, lambda: statuses(central201)[-1:] == [("InvalidSignature", 4)], "InvalidSignature")
    assert [s for s, _ in statuses(central201)] == ["Downloading", "Downloaded", "InvalidSignature"]


def test_an_update_requested_mid_charge_waits_until_the_charge_ends(
        world: World, central201: CentralSystem201, http: HttpFileServer, update: Signed) -> None:
    plug_and_charge(world, Side.LEFT)
    door(world, central201, "UpdateFirmware",
         {"requestId": 5, "firmware": firmware(update, http.url(update.path.name))})
    settled(world, lambda: statuses(central201)[-1:] == [("InstallScheduled", 5)], "InstallScheduled")
    world.advance(5.0)
    assert statuses(central201)[-1] == ("InstallScheduled", 5) and not world.station.software_update
    assert world.view.connector(Side.LEFT).state == "charging"
    world.station.submit(cmd.TouchStop(Side.LEFT))
    world.hardware.unplug(Side.LEFT)
    settled(world, lambda: statuses(central201)[-1:] == [("InstallationFailed", 5)], "the install, once idle")
    assert [s for s, _ in statuses(central201)] == ["Downloading", "Downloaded", "SignatureVerified",
                                                    "InstallScheduled", "Installing", "InstallationFailed"]
    settled(world, lambda: not world.station.software_update, "the charger back in service")


def test_a_new_request_cancels_a_scheduled_one(world: World, central201: CentralSystem201, http: HttpFileServer,
                                               update: Signed) -> None:
    later = firmware(update, http.url(update.path.name), retrieveDateTime="2030-01-01T00:00:00Z")
    assert door(world, central201, "UpdateFirmware", {"requestId": 6, "firmware": later}) == {
        "response": {"status": "Accepted"}}
    settled(world, lambda: statuses(central201) == [("DownloadScheduled", 6)], "DownloadScheduled")
    answer = door(world, central201, "UpdateFirmware",
                  {"requestId": 7, "firmware": firmware(update, http.url(update.path.name))})
    assert answer == {"response": {"status": "AcceptedCanceled"}}
    settled(world, lambda: statuses(central201)[-1:] == [("InstallationFailed", 7)], "the second update")


def test_trigger_message_tells_idle_without_a_request_id(world: World, central201: CentralSystem201) -> None:
    answer = door(world, central201, "TriggerMessage", {"requestedMessage": "FirmwareStatusNotification"})
    assert answer == {"response": {"status": "Accepted"}}
    settled(world, lambda: statuses(central201) == [("Idle", None)], "Idle")
