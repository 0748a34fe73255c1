"""The real station with the central system killed and started again: the screen while it is
unreachable, RFID under the offline rules, the transaction queue delivered in order, once,
with the real transaction id, and StopTransactionOnInvalidId for a start the central system
refuses afterwards."""

from __future__ import annotations

import json
from collections import Counter

from controller import commands as cmd
from controller.ocpp.boot import BootState
from controller.sim.world import World
from controller.types import AuthMethod, Side
from controller.view import NoticeKind
from hmi.format import Formatter
from hmi.presenter import kiosk_values
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD
from tests.ocpp.conftest import CentralFactory
from tests.ocpp.harness import UNKNOWN, CentralSystemProcess, advance_until, charger_world, door, settled


def go_offline(world: World, central: CentralSystemProcess) -> None:
    central.kill()
    client = world.backend.client if world.backend else None
    assert client is not None
    advance_until(world, lambda: not client.online, "the charger to notice", step_s=0.05)


def come_back(world: World, central: CentralSystemProcess, first_transaction_id: int = 100) -> None:
    central.arguments += ["--first-transaction-id", str(first_transaction_id)]
    central.start()
    client = world.backend.client if world.backend else None
    assert client is not None
    advance_until(world, lambda: client.online, "the charger back online", step_s=0.05)


