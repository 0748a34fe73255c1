"""Security profile 3 and the 1.6 Security Whitepaper's certificate messages, against the demo
central system over a real TLS socket, with a PKI made at test time.

The charger's certificate store is the real one on a real directory; the central system signs
the charger's request with its test CA (it acts as the CA, as real ones do through their PKI).
"""

from __future__ import annotations

import asyncio
import datetime
import stat
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from controller.clock import SystemClock
from controller.security.certificates import CertificateStore
from controller.security_log import SecurityLog
from controller.store import Store
from tests.ocpp.conftest import CentralFactory
from tests.ocpp.harness import IDENTITY, CentralSystemProcess, make_charger, run, wait_for
from tests.support.tls_pki import Pki, make_ca, name, pem, sign_leaf, write_pki

CHARGER = "CP-TEST-1"


def tls_arguments(pki: Pki, *extra: str) -> list[str]:
    return ["--certfile", str(pki.server), "--keyfile", str(pki.server_key), *extra]


async def get(central: CentralSystemProcess, path: str) -> Any:
    return await asyncio.to_thread(central._http, "GET", path)


async def signed_answers(central: CentralSystemProcess) -> list[dict[str, Any]]:
    found = await get(central, "/notifications?action=CertificateSigned")
    return [n["payload"] for n in found["notifications"]]


def no_violations(central: CentralSystemProcess) -> None:
    """The demo central system's own check of every frame (besides the fixture's schema check)."""
    found = central._http("GET", "/violations")
    assert found["violations"] == [] and found["checked"] > 0


async def configuration(central: CentralSystemProcess, key: str) -> str:
    answer = await central.call("GetConfiguration", {"key": [key]})
    return str(answer["response"]["configurationKey"][0]["value"])


def test_profile_3_from_certificate_request_to_a_server_that_demands_the_certificate(
        start_central: CentralFactory, tmp_path: Path) -> None:
    """ExtendedTriggerMessage(SignChargePointCertificate) -> SignCertificate with a CSR made on the
    charger -> CertificateSigned -> the charger reconnects with it -> a central system that
    requires a client certificate (CERT_REQUIRED) accepts it."""
    pki = write_pki(tmp_path)
    central = start_central(*tls_arguments(pki, "--ca-cert", str(pki.ca), "--ca-key", str(pki.ca_key)))
    store = CertificateStore(tmp_path / "certificates", {"CentralSystemRootCertificate": [pki.ca]})

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite", ca_file=str(pki.ca),
                                     certificates=store).start()
        try:
            await wait_for(lambda: charger.client.online, "online over TLS")
            raised = await central.call("ChangeConfiguration", {"key": "SecurityProfile", "value": "3"})
            assert raised["response"] == {"status": "Rejected"}, "profile 3 needs a client certificate first"
            cpo = await central.call("ChangeConfiguration", {"key": "CpoName", "value": "Test CPO"})
            assert cpo["response"] == {"status": "Accepted"}

            trigger = await central.call("ExtendedTriggerMessage", {"requestedMessage": "SignChargePointCertificate"})
            assert trigger["response"] == {"status": "Accepted"}
            await wait_for(store.client.key_path.exists, "the certificate installed")
            assert stat.S_IMODE(store.client.key_path.stat().st_mode) == 0o600
            assert not store.client.pending_path.exists()
            await wait_for(lambda: charger.client.connection_attempts >= 2, "the reconnection with the certificate")
            await wait_for(lambda: charger.client.online and CHARGER in central._http("GET", "/charge-points")[
                "charge_points"], "online again")
            assert await signed_answers(central) == [{"response": {"status": "Accepted"}}]
            assert await configuration(central, "SecurityProfile") == "3"

            central.kill()
            central.arguments += ["--client-ca", str(pki.ca)]  # from now on a client certificate is required
            central.start()
            await wait_for(lambda: not charger.client.online, "the old connection gone")
            await wait_for(lambda: charger.client.online, "online with the client certificate")
            common_name = await wait_for(
                lambda: central._http("GET", "/charge-points")["client_certificates"].get(CHARGER),
                "the central system's session with the certificate")
            assert common_name == IDENTITY.serial_number
        finally:
            await charger.stop()

    run(scenario())
    no_violations(central)
    csr_frames = [frame[3]["csr"] for frame in central.from_charger("SignCertificate")]
    assert len(csr_frames) == 1
    csr = x509.load_pem_x509_csr(csr_frames[0].encode())
    assert csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == IDENTITY.serial_number
    assert csr.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Test CPO"
    assert csr.public_key() == _key(store.client.key_path).public_key()
    assert "PRIVATE KEY" not in central.log_path.read_text(), "the private key never leaves the charger"


