"""The charge point: the coordinator of its parts, and what the rest of the controller sees.

``OcppClient.run()`` is one long-lived task on the controller's loop: the link
(:mod:`controller.ocpp.link`) connects, boots, keeps a heartbeat and reconnects, and per
connection runs the receive loop and the pump (:mod:`controller.ocpp.delivery`), the only
sender of CALLs.  A ticker re-evaluates everything that depends on time (boot retries,
heartbeat, meter values, reservations, charging limits) from the injected clock, so
``tick()`` can be driven by a fake clock too.

The station talks to it through :meth:`OcppClient.post` (see :mod:`controller.ocpp.port`):
snapshots go to the status and meter reporting (:mod:`controller.ocpp.reporting`), cards to
the authorizer (:mod:`controller.ocpp.authorizer`), sessions to the transactions
(:mod:`controller.ocpp.transactions`).  The central system's requests are answered in
:mod:`controller.ocpp.handlers`, which sees this client as a
:class:`~controller.ocpp.handler_port.ChargePoint`; so do the parts, which this client
builds and owns, and each part imports only those below it.  What the central system
decides for the station is kept in :mod:`controller.ocpp.station_control`; what a crash
left is settled at start-up by :mod:`controller.ocpp.recovery`.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Coroutine, Mapping, Sequence
from datetime import datetime
from typing import Any

from controller.clock import Clock
from controller.firmware.request import FirmwareUpdates
from controller.ocpp import boot as bootfsm
from controller.ocpp import smart_charging as sc
from controller.ocpp.authorization import AuthorizationStore, IdTagInfo
from controller.ocpp.authorizer import Authorizer
from controller.ocpp.central_time import CentralTime
from controller.ocpp.certificate_port import Certificates, has_client_certificate
from controller.ocpp.certificate_requests import CertificateRequests16
from controller.ocpp.configuration import Configuration, standard_keys
from controller.ocpp.connection import Backoff, Endpoint, open_secured
from controller.ocpp.delivery import Delivery
from controller.ocpp.firmware_notices import FirmwareNotices
from controller.ocpp.firmware_requests import FirmwareRequests, notice_message, triggered_plain, triggered_signed
from controller.ocpp.follow_ups import FollowUps
from controller.ocpp.handlers import CentralSystemRequests
from controller.ocpp.link import Link
from controller.ocpp.log_requests import LogRequests16, LogService
from controller.ocpp.mapping import ErrorReport
from controller.ocpp.outbox import Outbox
from controller.ocpp.port import (
    AuthDecision,
    AuthorizeRequest,
    PortEvent,
    Reservation,
    SessionStarted,
    SessionStopped,
    StateChanged,
    StationPort,
    StationSnapshot,
)
from controller.ocpp.queue import TransactionQueue
from controller.ocpp.recovery import PowerLossMeter, recover_transactions
from controller.ocpp.reporting import Reporting
from controller.ocpp.rpc import RpcChargePoint
from controller.ocpp.security_events import SecurityEvents, SecurityLogPort
from controller.ocpp.settings import ClientSettings, Identity
from controller.ocpp.station_control import StationControl
from controller.ocpp.storage import Storage
from controller.ocpp.transactions import Running, Transactions
from controller.pricing import BackendCost

log = logging.getLogger(__name__)


class OcppClient:
    """The OCPP 1.6J charge point (a :class:`~controller.ocpp.handler_port.ChargePoint` for its request
    handlers and its parts)."""

    def __init__(self, settings: ClientSettings, identity: Identity, port: StationPort, storage: Storage,
                 clock: Clock, rng: random.Random | None = None, certificates: Certificates | None = None,
                 firmware: FirmwareUpdates | None = None) -> None:
        """``certificates``: the certificate store (roots, the client certificate); None: none here.
        ``firmware``: the update engine, shared with the 2.0.1 client (None: updates NotSupported)."""
        self.settings = settings
        self.certificates = certificates
        self.identity = identity
        self.port = port
        self.storage = storage
        self.clock = clock
        self.time = CentralTime(clock)
        self.snapshot: StationSnapshot = port.snapshot()
        self.connector_ids = tuple(c.connector_id for c in self.snapshot.connectors)
        self.config = Configuration(storage, standard_keys(len(self.connector_ids), settings.heartbeat_s,
                                                           settings.connection_timeout_s, settings.languages,
                                                           settings.language))
        self.auth = AuthorizationStore(storage)
        self.queue = TransactionQueue(storage)
        self.outbox = Outbox()
        self.follow_ups = FollowUps("OCPP")
        self._prepared = False
        # the parts, each built on those before it
        self.control = StationControl(self)
        self.transactions = Transactions(self, self.time, self.control)
        self.reporting = Reporting(self, self.time, self.control, self.transactions)
        self.delivery = Delivery(self, self.time, self.transactions.queued_answered)
        backoff = Backoff(settings.reconnect_initial_s, settings.reconnect_max_s, settings.reconnect_jitter_s,
                          rng or random.Random())
        self.link = Link(self, self.time, self.delivery, self.reporting, backoff, self._connect, self.handler_map,
                         client_certificate=lambda: has_client_certificate(certificates))
        self.authorizer = Authorizer(self, self.time, self.link)
        self.config.subscribe(self._on_configuration)
        self.requests = CentralSystemRequests(self)  # the central system's requests, answered
        self.log_requests: LogRequests16 | None = None  # GetDiagnostics and GetLog, once a log service is attached
        self.certificate_requests = CertificateRequests16(self, certificates, self.requests.send_triggered)
        self.firmware = firmware
        self.firmware_notices = FirmwareNotices(firmware, notice_message, self.outbox.request, self.spawn) \
            if firmware is not None else None
        if firmware is not None:  # ExtendedTriggerMessage: SignedFirmwareStatusNotification now
            self.certificate_requests.status_hooks["FirmwareStatusNotification"] = \
                lambda: self.outbox.request(triggered_signed(firmware))
        self.security = SecurityEvents("1.6")  # recorded in the station's log once attached (attach_security_log)
        self.time.report = self.security_event

    def attach_security_log(self, security_log: SecurityLogPort) -> None:
        """Record security events in ``security_log`` and send its pending ones (SecurityEventNotification)."""
        self.security.attach(security_log, self.storage, self.delivery.queues, self.time.central)

    def security_event(self, kind: str, tech_info: str = "") -> None:
        """A security event seen here (kind in 1.6 spelling, :mod:`controller.security_events`)."""
        self.security.report(kind, tech_info)

    async def _connect(self, target: Endpoint, key: str, ca_file: str | None, ping_s: float, open_s: float) -> Any:
        """Open the websocket, offering the configured subprotocols (over TLS: the installed roots,
        and the client certificate when there is one)."""
        return await open_secured(target, key, ca_file, ping_s, open_s, self.settings.subprotocols, self.certificates)

    def handler_map(self) -> dict[str, Any]:
        """The central system's actions and their handlers (for :class:`RpcChargePoint`)."""
        handlers = {**self.requests.handler_map(), **self.certificate_requests.handler_map()}
        if self.log_requests is not None:
            handlers.update(self.log_requests.handler_map())
        if self.firmware is not None:
            handlers.update(FirmwareRequests(self.firmware).handler_map())
        return handlers

    def attach_logs(self, service: LogService) -> None:
        """Answer GetDiagnostics and GetLog with ``service`` (the log engine both versions share),
        and send its statuses while this client runs."""
        self.log_requests = LogRequests16(service, self.outbox, self.spawn, self.link.online_event)
        self.requests.diagnostics_status = self.log_requests.diagnostics_status
        log_status = self.log_requests.log_status
        self.certificate_requests.status_hooks["LogStatusNotification"] = lambda: self.outbox.request(log_status())

    def client_certificate_installed(self) -> None:
        """CertificateSigned installed a client certificate: connect again with it."""
        self.link.client_certificate_installed()

    # --- life cycle ---------------------------------------------------------------

    def prepare(self, power_loss: Mapping[int, PowerLossMeter] | None = None,
                unreported: Sequence[SessionStarted] = (), ended: Mapping[int, SessionStopped] | None = None) -> None:
        """Once at start-up, before anything is sent: settle the transactions a crash left (see
        :func:`~controller.ocpp.recovery.recover_transactions`), and restore availability,
        reservations, language, prices and time offset."""
        if self._prepared:
            return
        self._prepared = True
        recover_transactions(self.queue, power_loss or {}, unreported, ended or {})
        self.control.restore()
        self.link.report_link()
        self.control.apply_settings()

    async def run(self, first: Any = None) -> Any:
        """Connect, serve, reconnect - until :meth:`close`; ``first``: a websocket already open
        for 1.6.  Returns a websocket on which the central system chose the other version, when
        the backend takes it over (see :meth:`controller.ocpp.link.Link.run`)."""
        self.prepare()
        ticker = self.spawn(self.follow_ups.ticker(self.tick, self.settings.tick_s))
        if self.log_requests is not None:
            self.log_requests.ensure_delivery()
        try:
            return await self.link.run(first)
        finally:
            ticker.cancel()

    async def close(self) -> None:
        """Stop :meth:`run` and every follow-up task."""
        self.link.close()
        self.follow_ups.cancel_all()

    def reconnect(self) -> None:
        """Drop the connection and connect again (new credentials, new ping interval)."""
        self.link.reconnect()

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """A follow-up task (never awaited inside the receive loop); its failure is logged."""
        return self.follow_ups.spawn(coroutine)

    def tick(self) -> None:
        """Everything that is due now by the injected clock."""
        now = self.time.monotonic()
        self.link.tick(now)
        self.reporting.sample_meters(now)
        self.reporting.align_meters()
        self.control.expire_reservations()
        self.control.update_limits()
        if self.firmware_notices is not None:
            self.firmware_notices.tick(self.online)
        self.outbox.wake()

    def _on_configuration(self, name: str, value: str) -> None:
        self.control.on_configuration(name, value)
        self.link.on_configuration(name, value)

    # --- the station's events -----------------------------------------------------

    def post(self, event: PortEvent) -> None:
        """An event from the station (on the controller's loop thread); returns at once."""
        if isinstance(event, StateChanged):
            self.snapshot = event.snapshot
            self.reporting.refresh_statuses()
            self.transactions.on_state(event.snapshot)
        elif isinstance(event, AuthorizeRequest):
            self.spawn(self.authorizer.authorize(event.id_tag))
        elif isinstance(event, SessionStarted):
            self.transactions.started(event)
        elif isinstance(event, SessionStopped):
            self.transactions.stopped(event)

    # --- the parts' state, as the handlers and tests read it ---------------------------

    @property
    def online(self) -> bool:
        """Connected and accepted by the central system."""
        return self.link.online

    @property
    def boot(self) -> bootfsm.Boot:
        """The BootNotification machine's state."""
        return self.link.boot

    @property
    def backoff(self) -> Backoff:
        """The reconnect back-off."""
        return self.link.backoff

    @property
    def connection_attempts(self) -> int:
        """Finished attempts to connect (either way), since start."""
        return self.link.connection_attempts

    @property
    def offline_code(self) -> str:
        """The status code shown while the central system is away."""
        return self.link.offline_code

    @property
    def running(self) -> dict[int, Running]:
        """The transactions in progress, by connector."""
        return self.transactions.running

    @property
    def remote_profiles(self) -> dict[str, sc.Profile]:
        """TxProfiles of accepted RemoteStartTransactions, by id tag, until their session starts."""
        return self.transactions.remote_profiles

    @property
    def sessions_idle(self) -> asyncio.Event:
        """Set while no transaction runs."""
        return self.transactions.sessions_idle

    @property
    def profiles(self) -> tuple[sc.Profile, ...]:
        """The charging profiles installed."""
        return self.control.profiles

    @profiles.setter
    def profiles(self, profiles: tuple[sc.Profile, ...]) -> None:
        self.control.profiles = profiles

    # --- what the handlers ask of the parts (see ChargePoint) --------------------------

    def now(self) -> datetime:
        """Wall time as the central system sees it (the local clock plus the offset it told us)."""
        return self.time.now()

    def operative(self, connector_id: int) -> bool:
        """Operative as the central system set it."""
        return self.control.operative(connector_id)

    def set_operative(self, connector_id: int, operative: bool) -> None:
        """Store and apply the availability of ``connector_id`` (0: the station)."""
        self.control.set_operative(connector_id, operative)

    def scheduled_availability(self) -> dict[int, bool]:
        """Availability changes waiting for a transaction to end, by connector."""
        return self.control.scheduled_availability()

    def reservations(self) -> dict[int, Reservation]:
        """The reservations in force, by connector."""
        return self.control.reservations()

    def install_profile(self, profile: sc.Profile) -> None:
        """Install a charging profile and apply the limits."""
        self.control.install_profile(profile)

    def save_profiles(self) -> None:
        """Store the charging profiles installed."""
        self.control.save_profiles()

    def update_limits(self) -> None:
        """Tell the station every charging limit that changed (the station's own and each connector's)."""
        self.control.update_limits()

    def status_of(self, connector_id: int) -> tuple[str, ErrorReport]:
        """The StatusNotification status and error of ``connector_id`` now."""
        return self.reporting.status_of(connector_id)

    def refresh_statuses(self, force: bool = False) -> None:
        """Send the StatusNotifications whose status or error changed (``force``: all)."""
        self.reporting.refresh_statuses(force)

    async def send_status(self, connector_id: int, status: str, report: ErrorReport) -> None:
        """A StatusNotification."""
        await self.reporting.send_status(connector_id, status, report)

    async def send_boot(self) -> None:
        """A BootNotification."""
        await self.link.send_boot()

    async def send_heartbeat(self) -> None:
        """A Heartbeat."""
        await self.link.send_heartbeat()

    def firmware_status_message(self) -> Any:
        """FirmwareStatusNotification with the update's status now (TriggerMessage)."""
        return triggered_plain(self.firmware)

    def decide_locally(self, id_tag: str, online: bool) -> AuthDecision | None:
        """The offline and pre-authorization rules' verdict (None: ask the central system)."""
        return self.authorizer.decide_locally(id_tag, online)

    def learn(self, id_tag: str, info: IdTagInfo) -> None:
        """An IdTagInfo from the central system, for the cache."""
        self.authorizer.learn(id_tag, info)

    def running_transaction(self, connector_id: int) -> sc.Transaction | None:
        """The transaction on ``connector_id`` as smart charging sees it."""
        return self.transactions.running_transaction(connector_id)

    def start_in_flight(self) -> bool:
        """A running transaction whose StartTransaction the central system has not answered yet."""
        return self.transactions.start_in_flight()

    def connector_of(self, transaction_id: int) -> int | None:
        """The connector of the central system's transaction ``transaction_id`` (running or recent)."""
        return self.transactions.connector_of(transaction_id)

    def hold_early_cost(self, transaction_id: int, cost: BackendCost) -> None:
        """Keep a cost for a transaction id not known yet."""
        self.transactions.hold_early_cost(transaction_id, cost)

    async def calls_settled(self) -> None:
        """Before a reset hangs up: no new CALL goes out, and the one on the wire gets its answer."""
        await self.delivery.calls_settled()

    async def _deliver(self, rpc: RpcChargePoint, payload: Any, future: asyncio.Future[Any]) -> None:
        """One outbox CALL on ``rpc`` (:meth:`Delivery.deliver`; tests drive it directly)."""
        await self.delivery.deliver(rpc, payload, future)
