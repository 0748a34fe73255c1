"""The certificate store: the roots the charger trusts, and its own client certificate.

One PEM file per installed certificate in a directory (``[ocpp].certificate_dir``) with an
index (``index.json``: each file's certificate type, and whether it is a fallback root kept
after a replacement, whitepaper M05.FR.11).  The roots from the configuration
(``[ocpp].ca_file``, ``[updates].manufacturer_root``) are listed and used like installed ones
but cannot be deleted over OCPP (their file belongs to the configuration).

Certificate types are stored under their 2.0.1 names; 1.6's CentralSystemRootCertificate is
CSMSRootCertificate here (:func:`canonical`).  Every change is written atomically: a power cut
leaves the index and the files as before or as after.
"""

from __future__ import annotations

import contextlib
import enum
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from controller.security.client_certificate import ChainRejected, ClientCertificate, issued_by
from controller.security.files import write_atomically
from controller.security.hash_data import CertificateHashData, hash_data

log = logging.getLogger(__name__)

CSMS_ROOT = "CSMSRootCertificate"
MANUFACTURER_ROOT = "ManufacturerRootCertificate"
ROOT_KINDS = (CSMS_ROOT, MANUFACTURER_ROOT, "V2GRootCertificate", "MORootCertificate")
ALIASES = {"CentralSystemRootCertificate": CSMS_ROOT}  # the 1.6 whitepaper's name
INDEX = "index.json"

SecurityEvent = Callable[[str, str], None]


def canonical(kind: str) -> str:
    """The store's name of a certificate type (1.6 or 2.0.1 spelling); ValueError for an unknown one."""
    name = ALIASES.get(kind, kind)
    if name not in ROOT_KINDS:
        raise ValueError(f"{kind!r} is not a root certificate type")
    return name


class InstallStatus(enum.StrEnum):
    """InstallCertificate's answer (the same words on 1.6 and 2.0.1)."""

    ACCEPTED = "Accepted"
    REJECTED = "Rejected"  # invalid, or the store is full (M05.FR.03, M05.FR.06, M05.FR.10)
    FAILED = "Failed"  # it could not be written


class DeleteStatus(enum.StrEnum):
    """DeleteCertificate's answer."""

    ACCEPTED = "Accepted"
    FAILED = "Failed"  # in use for the connection, from the configuration, or not removable
    NOT_FOUND = "NotFound"


@dataclass(frozen=True, slots=True)
class Installed:
    """One certificate the charger trusts: its type, hash data, file (None: from the configuration)."""

    kind: str
    certificate: x509.Certificate
    hash_data: CertificateHashData
    file: str | None
    fallback: bool = False


