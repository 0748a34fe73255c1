"""Smart charging (OCPP 2.0.1 block K) kept for the station: the profiles installed, stored,
and the limits they give told to the station's one limit stack.

The maths are :mod:`controller.ocpp201.profiles` (pure); here the profiles live
(``charging_profiles_201`` in the charge point's settings), a TxProfile given with a
RequestStartTransaction waits for its transaction, and after every change and every tick
the limits that moved go to the station (``set_external_limit``: the same stack and the same
"Limited by the operator's charging schedule" as on 1.6).
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from controller.ocpp import smart_charging as sc
from controller.ocpp201 import profiles as pr
from controller.ocpp201.host import Host

log = logging.getLogger(__name__)

STORED = "charging_profiles_201"
#: The 1.6 key's words for the units a schedule may use, in 2.0.1's.
RATE_UNITS = {"Current": "A", "Power": "W"}
_UNTOLD = (-1.0, None)  # no limit told yet (never equal to a real one)


class ChargingLimits201:
    """The charging profiles of ``cp``'s station and the limits they give."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp
        self.profiles: tuple[pr.Profile201, ...] = tuple(pr.from_record(r) for r in cp.storage.get(STORED, []))
        # as last told to the station, by EVSE id (0: the station): the watts, and when a zero limit lifts
        self._told: dict[int, tuple[float | None, datetime | None]] = {}
        self._remote: dict[str, Any] | None = None  # a RequestStartTransaction's TxProfile, until its transaction

    def capabilities(self) -> pr.Capabilities:
        config = self.cp.config
        return pr.Capabilities(evse_ids=self.cp.evse_ids, max_stack_level=config.number("ChargeProfileMaxStackLevel"),
                               max_periods=config.number("ChargingScheduleMaxPeriods"),
                               units=self._units(),
                               max_profiles=config.number("MaxChargingProfilesInstalled"))

    def _units(self) -> tuple[str, ...]:
        allowed = self.cp.config.items("ChargingScheduleAllowedChargingRateUnit")
        return tuple(RATE_UNITS[u] for u in allowed if u in RATE_UNITS) or ("A", "W")

    def running(self) -> dict[int, pr.RunningTx]:
        return {evse: pr.RunningTx(tx_id, started) for evse, (tx_id, started) in
                self.cp.transactions.started_at().items()}

    def set_profile(self, evse_id: int, data: dict[str, Any]) -> pr.Refusal | None:
        """SetChargingProfile: installed (None) or why not."""
        refusal = pr.check_profile(evse_id, data, self.capabilities(), self.profiles, self.running())
        if refusal is not None:
            return refusal
        self.profiles = pr.install(self.profiles, pr.profile_from_201(evse_id, data, self.cp.now()))
        self._changed()
        return None

    def clear(self, request: dict[str, Any]) -> str:
        self.profiles, status = pr.clear(self.profiles, request)
        if status == "Accepted":
            self._changed()
        return status

    def remote_start_profile(self, evse_id: int | None, data: dict[str, Any]) -> tuple[str, str] | None:
        """A RequestStartTransaction's TxProfile: kept for its transaction, or (reason, info) refusing it."""
        refusal = pr.check_profile(evse_id or 1, data, self.capabilities(), self.profiles, self.running(),
                                   request_start=True)
        if refusal is not None:
            return refusal.reason_code, refusal.info
        self._remote = data
        return None

    def forget_remote_start(self) -> None:
        self._remote = None

    def transaction_started(self, evse_id: int, transaction_id: str) -> None:
        """A remote start's TxProfile now belongs to its transaction."""
        data, self._remote = self._remote, None
        if data is not None:
            profile = pr.with_transaction(pr.profile_from_201(evse_id, data, self.cp.now()), transaction_id)
            self.profiles = pr.install(self.profiles, profile)
            self._changed()

    def transaction_ended(self, transaction_id: str) -> None:
        self.profiles = pr.end_transaction(self.profiles, transaction_id)
        self._changed()

    def _changed(self) -> None:
        self.cp.storage.put(STORED, [pr.to_record(p) for p in self.profiles])
        self.update()

    def update(self) -> None:
        """Tell the station every limit that moved (the station's cap and each EVSE's own), and
        for a zero limit when the schedule lifts it (the driver sees the time, controller.queue)."""
        now, running, volts = self.cp.now(), self.running(), self.cp.settings.phase_voltage_v
        limits = pr.limits_w(self.profiles, self.cp.evse_ids, now, running, volts)
        for evse_id, watts in limits.items():
            rises = self._rises(evse_id, now, running, volts) if watts == 0 else None
            if self._told.get(evse_id, _UNTOLD) == (watts, rises):
                continue
            self._told[evse_id] = (watts, rises)
            side = self.cp.station_link.side(evse_id)
            if evse_id == 0 or side is not None:
                # the schedule runs on the central system's clock, the station's timers on its own
                until = rises - self.cp.time.offset if rises is not None else None
                self.cp.station_link.station.set_external_limit(watts, side, until)

    def _rises(self, evse_id: int, now: datetime, running: dict[int, pr.RunningTx], volts: float) -> datetime | None:
        """When the schedule next allows more than 0 W on ``evse_id`` (0: the station), on the
        central system's clock; None when not within a week."""
        evse_ids = () if evse_id == pr.STATION else (evse_id,)
        started = running[evse_id].started if evse_id in running else now

        def limit_at(moment: datetime) -> float | None:
            return pr.limits_w(self.profiles, evse_ids, moment, running, volts)[evse_id]

        return sc.next_rise([p.core for p in self.profiles], now, limit_at, started)
