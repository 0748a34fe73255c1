"""Status codes as OCPP 2.0.1 NotifyEvent and connector statuses in 2.0.1 words
(controller.ocpp201.events), with every payload checked against the official schemas."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ocpp.charge_point import remove_nones, snake_to_camel_case
from ocpp.messages import get_validator

from controller.ocpp.port import ConnectorSnapshot, ReportedCode, StationSnapshot
from controller.ocpp201 import events as ev
from controller.readings import Measurement
from controller.session import ConnectorState
from controller.status_codes import lookup

T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
LOCK = "011025"  # CHAdeMO connector lock fail: a fault, ChargeX CX001
ESTOP = "012251"  # Emergency stop: station-wide warning
OVP = "011005"


def snapshot(*codes: ReportedCode, left: ConnectorState = ConnectorState.AVAILABLE,
             right: ConnectorState = ConnectorState.AVAILABLE, ready: bool = True,
             offered_w: float = 50_000.0) -> StationSnapshot:
    connectors = (ConnectorSnapshot(1, left, 0.0, offered_w=offered_w), ConnectorSnapshot(2, right, 0.0))
    return StationSnapshot(connectors, tuple(codes), ready)


def code(number: str, connector_id: int, blocking: bool = True, measurement: Measurement | None = None) -> ReportedCode:
    return ReportedCode(number, connector_id, blocking, measurement)


def notify(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``events`` sent in one NotifyEventRequest checked against its schema (camelCase back)."""
    payload = remove_nones(snake_to_camel_case(ev.notify_event_request(events, T0)))
    get_validator(2, "NotifyEvent", "2.0.1").validate(payload)
    return payload["eventData"]


# --- NotifyEvent ---------------------------------------------------------------------------


def test_a_code_that_appears_is_raised_on_its_evse() -> None:
    events = notify(ev.code_events(snapshot(), snapshot(code(LOCK, 1)), T0, 41, mrec=False))
    assert events == [{
        "eventId": 41, "timestamp": "2026-11-25T08:00:00.000Z", "trigger": "Delta", "actualValue": "true",
        "techCode": LOCK, "techInfo": lookup(LOCK).description, "cleared": False,
        "eventNotificationType": "HardWiredNotification",
        "component": {"name": "EVSE", "evse": {"id": 1}}, "variable": {"name": "Problem"}}]


def test_a_station_wide_code_is_raised_on_the_charging_station() -> None:
    (event,) = notify(ev.code_events(None, snapshot(code(ESTOP, 0)), T0, 1))
    assert event["component"] == {"name": "ChargingStation"} and event["techCode"] == ESTOP


def test_the_mrec_option_reports_the_chargex_code_where_one_matches() -> None:
    unmapped = "011001"
    events = notify(ev.code_events(None, snapshot(code(unmapped, 0), code(LOCK, 1)), T0, 1, mrec=True))
    assert [e["techCode"] for e in events] == ["CX001", unmapped]  # oldest first; 011001 has no MREC
    assert [e["techCode"] for e in notify(ev.code_events(None, snapshot(code(LOCK, 1)), T0, 1))] == [LOCK]


def test_the_reading_goes_with_the_description() -> None:
    reading = Measurement("input", 280.0, "V")
    (event,) = notify(ev.code_events(None, snapshot(code(OVP, 0, measurement=reading)), T0, 1))
    assert event["techInfo"] == f"input 280 V: {lookup(OVP).description}"


def test_a_code_that_clears_names_the_event_that_raised_it() -> None:
    raised = snapshot(code(LOCK, 1))
    events = notify(ev.code_events(raised, snapshot(), T0 + timedelta(seconds=5), 50, raised={(LOCK, 1): 41}))
    assert [(e["eventId"], e["cleared"], e["cause"], e["actualValue"]) for e in events] == [(50, True, 41, "false")]
    assert events[0]["timestamp"] == "2026-11-25T08:00:05.000Z"


def test_a_cleared_code_leaves_the_problem_while_another_remains_on_the_component() -> None:
    before = snapshot(code(LOCK, 1), code(OVP, 1))
    (event,) = notify(ev.code_events(before, snapshot(code(OVP, 1)), T0, 7))
    assert (event["cleared"], event["actualValue"], event["techCode"]) == (True, "true", LOCK)
    assert "cause" not in event  # unknown here: no raised ids given


def test_nothing_changes_nothing_is_sent() -> None:
    same = snapshot(code(LOCK, 1, measurement=Measurement("output", 1.0, "A")))
    assert ev.code_events(same, snapshot(code(LOCK, 1, measurement=Measurement("output", 2.0, "A"))), T0, 1) == []


