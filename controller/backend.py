"""The station's backend: the OCPP charge point wired to :class:`~controller.station.Station`.

:class:`StationAdapter` is the station behind :class:`controller.ocpp.port.StationPort`: the
OCPP side's requests, in OCPP 1.6 words, become calls of the station's own port
(:mod:`controller.port`; each returns at once, and the screen and the hardware follow on the
next tick), and the station becomes :class:`~controller.ocpp.port.StationSnapshot`\\ s.  The
words are mapped here: connector ids to sides, Reason strings to stop reasons (the table is in
:mod:`controller.ocpp.mapping`), AuthorizationStatus words to a :class:`~controller.port.Verdict`,
and back for the station's events (:func:`ocpp_event`).
:class:`Backend` owns the client's life: built from ``[ocpp]`` (or ``--csms URL``), started
as one task on the controller's loop, and fed after every station tick (:meth:`Backend.flush`):
the station's events (AuthorizeRequest, SessionStarted, SessionStopped) and a
:class:`~controller.ocpp.port.StateChanged` when the snapshot moved.

Storage: the station's SQLite (``[storage].path``: meter registers and sessions, the billing
record that works with no backend at all) and the charge point's (``[ocpp].database``: the
transaction queue, authorization cache and local list, configuration keys, charging
profiles, reservations, availability) stay two files with one owner each.  The backend
joins them at start-up:

* A session is recorded in the station's file first, and its StartTransaction queued in the
  charge point's right after (the same controller cycle); a kill can fall between the two
  commits.  The charge point keeps, atomically with each StartTransaction, the highest station
  session id it took over (the *handed-over mark*; session ids only grow), so every session
  the station recorded for the backend above the mark was never queued: it is queued now
  (:func:`unreported_sessions`), before anything is sent.  The mark moves with each such
  StartTransaction, so a kill during this start-up repeats nothing.  The reverse order (a
  StartTransaction queued for a session the store does not have) cannot come from a kill,
  only from a failed write to the station's file; the transaction is then stopped like any
  other.  A charge point database without a mark (new, or from an older version) takes over
  every session already recorded: it was not its to report.
* The end of a session goes the same way: recorded first, StopTransaction queued after.  A
  transaction still open whose session the station recorded as finished is stopped as
  recorded (:func:`ended_sessions`: its reason, final meter and time), not as a power loss.
* Transactions a crash cut short (the first ones above among them) are stopped (PowerLoss)
  with the station's last saved meter register of their connector.

While it runs, the station keeps in its history (see :mod:`controller.retention`) every
session the charge point has not finished telling the central system about
(:meth:`Backend.undelivered_sessions`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from controller import commands as cmd
from controller import port
from controller.backend_versions import (
    VERSION_IN_USE,
    can_hand_over,
    replayed_sessions,
    settle_other_version,
    startup_hand_over_201,
    undelivered_in_queues,
    withdraw_undelivered,
)
from controller.clock import Clock
from controller.config import Config, backend_configured
from controller.crash_points import SESSION_FINISHED, SESSION_RECORDED, crash_point
from controller.diagnostics.engine import LogEngine
from controller.diagnostics.setup import build_log_engine
from controller.diagnostics.station_data import can_bus_section, codes_section
from controller.firmware.engine import FirmwareEngine
from controller.ocpp import port as ocpp_port
from controller.ocpp.mapping import reason_of, stop_reason_of
from controller.ocpp.port import (
    ConnectorSnapshot,
    PowerLimit,
    ReportedCode,
    SessionStarted,
    SessionStopped,
    StateChanged,
    StationSnapshot,
)
from controller.ocpp.queue import TransactionQueue
from controller.ocpp.recovery import PowerLossMeter
from controller.ocpp.setup import build_client
from controller.ocpp.storage import Storage
from controller.pricing import BackendCost, DefaultPrice, PriceText, TimeOffset
from controller.security.setup import certificate_store
from controller.session import StopReason
from controller.station_port import StationPort
from controller.station_state import StationState
from controller.store import FINISHED, Store
from controller.types import Side
from controller.view import StationPhase

if TYPE_CHECKING:
    from controller.station import Station

log = logging.getLogger(__name__)

#: Codes about the backend link itself: shown on the kiosk, never reported to the backend.
LINK_CODES = frozenset({"033900", "033901", "033902"})
#: Meter readings (power, current, voltage, energy) reach the OCPP side at most this often;
#: a change of state, plug or code at once.
MEASUREMENT_INTERVAL_S = 1.0


def station_snapshot(state: StationState) -> StationSnapshot:
    """The station as the OCPP side sees it: a projection of its state (SI units, OCPP connector ids)."""
    connectors = tuple(ConnectorSnapshot(
        connector_id=c.side.connector_id,
        state=c.state,
        energy_wh=c.energy_register_wh,
        power_w=round(c.power_w) if c.in_session else 0.0,
        current_a=round(c.output_a, 1) if c.in_session else 0.0,
        voltage_v=round(c.output_v, 1) if c.in_session else 0.0,
        soc=c.soc,
        offered_w=round(c.grant.power_limit_w) if c.grant is not None else 0.0,
        plugged=c.plugged,
    ) for c in state.connectors)
    codes = tuple(ReportedCode(c.code, c.side.connector_id if c.side is not None else 0, c.blocks_charging,
                               reading)
                  for c, reading in state.readings if c.code not in LINK_CODES)
    return StationSnapshot(connectors, codes, state.phase is StationPhase.READY, state.software_update)


def _status_part(snapshot: StationSnapshot) -> tuple[Any, ...]:
    """What statuses are derived from (everything but the meter readings)."""
    return (snapshot.ready, snapshot.software_update, snapshot.codes,
            tuple((c.state, c.plugged, c.offered_w > 0) for c in snapshot.connectors))


#: OCPP 1.6 AuthorizationStatus words for a refused token, as the station's verdicts.
_VERDICTS = {"Blocked": port.Verdict.BLOCKED, "Expired": port.Verdict.EXPIRED,
             "ConcurrentTx": port.Verdict.IN_USE}


def side_of(station: Station, connector_id: int | None) -> Side | None:
    """The side of OCPP connector ``connector_id`` (1 = left), None when not fitted (or 0)."""
    if connector_id is None or not 1 <= connector_id <= len(Side):
        return None
    side = Side(connector_id - 1)
    return side if side in station.connectors else None


def decision_of(decision: ocpp_port.AuthDecision) -> port.AuthDecision:
    """The OCPP side's verdict on an id tag, in the station's words."""
    if decision.accepted:
        verdict = port.Verdict.ACCEPTED
    elif decision.source == "offline":
        verdict = port.Verdict.UNCHECKED  # unknown here and nobody to ask
    else:
        verdict = _VERDICTS.get(decision.status, port.Verdict.INVALID)
    return port.AuthDecision(verdict, decision.parent_id_tag, f"{decision.status}, {decision.source}")


def reservation_of(reservation: ocpp_port.Reservation | None) -> port.Reservation | None:
    if reservation is None:
        return None
    return port.Reservation(reservation.reservation_id, reservation.id_tag, reservation.expiry,
                            reservation.parent_id_tag)


def ocpp_event(event: port.StationEvent) -> ocpp_port.PortEvent:
    """A station event as the OCPP side takes it (connector ids, Reason strings)."""
    match event:
        case port.AuthorizeRequest(token, side):
            return ocpp_port.AuthorizeRequest(token, side.connector_id if side is not None else None)
        case port.SessionStarted(side, token, meter_start_wh, timestamp, session_id):
            return SessionStarted(side.connector_id, token, meter_start_wh, timestamp, session_id)
        case port.SessionStopped(side, meter_stop_wh, timestamp, reason, token):
            return SessionStopped(side.connector_id, meter_stop_wh, timestamp, reason_of(reason), token)
    raise TypeError(f"not a station event: {event!r}")


class StationAdapter:
    """:class:`controller.ocpp.port.StationPort` on top of the station (controller loop thread only)."""

    def __init__(self, station: Station, changed: Callable[[], None] | None = None) -> None:
        self.station = station
        self.port = StationPort(station)  # the station in its own words: all this adapter may ask
        self._changed = changed or (lambda: None)

    def _done(self, result: Any = None) -> Any:
        self._changed()  # the runtime runs a cycle now, so the screen follows at once
        return result

    def _side(self, connector_id: int | None) -> Side | None:
        return side_of(self.station, connector_id)

    def snapshot(self) -> StationSnapshot:
        return station_snapshot(self.station.state)

    def authorization_decided(self, id_tag: str, decision: ocpp_port.AuthDecision) -> None:
        self._done(self.port.authorization_decided(id_tag, decision_of(decision)))

    def remote_start(self, connector_id: int | None, id_tag: str) -> bool:
        side = self._side(connector_id)
        if connector_id is not None and side is None:
            return False
        return bool(self._done(self.port.submit(cmd.RemoteStart(id_tag, side))))

    def stop_session(self, connector_id: int, reason: str) -> bool:
        side = self._side(connector_id)
        return side is not None and bool(self._done(self.port.submit(cmd.StopSession(side, stop_reason_of(reason)))))

    def unlock(self, connector_id: int) -> bool:
        side = self._side(connector_id)
        return side is not None and bool(self._done(self.port.unlock(side)))

    def set_available(self, connector_id: int, available: bool) -> None:
        side = self._side(connector_id)
        if side is not None:
            self._done(self.port.set_available(side, available))

    def reset(self, hard: bool) -> None:
        self._done(self.port.request_reset(hard))

    def set_reservation(self, connector_id: int, reservation: ocpp_port.Reservation | None) -> None:
        side = self._side(connector_id)
        if side is not None:
            self._done(self.port.set_reservation(side, reservation_of(reservation)))

    def set_power_limit(self, limit: PowerLimit) -> None:
        side = None if limit.connector_id == 0 else Side(limit.connector_id - 1)
        if side is not None and side not in self.station.connectors:
            return
        until = None  # on the station's clock: the central system's may be offset from it
        if limit.rises_in_s is not None:
            until = self.station.clock.now() + timedelta(seconds=limit.rises_in_s)
        self._done(self.port.set_external_limit(limit.watts, side, until))

    def set_connection_timeout(self, seconds: int) -> None:
        self._done(self.port.set_connection_timeout(seconds))

    def set_backend_online(self, online: bool, code: str, connecting: bool = False) -> None:
        link = port.BackendLink.ONLINE if online else (
            port.BackendLink.CONNECTING if connecting else port.BackendLink.OFFLINE)
        self._done(self.port.set_backend_online(link, code))

    def show_code(self, code: str, connector_id: int) -> None:
        self._done(self.port.show_code(code, self._side(connector_id)))

    def set_language(self, language: str) -> bool:
        accepted = self.port.set_default_language(language)
        if not accepted:
            log.warning("Language %r is not offered by this kiosk: the default stays", language)
        return bool(self._done(accepted))

    def set_default_price(self, price: DefaultPrice | None) -> None:
        self._done(self.port.set_default_price(price))

    def set_user_price(self, id_tag: str, text: PriceText) -> bool:
        return bool(self._done(self.port.set_user_price(id_tag, text)))

    def set_session_cost(self, connector_id: int, cost: BackendCost) -> bool:
        side = self._side(connector_id)
        return side is not None and bool(self._done(self.port.set_session_cost(side, cost)))

    def set_time_offset(self, offset: TimeOffset | None) -> None:
        self._done(self.port.set_time_offset(offset))


class Backend:
    """The OCPP client of one station, its port and its task.

    With ``[ocpp].version`` "1.6" or "2.0.1" that version's client runs.  With "auto" the
    client of the version the central system chose last runs (1.6 until one has chosen),
    offering both subprotocols; when a central system picks the other one, the connection is
    handed to a client of that version (:meth:`_take_over`), which is remembered.
    """

    def __init__(self, station: Station, adapter: StationAdapter, storage: Storage,
                 builders: dict[str, Callable[[], Any]], active: str) -> None:
        self.station = station
        self.adapter = adapter
        self.storage = storage
        self._builders = builders  # version -> a new client of that version
        self.active = active  # the version spoken
        self.client: Any = builders[active]()
        self.task: asyncio.Task[Any] | None = None
        self._posted: StationSnapshot | None = None
        self._posted_at = float("-inf")
        self._handed: Any = None  # a websocket on which the central system chose the other version
        self.logs: LogEngine | None = None  # logs on request, shared by both versions' clients
        self._watch_version()
        self._attach_security_log()
        station.security_log.subscribe(self._wake_sender)  # a new event goes out at once

    def _wake_sender(self) -> None:
        self.client.outbox.wake()  # the client of the version spoken now

    def _attach_security_log(self) -> None:
        """The client records security events in the station's log and sends its pending ones;
        the log marks new events critical as the version now spoken does."""
        self.station.security_log.version = self.active
        self.client.attach_security_log(self.station.security_log)

    @classmethod
    def build(cls, config: Config, station: Station, clock: Clock, csms_url: str | None = None,
              storage: Storage | None = None, changed: Callable[[], None] | None = None,
              rng: random.Random | None = None, firmware: FirmwareEngine | None = None) -> Backend | None:
        """The backend of ``station`` (None when no central system is configured): the client
        is prepared (PowerLoss stops, availability, reservations, prices) but not started.
        ``firmware``: the software update engine (built once, it outlives a Reset), handed to
        the client of either version and told about this station; without one, UpdateFirmware
        is answered NotSupported."""
        if not backend_configured(config, csms_url):
            return None
        version = config.ocpp.version
        adapter = StationAdapter(station, changed)
        storage = storage or Storage(config.ocpp.database)
        certificates = certificate_store(config, station.security_log.record)  # both versions: one store
        builders: dict[str, Callable[[], Any]] = {}
        if version in ("1.6", "auto"):
            builders["1.6"] = lambda: build_client(config, adapter, clock, csms_url, rng=rng, storage=storage,
                                                   version=version, certificates=certificates, firmware=firmware)
        if version in ("2.0.1", "auto"):
            from controller.backend201 import client201_builder  # only a 2.0.1 charger loads it

            builders["2.0.1"] = client201_builder(config, station, lambda: station_snapshot(station.state), clock,
                                                  csms_url, storage, changed, rng, version, certificates, firmware)
        active = version if version != "auto" else str(storage.get(VERSION_IN_USE, "1.6"))
        backend = cls(station, adapter, storage, builders, active if active in builders else "1.6")
        backend.logs = build_log_engine(
            config, backend.client.settings.endpoint.charge_point_id, storage.path, clock,
            codes=lambda: codes_section(station.codes, station.code_history),
            secrets=lambda: [backend.client.config.raw("AuthorizationKey")],
            can_bus=lambda: can_bus_section(station.state.can_bus, station.state.now))
        backend.client.attach_logs(backend.logs)
        if firmware is not None:
            firmware.attach(adapter.port)  # is_idle / set_software_update: the station's port
        adapter.port.attach(backend.undelivered_sessions)
        meters = backend.power_loss_meters()
        for other in builders:
            if other != backend.active:  # what a crash left in the other version's queue, settled too
                settle_other_version(other, storage, station.store, meters, ended_sessions)
        if backend.active == "1.6":
            unreported, ended = (unreported_sessions(station.store, backend.client.queue),
                                 ended_sessions(station.store, backend.client.queue))
        else:
            unreported, ended = startup_hand_over_201(station.store, backend.client.queue)
        backend.client.prepare(meters, unreported, ended)
        log.info("backend: %s as %s (OCPP %s)", backend.client.settings.endpoint.url.rpartition("/")[0],
                 backend.client.settings.endpoint.charge_point_id, backend.active)
        return backend

    def power_loss_meters(self) -> dict[int, PowerLossMeter]:
        """Each connector's last saved register, for the PowerLoss stops after a crash."""
        interrupted = {record.connector_id: record for record in self.station.interrupted_sessions}
        meters = {}
        for side, connector in self.station.connectors.items():
            record = interrupted.get(side.connector_id)
            meters[side.connector_id] = PowerLossMeter(round(connector.meter.register_wh),
                                                       record.updated_at if record is not None else None)
        return meters

    def undelivered_sessions(self) -> frozenset[int]:
        """Station sessions the central system has not fully heard of: their transaction is open
        or has messages queued (in either version's queue), or they were never handed over."""
        queue = TransactionQueue(self.storage)
        waiting = self.station.store.sessions_for_backend(queue.handed_over() or 0)
        return undelivered_in_queues(self.storage) | {record.id for record in waiting}

    def start(self) -> asyncio.Task[Any]:
        """Run the client (connect, boot, serve, reconnect) on the running loop."""
        self.task = asyncio.get_running_loop().create_task(self._run(), name="ocpp-client")
        return self.task

    async def _run(self) -> None:
        handed = None
        while True:
            try:
                handed = await self.client.run(handed)
            except Exception:
                log.exception("the OCPP %s client stopped", self.active)
                raise
            if handed is None:
                return
            await self._switch(handed)

    def _watch_version(self) -> None:
        if len(self._builders) > 1:
            self.client.link.other_version = self._take_over

    def _take_over(self, websocket: Any) -> bool:
        """The central system chose the other version on ``websocket``: switch, unless a
        transaction it already knows of runs here (then later, once it has ended)."""
        if not can_hand_over(self.active, self.client):
            return False
        self._handed = websocket
        return True

    async def _switch(self, websocket: Any) -> None:
        """Go on in the other version: what the old queue never delivered is withdrawn and
        handed to the new client as the station recorded it."""
        old, self.active = self.active, next(v for v in self._builders if v != self.active)
        await self.client.close()
        withdrawn = withdraw_undelivered(old, self.storage)
        self.storage.put(VERSION_IN_USE, self.active)
        self.client = self._builders[self.active]()
        if self.logs is not None:
            self.client.attach_logs(self.logs)
        self._watch_version()
        self._attach_security_log()
        self.client.prepare(self.power_loss_meters(), (), {})
        self._posted = None
        log.warning("the central system speaks OCPP %s: switched from %s (%d sessions handed over)", self.active,
                    old, len(withdrawn))
        for event in replayed_sessions(self.station, withdrawn):
            self.client.post(self._outgoing(event))

    def _outgoing(self, event: port.StationEvent) -> Any:
        return ocpp_event(event) if self.active == "1.6" else event

    def flush(self) -> None:
        """After a station tick (on the running loop): the station's events, in order, after a
        fresh snapshot when anything moved."""
        events = [self._outgoing(event) for event in self.adapter.port.take_events()]
        snapshot = station_snapshot(self.station.state)
        now = self.station.clock.monotonic()
        previous = self._posted
        moved = previous is None or _status_part(previous) != _status_part(snapshot)
        if events or moved or (snapshot != previous and now - self._posted_at >= MEASUREMENT_INTERVAL_S):
            self._posted, self._posted_at = snapshot, now
            self.client.post(StateChanged(snapshot))
        for event in events:  # the power-cut tests' kills between the two databases
            if isinstance(event, SessionStarted | port.SessionStarted):
                crash_point(SESSION_RECORDED)
            elif isinstance(event, SessionStopped | port.SessionStopped):
                crash_point(SESSION_FINISHED)
            self.client.post(event)

    async def close(self, close_storage: bool = True) -> None:
        """Stop the client (a restart keeps the storage open for the next one); an upload of logs
        in progress ends (with UploadFailure, reported by the next backend)."""
        await self.client.close()
        if self.logs is not None:
            await self.logs.close()
            self.logs.journal.close()
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task
        if close_storage:
            self.storage.close()


