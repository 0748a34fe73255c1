"""The diagnostics bundle: one ``.tar.gz`` named ``<chargePointId>-<kind>-<UTC time>.tar.gz``.

A DiagnosticsLog bundle holds the log records inside the requested window (``log.txt``), the
configuration with every secret redacted (``configuration.json``), the versions, the status
codes in force and recent, the counters, a summary of recent sessions and the reliability
summary (``reliability.json``: uptime per port, latest outages and failed sessions); a SecurityLog
bundle holds the security events inside the window and the versions.  ``manifest.json``
lists the parts (name, size, SHA-256, what each is) and says what is missing and why.  The
whole stays under ``max_bytes``: the log gets what the other parts leave, newest records
kept.  Every text goes through the :class:`~controller.diagnostics.redact.Redactor`.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import io
import json
import sqlite3
import tarfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from controller import reliability_store
from controller.config import Config
from controller.diagnostics import station_data
from controller.diagnostics.log_window import excerpt
from controller.diagnostics.redact import Redactor
from controller.diagnostics.versions import versions_section

#: Room kept for the manifest, tar headers and gzip framing when the log's share is worked out.
OVERHEAD_BYTES = 16_384
SESSIONS_IN_BUNDLE = 50
RELIABILITY_RECENT = 20  # the newest outages and unsuccessful sessions in reliability.json
SECURITY_EVENTS_IN_BUNDLE = 10_000
_TIME_COLUMNS = ("at", "timestamp", "time", "created_at", "recorded_at")


class LogKind(enum.StrEnum):
    """What is asked for (the OCPP logType words)."""

    DIAGNOSTICS = "DiagnosticsLog"
    SECURITY = "SecurityLog"


@dataclass(frozen=True, slots=True)
class Window:
    """The requested time window (either end open)."""

    oldest: datetime | None = None
    latest: datetime | None = None

    def holds(self, moment: datetime) -> bool:
        return (self.oldest is None or moment >= self.oldest) and (self.latest is None or moment <= self.latest)


@dataclass(frozen=True, slots=True)
class Sources:
    """Where the bundle's parts come from."""

    charge_point_id: str
    config: Config
    codes: dict[str, Any] | None = None  # station_data.codes_section(...) read on the loop; None: not running
    secrets: tuple[str, ...] = ()  # values that must never appear (beyond those in the configuration)
    max_bytes: int = 5_000_000
    can_bus: dict[str, Any] | None = None  # station_data.can_bus_section(...) read on the loop; None: not known


@dataclass(frozen=True, slots=True)
class Bundle:
    """A bundle written to disk."""

    path: Path
    manifest: dict[str, Any]

    @property
    def name(self) -> str:
        return self.path.name


def bundle_name(charge_point_id: str, kind: LogKind, now: datetime) -> str:
    """``<chargePointId>-<kind>-<UTC time>.tar.gz`` (file-name safe)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in charge_point_id)
    return f"{safe}-{kind.value}-{now.strftime('%Y%m%dT%H%M%SZ')}.tar.gz"


def config_secrets(config: Config) -> list[str]:
    """The configuration's own secret values (redacted by value everywhere)."""
    return [config.ocpp.authorization_key, config.engineer.pin_hash]


def configuration_section(config: Config, redactor: Redactor) -> dict[str, Any]:
    """The whole configuration, section by section, with every secret redacted."""
    return redactor.data({field.name: dataclasses.asdict(getattr(config, field.name))
                          for field in dataclasses.fields(config)})


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True, default=str) + "\n").encode()


def _in_window(rows: list[dict[str, Any]], window: Window) -> list[dict[str, Any]]:
    column = next((c for c in _TIME_COLUMNS if rows and c in rows[0]), None)
    if column is None:
        return rows
    kept = []
    for row in rows:
        try:
            moment = datetime.fromisoformat(str(row[column]))
        except ValueError:
            kept.append(row)
            continue
        if moment.tzinfo is None or window.holds(moment):
            kept.append(row)
    return kept


