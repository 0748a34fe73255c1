"""What the central system decides for the 2.0.1 station, kept: availability, reservations,
charging limits, display messages and the tariff and cost fallback texts.

One small owner each (:mod:`~controller.ocpp201.availability`,
:mod:`~controller.ocpp201.reservations`, :mod:`~controller.ocpp201.charging_limits`,
:mod:`~controller.ocpp201.display`); this holder restores them at start-up, keeps them
current on every tick, and settles a transaction's end in each.
"""

from __future__ import annotations

from controller.ocpp201.availability import Availability201
from controller.ocpp201.charging_limits import ChargingLimits201
from controller.ocpp201.display import DisplayMessages201
from controller.ocpp201.host import Host
from controller.ocpp201.reservations import Reservations201
from controller.pricing import PriceText

#: The TariffCostCtrlr variables whose change reaches the screen.
FALLBACKS = ("TariffFallbackMessage", "TotalCostFallbackMessage")


class Control201:
    """The station state the central system sets, for ``cp``."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp
        self.availability = Availability201(cp)
        self.reservations = Reservations201(cp)
        self.limits = ChargingLimits201(cp)
        self.messages = DisplayMessages201(cp)

    def restore(self) -> None:
        """At start-up: everything stored, told to the station."""
        self.availability.restore()
        self.reservations.restore()
        self.messages.restore()
        self.apply_fallbacks()
        self.cp.station_link.station.set_connection_timeout(self.cp.config.number("ConnectionTimeOut"))
        self.limits.update()

    def tick(self) -> None:
        self.reservations.expire()
        self.limits.update()

    def operative(self, evse_id: int) -> bool:
        return self.availability.operative(evse_id)

    def change_availability(self, evse_id: int, operative: bool) -> str:
        return self.availability.change(evse_id, operative, set(self.cp.transactions.running))

    def remote_start_profile(self, evse_id: int | None, data: dict) -> tuple[str, str] | None:
        return self.limits.remote_start_profile(evse_id, data)

    def forget_remote_start_profile(self) -> None:
        self.limits.forget_remote_start()

    def transaction_started(self, evse_id: int, transaction_id: str) -> None:
        self.limits.transaction_started(evse_id, transaction_id)

    def transaction_ended(self, evse_id: int, transaction_id: str) -> None:
        self.availability.transaction_ended(evse_id)
        self.limits.transaction_ended(transaction_id)
        self.messages.transaction_ended(transaction_id)

    def on_configuration(self, name: str, value: str) -> None:
        if name == "ConnectionTimeOut":
            self.cp.station_link.station.set_connection_timeout(int(value))

    def on_variable(self, component: str, variable: str) -> None:
        """A 2.0.1-only variable changed."""
        if component == "TariffCostCtrlr" and variable in FALLBACKS:
            self.apply_fallbacks()

    def apply_fallbacks(self) -> None:
        """TariffCostCtrlr's fallback texts to the screen (shown while no tariff or cost is known)."""
        model, language = self.cp.device_model, self.cp.settings.language

        def text(variable: str) -> PriceText | None:
            value = model.value("TariffCostCtrlr", variable).strip()
            return PriceText(((language, value),)) if value else None
        self.cp.station_link.station.set_cost_fallbacks(text("TariffFallbackMessage"),
                                                        text("TotalCostFallbackMessage"))
