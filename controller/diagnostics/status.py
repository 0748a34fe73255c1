"""The engine's words for an upload's progress (the 2.0.1 / whitepaper LogStatusNotification
words; each adapter maps them onto its own message)."""

from __future__ import annotations

import enum


class UploadStatus(enum.StrEnum):
    """Where a log upload stands."""

    IDLE = "Idle"
    UPLOADING = "Uploading"
    UPLOADED = "Uploaded"
    UPLOAD_FAILURE = "UploadFailure"
    BAD_MESSAGE = "BadMessage"
    PERMISSION_DENIED = "PermissionDenied"
    NOT_SUPPORTED_OPERATION = "NotSupportedOperation"

    @property
    def final(self) -> bool:
        """The upload has ended (well or not)."""
        return self not in (UploadStatus.IDLE, UploadStatus.UPLOADING)


class UploadError(Exception):
    """An upload that did not succeed: its final status, and whether another attempt may help."""

    def __init__(self, status: UploadStatus, reason: str, retryable: bool = False) -> None:
        super().__init__(reason)
        self.status = status
        self.retryable = retryable
