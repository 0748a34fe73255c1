"""The signature checks of a software update (OCPP 1.6 Security Whitepaper, 2.0.1 L01).

Two checks, each failing with the OCPP status it maps to (:attr:`VerificationError.status`):

- the **outer** check (:func:`verify_file`) of a downloaded file against the ``signature`` and
  ``signingCertificate`` of SignedUpdateFirmware / UpdateFirmware: the certificate must chain to
  a manufacturer root (else ``InvalidCertificate``), the signature must match the file's bytes
  (else ``InvalidSignature``);
- the **inner** check (:func:`verify_bundle`) of the bundle itself: the manifest's signature by
  the chain inside the bundle, that chain to a manufacturer root, every file's SHA-256, nothing
  missing, nothing extra (``InstallVerificationFailed`` on any failure).

Signatures are ECDSA (NIST curves, P-256 expected) or RSA (PSS or PKCS#1 v1.5, at least 2048
bits), always over SHA-256, base64-encoded (DER for ECDSA).

The chain check (:func:`check_chain`) verifies: each certificate is signed by the next (issuer
name and signature), the last by one of the roots (or is one of them); every certificate,
roots included, is within its validity period; every issuer has CA basic constraints, its path
length allows the chain below it, and its key usage (when present) allows certificate signing;
the signing certificate's key usage (when present) allows digital signatures. It does NOT
check revocation (no CRL, no OCSP: a charger may be offline), name constraints, certificate
policies or extended key usage, nor the roots' self-signatures (a root is trusted because it is
configured).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import itertools
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from controller.release.bundle import BundleError, member_sha256, open_bundle, read_member
from controller.release.manifest import (
    FIXED_MEMBERS,
    MANIFEST,
    MANIFEST_SIGNATURE,
    SIGNING_CHAIN,
    Manifest,
    ManifestError,
    sha256_file,
)

INVALID_CERTIFICATE = "InvalidCertificate"
INVALID_SIGNATURE = "InvalidSignature"
INSTALL_VERIFICATION_FAILED = "InstallVerificationFailed"
MIN_RSA_BITS = 2048


class VerificationError(Exception):
    """A check failed; ``status`` is the OCPP status it maps to (InvalidCertificate,
    InvalidSignature or InstallVerificationFailed), the message says why."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status


class ChainError(ValueError):
    """The certificate chain does not lead to a trusted root."""


def load_certificates(pem: str | bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM text, in order; ValueError when there is none or one is damaged."""
    data = pem.encode() if isinstance(pem, str) else pem
    certificates = x509.load_pem_x509_certificates(data)  # ValueError on none or a damaged one
    return list(certificates)


def load_roots(path: Path) -> list[x509.Certificate]:
    """The root certificates in a PEM file (``[updates] manufacturer_root``)."""
    return load_certificates(path.read_bytes())


def check_chain(chain: Sequence[x509.Certificate], roots: Sequence[x509.Certificate],
                now: datetime | None = None) -> None:
    """``chain`` (the signing certificate first, then its issuers) leads to one of ``roots``:
    :class:`ChainError` otherwise (see the module's docstring for what is and is not checked)."""
    if not chain:
        raise ChainError("no certificate")
    when = now or datetime.now(UTC)
    leaf = chain[0]
    _check_period(leaf, when)
    usage = _key_usage(leaf)
    if usage is not None and not usage.digital_signature:
        raise ChainError(f"{_name(leaf)}: key usage does not allow signing")
    for below, (child, issuer) in enumerate(itertools.pairwise(chain)):
        _check_issuer(child, issuer, below, when)
    top = chain[-1]
    fingerprints = {root.fingerprint(hashes.SHA256()) for root in roots}
    if top.fingerprint(hashes.SHA256()) in fingerprints:
        return
    reasons = []
    for root in roots:
        if root.subject != top.issuer:
            continue
        try:
            _check_issuer(top, root, len(chain) - 1, when)
            return
        except ChainError as exc:
            reasons.append(str(exc))
    detail = "; ".join(reasons) or f"no configured root is named {top.issuer.rfc4514_string()}"
    raise ChainError(f"{_name(top)} does not chain to a configured root: {detail}")


def _check_issuer(child: x509.Certificate, issuer: x509.Certificate, cas_below: int, when: datetime) -> None:
    _check_period(issuer, when)
    try:
        constraints = issuer.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        raise ChainError(f"{_name(issuer)} issued {_name(child)} but is not a CA (no basic constraints)") from None
    if not constraints.ca:
        raise ChainError(f"{_name(issuer)} issued {_name(child)} but is not a CA")
    if constraints.path_length is not None and constraints.path_length < cas_below:
        raise ChainError(f"{_name(issuer)}: path length {constraints.path_length} is exceeded")
    usage = _key_usage(issuer)
    if usage is not None and not usage.key_cert_sign:
        raise ChainError(f"{_name(issuer)}: key usage does not allow signing certificates")
    try:
        child.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm) as exc:
        raise ChainError(f"{_name(child)} is not signed by {_name(issuer)}: {exc or type(exc).__name__}") from None


def _check_period(certificate: x509.Certificate, when: datetime) -> None:
    if not certificate.not_valid_before_utc <= when <= certificate.not_valid_after_utc:
        start, end = certificate.not_valid_before_utc, certificate.not_valid_after_utc
        raise ChainError(f"{_name(certificate)} is not valid now (valid from {start:%Y-%m-%d} to {end:%Y-%m-%d})")


def _key_usage(certificate: x509.Certificate) -> x509.KeyUsage | None:
    try:
        return certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return None


def _name(certificate: x509.Certificate) -> str:
    return repr(certificate.subject.rfc4514_string())


def check_signature(certificate: x509.Certificate, signature: bytes, digest: bytes) -> None:
    """``signature`` signs the data whose SHA-256 is ``digest`` with ``certificate``'s key:
    ECDSA, RSA-PSS or RSA PKCS#1 v1.5; ``cryptography.exceptions.InvalidSignature`` otherwise."""
    key = certificate.public_key()
    prehashed = utils.Prehashed(hashes.SHA256())
    if isinstance(key, ec.EllipticCurvePublicKey):
        key.verify(signature, digest, ec.ECDSA(prehashed))
        return
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < MIN_RSA_BITS:
            raise InvalidSignature(f"an RSA key of {key.key_size} bits is too short")
        pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.AUTO)
        try:
            key.verify(signature, digest, pss, prehashed)
        except InvalidSignature:
            key.verify(signature, digest, padding.PKCS1v15(), prehashed)
        return
    raise InvalidSignature(f"a {type(key).__name__} cannot sign updates (ECDSA or RSA only)")


