"""Smart charging, reservations and the OCA California pricing extension with the real station
(simulated boards, power modules and EVs on the CAN bus, fake clock) against the demo central
system as a separate process.  Each effect is checked where the driver and the hardware see
it: the power modules' commands, the Home and Plug-in screens, the Charging and Summary texts."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

from controller import commands as cmd
from controller.ocpp.queue import ocpp_time
from controller.power import Limit
from controller.queue import WaitReason
from controller.sim.world import World
from controller.types import Side
from controller.view import NoticeKind
from hmi.format import Formatter
from hmi.navigation import screen_for
from hmi.presenter import connector_values, kiosk_values
from hmi.qr_provider import qr_url
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD
from tests.ocpp.conftest import CentralFactory
from tests.ocpp.harness import (
    CentralSystemProcess,
    advance_until,
    charger_world,
    door,
    plug_and_charge,
    settled,
)

RECEIPT = "https://csms.example.com/r/{transaction_id}"
PRICING = json.dumps({"kwh_price": "0.45", "flat_fee": "1.00", "receipt_url": RECEIPT})


def commanded_w(world: World) -> float:
    """What the power modules are told to deliver, all of them together (W)."""
    return sum(p.voltage_setpoint * p.current_limit for p in world.hardware.psus if p.enabled)


def delivered_w(world: World) -> float:
    return sum(p.voltage * p.current for p in world.hardware.psus)


def station_max_profile(watts: float) -> dict[str, object]:
    return {"connectorId": 0, "csChargingProfiles": {
        "chargingProfileId": 7, "stackLevel": 0, "chargingProfilePurpose": "ChargePointMaxProfile",
        "chargingProfileKind": "Absolute", "chargingSchedule": {
            "chargingRateUnit": "W", "chargingSchedulePeriod": [{"startPeriod": 0, "limit": watts}]}}}


def test_a_station_limit_from_the_central_system_lowers_the_commanded_power_and_the_screen_says_why(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        plug_and_charge(world, Side.LEFT)
        world.advance(30)
        assert delivered_w(world) > 40_000, "the EV takes well over 20 kW before the limit"
        answer = door(world, central, "SetChargingProfile", station_max_profile(20_000))
        assert answer == {"response": {"status": "Accepted"}}
        world.advance(5)
        left = world.view.connector(Side.LEFT)
        assert left.limit is Limit.SCHEDULE and left.max_power_w <= 20_000
        assert commanded_w(world) <= 20_000 * 1.02 and delivered_w(world) <= 20_000 * 1.02
        texts = connector_values(left, world.view, Formatter())
        assert texts.limitText == "Limited by the operator's charging schedule"
        composite = door(world, central, "GetCompositeSchedule", {"connectorId": 1, "duration": 600})
        periods = composite["response"]["chargingSchedule"]["chargingSchedulePeriod"]
        assert composite["response"]["status"] == "Accepted" and periods[0]["limit"] == 20_000
        answer = door(world, central, "ClearChargingProfile", {"id": 7})
        assert answer == {"response": {"status": "Accepted"}}
        world.advance(5)
        assert world.view.connector(Side.LEFT).limit is not Limit.SCHEDULE
        assert delivered_w(world) > 40_000, "the full power back once the profile is gone"
    finally:
        world.close()


def test_a_reserved_connector_shows_reserved_and_starts_only_for_the_reserving_card(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        assert world.backend is not None
        expiry = ocpp_time(world.backend.client.now() + timedelta(hours=1))  # on the central system's clock
        answer = door(world, central, "ReserveNow", {"connectorId": 1, "expiryDate": expiry,
                                                     "idTag": KNOWN_CARD, "reservationId": 21})
        assert answer == {"response": {"status": "Accepted"}}
        world.advance(0.2)
        left = connector_values(world.view.connector(Side.LEFT), world.view, Formatter())
        assert (left.state, left.stateText) == ("reserved", "Reserved")
        settled(world, lambda: any(f[3]["status"] == "Reserved" for f in central.from_charger("StatusNotification")),
                "StatusNotification Reserved")
        world.station.submit(cmd.PresentToken(OTHER_KNOWN_CARD))
        world.advance(0.5)
        assert world.view.pending is None
        assert world.view.notice is not None and world.view.notice.kind is NoticeKind.RESERVED
        notice = kiosk_values(world.view, Formatter()).noticeText
        assert notice == "This connector is reserved for another driver."
        world.advance(5)  # the notice goes, then the reserving card
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        world.advance(0.5)
        assert world.view.pending is not None and world.view.pending.eligible == (Side.LEFT,)
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        settled(world, lambda: central.from_charger("StartTransaction"), "StartTransaction")
    finally:
        world.close()
    (start,) = central.from_charger("StartTransaction")
    assert start[3]["reservationId"] == 21 and start[3]["idTag"] == KNOWN_CARD


def test_the_drivers_price_running_cost_and_final_cost_with_a_receipt_qr_code(start_central: CentralFactory) -> None:
    central = start_central("--pricing", PRICING)
    world = charger_world(central, "U00")
    try:
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        settled(world, lambda: world.station.view().pending is not None
                and world.station.view().pending.price_text is not None, "the driver's own price (SetUserPrice)")
        world.step()
        assert screen_for(world.view) == "plugin"
        assert world.view.pending is not None and world.view.pending.price_text is not None
        assert world.view.pending.price_text.for_language("en-US") == "$0.45/kWh + $1.00 per session"
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        settled(world, lambda: world.station.connectors[Side.LEFT].backend_cost is not None, "RunningCost")
        world.advance(120)
        session = world.view.connector(Side.LEFT).session
        assert session is not None and session.backend_cost is not None and not session.backend_cost.final
        assert session.backend_cost.cost >= Decimal("1.00"), "the session fee, then energy on top"
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        settled(world, lambda: (c := world.station.connectors[Side.LEFT].backend_cost) is not None and c.final,
                "FinalCost")
        world.step()
        session = world.view.connector(Side.LEFT).session
        assert session is not None and session.backend_cost is not None
        (transaction_id,) = central.transactions()
        assert session.backend_cost.qr_code_text == RECEIPT.format(transaction_id=transaction_id)
        values = connector_values(world.view.connector(Side.LEFT), world.view, Formatter())
        assert screen_for(world.view) == "summary"
        assert values.receiptQrSource == qr_url(session.backend_cost.qr_code_text)
        assert f"${session.backend_cost.cost}" in values.costText
        stop = central.from_charger("StopTransaction")
    finally:
        world.close()
    (start,) = central.from_charger("StartTransaction")
    energy_kwh = Decimal(stop[0][3]["meterStop"] - start[3]["meterStart"]) / 1000
    assert session.backend_cost.cost == (Decimal("1.00") + energy_kwh * Decimal("0.45")).quantize(Decimal("0.01"))


def test_a_zero_schedule_holds_the_session_says_until_when_and_charging_starts_by_itself(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        pause = station_max_profile(0)
        schedule = pause["csChargingProfiles"]["chargingSchedule"]  # type: ignore[index]
        schedule["chargingSchedulePeriod"] = [{"startPeriod": 0, "limit": 0}, {"startPeriod": 30, "limit": 60_000}]
        installed = world.clock.now().replace(microsecond=0)
        assert door(world, central, "SetChargingProfile", pause) == {"response": {"status": "Accepted"}}
        plug_and_charge(world, Side.LEFT)
        world.advance(5)
        left = world.view.connector(Side.LEFT)
        assert left.power_w == 0 and left.waiting is not None
        assert left.waiting.reason is WaitReason.OPERATOR
        # the schedule is on the central system's clock, the station shows it on its own: 30 s after installing
        assert left.waiting.at is not None and abs((left.waiting.at - installed).total_seconds() - 30) <= 1
        texts = connector_values(left, world.view, Formatter())
        assert texts.waitingText == "The operator has paused charging for now"
        assert texts.waitingUntilText.startswith("Charging starts by itself at ")
        # the schedule's second period (its time is the central system's, which heartbeats keep near the
        # real clock while simulated time races): the client tells the station, nobody taps
        advance_until(world, lambda: world.view.connector(Side.LEFT).waiting is None and delivered_w(world) > 40_000,
                      "charging by itself once the schedule allows it", real_timeout_s=60)
    finally:
        world.close()
