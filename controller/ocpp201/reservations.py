"""Reservations (OCPP 2.0.1 block H): ReserveNow, CancelReservation, and the
ReservationStatusUpdate when one expires or is removed.

A reservation keeps one EVSE for an idToken (or any of its group) until its expiry; one
without an EVSE takes the first EVSE free for it (this charger's EVSEs are all free to
choose).  They are stored (``reservations_201`` in the charge point's settings) and told to
the station in its words (:class:`controller.port.Reservation`).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from ocpp.v201 import call

from controller.ocpp.authorization import parse_time
from controller.ocpp201.host import Host
from controller.port import Reservation

log = logging.getLogger(__name__)

STORED = "reservations_201"


@dataclass(frozen=True, slots=True)
class Reserved:
    """One reservation in force."""

    reservation_id: int
    evse_id: int
    token: str
    token_type: str
    expiry: str  # ISO 8601, UTC
    group: str | None = None

    @property
    def expires(self) -> datetime:
        return parse_time(self.expiry)

    def for_station(self) -> Reservation:
        return Reservation(self.reservation_id, self.token, self.expires, self.group)


class Reservations201:
    """The reservations of ``cp``'s station."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp

    def all(self) -> dict[int, Reserved]:
        """In force, by EVSE id."""
        return {r["evse_id"]: Reserved(**r) for r in self.cp.storage.get(STORED, [])}

    def restore(self) -> None:
        for evse_id, reserved in self.all().items():
            self._tell(evse_id, reserved)

    def reserve(self, reservation_id: int, expiry: str, id_token: dict[str, Any], evse_id: int | None,
                group: dict[str, Any] | None, status_of: Any) -> str:
        """ReserveNow: Accepted, Occupied, Faulted, Unavailable or Rejected.  ``status_of(evse)``:
        the EVSE's connector status now."""
        reservations = self.all()
        existing = next((e for e, r in reservations.items() if r.reservation_id == reservation_id), None)
        if existing is not None:  # H01.FR.02: the same id replaces the reservation
            del reservations[existing]
        candidates = [evse_id] if evse_id else [e for e in self.cp.evse_ids if e not in reservations]
        if evse_id and evse_id in reservations:
            return "Occupied"
        statuses = {e: status_of(e) for e in candidates}
        free = [e for e, status in statuses.items() if status == "Available"]
        if not free:
            for word in ("Faulted", "Unavailable", "Occupied"):
                if word in statuses.values() or (word == "Occupied" and "Reserved" in statuses.values()):
                    return word
            return "Rejected"
        target = free[0]
        reserved = Reserved(reservation_id, target, str(id_token["id_token"]).upper(), str(id_token["type"]),
                            expiry, str(group["id_token"]).upper() if group else None)
        reservations[target] = reserved
        self._save(reservations)
        self._tell(target, reserved)
        log.info("reservation %d on EVSE %d until %s", reservation_id, target, expiry)
        return "Accepted"

    def cancel(self, reservation_id: int) -> bool:
        """CancelReservation: whether it was there."""
        for evse_id, reserved in self.all().items():
            if reserved.reservation_id == reservation_id:
                self._remove(evse_id)
                return True
        return False

    def used(self, evse_id: int, token: str) -> int | None:
        """A session starts on ``evse_id``: its reservation ends; the id when it was ``token``'s."""
        reserved = self.all().get(evse_id)
        if reserved is None:
            return None
        self._remove(evse_id)
        return reserved.reservation_id if token == reserved.token else None

    def expire(self) -> None:
        """End the reservations whose expiry has passed, each with a ReservationStatusUpdate."""
        now = self.cp.now()
        for evse_id, reserved in self.all().items():
            if reserved.expires <= now:
                log.info("reservation %d on EVSE %d expired", reserved.reservation_id, evse_id)
                self._remove(evse_id)
                self._update(reserved.reservation_id, "Expired")

    def _update(self, reservation_id: int, status: str) -> None:
        if self.cp.online:
            self.cp.spawn(self.cp.outbox.request(call.ReservationStatusUpdate(
                reservation_id=reservation_id, reservation_update_status=status)))

    def _remove(self, evse_id: int) -> None:
        reservations = self.all()
        reservations.pop(evse_id, None)
        self._save(reservations)
        self._tell(evse_id, None)

    def _save(self, reservations: dict[int, Reserved]) -> None:
        self.cp.storage.put(STORED, [asdict(r) for r in reservations.values()])

    def _tell(self, evse_id: int, reserved: Reserved | None) -> None:
        side = self.cp.station_link.side(evse_id)
        if side is not None:
            self.cp.station_link.station.set_reservation(side, reserved.for_station() if reserved else None)
        self.cp.reporting.refresh()
