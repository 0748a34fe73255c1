"""Locale-aware formatting of what the driver reads (Babel): numbers, money, time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_time
from babel.numbers import format_currency, format_decimal


@dataclass(frozen=True)
class Formatter:
    """Formats for one locale (BCP 47 tag such as ``en-US`` or ``fr-CA``) and time zone."""

    language: str = "en-US"
    time_zone: str = "UTC"

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.language, sep="-")

    def number(self, value: float, decimals: int = 1) -> str:
        """``value`` rounded half-up (as people round, not banker's rounding) for the locale."""
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        return format_decimal(rounded, format=pattern, locale=self.locale)

    def with_unit(self, value: float, unit: str, decimals: int = 1) -> str:
        return f"{self.number(value, decimals)}\N{NO-BREAK SPACE}{unit}"

    def power_kw(self, watts: float) -> str:
        return self.number(watts / 1000, 1)

    def voltage(self, decivolts: int) -> str:
        return self.with_unit(decivolts / 10, "V", 0)

    def current(self, deciamps: int) -> str:
        return self.with_unit(deciamps / 10, "A", 1)

    def energy(self, watt_hours: float) -> str:
        return self.with_unit(watt_hours / 1000, "kWh", 2)

    def percent(self, value: int) -> str:
        return f"{self.number(value, 0)}\N{NO-BREAK SPACE}%"

    def money(self, amount: Decimal, currency: str) -> str:
        return format_currency(amount, currency, locale=self.locale)

    def duration(self, seconds: int) -> str:
        """Elapsed charging time as h:mm:ss."""
        seconds = max(0, int(seconds))
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}"

    def minutes(self, seconds: int) -> str:
        """A remaining time for drivers: "45 min" or "1 h 05 min"."""
        minutes = max(0, round(seconds / 60))
        hours, mins = divmod(minutes, 60)
        if hours:
            return f"{hours}\N{NO-BREAK SPACE}h {mins:02d}\N{NO-BREAK SPACE}min"
        return f"{mins}\N{NO-BREAK SPACE}min"

    def clock(self, moment: datetime) -> str:
        local = moment.astimezone(ZoneInfo(self.time_zone))
        return format_time(local, format="short", locale=self.locale)
