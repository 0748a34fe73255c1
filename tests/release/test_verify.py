"""The outer check (a downloaded file against its signature and signing certificate) and the
inner check (the bundle's signed manifest, its files, nothing else), with OCPP's statuses."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from controller.release.build import Release
from controller.release.signing import SigningIdentity
from controller.release.verify import (
    INSTALL_VERIFICATION_FAILED,
    INVALID_CERTIFICATE,
    INVALID_SIGNATURE,
    VerificationError,
    verify_bundle,
    verify_file,
)
from tests.release.conftest import rewrite_tar
from tests.support.pki import Pki, make_pki, pem


@pytest.fixture
def release(tiny_bundle: Callable[[str], Release]) -> Release:
    return tiny_bundle("0.2.0")


def test_a_good_bundle_passes_both_checks(release: Release, pki: Pki) -> None:
    manifest = verify_bundle(release.bundle, [pki.root])
    assert (manifest.name, manifest.version) == ("evse-hmi", "0.2.0")
    assert sorted(manifest.files) == ["wheels/evse_dependency-1.0-py3-none-any.whl",
                                      "wheels/evse_hmi-0.2.0-py3-none-any.whl"]
    verify_file(release.bundle, release.signature.read_text(), release.certificate.read_text(), [pki.root])


def _status_of(check: Callable[[], object]) -> str:
    with pytest.raises(VerificationError) as caught:
        check()
    return caught.value.status


def test_a_tampered_manifest_fails_install_verification(release: Release, pki: Pki, tmp_path: Path) -> None:
    def change(members: dict[str, bytes]) -> None:
        document = json.loads(members["manifest.json"])
        document["version"] = "0.2.1"
        members["manifest.json"] = json.dumps(document, indent=2, sort_keys=True).encode() + b"\n"

    bundle = rewrite_tar(release.bundle, tmp_path / "b.tar", change)
    assert _status_of(lambda: verify_bundle(bundle, [pki.root])) == INSTALL_VERIFICATION_FAILED


def test_a_tampered_wheel_fails_install_verification(release: Release, pki: Pki, tmp_path: Path) -> None:
    def change(members: dict[str, bytes]) -> None:
        name = "wheels/evse_dependency-1.0-py3-none-any.whl"
        members[name] = members[name][:-1] + bytes([members[name][-1] ^ 1])

    bundle = rewrite_tar(release.bundle, tmp_path / "b.tar", change)
    with pytest.raises(VerificationError, match=re.escape("evse_dependency-1.0-py3-none-any.whl: SHA-256")) as caught:
        verify_bundle(bundle, [pki.root])
    assert caught.value.status == INSTALL_VERIFICATION_FAILED


@pytest.mark.parametrize(("what", "change"), [
    ("an extra file", lambda m: m.__setitem__("wheels/extra-1.0-py3-none-any.whl", b"PK")),
    ("an extra file outside wheels/", lambda m: m.__setitem__("run.sh", b"#!/bin/sh\n")),
    ("a missing wheel", lambda m: m.pop("wheels/evse_dependency-1.0-py3-none-any.whl")),
    ("a missing signature", lambda m: m.pop("manifest.sig")),
])
def test_an_extra_or_missing_member_fails_install_verification(release: Release, pki: Pki, tmp_path: Path,
                                                               what: str, change: Callable) -> None:
    bundle = rewrite_tar(release.bundle, tmp_path / "b.tar", change)
    assert _status_of(lambda: verify_bundle(bundle, [pki.root])) == INSTALL_VERIFICATION_FAILED, what


def test_a_bundle_signed_by_another_manufacturer_is_refused(release: Release, pki: Pki) -> None:
    assert _status_of(lambda: verify_bundle(release.bundle, [pki.other_root])) == INSTALL_VERIFICATION_FAILED
    assert _status_of(lambda: verify_file(release.bundle, release.signature.read_text(),
                                          release.certificate.read_text(), [pki.other_root])) == INVALID_CERTIFICATE


def test_a_signature_that_does_not_match_is_an_invalid_signature(release: Release, pki: Pki,
                                                                 identity: SigningIdentity) -> None:
    other = identity.sign_bytes(b"another file")
    chain = release.certificate.read_text()
    assert _status_of(lambda: verify_file(release.bundle, other, chain, [pki.root])) == INVALID_SIGNATURE
    assert _status_of(lambda: verify_file(release.bundle, "not base64!", chain, [pki.root])) == INVALID_SIGNATURE


def test_a_file_changed_after_signing_is_an_invalid_signature(release: Release, pki: Pki, tmp_path: Path) -> None:
    copy = tmp_path / "copy.tar"
    copy.write_bytes(release.bundle.read_bytes() + b"\0")
    assert _status_of(lambda: verify_file(copy, release.signature.read_text(), release.certificate.read_text(),
                                          [pki.root])) == INVALID_SIGNATURE


def test_the_signing_certificate_must_be_valid_and_issued_by_a_ca(release: Release, pki: Pki,
                                                                  tmp_path: Path) -> None:
    signature = release.signature.read_text()
    for chain in (pem(pki.expired, pki.intermediate), pem(pki.not_a_ca_child, pki.not_a_ca, pki.intermediate),
                  pem(pki.signing), b"not a certificate", pem(pki.other_signing, pki.other_root)):
        assert _status_of(lambda chain=chain: verify_file(release.bundle, signature, chain.decode(), [pki.root])) \
            == INVALID_CERTIFICATE


def test_rsa_signatures_pss_and_pkcs1_are_accepted(tmp_path: Path) -> None:
    rsa_pki = make_pki("rsa")
    data = tmp_path / "update.bin"
    data.write_bytes(b"firmware" * 1000)
    chain = pem(rsa_pki.signing, rsa_pki.intermediate).decode()
    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH)
    for scheme in (pss, padding.PKCS1v15()):
        signature = base64.b64encode(rsa_pki.signing_key.sign(data.read_bytes(), scheme, hashes.SHA256())).decode()
        verify_file(data, signature, chain, [rsa_pki.root])
    wrong = base64.b64encode(rsa_pki.signing_key.sign(b"else", padding.PKCS1v15(), hashes.SHA256())).decode()
    assert _status_of(lambda: verify_file(data, wrong, chain, [rsa_pki.root])) == INVALID_SIGNATURE


def test_a_chain_may_end_with_the_root_itself(release: Release, pki: Pki) -> None:
    chain = pem(pki.signing, pki.intermediate, pki.root).decode()
    verify_file(release.bundle, release.signature.read_text(), chain, [pki.root])
