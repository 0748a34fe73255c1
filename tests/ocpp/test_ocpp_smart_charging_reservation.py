"""Smart charging and reservations against the demo central system."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.ocpp.harness import KNOWN, CentralSystemProcess, run, wait_for
from tests.ocpp.test_ocpp_core import online_charger, statuses


def profile(profile_id: int, purpose: str, limit: float, unit: str = "W", stack_level: int = 0,
            kind: str = "Absolute", **extra: object) -> dict:
    return {"chargingProfileId": profile_id, "stackLevel": stack_level, "chargingProfilePurpose": purpose,
            "chargingProfileKind": kind, **extra,
            "chargingSchedule": {"chargingRateUnit": unit,
                                 "chargingSchedulePeriod": [{"startPeriod": 0, "limit": limit}]}}


def test_charging_limits_reach_the_station(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        station = charger.station
        try:
            async def set_profile(connector_id: int, body: dict) -> str:
                answer = await central.call("SetChargingProfile", {"connectorId": connector_id,
                                                                   "csChargingProfiles": body})
                return answer["response"]["status"]

            assert await set_profile(0, profile(1, "ChargePointMaxProfile", 40000.0)) == "Accepted"
            assert station.limits[0] == 40000.0
            assert await set_profile(1, profile(2, "ChargePointMaxProfile", 1000.0)) == "Rejected"
            assert await set_profile(0, profile(3, "TxDefaultProfile", 20.0, unit="A")) == "Accepted"
            assert station.limits[1] == station.limits[2] == 20 * 277 * 3
            assert await set_profile(1, profile(4, "TxProfile", 5000.0)) == "Rejected", "no transaction yet"
            station.start_session(1, KNOWN)
            await wait_for(lambda: charger.client.queue.real_id(charger.client.running[1].local_id), "the real id")
            assert await set_profile(1, profile(4, "TxProfile", 5000.0, transactionId=1)) == "Accepted"
            assert station.limits[1] == 5000.0 and station.limits[2] == 20 * 277 * 3
            composite = await central.call("GetCompositeSchedule", {"connectorId": 1, "duration": 600,
                                                                    "chargingRateUnit": "W"})
            schedule = composite["response"]["chargingSchedule"]
            assert composite["response"]["status"] == "Accepted"
            assert schedule["chargingSchedulePeriod"][0] == {"startPeriod": 0, "limit": 5000.0}
            cleared = await central.call("ClearChargingProfile", {"id": 4})
            assert cleared["response"] == {"status": "Accepted"}
            assert station.limits[1] == 20 * 277 * 3
            nothing = await central.call("ClearChargingProfile", {"id": 99})
            assert nothing["response"] == {"status": "Unknown"}
            station.end_session(1)
            await central.call("ClearChargingProfile", {})
            assert station.limits == {0: None, 1: None, 2: None}
        finally:
            await charger.stop()

    run(scenario())


def test_a_remote_start_brings_its_tx_profile(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            body = profile(7, "TxProfile", 11000.0, kind="Relative")
            answer = await central.call("RemoteStartTransaction", {"idTag": KNOWN, "connectorId": 2,
                                                                   "chargingProfile": body})
            assert answer["response"] == {"status": "Accepted"}
            charger.station.start_session(2, KNOWN)
            await wait_for(lambda: charger.station.limits.get(2) == 11000.0, "the TxProfile's limit")
        finally:
            await charger.stop()

    run(scenario())


def test_a_reservation_holds_the_connector_for_its_id_tag(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        station = charger.station
        try:
            expiry = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            reserve = {"connectorId": 1, "expiryDate": expiry, "idTag": KNOWN, "reservationId": 11}
            assert (await central.call("ReserveNow", reserve))["response"] == {"status": "Accepted"}
            assert station.reservations[1].id_tag == KNOWN
            await wait_for(lambda: "Reserved" in statuses(central, 1), "Reserved")
            other = {**reserve, "idTag": "0A0B0C0D", "reservationId": 12}
            assert (await central.call("ReserveNow", other))["response"] == {"status": "Occupied"}
            zero = {**reserve, "connectorId": 0, "reservationId": 13}
            assert (await central.call("ReserveNow", zero))["response"] == {"status": "Rejected"}
            assert (await central.call("CancelReservation", {"reservationId": 99}))["response"] == {
                "status": "Rejected"}
            station.start_session(1, KNOWN)
            await wait_for(lambda: central.from_charger("StartTransaction"), "StartTransaction")
            assert station.reservations[1] is None
            station.raise_code("011026", 2, blocking=True)
            faulted = {**reserve, "connectorId": 2, "reservationId": 14}
            assert (await central.call("ReserveNow", faulted))["response"] == {"status": "Faulted"}
        finally:
            await charger.stop()

    run(scenario())
    assert central.from_charger("StartTransaction")[0][3]["reservationId"] == 11


def test_a_reservation_expires_and_can_be_cancelled(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        station = charger.station
        try:
            soon = (datetime.now(UTC) + timedelta(seconds=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            later = (datetime.now(UTC) + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
            await central.call("ReserveNow", {"connectorId": 1, "expiryDate": soon, "idTag": KNOWN,
                                              "reservationId": 1})
            await central.call("ReserveNow", {"connectorId": 2, "expiryDate": later, "idTag": KNOWN,
                                              "reservationId": 2})
            await wait_for(lambda: station.reservations.get(1) is None and 1 in station.reservations, "expiry")
            assert (await central.call("CancelReservation", {"reservationId": 2}))["response"] == {
                "status": "Accepted"}
            assert station.reservations[2] is None
            await wait_for(lambda: statuses(central, 2)[-1] == "Available", "connector 2 free again")
        finally:
            await charger.stop()

    run(scenario())
