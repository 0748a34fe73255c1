"""The charger's certificates as both OCPP versions see them.

:class:`Certificates` is what the certificate messages (InstallCertificate, DeleteCertificate,
GetInstalledCertificateIds, SignCertificate / CertificateSigned) and the TLS handshake need;
:class:`controller.security.certificates.CertificateStore` provides it.  The answers are the
words both versions use (Accepted, Rejected, Failed, NotFound), certificate types either
version's spelling, hash data snake_case dicts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol


class Certificates(Protocol):
    """The certificate store (loop thread only; every method returns at once)."""

    def installed(self, kinds: Sequence[str] | None = None) -> list[tuple[str, dict[str, str]]]:
        """(certificate type, hash data) of each trusted certificate (of ``kinds``)."""
        ...

    def install(self, kind: str, pem: str, max_entries: int, single_csms_root: bool = False) -> str:
        """InstallCertificate: Accepted, Rejected (invalid, or ``max_entries`` reached) or Failed."""
        ...

    def delete(self, asked: Mapping[str, str]) -> str:
        """DeleteCertificate: Accepted, Failed (in use, or the configuration's) or NotFound."""
        ...

    def count(self) -> int:
        """How many certificates are installed."""
        ...

    def certificate_request(self, common_name: str, organization: str) -> str:
        """A new key pair on the charger, and its certificate signing request (PEM)."""
        ...

    def certificate_signed(self, chain_pem: str, max_chars: int, event_kind: str) -> str | None:
        """CertificateSigned: None when the chain is installed, else why it was rejected."""
        ...

    def csms_roots_pem(self) -> str:
        """The central system roots (PEM) the TLS handshake trusts ("" when none)."""
        ...

    def client_files(self) -> tuple[str, str] | None:
        """(certificate chain file, private key file) to present in the TLS handshake, if any."""
        ...

    def connected(self, server_certificate: bytes | None) -> None:
        """A connection was made; ``server_certificate``: the central system's (DER) over TLS."""
        ...

    def security_event(self, kind: str, tech_info: str = "") -> None:
        """Report a security event."""
        ...


def has_client_certificate(certificates: Certificates | None) -> bool:
    """A client certificate valid now is installed (security profile 3 is possible)."""
    return certificates is not None and certificates.client_files() is not None
