"""The charge point: connection life cycle, boot, heartbeat, clock, and the station's events.

``OcppClient.run()`` is one long-lived task on the controller's loop.  It connects (with
back-off), boots, keeps a heartbeat, and per connection runs two tasks: the ``ocpp``
library's receive loop and the *pump*, the only sender of CALLs (the outbox first, then
the persistent transaction queue).  A ticker re-evaluates everything that depends on
time (boot retries, heartbeat, meter values, reservations, charging limits) from the
injected clock, so ``tick()`` can be driven by a fake clock too.

The station talks to it through :meth:`OcppClient.post` (see :mod:`controller.ocpp.port`);
the central system's requests are answered in :mod:`controller.ocpp.handlers`.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import random
from collections.abc import Coroutine, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ocpp.v16 import call
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from controller.clock import Clock
from controller.ocpp import boot as bootfsm
from controller.ocpp import pricing
from controller.ocpp import smart_charging as sc
from controller.ocpp.authorization import AuthorizationStore, IdTagInfo, Rules, decide, parse_time
from controller.ocpp.configuration import Configuration, standard_keys
from controller.ocpp.connection import Backoff, open_connection, security_profile
from controller.ocpp.handlers import CentralSystemRequests
from controller.ocpp.mapping import (
    OFFLINE_CODES,
    ErrorReport,
    code_reports,
    connector_status,
    station_status,
    stop_reason,
)
from controller.ocpp.metering import meter_value, next_aligned, station_total
from controller.ocpp.outbox import CallFailed, CallTimeout, Offline, Outbox, Priority
from controller.ocpp.port import (
    AuthDecision,
    AuthorizeRequest,
    PortEvent,
    PowerLimit,
    Reservation,
    SessionStarted,
    SessionStopped,
    StateChanged,
    StationPort,
    StationSnapshot,
)
from controller.ocpp.queue import START, QueuedMessage, TransactionQueue, ocpp_time
from controller.ocpp.rpc import RpcChargePoint
from controller.ocpp.settings import ClientSettings, Identity
from controller.ocpp.storage import Storage
from controller.pricing import BackendCost

log = logging.getLogger(__name__)

#: How long the tasks of a closed connection may take to stop.
STOP_GRACE_S = 5.0


@dataclass(frozen=True, slots=True)
class PowerLossMeter:
    """What the station metered last on a connector before a crash: the register (Wh) and
    when it was saved (None: unknown); used for the PowerLoss StopTransaction."""

    register_wh: int
    saved_at: datetime | None = None


@dataclass
class Running:
    """A transaction in progress on a connector."""

    local_id: int
    id_tag: str
    started: datetime
    next_sample: float  # monotonic
    stop_data: list[dict[str, Any]] = field(default_factory=list)  # transactionData of StopTransaction


class OcppClient:
    """The OCPP 1.6J charge point (a :class:`~controller.ocpp.handler_port.ChargePoint` for its request
    handlers)."""

    def __init__(self, settings: ClientSettings, identity: Identity, port: StationPort, storage: Storage,
                 clock: Clock, rng: random.Random | None = None) -> None:
        self.settings = settings
        self.identity = identity
        self.port = port
        self.storage = storage
        self.clock = clock
        self.snapshot: StationSnapshot = port.snapshot()
        self.connector_ids = tuple(c.connector_id for c in self.snapshot.connectors)
        self.config = Configuration(storage, standard_keys(len(self.connector_ids), settings.heartbeat_s,
                                                           settings.connection_timeout_s, settings.languages,
                                                           settings.language))
        self._key = str(storage.get("authorization_key", settings.authorization_key))
        in_use = security_profile(settings.endpoint, self._key)
        self.config.max_security_profile = in_use
        self.config.set_internal("SecurityProfile", str(in_use))  # what the URL and the key give
        self.auth = AuthorizationStore(storage)
        self.queue = TransactionQueue(storage)
        self.outbox = Outbox()
        self.boot = bootfsm.Boot()
        self.backoff = Backoff(settings.reconnect_initial_s, settings.reconnect_max_s, settings.reconnect_jitter_s,
                               rng or random.Random())
        self.profiles: tuple[sc.Profile, ...] = tuple(
            sc.from_record(r) for r in storage.get("charging_profiles", []))
        self.running: dict[int, Running] = {}
        self.online = False
        self._link: tuple[bool, bool] | None = None  # (online, connecting) as last told to the station
        self._online_event = asyncio.Event()  # set while online (a card waits on it during the boot)
        self._offset = timedelta(0)
        self._rpc: RpcChargePoint | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._reported: dict[int, tuple[str, ErrorReport]] = {}
        self._reported_codes: dict[int, dict[str, ErrorReport]] = {}  # every active code, once each
        self._limits: dict[int, float | None] = {}
        self._deauthorized: set[int] = set()
        self.remote_profiles: dict[str, sc.Profile] = {}
        self._next_heartbeat = 0.0
        self._next_aligned: datetime | None = None
        self._aligned_interval = 0
        self._last_meter_note = 0.0
        self.sessions_idle = asyncio.Event()
        self.sessions_idle.set()
        self._reconnect = asyncio.Event()
        self._closing = False
        self._hanging_up = False  # a reset is about to restart the charger: no new CALL goes out
        self._no_call_out = asyncio.Event()  # clear while a CALL of ours waits for its answer
        self._no_call_out.set()
        self.config.subscribe(self._on_configuration)
        self._prepared = False
        self.connection_attempts = 0  # finished attempts to connect (either way), since start
        self._transactions: dict[int, int] = {}  # recent transaction ids -> connector (for pricing messages)
        self._unplug_pending: dict[int, int] = {}  # connector -> local transaction, for ConnectorUnplugged
        self._early_costs: dict[int, BackendCost] = {}  # costs for transaction ids not known yet
        self.requests = CentralSystemRequests(self)  # the central system's requests, answered

    def handler_map(self) -> dict[str, Any]:
        """The central system's actions and their handlers (for :class:`RpcChargePoint`)."""
        return self.requests.handler_map()

    # --- time ---------------------------------------------------------------------

    def now(self) -> datetime:
        """Wall time as the central system sees it (the local clock plus the offset it told us)."""
        return self.clock.now() + self._offset

    def _sync_clock(self, current_time: str) -> None:
        with contextlib.suppress(ValueError):
            self._offset = parse_time(current_time) - self.clock.now()

    # --- life cycle ---------------------------------------------------------------

    def prepare(self, power_loss: Mapping[int, PowerLossMeter] | None = None,
                unreported: Sequence[SessionStarted] = (), ended: Mapping[int, SessionStopped] | None = None) -> None:
        """Once at start-up, before anything is sent: settle the transactions a crash left (see
        :meth:`_recover_transactions`), and restore availability, reservations, language, prices
        and time offset."""
        if self._prepared:
            return
        self._prepared = True
        self._recover_transactions(power_loss or {}, unreported, ended or {})
        for connector_id in self.connector_ids:
            if not self.operative(connector_id):
                self.port.set_available(connector_id, False)
        for connector_id, reservation in self.reservations().items():
            self.port.set_reservation(connector_id, reservation)
        self.port.set_connection_timeout(self.config.number("ConnectionTimeOut"))
        self._report_link()
        self.port.set_language(self.config.raw("Language"))
        self._apply_prices()
        self._apply_time_offset()
        self.update_limits()

    def _recover_transactions(self, power_loss: Mapping[int, PowerLossMeter], unreported: Sequence[SessionStarted],
                              ended: Mapping[int, SessionStopped]) -> None:
        """Queue the StartTransaction of each session the station recorded but this side never
        took over (``unreported``: a kill between the station's commit and this side's); stop
        each transaction still open whose session the station recorded as ended (``ended``, by
        station session id: the same kill at the stop) as it recorded it; stop the others, which
        a power loss cut short, with PowerLoss and the station's last saved meter reading of
        that connector when it knows one (``power_loss``)."""
        for event in unreported:
            log.warning("session %s on connector %d was recorded but never queued: queuing its StartTransaction",
                        event.session_id, event.connector_id)
            self.queue.start(event.connector_id, event.id_tag, event.meter_start_wh, event.timestamp,
                             session_id=event.session_id)
        for tx in self.queue.open_transactions():
            recorded = ended.get(tx.session_id) if tx.session_id is not None else None
            if recorded is not None:
                log.warning("transaction %d on connector %d ended before a power loss: queuing its stop",
                            tx.local_id, tx.connector_id)
                self.queue.stop(tx.local_id, _stop_payload(recorded, max(recorded.meter_stop_wh, tx.last_meter),
                                                           recorded.timestamp))
                continue
            log.warning("transaction %d on connector %d was cut by a power loss: queuing its stop",
                        tx.local_id, tx.connector_id)
            meter, seen = tx.last_meter, tx.last_seen
            saved = power_loss.get(tx.connector_id)
            if saved is not None and saved.register_wh >= meter:
                meter = saved.register_wh
                seen = saved.saved_at if saved.saved_at is not None and saved.saved_at >= tx.started else seen
            self.queue.stop(tx.local_id, {"meter_stop": meter, "timestamp": ocpp_time(seen),
                                          "reason": "PowerLoss", "id_tag": tx.id_tag})

    async def run(self) -> None:
        """Connect, serve, reconnect - until :meth:`close`."""
        self.prepare()
        ticker = self.spawn(self._ticker())
        try:
            while not self._closing:
                try:
                    websocket = await open_connection(
                        self.settings.endpoint, self._key, self.settings.ca_file or None,
                        self.config.number("WebSocketPingInterval"), self.settings.open_timeout_s)
                except (OSError, InvalidHandshake, InvalidURI, TimeoutError, ConnectionError) as exc:
                    self.connection_attempts += 1
                    delay = self.backoff.next_delay()
                    log.warning("central system unreachable (%s); next attempt in %.1f s", _reason(exc), delay)
                    await self._pause(delay)
                    continue
                self.backoff.reset()
                self.connection_attempts += 1
                log.info("connected to %s", self.settings.endpoint.url)
                await self._serve(websocket)
                if not self._closing:
                    delay = self.backoff.next_delay()
                    log.warning("connection to the central system lost; reconnecting in %.1f s", delay)
                    await self._pause(delay)
        finally:
            ticker.cancel()

    async def close(self) -> None:
        self._closing = True
        self._reconnect.set()
        for task in list(self._tasks):
            task.cancel()

    def reconnect(self) -> None:
        """Drop the connection and connect again (new credentials, new ping interval)."""
        self._reconnect.set()

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._reconnect.wait()
        if not self._closing:
            self._reconnect.clear()

    async def _serve(self, websocket: Any) -> None:
        rpc = RpcChargePoint(self.settings.endpoint.charge_point_id, websocket, self.handler_map(),
                             self.settings.response_timeout_s, answering=lambda: self.boot.answering)
        self._rpc = rpc
        self.outbox.connected = True
        if self.boot.accepted_once:
            self.boot = bootfsm.Boot(bootfsm.BootState.ACCEPTED, accepted_once=True)
            self._went_online()
        else:
            self.boot = dataclasses.replace(self.boot, next_at=0.0)
            if self.boot.state is bootfsm.BootState.SENT:
                self.boot = bootfsm.step(self.boot, bootfsm.BootEvent.FAILED, self.clock.monotonic())
                self.boot = dataclasses.replace(self.boot, next_at=0.0)
            self._report_link()
        receiver = asyncio.create_task(rpc.start(), name="ocpp-receive")
        pump = asyncio.create_task(self._pump(rpc), name="ocpp-pump")
        stop = asyncio.create_task(self._reconnect.wait(), name="ocpp-reconnect")
        try:
            done, _ = await asyncio.wait({receiver, pump, stop}, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                if task is not stop and not task.cancelled() and task.exception() is not None \
                        and not isinstance(task.exception(), ConnectionClosed):
                    log.error("OCPP %s ended: %r", task.get_name(), task.exception())
        finally:
            for task in (receiver, pump, stop):
                task.cancel()
            _, stuck = await asyncio.wait({receiver, pump, stop}, timeout=STOP_GRACE_S)
            if stuck:
                log.error("OCPP tasks did not stop: %s", ", ".join(t.get_name() for t in stuck))
            self._rpc = None
            self.outbox.connected = False
            self.outbox.accepted = False
            self.outbox.fail_all()
            if self.boot.state is bootfsm.BootState.SENT and not self.boot.accepted_once:
                self.boot = bootfsm.step(self.boot, bootfsm.BootEvent.FAILED, self.clock.monotonic())
            self._set_online(False)
            self._reported.clear()
            if not self._closing:
                self._reconnect.clear()
            with contextlib.suppress(Exception):
                await websocket.close()

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """A follow-up task (never awaited inside the receive loop); its failure is logged."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            if not isinstance(exc, Offline | CallTimeout | CallFailed):
                log.error("OCPP task failed", exc_info=exc)

    # --- online / offline ---------------------------------------------------------

    @property
    def offline_code(self) -> str:
        return OFFLINE_CODES.get(self.settings.network, OFFLINE_CODES["ethernet"])

    def _went_online(self) -> None:
        self.outbox.accepted = True
        self._next_heartbeat = self.clock.monotonic() + self.config.number("HeartbeatInterval")
        self._set_online(True)
        self._reported.clear()
        self.refresh_statuses()
        self.outbox.wake()

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            if online:
                self._online_event.set()
            else:
                self._online_event.clear()
            log.info("central system %s", "online" if online else "offline")
        self._report_link()

    def _report_link(self) -> None:
        """Tell the station when the link changed: online; or offline, and then whether the
        websocket is up and only the central system's acceptance is outstanding (connecting)."""
        link = (self.online, self.outbox.connected and not self.online)
        if link != self._link:
            self._link = link
            self.port.set_backend_online(self.online, self.offline_code, connecting=link[1])

    # --- boot and heartbeat -------------------------------------------------------

    async def send_boot(self) -> None:
        self.boot = bootfsm.step(self.boot, bootfsm.BootEvent.SEND, self.clock.monotonic())
        request = call.BootNotification(
            charge_point_vendor=self.identity.vendor[:20], charge_point_model=self.identity.model[:20],
            charge_point_serial_number=self.identity.serial_number[:25],
            firmware_version=self.identity.firmware_version[:50])
        try:
            conf = await self.outbox.request(request, Priority.BOOT)
        except (Offline, CallTimeout, CallFailed) as exc:
            log.warning("BootNotification failed: %s", _reason(exc))
            self.boot = bootfsm.step(self.boot, bootfsm.BootEvent.FAILED, self.clock.monotonic())
            return
        self._sync_clock(conf.current_time)
        status = bootfsm.BootEvent(conf.status)
        self.boot = bootfsm.step(self.boot, status, self.clock.monotonic(), float(conf.interval))
        log.info("BootNotification %s (interval %s s)", conf.status, conf.interval)
        if status is bootfsm.BootEvent.ACCEPTED:
            if conf.interval > 0:
                self.config.set_internal("HeartbeatInterval", str(conf.interval))
            self._went_online()

    async def send_heartbeat(self) -> None:
        conf = await self.outbox.request(call.Heartbeat())
        self._sync_clock(conf.current_time)

    # --- the pump: the only sender of CALLs ------------------------------------------

    async def _pump(self, rpc: RpcChargePoint) -> None:
        me = asyncio.current_task()
        while True:
            if me is not None and me.cancelling():  # a cancellation a library wait_for swallowed
                raise asyncio.CancelledError
            item = None if self._hanging_up else self.outbox.take()
            if item is not None:
                await self._delivered(self._deliver(rpc, item.payload, item.future))
                continue
            wait: float | None = None
            if self.boot.accepted and self.outbox.accepted and not self._hanging_up:
                message, wait = self.queue.head(self.now())
                if message is not None:
                    await self._delivered(self._deliver_queued(rpc, message))
                    continue
            await self.outbox.wait(wait)

    async def _delivered(self, delivery: Coroutine[Any, Any, None]) -> None:
        """Run one CALL's delivery, known as in flight meanwhile (see :meth:`calls_settled`)."""
        self._no_call_out.clear()
        try:
            await delivery
        finally:
            self._no_call_out.set()

    async def calls_settled(self) -> None:
        """Before a reset hangs up: no new CALL goes out, and the one on the wire gets its answer.

        Hanging up with a CALL of ours unanswered makes the central system's answer to it fail,
        and a central system built on the ``ocpp`` library then stops reading the connection:
        the Reset.conf sent just before is lost, and the central system may send Reset again."""
        self._hanging_up = True
        await self._no_call_out.wait()  # a lost connection ends the delivery too

    async def _deliver(self, rpc: RpcChargePoint, payload: Any, future: asyncio.Future[Any]) -> None:
        def answered(answer: Any) -> None:  # in the receive loop, the instant the answer is read
            if isinstance(answer, CallFailed):
                _settle(future, exception=answer)
            else:
                _settle(future, result=answer)

        try:
            await rpc.call(payload, on_answer=answered)
        except CallFailed:
            pass  # ``answered`` has it
        except TimeoutError:
            log.warning("%s: no answer within %.0f s", type(payload).__name__, self.settings.response_timeout_s)
            _settle(future, exception=CallTimeout(type(payload).__name__))
        except (asyncio.CancelledError, Exception):
            # the connection dropped under the CALL (the send raises ConnectionClosed) or the
            # pump is stopped: the caller must still hear (and fall back to its offline rules)
            _settle(future, exception=Offline(type(payload).__name__))
            raise

    async def _deliver_queued(self, rpc: RpcChargePoint, message: QueuedMessage) -> None:
        """Send the queue's head.  Its answer retires it (or counts a failed attempt) inside the
        receive loop as the answer is read, so a connection that drops, or a pump cancelled, in
        the same instant cannot leave an answered message queued to go out again."""
        payload = self.queue.wire_payload(message)
        if payload is None:
            log.error("%s of transaction %d dropped: its StartTransaction never went through",
                      message.action, message.local_tx)
            self.queue.drop(message)
            return
        try:
            await rpc.call(getattr(call, message.action)(**payload), unique_id=message.unique_id,
                           on_answer=lambda answer: self._queued_answered(message, payload, answer))
        except CallFailed:
            pass  # counted by ``_queued_answered``
        except TimeoutError as exc:
            self._queued_failed(message, exc)

    def _queued_answered(self, message: QueuedMessage, payload: dict[str, Any], answer: Any) -> None:
        if isinstance(answer, CallFailed):
            self._queued_failed(message, answer)
            return
        conf = dataclasses.asdict(answer)
        self.queue.delivered(message, conf)
        info = conf.get("id_tag_info")
        if isinstance(info, dict):
            self.learn(str(payload.get("id_tag", "")), IdTagInfo.from_ocpp(info))
        if message.action == START:
            self._remember_transaction(int(conf["transaction_id"]), int(payload["connector_id"]))
            self._on_start_confirmed(message, conf)

    def _queued_failed(self, message: QueuedMessage, exc: Exception) -> None:
        log.warning("%s of transaction %d failed (%s): attempt %d", message.action, message.local_tx,
                    _reason(exc), message.attempts + 1)
        self.queue.failed(message, self.now(), self.config.number("TransactionMessageRetryInterval"),
                          self.config.number("TransactionMessageAttempts"))

    def _remember_transaction(self, transaction_id: int, connector_id: int) -> None:
        """Which connector a transaction id belongs to (FinalCost comes after the stop); a cost
        that arrived before the StartTransaction answer was processed is shown now."""
        self._transactions[transaction_id] = connector_id
        while len(self._transactions) > 32:
            del self._transactions[next(iter(self._transactions))]
        early = self._early_costs.pop(transaction_id, None)
        if early is not None:
            self.port.set_session_cost(connector_id, early)

    def start_in_flight(self) -> bool:
        """A running transaction whose StartTransaction the central system has not answered yet."""
        return any(self.queue.real_id(r.local_id) is None for r in self.running.values())

    def hold_early_cost(self, transaction_id: int, cost: BackendCost) -> None:
        """A cost for a transaction id not known yet: a central system may send RunningCost right
        after its StartTransaction answer, before this side has taken the id in."""
        self._early_costs[transaction_id] = cost
        while len(self._early_costs) > 4:
            del self._early_costs[next(iter(self._early_costs))]

    def connector_of(self, transaction_id: int) -> int | None:
        """The connector of the central system's transaction ``transaction_id`` (running or recent)."""
        for connector_id, running in self.running.items():
            if self.queue.real_id(running.local_id) == transaction_id:
                return connector_id
        return self._transactions.get(transaction_id)

    def _on_start_confirmed(self, message: QueuedMessage, conf: dict[str, Any]) -> None:
        status = IdTagInfo.from_ocpp(conf["id_tag_info"]).status_at(self.now())
        log.info("transaction %d is %s at the central system (%s)", message.local_tx, conf["transaction_id"], status)
        if status == "Accepted":
            return
        for connector_id, running in list(self.running.items()):
            if running.local_id != message.local_tx:
                continue
            if self.config.flag("StopTransactionOnInvalidId"):
                self.port.stop_session(connector_id, "DeAuthorized")
            else:
                self._deauthorized.add(connector_id)
                self.update_limits()

    def learn(self, id_tag: str, info: IdTagInfo) -> None:
        """Every IdTagInfo from the central system updates the cache (§3.5.1)."""
        if id_tag and self.config.flag("AuthorizationCacheEnabled"):
            self.auth.remember(id_tag, info, self.now())

    # --- the station's events -----------------------------------------------------

    def post(self, event: PortEvent) -> None:
        """An event from the station (on the controller's loop thread); returns at once."""
        if isinstance(event, StateChanged):
            self._on_state(event.snapshot)
        elif isinstance(event, AuthorizeRequest):
            self.spawn(self._authorize(event.id_tag))
        elif isinstance(event, SessionStarted):
            self._on_session_started(event)
        elif isinstance(event, SessionStopped):
            self._on_session_stopped(event)

    def _on_state(self, snapshot: StationSnapshot) -> None:
        self.snapshot = snapshot
        self.refresh_statuses()
        for connector_id, local_id in list(self._unplug_pending.items()):
            if not snapshot.connector(connector_id).plugged:
                del self._unplug_pending[connector_id]
                data = pricing.connector_unplugged(None, ocpp_time(self.now()))
                self.queue.data_transfer(local_id, {"vendor_id": pricing.VENDOR_ID,
                                                    "message_id": pricing.CONNECTOR_UNPLUGGED, "data": data})
                log.info("connector %d unplugged after transaction %d: ConnectorUnplugged queued", connector_id,
                         local_id)
                self.outbox.wake()
        now = self.clock.monotonic()
        if now - self._last_meter_note >= 10 and self.running:
            self._last_meter_note = now
            for connector_id, running in self.running.items():
                meter = round(snapshot.connector(connector_id).energy_wh)
                self.queue.note_meter(running.local_id, meter, self.now())

    async def _authorize(self, id_tag: str) -> AuthDecision:
        booting = self.boot.state in (bootfsm.BootState.NOT_SENT, bootfsm.BootState.SENT)
        if not self.online and self.outbox.connected and booting:
            # connected, BootNotification going out: its answer is a moment off, and a card
            # judged offline now would be refused by a fresh charger's empty cache
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._online_event.wait(), self.settings.response_timeout_s)
        decision = self.decide_locally(id_tag, self.online)
        if decision is None:
            try:
                conf = await self.outbox.request(call.Authorize(id_tag=id_tag))
            except (Offline, CallTimeout, CallFailed) as exc:
                log.info("Authorize of an id tag went unanswered (%s): offline rules", _reason(exc))
                decision = self.decide_locally(id_tag, online=False)
            else:
                info = IdTagInfo.from_ocpp(conf.id_tag_info)
                self.learn(id_tag, info)
                status = info.status_at(self.now())
                decision = AuthDecision(status == "Accepted", status, info.parent_id_tag, info.expiry, "central")
        assert decision is not None
        self.port.authorization_decided(id_tag, decision)
        return decision

    def decide_locally(self, id_tag: str, online: bool) -> AuthDecision | None:
        rules = Rules(
            local_pre_authorize=self.config.flag("LocalPreAuthorize"),
            local_authorize_offline=self.config.flag("LocalAuthorizeOffline"),
            allow_offline_tx_for_unknown_id=self.config.flag("AllowOfflineTxForUnknownId"),
            cache_enabled=self.config.flag("AuthorizationCacheEnabled"),
            local_list_enabled=self.config.flag("LocalAuthListEnabled"),
        )
        return decide(online, self.auth.listed(id_tag), self.auth.cached(id_tag), rules, self.now())

    def _on_session_started(self, event: SessionStarted) -> None:
        connector_id = event.connector_id
        if connector_id in self.running:
            log.error("connector %d started a session while one runs: ignored", connector_id)
            return
        reservation_id = self._consume_reservation(connector_id, event.id_tag)
        started = event.timestamp + self._offset  # the central system's clock, like every other timestamp
        local_id = self.queue.start(connector_id, event.id_tag, event.meter_start_wh, started, reservation_id,
                                    event.session_id)
        running = Running(local_id, event.id_tag, started,
                          self.clock.monotonic() + self.config.number("MeterValueSampleInterval"))
        begin = meter_value(self.snapshot.connector(connector_id), self.config.items("StopTxnSampledData"),
                            "Transaction.Begin", started)
        if begin is not None:
            running.stop_data.append(begin)
        self.running[connector_id] = running
        self.sessions_idle.clear()
        profile = self.remote_profiles.pop(event.id_tag, None)
        if profile is not None:
            self.install_profile(dataclasses.replace(profile, connector_id=connector_id))
        log.info("transaction %d started on connector %d", local_id, connector_id)
        self.outbox.wake()

    def _on_session_stopped(self, event: SessionStopped) -> None:
        connector_id = event.connector_id
        running = self.running.pop(connector_id, None)
        if running is None:
            log.error("connector %d stopped a session that never started: ignored", connector_id)
            return
        stopped = event.timestamp + self._offset
        end = meter_value(self.snapshot.connector(connector_id), self.config.items("StopTxnSampledData"),
                          "Transaction.End", stopped)
        if end is not None:
            running.stop_data.append(end)
        payload = _stop_payload(event, event.meter_stop_wh, stopped)
        if running.stop_data:
            payload["transaction_data"] = running.stop_data
        self.queue.stop(running.local_id, payload)
        if self.config.flag("CustomIdleFeeAfterStop") and self.snapshot.connector(connector_id).plugged:
            self._unplug_pending[connector_id] = running.local_id  # idle time goes on until the cable is out
        self._deauthorized.discard(connector_id)
        self.profiles = sc.end_transaction(self.profiles, connector_id)
        self.save_profiles()
        self._apply_scheduled_availability(connector_id)
        if not self.running:
            self.sessions_idle.set()
        log.info("transaction %d on connector %d stopped (%s)", running.local_id, connector_id, payload["reason"])
        self.update_limits()
        self.outbox.wake()

    # --- statuses -----------------------------------------------------------------

    def status_of(self, connector_id: int) -> tuple[str, ErrorReport]:
        mode = self.settings.vendor_error_code
        if connector_id == 0:
            status, report = station_status(self.snapshot, self.operative(0), mode)
        else:
            reserved = connector_id in self.reservations()
            status, report = connector_status(self.snapshot.connector(connector_id), self.snapshot,
                                              self.operative(connector_id), reserved, mode)
        return status.value, report

    def refresh_statuses(self, force: bool = False) -> None:
        """Send a StatusNotification for every connector whose status or error changed, and
        one for every newly active code of its own that the status does not carry (a status
        holds one error; the backend hears of each code in force once, the status last)."""
        if not self.online:
            return
        for connector_id in (0, *self.connector_ids):
            current = self.status_of(connector_id)
            reports = code_reports(self.snapshot, connector_id, self.settings.vendor_error_code)
            known = {} if force else self._reported_codes.get(connector_id, {})
            self._reported_codes[connector_id] = reports
            for code, report in reports.items():
                if known.get(code) != report and report != current[1]:
                    self.spawn(self._send_code(connector_id, current[0], code, report))
            if force or self._reported.get(connector_id) != current:
                self._reported[connector_id] = current
                self.spawn(self.send_status(connector_id, *current))

    async def _send_code(self, connector_id: int, status: str, code: str, report: ErrorReport) -> None:
        """One more active code, reported with the connector's status in force."""
        try:
            await self._status_notification(connector_id, status, report)
        except (Offline, CallTimeout, CallFailed):
            self._reported_codes.get(connector_id, {}).pop(code, None)  # sent again when back online

    async def _status_notification(self, connector_id: int, status: str, report: ErrorReport) -> None:
        await self.outbox.request(call.StatusNotification(
            connector_id=connector_id, error_code=report.error_code.value, status=status,
            timestamp=ocpp_time(self.now()), info=report.info, vendor_error_code=report.vendor_error_code,
            vendor_id=report.vendor_id))

    async def send_status(self, connector_id: int, status: str, report: ErrorReport) -> None:
        try:
            await self._status_notification(connector_id, status, report)
        except (Offline, CallTimeout, CallFailed):
            if self._reported.get(connector_id) == (status, report):
                del self._reported[connector_id]  # sent again when back online

    # --- time-driven work ---------------------------------------------------------

    async def _ticker(self) -> None:
        while True:
            try:
                self.tick()
            except Exception:
                log.exception("OCPP tick failed")
            await asyncio.sleep(self.settings.tick_s)

    def tick(self) -> None:
        """Everything that is due now by the injected clock."""
        now = self.clock.monotonic()
        if self.outbox.connected and self.boot.due(now):
            self.boot = dataclasses.replace(self.boot, next_at=now + bootfsm.RETRY_S)
            self.spawn(self.send_boot())
        if self.online:
            interval = self.config.number("HeartbeatInterval")
            if interval > 0 and now >= self._next_heartbeat:
                self._next_heartbeat = now + interval
                self.spawn(self.send_heartbeat())
        self._sample_meters(now)
        self._align_meters()
        self._expire_reservations()
        self.update_limits()
        self.outbox.wake()

    def _sample_meters(self, now: float) -> None:
        interval = self.config.number("MeterValueSampleInterval")
        if interval <= 0:
            return
        for connector_id, running in self.running.items():
            if now < running.next_sample:
                continue
            running.next_sample = now + interval
            sample = meter_value(self.snapshot.connector(connector_id), self.config.items("MeterValuesSampledData"),
                                 "Sample.Periodic", self.now())
            if sample is not None:
                self._queue_sample(running, connector_id, sample, self.snapshot.connector(connector_id).energy_wh)
            extra = meter_value(self.snapshot.connector(connector_id), self.config.items("StopTxnSampledData"),
                                "Sample.Periodic", self.now())
            if extra is not None:
                running.stop_data.append(extra)

    def _queue_sample(self, running: Running, connector_id: int, sample: dict[str, Any], register_wh: float) -> None:
        """Queue a transaction's meter value, noting its register first: a PowerLoss stop after a
        crash then never reports less than a meter value the central system may have seen."""
        self.queue.note_meter(running.local_id, round(register_wh), self.now())
        self.queue.meter_values(running.local_id, {"connector_id": connector_id, "meter_value": [sample]})

    def _align_meters(self) -> None:
        interval = self.config.number("ClockAlignedDataInterval")
        wall = self.now()
        if interval <= 0:
            self._next_aligned = None
            return
        if self._next_aligned is None or interval != self._aligned_interval:
            self._aligned_interval = interval
            self._next_aligned = next_aligned(wall, interval)
            return
        if wall < self._next_aligned:
            return
        moment = self._next_aligned
        self._next_aligned = next_aligned(wall, interval)
        measurands = self.config.items("MeterValuesAlignedData")
        for connector_id in (0, *self.connector_ids):
            source = station_total(self.snapshot) if connector_id == 0 else self.snapshot.connector(connector_id)
            sample = meter_value(source, measurands, "Sample.Clock", moment)
            running = self.running.get(connector_id)
            if running is not None:
                if sample is not None:
                    self._queue_sample(running, connector_id, sample, source.energy_wh)
                extra = meter_value(source, self.config.items("StopTxnAlignedData"), "Sample.Clock", moment)
                if extra is not None:
                    running.stop_data.append(extra)
            elif sample is not None and self.online:
                self.spawn(self.outbox.request(call.MeterValues(connector_id=connector_id, meter_value=[sample])))

    # --- reservations (stored; the handlers add and cancel them) ----------------------

    def reservations(self) -> dict[int, Reservation]:
        rows = self.storage.query("SELECT * FROM reservations")
        return {r["connector_id"]: Reservation(r["reservation_id"], r["id_tag"], parse_time(r["expiry"]),
                                               r["parent_id_tag"]) for r in rows}

    def _consume_reservation(self, connector_id: int, id_tag: str) -> int | None:
        reservation = self.reservations().get(connector_id)
        if reservation is None:
            return None
        self.storage.execute("DELETE FROM reservations WHERE reservation_id = ?", (reservation.reservation_id,))
        self.port.set_reservation(connector_id, None)
        cached = self.auth.listed(id_tag) or self.auth.cached(id_tag)
        parent = cached.parent_id_tag if cached else None
        matches = id_tag == reservation.id_tag or (parent is not None and parent == reservation.parent_id_tag)
        return reservation.reservation_id if matches else None

    def _expire_reservations(self) -> None:
        now = self.now()
        for connector_id, reservation in self.reservations().items():
            if reservation.expiry <= now:
                log.info("reservation %d on connector %d expired", reservation.reservation_id, connector_id)
                self.storage.execute("DELETE FROM reservations WHERE reservation_id = ?",
                                     (reservation.reservation_id,))
                self.port.set_reservation(connector_id, None)
                self.refresh_statuses()

    # --- availability ---------------------------------------------------------------

    def operative(self, connector_id: int) -> bool:
        rows = self.storage.query("SELECT operative FROM availability WHERE connector_id = ?", (connector_id,))
        own = bool(rows[0]["operative"]) if rows else True
        if connector_id == 0:
            return own
        return own and self.operative(0)

    def scheduled_availability(self) -> dict[int, bool]:
        return {int(k): v for k, v in self.storage.get("availability_scheduled", {}).items()}

    def _apply_scheduled_availability(self, connector_id: int) -> None:
        scheduled = self.scheduled_availability()
        if connector_id not in scheduled:
            return
        operative = scheduled.pop(connector_id)
        self.storage.put("availability_scheduled", {str(k): v for k, v in scheduled.items()})
        self.set_operative(connector_id, operative)

    def set_operative(self, connector_id: int, operative: bool) -> None:
        self.storage.execute("INSERT INTO availability VALUES (?, ?) ON CONFLICT(connector_id) DO UPDATE SET "
                             "operative = excluded.operative", (connector_id, int(operative)))
        targets = self.connector_ids if connector_id == 0 else (connector_id,)
        for target in targets:
            self.port.set_available(target, self.operative(target))
        self.refresh_statuses()

    # --- smart charging -------------------------------------------------------------

    def running_transaction(self, connector_id: int) -> sc.Transaction | None:
        running = self.running.get(connector_id)
        if running is None:
            return None
        return sc.Transaction(self.queue.real_id(running.local_id), running.started)

    def install_profile(self, profile: sc.Profile) -> None:
        self.profiles = sc.install(self.profiles, profile, self.config.number("MaxChargingProfilesInstalled"))
        self.save_profiles()
        self.update_limits()

    def save_profiles(self) -> None:
        self.storage.put("charging_profiles", [sc.to_record(p) for p in self.profiles])

    def update_limits(self) -> None:
        """Tell the station every charging limit that changed (the station's own and each connector's)."""
        now = self.now()
        volts = self.settings.phase_voltage_v
        limits: dict[int, float | None] = {0: sc.station_limit_w(self.profiles, now, volts)}
        for connector_id in self.connector_ids:
            limit = sc.connector_limit_w(self.profiles, connector_id, now, self.running_transaction(connector_id),
                                         volts)
            limits[connector_id] = 0.0 if connector_id in self._deauthorized else limit
        for connector_id, watts in limits.items():
            if connector_id not in self._limits or self._limits[connector_id] != watts:
                self._limits[connector_id] = watts
                self.port.set_power_limit(PowerLimit(connector_id, watts))

    # --- configuration changes ------------------------------------------------------

    def _apply_prices(self) -> None:
        """DefaultPrice and its translations (DefaultPriceText,<language>) to the station."""
        if not self.config.flag("CustomDisplayCostAndPrice"):
            self.port.set_default_price(None)
            return
        multi_language = self.config.flag("CustomMultiLanguageMessages")
        translations: dict[str, pricing.PriceTexts] = {}
        try:
            for tag in self.settings.languages:
                entry = pricing.parse_price_texts(self.config.raw(pricing.DEFAULT_PRICE_TEXT + tag))
                if entry is not None:
                    translations[tag] = entry
            price = pricing.parse_default_price(self.config.raw("DefaultPrice"), self.config.raw("Language"),
                                                translations, multi_language)
        except pricing.PricingError as exc:
            log.error("stored default price unusable (%s): the local tariff applies", exc)
            price = None
        self.port.set_default_price(price)

    def _apply_time_offset(self) -> None:
        try:
            raw = self.config.raw
            offset = pricing.time_offset(raw("TimeOffset"), raw("NextTimeOffsetTransitionDateTime"),
                                         raw("TimeOffsetNextTransition"))
        except (pricing.PricingError, ValueError) as exc:
            log.error("stored time offset unusable (%s): the configured time zone applies", exc)
            offset = None
        self.port.set_time_offset(offset)

    def _on_configuration(self, name: str, value: str) -> None:
        if name == "Language":
            self.port.set_language(value)
            self._apply_prices()
        elif name in ("DefaultPrice", "CustomDisplayCostAndPrice", "CustomMultiLanguageMessages") \
                or name.startswith(pricing.DEFAULT_PRICE_TEXT):
            self._apply_prices()
        elif name in ("TimeOffset", "NextTimeOffsetTransitionDateTime", "TimeOffsetNextTransition"):
            self._apply_time_offset()
        elif name == "HeartbeatInterval":
            self._next_heartbeat = self.clock.monotonic() + int(value)
        elif name == "ConnectionTimeOut":
            self.port.set_connection_timeout(int(value))
        elif name == "AuthorizationKey":
            self._key = value
            self.storage.put("authorization_key", value)
            self.config.max_security_profile = security_profile(self.settings.endpoint, value)
            self.spawn(self._reconnect_soon())

    async def _reconnect_soon(self) -> None:
        """After the ChangeConfiguration.conf has gone out: connect again with the new key."""
        await asyncio.sleep(self.settings.tick_s)
        self.reconnect()


def _stop_payload(event: SessionStopped, meter_stop: int, stopped: datetime) -> dict[str, Any]:
    """StopTransaction's fields (snake_case; the transaction id is filled in when it goes out)."""
    payload: dict[str, Any] = {"meter_stop": meter_stop, "timestamp": ocpp_time(stopped),
                               "reason": stop_reason(event.reason).value}
    if event.id_tag:
        payload["id_tag"] = event.id_tag
    return payload


def _settle(future: asyncio.Future[Any], result: Any = None, exception: BaseException | None = None) -> None:
    if future.done():
        return
    if exception is not None:
        future.set_exception(exception)
    else:
        future.set_result(result)


def _reason(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]
