"""The transactions: the station's sessions become queued transaction messages.

A session the station starts opens a transaction in the persistent queue (taking up the
connector's reservation, installing the TxProfile of a remote start); one it stops queues
its StopTransaction with the StopTxn meter data gathered meanwhile.  What the central
system answers to a StartTransaction is taken in here: the transaction id (for pricing
messages that name it, even one that came first) and, when it refused the id tag, the
stop or the 0 W that StopTransactionOnInvalidId asks for.  The station's snapshots keep
the last meter reading noted for a PowerLoss stop, and (CustomIdleFeeAfterStop) queue a
ConnectorUnplugged when the cable of a stopped transaction comes out.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from controller.ocpp import pricing
from controller.ocpp import smart_charging as sc
from controller.ocpp.authorization import IdTagInfo
from controller.ocpp.central_time import CentralTime
from controller.ocpp.handler_port import ChargePoint
from controller.ocpp.metering import meter_value
from controller.ocpp.port import SessionStarted, SessionStopped, StationSnapshot
from controller.ocpp.queue import START, QueuedMessage, ocpp_time
from controller.ocpp.recovery import stop_payload
from controller.ocpp.station_control import StationControl
from controller.pricing import BackendCost

log = logging.getLogger(__name__)

#: How often (s) the running transactions' meter registers are noted for a PowerLoss stop.
METER_NOTE_S = 10
#: Recent transaction ids kept for pricing messages that come after the stop.
RECENT_TRANSACTIONS = 32
#: Costs kept for transaction ids not known yet.
EARLY_COSTS = 4


@dataclass
class Running:
    """A transaction in progress on a connector."""

    local_id: int
    id_tag: str
    started: datetime
    next_sample: float  # monotonic
    stop_data: list[dict[str, Any]] = field(default_factory=list)  # transactionData of StopTransaction


class Transactions:
    """The transactions of ``cp``: running ones by connector, and recent ids."""

    def __init__(self, cp: ChargePoint, time: CentralTime, control: StationControl) -> None:
        self.cp = cp
        self.time = time
        self.control = control
        self.running: dict[int, Running] = {}
        self.remote_profiles: dict[str, sc.Profile] = {}  # TxProfiles of remote starts, by id tag
        self.sessions_idle = asyncio.Event()  # set while no transaction runs
        self.sessions_idle.set()
        self._last_meter_note = 0.0
        self._transactions: dict[int, int] = {}  # recent transaction ids -> connector (for pricing messages)
        self._unplug_pending: dict[int, int] = {}  # connector -> local transaction, for ConnectorUnplugged
        self._early_costs: dict[int, BackendCost] = {}  # costs for transaction ids not known yet

    # --- the station's sessions -------------------------------------------------------

    def started(self, event: SessionStarted) -> None:
        """The station started a session: open its transaction and queue its StartTransaction."""
        cp = self.cp
        connector_id = event.connector_id
        if connector_id in self.running:
            log.error("connector %d started a session while one runs: ignored", connector_id)
            return
        reservation_id = self.control.consume_reservation(connector_id, event.id_tag)
        started = self.time.central(event.timestamp)  # the central system's clock, like every other timestamp
        local_id = cp.queue.start(connector_id, event.id_tag, event.meter_start_wh, started, reservation_id,
                                  event.session_id)
        running = Running(local_id, event.id_tag, started,
                          self.time.monotonic() + cp.config.number("MeterValueSampleInterval"))
        begin = meter_value(cp.snapshot.connector(connector_id), cp.config.items("StopTxnSampledData"),
                            "Transaction.Begin", started)
        if begin is not None:
            running.stop_data.append(begin)
        self.running[connector_id] = running
        self.sessions_idle.clear()
        profile = self.remote_profiles.pop(event.id_tag, None)
        if profile is not None:
            self.control.install_profile(dataclasses.replace(profile, connector_id=connector_id))
        log.info("transaction %d started on connector %d", local_id, connector_id)
        cp.outbox.wake()

    def stopped(self, event: SessionStopped) -> None:
        """The station stopped a session: queue its StopTransaction."""
        cp = self.cp
        connector_id = event.connector_id
        running = self.running.pop(connector_id, None)
        if running is None:
            log.error("connector %d stopped a session that never started: ignored", connector_id)
            return
        stopped = self.time.central(event.timestamp)
        end = meter_value(cp.snapshot.connector(connector_id), cp.config.items("StopTxnSampledData"),
                          "Transaction.End", stopped)
        if end is not None:
            running.stop_data.append(end)
        payload = stop_payload(event, event.meter_stop_wh, stopped)
        if running.stop_data:
            payload["transaction_data"] = running.stop_data
        cp.queue.stop(running.local_id, payload)
        if cp.config.flag("CustomIdleFeeAfterStop") and cp.snapshot.connector(connector_id).plugged:
            self._unplug_pending[connector_id] = running.local_id  # idle time goes on until the cable is out
        self.control.transaction_ended(connector_id)
        if not self.running:
            self.sessions_idle.set()
        log.info("transaction %d on connector %d stopped (%s)", running.local_id, connector_id, payload["reason"])
        self.control.update_limits()
        cp.outbox.wake()

    def on_state(self, snapshot: StationSnapshot) -> None:
        """A new snapshot: ConnectorUnplugged for a stopped transaction's cable now out, and
        (every :data:`METER_NOTE_S`) the running transactions' registers noted."""
        for connector_id, local_id in list(self._unplug_pending.items()):
            if not snapshot.connector(connector_id).plugged:
                del self._unplug_pending[connector_id]
                data = pricing.connector_unplugged(None, ocpp_time(self.time.now()))
                self.cp.queue.data_transfer(local_id, {"vendor_id": pricing.VENDOR_ID,
                                                       "message_id": pricing.CONNECTOR_UNPLUGGED, "data": data})
                log.info("connector %d unplugged after transaction %d: ConnectorUnplugged queued", connector_id,
                         local_id)
                self.cp.outbox.wake()
        now = self.time.monotonic()
        if now - self._last_meter_note >= METER_NOTE_S and self.running:
            self._last_meter_note = now
            for connector_id, running in self.running.items():
                meter = round(snapshot.connector(connector_id).energy_wh)
                self.cp.queue.note_meter(running.local_id, meter, self.time.now())

    def queue_meter_value(self, running: Running, connector_id: int, sample: dict[str, Any],
                          register_wh: float) -> None:
        """Queue a transaction's meter value, noting its register first: a PowerLoss stop after a
        crash then never reports less than a meter value the central system may have seen."""
        self.cp.queue.note_meter(running.local_id, round(register_wh), self.time.now())
        self.cp.queue.meter_values(running.local_id, {"connector_id": connector_id, "meter_value": [sample]})

    # --- the central system's answers -------------------------------------------------

    def queued_answered(self, message: QueuedMessage, payload: dict[str, Any], conf: dict[str, Any]) -> None:
        """A queued message's answer (in the receive loop, once the queue has retired it): its
        IdTagInfo into the cache, a StartTransaction's transaction id taken in."""
        info = conf.get("id_tag_info")
        if isinstance(info, dict):
            self.cp.learn(str(payload.get("id_tag", "")), IdTagInfo.from_ocpp(info))
        if message.action == START:
            self.start_answered(message, payload, conf)

    def start_answered(self, message: QueuedMessage, payload: dict[str, Any], conf: dict[str, Any]) -> None:
        """A StartTransaction's answer, taken in (in the receive loop, once the queue has it)."""
        self._remember_transaction(int(conf["transaction_id"]), int(payload["connector_id"]))
        status = IdTagInfo.from_ocpp(conf["id_tag_info"]).status_at(self.time.now())
        log.info("transaction %d is %s at the central system (%s)", message.local_tx, conf["transaction_id"], status)
        if status == "Accepted":
            return
        for connector_id, running in list(self.running.items()):
            if running.local_id != message.local_tx:
                continue
            if self.cp.config.flag("StopTransactionOnInvalidId"):
                self.cp.port.stop_session(connector_id, "DeAuthorized")
            else:
                self.control.deauthorize(connector_id)

    def _remember_transaction(self, transaction_id: int, connector_id: int) -> None:
        """Which connector a transaction id belongs to (FinalCost comes after the stop); a cost
        that arrived before the StartTransaction answer was processed is shown now."""
        self._transactions[transaction_id] = connector_id
        while len(self._transactions) > RECENT_TRANSACTIONS:
            del self._transactions[next(iter(self._transactions))]
        early = self._early_costs.pop(transaction_id, None)
        if early is not None:
            self.cp.port.set_session_cost(connector_id, early)

    def hold_early_cost(self, transaction_id: int, cost: BackendCost) -> None:
        """A cost for a transaction id not known yet: a central system may send RunningCost right
        after its StartTransaction answer, before this side has taken the id in."""
        self._early_costs[transaction_id] = cost
        while len(self._early_costs) > EARLY_COSTS:
            del self._early_costs[next(iter(self._early_costs))]

    # --- what the handlers ask ----------------------------------------------------------

    def running_transaction(self, connector_id: int) -> sc.Transaction | None:
        """The transaction on ``connector_id`` as smart charging sees it (id None until answered)."""
        running = self.running.get(connector_id)
        if running is None:
            return None
        return sc.Transaction(self.cp.queue.real_id(running.local_id), running.started)

    def start_in_flight(self) -> bool:
        """A running transaction whose StartTransaction the central system has not answered yet."""
        return any(self.cp.queue.real_id(r.local_id) is None for r in self.running.values())

    def connector_of(self, transaction_id: int) -> int | None:
        """The connector of the central system's transaction ``transaction_id`` (running or recent)."""
        for connector_id, running in self.running.items():
            if self.cp.queue.real_id(running.local_id) == transaction_id:
                return connector_id
        return self._transactions.get(transaction_id)
