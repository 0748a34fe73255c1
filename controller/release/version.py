"""The version of the software that is running."""

from __future__ import annotations

from importlib import metadata

from controller.release.manifest import PROJECT


def running_version() -> str:
    """The installed ``evse-hmi`` distribution's version ("0+unknown" when it is not installed)."""
    try:
        return metadata.version(PROJECT)
    except metadata.PackageNotFoundError:
        return "0+unknown"
