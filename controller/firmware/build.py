"""The engine for a configuration: where its state and downloads live, its installer and roots."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from controller.clock import Clock
from controller.config import Config
from controller.firmware.download import client_context
from controller.firmware.engine import FirmwareEngine, Limits, SecurityEvent
from controller.firmware.ports import Release, StationGate
from controller.firmware.release_port import InstalledRelease, ManufacturerVerifier, Roots, roots_from_file
from controller.firmware.state import StateFile

log = logging.getLogger(__name__)

STATE_FILE = "firmware.json"
DOWNLOADS = "firmware"


def data_directory(store_path: str) -> Path | None:
    """Where the station keeps its files: beside its store (``[storage].path``); None for a
    store in memory (tests, scenarios: then the engine keeps its state in memory too)."""
    return None if store_path == ":memory:" else Path(store_path).resolve().parent


def release_root(config: Config) -> Path | None:
    """``[updates].root``, else EVSE_RELEASE_ROOT, else None (not a managed install)."""
    root = config.updates.root or os.environ.get("EVSE_RELEASE_ROOT", "")
    return Path(root) if root else None


def build_engine(config: Config, clock: Clock, directory: Path | None, *, gate: StationGate | None = None,
                 security_event: SecurityEvent | None = None, restart: Callable[[], None] | None = None,
                 roots: Roots | None = None, release: Release | None = None,
                 limits: Limits | None = None) -> FirmwareEngine:
    """The update engine of ``config`` (not started), its state and downloads in ``directory``
    (:func:`data_directory`; None: state in memory, downloads in a temporary directory).

    ``roots``: the manufacturer's roots (the certificate store's, say), else
    ``[updates].manufacturer_root``; ``release``: the installer, else one at :func:`release_root`
    when there is one; ``restart``: ends the process with EXIT_RESTART so that the launcher
    starts the new version."""
    state = StateFile(directory / STATE_FILE if directory is not None else None)
    downloads = directory / DOWNLOADS if directory is not None else Path(tempfile.mkdtemp(prefix="evse-firmware-"))
    if roots is None and config.updates.manufacturer_root:
        roots = roots_from_file(config.updates.manufacturer_root)
    root = release_root(config)
    if release is None and root is not None:
        release = InstalledRelease(root, roots or (lambda: []), config.updates.keep_versions)
    return FirmwareEngine(state, downloads, clock, gate=gate, release=release,
                          verifier=ManufacturerVerifier(roots) if roots is not None else None,
                          security_event=security_event, restart=restart, signed_only=config.updates.signed_only,
                          ssl_context=client_context(config.ocpp.ca_file), limits=limits or Limits())
