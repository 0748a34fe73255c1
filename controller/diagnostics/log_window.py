"""The log lines inside a time window, from the rotating log files (:mod:`controller.logs`).

The file ``[logging].file`` and its rotated copies (``file.1`` newest ... ``file.N`` oldest)
are read oldest first.  A record starts with its time (``%(asctime)s``: local time,
``YYYY-MM-DD HH:MM:SS,mmm``); the lines that follow it without a time (a traceback) belong
to it.  Records outside the window are left out; when more than ``max_bytes`` are inside it,
the oldest go first and the result says so.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}),(\d{3}) ")


@dataclass(frozen=True, slots=True)
class LogExcerpt:
    """The records inside the window, oldest first."""

    text: str
    records: int
    files: tuple[str, ...]  # the files read, oldest first
    truncated: bool  # older records inside the window were left out to keep the size cap


def log_files(path: Path) -> list[Path]:
    """``path`` and its rotated copies, oldest first (only those that exist)."""
    rotated = sorted((p for p in path.parent.glob(path.name + ".*") if p.suffix[1:].isdigit()),
                     key=lambda p: int(p.suffix[1:]), reverse=True)
    return [*rotated, *([path] if path.exists() else [])]


def record_time(line: str) -> datetime | None:
    """The UTC time a record line starts with (None for a continuation line)."""
    match = _STAMP.match(line)
    if match is None:
        return None
    local = datetime.strptime(match.group(1), "%Y-%m-%d %H:%M:%S").replace(microsecond=int(match.group(2)) * 1000)
    return local.astimezone(UTC)  # a naive time is taken as local time, as logging wrote it


def _records(files: list[Path]) -> Iterator[tuple[datetime | None, str]]:
    current: list[str] = []
    at: datetime | None = None
    for path in files:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                stamp = record_time(line)
                if stamp is not None and current:
                    yield at, "".join(current)
                    current = []
                if stamp is not None:
                    at = stamp
                current.append(line if line.endswith("\n") else line + "\n")
    if current:
        yield at, "".join(current)


def excerpt(path: Path, oldest: datetime | None, latest: datetime | None, max_bytes: int) -> LogExcerpt:
    """The records of the log ``path`` (and its rotated copies) from ``oldest`` to ``latest``
    (either open), at most ``max_bytes`` of them (the newest kept)."""
    files = log_files(path)
    kept: deque[str] = deque()
    size = 0
    truncated = False
    for at, record in _records(files):
        if at is not None and ((oldest is not None and at < oldest) or (latest is not None and at > latest)):
            continue
        if at is None and oldest is not None:
            continue  # lines before the first record have no time: inside no bounded window
        kept.append(record)
        size += len(record.encode())
        while size > max_bytes and kept:
            size -= len(kept.popleft().encode())
            truncated = True
    return LogExcerpt("".join(kept), len(kept), tuple(p.name for p in files), truncated)
