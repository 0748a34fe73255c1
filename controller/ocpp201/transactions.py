"""The station's sessions become OCPP 2.0.1 TransactionEvents (functional block E).

TxStartPoint is PowerPathClosed: the station's :class:`~controller.port.SessionStarted`
(authorized, plugged and locked) opens a transaction and queues its Started.  While it runs,
each new :class:`~controller.ocpp.port.StationSnapshot` may queue an Updated: a change of
chargingState (ChargingStateChanged) and, every TxUpdatedInterval, the TxUpdatedMeasurands
(MeterValuePeriodic).  The station's :class:`~controller.port.SessionStopped` queues the Ended
(with the TxEndedMeasurands sampled every TxEndedInterval, and at the end), unless TxStopPoint
names only the cable (EVConnected): then the stop is an Updated and the Ended follows when
the cable comes out.  Events that happen while offline carry ``offline``; timestamps are in
the central system's clock.

The central system's answers are taken in by :meth:`Transactions.answered`, synchronously as
the answer is read (after :meth:`TransactionEventQueue.delivered`): idTokenInfo (learnt into
the cache; a refused token stops the session, or is limited, per StopTxOnInvalidId), the
personal message (the driver's tariff text) and totalCost (running, or final for an Ended).

Which condition of TxStartPoint came last (triggerReason Authorized or CablePluggedIn) is
read from the snapshots: a connector seen PLUGGED (cable in, waiting for a token) since its
cable went in was plugged first, so the token came last (Authorized); otherwise the token
was there first and the cable came last (CablePluggedIn).  A connector never seen before the
session (the first snapshot after a restart) counts as Authorized.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from controller.ocpp.port import ConnectorSnapshot, StationSnapshot
from controller.ocpp201 import tx_events as ev
from controller.ocpp201.id_tokens import id_token
from controller.ocpp201.metering import measurands, meter_value
from controller.ocpp201.tx_queue import ENDED, STARTED, UPDATED, QueuedEvent, TransactionEventQueue
from controller.port import BackendPort, SessionStarted, SessionStopped
from controller.pricing import BackendCost, PriceText
from controller.session import SESSION_STATES, ConnectorState, StopReason
from controller.types import Side

log = logging.getLogger(__name__)

ENERGY = "Energy.Active.Import.Register"
#: How often (s) the running transactions' registers are noted for a PowerLoss Ended.
METER_NOTE_S = 10
#: Transactions kept after their end, for answers (totalCost of the Ended) that come later.
RECENT_TRANSACTIONS = 32
#: What a setting the host does not know reads as.
DEFAULTS: dict[tuple[str, str], str] = {
    ("SampledDataCtrlr", "TxStartedMeasurands"): "Energy.Active.Import.Register",
    ("SampledDataCtrlr", "TxUpdatedMeasurands"): "Energy.Active.Import.Register,Power.Active.Import,SoC",
    ("SampledDataCtrlr", "TxUpdatedInterval"): "60",
    ("SampledDataCtrlr", "TxEndedMeasurands"): "Energy.Active.Import.Register",
    ("SampledDataCtrlr", "TxEndedInterval"): "0",
    ("TxCtrlr", "TxStopPoint"): ev.DEFAULT_STOP_POINT,
    ("TxCtrlr", "StopTxOnInvalidId"): "true",
    ("TxCtrlr", "MaxEnergyOnInvalidId"): "0",
    ("TariffCostCtrlr", "Currency"): "EUR",
    ("OCPPCommCtrlr", "MessageAttempts"): "3",
    ("OCPPCommCtrlr", "MessageAttemptInterval"): "60",
    ("DisplayMessageCtrlr", "Language"): "en",
}


class TransactionHost(Protocol):
    """What :class:`Transactions` needs from the 2.0.1 client."""

    port: BackendPort  # the station: stop a session, show a cost or a tariff text

    def now(self) -> datetime:
        """Now, UTC, in the central system's clock."""
        ...

    def central(self, moment: datetime) -> datetime:
        """A station time (UTC) in the central system's clock."""
        ...

    def monotonic(self) -> float:
        ...

    def online(self) -> bool:
        """Connected and accepted (BootNotification): events now are not ``offline``."""
        ...

    def setting(self, component: str, variable: str, instance: str | None = None) -> str | None:
        """A device-model value (Actual), None when unknown."""
        ...

    def wake(self) -> None:
        """Something was queued: the pump should look."""
        ...

    def learn(self, id_token: dict[str, str], id_token_info: dict[str, Any]) -> None:
        """An idTokenInfo from the central system, for the authorization cache."""
        ...

    def suspend_energy(self, side: Side) -> None:
        """StopTxOnInvalidId is false and MaxEnergyOnInvalidId is spent: deliver no more energy
        on ``side`` (the transaction stays open until the driver stops it)."""
        ...


