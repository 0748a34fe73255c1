"""What charging costs: the local tariff, the session cost, and the seams for a backend's prices.

Money is ``Decimal`` everywhere (never a float): prices come from the configuration as
decimal strings, energy is metered in whole watt-hours and time in whole seconds before
pricing, and totals are rounded half-up to the cent.

The local tariff (configuration) is what the charger shows before charging and uses for
the running cost. A backend replaces the texts and amounts with its own, after the OCA
"OCPP & California Pricing Requirements" extension of OCPP 1.6 (parsed in
:mod:`controller.ocpp.pricing`): a default price (``DefaultPrice``: a text, an offline
text, and unit prices that become the tariff for the running cost), a driver's own price
text (``SetUserPrice``), running costs (``RunningCost``) and a final cost with a receipt
link (``FinalCost`` and its ``qrCodeText``), and the time offset for the clock
(``TimeOffset``). Those arrive as the types at the end of this module; the HMI shows them
when present and falls back to the local tariff when not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from controller.config import TariffSection

_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Tariff:
    """Prices per kWh, per minute of charging, per session, and per minute of idling
    (a cable still plugged in after charging ended, beyond ``idle_grace_minutes``)."""

    currency: str
    energy_per_kwh: Decimal
    per_minute: Decimal
    session_fee: Decimal
    idle_per_minute: Decimal = Decimal(0)
    idle_grace_minutes: int = 0

    @classmethod
    def from_config(cls, section: TariffSection) -> Tariff:
        def money(raw: str) -> Decimal:
            return Decimal(raw) if raw else Decimal(0)

        return cls(
            currency=section.currency.upper(),
            energy_per_kwh=money(section.energy_price),
            per_minute=money(section.time_price),
            session_fee=money(section.session_fee),
            idle_per_minute=money(section.idle_price),
            idle_grace_minutes=section.idle_grace_minutes,
        )

    @property
    def is_free(self) -> bool:
        return not (self.energy_per_kwh or self.per_minute or self.session_fee or self.idle_per_minute)

    def billable_idle_seconds(self, idle_seconds: float) -> int:
        """Whole seconds of idling that are charged: those beyond the grace period."""
        return max(0, int(idle_seconds) - self.idle_grace_minutes * 60)

    def cost(self, energy_wh: float, charging_seconds: float, idle_seconds: float = 0) -> Decimal:
        """Cost of a session so far, rounded half-up to the cent.

        Energy is metered in whole watt-hours before pricing, so the displayed cost
        follows the displayed energy and never depends on float noise. ``idle_seconds``
        is how long the cable has stayed plugged in since charging ended; only the time
        beyond the grace period is charged.
        """
        kwh = Decimal(int(energy_wh)) / Decimal(1000)
        minutes = Decimal(int(charging_seconds)) / Decimal(60)
        idle_minutes = Decimal(self.billable_idle_seconds(idle_seconds)) / Decimal(60)
        total = (self.session_fee + kwh * self.energy_per_kwh + minutes * self.per_minute
                 + idle_minutes * self.idle_per_minute)
        return total.quantize(_CENT, rounding=ROUND_HALF_UP)


def session_id(charge_point_id: str, connector_id: int, started: datetime) -> str:
    """A local session identifier for receipts until the backend assigns a transaction id:
    charge point, connector and the authorization time in UTC (``DSWX601-0001-1-20261125T180500Z``)."""
    return f"{charge_point_id}-{connector_id}-{started.strftime('%Y%m%dT%H%M%SZ')}"


# --- prices from a backend (OCA pricing extension for OCPP 1.6): the seams ---------------


@dataclass(frozen=True, slots=True)
class PriceText:
    """A text the backend wrote for drivers, in one or more languages (``priceText`` and
    ``priceTextExtra``); the first entry is the backend's default language."""

    texts: tuple[tuple[str, str], ...]  # (BCP 47 language, text)

    def for_language(self, language: str) -> str:
        """The text in ``language``, else in the same language of another region, else the first."""
        exact = dict(self.texts)
        if language in exact:
            return exact[language]
        base = language.split("-", maxsplit=1)[0]
        for tag, text in self.texts:
            if tag.split("-")[0] == base:
                return text
        return self.texts[0][1] if self.texts else ""


@dataclass(frozen=True, slots=True)
class BackendCost:
    """A cost the backend computed for a session: ``RunningCost`` while charging,
    ``FinalCost`` (``final``) at the end, with the receipt link to show as a QR code."""

    cost: Decimal
    currency: str
    text: PriceText | None = None  # the backend's own wording of the cost, if any
    final: bool = False
    qr_code_text: str = ""  # FinalCost: receipt URL (shown as a QR code on the Summary screen)
    # RunningCost: the meter reading the cost is based on, and the unit prices to go on with
    meter_wh: int | None = None
    charging: bool = True  # state "Charging" (False: "Idle", the backend prices the idle time)
    per_kwh: Decimal | None = None
    per_hour: Decimal | None = None

    def now(self, register_wh: float, seconds_since: float) -> Decimal:
        """The running cost now: the backend's cost plus the energy metered since its meter
        reading and, while charging, the time since it arrived, at its unit prices (the OCA
        white paper's "calculate locally between RunningCost messages"); rounded to the cent."""
        if self.final or self.meter_wh is None:
            return self.cost
        total = self.cost
        if self.per_kwh:
            total += Decimal(max(0, int(register_wh) - self.meter_wh)) / Decimal(1000) * self.per_kwh
        if self.charging and self.per_hour:
            total += Decimal(max(0, int(seconds_since))) / Decimal(3600) * self.per_hour
        return total.quantize(_CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class UnitPrices:
    """The backend's unit prices (OCA ``chargingPrice`` and ``idlePrice``); None = not given."""

    per_kwh: Decimal | None = None
    per_hour: Decimal | None = None  # of charging
    flat_fee: Decimal | None = None
    idle_per_hour: Decimal | None = None
    idle_grace_minutes: int | None = None


@dataclass(frozen=True, slots=True)
class DefaultPrice:
    """OCA ``DefaultPrice``: what the charger shows before charging (``priceText``, and
    ``priceTextOffline`` while the backend is unreachable), and optionally the unit prices
    the charger computes the running cost with (offline sessions included)."""

    text: PriceText
    offline_text: PriceText | None = None
    prices: UnitPrices | None = None

    def tariff(self, currency: str) -> Tariff | None:
        """The unit prices as a local tariff (per hour becomes per minute); None without them."""
        prices = self.prices
        if prices is None:
            return None
        zero = Decimal(0)
        return Tariff(
            currency=currency,
            energy_per_kwh=prices.per_kwh or zero,
            per_minute=(prices.per_hour or zero) / 60,
            session_fee=prices.flat_fee or zero,
            idle_per_minute=(prices.idle_per_hour or zero) / 60,
            idle_grace_minutes=prices.idle_grace_minutes or 0,
        )


@dataclass(frozen=True, slots=True)
class TimeOffset:
    """OCA ``TimeOffset``, ``NextTimeOffsetTransitionDateTime`` and ``TimeOffsetNextTransition``:
    the local time the screen shows, as minutes from UTC, and the next daylight-saving change."""

    minutes: int
    next_transition: datetime | None = None
    next_minutes: int | None = None

    def minutes_at(self, moment: datetime) -> int:
        if self.next_transition is not None and self.next_minutes is not None and moment >= self.next_transition:
            return self.next_minutes
        return self.minutes
