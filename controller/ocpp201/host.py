"""The 2.0.1 charging station as its parts see it.

:class:`Host` lists what the request handlers (:mod:`controller.ocpp201.handlers`) and the
parts (control, reporting, authorizer) need from :class:`controller.ocpp201.client.Client201`;
they depend on this protocol, not on the client, so the imports go one way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from datetime import datetime
from typing import Any, Protocol

from controller.ocpp.configuration import Configuration
from controller.ocpp.outbox import Outbox
from controller.ocpp.port import StationSnapshot
from controller.ocpp.settings import ClientSettings, Identity
from controller.ocpp.storage import Storage
from controller.ocpp201.station_link import StationLink


class Host(Protocol):
    """What the parts of the 2.0.1 charging station need from it (loop thread only)."""

    settings: ClientSettings
    identity: Identity
    storage: Storage
    config: Configuration  # the settings shared with 1.6 (the device model's store for them)
    outbox: Outbox
    station_link: StationLink
    snapshot: StationSnapshot
    evse_ids: tuple[int, ...]
    # the parts (each module's own class; typed loosely here so that no part imports another)
    device_model: Any  # controller.ocpp201.device_model.DeviceModel
    queue: Any  # controller.ocpp201.tx_queue.EventQueue
    transactions: Any  # controller.ocpp201.transactions.Transactions201
    control: Any  # controller.ocpp201.control.Control201
    reporting: Any  # controller.ocpp201.reporting.Reporting201
    authorizer: Any  # controller.ocpp201.authorizer.Authorizer201
    link: Any  # controller.ocpp.link.Link (online_event, booting)
    time: Any  # controller.ocpp.central_time.CentralTime: the central system's clock and its offset
    certificates: Any  # controller.ocpp.certificate_port.Certificates, or None when no store is wired

    @property
    def online(self) -> bool: ...

    def now(self) -> datetime:
        """Wall time as the central system sees it."""
        ...

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]: ...

    async def send_boot(self) -> None: ...

    async def send_heartbeat(self) -> None: ...

    def firmware_status_message(self) -> Any:
        """FirmwareStatusNotification with the software update's status now (Idle when none runs)."""
        ...

    def set_boot_reason(self, reason: str) -> None: ...

    async def calls_settled(self) -> None: ...

    def security_event(self, kind: str, tech_info: str = "") -> None:
        """A security event seen here (:mod:`controller.security_events`; the station's log records it)."""
        ...
