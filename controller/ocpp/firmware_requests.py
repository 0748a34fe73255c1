"""Software updates on OCPP 1.6: UpdateFirmware, the Security Whitepaper's SignedUpdateFirmware,
and the statuses each is told with.

Both hand the request to the protocol-neutral engine (seen as
:class:`~controller.firmware.request.FirmwareUpdates`).  A plain UpdateFirmware is told with
FirmwareStatusNotification and the 1.6 statuses only (:func:`plain_status`: no DownloadScheduled,
SignatureVerified or InstallScheduled; InstallVerificationFailed is InstallationFailed); with
``[updates].signed_only`` it is answered CALLERROR NotSupported (whitepaper L01.FR.20).  A signed
one is told with SignedFirmwareStatusNotification, every status and its requestId.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from ocpp.exceptions import FormatViolationError, NotSupportedError
from ocpp.v16 import call, call_result

from controller.firmware.request import (
    DEFAULT_RETRIES,
    DEFAULT_RETRY_INTERVAL_S,
    FirmwareStatus,
    FirmwareUpdates,
    Notice,
    Origin,
    UpdateRequest,
)
from controller.ocpp.authorization import parse_time

log = logging.getLogger(__name__)

#: The statuses a 1.6 FirmwareStatusNotification can carry, from the engine's.
_PLAIN = {
    FirmwareStatus.IDLE: "Idle",
    FirmwareStatus.DOWNLOADING: "Downloading",
    FirmwareStatus.DOWNLOADED: "Downloaded",
    FirmwareStatus.DOWNLOAD_FAILED: "DownloadFailed",
    FirmwareStatus.INSTALLING: "Installing",
    FirmwareStatus.INSTALLED: "Installed",
    FirmwareStatus.INSTALLATION_FAILED: "InstallationFailed",
    FirmwareStatus.INSTALL_VERIFICATION_FAILED: "InstallationFailed",
    FirmwareStatus.INVALID_SIGNATURE: "InstallationFailed",
    FirmwareStatus.INVALID_CERTIFICATE: "InstallationFailed",
}


def plain_status(status: FirmwareStatus) -> str | None:
    """``status`` as a 1.6 FirmwareStatusNotification says it (None: not told in 1.6)."""
    return _PLAIN.get(status)


def signed_status(status: FirmwareStatus) -> str:
    """``status`` as SignedFirmwareStatusNotification says it (it has no InvalidCertificate: a
    certificate is refused in the answer to the request, so this comes only from a later check)."""
    return FirmwareStatus.INVALID_SIGNATURE.value if status is FirmwareStatus.INVALID_CERTIFICATE else status.value


def notice_message(notice: Notice) -> Any:
    """The 1.6 CALL telling ``notice`` (None when a plain update's notice has no 1.6 status)."""
    if notice.origin is Origin.PLAIN_16:
        status = plain_status(notice.status)
        return call.FirmwareStatusNotification(status=status) if status is not None else None
    return call.SignedFirmwareStatusNotification(status=signed_status(notice.status), request_id=notice.request_id)


def triggered_plain(updates: FirmwareUpdates | None) -> Any:
    """TriggerMessage FirmwareStatusNotification: the status now (Idle when no update runs, or
    when the running one is at a step 1.6 has no word for)."""
    status = plain_status(updates.current().status) if updates is not None else None
    return call.FirmwareStatusNotification(status=status or "Idle")


def triggered_signed(updates: FirmwareUpdates | None) -> Any:
    """ExtendedTriggerMessage FirmwareStatusNotification: SignedFirmwareStatusNotification now
    (Idle without a requestId when no update runs)."""
    if updates is None or updates.current().status is FirmwareStatus.IDLE:
        return call.SignedFirmwareStatusNotification(status="Idle")
    now = updates.current()
    return call.SignedFirmwareStatusNotification(status=signed_status(now.status), request_id=now.request_id)


def _time(value: str, field: str) -> datetime:
    """An OCPP dateTime; one without an offset is taken as UTC."""
    try:
        moment = parse_time(value)
    except ValueError:
        raise FormatViolationError(f"{field}: not a date-time: {value!r}") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class FirmwareRequests:
    """UpdateFirmware and SignedUpdateFirmware, answered from ``updates``."""

    def __init__(self, updates: FirmwareUpdates) -> None:
        self.updates = updates

    def handler_map(self) -> dict[str, Any]:
        return {"UpdateFirmware": self.on_update_firmware, "SignedUpdateFirmware": self.on_signed_update_firmware}

    def on_update_firmware(self, location: str, retrieve_date: str, retries: int | None = None,
                           retry_interval: int | None = None, **_: Any) -> Any:
        if self.updates.signed_only:
            raise NotSupportedError("only signed updates are taken here: use SignedUpdateFirmware")
        request = UpdateRequest(location, _time(retrieve_date, "retrieveDate"), Origin.PLAIN_16,
                                DEFAULT_RETRIES if retries is None else max(0, retries),
                                DEFAULT_RETRY_INTERVAL_S if retry_interval is None else max(0, retry_interval))
        answer = self.updates.submit(request)
        log.info("UpdateFirmware %s: %s", location, answer.value)  # 1.6 answers nothing either way
        return call_result.UpdateFirmware()

    def on_signed_update_firmware(self, request_id: int, firmware: dict[str, Any], retries: int | None = None,
                                  retry_interval: int | None = None, **_: Any) -> Any:
        install = firmware.get("install_date_time")
        request = UpdateRequest(
            firmware["location"], _time(firmware["retrieve_date_time"], "retrieveDateTime"), Origin.SIGNED_16,
            DEFAULT_RETRIES if retries is None else max(0, retries),
            DEFAULT_RETRY_INTERVAL_S if retry_interval is None else max(0, retry_interval),
            _time(install, "installDateTime") if install else None,
            firmware["signature"], firmware["signing_certificate"], request_id)
        return call_result.SignedUpdateFirmware(status=self.updates.submit(request).value)
