"""Provisioning, transactions and remote control with the real station speaking OCPP 2.0.1
(simulated boards and EVs on the CAN bus, fake clock) against the demo central system as a
separate process over a real websocket.  Every frame the charger sends is checked against
the official 2.0.1 schemas by the central system, independently of the ``ocpp`` library
(the fixture fails the test on a violation)."""

from __future__ import annotations

from decimal import Decimal

from controller import commands as cmd
from controller.port import BackendLink
from controller.sim.world import World
from controller.types import Side
from controller.view import SessionView
from hmi.format import Formatter
from hmi.presenter import connector_values
from tests.ocpp.harness import KNOWN, STATION_ID, UNKNOWN, advance_until, door, plug_and_charge, settled
from tests.ocpp201.charger import events, gap_free, only_transaction, sent, world201
from tests.ocpp201.conftest import Central201Factory

PRICING = '{"kwh_price": "0.45", "flat_fee": "1.00"}'


def session(world: World) -> SessionView | None:
    return world.view.connector(Side.LEFT).session


def test_the_station_boots_on_2_0_1_and_reports_each_evse(start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1", "--heartbeat-interval", "120")
    world = world201(central)
    try:
        assert world.backend is not None and world.backend.active == "2.0.1" and world.backend.client.online
        assert world.view.online
        settled(world, lambda: len(sent(central, "StatusNotification")) >= 2, "a status per EVSE")
        assert world.backend.client.config.number("HeartbeatInterval") == 120, "one setting with 1.6's key"
    finally:
        world.close()
    (boot,) = sent(central, "BootNotification")
    assert boot["reason"] == "PowerUp"
    assert boot["chargingStation"] == {"model": "DSWx601", "vendorName": "DS Series",
                                       "serialNumber": "DS60-2026-0001", "firmwareVersion": "0.1.0"}
    statuses = {(s["evseId"], s["connectorId"]): s["connectorStatus"] for s in sent(central, "StatusNotification")}
    assert statuses == {(1, 1): "Available", (2, 1): "Available"}
    assert central.get("/charge-points")["versions"].get(STATION_ID, "2.0.1") == "2.0.1"


def test_a_pending_boot_is_retried_and_the_central_system_may_configure_meanwhile(
        start_central201: Central201Factory) -> None:
    # the Pending answer's interval is when the charger asks again: 10 s of simulated time, not the
    # default 300 s, which took 6,000 station cycles and outran the real-time deadline on a busy machine
    central = start_central201("--ocpp-version", "2.0.1", "--boot-status", "Pending", "--heartbeat-interval", "10")
    world = world201(central)
    try:
        client = world.backend.client
        assert not client.online and world.station.backend_link is BackendLink.CONNECTING
        answer = door(world, central, "SetVariables", {"setVariableData": [
            {"component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"},
             "attributeValue": "200"}]})
        assert answer["response"]["setVariableResult"][0]["attributeStatus"] == "Accepted"
        central.set(boot_status="Accepted")
        advance_until(world, lambda: client.online, "the next BootNotification, accepted")
    finally:
        world.close()
    assert len(sent(central, "BootNotification")) >= 2


