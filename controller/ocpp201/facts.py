"""What the station tells the 2.0.1 device model: the values no one sets (states, types, power, time).

The 2.0.1 adapter implements :class:`StationFacts` from the station's snapshot; the device
model reads it at the moment a value is asked for, and stores none of it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

#: Connector.ConnectorType for each DC standard (the station's ``Standard.display_name``).
#: GB/T has no value in 2.0.1's ConnectorEnumType; the device model's ConnectorType is a
#: string, and the 2.0.1 appendix (and EVerest libocpp, and the ocpp library's enum) add
#: ``cGBT`` to the list for it, so that is what a GB/T connector reports.
CONNECTOR_TYPES = {"CCS1": "cCCS1", "CCS2": "cCCS2", "CHAdeMO": "cG105", "GB/T": "cGBT"}


class StationFacts(Protocol):
    """The station's side of the device model (``evse_id`` None: the station as a whole)."""

    def evse_ids(self) -> tuple[int, ...]:
        """The EVSE ids, 1..n, one connector (id 1) each."""

    def availability_state(self, evse_id: int | None) -> str:
        """Available, Occupied, Reserved, Unavailable or Faulted (an EVSE's is its connector's)."""

    def connector_type(self, evse_id: int) -> str:
        """A ConnectorType value (:data:`CONNECTOR_TYPES`)."""

    def power_w(self, evse_id: int) -> float:
        """The power the EVSE delivers now."""

    def rated_power_w(self, evse_id: int) -> float:
        """The EVSE's maximum power (EVSE.Power MaxSet and maxLimit)."""

    def problem(self, evse_id: int | None) -> bool:
        """A status code of the fault or warning families is in force."""

    def now(self) -> datetime:
        """The station's clock, timezone-aware."""

    def identity(self) -> str:
        """The station's identity (the last part of the CSMS URL)."""

    def vendor_name(self) -> str: ...

    def model(self) -> str: ...

    def certificates(self) -> int:
        """Installed certificates (SecurityCtrlr.CertificateEntries)."""

    def charging_profiles(self) -> int:
        """Installed charging profiles (SmartChargingCtrlr.Entries[ChargingProfiles])."""

    def display_messages(self) -> int:
        """Display messages configured by the CSMS (DisplayMessageCtrlr.DisplayMessages)."""

    def local_list_entries(self) -> int:
        """Entries in the local authorization list (LocalAuthListCtrlr.Entries)."""
