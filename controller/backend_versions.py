"""Two OCPP versions on one charge-point database: which sessions each queue holds, and a
switch from one version to the other (``[ocpp].version = "auto"``).

Both versions' queues live in the charge point's SQLite file and share the *handed-over
mark* (:data:`controller.ocpp.queue.HANDED_OVER`): a session the station recorded is taken
over by exactly one of them.  When a central system picks the other version, what the old
queue never delivered at all (its transaction's first message still queued) is withdrawn
from it and handed to the new version as the station recorded it
(:func:`replayed_sessions`): started, and stopped if it has ended.  A transaction the old
central system already knows of stays in its queue until that version is spoken again, and
while such a transaction runs the switch waits (:func:`can_hand_over`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from controller import port
from controller.ocpp.queue import TransactionQueue
from controller.ocpp.recovery import PowerLossMeter, recover_transactions
from controller.ocpp.storage import Storage
from controller.session import StopReason
from controller.store import FINISHED, Store
from controller.types import Side

if TYPE_CHECKING:
    from controller.station import Station

log = logging.getLogger(__name__)

#: Settings key of the charge point's database: the OCPP version a central system chose last.
VERSION_IN_USE = "ocpp_version_in_use"


def _queue_201(storage: Storage) -> Any:
    from controller.ocpp201.tx_queue import TransactionEventQueue  # a 1.6-only charger never loads 2.0.1

    return TransactionEventQueue(storage)


def undelivered_in_queues(storage: Storage) -> frozenset[int]:
    """Station sessions with a transaction open, or messages queued, in either version's queue."""
    return TransactionQueue(storage).undelivered_sessions() | _queue_201(storage).undelivered_sessions()


def settle_other_version(version: str, storage: Storage, store: Store, meters: Mapping[int, PowerLossMeter],
                         ended_16: Callable[[Store, TransactionQueue], Mapping[int, Any]]) -> None:
    """At start-up, the transactions a crash left open in the queue of ``version`` (the one
    not spoken now) are stopped, as recorded or with PowerLoss, like the spoken one's."""
    if version == "1.6":
        queue = TransactionQueue(storage)
        recover_transactions(queue, meters, (), ended_16(store, queue))
    else:
        from controller.ocpp201 import recovery  # a 1.6-only charger never loads 2.0.1

        queue_201 = _queue_201(storage)
        recovery.recover_transactions(queue_201, meters, (), recovery.ended_sessions(store, queue_201))


def startup_hand_over_201(store: Store, queue: Any) -> tuple[list[port.SessionStarted], dict[int, port.SessionStopped]]:
    """For the 2.0.1 queue at start-up: the sessions the station recorded but no queue took
    over, and the ended ones whose transaction is still open (see :mod:`controller.backend`)."""
    from controller.ocpp201 import recovery

    unreported = recovery.unreported_sessions(store, queue)
    return unreported, recovery.ended_sessions(store, queue, unreported)


def can_hand_over(version: str, client: Any) -> bool:
    """No transaction the central system of ``version`` already knows of runs in ``client``."""
    if version == "1.6":
        queue = client.queue
        return all(queue.real_id(running.local_id) is None for running in client.running.values())
    return not client.transactions.known_running()


def withdraw_undelivered(version: str, storage: Storage) -> list[int]:
    """Take out of the queue of ``version`` every transaction none of whose messages was
    delivered; their station session ids, oldest first."""
    queue = TransactionQueue(storage) if version == "1.6" else _queue_201(storage)
    withdrawn = queue.withdraw_undelivered()
    if withdrawn:
        log.warning("OCPP %s: %d undelivered transactions withdrawn for the other version", version, len(withdrawn))
    return withdrawn


def replayed_sessions(station: Station, session_ids: Sequence[int]) -> Iterator[port.StationEvent]:
    """The station's events of its recorded sessions ``session_ids``, as it sent them: started,
    and stopped (as recorded) for those that have ended."""
    for session_id in session_ids:
        try:
            record = station.store.session(session_id)
        except KeyError:
            continue
        side = Side(record.connector_id - 1)
        yield port.SessionStarted(side, record.id_token, round(record.meter_start_wh), record.started_at, record.id)
        if record.status == FINISHED and record.ended_at is not None:
            yield port.SessionStopped(side, round(record.meter_start_wh + record.energy_wh), record.ended_at,
                                      StopReason.from_key(record.stop_reason))
