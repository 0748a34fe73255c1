"""Why a session gets no power yet, and until when (controller.queue): each cause, its estimate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from controller.power import Demand, Psu, Supply
from controller.queue import Horizon, Waiting, WaitReason, waiting_reason
from controller.types import Side, Standard

NOW = datetime(2026, 12, 5, 17, 20, tzinfo=UTC)
TWO = (Psu(0, 30_000), Psu(1, 30_000))


def demand(side: Side, external_w: float | None = None) -> Demand:
    return Demand(side, Standard.CCS1.envelope, 400.0, 100.0, external_limit_w=external_w)


def horizon(remaining: dict[Side, float | None] | None = None, left_until: datetime | None = None,
            station_until: datetime | None = None) -> Horizon:
    return Horizon(NOW, {Side.LEFT: left_until, Side.RIGHT: None}, station_until, remaining)


def test_a_session_with_power_does_not_wait() -> None:
    both = [demand(Side.LEFT), demand(Side.RIGHT)]
    assert waiting_reason(Side.RIGHT, both, Supply(TWO, 60_000), horizon()) is None


def test_with_one_module_the_left_is_served_and_the_right_waits_for_its_session_to_end() -> None:
    both = [demand(Side.LEFT), demand(Side.RIGHT)]
    supply = Supply(TWO[:1], 60_000)
    assert waiting_reason(Side.LEFT, both, supply, horizon()) is None
    got = waiting_reason(Side.RIGHT, both, supply, horizon({Side.LEFT: 24 * 60 + 10, Side.RIGHT: None}))
    assert got == Waiting(WaitReason.OTHER_CONNECTOR, 25 * 60)  # rounded up to the minute


def test_the_other_sessions_time_unknown_gives_no_estimate() -> None:
    both = [demand(Side.LEFT), demand(Side.RIGHT)]
    got = waiting_reason(Side.RIGHT, both, Supply(TWO[:1], 60_000), horizon({Side.LEFT: None}))
    assert got == Waiting(WaitReason.OTHER_CONNECTOR)


def test_no_healthy_module_means_a_module_is_out_of_service_without_an_estimate() -> None:
    got = waiting_reason(Side.LEFT, [demand(Side.LEFT)], Supply((), 60_000), horizon())
    assert got == Waiting(WaitReason.PSU_DOWN)


def test_an_operator_zero_on_the_connector_lasts_until_the_schedule_says() -> None:
    six = NOW + timedelta(minutes=40, seconds=1)
    got = waiting_reason(Side.LEFT, [demand(Side.LEFT, 0.0)], Supply(TWO, 60_000), horizon(left_until=six))
    assert got == Waiting(WaitReason.OPERATOR, 41 * 60, six)


def test_an_operator_zero_for_the_station_without_an_end_gives_no_estimate() -> None:
    got = waiting_reason(Side.RIGHT, [demand(Side.RIGHT)], Supply(TWO, 60_000, external_limit_w=0.0), horizon())
    assert got == Waiting(WaitReason.OPERATOR)


def test_an_operator_zero_for_the_station_with_an_end() -> None:
    end = NOW + timedelta(hours=2)
    got = waiting_reason(Side.RIGHT, [demand(Side.RIGHT)], Supply(TWO, 60_000, external_limit_w=0.0),
                         horizon(station_until=end))
    assert got == Waiting(WaitReason.OPERATOR, 2 * 3600, end)


def test_an_operator_zero_is_named_before_a_missing_module() -> None:
    got = waiting_reason(Side.LEFT, [demand(Side.LEFT, 0.0)], Supply((), 60_000), horizon())
    assert got is not None and got.reason is WaitReason.OPERATOR


def test_heat_and_the_grid_at_zero_are_named() -> None:
    hot = Supply(TWO, 60_000, temperature_limit_w=0.0)
    grid = Supply(TWO, 60_000, input_limit_w=0.0)
    assert waiting_reason(Side.LEFT, [demand(Side.LEFT)], hot, horizon()) == Waiting(WaitReason.TEMPERATURE)
    assert waiting_reason(Side.LEFT, [demand(Side.LEFT)], grid, horizon()) == Waiting(WaitReason.GRID)


def test_a_limit_that_is_already_over_gives_no_estimate() -> None:
    past = NOW - timedelta(minutes=1)
    got = waiting_reason(Side.LEFT, [demand(Side.LEFT, 0.0)], Supply(TWO, 60_000), horizon(left_until=past))
    assert got == Waiting(WaitReason.OPERATOR)


def test_a_module_out_of_service_is_named_and_the_other_sessions_time_estimates_the_wait() -> None:
    both = [demand(Side.LEFT), demand(Side.RIGHT)]
    got = waiting_reason(Side.RIGHT, both, Supply(TWO[:1], 60_000), horizon({Side.LEFT: 600.0}), modules_out=1)
    assert got == Waiting(WaitReason.PSU_DOWN, 600)
