"""Logs on request over OCPP 1.6: GetDiagnostics (DiagnosticsStatusNotification) and the
Security Whitepaper's GetLog (LogStatusNotification), answered by a log service shared by
both versions' clients (``controller.diagnostics.engine.LogEngine``, seen here only through
:class:`LogService`, so this package imports nothing above it).

The service keeps the statuses until they are delivered; :func:`deliver_statuses` (one task
per client, while it runs) sends them in order once the link is up, each marked delivered
when answered.  The words: the service speaks 2.0.1 / whitepaper statuses; a GetDiagnostics
status goes out as DiagnosticsStatusNotification, every failure as UploadFailed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime
from typing import Any, Protocol

from ocpp.v16 import call, call_result

from controller.ocpp.authorization import parse_time
from controller.ocpp.outbox import CallFailed, CallTimeout, Offline, Outbox

log = logging.getLogger(__name__)

GET_DIAGNOSTICS, GET_LOG = "GetDiagnostics", "GetLog"
#: The 1.6 DiagnosticsStatus of each service status (every failure is UploadFailed).
DIAGNOSTICS_STATUS = {"Idle": "Idle", "Uploading": "Uploading", "Uploaded": "Uploaded"}
#: Pause after a status could not be sent before it is tried again (the link is re-checked first).
RESEND_PAUSE_S = 1.0


class LogNote(Protocol):
    """A status to send: which request it is about and the status (service words)."""

    seq: int
    origin: str  # GET_DIAGNOSTICS or GET_LOG
    request_id: int | None
    status: str


class Taken(Protocol):
    """The service's answer to a request."""

    file_name: str
    canceled: bool  # a running upload was cancelled for it


class LogService(Protocol):
    """What the OCPP adapters need from the log engine (shared by both versions' clients)."""

    def take(self, origin: str, log_type: str, location: str, oldest: datetime | None, latest: datetime | None,
             retries: int | None, retry_interval_s: float | None, request_id: int | None) -> Taken:
        """Accept a request (cancelling a running one); the upload goes on in the background."""
        ...

    def current(self) -> tuple[str | None, int | None, str]:
        """(origin, request id, status) of the upload in progress, or (None, None, "Idle")."""
        ...

    async def wait_note(self) -> LogNote:
        """The oldest status not delivered yet, once there is one."""
        ...

    def delivered(self, note: LogNote) -> None:
        """The central system answered ``note``."""
        ...


def request_time(text: str | None) -> datetime | None:
    """An optional OCPP dateTime of a log request."""
    return parse_time(text) if text else None


async def deliver_statuses(service: LogService, online: asyncio.Event,
                           send: Callable[[LogNote], Awaitable[Any]]) -> None:
    """Send the service's statuses in order, each once it is answered (runs until cancelled)."""
    while True:
        note = await service.wait_note()
        await online.wait()
        try:
            await send(note)
        except (Offline, CallTimeout) as exc:
            log.info("log status %s not delivered yet (%s): tried again", note.status, type(exc).__name__)
            await asyncio.sleep(RESEND_PAUSE_S)
            continue
        except CallFailed as exc:  # the central system refuses it: sending it again would block the rest
            log.warning("log status %s refused by the central system (%s): dropped", note.status, exc)
        service.delivered(note)


Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


class StatusDelivery:
    """The one task of a client that sends the log service's statuses (:func:`deliver_statuses`)."""

    def __init__(self, service: LogService, outbox: Outbox, spawn: Spawn, online: asyncio.Event) -> None:
        self.service = service
        self.outbox = outbox
        self._spawn = spawn
        self._online = online
        self._task: asyncio.Task[Any] | None = None

    def take_log(self, log_type: str, request_id: int, log: dict[str, Any], retries: int | None,
                 retry_interval: int | None) -> dict[str, Any]:
        """GetLog, the same request on the 1.6 whitepaper and on 2.0.1: hand it to the engine;
        the answer's fields (AcceptedCanceled when it replaced a running upload)."""
        window = request_time(log.get("oldest_timestamp")), request_time(log.get("latest_timestamp"))
        taken = self.service.take(GET_LOG, log_type, log["remote_location"], *window, retries, retry_interval,
                                  request_id)
        self.ensure_delivery()
        return {"status": "AcceptedCanceled" if taken.canceled else "Accepted", "filename": taken.file_name}

    def ensure_delivery(self) -> None:
        """Start sending (on the running loop) unless already under way; when the client runs
        and whenever a request is taken."""
        if self._task is None or self._task.done():
            self._task = self._spawn(deliver_statuses(self.service, self._online, self.send))

    async def send(self, note: LogNote) -> None:
        """One status as this version's message (each version's class says how)."""
        raise NotImplementedError


class LogRequests16(StatusDelivery):
    """GetDiagnostics and GetLog on a 1.6 charge point."""

    def handler_map(self) -> dict[str, Any]:
        return {"GetDiagnostics": self.on_get_diagnostics, "GetLog": self.on_get_log}

    def on_get_diagnostics(self, location: str, retries: int | None = None, retry_interval: int | None = None,
                           start_time: str | None = None, stop_time: str | None = None, **_: Any) -> Any:
        taken = self.service.take(GET_DIAGNOSTICS, "DiagnosticsLog", location, request_time(start_time),
                                  request_time(stop_time), retries, retry_interval, None)
        self.ensure_delivery()
        return call_result.GetDiagnostics(file_name=taken.file_name)

    def on_get_log(self, log_type: str, request_id: int, log: dict[str, Any], retries: int | None = None,
                   retry_interval: int | None = None, **_: Any) -> Any:
        return call_result.GetLog(**self.take_log(log_type, request_id, log, retries, retry_interval))

    def diagnostics_status(self) -> str:
        """The DiagnosticsStatus now (TriggerMessage DiagnosticsStatusNotification)."""
        return "Uploading" if self.service.current()[2] == "Uploading" else "Idle"

    def log_status(self) -> Any:
        """The LogStatusNotification an ExtendedTriggerMessage asks for: Uploading with the
        requestId of a GetLog upload in progress, else Idle without one."""
        origin, request_id, status = self.service.current()
        uploading = status == "Uploading" and origin == GET_LOG
        return call.LogStatusNotification(status="Uploading" if uploading else "Idle",
                                          request_id=request_id if uploading else None)

    async def send(self, note: LogNote) -> None:
        """One status as its 1.6 message."""
        if note.origin == GET_DIAGNOSTICS:
            status = DIAGNOSTICS_STATUS.get(str(note.status), "UploadFailed")
            await self.outbox.request(call.DiagnosticsStatusNotification(status=status))
        else:
            await self.outbox.request(call.LogStatusNotification(status=str(note.status), request_id=note.request_id))
