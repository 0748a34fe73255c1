"""Version negotiation with the real station: ``[ocpp].version = "auto"`` offers ocpp2.0.1
then ocpp1.6 and speaks what the central system picks (remembering it); a fixed version
speaks only that one.  Sessions that happened before the first central system chose are
reported once, in the version it chose."""

from __future__ import annotations

from pathlib import Path

from controller import commands as cmd
from controller.ocpp.storage import Storage
from controller.types import Side
from tests.ocpp.harness import KNOWN, STATION_ID, advance_until, charger_world, door, settled
from tests.ocpp201.charger import gap_free, only_transaction, sent, world201
from tests.ocpp201.conftest import Central201Factory


def test_auto_speaks_1_6_to_a_1_6_only_central_system(start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "1.6")
    world = charger_world(central, "J0U")  # [ocpp].version = "auto", the default
    try:
        assert world.backend.active == "1.6" and world.backend.client.online
    finally:
        world.close()
    assert central.from_charger("BootNotification")[0][3]["chargePointModel"] == "DSWx601"


def test_auto_switches_to_2_0_1_when_the_central_system_picks_it_and_remembers(
        start_central201: Central201Factory, tmp_path: Path) -> None:
    central = start_central201("--ocpp-version", "2.0.1")
    database = tmp_path / "cp.sqlite3"
    world = charger_world(central, "J0U", ocpp_storage=Storage(database))
    try:
        settled(world, lambda: world.backend.active == "2.0.1" and world.backend.client.online,
                "the 2.0.1 client online")
        world.restart()  # a power cycle: the charger starts in the version last chosen
        assert world.backend.active == "2.0.1"
        world.start()
        assert world.backend.client.online
    finally:
        world.close()
    boots = sent(central, "BootNotification")
    assert len(boots) == 2 and all("chargingStation" in b for b in boots)
    assert central.get("/charge-points")["versions"].get(STATION_ID, "2.0.1") == "2.0.1"


def test_auto_against_a_central_system_speaking_both_speaks_2_0_1(start_central201: Central201Factory) -> None:
    central = start_central201()  # both: the charger's first offer wins
    world = charger_world(central, "J0U")
    try:
        settled(world, lambda: world.backend.active == "2.0.1" and world.backend.client.online, "2.0.1 online")
    finally:
        world.close()


def test_a_charger_fixed_on_1_6_never_speaks_to_a_2_0_1_only_central_system(
        start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1")
    world = charger_world(central, "J0U", ocpp={"version": "1.6"})
    try:
        advance_until(world, lambda: world.backend.client.connection_attempts >= 2, "a second attempt")
        assert not world.backend.client.online and world.backend.active == "1.6"
    finally:
        world.close()
    assert not central.from_charger("BootNotification")


def test_a_session_begun_before_the_first_choice_is_reported_once_in_the_version_chosen(
        start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1")
    central.kill()  # not reachable yet: a fresh charger in "auto" has chosen no version (1.6 queue)
    world = charger_world(central, "U00")
    try:
        assert world.backend.active == "1.6" and not world.backend.client.online
        world.backend.client.config.change("AllowOfflineTxForUnknownId", "true")
        world.station.submit(cmd.PresentToken(KNOWN))
        world.advance(0.2)
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        assert len(world.backend.client.queue) == 1, "its StartTransaction waits in the 1.6 queue"
        central.start()
        advance_until(world, lambda: world.backend.active == "2.0.1" and world.backend.client.online,
                      "the 2.0.1 client online", step_s=0.05)
        settled(world, central.transactions, "the Started of the running session")
        world.advance(30)
        world.station.submit(cmd.PresentToken(KNOWN))
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        settled(world, lambda: only_transaction(central).get("ended"), "the Ended")
        settled(world, lambda: len(world.backend.client.queue) == 0, "the queue delivered")
        assert world.backend.undelivered_sessions() == frozenset(), "nothing left in either queue"
    finally:
        world.close()
    transaction = only_transaction(central)
    assert gap_free(transaction) and transaction["event_types"][0] == "Started"
    assert transaction["events"][0]["offline"] is True, "it began while offline"
    assert not central.from_charger("StartTransaction"), "nothing of it in 1.6"
    assert transaction["stopped_reason"] == "Local"


def test_basic_auth_on_2_0_1_and_a_new_password_set_by_the_central_system(
        start_central201: Central201Factory) -> None:
    old, new = "first-password-0001", "second-password-0002"
    central = start_central201("--ocpp-version", "2.0.1", "--basic-auth-password", old)
    world = world201(central, ocpp={"authorization_key": old})
    try:
        client = world.backend.client
        assert client.online, "security profile 1: user = the station id, the configured password"
        answer = door(world, central, "SetVariables", {"setVariableData": [
            {"component": {"name": "SecurityCtrlr"}, "variable": {"name": "BasicAuthPassword"},
             "attributeValue": new}]})
        assert answer["response"]["setVariableResult"][0]["attributeStatus"] == "Accepted", \
            "answered before the charger reconnects with the new password (libocpp #662)"
        advance_until(world, lambda: not client.online, "the reconnect with the new password", step_s=0.05)
        central.kill()
        central.arguments = [a if a != old else new for a in central.arguments]
        central.start()
        advance_until(world, lambda: client.online, "online with the new password", step_s=0.05)
        assert world.backend.client.config.raw("AuthorizationKey") == new, "one password for both versions"
    finally:
        world.close()