def _key(path: Path) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return key


def test_a_server_that_demands_a_client_certificate_refuses_a_charger_without_one(
        start_central: CentralFactory, tmp_path: Path) -> None:
    pki = write_pki(tmp_path)
    central = start_central(*tls_arguments(pki, "--client-ca", str(pki.ca)))
    store = CertificateStore(tmp_path / "certificates", {"CentralSystemRootCertificate": [pki.ca]})

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite", ca_file=str(pki.ca),
                                     certificates=store).start()
        try:
            await wait_for(lambda: charger.client.backoff.failures >= 3, "three refused handshakes")
            assert not charger.client.online
            assert (await get(central, "/charge-points"))["charge_points"] == []
        finally:
            await charger.stop()

    run(scenario())
    assert central.from_charger() == []


def test_a_certificate_chain_that_is_not_ours_is_rejected_with_a_security_event(
        start_central: CentralFactory, tmp_path: Path) -> None:
    """CertificateSigned is checked: too long, another key, another CA, not valid yet are each
    Rejected (and reported); then the right chain is Accepted."""
    pki = write_pki(tmp_path)
    central = start_central(*tls_arguments(pki))  # not a CA: the test sends CertificateSigned itself
    events: list[tuple[str, str]] = []
    store = CertificateStore(tmp_path / "certificates", {"CentralSystemRootCertificate": [pki.ca]},
                             lambda kind, info: events.append((kind, info)))
    ca = (x509.load_pem_x509_certificate(pki.ca.read_bytes()), _key(pki.ca_key))
    stranger = make_ca("Some Other CA")

    async def signed(chain: str) -> str:
        answer = await central.call("CertificateSigned", {"certificateChain": chain})
        return str(answer["response"]["status"])

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite", ca_file=str(pki.ca),
                                     certificates=store).start()
        try:
            await wait_for(lambda: charger.client.online, "online over TLS")
            assert await signed(pem(ca[0])) == "Rejected", "no request outstanding"
            trigger = await central.call("ExtendedTriggerMessage", {"requestedMessage": "SignChargePointCertificate"})
            assert trigger["response"] == {"status": "Accepted"}
            await wait_for(lambda: central.from_charger("SignCertificate"), "the SignCertificate")
            pending = _key(store.client.pending_path).public_key()
            subject = name(IDENTITY.serial_number)
            other_key = ec.generate_private_key(ec.SECP256R1()).public_key()
            later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=2)
            bad = {
                "another key": pem(sign_leaf(other_key, subject, ca)),
                "another CA": pem(sign_leaf(pending, subject, stranger)) + pem(stranger[0]),
                "not valid yet": pem(sign_leaf(pending, subject, ca, not_before=later)),
                "too long": pem(sign_leaf(pending, subject, ca)) + pem(ca[0]) * 12,  # > 5500 characters
            }
            for case, chain in bad.items():
                assert await signed(chain) == "Rejected", case
            assert [kind for kind, _ in events] == ["InvalidChargePointCertificate"] * (len(bad) + 1)
            assert store.client_files() is None
            assert await signed(pem(sign_leaf(pending, subject, ca)) + pem(ca[0])) == "Accepted"
            assert store.client_files() is not None
        finally:
            await charger.stop()

    run(scenario())
    no_violations(central)


