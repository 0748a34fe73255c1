"""The firmware update's words, protocol-neutral: statuses, the request, the answer and the
notices the central system is told, and what the protocol adapters see of the engine.

A pure core (no I/O): both OCPP adapters map these words onto their own messages.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class FirmwareStatus(enum.Enum):
    """Where an update stands (the union of 1.6, the 1.6 Security Whitepaper and 2.0.1)."""

    IDLE = "Idle"
    DOWNLOAD_SCHEDULED = "DownloadScheduled"
    DOWNLOADING = "Downloading"
    DOWNLOADED = "Downloaded"
    DOWNLOAD_FAILED = "DownloadFailed"
    DOWNLOAD_PAUSED = "DownloadPaused"
    SIGNATURE_VERIFIED = "SignatureVerified"
    INVALID_SIGNATURE = "InvalidSignature"
    INVALID_CERTIFICATE = "InvalidCertificate"
    INSTALL_SCHEDULED = "InstallScheduled"
    INSTALLING = "Installing"
    INSTALL_REBOOTING = "InstallRebooting"
    INSTALLED = "Installed"
    INSTALLATION_FAILED = "InstallationFailed"
    INSTALL_VERIFICATION_FAILED = "InstallVerificationFailed"


#: Statuses that end a job.
FINAL = frozenset({FirmwareStatus.DOWNLOAD_FAILED, FirmwareStatus.INVALID_SIGNATURE,
                   FirmwareStatus.INVALID_CERTIFICATE, FirmwareStatus.INSTALLED,
                   FirmwareStatus.INSTALLATION_FAILED, FirmwareStatus.INSTALL_VERIFICATION_FAILED})


#: A request that does not say how often to retry a failed download, or how long to wait between.
DEFAULT_RETRIES = 2
DEFAULT_RETRY_INTERVAL_S = 60


class Origin(enum.Enum):
    """Which message asked for the update: it decides how the statuses are told."""

    PLAIN_16 = "1.6"  # UpdateFirmware of OCPP 1.6: FirmwareStatusNotification, 1.6 statuses only
    SIGNED_16 = "1.6-signed"  # the Security Whitepaper's SignedUpdateFirmware: SignedFirmwareStatusNotification
    V201 = "2.0.1"  # UpdateFirmware of 2.0.1: FirmwareStatusNotification with requestId


class Acceptance(enum.Enum):
    """The answer to an update request (2.0.1 and the whitepaper's UpdateFirmwareStatusEnumType)."""

    ACCEPTED = "Accepted"
    REJECTED = "Rejected"
    ACCEPTED_CANCELED = "AcceptedCanceled"  # accepted, and the job that was running is cancelled
    INVALID_CERTIFICATE = "InvalidCertificate"


@dataclass(frozen=True, slots=True)
class UpdateRequest:
    """One update asked for: where, when, how often to retry, and for a signed one its signature
    (base64, over the whole file) and signing certificate (PEM)."""

    location: str
    retrieve_at: datetime  # aware; not before this moment (DownloadScheduled until then)
    origin: Origin
    retries: int = 0  # further attempts after a failed download
    retry_interval_s: int = 0
    install_at: datetime | None = None  # not before this moment (InstallScheduled until then)
    signature: str | None = None
    signing_certificate: str | None = None
    request_id: int | None = None  # 2.0.1 and the whitepaper

    @property
    def signed(self) -> bool:
        return self.signature is not None and self.signing_certificate is not None


@dataclass(frozen=True, slots=True)
class Notice:
    """One status for the central system, numbered in the order it happened (``seq``)."""

    seq: int
    status: FirmwareStatus
    origin: Origin
    request_id: int | None = None


class FirmwareUpdates(Protocol):
    """What a protocol adapter sees of the engine (:class:`controller.firmware.engine.FirmwareEngine`).

    Every method returns at once and runs on the controller's loop.
    """

    signed_only: bool  # plain 1.6 UpdateFirmware is refused (whitepaper L01.FR.20)

    def submit(self, request: UpdateRequest) -> Acceptance:
        """Take a new update (a running one is cancelled: AcceptedCanceled; Rejected when it can no
        longer be, once its install began; InvalidCertificate when its signing certificate does not
        chain to the manufacturer's root)."""
        ...

    def current(self) -> Notice:
        """The status now, for a TriggerMessage: the running job's last one (with its requestId),
        else Idle (``seq`` 0, no requestId)."""
        ...

    def pending(self) -> Notice | None:
        """The oldest notice not delivered yet (kept across restarts and outages)."""
        ...

    def delivered(self, seq: int) -> None:
        """The central system has taken notice ``seq`` (or it was not for this protocol): never again."""
        ...
