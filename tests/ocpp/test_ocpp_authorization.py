"""Authorization online and offline: the central system, the cache and the local list."""

from __future__ import annotations

from pathlib import Path

from tests.ocpp.harness import KNOWN, UNKNOWN, CentralSystemProcess, make_charger, run, wait_for
from tests.ocpp.test_ocpp_core import online_charger


async def decision_of(charger, tag: str):  # type: ignore[no-untyped-def]
    charger.station.decisions.pop(tag, None)
    charger.station.present(tag)
    await wait_for(lambda: tag in charger.station.decisions, f"a decision on {tag}")
    return charger.station.decisions[tag]


def test_online_the_central_system_decides_and_the_cache_learns(central: CentralSystemProcess,
                                                                 tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            unknown = await decision_of(charger, UNKNOWN)
            assert not unknown.accepted and unknown.status == "Invalid" and unknown.source == "central"
            assert (await decision_of(charger, KNOWN)).accepted
            assert charger.client.auth.cached(KNOWN).status == "Accepted"
        finally:
            await charger.stop()

    run(scenario())


def test_offline_the_cache_and_the_offline_rules_decide(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        client = charger.client
        try:
            await decision_of(charger, KNOWN)
            await decision_of(charger, "BLOCKED0001")
            central.kill()
            await wait_for(lambda: not client.online, "offline")
            cached = await decision_of(charger, KNOWN)
            assert cached.accepted and cached.source == "cache"
            assert not (await decision_of(charger, UNKNOWN)).accepted
            client.config.change("AllowOfflineTxForUnknownId", "true")
            assert (await decision_of(charger, UNKNOWN)).source == "offline_unknown"
            blocked = await decision_of(charger, "BLOCKED0001")
            assert not blocked.accepted and blocked.status == "Blocked", "known Blocked is refused offline"
            client.config.change("LocalAuthorizeOffline", "false")
            assert (await decision_of(charger, KNOWN)).source == "offline_unknown"
            client.config.change("AllowOfflineTxForUnknownId", "false")
            assert not (await decision_of(charger, KNOWN)).accepted
        finally:
            await charger.stop()

    run(scenario())


def test_clear_cache_forgets_what_the_cache_knew(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            await decision_of(charger, KNOWN)
            await central.call("ClearCache", {})
            assert charger.client.auth.cached(KNOWN) is None
        finally:
            await charger.stop()

    run(scenario())


def test_the_local_list_is_sent_full_and_differential_and_pre_authorizes(central: CentralSystemProcess,
                                                                         tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        client = charger.client
        try:
            full = {"listVersion": 3, "updateType": "Full", "localAuthorizationList": [
                {"idTag": "AAAA0001", "idTagInfo": {"status": "Accepted"}},
                {"idTag": "AAAA0002", "idTagInfo": {"status": "Blocked"}}]}
            assert (await central.call("SendLocalList", full))["response"] == {"status": "Accepted"}
            assert (await central.call("GetLocalListVersion", {}))["response"] == {"listVersion": 3}
            stale = {"listVersion": 3, "updateType": "Differential",
                     "localAuthorizationList": [{"idTag": "AAAA0003", "idTagInfo": {"status": "Accepted"}}]}
            assert (await central.call("SendLocalList", stale))["response"] == {"status": "VersionMismatch"}
            diff = {"listVersion": 4, "updateType": "Differential", "localAuthorizationList": [
                {"idTag": "AAAA0003", "idTagInfo": {"status": "Accepted"}}, {"idTag": "AAAA0002"}]}
            assert (await central.call("SendLocalList", diff))["response"] == {"status": "Accepted"}
            assert client.auth.listed("AAAA0002") is None and client.auth.listed("AAAA0003") is not None
            client.config.change("LocalPreAuthorize", "true")
            authorizes = len(central.from_charger("Authorize"))
            local = await decision_of(charger, "AAAA0001")
            assert local.accepted and local.source == "local_list"
            assert len(central.from_charger("Authorize")) == authorizes, "no Authorize.req for a listed id"
            client.config.change("LocalAuthListEnabled", "false")
            assert (await central.call("GetLocalListVersion", {}))["response"] == {"listVersion": -1}
            assert (await central.call("SendLocalList", full))["response"] == {"status": "NotSupported"}
        finally:
            await charger.stop()

    run(scenario())


def test_a_start_refused_by_the_central_system_stops_the_session(central: CentralSystemProcess,
                                                                  tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            await central.settings(start_status="Invalid")
            charger.station.start_session(1, KNOWN)
            await wait_for(lambda: charger.station.record.of("stop_session"), "the stop")
            assert charger.station.record.of("stop_session") == [(1, "DeAuthorized")]
            await wait_for(lambda: central.from_charger("StopTransaction"), "StopTransaction")
            charger.client.config.change("StopTransactionOnInvalidId", "false")
            charger.station.start_session(2, KNOWN)
            await wait_for(lambda: charger.station.limits.get(2) == 0.0, "energy stopped on connector 2")
        finally:
            await charger.stop()

    run(scenario())
    assert central.from_charger("StopTransaction")[0][3]["reason"] == "DeAuthorized"


def test_remote_start_is_authorized_first_when_the_key_says_so(central: CentralSystemProcess,
                                                               tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            charger.client.config.change("AuthorizeRemoteTxRequests", "true")
            answer = await central.call("RemoteStartTransaction", {"idTag": UNKNOWN, "connectorId": 1})
            assert answer["response"] == {"status": "Accepted"}
            await wait_for(lambda: central.from_charger("Authorize"), "the Authorize")
            assert charger.station.record.of("remote_start") == []
            await central.call("RemoteStartTransaction", {"idTag": KNOWN, "connectorId": 1})
            await wait_for(lambda: charger.station.record.of("remote_start"), "the remote start")
        finally:
            await charger.stop()

    run(scenario())


def test_a_card_tapped_while_the_boot_is_answered_waits_for_the_central_system(
        central: CentralSystemProcess, tmp_path: Path) -> None:
    """Right after a restart the charger is connected but its BootNotification not yet
    accepted: the card waits for the boot instead of the offline rules refusing it."""
    async def scenario() -> None:
        await central.settings(boot_delay_s=1.0)
        charger = await make_charger(central.url, tmp_path / "cp.sqlite").start()
        try:
            await wait_for(lambda: charger.client.outbox.connected, "connected")
            assert not charger.client.online, "the boot is still being answered"
            decision = await decision_of(charger, KNOWN)
            assert decision.accepted and decision.source == "central"
        finally:
            await charger.stop()

    run(scenario())


def test_a_card_tapped_while_the_boot_goes_unanswered_is_judged_offline(
        central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        await central.settings(mute=True)
        charger = await make_charger(central.url, tmp_path / "cp.sqlite", response_timeout_s=1.0).start()
        try:
            await wait_for(lambda: charger.client.outbox.connected, "connected")
            decision = await decision_of(charger, KNOWN)
            assert not decision.accepted and decision.source != "central", "an empty cache refuses offline"
        finally:
            await charger.stop()

    run(scenario())
