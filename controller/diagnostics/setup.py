"""Building the log engine from the station's configuration (the wiring helper).

The journal shares the charge point's SQLite file (``[ocpp].database``: tables of its own,
a connection of its own), so the statuses live as long as the rest of what the central
system is owed; bundles are made in ``diagnostics/`` beside the station's database.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from controller.clock import Clock
from controller.config import Config
from controller.diagnostics.collect import Sources
from controller.diagnostics.engine import LogEngine, UploadSettings
from controller.diagnostics.journal import Journal


def work_directory(config: Config) -> Path:
    """Where bundles are made: ``diagnostics/`` in the station's data directory."""
    for path in (config.storage.path, config.ocpp.database):
        if path and path != ":memory:":
            return Path(path).resolve().parent / "diagnostics"
    return Path(tempfile.gettempdir()) / "evse-diagnostics"


def upload_settings(config: Config) -> UploadSettings:
    logs = config.logs
    return UploadSettings(logs.http_method, logs.timeout_s, logs.ca_file, logs.retries, logs.retry_interval_s)


def build_log_engine(config: Config, charge_point_id: str, database: str, clock: Clock,
                     codes: Callable[[], dict[str, Any] | None],
                     secrets: Callable[[], Sequence[str]] = tuple,
                     can_bus: Callable[[], dict[str, Any] | None] = lambda: None) -> LogEngine:
    """The log engine of a station: ``database`` the charge point's SQLite file, ``codes()`` the
    station's status codes now (:func:`~controller.diagnostics.station_data.codes_section`),
    ``secrets()`` the secret values in force now (the AuthorizationKey a central system set),
    ``can_bus()`` the internal bus's state and counters
    (:func:`~controller.diagnostics.station_data.can_bus_section`)."""
    def sources() -> Sources:
        return Sources(charge_point_id, config, codes(), tuple(secrets()), config.logs.max_bundle_bytes, can_bus())

    return LogEngine(Journal(database), work_directory(config), sources, clock, upload_settings(config))
