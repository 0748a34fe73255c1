"""The station's facts for the 2.0.1 device model (:class:`controller.ocpp201.facts.StationFacts`),
read from the charging station at the moment a value is asked for."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from controller.ocpp201.facts import CONNECTOR_TYPES
from controller.ocpp201.host import Host


class SnapshotFacts:
    """:class:`~controller.ocpp201.facts.StationFacts` of ``cp``'s station; ``standards``: each
    EVSE's DC standard by name (CCS1, CHAdeMO, GB/T), ``rated_w`` each EVSE's maximum power."""

    def __init__(self, cp: Host, standards: Mapping[int, str], rated_w: Mapping[int, float],
                 counts: Callable[[str], int]) -> None:
        self.cp = cp
        self._standards = dict(standards)
        self._rated_w = dict(rated_w)
        self._counts = counts  # "certificates", "charging_profiles", "display_messages", "local_list_entries"

    def evse_ids(self) -> tuple[int, ...]:
        return self.cp.evse_ids

    def availability_state(self, evse_id: int | None) -> str:
        if evse_id is None:
            states = {self.cp.reporting.status_of(e) for e in self.cp.evse_ids}
            if "Faulted" in states and len(states) == 1:
                return "Faulted"
            return "Unavailable" if states == {"Unavailable"} else "Available"
        return str(self.cp.reporting.status_of(evse_id))

    def connector_type(self, evse_id: int) -> str:
        return CONNECTOR_TYPES.get(self._standards.get(evse_id, ""), "Unknown")

    def power_w(self, evse_id: int) -> float:
        return float(self.cp.snapshot.connector(evse_id).power_w)

    def rated_power_w(self, evse_id: int) -> float:
        return float(self._rated_w.get(evse_id, self.cp.settings.station_max_w))

    def problem(self, evse_id: int | None) -> bool:
        codes = self.cp.snapshot.codes if evse_id is None else self.cp.snapshot.codes_for(evse_id)
        return bool(codes)

    def now(self) -> datetime:
        return self.cp.now()

    def identity(self) -> str:
        return self.cp.settings.endpoint.charge_point_id

    def vendor_name(self) -> str:
        return self.cp.identity.vendor

    def model(self) -> str:
        return self.cp.identity.model

    def certificates(self) -> int:
        return self._counts("certificates")

    def charging_profiles(self) -> int:
        return self._counts("charging_profiles")

    def display_messages(self) -> int:
        return self._counts("display_messages")

    def local_list_entries(self) -> int:
        return self._counts("local_list_entries")
