"""What the connector boards and the LEDs are told (controller.board_commands)."""

from __future__ import annotations

from typing import Any

from controller.board_commands import connector_command, led
from controller.boards import ConnectorBoardCommand
from controller.power import Grant
from controller.session import ZERO_CURRENT_A, ConnectorState
from controller.types import BoardCommand, BoardStage, LedColour, LedPattern, Side, Standard
from controller.view import Limit

GRANT = Grant(Side.LEFT, (0,), 30_000.0, 400.0, 60.0, Limit.EV, shared=True, offered_current=75.0)


def command(state: ConnectorState, **given: Any) -> ConnectorBoardCommand:
    facts: dict[str, Any] = {"stage": BoardStage.IDLE, "standard": Standard.CHADEMO, "grant": None,
                             "output_current_a": 0.0, "contactor_closed": False, "estop": False, "blocked": False}
    return connector_command(Side.LEFT, state=state, **(facts | given))


def test_the_contactors_close_only_once_precharge_is_done() -> None:
    for stage in (BoardStage.CABLE_CHECK, BoardStage.ISOLATION_TEST, BoardStage.STOPPING, BoardStage.FAULT):
        assert not command(ConnectorState.PREPARING, stage=stage).close_contactor, stage
    precharged = command(ConnectorState.PREPARING, stage=BoardStage.PRECHARGE, grant=GRANT)
    assert precharged.close_contactor and precharged.lock and precharged.command is BoardCommand.START_SESSION
    assert (precharged.max_current_a, precharged.max_power_w, precharged.max_voltage_v) == (75.0, 30_000.0, 500.0)


def test_a_blocking_code_keeps_the_contactors_open() -> None:
    assert not command(ConnectorState.CHARGING, stage=BoardStage.CHARGING, blocked=True).close_contactor


def test_stopping_opens_the_contactors_at_zero_current_and_the_emergency_stop_at_once() -> None:
    flowing = {"output_current_a": 10 * ZERO_CURRENT_A, "contactor_closed": True}
    assert command(ConnectorState.STOPPING, **flowing).close_contactor
    assert not command(ConnectorState.STOPPING, output_current_a=0.0, contactor_closed=True).close_contactor
    emergency = command(ConnectorState.STOPPING, estop=True, **flowing)
    assert not emergency.close_contactor and emergency.command is BoardCommand.EMERGENCY_STOP and emergency.lock


def test_an_idle_connector_is_unlocked_and_offered_nothing() -> None:
    idle = command(ConnectorState.AVAILABLE, estop=True)
    assert idle == ConnectorBoardCommand(Side.LEFT, max_voltage_v=500.0)


def test_leds_follow_the_manual() -> None:
    def colour(state: ConnectorState, **flags: bool) -> tuple[LedColour, LedPattern]:
        return led(state, **({"initializing": False, "blocked": False, "pending": False} | flags))

    assert colour(ConnectorState.AVAILABLE, initializing=True) == (LedColour.YELLOW, LedPattern.BLINK)
    assert colour(ConnectorState.AVAILABLE) == (LedColour.GREEN, LedPattern.STEADY)
    assert colour(ConnectorState.AVAILABLE, pending=True) == (LedColour.GREEN, LedPattern.BLINK)
    assert colour(ConnectorState.AVAILABLE, blocked=True) == (LedColour.RED, LedPattern.STEADY)
    assert colour(ConnectorState.CHARGING, blocked=True) == (LedColour.BLUE, LedPattern.BREATHE)
    assert colour(ConnectorState.FINISHED) == (LedColour.GREEN, LedPattern.BLINK)


def test_a_session_waiting_for_power_blinks_instead_of_breathing() -> None:
    flags = {"initializing": False, "blocked": False, "pending": False}
    assert led(ConnectorState.CHARGING, **flags, waiting=True) == (LedColour.BLUE, LedPattern.BLINK)
    assert led(ConnectorState.CHARGING, **flags, waiting=False) == (LedColour.BLUE, LedPattern.BREATHE)
