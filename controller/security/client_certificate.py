"""The charger's own key and client certificate (security profile 3, use cases A02/A03).

:meth:`ClientCertificate.request` makes an EC P-256 key pair on the charger and returns a
certificate signing request for it; the private key is written with mode 0600, atomically,
and never leaves this module's files (it is not logged and not sent).  The central system's
CertificateSigned is checked by :meth:`ClientCertificate.accept` (size, our pending key, valid
now, a chain up to one of the central system's roots) before it replaces the certificate in
use; the one it replaces is kept beside it (``charger.previous.*``) as a fallback.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from controller.security.files import sync_directory, write_atomically

log = logging.getLogger(__name__)

PRIVATE = 0o600


class ChainRejected(ValueError):  # noqa: N818 (what the central system's chain was)
    """The CertificateSigned chain is not taken; the text says why (for the security log)."""


class ClientCertificate:
    """The key pair and certificate in ``directory``; ``now()`` is timezone-aware."""

    def __init__(self, directory: Path, now: Callable[[], datetime]) -> None:
        self.directory = directory
        self._now = now
        self.key_path = directory / "charger.key"
        self.certificate_path = directory / "charger.pem"
        self.pending_path = directory / "charger.pending.key"

    # --- the request ---------------------------------------------------------------

    def request(self, common_name: str, organization: str) -> str:
        """A new key pair (replacing any pending one) and its CSR in PEM: CN = ``common_name``
        (the serial number), O = ``organization`` (CpoName / OrganizationName) when set."""
        key = ec.generate_private_key(ec.SECP256R1())
        write_atomically(self.pending_path, key.private_bytes(serialization.Encoding.PEM,
                                                              serialization.PrivateFormat.PKCS8,
                                                              serialization.NoEncryption()), PRIVATE)
        names = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
        if organization:
            names.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
        csr = x509.CertificateSigningRequestBuilder().subject_name(x509.Name(names)).sign(key, hashes.SHA256())
        log.info("certificate signing request made for CN=%s (a new key pair on the charger)", common_name)
        return csr.public_bytes(serialization.Encoding.PEM).decode("ascii")

    # --- the answer ----------------------------------------------------------------

    def accept(self, chain_pem: str, max_chars: int, roots: Sequence[x509.Certificate]) -> x509.Certificate:
        """Check ``chain_pem`` (leaf first) and make it the certificate in use; raises
        :class:`ChainRejected` (nothing changed) when it is too long, unreadable, not for our
        pending key, not valid now, or not chained up to one of ``roots``."""
        if len(chain_pem) > max_chars:
            raise ChainRejected(f"the chain has {len(chain_pem)} characters, more than {max_chars}")
        try:
            chain = x509.load_pem_x509_certificates(chain_pem.encode())
        except ValueError as exc:
            raise ChainRejected(f"not a PEM certificate chain ({exc})") from None
        pending = self._pending_key()
        if pending is None:
            raise ChainRejected("no certificate signing request is outstanding")
        if _spki(chain[0].public_key()) != _spki(pending.public_key()):
            raise ChainRejected("the certificate is not for the key pair of the last request")
        now = self._now()
        for certificate in chain:
            if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
                raise ChainRejected(f"{certificate.subject.rfc4514_string()} is not valid now")
        _check_path(chain, roots)
        self._install(chain_pem)
        log.info("client certificate %s installed (serial %x, valid until %s)", chain[0].subject.rfc4514_string(),
                 chain[0].serial_number, chain[0].not_valid_after_utc.isoformat())
        return chain[0]

    def _pending_key(self) -> ec.EllipticCurvePrivateKey | None:
        try:
            key = serialization.load_pem_private_key(self.pending_path.read_bytes(), None)
        except (FileNotFoundError, ValueError):
            return None
        return key if isinstance(key, ec.EllipticCurvePrivateKey) else None

    def _install(self, chain_pem: str) -> None:
        for path in (self.certificate_path, self.key_path):
            if path.exists():
                os.replace(path, path.with_name(path.name.replace("charger.", "charger.previous.")))
        write_atomically(self.certificate_path, chain_pem.encode())
        os.replace(self.pending_path, self.key_path)
        sync_directory(self.directory)

    # --- what the connection uses ----------------------------------------------------

    def certificate(self) -> x509.Certificate | None:
        """The leaf in use (None when there is none)."""
        with contextlib.suppress(FileNotFoundError, ValueError):
            return x509.load_pem_x509_certificates(self.certificate_path.read_bytes())[0]
        return None

    def files(self) -> tuple[str, str] | None:
        """(certificate chain, private key) for the TLS handshake, when a certificate valid now is installed."""
        leaf = self.certificate()
        if leaf is None or not self.key_path.exists():
            return None
        if not leaf.not_valid_before_utc <= self._now() <= leaf.not_valid_after_utc:
            return None
        return str(self.certificate_path), str(self.key_path)


def _spki(key: object) -> bytes:
    return key.public_bytes(serialization.Encoding.DER,  # type: ignore[attr-defined]
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def _check_path(chain: Sequence[x509.Certificate], roots: Sequence[x509.Certificate]) -> None:
    """Each certificate issued by the next; the last one by (or equal to) one of ``roots``."""
    if not roots:
        raise ChainRejected("no central system root is installed to check the chain against")
    for certificate, issuer in itertools.pairwise(chain):
        if not issued_by(certificate, issuer):
            raise ChainRejected(f"{certificate.subject.rfc4514_string()} is not issued by the next certificate")
    top = chain[-1]
    if any(top == root or issued_by(top, root) for root in roots):
        return
    raise ChainRejected(f"{top.issuer.rfc4514_string()} is not a central system root installed here")


def issued_by(certificate: x509.Certificate, issuer: x509.Certificate) -> bool:
    """``issuer`` signed ``certificate`` (names and signature)."""
    try:
        certificate.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True
