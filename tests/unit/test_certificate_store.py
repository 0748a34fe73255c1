"""The certificate store on a real directory: OCPP hash data (checked against openssl), the
private key's file mode, the configuration's roots, and AdditionalRootCertificateCheck."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from controller.config import Config
from controller.security.certificates import CertificateStore
from controller.security.setup import certificate_store
from tests.support.tls_pki import make_ca, name, pem, sign_leaf, write_pki


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_hash_data_is_the_ocsp_cert_id_that_openssl_computes(tmp_path: Path) -> None:
    root = make_ca("Hash Root")
    intermediate = make_ca("Hash Intermediate", issuer=root)
    files = {"root": tmp_path / "root.pem", "intermediate": tmp_path / "intermediate.pem"}
    files["root"].write_text(pem(root[0]))
    files["intermediate"].write_text(pem(intermediate[0]))
    store = CertificateStore(tmp_path / "store", {"ManufacturerRootCertificate": [files["root"]],
                                                  "CSMSRootCertificate": [files["intermediate"]]})
    listed = {kind: data for kind, data in store.installed()}
    for kind, certificate, issuer in (("ManufacturerRootCertificate", "root", "root"),
                                      ("CSMSRootCertificate", "intermediate", "root")):
        text = subprocess.run(["openssl", "ocsp", "-sha256", "-issuer", str(files[issuer]), "-cert",
                               str(files[certificate]), "-req_text", "-no_nonce"],
                              capture_output=True, text=True, check=True).stdout
        fields = dict(re.findall(r"(Issuer Name Hash|Issuer Key Hash|Serial Number): (\w+)", text))
        assert listed[kind] == {"hash_algorithm": "SHA256",
                                "issuer_name_hash": fields["Issuer Name Hash"].lower(),
                                "issuer_key_hash": fields["Issuer Key Hash"].lower(),
                                "serial_number": fields["Serial Number"].lower().lstrip("0")}


def test_the_private_key_is_made_private_whatever_the_umask(tmp_path: Path) -> None:
    store = CertificateStore(tmp_path / "store")
    previous = os.umask(0)
    try:
        csr = store.certificate_request("SERIAL-1", "")
    finally:
        os.umask(previous)
    assert "PRIVATE" not in csr
    assert stat.S_IMODE(store.client.pending_path.stat().st_mode) == 0o600
    assert not list(store.client.directory.glob(".*.tmp")), "no temporary file left behind"


def test_the_configured_roots_are_listed_and_cannot_be_deleted(tmp_path: Path) -> None:
    pki = write_pki(tmp_path)
    config = Config().with_overrides(ocpp={"url": "wss://csms.example/ocpp", "ca_file": str(pki.ca),
                                           "certificate_dir": str(tmp_path / "store")})
    store = certificate_store(config)
    [(kind, hash_data)] = store.installed()
    assert kind == "CSMSRootCertificate"
    assert store.roots("CentralSystemRootCertificate")[0].subject == name("Test CSMS CA")
    assert store.delete(hash_data) == "Failed"
    assert store.delete({**hash_data, "serial_number": "1"}) == "NotFound"


def test_additional_root_check_replaces_the_root_and_keeps_a_fallback_until_the_new_one_works(
        tmp_path: Path) -> None:
    store = CertificateStore(tmp_path / "store")
    old = make_ca("Old CSMS Root")
    assert store.install("CentralSystemRootCertificate", pem(old[0]), 10, single_csms_root=True) == "Accepted"
    unrelated = make_ca("Unrelated Root")
    assert store.install("CentralSystemRootCertificate", pem(unrelated[0]), 10, single_csms_root=True) == "Rejected"
    successor = make_ca("New CSMS Root", issuer=old)  # signed by the root it replaces
    assert store.install("CentralSystemRootCertificate", pem(successor[0]), 10, single_csms_root=True) == "Accepted"
    assert [e.fallback for e in store.entries(["CSMSRootCertificate"])] == [True, False]
    server_key = ec.generate_private_key(ec.SECP256R1())
    by_old = sign_leaf(server_key.public_key(), name("localhost"), old, server=True)
    store.connected(by_old.public_bytes(serialization.Encoding.DER))
    assert len(store.roots("CSMSRootCertificate")) == 2, "the new root has not been seen working yet"
    by_new = sign_leaf(server_key.public_key(), name("localhost"), successor, server=True)
    store.connected(by_new.public_bytes(serialization.Encoding.DER))
    assert store.roots("CSMSRootCertificate") == [successor[0]]


def test_a_leaf_or_an_expired_certificate_is_no_root(tmp_path: Path) -> None:
    store = CertificateStore(tmp_path / "store")
    ca = make_ca("Some CA")
    leaf = sign_leaf(ec.generate_private_key(ec.SECP256R1()).public_key(), name("leaf"), ca)
    assert store.install("ManufacturerRootCertificate", pem(leaf), 10) == "Rejected"
    expired = make_ca("Expired CA", days=-1)
    assert store.install("ManufacturerRootCertificate", pem(expired[0]), 10) == "Rejected"
    assert store.install("ManufacturerRootCertificate", pem(ca[0]), 10) == "Accepted"
    assert store.install("ManufacturerRootCertificate", pem(ca[0]), 10) == "Accepted", "installing twice is a no-op"
    assert store.count() == 1
