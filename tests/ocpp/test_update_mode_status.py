"""OCPP 1.6 while the charger's software is updated: the connectors and the charge point say
Unavailable, a remote start is rejected (whatever AuthorizeRemoteTxRequests says), and all
comes back after.  Real station, demo central system in its own process, frames checked."""

from __future__ import annotations

from controller.types import Side
from tests.conftest import OTHER_KNOWN_CARD
from tests.ocpp.harness import CentralSystemProcess, charger_world, door, settled


def last_statuses(central: CentralSystemProcess) -> dict[int, str]:
    return {f[3]["connectorId"]: f[3]["status"] for f in central.from_charger("StatusNotification")}


def test_an_update_reports_unavailable_refuses_a_remote_start_and_ends_available(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        settled(world, lambda: last_statuses(central) == {0: "Available", 1: "Available", 2: "Available"},
                "Available everywhere")
        world.port.set_software_update(True)
        settled(world, lambda: last_statuses(central) == {0: "Unavailable", 1: "Unavailable", 2: "Unavailable"},
                "Unavailable everywhere while updating")
        for authorize_first in ("false", "true"):
            world.backend.client.config.change("AuthorizeRemoteTxRequests", authorize_first)
            answer = door(world, central, "RemoteStartTransaction", {"connectorId": 1, "idTag": OTHER_KNOWN_CARD})
            assert answer == {"response": {"status": "Rejected"}}, authorize_first
        world.advance(5)
        assert world.view.connector(Side.LEFT).session is None
        world.port.set_software_update(False)
        settled(world, lambda: last_statuses(central) == {0: "Available", 1: "Available", 2: "Available"},
                "Available again after the update")
    finally:
        world.close()
    assert not central.from_charger("StartTransaction")
