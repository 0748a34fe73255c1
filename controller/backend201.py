"""The OCPP 2.0.1 charging station wired to the station (loaded only when 2.0.1 may be spoken)."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from controller.clock import Clock
from controller.config import Config
from controller.ocpp.port import StationSnapshot
from controller.ocpp.storage import Storage
from controller.ocpp201.setup import build_client201
from controller.station_port import StationPort

if TYPE_CHECKING:
    from controller.station import Station


def client201_builder(config: Config, station: Station, snapshot: Callable[[], StationSnapshot], clock: Clock,
                      csms_url: str | None, storage: Storage, changed: Callable[[], None] | None,
                      rng: random.Random | None, version: str, certificates: Any = None,
                      firmware: Any = None) -> Callable[[], Any]:
    """Builds the 2.0.1 charging station of ``station`` on ``storage`` (each call a new one);
    ``snapshot()``: the station as the OCPP side sees it; ``certificates``: the certificate store;
    ``firmware``: the update engine, shared."""
    sides = tuple(station.connectors)
    standards = {side.connector_id: connector.standard.display_name for side, connector in station.connectors.items()}

    def build() -> Any:
        return build_client201(config, StationPort(station), snapshot, sides,
                               standards, clock, csms_url, storage, changed, rng, version, certificates, firmware)
    return build
