"""The station's backend port, and the OCPP 1.6 words controller.backend maps onto it."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

import pytest

from controller import port
from controller.backend import decision_of, ocpp_event, reservation_of, side_of
from controller.ocpp import port as ocpp_port
from controller.session import StopReason
from controller.station import Station
from controller.station_port import StationPort
from controller.types import Side

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _calls(protocol: type) -> dict[str, inspect.Signature]:
    return {name: inspect.signature(member) for name, member in vars(protocol).items()
            if inspect.isfunction(member) and not name.startswith("_")}


def test_the_station_port_offers_every_call_of_the_backend_port_with_the_same_parameters() -> None:
    for name, signature in _calls(port.BackendPort).items():
        assert hasattr(StationPort, name), name
        assert list(inspect.signature(getattr(StationPort, name)).parameters) == list(signature.parameters), name


def _station(*sides: Side) -> Station:
    return cast(Station, SimpleNamespace(connectors=dict.fromkeys(sides)))


@pytest.mark.parametrize(("connector_id", "side"), [(None, None), (0, None), (1, Side.LEFT), (2, None), (3, None),
                                                    (-1, None)])
def test_connector_ids_name_only_the_fitted_sides(connector_id: int | None, side: Side | None) -> None:
    assert side_of(_station(Side.LEFT), connector_id) is side


def test_the_right_connector_is_ocpp_connector_two() -> None:
    assert side_of(_station(Side.LEFT, Side.RIGHT), 2) is Side.RIGHT


@pytest.mark.parametrize(("decision", "verdict"), [
    (ocpp_port.AuthDecision(True, "Accepted", source="cache"), port.Verdict.ACCEPTED),
    (ocpp_port.AuthDecision(True, "Accepted", source="offline_unknown"), port.Verdict.ACCEPTED),
    (ocpp_port.AuthDecision(False, "Invalid"), port.Verdict.INVALID),
    (ocpp_port.AuthDecision(False, "Blocked"), port.Verdict.BLOCKED),
    (ocpp_port.AuthDecision(False, "Expired", source="local_list"), port.Verdict.EXPIRED),
    (ocpp_port.AuthDecision(False, "ConcurrentTx"), port.Verdict.IN_USE),
    (ocpp_port.AuthDecision(False, "Invalid", source="offline"), port.Verdict.UNCHECKED),
])
def test_authorization_statuses_become_the_station_verdicts(decision: ocpp_port.AuthDecision,
                                                            verdict: port.Verdict) -> None:
    assert decision_of(decision).verdict is verdict


def test_the_parent_id_tag_is_the_token_group() -> None:
    decision = decision_of(ocpp_port.AuthDecision(True, parent_id_tag="FLEET"))
    assert decision.accepted and decision.group == "FLEET"
    reservation = reservation_of(ocpp_port.Reservation(4, "04A1", NOW, "FLEET"))
    assert reservation == port.Reservation(4, "04A1", NOW, group="FLEET")
    assert reservation_of(None) is None


@pytest.mark.parametrize(("event", "expected"), [
    (port.AuthorizeRequest("04A1"), ocpp_port.AuthorizeRequest("04A1", None)),
    (port.AuthorizeRequest("04A1", Side.RIGHT), ocpp_port.AuthorizeRequest("04A1", 2)),
    (port.SessionStarted(Side.LEFT, "04A1", 1200, NOW, 7), ocpp_port.SessionStarted(1, "04A1", 1200, NOW, 7)),
    (port.SessionStopped(Side.RIGHT, 5400, NOW, StopReason.HARD_RESET),
     ocpp_port.SessionStopped(2, 5400, NOW, "HardReset", None)),
    (port.SessionStopped(Side.LEFT, 5400, NOW, StopReason.CARD, "04A1"),
     ocpp_port.SessionStopped(1, 5400, NOW, "Local", "04A1")),
    (port.SessionStopped(Side.LEFT, 5400, NOW, StopReason.TIME_LIMIT), ocpp_port.SessionStopped(1, 5400, NOW, "Other")),
])
def test_station_events_reach_the_ocpp_side_in_its_words(event: port.StationEvent, expected: Any) -> None:
    assert ocpp_event(event) == expected
