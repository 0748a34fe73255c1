"""The engine's state on disk: the job, its step, and the notices not delivered yet.

One small JSON file in the station's data directory, replaced atomically (written beside it,
flushed to disk, renamed over it, the directory flushed), so a power cut leaves either the old
state or the new one, never half of each.  A job's step and the notice of entering it are
written in the same replacement: after a restart the engine never tells a step twice.
"""

from __future__ import annotations

import enum
import json
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from controller.firmware.request import FirmwareStatus, Notice, Origin, UpdateRequest

log = logging.getLogger(__name__)

FORMAT = 1


class Step(enum.Enum):
    """Where a job is; each step is resumed as it stands after a restart."""

    SCHEDULED = "scheduled"  # waiting for its retrieve time
    DOWNLOADING = "downloading"  # an attempt runs, or waits for its retry time
    DOWNLOADED = "downloaded"  # the file is here: verify it next
    VERIFIED = "verified"  # waiting for the install time and an idle charger
    INSTALLING = "installing"  # the installer runs (resumable)
    REBOOTING = "rebooting"  # the trial began: the process restarts into the new version


@dataclass
class Job:
    """The update being carried out."""

    request: UpdateRequest
    number: int  # this job's own number: its download's file name
    step: Step = Step.SCHEDULED
    attempts: int = 0  # download attempts that failed
    next_try_at: datetime | None = None  # the next attempt, after a failed one
    version: str | None = None  # the version the installer put in place
    status: FirmwareStatus | None = None  # the last status told of this job


@dataclass
class State:
    """Everything the engine keeps."""

    job: Job | None = None
    notices: list[Notice] = field(default_factory=list)  # not delivered yet, oldest first
    next_seq: int = 1
    next_job: int = 1
    installed: dict[str, Any] | None = None  # the last job that reported Installed: to catch a later rollback


def _request_to_dict(request: UpdateRequest) -> dict[str, Any]:
    return {"location": request.location, "retrieve_at": request.retrieve_at.isoformat(),
            "origin": request.origin.value, "retries": request.retries, "retry_interval_s": request.retry_interval_s,
            "install_at": request.install_at.isoformat() if request.install_at else None,
            "signature": request.signature, "signing_certificate": request.signing_certificate,
            "request_id": request.request_id}


def _request_from_dict(raw: dict[str, Any]) -> UpdateRequest:
    return UpdateRequest(raw["location"], datetime.fromisoformat(raw["retrieve_at"]), Origin(raw["origin"]),
                         raw["retries"], raw["retry_interval_s"],
                         datetime.fromisoformat(raw["install_at"]) if raw["install_at"] else None,
                         raw["signature"], raw["signing_certificate"], raw["request_id"])


def to_dict(state: State) -> dict[str, Any]:
    job = state.job
    return {
        "format": FORMAT,
        "next_seq": state.next_seq,
        "next_job": state.next_job,
        "installed": state.installed,
        "notices": [{"seq": n.seq, "status": n.status.value, "origin": n.origin.value, "request_id": n.request_id}
                    for n in state.notices],
        "job": None if job is None else {
            "request": _request_to_dict(job.request), "number": job.number, "step": job.step.value,
            "attempts": job.attempts,
            "next_try_at": job.next_try_at.isoformat() if job.next_try_at else None, "version": job.version,
            "status": job.status.value if job.status else None},
    }


def from_dict(raw: dict[str, Any]) -> State:
    job = raw.get("job")
    return State(
        job=None if job is None else Job(
            _request_from_dict(job["request"]), job["number"], Step(job["step"]), job["attempts"],
            datetime.fromisoformat(job["next_try_at"]) if job["next_try_at"] else None, job["version"],
            FirmwareStatus(job["status"]) if job["status"] else None),
        notices=[Notice(n["seq"], FirmwareStatus(n["status"]), Origin(n["origin"]), n["request_id"])
                 for n in raw.get("notices", [])],
        next_seq=raw.get("next_seq", 1),
        next_job=raw.get("next_job", 1),
        installed=raw.get("installed"),
    )


class StateFile:
    """The state at ``path`` (None: kept in memory only, for a station with no data directory)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def load(self) -> State:
        """The state last saved (an empty one when there is none; an unreadable file is set aside
        and logged, so a damaged file cannot keep the charger from starting)."""
        if self.path is None or not self.path.exists():
            return State()
        try:
            return from_dict(json.loads(self.path.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError) as exc:
            aside = self.path.with_suffix(".damaged")
            os.replace(self.path, aside)
            log.error("firmware state %s unreadable (%s): set aside as %s, starting without a job", self.path, exc,
                      aside)
            return State()

    def save(self, state: State) -> None:
        """Replace the file with ``state``, atomically."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(to_dict(state), handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)
        directory = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
