"""What the charge point is told when it is built: who the charger is and how to behave.

:class:`Identity` is what BootNotification says about the charger; :class:`ClientSettings`
the connection, timing and local choices (:mod:`controller.ocpp.setup` fills both from
the configuration).  Plain frozen data, shared by the client and its request handlers.
"""

from __future__ import annotations

from dataclasses import dataclass

from controller.ocpp.connection import Endpoint
from controller.preferences import SUPPORTED_LANGUAGES


@dataclass(frozen=True, slots=True)
class Identity:
    """What BootNotification tells about the charger."""

    vendor: str
    model: str
    serial_number: str
    firmware_version: str


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """How the charge point connects and behaves until the central system says otherwise."""

    endpoint: Endpoint
    authorization_key: str = ""
    ca_file: str = ""
    network: str = "ethernet"  # ethernet, wifi or cellular: which 0339xx code shows while offline
    response_timeout_s: float = 30.0
    open_timeout_s: float = 10.0
    reconnect_initial_s: float = 3.0
    reconnect_max_s: float = 90.0
    reconnect_jitter_s: float = 10.0
    phase_voltage_v: float = 277.0  # for limits in amperes: W = A x V x phases
    station_max_w: float = 60_000.0
    tick_s: float = 0.25
    reset_grace_s: float = 30.0  # how long a reset waits for the sessions to end and the queue to empty
    heartbeat_s: int = 900  # HeartbeatInterval until the central system says otherwise
    connection_timeout_s: int = 60
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES  # SupportedLanguages: what the kiosk offers
    language: str = "en-US"  # Language until the central system sets it
    currency: str = "USD"  # of the costs the central system sends (OCA pricing has no currency field)
    vendor_error_code: str = "manual"  # "manual": six digits; "mrec": the ChargeX CX code where one matches
    subprotocols: tuple[str, ...] = ("ocpp1.6",)  # offered in the handshake ([ocpp].version "auto": both)
