"""Building the charge point from the station's configuration (the wiring helper)."""

from __future__ import annotations

import random

from controller.clock import Clock
from controller.config import Config, backend_configured
from controller.firmware.request import FirmwareUpdates
from controller.ocpp.certificate_port import Certificates
from controller.ocpp.client import OcppClient
from controller.ocpp.connection import endpoint, endpoint_from_override, offered_subprotocols
from controller.ocpp.port import StationPort
from controller.ocpp.settings import ClientSettings, Identity
from controller.ocpp.storage import Storage


def client_settings(config: Config, csms_url: str | None = None,
                    version: str = "1.6") -> tuple[ClientSettings, Identity] | None:
    """Who the charger is and how it connects, for ``config`` (None when no central system is
    configured).  ``csms_url`` is ``--csms URL``: it replaces ``[ocpp].url`` and its last path
    segment is the charge point id.  ``version``: what the handshake offers ("1.6", "2.0.1",
    or "auto" for both: see :mod:`controller.backend`)."""
    if not backend_configured(config, csms_url):
        return None
    ocpp = config.ocpp
    target = endpoint_from_override(csms_url) if csms_url else endpoint(ocpp.url, config.station.charge_point_id)
    settings = ClientSettings(
        endpoint=target,
        authorization_key=ocpp.authorization_key,
        ca_file=ocpp.ca_file,
        network=ocpp.network,
        response_timeout_s=ocpp.response_timeout_s,
        reconnect_initial_s=ocpp.reconnect_initial_s,
        reconnect_max_s=ocpp.reconnect_max_s,
        reconnect_jitter_s=ocpp.reconnect_jitter_s,
        phase_voltage_v=ocpp.phase_voltage_v,
        station_max_w=config.limits.max_power_kw * 1000,
        heartbeat_s=ocpp.heartbeat_interval_s,
        connection_timeout_s=config.limits.plug_in_timeout_s,
        languages=tuple(config.station.languages),
        language=config.station.language,
        currency=config.tariff.currency.upper(),
        vendor_error_code=ocpp.vendor_error_code,
        subprotocols=offered_subprotocols(version),
    )
    station = config.station
    return settings, Identity(station.vendor, station.model, station.serial_number,
                              station.software_version())


def build_client(config: Config, port: StationPort, clock: Clock, csms_url: str | None = None,
                 rng: random.Random | None = None, storage: Storage | None = None,
                 version: str = "1.6", certificates: Certificates | None = None,
                 firmware: FirmwareUpdates | None = None) -> OcppClient | None:
    """The OCPP 1.6 charge point for ``config`` (None when no central system is configured).

    ``storage``: an open charge-point database to go on with (after a Reset), else
    ``[ocpp].database`` is opened.  ``version``: see :func:`client_settings`.
    ``certificates``: the certificate store (:func:`controller.security.setup.certificate_store`).
    ``firmware``: the software update engine (without one, UpdateFirmware is answered NotSupported).
    """
    built = client_settings(config, csms_url, version)
    if built is None:
        return None
    settings, identity = built
    return OcppClient(settings, identity, port, storage or Storage(config.ocpp.database), clock, rng,
                      certificates=certificates, firmware=firmware)
