"""The demo central system acting as the certificate authority of its charge points (security
profile 3): it signs a charger's certificate signing request with a CA key it was given
(``--ca-cert`` / ``--ca-key``), as a real central system does through its PKI."""

from __future__ import annotations

import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes

#: How long a certificate it signs is valid.
VALIDITY = datetime.timedelta(days=30)


class CsrRefused(ValueError):  # noqa: N818 (what happened to the request)
    """The certificate signing request cannot be signed."""


class TestCa:
    """A CA certificate and its key, from PEM files."""

    __test__ = False  # not a pytest class

    def __init__(self, certificate: Path, key: Path) -> None:
        self.certificate = x509.load_pem_x509_certificate(certificate.read_bytes())
        loaded = serialization.load_pem_private_key(key.read_bytes(), None)
        self.key: CertificateIssuerPrivateKeyTypes = loaded  # type: ignore[assignment]

    def sign(self, csr_pem: str) -> str:
        """The charger's certificate for ``csr_pem`` (its subject as asked, client auth), then the
        CA certificate: the PEM chain CertificateSigned carries."""
        try:
            csr = x509.load_pem_x509_csr(csr_pem.encode())
        except ValueError as exc:
            raise CsrRefused(f"not a PEM certificate signing request: {exc}") from None
        if not csr.is_signature_valid:
            raise CsrRefused("the request's signature does not match its key")
        now = datetime.datetime.now(datetime.UTC)
        certificate = (
            x509.CertificateBuilder().subject_name(csr.subject).issuer_name(self.certificate.subject)
            .public_key(csr.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + VALIDITY)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .sign(self.key, hashes.SHA256()))
        return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in (certificate, self.certificate))


def common_name(peer_certificate: dict[str, object] | None) -> str | None:
    """The CN of a verified TLS client certificate (``ssl``'s ``getpeercert()`` form)."""
    for rdn in (peer_certificate or {}).get("subject", ()):  # type: ignore[union-attr]
        for key, value in rdn:
            if key == "commonName":
                return str(value)
    return None
