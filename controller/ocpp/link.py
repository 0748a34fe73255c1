"""The link to the central system: connect, boot, heartbeat, serve, reconnect.

:meth:`Link.run` connects (with back-off and jitter), and per connection runs two tasks:
the ``ocpp`` library's receive loop and the pump (:class:`~controller.ocpp.delivery.Delivery`),
until one ends or a reconnect is asked for (a new AuthorizationKey, a reset).  The first
BootNotification of the charge point's life is sent on every connection until Accepted;
after that a reconnect is online at once.  Online means connected and accepted: the
station is told whenever that changes, and while offline whether the websocket is up
and only the central system's acceptance is outstanding.  Heartbeat and BootNotification
answers set the central system's clock (:class:`~controller.ocpp.central_time.CentralTime`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from ocpp.v16 import call
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from controller.ocpp import boot as bootfsm
from controller.ocpp.central_time import CentralTime
from controller.ocpp.connection import Backoff, Endpoint, refusal_event, security_profile
from controller.ocpp.delivery import Delivery
from controller.ocpp.handler_port import ChargePoint
from controller.ocpp.mapping import OFFLINE_CODES
from controller.ocpp.outbox import CallFailed, CallTimeout, Offline, Priority, reason
from controller.ocpp.reporting import Reporting
from controller.ocpp.rpc import RpcChargePoint
from controller.security_events import INVALID_MESSAGES

log = logging.getLogger(__name__)

#: Opens the websocket: (endpoint, authorization key, CA file, ping interval s, open timeout s)
#: -> the connection (:func:`controller.ocpp.connection.open_connection`).
Connect = Callable[[Endpoint, str, str | None, float, float], Awaitable[Any]]

#: How long the tasks of a closed connection may take to stop.
STOP_GRACE_S = 5.0
#: At most one InvalidMessages security event this often (seconds): a central system sending
#: garbage must not turn the security log's every commit into the controller loop's work.
INVALID_EVERY_S = 60.0


@dataclass(frozen=True, slots=True)
class Dialect:
    """What differs between the OCPP versions on the link: the subprotocol this charge point
    speaks, its RPC session class, and its BootNotification and Heartbeat requests (the
    answers read alike: ``status``, ``interval``, ``current_time``)."""

    subprotocol: str
    rpc: type[RpcChargePoint]
    boot_request: Callable[[], Any]
    heartbeat_request: Callable[[], Any]


def dialect_16(cp: ChargePoint) -> Dialect:
    """OCPP 1.6J."""
    def boot_request() -> Any:
        identity = cp.identity
        return call.BootNotification(
            charge_point_vendor=identity.vendor[:20], charge_point_model=identity.model[:20],
            charge_point_serial_number=identity.serial_number[:25],
            firmware_version=identity.firmware_version[:50])
    return Dialect("ocpp1.6", RpcChargePoint, boot_request, call.Heartbeat)


class Link:
    """The connection life of ``cp``: connected, booted, online or not."""

    def __init__(self, cp: ChargePoint, time: CentralTime, delivery: Delivery, reporting: Reporting,
                 backoff: Backoff, connect: Connect, handler_map: Callable[[], dict[str, Any]],
                 dialect: Dialect | None = None, client_certificate: Callable[[], bool] = lambda: False) -> None:
        self.cp = cp
        self.dialect = dialect or dialect_16(cp)
        #: With ``[ocpp].version = "auto"``: called with an open websocket on which the central
        #: system chose the other version; True when it is taken over (this link's run ends).
        self.other_version: Callable[[Any], bool] | None = None
        self.time = time
        self.delivery = delivery
        self.reporting = reporting
        self.backoff = backoff
        self.connect = connect
        self.handler_map = handler_map  # the central system's actions and their handlers
        self._key = str(cp.storage.get("authorization_key", cp.settings.authorization_key))
        self._client_certificate = client_certificate  # a client certificate is installed (profile 3)
        in_use = self._profile()
        cp.config.max_security_profile = in_use
        cp.config.set_internal("SecurityProfile", str(in_use))  # what the URL, the key and the certificate give
        self.boot = bootfsm.Boot()
        self.online = False
        self.online_event = asyncio.Event()  # set while online (a card waits on it during the boot)
        self.connection_attempts = 0  # finished attempts to connect (either way), since start
        self._link: tuple[bool, bool] | None = None  # (online, connecting) as last told to the station
        self._next_heartbeat = 0.0
        self._reconnect = asyncio.Event()
        self._closing = False
        self._refusal: tuple[str, str] | None = None  # the last failed attempt's security event
        self.invalid_every_s = INVALID_EVERY_S
        self._invalid_at = float("-inf")  # when the last InvalidMessages event was recorded (monotonic)
        self._invalid_unrecorded = 0  # invalid frames since, not recorded one by one

    # --- life cycle ---------------------------------------------------------------

    async def run(self, first: Any = None) -> Any:
        """Connect, serve, reconnect - until :meth:`close`; ``first``: a websocket already open
        for this version.  Returns the open websocket when the central system chose the other
        version and :attr:`other_version` took it (None otherwise)."""
        settings = self.cp.settings
        while not self._closing:
            try:
                websocket = first if first is not None else await self.connect(
                    settings.endpoint, self._key, settings.ca_file or None,
                    self.cp.config.number("WebSocketPingInterval"), settings.open_timeout_s)
            except (OSError, InvalidHandshake, InvalidURI, TimeoutError, ConnectionError) as exc:
                self.connection_attempts += 1
                self._refused(refusal_event(exc))
                delay = self.backoff.next_delay()
                log.warning("central system unreachable (%s); next attempt in %.1f s", reason(exc), delay)
                await self._pause(delay)
                continue
            first = None
            chosen = getattr(websocket, "subprotocol", None) or self.dialect.subprotocol
            if chosen != self.dialect.subprotocol:
                if self.other_version is not None and self.other_version(websocket):
                    log.info("the central system chose %s: handing the connection over", chosen)
                    return websocket
                log.warning("the central system chose %s, not %s: trying again later", chosen,
                            self.dialect.subprotocol)
                with contextlib.suppress(Exception):
                    await websocket.close()
                await self._pause(self.backoff.next_delay())
                continue
            self.backoff.reset()
            self._refusal = None
            self.connection_attempts += 1
            log.info("connected to %s (%s)", settings.endpoint.url, chosen)
            await self._serve(websocket)
            if not self._closing:
                delay = self.backoff.next_delay()
                log.warning("connection to the central system lost; reconnecting in %.1f s", delay)
                await self._pause(delay)
        return None

    def _refused(self, event: tuple[str, str] | None) -> None:
        """A failed attempt that is a security event is recorded, once per run of equal failures
        (the back-off repeats them until one attempt gets through)."""
        if event is not None and event != self._refusal:
            self.cp.security_event(*event)
        self._refusal = event

    def _invalid_frame(self, what: str) -> None:
        """A frame the RPC layer refused: an InvalidMessages event, at most one a minute (the
        frames in between are counted in the next one)."""
        now = self.time.monotonic()
        if now - self._invalid_at < self.invalid_every_s:
            self._invalid_unrecorded += 1
            return
        more = f" (and {self._invalid_unrecorded} more since the last event)" if self._invalid_unrecorded else ""
        self._invalid_at, self._invalid_unrecorded = now, 0
        self.cp.security_event(INVALID_MESSAGES, what + more)

    def close(self) -> None:
        """Stop :meth:`run`: the connection is dropped and none is made again."""
        self._closing = True
        self._reconnect.set()

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
        cp = self.cp
        rpc = self.dialect.rpc(cp.settings.endpoint.charge_point_id, websocket, self.handler_map(),
                               cp.settings.response_timeout_s, answering=lambda: self.boot.answering)
        rpc.on_invalid = self._invalid_frame
        cp.outbox.connected = True
        if self.boot.accepted_once:
            self.boot = bootfsm.Boot(bootfsm.BootState.ACCEPTED, accepted_once=True)
            self._went_online()
        else:
            self.boot = dataclasses.replace(self.boot, next_at=0.0)
            if self.boot.state is bootfsm.BootState.SENT:
                self.boot = bootfsm.step(self.boot, bootfsm.BootEvent.FAILED, self.time.monotonic())
                self.boot = dataclasses.replace(self.boot, next_at=0.0)
            self.report_link()
        receiver = asyncio.create_task(rpc.start(), name="ocpp-receive")
        pump = asyncio.create_task(self.delivery.pump(rpc, lambda: self.boot.accepted), name="ocpp-pump")
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
            cp.outbox.connected = False
            cp.outbox.accepted = False
            cp.outbox.fail_all()
            if self.boot.state is bootfsm.BootState.SENT and not self.boot.accepted_once:
                self.boot = bootfsm.step(self.boot, bootfsm.BootEvent.FAILED, self.time.monotonic())
            self._set_online(False)
            self.reporting.forget()
            if not self._closing:
                self._reconnect.clear()
            with contextlib.suppress(Exception):
                await websocket.close()

    # --- online / offline ---------------------------------------------------------

    @property
    def offline_code(self) -> str:
        """The status code shown while the central system is away (by the network in use)."""
        return OFFLINE_CODES.get(self.cp.settings.network, OFFLINE_CODES["ethernet"])

    def booting(self) -> bool:
        """The BootNotification is not answered yet (not sent, or sent)."""
        return self.boot.state in (bootfsm.BootState.NOT_SENT, bootfsm.BootState.SENT)

    def _went_online(self) -> None:
        self.cp.outbox.accepted = True
        self._next_heartbeat = self.time.monotonic() + self.cp.config.number("HeartbeatInterval")
        self._set_online(True)
        self.reporting.forget()
        self.reporting.refresh_statuses()
        self.cp.outbox.wake()

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            if online:
                self.online_event.set()
            else:
                self.online_event.clear()
            log.info("central system %s", "online" if online else "offline")
        self.report_link()

    def report_link(self) -> None:
        """Tell the station when the link changed: online; or offline, and then whether the
        websocket is up and only the central system's acceptance is outstanding (connecting)."""
        link = (self.online, self.cp.outbox.connected and not self.online)
        if link != self._link:
            self._link = link
            self.cp.port.set_backend_online(self.online, self.offline_code, connecting=link[1])

    # --- boot and heartbeat -------------------------------------------------------

    def tick(self, now: float) -> None:
        """The BootNotification and Heartbeat due at monotonic ``now``."""
        if self.cp.outbox.connected and self.boot.due(now):
            self.boot = dataclasses.replace(self.boot, next_at=now + bootfsm.RETRY_S)
            self.cp.spawn(self.send_boot())
        if self.online:
            interval = self.cp.config.number("HeartbeatInterval")
            if interval > 0 and now >= self._next_heartbeat:
                self._next_heartbeat = now + interval
                self.cp.spawn(self.send_heartbeat())

    async def send_boot(self) -> None:
        """A BootNotification; its answer moves the boot machine (and may bring the link online)."""
        self.boot = bootfsm.step(self.boot, bootfsm.BootEvent.SEND, self.time.monotonic())
        request = self.dialect.boot_request()
        try:
            conf = await self.cp.outbox.request(request, Priority.BOOT)
        except (Offline, CallTimeout, CallFailed) as exc:
            log.warning("BootNotification failed: %s", reason(exc))
            self.boot = bootfsm.step(self.boot, bootfsm.BootEvent.FAILED, self.time.monotonic())
            return
        self.time.sync(conf.current_time)
        status = bootfsm.BootEvent(conf.status)
        self.boot = bootfsm.step(self.boot, status, self.time.monotonic(), float(conf.interval))
        log.info("BootNotification %s (interval %s s)", conf.status, conf.interval)
        if status is bootfsm.BootEvent.ACCEPTED:
            if conf.interval > 0:
                self.cp.config.set_internal("HeartbeatInterval", str(conf.interval))
            self._went_online()

    async def send_heartbeat(self) -> None:
        """A Heartbeat; its answer sets the central system's clock."""
        conf = await self.cp.outbox.request(self.dialect.heartbeat_request())
        self.time.sync(conf.current_time)

    # --- configuration changes ------------------------------------------------------

    def _profile(self) -> int:
        return security_profile(self.cp.settings.endpoint, self._key, self._client_certificate())

    def client_certificate_installed(self) -> None:
        """CertificateSigned installed a client certificate: on wss:// the profile becomes 3
        (never lower) and, once the answer has gone out, the connection is made again with it."""
        profile = self._profile()
        self.cp.config.max_security_profile = max(self.cp.config.max_security_profile, profile)
        if profile > self.cp.config.number("SecurityProfile"):
            self.cp.config.set_internal("SecurityProfile", str(profile))  # its listener reconnects
        else:
            self.cp.spawn(self._reconnect_soon())

    def on_configuration(self, name: str, value: str) -> None:
        """A configuration key changed: a new heartbeat interval, or a new key (reconnect)."""
        if name == "HeartbeatInterval":
            self._next_heartbeat = self.time.monotonic() + int(value)
        elif name == "AuthorizationKey":
            self._key = value
            self.cp.storage.put("authorization_key", value)
            self.cp.config.max_security_profile = self._profile()
            self.cp.spawn(self._reconnect_soon())
        elif name == "SecurityProfile":  # raised (A05): connect again with it
            self.cp.spawn(self._reconnect_soon())

    async def _reconnect_soon(self) -> None:
        """After the ChangeConfiguration.conf has gone out: connect again with the new key."""
        await asyncio.sleep(self.cp.settings.tick_s)
        self.reconnect()
