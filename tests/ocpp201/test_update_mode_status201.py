"""OCPP 2.0.1 while the charger's software is updated: every EVSE's connector says Unavailable
and RequestStartTransaction is rejected; all comes back after.  Real station, demo central
system in its own process, every frame checked against the 2.0.1 schemas."""

from __future__ import annotations

from controller.types import Side
from tests.ocpp.harness import door, settled
from tests.ocpp201.charger import sent, world201
from tests.ocpp201.conftest import Central201Factory


def test_an_update_reports_unavailable_and_refuses_a_remote_start(start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1")
    world = world201(central)

    def statuses() -> dict[tuple[int, int], str]:
        return {(s["evseId"], s["connectorId"]): s["connectorStatus"] for s in sent(central, "StatusNotification")}

    try:
        settled(world, lambda: statuses() == {(1, 1): "Available", (2, 1): "Available"}, "a status per EVSE")
        world.port.set_software_update(True)
        settled(world, lambda: statuses() == {(1, 1): "Unavailable", (2, 1): "Unavailable"}, "Unavailable")
        for authorize_first in ("false", "true"):  # AuthCtrlr.AuthorizeRemoteStart
            world.backend.client.config.change("AuthorizeRemoteTxRequests", authorize_first)
            answer = door(world, central, "RequestStartTransaction", {
                "idToken": {"idToken": "APP-USER-7", "type": "Central"}, "remoteStartId": 42, "evseId": 1})
            assert answer == {"response": {"status": "Rejected"}}, authorize_first
        world.advance(5)
        assert world.view.connector(Side.LEFT).session is None
        world.port.set_software_update(False)
        settled(world, lambda: statuses() == {(1, 1): "Available", (2, 1): "Available"}, "Available again")
    finally:
        world.close()
    assert not central.transactions()
