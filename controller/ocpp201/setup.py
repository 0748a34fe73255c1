"""Building the 2.0.1 charging station from the station's configuration (the wiring helper)."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping

from controller.clock import Clock
from controller.config import Config
from controller.firmware.request import FirmwareUpdates
from controller.ocpp.certificate_port import Certificates
from controller.ocpp.port import StationSnapshot
from controller.ocpp.setup import client_settings
from controller.ocpp.storage import Storage
from controller.ocpp201.client import Client201
from controller.ocpp201.station_link import StationLink
from controller.port import BackendPort
from controller.types import Side


def build_client201(config: Config, port: BackendPort, snapshot: Callable[[], StationSnapshot],
                    sides: tuple[Side, ...], standards: Mapping[int, str], clock: Clock,
                    csms_url: str | None = None, storage: Storage | None = None,
                    changed: Callable[[], None] | None = None, rng: random.Random | None = None,
                    version: str = "2.0.1", certificates: Certificates | None = None,
                    firmware: FirmwareUpdates | None = None) -> Client201 | None:
    """The 2.0.1 charging station for ``config`` (None when no central system is configured):
    the same endpoint, credentials and timings as the 1.6 charge point (``--csms URL``
    included), offering ``ocpp2.0.1`` (or both with ``version = "auto"``).  ``standards``:
    each EVSE's DC standard by name (CCS1, CHAdeMO, GB/T); ``certificates``: the certificate
    store; ``firmware``: the software update engine shared with 1.6 (without one,
    UpdateFirmware is answered NotSupported)."""
    built = client_settings(config, csms_url, version)
    if built is None:
        return None
    settings, identity = built
    link = StationLink(port, snapshot, sides, changed)
    return Client201(settings, identity, link, storage or Storage(config.ocpp.database), clock, rng,
                     standards=standards, certificates=certificates, firmware=firmware)
