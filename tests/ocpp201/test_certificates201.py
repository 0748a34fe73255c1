"""Security profile 3 and the certificate messages on OCPP 2.0.1: the real station (a World)
against the demo central system over TLS, with a PKI made at test time.  Every frame the station
sends is checked against the official schemas by the central system (the fixture asserts
that none broke them)."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from controller.sim.world import World
from tests.ocpp.harness import advance_until, charger_world, door, settled
from tests.ocpp201.central import CentralSystem201
from tests.ocpp201.conftest import Central201Factory
from tests.support.tls_pki import make_ca, pem, write_pki


def world_over_tls(central: CentralSystem201, ca: Path, certificate_dir: Path) -> World:
    """The station speaking 2.0.1 to ``central`` at ``[ocpp].url`` over wss://, trusting ``ca``."""
    return charger_world(None, url="", ocpp={"version": "2.0.1", "url": central.url, "ca_file": str(ca),
                                             "certificate_dir": str(certificate_dir)})


def variable(world: World, central: CentralSystem201, component: str, name: str) -> Any:
    answer = door(world, central, "GetVariables", {"getVariableData": [
        {"component": {"name": component}, "variable": {"name": name}}]})
    return answer["response"]["getVariableResult"][0].get("attributeValue")


def signed_answers(central: CentralSystem201) -> list[dict[str, Any]]:
    return [n["payload"] for n in central.get("/notifications?action=CertificateSigned")["notifications"]]


def test_profile_3_on_2_0_1_sign_reconnect_and_a_server_that_requires_the_certificate(
        start_central201: Central201Factory, tmp_path: Path) -> None:
    pki = write_pki(tmp_path)
    central = start_central201("--ocpp-version", "2.0.1", "--certfile", str(pki.server), "--keyfile",
                               str(pki.server_key), "--ca-cert", str(pki.ca), "--ca-key", str(pki.ca_key))
    world = world_over_tls(central, pki.ca, tmp_path / "certificates")
    try:
        client = world.backend.client
        assert client.online, "security profile 2 (TLS) first"
        station_id = client.settings.endpoint.charge_point_id
        answer = door(world, central, "SetVariables", {"setVariableData": [
            {"component": {"name": "SecurityCtrlr"}, "variable": {"name": "OrganizationName"},
             "attributeValue": "Test CPO"}]})
        assert answer["response"]["setVariableResult"][0]["attributeStatus"] == "Accepted"
        assert client.config.raw("CpoName") == "Test CPO", "one value for 1.6's CpoName and 2.0.1's OrganizationName"
        assert door(world, central, "TriggerMessage", {"requestedMessage": "SignChargingStationCertificate"}) == {
            "response": {"status": "Accepted"}}
        settled(world, lambda: signed_answers(central), "the CertificateSigned answered")
        assert signed_answers(central) == [{"response": {"status": "Accepted"}}]
        key = client.certificates.client.key_path
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        attempts = client.connection_attempts
        advance_until(world, lambda: client.connection_attempts > attempts and client.online
                      and station_id in central.get("/charge-points")["charge_points"],
                      "the reconnection with the client certificate", step_s=0.05)
        assert variable(world, central, "SecurityCtrlr", "SecurityProfile") == "3"
        assert variable(world, central, "SecurityCtrlr", "CertificateEntries") == "2", "the CSMS root and ours"

        central.kill()
        central.arguments += ["--client-ca", str(pki.ca)]
        central.start()
        advance_until(world, lambda: not client.online, "the old connection gone", step_s=0.05)
        advance_until(world, lambda: client.online and central.get("/charge-points")["client_certificates"].get(
            station_id), "online with the client certificate", step_s=0.05)
        assert central.get("/charge-points")["client_certificates"][station_id] == client.identity.serial_number
    finally:
        world.close()
    [request] = [frame[3] for frame in central.from_charger("SignCertificate")]
    assert request["certificateType"] == "ChargingStationCertificate"
    csr = x509.load_pem_x509_csr(request["csr"].encode())
    assert csr.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Test CPO"
    assert "PRIVATE KEY" not in central.log_path.read_text()


def test_install_list_delete_and_a_bad_chain_on_2_0_1(start_central201: Central201Factory, tmp_path: Path) -> None:
    pki = write_pki(tmp_path)
    central = start_central201("--ocpp-version", "2.0.1", "--certfile", str(pki.server), "--keyfile",
                               str(pki.server_key))
    world = world_over_tls(central, pki.ca, tmp_path / "certificates")
    manufacturer = make_ca("Test Manufacturer Root")

    def ids(*kinds: str) -> dict[str, Any]:
        payload = {"certificateType": list(kinds)} if kinds else {}
        return dict(door(world, central, "GetInstalledCertificateIds", payload)["response"])

    def status(action: str, payload: dict[str, Any]) -> str:
        return str(door(world, central, action, payload)["response"]["status"])

    try:
        assert world.backend.client.online
        assert ids("ManufacturerRootCertificate") == {"status": "NotFound"}
        assert status("InstallCertificate", {"certificateType": "ManufacturerRootCertificate",
                                             "certificate": pem(manufacturer[0])}) == "Accepted"
        assert status("InstallCertificate", {"certificateType": "MORootCertificate",
                                             "certificate": "not a certificate"}) == "Rejected"
        listed = ids()
        assert listed["status"] == "Accepted"
        kinds = {entry["certificateType"]: entry["certificateHashData"] for entry in listed["certificateHashDataChain"]}
        assert set(kinds) == {"CSMSRootCertificate", "ManufacturerRootCertificate"}
        assert status("DeleteCertificate", {"certificateHashData": kinds["CSMSRootCertificate"]}) == "Failed", \
            "the configured root that verified this connection"
        assert status("DeleteCertificate", {"certificateHashData": kinds["ManufacturerRootCertificate"]}) == "Accepted"
        assert status("DeleteCertificate", {"certificateHashData": kinds["ManufacturerRootCertificate"]}) == "NotFound"
        answer = door(world, central, "CertificateSigned", {"certificateChain": pem(manufacturer[0])})
        assert answer["response"]["status"] == "Rejected", "no request outstanding, and not our key"
    finally:
        world.close()
