"""Software updates on OCPP 2.0.1 (L01 Secure Firmware Update): UpdateFirmware, the
FirmwareStatusNotifications with their requestId, and TriggerMessage FirmwareStatusNotification.

The request goes to the protocol-neutral engine (:class:`~controller.firmware.request.FirmwareUpdates`,
shared with 1.6).  Only signed updates are taken: one without a signing certificate is answered
InvalidCertificate, one without a signature Rejected (TC_L_18).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ocpp.v201 import call, call_result

from controller.firmware.request import (
    DEFAULT_RETRIES,
    DEFAULT_RETRY_INTERVAL_S,
    FirmwareStatus,
    FirmwareUpdates,
    Notice,
    Origin,
    UpdateRequest,
)


def status_201(status: FirmwareStatus) -> str:
    """``status`` as a 2.0.1 FirmwareStatusNotification says it (no InvalidCertificate there: a
    certificate is refused in the answer to UpdateFirmware, so this comes only from a later check)."""
    return FirmwareStatus.INVALID_SIGNATURE.value if status is FirmwareStatus.INVALID_CERTIFICATE else status.value


def notice_message(notice: Notice) -> Any:
    """The 2.0.1 CALL telling ``notice`` (any origin: a job begun on 1.6 goes on here)."""
    return call.FirmwareStatusNotification(status=status_201(notice.status), request_id=notice.request_id)


def triggered(updates: FirmwareUpdates | None) -> Any:
    """TriggerMessage FirmwareStatusNotification: the running update's last status with its
    requestId, or Idle without one when none runs."""
    now = updates.current() if updates is not None else None
    if now is None or now.status is FirmwareStatus.IDLE:
        return call.FirmwareStatusNotification(status="Idle")
    return call.FirmwareStatusNotification(status=status_201(now.status), request_id=now.request_id)


def _time(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class FirmwareRequests201:
    """UpdateFirmware, answered from ``updates``."""

    def __init__(self, updates: FirmwareUpdates) -> None:
        self.updates = updates

    def handler_map(self) -> dict[str, Any]:
        return {"UpdateFirmware": self.on_update_firmware}

    def on_update_firmware(self, request_id: int, firmware: dict[str, Any], retries: int | None = None,
                           retry_interval: int | None = None, **_: Any) -> Any:
        if not firmware.get("signing_certificate"):
            return call_result.UpdateFirmware(status="InvalidCertificate",
                                              status_info={"reason_code": "NoCertificate",
                                                           "additional_info": "only signed firmware is installed"})
        if not firmware.get("signature"):
            return call_result.UpdateFirmware(status="Rejected",
                                              status_info={"reason_code": "NoSignature",
                                                           "additional_info": "only signed firmware is installed"})
        try:
            retrieve = _time(firmware["retrieve_date_time"])
            install = _time(firmware["install_date_time"]) if firmware.get("install_date_time") else None
        except ValueError:
            return call_result.UpdateFirmware(status="Rejected", status_info={"reason_code": "InvalidDateTime"})
        request = UpdateRequest(firmware["location"], retrieve, Origin.V201,
                                DEFAULT_RETRIES if retries is None else max(0, retries),
                                DEFAULT_RETRY_INTERVAL_S if retry_interval is None else max(0, retry_interval),
                                install, firmware["signature"], firmware["signing_certificate"], request_id)
        return call_result.UpdateFirmware(status=self.updates.submit(request).value)
