"""Locale-aware formatting of what the driver reads (Babel): numbers, money, units, time.

One ``Formatter`` per language; the bridge makes a new one when the language changes.
Numbers follow the locale's separators and digit grouping, money its currency symbol
and placement, times its 12/24-hour clock, dates its order and month names, and
durations its unit words ("45 min", "45 分鐘", "45分钟", "45 分"). Electrical units
keep their SI symbols (kWh, V, A; kW is a label on screen) in every language, as on
the vehicles' own displays, separated from the number by a no-break space.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal, format_percent

NBSP = "\N{NO-BREAK SPACE}"


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse(language, sep="-")


# Babel takes tens of microseconds per number, and a presentation formats dozens, most of
# them the same as the last time (a button press changes one focus flag): the results are
# remembered per locale, keyed by the value's text (what the formatting starts from).
@functools.lru_cache(maxsize=4096)
def _number(text: str, decimals: int, language: str) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    rounded = Decimal(text).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return format_decimal(rounded, format=pattern, locale=_locale(language))


@functools.lru_cache(maxsize=1024)
def _money(text: str, currency: str, language: str) -> str:
    return format_currency(Decimal(text), currency, locale=_locale(language))


@dataclass(frozen=True)
class Formatter:
    """Formats for one locale (BCP 47 tag such as ``en-US`` or ``fr-CA``) and time zone
    (``utc_offset_minutes``, the backend's OCA TimeOffset, wins over the zone when set)."""

    language: str = "en-US"
    time_zone: str = "UTC"
    utc_offset_minutes: int | None = None

    @property
    def locale(self) -> Locale:
        return _locale(self.language)

    def number(self, value: float | Decimal, decimals: int = 1) -> str:
        """``value`` rounded half-up (as people round, not banker's rounding) for the locale."""
        return _number(str(value), decimals, self.language)

    def with_unit(self, value: float, unit: str, decimals: int = 1) -> str:
        return f"{self.number(value, decimals)}{NBSP}{unit}"

    def power_kw(self, watts: float) -> str:
        """The number only: the screen prints "kW" beside it, large."""
        return self.number(watts / 1000, 1)

    def voltage(self, decivolts: int) -> str:
        return self.with_unit(decivolts / 10, "V", 0)

    def current(self, deciamps: int) -> str:
        return self.with_unit(deciamps / 10, "A", 1)

    def energy(self, watt_hours: float) -> str:
        return self.with_unit(watt_hours / 1000, "kWh", 2)

    def percent(self, value: int) -> str:
        return format_percent(Decimal(value) / 100, locale=self.locale).replace(" ", NBSP)

    def money(self, amount: Decimal, currency: str) -> str:
        """Exact decimal money with the locale's symbol and placement (never via float)."""
        if not isinstance(amount, Decimal):
            raise TypeError(f"money must be a Decimal, not {type(amount).__name__}")
        return _money(str(amount), currency, self.language)

    def duration(self, seconds: int) -> str:
        """Elapsed charging time as h:mm:ss (the same in every shipped locale)."""
        seconds = max(0, int(seconds))
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}"

    def minutes(self, seconds: int) -> str:
        """A remaining time in the locale's words: "45 min", "1 hr 5 min", "1 時間 5 分"."""
        minutes = max(0, round(seconds / 60))
        hours, mins = divmod(minutes, 60)
        if hours:
            return f"{self._unit(hours, 'duration-hour')} {self._unit(mins, 'duration-minute')}"
        return self._unit(mins, "duration-minute")

    def grace(self, minutes: int) -> str:
        """A number of minutes, as in "after 10 min"."""
        return self._unit(minutes, "duration-minute")

    def clock(self, moment: datetime) -> str:
        """Wall time in the station's time zone, 12 or 24 hours as the locale reads it."""
        return format_time(self._local(moment), format="short", locale=self.locale).replace(" ", NBSP)

    def date(self, moment: datetime) -> str:
        return format_date(self._local(moment), format="medium", locale=self.locale)

    def date_time(self, moment: datetime) -> str:
        """Date and time, joined as the locale does ("Nov 25, 2026, 10:05 AM", "2026/11/25 10:05")."""
        pattern = str(self.locale.datetime_formats["medium"])
        return pattern.replace("{1}", self.date(moment)).replace("{0}", self.clock(moment))

    def _local(self, moment: datetime) -> datetime:
        if self.utc_offset_minutes is not None:
            return moment.astimezone(timezone(timedelta(minutes=self.utc_offset_minutes)))
        return moment.astimezone(ZoneInfo(self.time_zone))

    def _unit(self, value: int, unit: str) -> str:
        """``value`` with the locale's short unit word. Babel 2.18's ``format_unit`` takes the
        long form for Spanish singulars ("1 horas"), so the pattern is picked here: the
        plural category's short pattern, else the short "other" pattern."""
        patterns = self.locale._data["unit_patterns"][unit]["short"]
        category = self.locale.plural_form(value)
        pattern = patterns[category] if category in patterns else patterns["other"]
        return pattern.replace("{0}", self.number(value, 0)).replace(" ", NBSP)
