"""Which screen the kiosk shows: a pure function of the station snapshot.

Navigation is data: tests and scenarios drive the controller to a state and the
screen follows; nobody "clicks through" to reach it.
"""

from __future__ import annotations

from controller.fault_policy import out_of_service
from controller.session import SESSION_STATES, ConnectorState
from controller.view import ActiveCode, ConnectorView, StationPhase, StationView
from hmi.screens import Screen

#: The focused connector's state -> its screen, when nothing else (technicians, a software
#: update, codes in force, a driver's authorization waiting for the cable) decides; FINISHED
#: shows the summary until the driver dismisses it.  Any other state: Home.
_SCREEN_OF_STATE = {
    ConnectorState.UNAVAILABLE.value: Screen.INITIALIZING,
    ConnectorState.PREPARING.value: Screen.PREPARING,
    ConnectorState.CHARGING.value: Screen.CHARGING,
    ConnectorState.STOPPING.value: Screen.CHARGING,
}
#: The connector states in which a session runs (the view names them by value).
_SESSION_STATES = frozenset(state.value for state in SESSION_STATES)


def blocking_codes(view: StationView, connector: ConnectorView) -> list[ActiveCode]:
    """Codes in force that forbid charging on ``connector`` (station-wide ones first)."""
    codes = [c for c in view.codes if c.blocks_charging and c.side in (None, connector.side)]
    return sorted(codes, key=lambda c: c.side is not None)


def status_codes(view: StationView, connector: ConnectorView) -> list[ActiveCode]:
    """Codes the status screen pages through for ``connector``: blocking ones, then the rest,
    including the network's message while the backend is unreachable (033900-033902)."""
    relevant = [c for c in view.codes if c.side in (None, connector.side)]
    if view.backend_code:
        relevant.append(ActiveCode(view.backend_code, None, False))
    return sorted(relevant, key=lambda c: (not c.blocks_charging, c.side is not None))


def screen_for(view: StationView) -> Screen:
    """The screen the kiosk shows for ``view``."""
    if view.engineer is not None:
        return Screen.ENGINEER
    if view.pin_pad is not None:
        return Screen.ENGINEER_PIN
    if view.phase is StationPhase.INITIALIZING:
        return Screen.INITIALIZING
    focused = view.focused_connector
    if view.software_update and not in_use(focused):
        return Screen.UPDATING
    blocking = blocking_codes(view, focused)
    if failed_start_shown(focused, blocking):
        return Screen.START_FAILED
    if blocking:
        # the fault policy decides whether a technician must come (controller.fault_policy)
        return Screen.OUT_OF_SERVICE if all(out_of_service(c.code) for c in blocking) else Screen.STATUS
    if view.pending is not None:
        return Screen.PLUGIN
    if focused.state == ConnectorState.FINISHED.value:
        session = focused.session
        return Screen.SUMMARY if session is not None and not session.summary_dismissed else Screen.HOME
    return _SCREEN_OF_STATE.get(focused.state, Screen.HOME)


def failed_start_shown(connector: ConnectorView, blocking: list[ActiveCode]) -> bool:
    """A failed start is on ``connector`` and nothing else blocks it but the EV's own code that
    ended it (another code, e.g. the station's, keeps its Status or Out-of-service screen)."""
    failure = connector.start_failure
    return failure is not None and all(c.side == connector.side and c.code == failure.code for c in blocking)


def in_use(connector: ConnectorView) -> bool:
    """A session runs on ``connector``, or its summary is still up: during a software update
    its driver still sees it (and can stop it); every other connector shows Updating."""
    if connector.state == ConnectorState.FINISHED.value:
        return connector.session is not None and not connector.session.summary_dismissed
    return connector.state in _SESSION_STATES


def screen_name(view: StationView) -> str:
    """The name of the screen for ``view``, as scenarios and event logs write it
    (:class:`controller.sim.scenario.ScenarioRunner` takes this)."""
    return screen_for(view).value