class CertificateStore:
    """The store in ``directory`` (made when first written); ``configured``: roots from the
    configuration by type; ``security_event(kind, tech_info)``: where security events go."""

    def __init__(self, directory: Path, configured: Mapping[str, Iterable[Path]] | None = None,
                 security_event: SecurityEvent | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.directory = directory
        self._now = now
        self._event = security_event
        self._configured = {canonical(kind): [Path(p) for p in paths] for kind, paths in (configured or {}).items()}
        self.client = ClientCertificate(directory / "client", now)
        self._server_certificate: x509.Certificate | None = None

    # --- reading --------------------------------------------------------------------

    def entries(self, kinds: Iterable[str] | None = None) -> list[Installed]:
        """Every trusted certificate (of ``kinds``), the configuration's first."""
        wanted = None if kinds is None else {canonical(k) for k in kinds}
        raw = [(kind, cert, None, False) for kind, paths in self._configured.items() for path in paths
               for cert in _read_pem(path)]
        for record in self._index():
            for cert in _read_pem(self.directory / record["file"]):
                raw.append((record["kind"], cert, record["file"], bool(record.get("fallback"))))
        pool = [cert for _, cert, _, _ in raw]
        return [Installed(kind, cert, hash_data(cert, _issuer(cert, pool)), file, fallback)
                for kind, cert, file, fallback in raw if wanted is None or kind in wanted]

    def roots(self, kind: str) -> list[x509.Certificate]:
        """The certificates of ``kind`` (e.g. ManufacturerRootCertificate, CentralSystemRootCertificate)."""
        return [entry.certificate for entry in self.entries([kind])]

    def count(self) -> int:
        """How many certificates are installed (SecurityCtrlr.CertificateEntries; the client certificate too)."""
        return len(self.entries()) + (1 if self.client.certificate() is not None else 0)

    def installed(self, kinds: Sequence[str] | None = None) -> list[tuple[str, dict[str, str]]]:
        """(type, hash data) for GetInstalledCertificateIds."""
        return [(entry.kind, entry.hash_data.as_ocpp()) for entry in self.entries(kinds or None)]

    def csms_roots_pem(self) -> str:
        """The central system roots in PEM, for the TLS handshake ("" when none)."""
        return "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in self.roots(CSMS_ROOT))

    # --- InstallCertificate ---------------------------------------------------------

    def install(self, kind: str, pem: str, max_entries: int, single_csms_root: bool = False) -> InstallStatus:
        """Install a root (M05); ``single_csms_root``: AdditionalRootCertificateCheck (M05.FR.08-11)."""
        try:
            kind = canonical(kind)
            certificate = x509.load_pem_x509_certificate(pem.encode())
        except ValueError as exc:
            log.info("InstallCertificate refused: %s", exc)
            return InstallStatus.REJECTED
        problem = self._unfit(certificate)
        if problem is not None:
            log.info("InstallCertificate %s refused: %s", kind, problem)
            return InstallStatus.REJECTED
        present = self.entries([kind])
        if any(e.certificate == certificate for e in present):
            return InstallStatus.ACCEPTED  # already there: nothing to do
        if self.count() >= max_entries:
            log.info("InstallCertificate %s refused: the store holds %d certificates already", kind, self.count())
            return InstallStatus.REJECTED
        records = self._index()
        if kind == CSMS_ROOT and single_csms_root:
            old = [e for e in present if e.file is not None and not e.fallback]
            if old and not any(issued_by(certificate, e.certificate) for e in old):
                log.info("InstallCertificate refused: the new CSMS root is not signed by the one it replaces")
                return InstallStatus.REJECTED
            replaced = {e.file for e in old}
            records = [r for r in records if r["kind"] != CSMS_ROOT or r["file"] in replaced]
            for record in records:
                if record["file"] in replaced:
                    record["fallback"] = True
        name = f"{kind}-{certificate.fingerprint(hashes.SHA256()).hex()[:16]}.pem"
        try:
            write_atomically(self.directory / name, certificate.public_bytes(serialization.Encoding.PEM))
            self._write_index([*records, {"kind": kind, "file": name}])
        except OSError as exc:
            log.error("InstallCertificate %s failed: %s", kind, exc)
            return InstallStatus.FAILED
        log.info("%s installed: %s", kind, certificate.subject.rfc4514_string())
        return InstallStatus.ACCEPTED

    def _unfit(self, certificate: x509.Certificate) -> str | None:
        now = self._now()
        if not certificate.not_valid_before_utc <= now <= certificate.not_valid_after_utc:
            return "not valid now"
        try:
            is_ca = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except x509.ExtensionNotFound:
            is_ca = certificate.issuer == certificate.subject  # an old (v1) self-signed root
        return None if is_ca else "not a CA certificate"

    # --- DeleteCertificate ----------------------------------------------------------

    def delete(self, asked: Mapping[str, str]) -> DeleteStatus:
        """Delete the certificate ``asked`` names (M04): not the configuration's, and not the CSMS
        root that verified the current connection (M04.FR.06)."""
        found = [e for e in self.entries() if e.hash_data.matches(asked)]
        if not found:
            return DeleteStatus.NOT_FOUND
        if any(e.file is None for e in found) or any(self._in_use(e) for e in found):
            return DeleteStatus.FAILED
        files = {e.file for e in found}
        try:
            self._write_index([r for r in self._index() if r["file"] not in files])
            for file in files:
                with contextlib.suppress(FileNotFoundError):
                    (self.directory / str(file)).unlink()
        except OSError as exc:
            log.error("DeleteCertificate failed: %s", exc)
            return DeleteStatus.FAILED
        log.info("certificate deleted: %s", ", ".join(e.certificate.subject.rfc4514_string() for e in found))
        return DeleteStatus.ACCEPTED

    def _in_use(self, entry: Installed) -> bool:
        server = self._server_certificate
        if entry.kind != CSMS_ROOT or server is None:
            return False
        direct = [e for e in self.entries([CSMS_ROOT]) if issued_by(server, e.certificate)]
        return entry in direct or not direct  # through intermediates: every CSMS root counts as in use

    # --- the connection -------------------------------------------------------------

    def connected(self, server_certificate: bytes | None) -> None:
        """A TLS connection was made (``server_certificate``: the central system's, DER): remember
        it, and once a new CSMS root verified it, drop the fallback root (M05.FR.12)."""
        self._server_certificate = x509.load_der_x509_certificate(server_certificate) if server_certificate else None
        if self._server_certificate is None:
            return
        roots = self.entries([CSMS_ROOT])
        if any(not e.fallback and issued_by(self._server_certificate, e.certificate) for e in roots):
            fallbacks = {e.file for e in roots if e.fallback}
            if fallbacks:
                self._write_index([r for r in self._index() if r["file"] not in fallbacks])

    def security_event(self, kind: str, tech_info: str = "") -> None:
        """Report a security event (to the security log, when one is attached)."""
        log.warning("security event %s: %s", kind, tech_info)
        if self._event is not None:
            self._event(kind, tech_info)

    # --- the client certificate (A02/A03) ----------------------------------------------

    def certificate_request(self, common_name: str, organization: str) -> str:
        """A new key pair on the charger and its CSR (PEM)."""
        return self.client.request(common_name, organization)

    def certificate_signed(self, chain_pem: str, max_chars: int, event_kind: str) -> str | None:
        """Take the central system's signed chain: None when installed, else why it was
        rejected (an ``event_kind`` security event is raised then, A02.FR.07)."""
        try:
            self.client.accept(chain_pem, max_chars, self.roots(CSMS_ROOT))
        except ChainRejected as exc:
            self.security_event(event_kind, str(exc)[:255])
            return str(exc)
        return None

    def client_files(self) -> tuple[str, str] | None:
        """(certificate chain file, key file) for a TLS handshake, when one is installed and valid."""
        return self.client.files()

    # --- the index ------------------------------------------------------------------

    def _index(self) -> list[dict[str, object]]:
        try:
            records = json.loads((self.directory / INDEX).read_text())["certificates"]
        except FileNotFoundError:
            return []
        return [r for r in records if isinstance(r, dict) and r.get("kind") in ROOT_KINDS and r.get("file")]

    def _write_index(self, records: list[dict[str, object]]) -> None:
        write_atomically(self.directory / INDEX, json.dumps({"certificates": records}, indent=1).encode())


def _read_pem(path: Path) -> list[x509.Certificate]:
    try:
        return x509.load_pem_x509_certificates(path.read_bytes())
    except (FileNotFoundError, ValueError) as exc:
        log.warning("certificate file %s unreadable: %s", path, exc)
        return []


def _issuer(certificate: x509.Certificate, pool: Sequence[x509.Certificate]) -> x509.Certificate:
    """The certificate in ``pool`` that issued ``certificate``; itself for a root (or when unknown)."""
    if certificate.issuer == certificate.subject:
        return certificate
    return next((c for c in pool if c is not certificate and issued_by(certificate, c)), certificate)

