"""The OCPP 2.0.1 charging station: the coordinator of its parts.

Built like the 1.6 charge point (:mod:`controller.ocpp.client`) and sharing its
protocol-neutral parts: the link (:mod:`controller.ocpp.link`: connect, boot, heartbeat,
reconnect, with the 2.0.1 :class:`~controller.ocpp.link.Dialect`), the pump
(:mod:`controller.ocpp.delivery`: the outbox first, then the persistent TransactionEvent
queue, each message exactly once), the ordered outbox, the central system's clock and the
SQLite storage.  The settings a 1.6 key and a 2.0.1 variable share are one setting: the
device model (:mod:`controller.ocpp201.device_model`) reads and writes them through the
1.6 :class:`~controller.ocpp.configuration.Configuration`.

The station talks to it through :meth:`Client201.post` with its neutral events
(:mod:`controller.port`) and :class:`~controller.ocpp.port.StateChanged` snapshots; the
client talks to the station through :class:`~controller.ocpp201.station_link.StationLink`.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Coroutine, Mapping
from datetime import datetime
from typing import Any

from ocpp.v201 import call

from controller.clock import Clock
from controller.firmware.request import FirmwareUpdates
from controller.ocpp.central_time import CentralTime
from controller.ocpp.certificate_port import Certificates, has_client_certificate
from controller.ocpp.configuration import Configuration, standard_keys
from controller.ocpp.connection import Backoff, Endpoint, open_secured
from controller.ocpp.delivery import Delivery
from controller.ocpp.firmware_notices import FirmwareNotices
from controller.ocpp.follow_ups import FollowUps
from controller.ocpp.link import Dialect, Link
from controller.ocpp.log_requests import LogService
from controller.ocpp.outbox import Outbox
from controller.ocpp.port import StateChanged, StationSnapshot
from controller.ocpp.security_events import SecurityEvents, SecurityLogPort
from controller.ocpp.settings import ClientSettings, Identity
from controller.ocpp.storage import Storage
from controller.ocpp201.authorizer import Authorizer201
from controller.ocpp201.control import Control201
from controller.ocpp201.device_model import DeviceModel, VariableChange
from controller.ocpp201.firmware_requests import FirmwareRequests201, notice_message, triggered
from controller.ocpp201.handlers import Requests201
from controller.ocpp201.log_requests import LogRequests201
from controller.ocpp201.recovery import recover_transactions
from controller.ocpp201.reporting import Reporting201
from controller.ocpp201.rpc import Rpc201
from controller.ocpp201.station_facts import SnapshotFacts
from controller.ocpp201.station_link import StationLink
from controller.ocpp201.transactions import Transactions
from controller.ocpp201.tx_queue import TransactionEventQueue
from controller.port import AuthorizeRequest, BackendPort, SessionStarted, SessionStopped, StationEvent
from controller.types import Side

log = logging.getLogger(__name__)

SUBPROTOCOL = "ocpp2.0.1"
#: Settings key: why the next BootNotification is sent (set before a reset).
BOOT_REASON = "boot_reason_201"


class Client201:
    """The OCPP 2.0.1 charging station of one station."""

    def __init__(self, settings: ClientSettings, identity: Identity, station: StationLink, storage: Storage,
                 clock: Clock, rng: random.Random | None = None, standards: Mapping[int, str] | None = None,
                 certificates: Certificates | None = None, firmware: FirmwareUpdates | None = None) -> None:
        """``certificates``: the certificate store (roots, the client certificate); None: none here.
        ``firmware``: the update engine, shared with the 1.6 client (None: UpdateFirmware NotSupported)."""
        self.settings = settings
        self.certificates = certificates
        self.identity = identity
        self.station_link = station
        self.port = station  # what the shared link reports the connection to
        self.storage = storage
        self.clock = clock
        self.time = CentralTime(clock)
        self.snapshot: StationSnapshot = station.snapshot()
        self.evse_ids = station.evse_ids
        self.config = Configuration(storage, standard_keys(len(self.evse_ids), settings.heartbeat_s,
                                                           settings.connection_timeout_s, settings.languages,
                                                           settings.language))
        facts = SnapshotFacts(self, standards or {}, {e: settings.station_max_w for e in self.evse_ids}, self._count)
        self.device_model = DeviceModel(storage, self.config, facts,
                                        initial={"TariffCostCtrlr.Currency": settings.currency})
        self.queue = TransactionEventQueue(storage)
        self.outbox = Outbox()
        self.follow_ups = FollowUps("OCPP 2.0.1")
        self._prepared = False
        self._followed: dict[int, str] = {}  # the transactions running, by EVSE id, as last seen
        self.boot_reason = str(storage.get(BOOT_REASON, "PowerUp"))
        storage.put(BOOT_REASON, "PowerUp")  # unless a reset says otherwise before the next start
        # the parts, each built on those before it
        self.control = Control201(self)
        self.transactions = Transactions(_TransactionHost(self), self.queue)
        self.reporting = Reporting201(self)
        self.delivery = Delivery(self, self.time, lambda message, _payload, conf: self.transactions.answered(
            message, conf), call, ("TransactionMessageRetryInterval", "TransactionMessageAttempts"))
        backoff = Backoff(settings.reconnect_initial_s, settings.reconnect_max_s, settings.reconnect_jitter_s,
                          rng or random.Random())
        dialect = Dialect(SUBPROTOCOL, Rpc201, self._boot_request, call.Heartbeat)
        self.link = Link(self, self.time, self.delivery, self.reporting, backoff, self._connect,
                         self.handler_map, dialect, client_certificate=lambda: has_client_certificate(certificates))
        self.authorizer = Authorizer201(self)
        self.config.subscribe(self._on_configuration)
        self.device_model.subscribe(self._on_variable)
        self.requests = Requests201(self)
        self.log_requests: LogRequests201 | None = None  # GetLog, once a log service is attached
        self.firmware = firmware
        self.firmware_notices = FirmwareNotices(firmware, notice_message, self.outbox.request, self.spawn) \
            if firmware is not None else None
        self.security = SecurityEvents("2.0.1")  # recorded in the station's log once attached (attach_security_log)
        self.time.report = self.security_event

    def attach_security_log(self, security_log: SecurityLogPort) -> None:
        """Record security events in ``security_log`` and send its pending ones (SecurityEventNotification)."""
        self.security.attach(security_log, self.storage, self.delivery.queues, self.time.central)

    def security_event(self, kind: str, tech_info: str = "") -> None:
        """A security event seen here (kind in 1.6 spelling, :mod:`controller.security_events`)."""
        self.security.report(kind, tech_info)

    def _count(self, what: str) -> int:
        """The device model's counts of what the central system installed."""
        if what == "charging_profiles":
            return len(self.control.limits.profiles)
        if what == "display_messages":
            return len(self.control.messages.all())
        if what == "local_list_entries":
            return self.authorizer.store.list_size()
        if what == "certificates":
            return self.certificates.count() if self.certificates is not None else 0
        return 0

    async def _connect(self, target: Endpoint, key: str, ca_file: str | None, ping_s: float, open_s: float) -> Any:
        return await open_secured(target, key, ca_file, ping_s, open_s, self.settings.subprotocols,
                                  self.certificates)

    def _boot_request(self) -> Any:
        identity = self.identity
        station = {"model": identity.model[:20], "vendor_name": identity.vendor[:50],
                   "serial_number": identity.serial_number[:25], "firmware_version": identity.firmware_version[:50]}
        return call.BootNotification(charging_station=station, reason=self.boot_reason)

    def handler_map(self) -> dict[str, Any]:
        """The central system's actions and their handlers."""
        handlers = self.requests.handler_map()
        if self.log_requests is not None:
            handlers.update(self.log_requests.handler_map())
        if self.firmware is not None:
            handlers.update(FirmwareRequests201(self.firmware).handler_map())
        return handlers

    def attach_logs(self, service: LogService) -> None:
        """Answer GetLog with ``service`` (the log engine both versions share), and send its
        statuses while this client runs."""
        self.log_requests = LogRequests201(service, self.outbox, self.spawn, self.link.online_event)
        self.requests.log_status = self.log_requests.triggered

    # --- life cycle ---------------------------------------------------------------

    def prepare(self, power_loss: Any = None, unreported: Any = (), ended: Any = None) -> None:
        """Once at start-up, before anything is sent: the transactions a crash left are settled
        (:func:`~controller.ocpp201.recovery.recover_transactions`), availability, reservations,
        limits and messages restored."""
        if self._prepared:
            return
        self._prepared = True
        recover_transactions(self.queue, power_loss or {}, unreported, ended or {}, self.time.central)
        self.control.restore()
        self.link.report_link()

    async def run(self, first: Any = None) -> Any:
        """Connect, serve, reconnect - until :meth:`close` (see :meth:`Link.run`)."""
        self.prepare()
        ticker = self.spawn(self.follow_ups.ticker(self.tick, self.settings.tick_s))
        if self.log_requests is not None:
            self.log_requests.ensure_delivery()
        try:
            return await self.link.run(first)
        finally:
            ticker.cancel()

    async def close(self) -> None:
        self.link.close()
        self.follow_ups.cancel_all()

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """A follow-up task (never awaited inside the receive loop); its failure is logged."""
        return self.follow_ups.spawn(coroutine)

    def tick(self) -> None:
        """Everything that is due now by the injected clock."""
        now = self.time.monotonic()
        self.link.tick(now)
        self.reporting.tick()
        self.control.tick()
        if self.firmware_notices is not None:
            self.firmware_notices.tick(self.online)
        self.outbox.wake()

    def _on_configuration(self, name: str, value: str) -> None:
        self.link.on_configuration(name, value)
        self.control.on_configuration(name, value)

    def _on_variable(self, change: VariableChange) -> None:
        self.control.on_variable(change.where.component, change.where.variable)

    # --- the station's events -----------------------------------------------------

    def post(self, event: StationEvent | StateChanged) -> None:
        """An event from the station (on the controller's loop thread); returns at once."""
        self._take(event)
        self._follow_transactions()

    def _follow_transactions(self) -> None:
        """Each transaction's start and end settled in what depends on it (a TxProfile, a
        scheduled availability change, a display message bound to it)."""
        running = {evse_id: r.transaction_id for evse_id, r in self.transactions.running.items()}
        for evse_id, transaction_id in self._followed.items():
            if running.get(evse_id) != transaction_id:
                self.control.transaction_ended(evse_id, transaction_id)
        for evse_id, transaction_id in running.items():
            if self._followed.get(evse_id) != transaction_id:
                self.control.transaction_started(evse_id, transaction_id)
        self._followed = running

    def _take(self, event: StationEvent | StateChanged) -> None:
        if isinstance(event, StateChanged):
            self.snapshot = event.snapshot
            self.reporting.refresh()
            self.transactions.on_state(event.snapshot)
        elif isinstance(event, AuthorizeRequest):
            self.spawn(self.authorizer.authorize(event.token, event.side))
        elif isinstance(event, SessionStarted):
            evse_id = event.side.connector_id
            reservation_id = self.control.reservations.used(evse_id, event.token)
            if reservation_id is not None:
                self.transactions.reservation_used(evse_id, reservation_id)
            self.transactions.started(event)
        elif isinstance(event, SessionStopped):
            self.transactions.stopped(event)

    # --- shared state -------------------------------------------------------------

    @property
    def online(self) -> bool:
        """Connected and accepted by the central system."""
        return self.link.online

    @property
    def boot(self) -> Any:
        """The BootNotification machine's state (:class:`controller.ocpp.boot.Boot`)."""
        return self.link.boot

    @property
    def connection_attempts(self) -> int:
        """Finished attempts to connect (either way), since start."""
        return self.link.connection_attempts

    def now(self) -> datetime:
        """Wall time as the central system sees it."""
        return self.time.now()

    async def send_boot(self) -> None:
        await self.link.send_boot()

    def firmware_status_message(self) -> Any:
        """FirmwareStatusNotification with the update's status now (TriggerMessage)."""
        return triggered(self.firmware)

    async def send_heartbeat(self) -> None:
        await self.link.send_heartbeat()

    def set_boot_reason(self, reason: str) -> None:
        """Why the next BootNotification (after a restart) is sent."""
        self.storage.put(BOOT_REASON, reason)

    async def calls_settled(self) -> None:
        await self.delivery.calls_settled()


class _TransactionHost:
    """What the transactions need (:class:`controller.ocpp201.transactions.TransactionHost`), from ``cp``."""

    def __init__(self, cp: Client201) -> None:
        self._cp = cp

    @property
    def port(self) -> BackendPort:
        return self._cp.station_link.station

    def now(self) -> datetime:
        return self._cp.now()

    def central(self, moment: datetime) -> datetime:
        return self._cp.time.central(moment)

    def monotonic(self) -> float:
        return self._cp.time.monotonic()

    def online(self) -> bool:
        return self._cp.online

    def setting(self, component: str, variable: str, instance: str | None = None) -> str | None:
        try:
            return self._cp.device_model.value(component, variable, instance=instance)
        except KeyError:
            return None

    def wake(self) -> None:
        self._cp.outbox.wake()

    def learn(self, id_token: dict[str, str], id_token_info: dict[str, Any]) -> None:
        self._cp.authorizer.learn(id_token, id_token_info)

    def suspend_energy(self, side: Side) -> None:
        self._cp.station_link.station.set_external_limit(0.0, side)