def decode_signature(signature_b64: str | bytes) -> bytes:
    """A base64 signature's bytes (whitespace ignored); ValueError when it is not base64."""
    text = signature_b64.decode("ascii", "replace") if isinstance(signature_b64, bytes) else signature_b64
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"the signature is not base64: {exc}") from None


def verify_file(path: Path, signature_b64: str, signing_cert_pem: str, roots: Sequence[x509.Certificate]) -> None:
    """The outer check of a downloaded file: ``signing_cert_pem`` (the signing certificate,
    optionally followed by its intermediates) chains to one of ``roots`` (else
    InvalidCertificate) and ``signature_b64`` signs the file's bytes (else InvalidSignature)."""
    try:
        chain = load_certificates(signing_cert_pem)
        check_chain(chain, roots)
    except (ValueError, ChainError) as exc:
        raise VerificationError(INVALID_CERTIFICATE, f"signing certificate: {exc}") from None
    try:
        check_signature(chain[0], decode_signature(signature_b64), _file_digest(path))
    except (ValueError, InvalidSignature) as exc:
        raise VerificationError(INVALID_SIGNATURE, f"{path.name}: the signature does not match "
                                f"({exc or 'wrong key or altered file'})") from None


def verify_bundle(path: Path, roots: Sequence[x509.Certificate]) -> Manifest:
    """The inner check of a bundle: its manifest is signed by its signing chain, that chain
    leads to one of ``roots``, every listed file is there with its SHA-256, and there is no
    other member. Returns the manifest; InstallVerificationFailed on any failure."""
    def fail(reason: str) -> VerificationError:
        return VerificationError(INSTALL_VERIFICATION_FAILED, f"{path.name}: {reason}")

    try:
        with open_bundle(path) as (tar, members):
            manifest_bytes = read_member(tar, members[MANIFEST])
            try:
                chain = load_certificates(read_member(tar, members[SIGNING_CHAIN]))
                check_chain(chain, roots)
            except (ValueError, ChainError) as exc:
                raise fail(f"signing chain: {exc}") from None
            try:
                signature = decode_signature(read_member(tar, members[MANIFEST_SIGNATURE]))
                check_signature(chain[0], signature, hashlib.sha256(manifest_bytes).digest())
            except (ValueError, InvalidSignature) as exc:
                raise fail(f"the manifest's signature does not match ({exc or 'altered manifest'})") from None
            try:
                manifest = Manifest.from_json(manifest_bytes)
            except ManifestError as exc:
                raise fail(f"manifest: {exc}") from None
            extra = sorted(set(members) - set(FIXED_MEMBERS) - set(manifest.files))
            missing = sorted(set(manifest.files) - set(members))
            if extra or missing:
                raise fail(f"files not in the manifest: {extra}; files missing: {missing}")
            if not any(name.startswith(manifest.project_wheel_prefix) for name in manifest.files):
                raise fail(f"no wheel of {manifest.name} {manifest.version}")
            for name, expected in sorted(manifest.files.items()):
                actual = member_sha256(tar, members[name])
                if actual != expected:
                    raise fail(f"{name}: SHA-256 {actual} is not the manifest's {expected}")
            return manifest
    except BundleError as exc:
        raise fail(str(exc)) from None


def _file_digest(path: Path) -> bytes:
    return bytes.fromhex(sha256_file(path))
