"""Logs on request over OCPP 2.0.1: GetLog and LogStatusNotification (with its requestId), and
TriggerMessage LogStatusNotification, on the log service shared with 1.6
(:class:`controller.ocpp.log_requests.LogService`).  A status of a GetDiagnostics taken over
1.6 before the central system switched to 2.0.1 goes out as LogStatusNotification without a
requestId."""

from __future__ import annotations

from typing import Any

from ocpp.v201 import call, call_result

from controller.ocpp.log_requests import LogNote, StatusDelivery


class LogRequests201(StatusDelivery):
    """GetLog on a 2.0.1 charging station."""

    def handler_map(self) -> dict[str, Any]:
        return {"GetLog": self.on_get_log}

    def on_get_log(self, log_type: str, request_id: int, log: dict[str, Any], retries: int | None = None,
                   retry_interval: int | None = None, **_: Any) -> Any:
        return call_result.GetLog(**self.take_log(log_type, request_id, log, retries, retry_interval))

    def triggered(self) -> Any:
        """The LogStatusNotification a TriggerMessage asks for: Uploading with the requestId of
        the upload in progress, else Idle without one."""
        _origin, request_id, status = self.service.current()
        return call.LogStatusNotification(status=str(status), request_id=request_id if status != "Idle" else None)

    async def send(self, note: LogNote) -> None:
        """One status as LogStatusNotification."""
        await self.outbox.request(call.LogStatusNotification(status=str(note.status), request_id=note.request_id))
