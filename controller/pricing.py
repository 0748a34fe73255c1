"""Session cost from the configured tariff, in exact decimal money (never floats)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from controller.config import TariffSection

_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Tariff:
    """Prices per kWh, per minute of charging and per session, in ``currency``."""

    currency: str
    energy_per_kwh: Decimal
    per_minute: Decimal
    session_fee: Decimal

    @classmethod
    def from_config(cls, section: TariffSection) -> Tariff:
        def money(raw: str) -> Decimal:
            return Decimal(raw) if raw else Decimal(0)

        return cls(
            currency=section.currency.upper(),
            energy_per_kwh=money(section.energy_price),
            per_minute=money(section.time_price),
            session_fee=money(section.session_fee),
        )

    @property
    def is_free(self) -> bool:
        return not (self.energy_per_kwh or self.per_minute or self.session_fee)

    def cost(self, energy_wh: float, charging_seconds: float) -> Decimal:
        """Cost of a session so far, rounded half-up to the cent.

        Energy is metered in whole watt-hours before pricing, so the displayed cost
        follows the displayed energy and never depends on float noise.
        """
        kwh = Decimal(int(energy_wh)) / Decimal(1000)
        minutes = Decimal(int(charging_seconds)) / Decimal(60)
        total = self.session_fee + kwh * self.energy_per_kwh + minutes * self.per_minute
        return total.quantize(_CENT, rounding=ROUND_HALF_UP)
