"""The update engine: one job at a time, from the request to the new version's first start.

The steps (:class:`~controller.firmware.state.Step`), each persisted with the notice of
entering it (:mod:`controller.firmware.state`), so a restart or a SIGKILL at any moment resumes
the step as it stands and never tells a step twice:

=============  ==================================================  ==============================
step           what happens                                        then (status told)
=============  ==================================================  ==============================
SCHEDULED      wait for the retrieve time (DownloadScheduled)      DOWNLOADING (Downloading)
DOWNLOADING    an attempt (worker thread); a failed one waits      DOWNLOADED (Downloaded), or
               ``retry_interval_s`` and retries ``retries`` times  the end (DownloadFailed)
DOWNLOADED     a signed job: the signature and its certificate     VERIFIED (SignatureVerified),
                                                                   or the end (InvalidSignature,
                                                                   InvalidCertificate)
VERIFIED       wait for the install time and an idle charger       INSTALLING (Installing)
               (InstallScheduled meanwhile), then the station is
               told the update began
INSTALLING     the installer (worker thread, resumable)            REBOOTING (InstallRebooting),
                                                                   or the end (InstallationFailed,
                                                                   InstallVerificationFailed)
REBOOTING      the trial begins, the notices get a moment to go,   on the next start: Installed,
               the process restarts (``restart``)                  or InstallationFailed when the
                                                                   launcher rolled it back
=============  ==================================================  ==============================

A new request while a job runs cancels it (AcceptedCanceled; the cancelled job tells nothing
more), unless its install began (Rejected).  Statuses are kept as numbered notices until the
protocol adapter that speaks to the central system has delivered them (:meth:`pending`,
:meth:`delivered`), across outages and restarts.  Time comes from the injected clock; every
wait is a short tick (``tick_s``) or a :meth:`poke`, never a long sleep.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from controller.clock import Clock
from controller.firmware.download import DownloadCancelled, DownloadError, fetch, partial_of
from controller.firmware.ports import Release, StationGate, Verifier
from controller.firmware.request import Acceptance, FirmwareStatus, Notice, Origin, UpdateRequest
from controller.firmware.state import Job, State, StateFile, Step

log = logging.getLogger(__name__)

#: Security events (whitepaper and 2.0.1 names).
INVALID_SIGNING_CERTIFICATE = "InvalidFirmwareSigningCertificate"
INVALID_SIGNATURE_EVENT = "InvalidFirmwareSignature"
FIRMWARE_UPDATED = "FirmwareUpdated"

SecurityEvent = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class Limits:
    """How the engine paces itself."""

    timeout_s: float = 60.0  # one read of a download
    max_bytes: int = 1024 * 1024 * 1024  # a bundle larger than this is refused
    tick_s: float = 0.5  # how often waits re-check the clock and the station
    reboot_grace_s: float = 10.0  # before restarting, for InstallRebooting to reach the central system


class FirmwareEngine:
    """The update engine (a :class:`~controller.firmware.request.FirmwareUpdates` for the adapters)."""

    def __init__(self, state_file: StateFile, downloads: Path, clock: Clock, *, gate: StationGate | None = None,
                 release: Release | None = None, verifier: Verifier | None = None,
                 security_event: SecurityEvent | None = None, restart: Callable[[], None] | None = None,
                 signed_only: bool = False, ssl_context: ssl.SSLContext | None = None,
                 limits: Limits | None = None) -> None:
        self.state_file = state_file
        self.downloads = downloads
        self.clock = clock
        self.gate = gate  # replaced with the new station's after a Reset (attach)
        self.release = release
        self.verifier = verifier
        self.security_event = security_event or (lambda kind, info: None)
        self.restart = restart or (lambda: log.error("firmware: no restart wired: restart the charger by hand"))
        self.signed_only = signed_only
        self.ssl_context = ssl_context
        self.limits = limits or Limits()
        self.state: State = state_file.load()
        self._wake = asyncio.Event()
        self._cancel = threading.Event()  # the running download stops between two reads
        self._task: asyncio.Task[None] | None = None
        self._restarting = False
        self._confirming = False  # a new version waits for its health check before it says Installed

    # --- what the protocol adapters see (FirmwareUpdates) ----------------------------------

    def submit(self, request: UpdateRequest) -> Acceptance:
        """Take a new update; see :class:`~controller.firmware.request.FirmwareUpdates`."""
        job = self.state.job
        if job is not None and job.step in (Step.INSTALLING, Step.REBOOTING):
            log.warning("firmware: update from %s refused: the install of %s has begun", request.location,
                        job.request.location)
            return Acceptance.REJECTED
        if request.signed:
            assert request.signing_certificate is not None
            problem = (FirmwareStatus.INVALID_CERTIFICATE if self.verifier is None
                       else self.verifier.check_certificate(request.signing_certificate))
            if problem is not None:
                why = "no manufacturer root configured" if self.verifier is None else "does not chain to its root"
                log.warning("firmware: update from %s refused: its signing certificate %s", request.location, why)
                self.security_event(INVALID_SIGNING_CERTIFICATE, f"request {request.request_id}: {why}"[:255])
                return Acceptance.INVALID_CERTIFICATE
        cancelled = job is not None
        if job is not None:
            log.warning("firmware: update from %s cancelled for one from %s", job.request.location, request.location)
            self._cancel.set()
        self.state.job = Job(request, self.state.next_job)
        self.state.next_job += 1
        self._save()
        log.info("firmware: update from %s accepted (request %s, retrieve at %s)", request.location,
                 request.request_id, request.retrieve_at.isoformat())
        self.poke()
        return Acceptance.ACCEPTED_CANCELED if cancelled else Acceptance.ACCEPTED

    def current(self) -> Notice:
        """The running job's last status (Idle when none runs)."""
        job = self.state.job
        if job is None or job.status is None:
            return Notice(0, FirmwareStatus.IDLE, job.request.origin if job else Origin.PLAIN_16)
        return Notice(0, job.status, job.request.origin, job.request.request_id)

    def pending(self) -> Notice | None:
        """The oldest notice not delivered yet."""
        return self.state.notices[0] if self.state.notices else None

    def delivered(self, seq: int) -> None:
        """Notice ``seq`` (and any before it) is done with."""
        before = len(self.state.notices)
        self.state.notices = [n for n in self.state.notices if n.seq > seq]
        if len(self.state.notices) != before:
            self._save()

    # --- life ------------------------------------------------------------------------------

    def attach(self, gate: StationGate) -> None:
        """The station to ask and tell (a Reset builds a new one)."""
        self.gate = gate
        self.poke()

    def start(self) -> asyncio.Task[None]:
        """Run the engine on the running loop (once)."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self.run(), name="firmware")
        return self._task

    async def close(self) -> None:
        """Stop (the state on disk is resumed by the next engine)."""
        self._cancel.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def poke(self) -> None:
        """Re-check now (a new job; a station cycle; the clock moved)."""
        self._wake.set()

    async def run(self) -> None:
        """Settle what the last restart left, then carry out jobs until cancelled."""
        self._settle_after_restart()
        while True:
            job = self.state.job
            if job is None or self._restarting:
                await self._pause(None if job is None else self.limits.tick_s)
                continue
            try:
                await self._advance(job)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("firmware: step %s of the update from %s failed", job.step.value, job.request.location)
                if self.state.job is job:
                    self._end_install(job, FirmwareStatus.INSTALLATION_FAILED)

    # --- the steps -------------------------------------------------------------------------

    async def _advance(self, job: Job) -> None:
        """One move of ``job`` (or one wait)."""
        match job.step:
            case Step.SCHEDULED:
                await self._scheduled(job)
            case Step.DOWNLOADING:
                await self._downloading(job)
            case Step.DOWNLOADED:
                await self._downloaded(job)
            case Step.VERIFIED:
                await self._verified(job)
            case Step.INSTALLING:
                await self._installing(job)
            case Step.REBOOTING:
                await self._rebooting(job)

    async def _scheduled(self, job: Job) -> None:
        if self.clock.now() < job.request.retrieve_at:
            if job.status is None:
                self._tell(job, FirmwareStatus.DOWNLOAD_SCHEDULED)
            await self._pause(self.limits.tick_s)
            return
        self._enter(job, Step.DOWNLOADING, FirmwareStatus.DOWNLOADING)

    async def _downloading(self, job: Job) -> None:
        if job.next_try_at is not None and self.clock.now() < job.next_try_at:
            await self._pause(self.limits.tick_s)
            return
        self._cancel.clear()
        self._tidy(job)
        try:
            await asyncio.to_thread(fetch, job.request.location, self._bundle(job), timeout_s=self.limits.timeout_s,
                                    max_bytes=self.limits.max_bytes, context=self.ssl_context, cancelled=self._cancel)
        except DownloadCancelled:
            return
        except DownloadError as exc:
            if self.state.job is not job:
                return
            job.attempts += 1
            log.warning("firmware: download %d of %s failed: %s", job.attempts, job.request.location, exc)
            if job.attempts > job.request.retries:
                self._finish(job, FirmwareStatus.DOWNLOAD_FAILED)
                return
            job.next_try_at = self.clock.now() + timedelta(seconds=job.request.retry_interval_s)
            self._save()
            return
        if self.state.job is job:
            log.info("firmware: %s downloaded", job.request.location)
            self._enter(job, Step.DOWNLOADED, FirmwareStatus.DOWNLOADED)

    async def _downloaded(self, job: Job) -> None:
        request = job.request
        if not request.signed:
            self._enter(job, Step.VERIFIED, None)
            return
        assert request.signature is not None and request.signing_certificate is not None
        problem = FirmwareStatus.INVALID_CERTIFICATE if self.verifier is None else await asyncio.to_thread(
            self.verifier.verify_file, self._bundle(job), request.signature, request.signing_certificate)
        if self.state.job is not job:
            return
        if problem is None:
            self._enter(job, Step.VERIFIED, FirmwareStatus.SIGNATURE_VERIFIED)
            return
        log.warning("firmware: %s from %s", problem.value, request.location)
        kind = INVALID_SIGNING_CERTIFICATE if problem is FirmwareStatus.INVALID_CERTIFICATE else INVALID_SIGNATURE_EVENT
        self.security_event(kind, f"request {request.request_id}: {request.location}"[:255])
        self._finish(job, problem)

    async def _verified(self, job: Job) -> None:
        install_at = job.request.install_at
        waiting = install_at is not None and self.clock.now() < install_at
        if not waiting and self.gate is not None and self.gate.is_idle():
            self._enter(job, Step.INSTALLING, FirmwareStatus.INSTALLING)
            return
        if job.status is not FirmwareStatus.INSTALL_SCHEDULED:
            log.info("firmware: the install waits for %s", "its time" if waiting else "the charger to be idle")
            self._tell(job, FirmwareStatus.INSTALL_SCHEDULED)
        await self._pause(self.limits.tick_s)

    async def _installing(self, job: Job) -> None:
        if self.gate is not None:
            self.gate.set_software_update(True)  # no new session, the Updating screen (again after a restart)
        if self.release is None:
            log.error("firmware: cannot install %s: not a managed install ([updates].root is empty and "
                      "EVSE_RELEASE_ROOT is not set), so there is no side-by-side install to put it in",
                      job.request.location)
            self._end_install(job, FirmwareStatus.INSTALLATION_FAILED)
            return
        try:
            version = await asyncio.to_thread(self.release.install, self._bundle(job))
        except Exception as exc:
            verification = getattr(exc, "status", None) == FirmwareStatus.INSTALL_VERIFICATION_FAILED.value
            log.error("firmware: install of %s failed: %s", job.request.location, exc)
            self._end_install(job, FirmwareStatus.INSTALL_VERIFICATION_FAILED if verification
                              else FirmwareStatus.INSTALLATION_FAILED)
            return
        job.version = version
        log.warning("firmware: version %s installed beside the running one: restarting into it", version)
        self._enter(job, Step.REBOOTING, FirmwareStatus.INSTALL_REBOOTING)

    async def _rebooting(self, job: Job) -> None:
        """In the process that installed (or one killed before it restarted): begin the trial and
        restart.  In the new version: Installed once its health is confirmed (the runtime's check:
        self-test passed, the central system accepted it), so that a version the launcher rolls
        back never said Installed."""
        if self._confirming:
            await self._confirmed(job)
            return
        assert self.release is not None and job.version is not None
        self.release.begin_trial(job.version)
        self._restarting = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.limits.reboot_grace_s  # real seconds: the link's, not the clock's
        while self.state.notices and loop.time() < deadline:
            await self._pause(self.limits.tick_s)
        self.restart()

    async def _confirmed(self, job: Job) -> None:
        assert self.release is not None and job.version is not None
        if self.release.on_trial(job.version):
            await self._pause(self.limits.tick_s)
            return
        self._confirming = False
        self.state.installed = {"version": job.version, "request_id": job.request.request_id,
                                "origin": job.request.origin.value}
        log.warning("firmware: version %s confirmed healthy: installed", job.version)
        self.security_event(FIRMWARE_UPDATED, f"version {job.version}")
        self._finish(job, FirmwareStatus.INSTALLED)

    def _settle_after_restart(self) -> None:
        """At start: a job that was rebooting is Installed when its version runs now, failed when
        the launcher rolled it back; a version that reported Installed and was rolled back since
        is reported failed."""
        release = self.release
        if release is None:
            return
        job = self.state.job
        outcome = release.outcome()
        rolled_back = outcome is not None and outcome.result == "rolled_back"
        if job is not None and job.step is Step.REBOOTING:
            running = release.running_version()
            if running == job.version:
                log.warning("firmware: now running version %s; Installed once its health is confirmed", running)
                self._confirming = True  # _rebooting waits for the health check, not a new trial
            elif rolled_back and outcome is not None and outcome.version == job.version:
                log.error("firmware: version %s was rolled back: %s", job.version, outcome.reason)
                release.clear_outcome()
                self._finish(job, FirmwareStatus.INSTALLATION_FAILED)
            return  # else the trial never began: _rebooting begins it
        installed = self.state.installed
        if installed is not None and rolled_back and outcome is not None and outcome.version == installed["version"]:
            log.error("firmware: version %s was rolled back after it started: %s", outcome.version, outcome.reason)
            self._notice(FirmwareStatus.INSTALLATION_FAILED, Origin(installed["origin"]), installed["request_id"])
            self.state.installed = None
            release.clear_outcome()
            self._save()

    # --- bookkeeping -----------------------------------------------------------------------

    def _bundle(self, job: Job) -> Path:
        return self.downloads / f"update-{job.number}.bin"

    def _tidy(self, job: Job) -> None:
        """Files of other jobs (cancelled ones) go."""
        keep = {self._bundle(job).name, partial_of(self._bundle(job)).name}
        if self.downloads.is_dir():
            for path in self.downloads.iterdir():
                if path.name.startswith("update-") and path.name not in keep:
                    path.unlink(missing_ok=True)

    def _notice(self, status: FirmwareStatus, origin: Origin, request_id: int | None) -> None:
        self.state.notices.append(Notice(self.state.next_seq, status, origin, request_id))
        self.state.next_seq += 1

    def _tell(self, job: Job, status: FirmwareStatus) -> None:
        """``status`` of ``job``, kept for the central system (saved with the job)."""
        job.status = status
        self._notice(status, job.request.origin, job.request.request_id)
        self._save()

    def _enter(self, job: Job, step: Step, status: FirmwareStatus | None) -> None:
        """``job`` moves to ``step``, telling ``status``: one write for both."""
        job.step = step
        if status is None:
            self._save()
        else:
            self._tell(job, status)

    def _finish(self, job: Job, status: FirmwareStatus) -> None:
        """``job`` ends with ``status``; its download goes."""
        job.status = status
        self._notice(status, job.request.origin, job.request.request_id)
        self.state.job = None
        self._save()
        for path in (self._bundle(job), partial_of(self._bundle(job))):
            path.unlink(missing_ok=True)
        log.info("firmware: update from %s ended: %s", job.request.location, status.value)

    def _end_install(self, job: Job, status: FirmwareStatus) -> None:
        """The install failed: the charger goes on with the running version."""
        if self.gate is not None:
            self.gate.set_software_update(False)
        self._finish(job, status)

    def _save(self) -> None:
        self.state_file.save(self.state)

    async def _pause(self, seconds: float | None) -> None:
        """Until poked, or ``seconds`` (None: until poked)."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._wake.wait()
        self._wake.clear()
