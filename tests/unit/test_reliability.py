"""Uptime μ (23 CFR 680.116(b)) and session success against hand-worked numbers (controller.reliability)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from controller.reliability import (
    CAUSE_NO_AUTHORIZATION,
    CAUSE_STARTING_UP,
    CAUSE_UNAVAILABLE,
    Exclusion,
    Outage,
    PortFacts,
    SessionOutcome,
    code_exclusion,
    condition,
    session_stats,
    uptime,
)

T0 = datetime(2026, 3, 1, tzinfo=UTC)  # window start
DAY = timedelta(days=1)


def at(day: int, hour: float) -> datetime:
    """Day ``day`` (1 = the window's first) at ``hour`` o'clock."""
    return T0 + (day - 1) * DAY + timedelta(hours=hour)


def test_thirty_days_with_an_excluded_grid_outage_overlapping_a_counted_one() -> None:
    outages = [
        Outage(1, at(2, 10), at(2, 12), "011011"),  # A: 120 min, a welded relay: counted
        Outage(1, at(10, 8), at(10, 10), "012279"),  # B: 120 min, no power module: counted
        Outage(1, at(20, 0), at(20, 2), "012295", Exclusion.GRID),  # C: 120 min, AC under-voltage: excluded
        Outage(1, at(10, 9.5), at(10, 10.5), "012203", Exclusion.GRID),  # D: 60 min, 30 of them inside B
        Outage(2, at(5, 0), at(6, 0), "011013"),  # the other port's: not port 1's
    ]
    result = uptime(1, outages, T0, T0 + 30 * DAY, now=T0 + 31 * DAY)
    # T = 30 d x 1440 = 43,200 min.
    # T_outage = A 120 + (B u D = 08:00-10:30 = 150) + C 120 = 390 min.
    # T_excluded = C 120 + the part of D outside B (10:00-10:30 = 30) = 150 min (D's first 30 min
    # lie inside B, which is down anyway: not excluded).
    # mu = (43,200 - (390 - 150)) / 43,200 x 100 = 42,960 / 43,200 x 100 = 99.4444 %.
    assert result.window_minutes == 43_200
    assert result.outage_minutes == pytest.approx(390)
    assert result.excluded_minutes == pytest.approx(150)
    assert result.outages == 4
    assert result.percent == pytest.approx(42_960 / 43_200 * 100)
    assert round(result.percent, 2) == 99.44


def test_an_outage_across_the_window_edge_is_clipped_and_an_open_one_runs_to_now() -> None:
    outages = [
        Outage(1, T0 - timedelta(minutes=60), T0 + timedelta(minutes=30), "011029"),  # 30 min inside
        Outage(1, at(30, 23), None, "012251"),  # open since 23:00 on the last day
    ]
    now = at(30, 23.5)  # half an hour into the open one; the window would end at 24:00
    result = uptime(1, outages, T0, T0 + 30 * DAY, now)
    # The window ends at now: T = 43,200 - 30 = 43,170 min (the future is not counted as up).
    # T_outage = 30 (clipped at the start) + 30 (open, up to now) = 60; T_excluded = 0.
    # mu = (43,170 - 60) / 43,170 x 100 = 99.8610 %.
    assert result.window_minutes == pytest.approx(43_170)
    assert result.outage_minutes == pytest.approx(60)
    assert result.percent == pytest.approx(43_110 / 43_170 * 100)


def test_a_year_at_the_rules_threshold() -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC)
    end = start + timedelta(minutes=525_600)
    # 3 % of 525,600 = 15,768 min counted: mu = (525,600 - 15,768) / 525,600 x 100 = 97.0 exactly,
    # which is not "greater than 97 %"; the maintenance outage (1,000 min) is excluded.
    outages = [Outage(1, start + DAY, start + DAY + timedelta(minutes=15_768), "011005"),
               Outage(1, start + 100 * DAY, start + 100 * DAY + timedelta(minutes=1_000), CAUSE_UNAVAILABLE,
                      Exclusion.MAINTENANCE)]
    result = uptime(1, outages, start, end, now=end)
    assert result.window_minutes == 525_600
    assert result.outage_minutes == pytest.approx(16_768)
    assert result.excluded_minutes == pytest.approx(1_000)
    assert result.percent == pytest.approx(97.0)


def test_overlapping_counted_outages_count_each_minute_once() -> None:
    # 10:00-11:00 and 10:30-12:00 on one port: 120 minutes down, not 150.
    outages = [Outage(2, at(1, 10), at(1, 11), "012238"), Outage(2, at(1, 10.5), at(1, 12), "012251")]
    result = uptime(2, outages, T0, T0 + DAY, now=T0 + DAY)
    assert result.outage_minutes == pytest.approx(120)
    assert result.percent == pytest.approx((1440 - 120) / 1440 * 100)  # 91.6667 %


def test_codes_map_to_the_rules_exclusions() -> None:
    assert code_exclusion("012295") is Exclusion.GRID  # AC input UVP
    assert code_exclusion("042212") is Exclusion.GRID  # the power cabinet's twin of L1 input drop
    assert code_exclusion("023700") is Exclusion.VEHICLE  # the EV's own code
    assert code_exclusion("012238") is Exclusion.NONE  # main breaker trip, without the tilt input
    assert code_exclusion("012238", tilt=True) is Exclusion.VANDALISM
    assert code_exclusion("012252") is Exclusion.NONE  # the door: a technician, by default
    assert code_exclusion("042252", door_is_vandalism=True) is Exclusion.VANDALISM
    assert code_exclusion("011011") is Exclusion.NONE  # a welded relay is the charger's own


def test_a_port_is_down_for_its_first_counted_cause() -> None:
    assert condition(PortFacts()) is None
    assert condition(PortFacts(blocking_codes=("011011",), in_use=True)) is None  # in use is up
    # a grid code and a fault at once: the fault is why it is down (it would be down without the grid)
    assert condition(PortFacts(blocking_codes=("012295", "011011"))) == ("011011", Exclusion.NONE)
    assert condition(PortFacts(blocking_codes=("012295",), in_service=False)) == ("012295", Exclusion.GRID)
    assert condition(PortFacts(in_service=False)) == (CAUSE_UNAVAILABLE, Exclusion.MAINTENANCE)
    assert condition(PortFacts(starting_up=True)) == (CAUSE_STARTING_UP, Exclusion.NONE)
    assert condition(PortFacts(can_authorize=False)) == (CAUSE_NO_AUTHORIZATION, Exclusion.NONE)


def outcome(number: int, port: int, start_minute: float, minutes: float, energy_wh: float, reason: str,
            code: str = "") -> SessionOutcome:
    start = T0 + timedelta(minutes=start_minute)
    return SessionOutcome(number, port, start, start + timedelta(minutes=minutes), energy_wh, 50_000.0, "rfid",
                          reason, code)


def test_session_and_first_attempt_success_rates() -> None:
    outcomes = [
        outcome(1, 1, 0, 2, 0, "fault", "023702"),  # failed start (no energy): first attempt, unsuccessful
        outcome(2, 1, 5, 30, 20_000, "ev_target_reached"),  # 3 min after #1 failed: a retry, successful
        outcome(3, 1, 120, 40, 30_000, "stop_button"),  # first attempt, successful
        outcome(4, 1, 200, 10, 5_000, "fault", "011011"),  # first attempt, ended by a fault: unsuccessful
        outcome(5, 1, 240, 20, 9_000, "card"),  # 30 min after #4 (beyond 15 min): a first attempt, successful
        outcome(6, 2, 0, 1, 0, "power_loss"),  # port 2: first attempt, unsuccessful
        outcome(7, 2, 10, 1, 0.0, "stop_button"),  # 9 min after #6: a retry; no energy: unsuccessful
        outcome(8, 2, 20, 30, 12_000, "ev_battery_full"),  # 9 min after #7 failed: a retry, successful
    ]
    port1 = session_stats(outcomes, 1)
    # 5 sessions, 3 successful (#2, #3, #5) -> 60 %; first attempts #1, #3, #4, #5, of which #3 and #5
    # succeeded -> 2 / 4 = 50 %.
    assert (port1.sessions, port1.successful, port1.first_attempts, port1.first_attempt_successes) == (5, 3, 4, 2)
    assert port1.success_rate == pytest.approx(60.0)
    assert port1.first_attempt_rate == pytest.approx(50.0)
    port2 = session_stats(outcomes, 2)
    # 3 sessions, 1 successful -> 33.3 %; one first attempt (#6), unsuccessful -> 0 %.
    assert (port2.sessions, port2.successful, port2.first_attempts, port2.first_attempt_successes) == (3, 1, 1, 0)
    assert port2.first_attempt_rate == 0.0
    everything = session_stats(outcomes)
    assert (everything.sessions, everything.successful, everything.first_attempts) == (8, 4, 5)
    assert outcomes[0].error_code == "023702"
    assert outcomes[6].error_code == "stop_button"  # no code: the stop reason says what happened
    assert outcomes[1].error_code == ""
    assert session_stats([]).success_rate is None
