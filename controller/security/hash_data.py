"""OCPP's CertificateHashData: how a certificate is named in GetInstalledCertificateIds and
DeleteCertificate (1.6 Security Whitepaper ed. 3 and 2.0.1 alike: the OCSP CertID fields).

- ``issuerNameHash``: SHA-256 of the DER encoding of the certificate's issuer name;
- ``issuerKeyHash``: SHA-256 of the issuer's public key, the value of its subjectPublicKey
  BIT STRING (without tag, length and unused-bits byte);
- ``serialNumber``: the serial number in hexadecimal, without "0x" and without leading zeroes.

Hashes are written in lower-case hexadecimal; a request's are compared case-insensitively.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization

HASH_ALGORITHM = "SHA256"


@dataclass(frozen=True, slots=True)
class CertificateHashData:
    """One certificate's hash data (snake_case, as the ``ocpp`` library hands it over)."""

    issuer_name_hash: str
    issuer_key_hash: str
    serial_number: str
    hash_algorithm: str = HASH_ALGORITHM

    def as_ocpp(self) -> dict[str, str]:
        """The CertificateHashDataType object, snake_case (the library converts it)."""
        return {"hash_algorithm": self.hash_algorithm, "issuer_name_hash": self.issuer_name_hash,
                "issuer_key_hash": self.issuer_key_hash, "serial_number": self.serial_number}

    def matches(self, asked: Mapping[str, str]) -> bool:
        """``asked`` (a request's certificateHashData, snake_case or camelCase) names this certificate."""
        def field(snake: str, camel: str) -> str:
            return str(asked.get(snake, asked.get(camel, ""))).strip().lower()
        return (field("hash_algorithm", "hashAlgorithm") == self.hash_algorithm.lower()
                and field("issuer_name_hash", "issuerNameHash") == self.issuer_name_hash
                and field("issuer_key_hash", "issuerKeyHash") == self.issuer_key_hash
                and field("serial_number", "serialNumber").lstrip("0") == self.serial_number)


def public_key_bits(certificate: x509.Certificate) -> bytes:
    """The value of ``certificate``'s subjectPublicKey BIT STRING (what OCSP hashes)."""
    info = certificate.public_key().public_bytes(serialization.Encoding.DER,
                                                 serialization.PublicFormat.SubjectPublicKeyInfo)
    _, (inside, _) = _read(info, 0)  # SubjectPublicKeyInfo ::= SEQUENCE { algorithm, subjectPublicKey }
    (_, algorithm_end), _ = _read(info, inside)
    _, (bits_start, bits_end) = _read(info, algorithm_end)
    return info[bits_start + 1:bits_end]  # skip the unused-bits byte


def _read(der: bytes, offset: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The DER element at ``offset``: ((its start, its end), (its value's start, its value's end))."""
    length = der[offset + 1]
    header = 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(der[offset + 2:offset + 2 + count], "big")
        header += count
    value_start = offset + header
    return (offset, value_start + length), (value_start, value_start + length)


def hash_data(certificate: x509.Certificate, issuer: x509.Certificate) -> CertificateHashData:
    """The hash data of ``certificate``, whose issuer's certificate is ``issuer`` (itself for a root)."""
    return CertificateHashData(
        issuer_name_hash=hashlib.sha256(certificate.issuer.public_bytes()).hexdigest(),
        issuer_key_hash=hashlib.sha256(public_key_bits(issuer)).hexdigest(),
        serial_number=format(certificate.serial_number, "x"),
    )