def unreported_sessions(store: Store, queue: TransactionQueue) -> list[SessionStarted]:
    """The sessions ``store`` recorded for the backend that ``queue`` never took over (those
    above its handed-over mark), as the SessionStarted the station meant to send, oldest
    first.  A queue without a mark starts at the store's last session."""
    mark = queue.handed_over()
    if mark is None:
        mark = store.last_session_id()
        queue.set_handed_over(mark)
    return [SessionStarted(r.connector_id, r.id_token, round(r.meter_start_wh), r.started_at, r.id)
            for r in store.sessions_for_backend(mark)]


def ended_sessions(store: Store, queue: TransactionQueue) -> dict[int, SessionStopped]:
    """For each transaction still open in ``queue`` whose session ``store`` recorded as finished,
    the SessionStopped the station meant to send, by session id (who stopped it is not recorded)."""
    stops: dict[int, SessionStopped] = {}
    for transaction in queue.open_transactions():
        if transaction.session_id is None:
            continue
        try:
            record = store.session(transaction.session_id)
        except KeyError:
            continue
        if record.status == FINISHED and record.ended_at is not None:
            stops[record.id] = SessionStopped(record.connector_id, round(record.meter_start_wh + record.energy_wh),
                                              record.ended_at, reason_of(StopReason.from_key(record.stop_reason)))
    return stops
