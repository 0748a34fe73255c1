"""What a crash left, settled once at start-up before anything is sent (as
:mod:`controller.ocpp.recovery` and :mod:`controller.backend` do for 1.6).

The station and the charge point keep two databases; a kill can fall between their commits.
A session the station recorded above the handed-over mark was never queued by either
version: its Started is queued now (and its Ended, as recorded, when the station has it
finished).  A transaction still open whose session the station recorded as finished gets
the Ended the station meant; every other open transaction was cut short by a power loss and
gets an Ended with stoppedReason PowerLoss (triggerReason AbnormalCondition, as EVerest
libocpp maps it), at the last register either side saved and never below one already
queued.  All of them are ``offline`` and continue their transaction's seqNo.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol

from controller.ocpp.port import ConnectorSnapshot
from controller.ocpp.recovery import PowerLossMeter
from controller.ocpp201 import tx_events as ev
from controller.ocpp201.id_tokens import id_token
from controller.ocpp201.metering import meter_value
from controller.ocpp201.tx_queue import ENDED, STARTED, TransactionEventQueue
from controller.port import SessionStarted, SessionStopped
from controller.session import ConnectorState, StopReason
from controller.types import Side

__all__ = ["PowerLossMeter", "ended_sessions", "recover_transactions", "unreported_sessions"]

log = logging.getLogger(__name__)

_FINISHED = "finished"  # controller.store.FINISHED: a session's status once it ended
_REGISTER = ("Energy.Active.Import.Register",)


class SessionRecordLike(Protocol):
    """A session as the station's store keeps it (:class:`controller.store.SessionRecord`)."""

    id: int
    connector_id: int
    id_token: str
    started_at: datetime
    meter_start_wh: float
    energy_wh: float
    status: str
    stop_reason: str
    ended_at: datetime | None


class SessionStore(Protocol):
    """What recovery reads of the station's store (:class:`controller.store.Store`)."""

    def last_session_id(self) -> int: ...

    def sessions_for_backend(self, after_id: int) -> Sequence[SessionRecordLike]: ...

    def session(self, session_id: int) -> SessionRecordLike: ...


def unreported_sessions(store: SessionStore, queue: TransactionEventQueue) -> list[SessionStarted]:
    """The sessions ``store`` recorded for the backend above the handed-over mark (shared with
    the 1.6 queue), as the SessionStarted the station meant to send, oldest first.  Without a
    mark (a new file) the mark starts at the store's last session."""
    mark = queue.handed_over()
    if mark is None:
        mark = store.last_session_id()
        queue.set_handed_over(mark)
    return [SessionStarted(Side(r.connector_id - 1), r.id_token, round(r.meter_start_wh), r.started_at, r.id)
            for r in store.sessions_for_backend(mark)]


def ended_sessions(store: SessionStore, queue: TransactionEventQueue,
                   unreported: Sequence[SessionStarted] = ()) -> dict[int, SessionStopped]:
    """For each transaction still open in ``queue`` (and each of ``unreported``) whose session
    ``store`` recorded as finished, the SessionStopped the station meant to send, by session id
    (who stopped it is not recorded)."""
    ids = [t.session_id for t in queue.open_transactions()] + [e.session_id for e in unreported]
    stops: dict[int, SessionStopped] = {}
    for session_id in ids:
        if session_id is None:
            continue
        try:
            record = store.session(session_id)
        except KeyError:
            continue
        if record.status == _FINISHED and record.ended_at is not None:
            stops[record.id] = SessionStopped(Side(record.connector_id - 1),
                                              round(record.meter_start_wh + record.energy_wh), record.ended_at,
                                              StopReason.from_key(record.stop_reason))
    return stops


def recover_transactions(queue: TransactionEventQueue, power_loss: Mapping[int, PowerLossMeter],
                         unreported: Sequence[SessionStarted], ended: Mapping[int, SessionStopped],
                         central: Callable[[datetime], datetime] = lambda moment: moment) -> None:
    """Queue the Started of each of ``unreported`` (sessions never handed over); then end each
    open transaction: as the station recorded it when ``ended`` (by session id) has it, else
    with PowerLoss at the last register saved (``power_loss``, by EVSE id, or the queue's own
    note, whichever is higher).  ``central``: a station time in the central system's clock."""
    for event in unreported:
        evse_id = event.side.connector_id
        log.warning("session %s on EVSE %d was recorded but never queued: queuing its Started",
                    event.session_id, evse_id)
        at = central(event.timestamp)
        token = id_token(event.token)
        payload = ev.payload(STARTED, at, "Authorized", True, {"charging_state": "EVConnected"},
                             [_register(evse_id, event.meter_start_wh, "Transaction.Begin", at)],
                             evse=ev.evse(evse_id), id_token=token)
        queue.start(evse_id, token, event.meter_start_wh, at, payload, event.session_id)
    for tx in queue.open_transactions():
        recorded = ended.get(tx.session_id) if tx.session_id is not None else None
        if recorded is not None:
            log.warning("transaction %s on EVSE %d ended before a power loss: queuing its Ended",
                        tx.transaction_id, tx.evse_id)
            stopped_reason, trigger = ev.STOPS[recorded.reason]
            meter, at = max(recorded.meter_stop_wh, tx.last_meter), central(recorded.timestamp)
        else:
            log.warning("transaction %s on EVSE %d was cut by a power loss: queuing its Ended",
                        tx.transaction_id, tx.evse_id)
            stopped_reason, trigger = ev.STOPS[StopReason.POWER_LOSS]
            meter, at = tx.last_meter, tx.last_seen
            saved = power_loss.get(tx.evse_id)
            if saved is not None and saved.register_wh >= meter:
                meter = saved.register_wh
                if saved.saved_at is not None and saved.saved_at >= tx.started:
                    at = central(saved.saved_at)
        queue.end(tx.transaction_id, ev.payload(ENDED, at, trigger, True, {"stopped_reason": stopped_reason},
                                                [_register(tx.evse_id, meter, "Transaction.End", at)]), meter)


def _register(evse_id: int, meter_wh: int, context: str, at: datetime) -> dict[str, Any]:
    """A meter value with only the energy register (all a crash leaves known)."""
    value = meter_value(ConnectorSnapshot(evse_id, ConnectorState.UNAVAILABLE, float(meter_wh)), _REGISTER,
                        context, at)
    assert value is not None
    return value
