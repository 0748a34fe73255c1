"""What display power hears of the station: the situation on screen and the changes a driver must see.

Two pure functions of :class:`~controller.station_state.StationState`, read by the station
once per publish and handed to :class:`controller.display_power.DisplayPower`.
"""

from __future__ import annotations

from controller.display_power import Situation
from controller.session import SESSION_STATES, ConnectorState
from controller.station_state import ConnectorStatus, StationState
from controller.types import Side
from controller.view import StationPhase


def situation(state: StationState, technician: bool) -> Situation:
    """What the screen is about (``technician``: the engineer PIN pad or screen is up).

    A code in force on the connector in front comes before a session (the glance layout
    must never hide a status or out-of-service code), a session before a summary or a
    cable waiting for a card on the other connector.
    """
    if technician or state.phase is StationPhase.INITIALIZING:
        return Situation.TECHNICIAN
    if state.connector(state.focus).blocked:
        return Situation.ATTENTION
    if any(c.state in SESSION_STATES for c in state.connectors):
        return Situation.CHARGING
    if state.pending is not None or state.software_update or any(_attention(c, state.now) for c in state.connectors):
        return Situation.ATTENTION
    return Situation.HOME


def _attention(connector: ConnectorStatus, now: float) -> bool:
    """A summary still up, a cable in (waiting for a card, or not yet unplugged), or a failed start
    whose card is kept (waiting for the cable again).  A code in force elsewhere than in front
    does not keep the panel up: its appearing woke it."""
    kept = connector.failed_start is not None and connector.failed_start.held(now)
    return _summary_up(connector) or connector.plugged or kept


def _summary_up(connector: ConnectorStatus) -> bool:
    return connector.state is ConnectorState.FINISHED and connector.session is not None \
        and not connector.session.summary_dismissed


def must_see(before: StationState | None, after: StationState) -> bool:
    """Did anything change between two states that a driver must see (a plug-in or unplug, a
    connector's state, a code in force appearing or clearing, a notice, an authorization
    waiting for the cable, a software update, the end of the self-test)?  The focus alone
    is not: it moves on a driver's command (already activity) or back to Home by itself; nor
    is the central system's link (033900-033902 in the header), which may come and go all night."""
    if before is None:
        return False
    return (_connectors(before) != _connectors(after)
            or before.codes != after.codes
            or (after.notice is not None and after.notice != before.notice)
            or (before.pending is None) != (after.pending is None)
            or before.software_update != after.software_update
            or before.phase is not after.phase)


def _connectors(state: StationState) -> tuple[tuple[Side, ConnectorState, bool, bool], ...]:
    return tuple((c.side, c.state, c.plugged, c.blocked) for c in state.connectors)


def home_side(state: StationState) -> Side:
    """The connector in front after inactivity: the first with a session running or its
    summary up, else the first with a cable in, else the first."""
    for connector in state.connectors:
        if connector.state in SESSION_STATES or _summary_up(connector):
            return connector.side
    for connector in state.connectors:
        if connector.plugged:
            return connector.side
    return state.connectors[0].side


def live_session_in_front(state: StationState) -> bool:
    """The screen in front is a live session's (Preparing, Charging), the Plug-in screen, or a failed
    start whose card is kept (controller.retry_hold), which keep their own timeouts: no return to Home."""
    front = state.connector(state.focus)
    kept = front.failed_start is not None and front.failed_start.held(state.now)
    return front.state in SESSION_STATES or state.pending is not None or kept
