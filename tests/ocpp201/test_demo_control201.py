"""The demo's central-system buttons (controller.sim.csms_control, as the simulator panel calls
them) on OCPP 2.0.1: each sends the 2.0.1 request, and the two 2.0.1 ones push an operator
message and the running cost, against a station written by hand."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from controller.sim.csms_control import DemoCentralSystem
from tests.ocpp.harness import run
from tests.ocpp201.raw_station import RawStation
from tests.ocpp201.test_demo_csms201 import BOOT, event


@pytest.fixture
def demo201(tmp_path: Path) -> Iterator[DemoCentralSystem]:
    csms = DemoCentralSystem(tmp_path / "csms.jsonl", ocpp_version="2.0.1")
    csms.start()
    yield csms
    csms.stop()


def test_the_panel_buttons_speak_2_0_1_to_a_2_0_1_charger(demo201: DemoCentralSystem) -> None:
    async def answered(button: asyncio.Future[dict], station: RawStation, action: str, answer: dict) -> list:
        request = await station.next_call(action)
        await station.answer(request, answer)
        assert (await button).get("response") == answer
        return request

    async def scenario() -> None:
        station = await RawStation.open(demo201.charge_point_url("CS-DEMO"), ["ocpp1.6", "ocpp2.0.1"])
        assert station.subprotocol == "ocpp2.0.1"
        await station.call("BootNotification", BOOT)
        assert await asyncio.to_thread(demo201.version) == "2.0.1"

        start = asyncio.ensure_future(asyncio.to_thread(demo201.remote_start, 1, "04A1B2C3D4E5F6"))
        request = await answered(start, station, "RequestStartTransaction", {"status": "Accepted"})
        assert request[3]["idToken"] == {"idToken": "04A1B2C3D4E5F6", "type": "Central"} and request[3]["evseId"] == 1

        await station.call("TransactionEvent", event("Started", 0, "RemoteStart", "tx-demo", wh=1000.0,
                                                     evse={"id": 1, "connectorId": 1}))
        await station.call("TransactionEvent", event("Updated", 1, "MeterValuePeriodic", "tx-demo", wh=3000.0))
        await station.answer(await station.next_call("CostUpdated"), {})

        push = asyncio.ensure_future(asyncio.to_thread(demo201.push_cost))
        request = await answered(push, station, "CostUpdated", {})
        assert request[3] == {"totalCost": Decimal("1.9"), "transactionId": "tx-demo"}  # 1.00 + 2 kWh x 0.45

        show = asyncio.ensure_future(asyncio.to_thread(demo201.display_message, "Free coffee inside", "AlwaysFront"))
        request = await answered(show, station, "SetDisplayMessage", {"status": "Accepted"})
        assert request[3]["message"]["priority"] == "AlwaysFront"
        assert request[3]["message"]["message"] == {"format": "UTF8", "language": "en",
                                                    "content": "Free coffee inside"}

        limit = asyncio.ensure_future(asyncio.to_thread(demo201.limit_station, 20000))
        request = await answered(limit, station, "SetChargingProfile", {"status": "Accepted"})
        assert request[3]["chargingProfile"]["chargingProfilePurpose"] == "ChargingStationMaxProfile"

        stop = asyncio.ensure_future(asyncio.to_thread(demo201.remote_stop, 1))
        request = await answered(stop, station, "RequestStopTransaction", {"status": "Accepted"})
        assert request[3] == {"transactionId": "tx-demo"}
        await station.close()

    run(scenario())
    violations = demo201._http("GET", "/violations")
    assert violations["violations"] == [] and violations["checked"] == 9