@dataclass(frozen=True, slots=True)
class RemoteStart:
    """A RequestStartTransaction accepted, waiting for its session."""

    remote_start_id: int
    id_token: dict[str, str]


@dataclass
class Running:
    """A transaction in progress on an EVSE."""

    transaction_id: str
    id_token: dict[str, str]
    charging_state: str
    next_update: float  # monotonic: the next MeterValuePeriodic
    next_ended_sample: float  # monotonic: the next TxEndedMeasurands sample
    ended_samples: list[dict[str, Any]] = field(default_factory=list)
    stop: SessionStopped | None = None  # stopped, the Ended waits for the cable (TxStopPoint EVConnected)
    invalid_from_wh: float | None = None  # refused after the start: MaxEnergyOnInvalidId counts from here
    suspended: bool = False


class Transactions:
    """The TransactionEvents of the station's sessions, queued in ``queue``."""

    def __init__(self, host: TransactionHost, queue: TransactionEventQueue) -> None:
        self.host = host
        self.queue = queue
        self.running: dict[int, Running] = {}  # by EVSE id
        self._snapshot: StationSnapshot | None = None
        self._plugged_first: dict[int, bool] = {}  # EVSE id -> seen waiting for a token since the plug
        self._remote: dict[str, RemoteStart] = {}  # by station token
        self._reservations: dict[int, int] = {}  # EVSE id -> reservation consumed by the next start
        self._recent: dict[str, tuple[int, dict[str, str]]] = {}  # transaction id -> (EVSE, token)
        self._last_note = float("-inf")

    # --- what the client tells ahead ------------------------------------------------------

    def expect_remote_start(self, token: str, remote_start_id: int, request_token: dict[str, str]) -> None:
        """A RequestStartTransaction was accepted for station token ``token``: its session's
        Started says RemoteStart, with ``remote_start_id`` and the request's idToken type."""
        self._remote[token] = RemoteStart(remote_start_id, {"id_token": token, "type": request_token["type"]})

    def reservation_used(self, evse_id: int, reservation_id: int) -> None:
        """The next session on ``evse_id`` consumes reservation ``reservation_id``."""
        self._reservations[evse_id] = reservation_id

    # --- the station's sessions -------------------------------------------------------------

    def started(self, event: SessionStarted) -> None:
        """The station started a session: open its transaction, queue the Started."""
        evse_id = event.side.connector_id
        if evse_id in self.running:
            previous = self.running[evse_id]
            if previous.stop is None:
                log.error("EVSE %d started a session while one runs: ignored", evse_id)
                return
            self._end_at_departure(evse_id, previous)  # its cable went out unseen
        at = self.host.central(event.timestamp)
        remote = self._remote.pop(event.token, None)
        token = remote.id_token if remote is not None else id_token(event.token)
        if remote is not None:
            trigger = "RemoteStart"
        else:
            trigger = "Authorized" if self._plugged_first.get(evse_id, True) else "CablePluggedIn"
        info: dict[str, Any] = {"charging_state": "EVConnected"}
        if remote is not None:
            info["remote_start_id"] = remote.remote_start_id
        connector = dataclasses.replace(self._connector(evse_id), energy_wh=float(event.meter_start_wh))
        begin = meter_value(connector, self._measurands("TxStartedMeasurands"), "Transaction.Begin", at)
        payload = ev.payload(STARTED, at, trigger, not self.host.online(), info, [begin] if begin else None,
                             evse=ev.evse(evse_id), id_token=token,
                             reservation_id=self._reservations.pop(evse_id, None))
        transaction_id = self.queue.start(evse_id, token, event.meter_start_wh, at, payload, event.session_id)
        now = self.host.monotonic()
        self.running[evse_id] = Running(transaction_id, token, "EVConnected",
                                        now + self._number("TxUpdatedInterval"),
                                        now + self._number("TxEndedInterval"))
        self._remember(transaction_id, evse_id, token)
        log.info("transaction %s started on EVSE %d (%s)", transaction_id, evse_id, trigger)
        self.host.wake()

    def stopped(self, event: SessionStopped) -> None:
        """The station stopped a session: queue the Ended, or (TxStopPoint EVConnected with the
        cable still in) an Updated, the Ended following at the cable's departure."""
        evse_id = event.side.connector_id
        running = self.running.get(evse_id)
        if running is None or running.stop is not None:
            log.error("EVSE %d stopped a session that never started: ignored", evse_id)
            return
        at = self.host.central(event.timestamp)
        stopped_reason, trigger = ev.STOPS[event.reason]
        token = self._stop_token(running, event)
        plugged = self._connector(evse_id).plugged and event.reason is not StopReason.EV_DISCONNECTED
        if plugged and not ev.ends_at_session_stop(self._setting("TxCtrlr", "TxStopPoint")):
            running.stop = event
            running.charging_state = "EVConnected"
            self.queue.event(running.transaction_id, ev.payload(
                UPDATED, at, trigger, not self.host.online(), {"charging_state": "EVConnected"},
                id_token=token), event.meter_stop_wh)
            log.info("transaction %s on EVSE %d stopped; it ends when the cable is out", running.transaction_id,
                     evse_id)
            self.host.wake()
            return
        del self.running[evse_id]
        self._end(running, evse_id, at, trigger, stopped_reason, event.meter_stop_wh,
                  "EVConnected" if plugged else "Idle", token)

    def on_state(self, snapshot: StationSnapshot) -> None:
        """A new snapshot: Updated events of the running transactions (chargingState, periodic
        meter values), the Ended of a stopped one whose cable is out, TxEndedMeasurands samples,
        the registers noted for a PowerLoss Ended, and who was plugged first."""
        self._snapshot = snapshot
        for connector in snapshot.connectors:
            if connector.state is ConnectorState.PLUGGED:
                self._plugged_first[connector.connector_id] = True
            elif not connector.plugged:
                self._plugged_first[connector.connector_id] = False
        now = self.host.monotonic()
        for evse_id, running in list(self.running.items()):
            connector = snapshot.connector(evse_id)
            if running.stop is not None:
                if not connector.plugged:
                    del self.running[evse_id]
                    self._end_at_departure(evse_id, running)
                continue
            self._sample(evse_id, running, connector, now)
        if self.running and now - self._last_note >= METER_NOTE_S:
            self._last_note = now
            for evse_id, running in self.running.items():
                self.queue.note_meter(running.transaction_id, round(snapshot.connector(evse_id).energy_wh),
                                      self.host.now())

    def trigger(self, evse_id: int) -> bool:
        """TriggerMessage(TransactionEvent): an Updated (Trigger) of the transaction on
        ``evse_id`` with its TxUpdatedMeasurands; False when none runs there."""
        running = self.running.get(evse_id)
        if running is None:
            return False
        at = self.host.now()
        connector = self._connector(evse_id)
        sample = meter_value(connector, self._measurands("TxUpdatedMeasurands"), "Trigger", at)
        self.queue.event(running.transaction_id, ev.payload(
            UPDATED, at, "Trigger", not self.host.online(), {"charging_state": running.charging_state},
            [sample] if sample else None), round(connector.energy_wh))
        self.host.wake()
        return True

    def aligned(self, evse_id: int) -> bool:
        """A clock-aligned moment: an Updated (MeterValueClock) of the transaction on ``evse_id``
        with AlignedDataCtrlr.Measurands; False when none runs there."""
        running = self.running.get(evse_id)
        if running is None or running.stop is not None:
            return False
        at = self.host.now()
        connector = self._connector(evse_id)
        sample = meter_value(connector, measurands(self._setting("AlignedDataCtrlr", "Measurands")), "Sample.Clock",
                             at)
        if sample is None:
            return True
        self.queue.event(running.transaction_id, ev.payload(
            UPDATED, at, "MeterValueClock", not self.host.online(), {"charging_state": running.charging_state},
            [sample]), round(connector.energy_wh))
        self.host.wake()
        return True

    # --- the central system's answers -------------------------------------------------------

    def answered(self, message: QueuedEvent, response: dict[str, Any]) -> None:
        """A TransactionEventResponse (snake_case), taken in as it is read."""
        recent = self._recent.get(message.transaction_id)
        if recent is None:
            log.warning("answer to transaction %s, unknown here (before a restart?): only learnt",
                        message.transaction_id)
        token = message.payload.get("id_token") or (recent[1] if recent else None)
        side = Side(recent[0] - 1) if recent is not None else None
        info = response.get("id_token_info")
        if isinstance(info, dict) and token is not None:
            self.host.learn(token, info)
            self._personal_message(token, info.get("personal_message"))
            if info.get("status") != "Accepted" and message.event_type != ENDED and side is not None:
                self._refused(side, message.transaction_id, str(info.get("status")))
        if token is not None:
            self._personal_message(token, response.get("updated_personal_message"))
        total = response.get("total_cost")
        if total is not None and side is not None:
            currency = self._setting("TariffCostCtrlr", "Currency") or ""
            cost = BackendCost(cost=Decimal(str(total)), currency=currency, final=message.event_type == ENDED)
            self.host.port.set_session_cost(side, cost)

    # --- what the client asks ----------------------------------------------------------------

    def transaction_id(self, evse_id: int) -> str | None:
        """The transaction running on ``evse_id`` (a stopped one waiting for its cable included)."""
        running = self.running.get(evse_id)
        return running.transaction_id if running is not None else None

    def evse_of(self, transaction_id: str) -> int | None:
        """The EVSE of a running transaction (RequestStopTransaction, GetTransactionStatus)."""
        return next((e for e, r in self.running.items() if r.transaction_id == transaction_id), None)

    def side_of(self, transaction_id: str) -> Side | None:
        """The side of a running transaction (None: not running here)."""
        evse_id = self.evse_of(transaction_id)
        return Side(evse_id - 1) if evse_id is not None else None

    def charging_sides(self) -> list[Side]:
        """The sides whose session has not stopped yet (a Reset stops these)."""
        return [Side(evse_id - 1) for evse_id, running in self.running.items() if running.stop is None]

    def started_at(self) -> dict[int, tuple[str, datetime]]:
        """(transaction id, start) of each running transaction, by EVSE id (for smart charging)."""
        opened = {tx.transaction_id: tx.started for tx in self.queue.open_transactions()}
        return {evse_id: (running.transaction_id, opened[running.transaction_id])
                for evse_id, running in self.running.items() if running.transaction_id in opened}

    def known_running(self) -> bool:
        """A running transaction whose Started the central system has heard."""
        unsent = {event.transaction_id for event in self.queue.pending() if event.seq_no == 0}
        return any(running.transaction_id not in unsent for running in self.running.values())

    def forget_remote_start(self, token: str) -> None:
        """A remote start that did not go ahead."""
        self._remote.pop(token, None)

    def cost_updated(self, transaction_id: str, total_cost: float) -> bool:
        """CostUpdated: the running cost of a transaction here; False when it is unknown."""
        recent = self._recent.get(transaction_id)
        if recent is None:
            return False
        currency = self._setting("TariffCostCtrlr", "Currency") or ""
        self.host.port.set_session_cost(Side(recent[0] - 1), BackendCost(cost=Decimal(str(total_cost)),
                                                                          currency=currency))
        return True

    def retry_policy(self) -> tuple[int, int]:
        """(MessageAttemptInterval, MessageAttempts) of TransactionEvent, for ``queue.failed``."""
        return (self._number("MessageAttemptInterval", "OCPPCommCtrlr", "TransactionEvent"),
                max(1, self._number("MessageAttempts", "OCPPCommCtrlr", "TransactionEvent")))

    # --- inside ------------------------------------------------------------------------------

    def _sample(self, evse_id: int, running: Running, connector: ConnectorSnapshot, now: float) -> None:
        """The Updated events and samples of a running transaction due at ``now``."""
        at = self.host.now()
        if connector.state in SESSION_STATES:
            state = ev.charging_state(connector)
            if state != running.charging_state:
                running.charging_state = state
                self.queue.event(running.transaction_id, ev.payload(
                    UPDATED, at, "ChargingStateChanged", not self.host.online(), {"charging_state": state}))
                self.host.wake()
        interval = self._number("TxUpdatedInterval")
        if interval > 0 and now >= running.next_update:
            running.next_update = now + interval
            sample = meter_value(connector, self._measurands("TxUpdatedMeasurands"), "Sample.Periodic", at)
            if sample is not None:
                self.queue.event(running.transaction_id, ev.payload(
                    UPDATED, at, "MeterValuePeriodic", not self.host.online(), None, [sample]),
                    round(connector.energy_wh))
                self.host.wake()
        ended_interval = self._number("TxEndedInterval")
        if ended_interval > 0 and now >= running.next_ended_sample:
            running.next_ended_sample = now + ended_interval
            sample = meter_value(connector, self._measurands("TxEndedMeasurands"), "Sample.Periodic", at)
            if sample is not None:
                running.ended_samples.append(sample)
        limit = running.invalid_from_wh
        if limit is not None and not running.suspended and \
                connector.energy_wh - limit >= self._number("MaxEnergyOnInvalidId", "TxCtrlr"):
            running.suspended = True
            self.host.suspend_energy(Side(evse_id - 1))

    def _end_at_departure(self, evse_id: int, running: Running) -> None:
        """The cable of a stopped transaction is out (TxStopPoint EVConnected): its Ended."""
        assert running.stop is not None
        self._end(running, evse_id, self.host.now(), "EVCommunicationLost", "EVDisconnected",
                  running.stop.meter_stop_wh, "Idle", None)

    def _end(self, running: Running, evse_id: int, at: datetime, trigger: str, stopped_reason: str,
             meter_stop_wh: int, state: str, token: dict[str, str] | None) -> None:
        connector = dataclasses.replace(self._connector(evse_id), energy_wh=float(meter_stop_wh))
        # An empty TxEndedMeasurands (the default it shares with 1.6 StopTxnSampledData) still
        # ends with the register: the final meter, as 1.6's meterStop and a PowerLoss Ended carry.
        names = self._measurands("TxEndedMeasurands") or [ENERGY]
        end = meter_value(connector, names, "Transaction.End", at)
        samples = [*running.ended_samples, *([end] if end else [])]
        self.queue.end(running.transaction_id, ev.payload(
            ENDED, at, trigger, not self.host.online(), {"charging_state": state, "stopped_reason": stopped_reason},
            samples, id_token=token), meter_stop_wh)
        log.info("transaction %s on EVSE %d ended (%s)", running.transaction_id, evse_id, stopped_reason)
        self.host.wake()

    def _stop_token(self, running: Running, event: SessionStopped) -> dict[str, str] | None:
        """The idToken that stopped the session (the start's type when it is the same token)."""
        if not event.token:
            return None
        if event.token == running.id_token["id_token"]:
            return running.id_token
        return id_token(event.token)

    def _refused(self, side: Side, transaction_id: str, status: str) -> None:
        """The central system refused the token of a running transaction (E05)."""
        running = self.running.get(side.connector_id)
        if running is None or running.transaction_id != transaction_id or running.stop is not None:
            return
        log.warning("transaction %s: token refused (%s)", transaction_id, status)
        if self._setting("TxCtrlr", "StopTxOnInvalidId").strip().lower() == "true":
            self.host.port.stop_session(side, StopReason.DEAUTHORIZED)
        elif running.invalid_from_wh is None:
            running.invalid_from_wh = self._connector(side.connector_id).energy_wh

    def _personal_message(self, token: dict[str, str], message: Any) -> None:
        """The driver's tariff text (idTokenInfo.personalMessage, updatedPersonalMessage)."""
        if not isinstance(message, dict) or not message.get("content"):
            return
        language = message.get("language") or self._setting("DisplayMessageCtrlr", "Language") or "en"
        self.host.port.set_user_price(token["id_token"], PriceText(((language, str(message["content"])),)))

    def _remember(self, transaction_id: str, evse_id: int, token: dict[str, str]) -> None:
        self._recent[transaction_id] = (evse_id, token)
        while len(self._recent) > RECENT_TRANSACTIONS:
            del self._recent[next(iter(self._recent))]

    def _connector(self, evse_id: int) -> ConnectorSnapshot:
        """The EVSE as last seen (a bare one, plugged, before any snapshot)."""
        if self._snapshot is not None:
            try:
                return self._snapshot.connector(evse_id)
            except KeyError:
                pass
        return ConnectorSnapshot(evse_id, ConnectorState.PREPARING, 0.0, plugged=True)

    def _setting(self, component: str, variable: str, instance: str | None = None) -> str:
        value = self.host.setting(component, variable, instance)
        return value if value is not None else DEFAULTS.get((component, variable), "")

    def _number(self, variable: str, component: str = "SampledDataCtrlr", instance: str | None = None) -> int:
        try:
            return int(float(self._setting(component, variable, instance)))
        except ValueError:
            return int(DEFAULTS.get((component, variable), "0"))

    def _measurands(self, variable: str) -> list[str]:
        return measurands(self._setting("SampledDataCtrlr", variable))
