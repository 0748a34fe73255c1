"""The versions in a bundle: this software, Python, Qt and every pinned dependency, read from
the installed distributions' metadata (nothing is imported, so no display is needed)."""

from __future__ import annotations

import platform
import re
import sys
from importlib import metadata

DISTRIBUTION = "evse-hmi"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def installed(name: str) -> str | None:
    """The installed version of distribution ``name`` (None when it is not installed)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def dependencies(distribution: str = DISTRIBUTION) -> dict[str, str | None]:
    """Each runtime requirement of ``distribution`` (extras left out) and its installed version."""
    try:
        requirements = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return {}
    found: dict[str, str | None] = {}
    for requirement in requirements:
        match = _NAME.match(requirement)
        if match is None or "extra ==" in requirement:
            continue
        found[match.group(0)] = installed(match.group(0))
    return found


def versions_section() -> dict[str, object]:
    """What runs: this software, Python, the platform, Qt (PySide6) and the dependencies."""
    return {
        DISTRIBUTION: installed(DISTRIBUTION) or "not installed (running from a source tree)",
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "qt": installed("PySide6") or "not installed",
        "dependencies": dependencies(),
    }