def test_the_same_code_on_two_evses_is_two_problems() -> None:
    events = notify(ev.code_events(snapshot(code(LOCK, 1)), snapshot(code(LOCK, 2), code(LOCK, 1)), T0, 3))
    assert [(e["eventId"], e["component"]["evse"]["id"]) for e in events] == [(3, 2)]


def test_the_tracker_keeps_ids_increasing_and_causes_right() -> None:
    tracker = ev.CodeEvents(next_event_id=100)
    first = notify(tracker.update(snapshot(code(ESTOP, 0), code(LOCK, 1)), T0))
    assert [(e["eventId"], e["techCode"]) for e in first] == [(100, LOCK), (101, ESTOP)]  # oldest first
    assert tracker.update(snapshot(code(ESTOP, 0), code(LOCK, 1)), T0) == []
    second = notify(tracker.update(snapshot(code(OVP, 2), code(ESTOP, 0)), T0))
    assert [(e["eventId"], e["cleared"], e.get("cause")) for e in second] == [(102, True, 100), (103, False, None)]
    third = notify(tracker.update(snapshot(), T0))
    assert sorted(e["eventId"] for e in third) == [104, 105]
    assert {(e["techCode"], e["cause"]) for e in third} == {(ESTOP, 101), (OVP, 103)}
    assert tracker.next_event_id == 106 and tracker.raised == {}


def test_after_a_restart_every_code_in_force_is_raised_again() -> None:
    restarted = ev.CodeEvents(next_event_id=500)
    events = notify(restarted.update(snapshot(code(LOCK, 1)), T0))
    assert [(e["eventId"], e["cleared"]) for e in events] == [(500, False)]


def test_tech_info_fits_its_field() -> None:
    long_reading = Measurement("x" * 600, 1.0, "V")
    (event,) = notify(ev.code_events(None, snapshot(code(OVP, 1, measurement=long_reading)), T0, 1))
    assert len(event["techInfo"]) == 500


# --- StatusNotification's connectorStatus -------------------------------------------------


def status_of(snap: StationSnapshot, **kwargs: Any) -> str:
    result = ev.statuses(snap, **kwargs)
    for (evse_id, connector_id), status in result.items():
        get_validator(2, "StatusNotification", "2.0.1").validate(
            {"timestamp": "2026-11-25T08:00:00.000Z", "connectorStatus": status, "evseId": evse_id,
             "connectorId": connector_id})
    assert set(result) == {(1, 1), (2, 1)}
    return result[(1, 1)]


@pytest.mark.parametrize(("state", "expected"), [
    (ConnectorState.AVAILABLE, "Available"),
    (ConnectorState.RESERVED, "Reserved"),
    (ConnectorState.UNAVAILABLE, "Unavailable"),
    (ConnectorState.INOPERATIVE, "Unavailable"),
    (ConnectorState.PLUGGED, "Occupied"),
    (ConnectorState.PREPARING, "Occupied"),
    (ConnectorState.CHARGING, "Occupied"),
    (ConnectorState.STOPPING, "Occupied"),
    (ConnectorState.FINISHED, "Occupied"),
])
def test_each_connector_state_has_its_2_0_1_status(state: ConnectorState, expected: str) -> None:
    assert status_of(snapshot(left=state)) == expected


def test_a_charge_the_station_holds_at_zero_is_still_occupied() -> None:
    assert status_of(snapshot(left=ConnectorState.CHARGING, offered_w=0.0)) == "Occupied"


def test_a_blocking_code_faults_a_free_connector_but_not_a_running_session() -> None:
    assert status_of(snapshot(code(LOCK, 1))) == "Faulted"
    assert status_of(snapshot(code(ESTOP, 0))) == "Faulted"  # station-wide codes concern every EVSE
    assert status_of(snapshot(code(LOCK, 1), left=ConnectorState.CHARGING)) == "Occupied"
    assert status_of(snapshot(code("013100", 1, blocking=False))) == "Available"
    assert ev.statuses(snapshot(code(LOCK, 2)))[(1, 1)] == "Available"


def test_availability_and_reservation() -> None:
    assert status_of(snapshot(), operative={1: False}) == "Unavailable"
    assert status_of(snapshot(), operative={0: False}) == "Unavailable"
    assert status_of(snapshot(left=ConnectorState.CHARGING), operative={1: False}) == "Occupied"  # finishes first
    assert status_of(snapshot(), reserved={1}) == "Reserved"
    assert status_of(snapshot(ready=False)) == "Unavailable"
