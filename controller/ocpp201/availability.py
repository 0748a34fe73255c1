"""Availability (OCPP 2.0.1 G03/G04): the station and each EVSE Operative or Inoperative.

One setting whichever version sets it: stored in the charge point's ``availability`` table
as on 1.6 (EVSE id = connector id, 0 = the station).  Taking an EVSE with a transaction out
of service is Scheduled: it happens when that transaction ends.
"""

from __future__ import annotations

import logging

from controller.ocpp201.host import Host

log = logging.getLogger(__name__)

#: Settings key: changes waiting for a transaction to end, by EVSE id (shared with 1.6).
SCHEDULED = "availability_scheduled"


class Availability201:
    """Operative or not, per EVSE and for the station, kept and told to the station."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp

    def operative(self, evse_id: int) -> bool:
        """Operative as the central system set it (an EVSE also needs the station operative)."""
        rows = self.cp.storage.query("SELECT operative FROM availability WHERE connector_id = ?", (evse_id,))
        own = bool(rows[0]["operative"]) if rows else True
        return own if evse_id == 0 else own and self.operative(0)

    def restore(self) -> None:
        """At start-up: every EVSE out of service that was."""
        for evse_id in self.cp.evse_ids:
            if not self.operative(evse_id):
                self._tell(evse_id)

    def change(self, evse_id: int, operative: bool, busy: set[int]) -> str:
        """ChangeAvailability of ``evse_id`` (0: the station); ``busy``: EVSEs with a transaction.
        Accepted, or Scheduled when a transaction keeps an EVSE going until it ends."""
        targets = self.cp.evse_ids if evse_id == 0 else (evse_id,)
        scheduled = self.scheduled()
        waiting = [e for e in targets if e in busy] if not operative else []
        for target in targets:
            scheduled.pop(target, None)
        for target in waiting:
            scheduled[target] = False
        self.cp.storage.put(SCHEDULED, {str(k): v for k, v in scheduled.items()})
        self._store(evse_id, operative)
        for target in targets:
            if target not in waiting:
                self._tell(target)
        return "Scheduled" if waiting else "Accepted"

    def scheduled(self) -> dict[int, bool]:
        return {int(k): v for k, v in self.cp.storage.get(SCHEDULED, {}).items()}

    def transaction_ended(self, evse_id: int) -> None:
        """A scheduled change of ``evse_id`` takes effect."""
        scheduled = self.scheduled()
        if evse_id in scheduled:
            del scheduled[evse_id]
            self.cp.storage.put(SCHEDULED, {str(k): v for k, v in scheduled.items()})
            self._tell(evse_id)

    def _store(self, evse_id: int, operative: bool) -> None:
        self.cp.storage.execute("INSERT INTO availability VALUES (?, ?) ON CONFLICT(connector_id) DO UPDATE SET "
                                "operative = excluded.operative", (evse_id, int(operative)))

    def _tell(self, evse_id: int) -> None:
        side = self.cp.station_link.side(evse_id)
        if side is not None:
            self.cp.station_link.station.set_available(side, self.operative(evse_id))
        self.cp.reporting.refresh()
