"""Formatting (Babel), pricing, status codes and the screen chosen for a snapshot."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from controller.config import TariffSection
from controller.pricing import Tariff
from controller.status_codes import format_code, lookup
from hmi.format import Formatter


def test_numbers_and_money_follow_the_locale() -> None:
    us, fr = Formatter("en-US"), Formatter("fr-CA")
    assert us.energy(12_345) == "12.35\u00a0kWh"
    assert fr.energy(12_345) == "12,35\u00a0kWh"
    assert us.money(Decimal("1234.5"), "USD") == "$1,234.50"
    assert fr.money(Decimal("1234.5"), "CAD") == "1\u00a0234,50\u00a0$"
    assert us.power_kw(45_250) == "45.3"
    assert us.voltage(3984) == "398\u00a0V"
    assert us.current(1136) == "113.6\u00a0A"


def test_durations_and_clock() -> None:
    fmt = Formatter("en-US", "America/Los_Angeles")
    assert fmt.duration(3725) == "1:02:05"
    assert fmt.minutes(45 * 60) == "45\u00a0min"
    assert fmt.minutes(65 * 60) == "1\u00a0hr 5\u00a0min"
    assert fmt.clock(datetime(2026, 11, 25, 18, 5, tzinfo=UTC)) == "10:05\u202fAM"
    assert Formatter("de-DE", "Europe/Berlin").clock(datetime(2026, 11, 25, 18, 5, tzinfo=UTC)) == "19:05"


def test_cost_is_exact_decimal_money_rounded_half_up() -> None:
    tariff = Tariff.from_config(TariffSection(currency="USD", energy_price="0.45", session_fee="1.00",
                                              time_price="0.10"))
    assert tariff.cost(energy_wh=10_000.9, charging_seconds=600.5) == Decimal("6.50")
    assert tariff.cost(energy_wh=1, charging_seconds=0) == Decimal("1.00")
    assert Tariff.from_config(TariffSection(energy_price="0", session_fee="", time_price="0", idle_price="")).is_free


def test_status_codes_come_with_family_guidance() -> None:
    estop = lookup("012251")
    assert (estop.description, estop.family, estop.severity) == ("Emergency stop", "012", "warning")
    assert estop.steps[0].startswith("Release the emergency stop")
    ev = lookup(23701)
    assert ev.code == "023701" and ev.severity == "ev" and len(ev.steps) == 7
    unknown = lookup("011999")
    assert unknown.description == "Status code 011999" and unknown.family_name == "Fault"
    assert format_code("12251") == "012251"
    with pytest.raises(ValueError):
        format_code("12x")


MOMENT = datetime(2026, 11, 25, 21, 5, tzinfo=UTC)  # 1:05 PM in Los Angeles


@pytest.mark.parametrize("language,money,energy,percent,clock,date_time,eta", [
    ("en-US", "$1,234.50", "12.35\u00a0kWh", "64%", "1:05\u202fPM", "Nov 25, 2026, 1:05\u202fPM",
     "1\u00a0hr 5\u00a0min"),
    ("es-US", "$1,234.50", "12.35\u00a0kWh", "64%", "1:05\u202fp.m.", "25 nov 2026, 1:05\u202fp.m.",
     "1\u00a0h 5\u00a0min"),
    ("fr-CA", "1\u00a0234,50\u00a0$\u00a0US", "12,35\u00a0kWh", "64\u00a0%", "13\u00a0h\u00a005",
     "25 nov. 2026, 13\u00a0h\u00a005", "1\u00a0h 5\u00a0min"),
    ("zh-TW", "US$1,234.50", "12.35\u00a0kWh", "64%", "下午1:05", "2026年11月25日 下午1:05", "1\u00a0小時 5\u00a0分鐘"),
    ("zh-CN", "US$1,234.50", "12.35\u00a0kWh", "64%", "13:05", "2026年11月25日 13:05", "1小时 5分钟"),
    ("ja-JP", "$1,234.50", "12.35\u00a0kWh", "64%", "13:05", "2026/11/25 13:05", "1\u00a0時間 5\u00a0分"),
])
def test_every_shipped_locale_formats_numbers_money_times_and_durations_its_own_way(
        language: str, money: str, energy: str, percent: str, clock: str, date_time: str, eta: str) -> None:
    fmt = Formatter(language, "America/Los_Angeles")
    assert fmt.money(Decimal("1234.5"), "USD") == money
    assert fmt.energy(12_345) == energy
    assert fmt.percent(64) == percent
    assert fmt.clock(MOMENT) == clock
    assert fmt.date_time(MOMENT) == date_time
    assert fmt.minutes(65 * 60) == eta
    assert fmt.duration(3725) == "1:02:05"


def test_money_is_never_formatted_from_a_float() -> None:
    with pytest.raises(TypeError):
        Formatter().money(0.45, "USD")  # type: ignore[arg-type]
    assert Formatter("fr-CA").money(Decimal("0.45"), "CAD") == "0,45\u00a0$"
    assert Formatter("ja-JP").money(Decimal("45"), "JPY") == "￥45"


def test_the_idle_fee_starts_after_the_grace_period() -> None:
    tariff = Tariff.from_config(TariffSection(energy_price="0.50", session_fee="", time_price="",
                                              idle_price="0.40", idle_grace_minutes=10))
    assert tariff.cost(energy_wh=10_000, charging_seconds=1800, idle_seconds=600) == Decimal("5.00")
    assert tariff.cost(energy_wh=10_000, charging_seconds=1800, idle_seconds=900) == Decimal("7.00")
    assert tariff.billable_idle_seconds(599) == 0
