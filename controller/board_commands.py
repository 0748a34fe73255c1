"""What the connector boards and the LED board are told, decided from the station's state.

Pure functions: the station gathers a connector's state and sends what comes out
(:mod:`controller.buses.board_support` repeats it while it holds).
"""

from __future__ import annotations

from controller import session as sm
from controller.boards import ConnectorBoardCommand, Led
from controller.power import Grant
from controller.session import ConnectorState
from controller.types import BoardCommand, BoardStage, LedColour, LedPattern, Side, Standard


def connector_command(side: Side, *, state: ConnectorState, stage: BoardStage, standard: Standard,
                      grant: Grant | None, output_current_a: float, contactor_closed: bool, estop: bool,
                      blocked: bool) -> ConnectorBoardCommand:
    """The session command, lock and contactors for the connector board on ``side``.

    The contactors close only once precharge is done or energy flows, never with a blocking
    code; when stopping they open once the current is zero (no arcing), at once on an
    emergency stop.  The board is offered what the grant could give at the EV's voltage.
    """
    command = BoardCommand.IDLE
    if state in (ConnectorState.PREPARING, ConnectorState.CHARGING):
        command = BoardCommand.START_SESSION
    elif state is ConnectorState.STOPPING:
        command = BoardCommand.STOP_SESSION
    if estop and state in sm.SESSION_STATES:
        command = BoardCommand.EMERGENCY_STOP
    close = False
    # precharge done or energy flowing: not "any stage numbered above PRECHARGE" (STOPPING,
    # FINISHED and FAULT are too, and a board in those must never be told to close)
    precharged = state is ConnectorState.PREPARING and stage in (BoardStage.PRECHARGE, BoardStage.CHARGING)
    if state is ConnectorState.CHARGING or precharged:
        close = not blocked
    elif state is ConnectorState.STOPPING and not estop:
        close = output_current_a >= sm.ZERO_CURRENT_A and contactor_closed
    return ConnectorBoardCommand(
        side=side,
        command=command,
        lock=state in sm.SESSION_STATES,
        close_contactor=close,
        max_current_a=grant.offered_current if grant else 0.0,
        max_power_w=grant.power_limit_w if grant else 0.0,
        max_voltage_v=standard.envelope.max_voltage,
    )


def led(state: ConnectorState, *, initializing: bool, blocked: bool, pending: bool, updating: bool = False,
        waiting: bool = False) -> Led:
    """A connector's LED (manual 2.3): green ready, blue in use, red fault, yellow starting up.
    ``pending``: a driver has authorized and the charger waits for a cable.  ``updating``: a
    software update is installing; a connector not in use breathes white, a colour the manual
    gives nothing else (one in use keeps its session's blue, a finished one its green "unplug").
    ``waiting``: its session gets no power yet (controller.queue): it blinks as while preparing
    instead of breathing as if energy flowed."""
    if initializing or state is ConnectorState.UNAVAILABLE:
        return LedColour.YELLOW, LedPattern.BLINK
    if updating and state not in sm.SESSION_STATES and state is not ConnectorState.FINISHED:
        return LedColour.WHITE, LedPattern.BREATHE
    if blocked and state not in sm.SESSION_STATES:
        return LedColour.RED, LedPattern.STEADY
    if state is ConnectorState.AVAILABLE:
        return LedColour.GREEN, LedPattern.BLINK if pending else LedPattern.STEADY
    if state is ConnectorState.RESERVED:
        return LedColour.BLUE, LedPattern.STEADY  # kept for someone
    if state is ConnectorState.INOPERATIVE:
        return LedColour.YELLOW, LedPattern.STEADY  # out of service, not starting up
    if state is ConnectorState.PLUGGED:
        return LedColour.GREEN, LedPattern.BLINK
    if state is ConnectorState.PREPARING:
        return LedColour.BLUE, LedPattern.BLINK
    if state is ConnectorState.CHARGING:
        return LedColour.BLUE, LedPattern.BLINK if waiting else LedPattern.BREATHE
    if state is ConnectorState.STOPPING:
        return LedColour.BLUE, LedPattern.BLINK
    return LedColour.GREEN, LedPattern.BLINK  # finished: unplug