def test_a_card_session_is_started_updated_and_ended_with_costs_on_screen(
        start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1", "--pricing", PRICING)
    world = world201(central, "U00")
    try:
        world.station.submit(cmd.PresentToken(KNOWN))
        settled(world, lambda: world.view.pending is not None, "the card accepted")
        world.advance(0.2)
        pending = world.view.pending
        assert pending is not None and pending.price_text is not None
        personal = pending.price_text.for_language("en-US")
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        advance_until(world, lambda: session(world) is not None and session(world).backend_cost is not None,
                      "a running cost (CostUpdated)")
        running = session(world).backend_cost
        world.advance(60)
        world.station.submit(cmd.PresentToken(KNOWN))
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        settled(world, lambda: only_transaction(central).get("ended"), "the Ended event")
        settled(world, lambda: len(world.backend.client.queue) == 0, "the queue delivered")
        final = session(world).backend_cost
        summary = connector_values(world.view.connector(Side.LEFT), world.view, Formatter())
    finally:
        world.close()
    transaction = only_transaction(central)
    assert gap_free(transaction) and not any(transaction["offline"])
    kinds = events(transaction)
    assert kinds[0] == ("Started", "CablePluggedIn"), "the card came first, the cable completed the start"
    assert kinds[-1] == ("Ended", "StopAuthorized")
    assert ("Updated", "MeterValuePeriodic") in kinds
    assert transaction["stopped_reason"] == "Local"
    assert transaction["id_tokens"][0] == {"id_token": KNOWN, "type": "ISO14443"}
    assert "0.45" in personal, "the personal tariff (idTokenInfo.personalMessage) for the Plug-in screen"
    assert running is not None and not running.final and running.cost >= Decimal("1.00")
    total = Decimal(transaction["total_cost"])
    assert final is not None and final.final and final.cost == total > Decimal("1.00"), "money is exact"
    assert f"{total:.2f}" in summary.costText, (summary.costText, total)


def test_an_unknown_card_is_refused(start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1")
    world = world201(central)
    try:
        world.station.submit(cmd.PresentToken(UNKNOWN))
        settled(world, lambda: sent(central, "Authorize"), "the Authorize")
        advance_until(world, lambda: world.view.notice is not None, "the refusal on screen")
        assert world.view.pending is None
    finally:
        world.close()
    assert sent(central, "Authorize")[0]["idToken"] == {"idToken": UNKNOWN, "type": "ISO14443"}


def test_a_remote_start_and_stop_from_the_app(start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1")
    world = world201(central, "U00")
    try:
        world.hardware.plug(Side.LEFT)
        world.advance(1)
        answer = door(world, central, "RequestStartTransaction", {
            "idToken": {"idToken": "APP-USER-7", "type": "Central"}, "remoteStartId": 41, "evseId": 1})
        assert answer == {"response": {"status": "Accepted"}}
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        settled(world, central.transactions, "the Started event")
        transaction_id = next(iter(central.transactions()))
        world.advance(30)
        answer = door(world, central, "RequestStopTransaction", {"transactionId": transaction_id})
        assert answer == {"response": {"status": "Accepted"}}
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        settled(world, lambda: only_transaction(central).get("ended"), "the Ended event")
        refused = door(world, central, "RequestStopTransaction", {"transactionId": transaction_id})
    finally:
        world.close()
    transaction = only_transaction(central)
    assert events(transaction)[0] == ("Started", "RemoteStart") and transaction["remote_start_id"] == 41
    assert transaction["id_tokens"][0] == {"id_token": "APP-USER-7", "type": "Central"}
    assert transaction["stopped_reason"] == "Remote" and events(transaction)[-1][1] == "RemoteStop"
    assert refused["response"]["status"] == "Rejected"


def test_an_outage_mid_transaction_queues_offline_events_delivered_in_order(
        start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1")
    world = world201(central, "U00")
    try:
        plug_and_charge(world, Side.LEFT, KNOWN)
        settled(world, central.transactions, "the Started event")
        central.kill()
        advance_until(world, lambda: not world.backend.client.online, "the charger to notice", step_s=0.05)
        world.advance(200)  # periodic meter values pile up
        world.station.submit(cmd.PresentToken(KNOWN))
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        assert len(world.backend.client.queue) >= 3
        central.start()
        advance_until(world, lambda: world.backend.client.online, "the charger back online", step_s=0.05)
        settled(world, lambda: len(world.backend.client.queue) == 0, "the queue delivered")
    finally:
        world.close()
    frames = sent(central, "TransactionEvent")
    seq_nos = [f["seqNo"] for f in frames]
    assert sorted(set(seq_nos)) == list(range(max(seq_nos) + 1)), seq_nos
    assert seq_nos == sorted(seq_nos), "delivered in order"
    assert frames[-1]["eventType"] == "Ended" and frames[-1].get("offline") is True
    assert all(not f.get("offline") for f in frames if f["seqNo"] == 0)


def test_a_power_cut_mid_transaction_ends_it_with_power_loss_after_the_restart(
        start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1")
    world = world201(central, "U00")
    try:
        plug_and_charge(world, Side.LEFT, KNOWN)
        settled(world, central.transactions, "the Started event")
        world.advance(60)
        world.restart()  # no Reset asked: a power cycle
        world.start()
        settled(world, lambda: only_transaction(central).get("ended"), "the Ended event")
    finally:
        world.close()
    transaction = only_transaction(central)
    assert gap_free(transaction)
    assert transaction["stopped_reason"] == "PowerLoss" and transaction["event_types"][-1] == "Ended"
    ended = [f for f in sent(central, "TransactionEvent") if f["eventType"] == "Ended"]
    assert len(ended) == 1 and ended[0].get("offline") is True


def test_an_on_idle_reset_waits_for_the_session_and_an_immediate_one_ends_it(
        start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1")
    world = world201(central, "U00")
    try:
        plug_and_charge(world, Side.LEFT, KNOWN)
        settled(world, central.transactions, "the Started event")
        restarts = world.restarts
        assert door(world, central, "Reset", {"type": "OnIdle"}) == {"response": {"status": "Scheduled"}}
        world.advance(30)
        assert world.restarts == restarts and world.view.connector(Side.LEFT).state == "charging", \
            "OnIdle never cuts a charge"
        assert door(world, central, "Reset", {"type": "Immediate"}) == {"response": {"status": "Accepted"}}
        advance_until(world, lambda: world.restarts == restarts + 1, "the restart")
        world.start()
        settled(world, lambda: len(sent(central, "BootNotification")) == 2, "the second boot")
    finally:
        world.close()
    transaction = only_transaction(central)
    assert transaction["stopped_reason"] == "ImmediateReset" and events(transaction)[-1][1] == "ResetCommand"
    assert sent(central, "BootNotification")[-1]["reason"] == "RemoteReset"