def test_while_the_central_system_is_down_the_home_screen_darkens_qr_and_app_and_shows_033900(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        go_offline(world, central)
        world.step()
        view = world.view
        assert not view.online and view.backend_code == "033900"
        assert view.methods == frozenset({AuthMethod.RFID}), "QR code and app need the backend"
        values = kiosk_values(view, Formatter())
        assert not values.online and values.backendCode == "033900"
        assert values.qrOffered and not values.qrEnabled and not values.appEnabled
        assert values.qrCaption.startswith("QR code and app authorization are unavailable")
        come_back(world, central)
        world.step()
        assert world.view.online and world.view.backend_code == "" and AuthMethod.QR in world.view.methods
    finally:
        world.close()


def test_a_session_across_an_outage_is_delivered_in_order_exactly_once(central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        assert door(world, central, "ChangeConfiguration", {"key": "MeterValueSampleInterval", "value": "20"}) == {
            "response": {"status": "Accepted"}}
        world.station.submit(cmd.PresentToken(KNOWN_CARD))  # authorized online: now in the cache
        world.advance(0.2)
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        settled(world, lambda: central.from_charger("StartTransaction"), "StartTransaction")
        world.advance(60)
        go_offline(world, central)
        world.advance(120)  # meter values pile up in the queue
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        world.hardware.unplug(Side.LEFT)
        world.advance(3.0)  # past the tap hold-off: the same card again is a new tap
        # a second session, started and stopped offline: the cache knows the card
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        world.advance(0.2)
        assert world.view.pending is not None, "a cached card works offline (LocalAuthorizeOffline)"
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        world.advance(45)
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        queued = len(world.backend.client.queue) if world.backend else 0
        assert queued >= 8
        come_back(world, central, first_transaction_id=100)
        settled(world, lambda: world.backend is not None and len(world.backend.client.queue) == 0, "an empty queue")
    finally:
        world.close()
    sent = [f for f in central.from_charger() if f[2] in ("StartTransaction", "MeterValues", "StopTransaction")]
    ids = Counter(f[1] for f in sent)
    transactional = [f for f in sent if f[2] != "MeterValues" or "transactionId" in f[3]]
    # at most the frame in flight at the kill is sent twice, with the same unique id
    assert all(count <= 2 for count in ids.values())
    assert len({f[1] for f in transactional}) == len([f for f in transactional if ids[f[1]] == 1]) + \
        len([i for i, n in ids.items() if n == 2])
    starts = central.from_charger("StartTransaction")
    assert [s[3]["idTag"] for s in starts] == [KNOWN_CARD, KNOWN_CARD]
    transactions = central.transactions()
    assert set(transactions) == {"1", "100"}, "the offline session got the central system's own id"
    stops = central.from_charger("StopTransaction")
    assert [s[3]["transactionId"] for s in stops] == [1, 100]
    after_first_stop = sent.index(stops[0])
    assert all(f[3].get("transactionId") == 100 for f in sent[after_first_stop + 1:] if f[2] != "StartTransaction")
    timestamps = [f[3]["timestamp"] if f[2] != "MeterValues" else f[3]["meterValue"][0]["timestamp"]
                  for f in transactional]
    assert timestamps == sorted(timestamps), "sent in time order"
    # the first process knew transaction 1 from its start, the second only from its stop: count the frames
    first_meter_values = [f for f in sent if f[2] == "MeterValues" and f[3].get("transactionId") == 1]
    assert len(first_meter_values) >= 7, "sampled meter values of the first session, queued while offline"
    assert stops[0][3]["meterStop"] > starts[0][3]["meterStart"]


def test_offline_an_unknown_card_is_refused_unless_allowed_and_a_refused_start_is_stopped_deauthorized(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        go_offline(world, central)
        world.station.submit(cmd.PresentToken(UNKNOWN))
        world.advance(0.1)
        assert world.view.notice is not None and world.view.notice.kind is NoticeKind.CARD_UNCHECKED
        assert kiosk_values(world.view, Formatter()).noticeText.startswith("The charger is offline and cannot check")
        world.advance(5)
        assert world.backend is not None
        world.backend.client.config.change("AllowOfflineTxForUnknownId", "true")
        world.station.submit(cmd.PresentToken(UNKNOWN))
        world.advance(0.2)
        assert world.view.pending is not None
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        come_back(world, central)  # StartTransaction.conf: Invalid -> StopTransactionOnInvalidId
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        session = world.view.connector(Side.LEFT).session
        assert session is not None and session.stop_reason == "deauthorized"
        settled(world, lambda: central.from_charger("StopTransaction"), "StopTransaction")
    finally:
        world.close()
    assert central.from_charger("StopTransaction")[0][3]["reason"] == "DeAuthorized"


def test_while_the_boot_is_pending_a_card_is_judged_by_the_offline_rules_and_the_screen_says_connecting(
        start_central: CentralFactory) -> None:
    central = start_central("--boot-status", "Pending", "--heartbeat-interval", "300")
    world = charger_world(central, "U00")
    try:
        assert world.backend is not None
        client = world.backend.client
        advance_until(world, lambda: client.boot.state is BootState.PENDING, "the boot answered Pending")
        world.step()
        assert not world.view.online and world.view.backend_connecting
        values = kiosk_values(world.view, Formatter())
        assert values.qrCaption == "Connecting to the charging network…" and not values.qrEnabled
        world.station.submit(cmd.PresentToken(UNKNOWN))
        world.advance(0.1)
        assert world.view.notice is not None and world.view.notice.kind is NoticeKind.CARD_UNCHECKED
        assert "still connecting" in kiosk_values(world.view, Formatter()).noticeText
        world.advance(5)
        client.config.change("AllowOfflineTxForUnknownId", "true")  # the offline rules decide, not "Pending"
        world.station.submit(cmd.PresentToken(UNKNOWN))
        world.advance(0.2)
        assert world.view.pending is not None, "AllowOfflineTxForUnknownId holds while the boot is Pending"
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        assert not central.from_charger("StartTransaction"), "nothing but BootNotification before Accepted"
        central.post("/settings", {"boot_status": "Accepted", "id_tags": {UNKNOWN: "Accepted"}})
        assert door(world, central, "TriggerMessage", {"requestedMessage": "BootNotification"}) == {
            "response": {"status": "Accepted"}}
        advance_until(world, lambda: client.online and len(client.queue) == 0, "accepted, the start delivered")
        world.step()
        assert world.view.online and not world.view.backend_connecting
    finally:
        world.close()
    starts = central.from_charger("StartTransaction")
    assert len(starts) == 1 and starts[0][3]["idTag"] == UNKNOWN


def test_the_local_list_decides_offline_and_wins_over_the_cache_and_the_toml_allow_list_is_not_used(
        central: CentralSystemProcess) -> None:
    listed = "CAFE0001"
    world = charger_world(central, "U00", authorization={"local_allow_list": [OTHER_KNOWN_CARD, "0A0B0C0D"]})
    try:
        central.post("/settings", {"id_tags": {KNOWN_CARD: "Accepted", OTHER_KNOWN_CARD: "Blocked"}})
        world.station.submit(cmd.PresentToken(OTHER_KNOWN_CARD))
        world.advance(0.1)
        assert world.view.notice is not None and world.view.notice.kind is NoticeKind.INVALID_CARD, \
            "with a backend the central system decides, not [authorization].local_allow_list"
        world.advance(5)
        entries = [{"idTag": listed, "idTagInfo": {"status": "Accepted"}},
                   {"idTag": KNOWN_CARD, "idTagInfo": {"status": "Blocked"}}]
        assert door(world, central, "SendLocalList", {"listVersion": 3, "updateType": "Full",
                                                      "localAuthorizationList": entries}) == {
            "response": {"status": "Accepted"}}
        assert door(world, central, "GetLocalListVersion", {}) == {"response": {"listVersion": 3}}
        go_offline(world, central)
        world.station.submit(cmd.PresentToken(listed))
        world.advance(0.2)
        assert world.view.pending is not None, "listed: accepted offline"
        world.station.submit(cmd.CancelPending())
        world.advance(3)
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        world.advance(0.2)
        assert world.view.pending is None and world.view.notice is not None
        assert world.view.notice.kind is NoticeKind.INVALID_CARD, "the list's Blocked wins"
    finally:
        world.close()


def test_local_pre_authorize_starts_without_asking_the_central_system(central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        for key, value in (("LocalPreAuthorize", "true"),):
            door(world, central, "ChangeConfiguration", {"key": key, "value": value})
        entries = [{"idTag": "CAFE0002", "idTagInfo": {"status": "Accepted"}}]
        door(world, central, "SendLocalList", {"listVersion": 1, "updateType": "Full",
                                               "localAuthorizationList": entries})
        world.station.submit(cmd.PresentToken("CAFE0002"))
        world.advance(0.2)
        assert world.view.pending is not None
    finally:
        world.close()
    assert not central.from_charger("Authorize")
    assert json.dumps(central.from_charger("SendLocalList")) == "[]"
