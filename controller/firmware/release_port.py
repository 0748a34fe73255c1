"""The engine's installer and signature checks over :mod:`controller.release` (the release
bundle, its verification and the side-by-side installer), and the manufacturer's roots.

:mod:`controller.release` is imported inside the methods, so this module loads (and the
engine runs, failing its installs cleanly) on a build without it.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cryptography import x509

from controller.firmware.request import FirmwareStatus

Roots = Callable[[], Sequence[x509.Certificate]]


def roots_from_file(path: str) -> Roots:
    """The certificates of the PEM file ``path``, read at each use (none when it is missing)."""

    def roots() -> list[x509.Certificate]:
        file = Path(path)
        if not path or not file.is_file():
            return []
        return list(x509.load_pem_x509_certificates(file.read_bytes()))

    return roots


class ManufacturerVerifier:
    """:class:`~controller.firmware.ports.Verifier` with :func:`controller.release.verify.verify_file`."""

    def __init__(self, roots: Roots) -> None:
        self.roots = roots

    def verify_file(self, path: Path, signature: str, signing_certificate: str) -> FirmwareStatus | None:
        from controller.release.verify import VerificationError, verify_file

        try:
            verify_file(path, signature, signing_certificate, self.roots())
        except VerificationError as exc:
            return FirmwareStatus(exc.status)
        except ValueError:  # a malformed signature or certificate
            return FirmwareStatus.INVALID_SIGNATURE
        return None

    def check_certificate(self, signing_certificate: str) -> FirmwareStatus | None:
        """The chain alone: :func:`verify_file` checks the certificate before the signature, so an
        empty file tells the two apart (InvalidSignature there means the certificate is good)."""
        with tempfile.NamedTemporaryFile() as empty:
            problem = self.verify_file(Path(empty.name), "", signing_certificate)
        return FirmwareStatus.INVALID_CERTIFICATE if problem is FirmwareStatus.INVALID_CERTIFICATE else None


class InstalledRelease:
    """:class:`~controller.firmware.ports.Release` with :class:`controller.release.install.Installer` at ``root``."""

    def __init__(self, root: Path, roots: Roots) -> None:
        from controller.release.install import Installer

        self.installer: Any = Installer(root)
        self.roots = roots

    def install(self, bundle: Path) -> str:
        return str(self.installer.install(bundle, self.roots()))

    def begin_trial(self, version: str) -> None:
        self.installer.begin_trial(version)

    def outcome(self) -> Any:
        return self.installer.outcome()

    def clear_outcome(self) -> None:
        self.installer.clear_outcome()

    def running_version(self) -> str:
        from controller.release.version import running_version

        return running_version()
