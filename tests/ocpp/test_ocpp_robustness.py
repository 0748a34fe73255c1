"""Bad input and a central system that never answers: the charger answers right and carries on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.ocpp.conftest import CentralFactory
from tests.ocpp.harness import KNOWN, CentralSystemProcess, run, wait_for
from tests.ocpp.test_ocpp_core import online_charger


@pytest.mark.parametrize("frame,code", [
    ([2, "b-1", "Reset", {"type": "Warm"}], "PropertyConstraintViolation"),
    ([2, "b-2", "Reset", {}], "OccurenceConstraintViolation"),
    ([2, "b-3", "Reset", {"type": 1}], "TypeConstraintViolation"),
    ([2, "b-4", "Reset", {"type": "Soft", "extra": True}], "FormationViolation"),
    ([2, "b-5", "Reset", "Soft"], "FormationViolation"),
    ([2, "b-6", "Reset"], "ProtocolError"),
    ([2, "b-7", "MakeCoffee", {}], "NotImplemented"),
    ([2, "b-8", "UpdateFirmware", {"location": "ftp://x/y", "retrieveDate": "2026-01-01T00:00:00Z"}],
     "NotSupported"),
    ([7, "b-9", "Reset", {"type": "Soft"}], "ProtocolError"),
])
def test_bad_requests_get_the_right_callerror(central: CentralSystemProcess, tmp_path: Path, frame: list,
                                             code: str) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            reply = await central.raw(json.dumps(frame), reply_to=frame[1])
            assert reply is not None and reply[0] == 4 and reply[1] == frame[1]
            assert reply[2] == code
            assert charger.station.resets == []
        finally:
            await charger.stop()

    run(scenario())


def test_garbage_frames_do_not_wedge_the_charger(central: CentralSystemProcess, tmp_path: Path) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        try:
            for text in ("not json", "{}", "[]", "[3]", '[3, "nobody", {}]', '[4, "nobody", "X", "y", {}]', "[2]"):
                await central.raw(text)
            answer = await central.call("GetLocalListVersion", {})
            assert answer["response"] == {"listVersion": 0}
            charger.station.present(KNOWN)
            await wait_for(lambda: KNOWN in charger.station.decisions, "an authorization after the garbage")
        finally:
            await charger.stop()

    run(scenario())


def test_a_central_system_that_never_answers_times_out_and_the_charger_carries_on(
        start_central: CentralFactory, tmp_path: Path) -> None:
    central = start_central()

    async def scenario() -> None:
        charger = await online_charger(central, tmp_path, response_timeout_s=0.5)
        client, station = charger.client, charger.station
        try:
            assert client.config.change("AllowOfflineTxForUnknownId", "true").value == "Accepted"
            assert client.config.change("TransactionMessageRetryInterval", "0").value == "Accepted"
            assert client.config.change("TransactionMessageAttempts", "100").value == "Accepted"
            await central.settings(mute=True)
            station.present("0A0B0C0D")
            await wait_for(lambda: "0A0B0C0D" in station.decisions, "a decision despite the silence")
            assert station.decisions["0A0B0C0D"].source == "offline_unknown"
            station.start_session(1, "0A0B0C0D")
            await wait_for(lambda: client.queue.pending() and client.queue.pending()[0].attempts >= 1,
                           "a counted attempt")
            await central.settings(mute=False)
            await wait_for(lambda: len(client.queue) == 0, "the StartTransaction delivered once answered")
            answer = await central.call("GetLocalListVersion", {})
            assert answer["response"] == {"listVersion": 0}
        finally:
            await charger.stop()

    run(scenario())


def test_a_transaction_message_is_dropped_after_its_attempts(start_central: CentralFactory, tmp_path: Path) -> None:
    central = start_central()

    async def scenario() -> None:
        charger = await online_charger(central, tmp_path, response_timeout_s=0.3)
        client = charger.client
        try:
            client.config.change("TransactionMessageRetryInterval", "0")
            client.config.change("TransactionMessageAttempts", "2")
            await central.settings(mute=True)
            charger.station.start_session(1, KNOWN)
            charger.station.end_session(1)
            await wait_for(lambda: len(client.queue) == 0, "both messages dropped after two attempts each")
            rows = client.storage.query("SELECT COUNT(*) AS n FROM transactions")[0]["n"]
            assert rows == 0, "a stopped transaction with nothing left to send is forgotten"
        finally:
            await charger.stop()

    run(scenario())
    starts = central.from_charger("StartTransaction")
    # retried on the same connection, so with a fresh unique id (OCPP-J 1.6 §4.1.3)
    assert len(starts) == 2 and starts[0][1] != starts[1][1]
    assert starts[0][2] == starts[1][2]  # the same message


@pytest.mark.parametrize("abort", [False, True], ids=["closed", "cut"])
def test_a_dropped_link_is_noticed_and_the_next_transaction_arrives_once(
        central: CentralSystemProcess, tmp_path: Path, abort: bool) -> None:
    async def scenario() -> None:
        charger = await online_charger(central, tmp_path)
        client, station = charger.client, charger.station
        try:
            attempts = client.connection_attempts
            await central.disconnect(abort=abort)
            await wait_for(lambda: client.connection_attempts > attempts and client.online, "back online")
            station.start_session(1, KNOWN)
            station.end_session(1, "Local", KNOWN)
            await wait_for(lambda: len(client.queue) == 0, "the transaction delivered")
            assert len(central.from_charger("StartTransaction")) == 1
            assert len(central.from_charger("StopTransaction")) == 1
        finally:
            await charger.stop()

    run(scenario())