def test_install_list_and_delete_certificates(start_central: CentralFactory, tmp_path: Path) -> None:
    """InstallCertificate, GetInstalledCertificateIds and DeleteCertificate with their statuses; the
    root that verified the connection and the configured one cannot be deleted."""
    pki = write_pki(tmp_path)
    central = start_central(*tls_arguments(pki))
    store = CertificateStore(tmp_path / "certificates")
    assert store.install("CentralSystemRootCertificate", pki.ca.read_text(), 20) == "Accepted"  # installed earlier
    manufacturer = make_ca("Test Manufacturer Root")
    other = make_ca("Another CSMS Root")

    async def ids(kind: str) -> dict[str, Any]:
        return dict((await central.call("GetInstalledCertificateIds", {"certificateType": kind}))["response"])

    async def install(kind: str, certificate: str) -> str:
        answer = await central.call("InstallCertificate", {"certificateType": kind, "certificate": certificate})
        return str(answer["response"]["status"])

    async def delete(hash_data: dict[str, str]) -> str:
        return str((await central.call("DeleteCertificate", {"certificateHashData": hash_data}))["response"]["status"])

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite", certificates=store).start()
        try:
            await wait_for(lambda: charger.client.online, "online over TLS, trusting the installed root only")
            assert await ids("ManufacturerRootCertificate") == {"status": "NotFound"}
            assert await install("ManufacturerRootCertificate", "-----BEGIN CERTIFICATE-----\nnot one\n") == "Rejected"
            assert await install("ManufacturerRootCertificate", pem(manufacturer[0])) == "Accepted"
            listed = await ids("ManufacturerRootCertificate")
            assert listed["status"] == "Accepted" and len(listed["certificateHashData"]) == 1
            hash_data = listed["certificateHashData"][0]
            assert hash_data["serialNumber"] == format(manufacturer[0].serial_number, "x")
            assert await install("CentralSystemRootCertificate", pem(other[0])) == "Accepted"
            roots = (await ids("CentralSystemRootCertificate"))["certificateHashData"]
            assert len(roots) == 2
            in_use = next(h for h in roots if h["serialNumber"] == format(_serial(pki.ca), "x"))
            assert await delete(in_use) == "Failed", "it verified the connection in use"
            assert await delete(hash_data) == "Accepted"
            assert await delete(hash_data) == "NotFound"
            assert await ids("ManufacturerRootCertificate") == {"status": "NotFound"}

            charger.client.config.set_internal("CertificateStoreMaxLength", "2")
            assert await install("ManufacturerRootCertificate", pem(manufacturer[0])) == "Rejected", "the store is full"
        finally:
            await charger.stop()

    run(scenario())
    no_violations(central)


def _serial(path: Path) -> int:
    return x509.load_pem_x509_certificate(path.read_bytes()).serial_number


def statuses_of(central: CentralSystemProcess, connector_id: int) -> list[list[Any]]:
    return [f for f in central.from_charger("StatusNotification") if f[3]["connectorId"] == connector_id]


def test_extended_trigger_message_reuses_the_trigger_paths(central: CentralSystemProcess, tmp_path: Path) -> None:
    store = CertificateStore(tmp_path / "certificates")

    async def trigger(message: str, connector_id: int | None = None) -> str:
        payload: dict[str, Any] = {"requestedMessage": message}
        if connector_id is not None:
            payload["connectorId"] = connector_id
        return str((await central.call("ExtendedTriggerMessage", payload))["response"]["status"])

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite", certificates=store).start()
        try:
            await wait_for(lambda: charger.client.online, "online")
            await wait_for(lambda: len(central.from_charger("StatusNotification")) >= 3, "the first statuses (0, 1, 2)")
            before = len(statuses_of(central, 1))
            assert await trigger("StatusNotification", 1) == "Accepted"
            await wait_for(lambda: len(statuses_of(central, 1)) > before, "the StatusNotification of connector 1")
            before = len(central.from_charger("Heartbeat"))
            assert await trigger("Heartbeat") == "Accepted"
            await wait_for(lambda: len(central.from_charger("Heartbeat")) > before, "the Heartbeat")
            assert await trigger("LogStatusNotification") == "NotImplemented", "no log engine wired yet"
            assert await trigger("FirmwareStatusNotification") == "NotImplemented", "no firmware engine wired yet"
            assert await trigger("StatusNotification", 9) == "Rejected", "no connector 9"
        finally:
            await charger.stop()

    run(scenario())
    no_violations(central)


def test_a_server_certificate_from_no_installed_root_raises_a_security_event_once(
        start_central: CentralFactory, tmp_path: Path) -> None:
    pki = write_pki(tmp_path)
    central = start_central(*tls_arguments(pki))
    events: list[tuple[str, str]] = []
    store = CertificateStore(tmp_path / "certificates", {"CentralSystemRootCertificate": []},
                             lambda kind, info: events.append((kind, info)))
    assert store.install("CentralSystemRootCertificate", pem(make_ca("Not The CSMS CA")[0]), 20) == "Accepted"
    log = SecurityLog(Store(":memory:"), SystemClock())

    async def scenario() -> None:
        charger = make_charger(central.url, tmp_path / "cp.sqlite", certificates=store)
        charger.client.attach_security_log(log)  # before the first attempt
        await charger.start()
        try:
            await wait_for(lambda: charger.client.backoff.failures >= 3, "three refused handshakes")
            assert not charger.client.online
        finally:
            await charger.stop()

    run(scenario())
    recorded = [e.kind for e in log.recent(100) if e.kind != "StartupOfTheDevice"]
    assert recorded == ["InvalidCentralSystemCertificate"], "once for the run of equal failures, by the link"
    assert events == [], "not a second time by the store"
    assert central.from_charger() == []
