"""What the engine needs from outside, as protocols: the station (is it idle; the update has
begun), the release installer and the signature checks.

The real ones are the station's port (``BackendPort.is_idle`` / ``set_software_update``) and
:mod:`controller.firmware.release_port` (over :mod:`controller.release`); tests may hand in
stand-ins at this boundary.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from controller.firmware.request import FirmwareStatus


class StationGate(Protocol):
    """The station, as far as an update is concerned."""

    def is_idle(self) -> bool:
        """No session running or being started on any side."""
        ...

    def set_software_update(self, active: bool) -> None:
        """True once the install begins (no new session, the Updating screen); False if it failed."""
        ...


class Outcome(Protocol):
    """The last trial's result, as the launcher recorded it."""

    version: str
    result: str  # "confirmed" | "rolled_back"
    reason: str


class Release(Protocol):
    """The side-by-side installer of release bundles (:class:`controller.release.install.Installer`)."""

    def install(self, bundle: Path) -> str:
        """Verify and unpack ``bundle`` beside the running version (resumable); its version.
        Raises an exception whose ``status`` is "InstallVerificationFailed" when the bundle's
        inside does not verify, any other exception when the install fails."""
        ...

    def begin_trial(self, version: str) -> None:
        """The next start runs ``version`` on trial."""
        ...

    def on_trial(self, version: str) -> bool:
        """``version`` runs on trial: its health is not confirmed yet (the launcher may still roll it back)."""
        ...

    def outcome(self) -> Outcome | None: ...

    def clear_outcome(self) -> None: ...

    def running_version(self) -> str:
        """The version of the software running now."""
        ...


class Verifier(Protocol):
    """The outer checks of a signed update against the manufacturer's root(s)."""

    def check_certificate(self, signing_certificate: str) -> FirmwareStatus | None:
        """None when ``signing_certificate`` (PEM) chains to a root, else INVALID_CERTIFICATE."""
        ...

    def verify_file(self, path: Path, signature: str, signing_certificate: str) -> FirmwareStatus | None:
        """None when ``signature`` (base64) over ``path`` is good, else INVALID_SIGNATURE or
        INVALID_CERTIFICATE."""
        ...
