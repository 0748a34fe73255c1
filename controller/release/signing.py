"""Signing a release: the manufacturer's key and chain, or a development PKI made on the spot.

Signatures are over SHA-256: ECDSA (DER) for an EC key, PKCS#1 v1.5 for an RSA key, base64.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from controller.release.manifest import sha256_file
from controller.release.verify import check_chain, load_certificates

SigningKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
#: The development PKI's files under its directory (build/dev-signing/).
DEV_ROOT, DEV_KEY, DEV_CHAIN = "root.pem", "signing.key", "signing-chain.pem"


@dataclass(frozen=True, slots=True)
class SigningIdentity:
    """A signing key and its chain (the signing certificate first, then the intermediates)."""

    key: SigningKey
    chain: tuple[x509.Certificate, ...]

    @property
    def chain_pem(self) -> bytes:
        """The chain as PEM, the signing certificate first."""
        return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in self.chain)

    @property
    def certificate_pem(self) -> bytes:
        """The signing certificate alone, as PEM."""
        return self.chain[0].public_bytes(serialization.Encoding.PEM)

    def sign_digest(self, digest: bytes) -> str:
        """A base64 signature of the data whose SHA-256 is ``digest``."""
        prehashed = utils.Prehashed(hashes.SHA256())
        if isinstance(self.key, ec.EllipticCurvePrivateKey):
            signature = self.key.sign(digest, ec.ECDSA(prehashed))
        else:
            signature = self.key.sign(digest, padding.PKCS1v15(), prehashed)
        return base64.b64encode(signature).decode("ascii")

    def sign_bytes(self, data: bytes) -> str:
        """A base64 signature of ``data``."""
        return self.sign_digest(hashlib.sha256(data).digest())

    def sign_file(self, path: Path) -> str:
        """A base64 signature of a file's bytes (read in chunks)."""
        return self.sign_digest(bytes.fromhex(sha256_file(path)))


def load_identity(key_path: Path, chain_path: Path) -> SigningIdentity:
    """The manufacturer's signing key (PEM, unencrypted or with ``RELEASE_KEY_PASSWORD``) and its chain."""
    password = os.environ.get("RELEASE_KEY_PASSWORD")
    key = serialization.load_pem_private_key(key_path.read_bytes(), password.encode() if password else None)
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise ValueError(f"{key_path}: an ECDSA or RSA key is needed, not {type(key).__name__}")
    chain = tuple(load_certificates(chain_path.read_bytes()))
    if chain[0].public_key().public_numbers() != key.public_key().public_numbers():
        raise ValueError(f"{chain_path}: the first certificate is not the one of {key_path}")
    return SigningIdentity(key, chain)


def dev_identity(directory: Path) -> tuple[SigningIdentity, Path]:
    """The development PKI under ``directory`` (made on first use: a root, an intermediate and
    a signing certificate, keys mode 0600): its signing identity and the root a charger needs."""
    root_pem, key_pem, chain_pem = directory / DEV_ROOT, directory / DEV_KEY, directory / DEV_CHAIN
    if not (root_pem.exists() and key_pem.exists() and chain_pem.exists()):
        _make_dev_pki(directory)
    identity = load_identity(key_pem, chain_pem)
    check_chain(identity.chain, load_certificates(root_pem.read_bytes()))  # e.g. expired: delete the directory
    return identity, root_pem


def _make_dev_pki(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC) - timedelta(minutes=5)
    root_key, inter_key, sign_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    root = _certificate("Development Manufacturer Root (NOT FOR CHARGERS IN THE FIELD)", root_key.public_key(),
                        None, root_key, now, 3650, ca_path=1)
    inter = _certificate("Development Manufacturer Intermediate", inter_key.public_key(), root, root_key, now, 1825,
                         ca_path=0)
    signing = _certificate("Development Release Signing", sign_key.public_key(), inter, inter_key, now, 730,
                           ca_path=None)
    _write_key(directory / DEV_KEY, sign_key)
    pem = serialization.Encoding.PEM
    (directory / DEV_CHAIN).write_bytes(signing.public_bytes(pem) + inter.public_bytes(pem))
    (directory / DEV_ROOT).write_bytes(root.public_bytes(pem))
    # the CA keys are not kept: a new development PKI is made when this one expires


def _certificate(name: str, public_key: ec.EllipticCurvePublicKey, issuer: x509.Certificate | None,
                 issuer_key: ec.EllipticCurvePrivateKey, now: datetime, days: int,
                 ca_path: int | None) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "evse-hmi development"),
                         x509.NameAttribute(NameOID.COMMON_NAME, name)])
    is_ca = ca_path is not None
    builder = (x509.CertificateBuilder()
               .subject_name(subject)
               .issuer_name(issuer.subject if issuer else subject)
               .public_key(public_key)
               .serial_number(x509.random_serial_number())
               .not_valid_before(now)
               .not_valid_after(now + timedelta(days=days))
               .add_extension(x509.BasicConstraints(ca=is_ca, path_length=ca_path), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=not is_ca, content_commitment=False,
                                            key_encipherment=False, data_encipherment=False, key_agreement=False,
                                            key_cert_sign=is_ca, crl_sign=is_ca, encipher_only=False,
                                            decipher_only=False), critical=True))
    if not is_ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CODE_SIGNING]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _write_key(path: Path, key: SigningKey) -> None:
    data = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
