"""Logs on request, one at a time: a request is answered at once with the file name, then the
bundle is made and uploaded in a worker thread (the loop never blocks), with retries.

Statuses go to :class:`~controller.diagnostics.journal.Journal` first (Uploading, then one
final status), and the OCPP adapter of the version spoken sends them in order, each once
(:meth:`LogEngine.next_note`, :meth:`LogEngine.delivered`).  A new request while one runs
cancels the old one (AcceptedCanceled; the old one ends without a further status).  The
bundle is made in ``work_dir`` and removed after its upload.  After a restart mid-upload the
request ends with UploadFailure.  Used only on the controller loop's thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from controller.clock import Clock
from controller.diagnostics.collect import LogKind, Sources, Window, bundle_name, collect
from controller.diagnostics.journal import Journal, StatusNote
from controller.diagnostics.redact import Redactor
from controller.diagnostics.status import UploadError, UploadStatus
from controller.diagnostics.upload import check_location, upload

log = logging.getLogger(__name__)

GET_DIAGNOSTICS, GET_LOG = "GetDiagnostics", "GetLog"


@dataclass(frozen=True, slots=True)
class UploadSettings:
    """How uploads are made ([logs] in the configuration)."""

    http_method: str = "PUT"
    timeout_s: float = 60.0
    ca_file: str = ""  # the CA of an HTTPS upload server ("": the system's trust store)
    retries: int = 2  # when the request names none
    retry_interval_s: float = 30.0  # likewise


@dataclass(frozen=True, slots=True)
class LogRequest:
    """A request for logs, in the engine's words."""

    origin: str  # GET_DIAGNOSTICS or GET_LOG
    kind: LogKind
    location: str
    window: Window = Window()  # noqa: RUF009 - frozen, so one shared default is safe
    retries: int | None = None
    retry_interval_s: float | None = None
    request_id: int | None = None


@dataclass(frozen=True, slots=True)
class Accepted:
    """The answer: the name of the file that will be uploaded, and whether a running upload was cancelled."""

    file_name: str
    canceled: bool


class LogEngine:
    """One log upload at a time, its statuses kept until the central system has them."""

    def __init__(self, journal: Journal, work_dir: Path, sources: Callable[[], Sources], clock: Clock,
                 settings: UploadSettings = UploadSettings()) -> None:
        self.journal = journal
        self.work_dir = Path(work_dir)
        self.sources = sources  # called on the loop: the station's codes are read there
        self.clock = clock
        self.settings = settings
        self._task: asyncio.Task[None] | None = None
        self._noted = asyncio.Event()
        for name in journal.cut_short():
            (self.work_dir / name).unlink(missing_ok=True)
        for partial in self.work_dir.glob("*.tar.gz.partial"):
            partial.unlink(missing_ok=True)
        if journal.next_unsent() is not None:
            self._noted.set()

    # --- requests -----------------------------------------------------------------

    def request(self, request: LogRequest) -> Accepted:
        """Take ``request`` (on the running loop): the old upload, if any, is cancelled."""
        canceled = self.cancel()
        now = self.clock.now()
        name = bundle_name(self.sources().charge_point_id, request.kind, now)
        key = self.journal.begin(request.origin, request.request_id, request.kind.value, request.location, name, now)
        self._note(key, UploadStatus.UPLOADING)
        self._task = asyncio.get_running_loop().create_task(self._run(key, request, name), name="log-upload")
        return Accepted(name, canceled)

    def take(self, origin: str, log_type: str, location: str, oldest: datetime | None, latest: datetime | None,
             retries: int | None, retry_interval_s: float | None, request_id: int | None) -> Accepted:
        """:meth:`request` in plain words (the OCPP adapters' ``LogService``); an unknown
        ``log_type`` is taken as DiagnosticsLog (the schemas let no other through)."""
        kind = LogKind.SECURITY if log_type == LogKind.SECURITY.value else LogKind.DIAGNOSTICS
        return self.request(LogRequest(origin, kind, location, Window(oldest, latest), retries, retry_interval_s,
                                       request_id))

    def cancel(self) -> bool:
        """Cancel the upload in progress (True when there was one)."""
        active = self.journal.active()
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None
        if active is None:
            return False
        self.journal.end(active[0])
        log.info("log upload %s cancelled by a newer request", active[2] if active[2] is not None else active[0])
        return True

    @property
    def busy(self) -> bool:
        """An upload is in progress."""
        return self.journal.active() is not None

    def current(self) -> tuple[str | None, int | None, UploadStatus]:
        """(origin, request id, status) of the upload in progress, or (None, None, Idle) (TriggerMessage)."""
        active = self.journal.active()
        if active is None:
            return None, None, UploadStatus.IDLE
        return active[1], active[2], UploadStatus.UPLOADING

    async def close(self) -> None:
        """Stop the upload in progress (it ends with UploadFailure at the next start)."""
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # --- the statuses, for the adapter of the version spoken -------------------------

    def next_note(self) -> StatusNote | None:
        """The oldest status the central system has not answered."""
        return self.journal.next_unsent()

    def delivered(self, note: StatusNote) -> None:
        """The central system answered ``note``."""
        self.journal.sent(note.seq)
        if self.journal.next_unsent() is None:
            self._noted.clear()

    async def wait_note(self) -> StatusNote:
        """The next status to send, once there is one."""
        while True:
            note = self.journal.next_unsent()
            if note is not None:
                return note
            self._noted.clear()
            await self._noted.wait()

    def _note(self, key: int, status: UploadStatus) -> None:
        self.journal.note(key, status, end=status.final)
        self._noted.set()

    # --- one upload -----------------------------------------------------------------

    async def _run(self, key: int, request: LogRequest, name: str) -> None:
        path = self.work_dir / name
        try:
            status = await self._upload(request, name, path)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("log upload failed: %s", exc)
            status = UploadStatus.UPLOAD_FAILURE
        finally:
            path.unlink(missing_ok=True)
        self._note(key, status)

    async def _upload(self, request: LogRequest, name: str, path: Path) -> UploadStatus:
        redacted = Redactor().text(request.location)
        try:
            check_location(request.location)
        except UploadError as exc:
            log.warning("log upload to %s refused: %s", redacted, exc)
            return exc.status
        sources = self.sources()
        await asyncio.to_thread(collect, request.kind, request.window, sources, self.work_dir, self.clock.now(),
                                name)
        retries = self.settings.retries if request.retries is None else max(0, request.retries)
        interval = self.settings.retry_interval_s if request.retry_interval_s is None else request.retry_interval_s
        for attempt in range(retries + 1):
            try:
                await asyncio.to_thread(upload, path, request.location, method=self.settings.http_method,
                                        timeout_s=self.settings.timeout_s, ca_file=self.settings.ca_file)
            except UploadError as exc:
                log.warning("log upload to %s, attempt %d of %d: %s (%s)", redacted, attempt + 1, retries + 1,
                            exc.status.value, exc)
                if not exc.retryable or attempt == retries:
                    return exc.status
                await asyncio.sleep(max(0.0, interval))
                continue
            log.info("log %s uploaded to %s", name, redacted)
            return UploadStatus.UPLOADED
        return UploadStatus.UPLOAD_FAILURE  # pragma: no cover - the loop always returns
