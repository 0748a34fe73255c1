"""The engine's installer and signature checks over :mod:`controller.release` (the release
bundle's verification and the side-by-side installer), and the manufacturer's roots."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from cryptography import x509

from controller.firmware.request import FirmwareStatus
from controller.release.install import Installer
from controller.release.launcher import Outcome
from controller.release.verify import ChainError, VerificationError, check_chain, load_certificates, verify_file
from controller.release.version import running_version

#: The manufacturer's root certificates, read when needed (the certificate store may change them).
Roots = Callable[[], Sequence[x509.Certificate]]


def roots_from_file(path: str) -> Roots:
    """The certificates of the PEM file ``path``, read at each use (none while it is missing)."""

    def roots() -> list[x509.Certificate]:
        file = Path(path)
        return load_certificates(file.read_bytes()) if path and file.is_file() else []

    return roots


class ManufacturerVerifier:
    """:class:`~controller.firmware.ports.Verifier` with :mod:`controller.release.verify`."""

    def __init__(self, roots: Roots) -> None:
        self.roots = roots

    def check_certificate(self, signing_certificate: str) -> FirmwareStatus | None:
        try:
            check_chain(load_certificates(signing_certificate), self.roots())
        except (ValueError, ChainError):
            return FirmwareStatus.INVALID_CERTIFICATE
        return None

    def verify_file(self, path: Path, signature: str, signing_certificate: str) -> FirmwareStatus | None:
        try:
            verify_file(path, signature, signing_certificate, self.roots())
        except VerificationError as exc:
            return FirmwareStatus(exc.status)
        return None


class InstalledRelease:
    """:class:`~controller.firmware.ports.Release` with :class:`controller.release.install.Installer` at ``root``."""

    def __init__(self, root: Path, roots: Roots, keep: int = 3) -> None:
        self.installer = Installer(root, keep=keep)
        self.roots = roots

    def install(self, bundle: Path) -> str:
        return self.installer.install(bundle, self.roots())

    def begin_trial(self, version: str) -> None:
        self.installer.begin_trial(version)

    def on_trial(self, version: str) -> bool:
        return self.installer.trial() == version

    def outcome(self) -> Outcome | None:
        return self.installer.outcome()

    def clear_outcome(self) -> None:
        self.installer.clear_outcome()

    def running_version(self) -> str:
        return running_version()