class _Parts:
    """The parts gathered so far, and the manifest's lines about them."""

    def __init__(self, redactor: Redactor) -> None:
        self.redactor = redactor
        self.files: dict[str, bytes] = {}
        self.described: list[dict[str, Any]] = []
        self.notes: list[str] = []

    def add(self, name: str, content: Any, what: str) -> None:
        data = content if isinstance(content, bytes) else _json(self.redactor.data(content))
        self.files[name] = data
        self.described.append({"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                               "content": what})

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.files.values())


def _station_parts(parts: _Parts, sources: Sources, window: Window, kind: LogKind, now: datetime) -> None:
    path = sources.config.storage.path
    try:
        with station_data.read_only(path) as db:
            if kind is LogKind.SECURITY:
                events = station_data.security_events(db, SECURITY_EVENTS_IN_BUNDLE)
                if events is None:
                    parts.add("security-log.json", {"available": False, "events": [],
                                                    "note": "this station keeps no security log yet"},
                              "the security events inside the window")
                else:
                    parts.add("security-log.json", {"available": True, "events": _in_window(events, window)},
                              "the security events inside the window")
                return
            parts.add("counters.json", station_data.counters(db), "the maintenance counters")
            parts.add("sessions.json", station_data.sessions(db, SESSIONS_IN_BUNDLE),
                      f"the newest {SESSIONS_IN_BUNDLE} sessions, newest first (card numbers masked)")
            _reliability_part(parts, db, now)
    except (station_data.StationDataError, sqlite3.Error) as exc:  # a bundle is made without them
        parts.notes.append(f"station database not read: {parts.redactor.text(str(exc))}")
        if kind is LogKind.SECURITY:
            parts.add("security-log.json", {"available": False, "events": [], "note": "station database not read"},
                      "the security events inside the window")


def _reliability_part(parts: _Parts, db: sqlite3.Connection, now: datetime) -> None:
    """Each port's uptime (23 CFR 680.116(b)) and success rates over 30 and 365 days, the newest
    outages and unsuccessful sessions (a database older than the reliability tables has none)."""
    try:
        summary = reliability_store.summary(db, now, recent=RELIABILITY_RECENT)
    except sqlite3.Error as exc:
        parts.notes.append(f"reliability not read: {parts.redactor.text(str(exc))}")
        return
    parts.add("reliability.json", summary, f"uptime and success rates per port over 30 and 365 days, the newest "
                                           f"{RELIABILITY_RECENT} outages and unsuccessful sessions")


def _log_part(parts: _Parts, sources: Sources, window: Window) -> bool:
    """The log records inside the window; True when older ones were cut to keep the cap."""
    log_file = sources.config.logging.file
    if not log_file:
        parts.add("log.txt", b"No log file is configured on this station ([logging].file is empty): "
                             b"its log goes to standard error (journald) only.\n", "the log (none configured)")
        parts.notes.append("no log file configured ([logging].file)")
        return False
    budget = max(0, sources.max_bytes - parts.size - OVERHEAD_BYTES)
    found = excerpt(Path(log_file), window.oldest, window.latest, budget)
    if not found.files:
        parts.notes.append(f"no log file found at {Path(log_file).name}")
    parts.add("log.txt", parts.redactor.text(found.text).encode(),
              f"{found.records} log records inside the window, from {', '.join(found.files) or 'no file'}")
    return found.truncated


def collect(kind: LogKind, window: Window, sources: Sources, directory: Path, now: datetime,
            name: str | None = None) -> Bundle:
    """Write the bundle of ``kind`` for ``window`` into ``directory`` as ``name`` (default:
    :func:`bundle_name`); blocking, so run it in a thread."""
    redactor = Redactor([*config_secrets(sources.config), *sources.secrets])
    parts = _Parts(redactor)
    parts.add("versions.json", versions_section(), "the versions of this software, Python, Qt and dependencies")
    truncated = False
    _station_parts(parts, sources, window, kind, now)
    if kind is LogKind.DIAGNOSTICS:
        parts.add("configuration.json", configuration_section(sources.config, redactor),
                  "the configuration, secrets redacted")
        parts.add("status-codes.json", sources.codes if sources.codes is not None else
                  {"active": [], "recent": [], "note": "the station is not running"},
                  "the status codes in force and the recent ones")
        if sources.can_bus is not None:
            parts.add("can-bus.json", sources.can_bus, "the internal CAN bus: its state and counters since start-up")
        truncated = _log_part(parts, sources, window)
    manifest = {
        "charge_point_id": sources.charge_point_id, "kind": kind.value, "created": now.isoformat(),
        "window": {"oldest": window.oldest.isoformat() if window.oldest else None,
                   "latest": window.latest.isoformat() if window.latest else None},
        "parts": parts.described, "notes": parts.notes, "truncated": truncated, "max_bytes": sources.max_bytes,
    }
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / (name or bundle_name(sources.charge_point_id, kind, now))
    partial = path.with_name(path.name + ".partial")
    _write(partial, [("manifest.json", _json(manifest)), *parts.files.items()], now)
    partial.replace(path)
    return Bundle(path, manifest)


def _write(path: Path, members: Iterable[tuple[str, bytes]], now: datetime) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = int(now.timestamp())
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
