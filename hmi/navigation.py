"""Which screen the kiosk shows: a pure function of the station snapshot.

Navigation is data: tests and scenarios drive the controller to a state and the
screen follows; nobody "clicks through" to reach it.
"""

from __future__ import annotations

from controller.fault_policy import Action, action_for
from controller.view import ActiveCode, ConnectorView, StationPhase, StationView

#: Codes that take a connector out of service until a technician acts (manual 5.3.3)
#: rather than pausing it: part faults (011, and the power cabinet's 041), failed start-up self-tests (012280-012287,
#: 012291-012293; 012288-012290 are output under-voltage warnings) and no power module left.
_SELF_TEST_CODES = frozenset(range(12280, 12288)) | frozenset(range(12291, 12294))


def is_out_of_service_code(code: str) -> bool:
    return action_for(code) is Action.OUT_OF_SERVICE or int(code) in _SELF_TEST_CODES or code == "012279"


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


def screen_for(view: StationView) -> str:
    """The name of the screen (see ``hmi.viewmodel.SCREENS``)."""
    if view.engineer is not None:
        return "engineer"
    if view.pin_pad is not None:
        return "engineerPin"
    if view.phase is StationPhase.INITIALIZING:
        return "initializing"
    focused = view.focused_connector
    blocking = blocking_codes(view, focused)
    if blocking:
        if all(is_out_of_service_code(c.code) for c in blocking):
            return "outOfService"
        return "status"
    if view.pending is not None:
        return "plugin"
    state = focused.state
    if state == "preparing":
        return "preparing"
    if state in ("charging", "stopping"):
        return "charging"
    if state == "finished":
        session = focused.session
        if session is not None and not session.summary_dismissed:
            return "summary"
        return "home"
    if state == "unavailable":
        return "initializing"
    return "home"

