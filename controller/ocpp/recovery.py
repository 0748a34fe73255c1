"""What a crash left, settled once at start-up before anything is sent.

The station and this side keep two databases; a kill can fall between their commits.  A
session the station recorded that the queue never took over gets its StartTransaction
queued; a transaction still open here whose session the station recorded as ended gets
the StopTransaction the station meant; every other open transaction was cut short by a
power loss and is stopped with reason PowerLoss at the last meter reading either side
saved.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from controller.ocpp.mapping import stop_reason
from controller.ocpp.port import SessionStarted, SessionStopped
from controller.ocpp.queue import TransactionQueue, ocpp_time

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PowerLossMeter:
    """What the station metered last on a connector before a crash: the register (Wh) and
    when it was saved (None: unknown); used for the PowerLoss StopTransaction."""

    register_wh: int
    saved_at: datetime | None = None


def recover_transactions(queue: TransactionQueue, power_loss: Mapping[int, PowerLossMeter],
                         unreported: Sequence[SessionStarted], ended: Mapping[int, SessionStopped]) -> None:
    """Queue the StartTransaction of each session the station recorded but this side never
    took over (``unreported``: a kill between the station's commit and this side's); stop
    each transaction still open whose session the station recorded as ended (``ended``, by
    station session id: the same kill at the stop) as it recorded it; stop the others, which
    a power loss cut short, with PowerLoss and the station's last saved meter reading of
    that connector when it knows one (``power_loss``)."""
    for event in unreported:
        log.warning("session %s on connector %d was recorded but never queued: queuing its StartTransaction",
                    event.session_id, event.connector_id)
        queue.start(event.connector_id, event.id_tag, event.meter_start_wh, event.timestamp,
                    session_id=event.session_id)
    for tx in queue.open_transactions():
        recorded = ended.get(tx.session_id) if tx.session_id is not None else None
        if recorded is not None:
            log.warning("transaction %d on connector %d ended before a power loss: queuing its stop",
                        tx.local_id, tx.connector_id)
            queue.stop(tx.local_id, stop_payload(recorded, max(recorded.meter_stop_wh, tx.last_meter),
                                                 recorded.timestamp))
            continue
        log.warning("transaction %d on connector %d was cut by a power loss: queuing its stop",
                    tx.local_id, tx.connector_id)
        meter, seen = tx.last_meter, tx.last_seen
        saved = power_loss.get(tx.connector_id)
        if saved is not None and saved.register_wh >= meter:
            meter = saved.register_wh
            seen = saved.saved_at if saved.saved_at is not None and saved.saved_at >= tx.started else seen
        queue.stop(tx.local_id, {"meter_stop": meter, "timestamp": ocpp_time(seen),
                                 "reason": "PowerLoss", "id_tag": tx.id_tag})


def stop_payload(event: SessionStopped, meter_stop: int, stopped: datetime) -> dict[str, Any]:
    """StopTransaction's fields (snake_case; the transaction id is filled in when it goes out)."""
    payload: dict[str, Any] = {"meter_stop": meter_stop, "timestamp": ocpp_time(stopped),
                               "reason": stop_reason(event.reason).value}
    if event.id_tag:
        payload["id_tag"] = event.id_tag
    return payload
