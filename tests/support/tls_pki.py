"""A test PKI made at test time (no key is ever committed): a CA, a server certificate for
localhost / 127.0.0.1 signed by it, and helpers for client certificates and roots."""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def make_ca(common_name: str, issuer: tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None = None,
            days: float = 1.0) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A CA certificate (self-signed, or signed by ``issuer``: a cross-signed successor root),
    valid from a moment ago for ``days`` (negative: it expired that long ago)."""
    now = datetime.datetime.now(datetime.UTC)
    start = now - datetime.timedelta(minutes=5) if days > 0 else now + datetime.timedelta(days=days - 1)
    key = ec.generate_private_key(ec.SECP256R1())
    issuer_name, signer = (issuer[0].subject, issuer[1]) if issuer else (name(common_name), key)
    certificate = (
        x509.CertificateBuilder().subject_name(name(common_name)).issuer_name(issuer_name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
        .sign(signer, hashes.SHA256()))
    return certificate, key


def sign_leaf(public_key: ec.EllipticCurvePublicKey, subject: x509.Name,
              ca: tuple[x509.Certificate, ec.EllipticCurvePrivateKey], *, server: bool = False,
              not_before: datetime.datetime | None = None, days: float = 1.0) -> x509.Certificate:
    """An end-entity certificate for ``public_key`` signed by ``ca`` (client auth, or server for localhost)."""
    now = datetime.datetime.now(datetime.UTC)
    start = not_before or now - datetime.timedelta(minutes=5)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca[0].subject).public_key(public_key)
               .serial_number(x509.random_serial_number()).not_valid_before(start)
               .not_valid_after(start + datetime.timedelta(days=days)))
    if server:
        names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False).add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    else:
        builder = builder.add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH]),
                                        critical=False)
    return builder.sign(ca[1], hashes.SHA256())


@dataclass(frozen=True, slots=True)
class Pki:
    """The files of a test PKI."""

    ca: Path  # the CA certificate (the charger's CSMS root; the central system's client CA)
    ca_key: Path  # its key (the central system signs the chargers' certificates with it)
    server: Path  # the central system's certificate for localhost
    server_key: Path


def write_pki(folder: Path) -> Pki:
    """A CA and a localhost server certificate signed by it, written to ``folder``."""
    ca = make_ca("Test CSMS CA")
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = sign_leaf(server_key.public_key(), name("localhost"), ca, server=True)
    pki = Pki(folder / "ca.pem", folder / "ca.key", folder / "server.pem", folder / "server.key")
    pki.ca.write_text(pem(ca[0]))
    pki.ca_key.write_bytes(_key_pem(ca[1]))
    pki.server.write_text(pem(server))
    pki.server_key.write_bytes(_key_pem(server_key))
    return pki


def make_pki(folder: Path) -> tuple[Path, Path, Path]:
    """A CA and a server certificate for localhost / 127.0.0.1 signed by it: (ca, cert, key)."""
    pki = write_pki(folder)
    return pki.ca, pki.server, pki.server_key
