"""Exactly once from the charger's side: an answer the charge point has read retires its
message, even when the link drops (and the sender is cancelled) in the same instant.

Two ways of cutting the link:

* **Deterministically**, at the wire: the websocket the charge point reads from drops the
  connection the instant after it handed over the answer to one chosen message, before the
  sending task can run again (it is cancelled, as a lost connection cancels it).
* **For real**, against a second, independent central system process
  (:mod:`tests.ocpp.blunt_csms`: plain websockets, no ``ocpp`` library) that answers every
  transaction message and drops the TCP connection at once, with a FIN or a reset, over many
  sessions on both connectors.

Either way no message may go out again after its answer was read: not the
StartTransaction (the central system would open a second transaction, and the first would
stay open for good), not the StopTransaction (billed twice), not a MeterValues.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosedError

from controller.ocpp import client as client_module
from controller.ocpp.connection import FRAME_LOG
from tests.ocpp.harness import KNOWN, CentralSystemProcess, make_charger, run, wait_for
from tests.support.json_lines import read_json_lines


class FrameRecorder(logging.Handler):
    """The charge point's own account of its wire, in order: ("send" | "receive", frame)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.frames: list[tuple[str, list[Any]]] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        for marker, direction in ((": send ", "send"), (": receive message ", "receive")):
            if marker in text:
                with_frame = text.split(marker, 1)[1]
                with contextlib.suppress(ValueError):  # a hostile frame is not one of ours
                    self.frames.append((direction, json.loads(with_frame)))
                return

    def resent_after_answer(self) -> list[str]:
        """CALLs the charge point sent again after it had read their answer."""
        answered: set[str] = set()
        problems = []
        for direction, frame in self.frames:
            if direction == "receive" and frame[0] in (3, 4):
                answered.add(frame[1])
            elif direction == "send" and frame[0] == 2 and frame[1] in answered:
                problems.append(f"{frame[2]} {frame[1]} sent again after its answer was read")
        return problems

    def answers_read(self, action: str) -> int:
        asked = {f[1] for d, f in self.frames if d == "send" and f[0] == 2 and f[2] == action}
        return sum(1 for d, f in self.frames if d == "receive" and f[0] == 3 and f[1] in asked)


@pytest.fixture
def recorder() -> Iterator[FrameRecorder]:
    handler = FrameRecorder()
    FRAME_LOG.addHandler(handler)
    level = FRAME_LOG.level
    FRAME_LOG.setLevel(logging.INFO)
    yield handler
    FRAME_LOG.removeHandler(handler)
    FRAME_LOG.setLevel(level)


class CutAfterAnswer:
    """A websocket whose link is cut the instant after the answer to the first ``action``
    CALL has been handed over: the next read cancels the sending task (the pump) before it
    has run again, and the connection is gone."""

    def __init__(self, websocket: Any, action: str, cuts: list[str]) -> None:
        self._websocket = websocket
        self._action = action
        self._cuts = cuts  # shared by every connection: one cut in all
        self._watched: str | None = None
        self._cut_now = False

    async def send(self, message: str) -> None:
        frame = json.loads(message)
        if frame[0] == 2 and frame[2] == self._action and not self._cuts:
            self._watched = frame[1]
        await self._websocket.send(message)

    async def recv(self) -> str:
        if self._cut_now:
            for task in asyncio.all_tasks():
                if task.get_name() == "ocpp-pump":
                    task.cancel()
            self._websocket.transport.abort()
            raise ConnectionClosedError(None, None)
        frame = await self._websocket.recv()
        message = json.loads(frame)
        if self._watched is not None and message[0] == 3 and message[1] == self._watched:
            self._cuts.append(self._watched)
            self._cut_now = True
        return frame

    def __getattr__(self, name: str) -> Any:
        return getattr(self._websocket, name)


def cut_after_answer(monkeypatch: pytest.MonkeyPatch, action: str) -> list[str]:
    """Every connection the charge point opens is wrapped; returns the cuts made."""
    cuts: list[str] = []
    opened = client_module.open_secured

    async def open_wrapped(*arguments: Any) -> Any:
        return CutAfterAnswer(await opened(*arguments), action, cuts)

    monkeypatch.setattr(client_module, "open_secured", open_wrapped)
    return cuts


@pytest.mark.parametrize("action", ["StartTransaction", "MeterValues", "StopTransaction"])
def test_an_answer_read_as_the_link_drops_retires_its_transaction_message(
        central: CentralSystemProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recorder: FrameRecorder,
        action: str) -> None:
    cuts = cut_after_answer(monkeypatch, action)

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite").start()
        client, station = charger.client, charger.station
        try:
            await wait_for(lambda: client.online, "the charger online")
            client.config.change("MeterValueSampleInterval", "1")
            station.start_session(1, KNOWN)
            station.deliver(1, 1500.0)
            await wait_for(lambda: central.from_charger("MeterValues"), "a meter value at the central system")
            station.end_session(1, "Local", KNOWN)
            await wait_for(lambda: len(client.queue) == 0 and client.online and cuts,
                           "the transaction delivered after the cut")
        finally:
            await charger.stop()

    run(scenario())
    assert cuts, f"the link was never cut after a {action} answer"
    assert recorder.resent_after_answer() == []
    starts, stops = central.from_charger("StartTransaction"), central.from_charger("StopTransaction")
    assert len(starts) == 1 and len(stops) == 1
    given = list(central.transactions())
    assert [str(stops[0][3]["transactionId"])] == given, "the stop names the one transaction the central system gave"
    meter_ids = [f[1] for f in central.from_charger("MeterValues") if "transactionId" in f[3]]
    assert len(meter_ids) == len(set(meter_ids)), "a meter value delivered twice"


def test_an_authorize_answered_as_the_link_drops_reaches_the_driver(
        central: CentralSystemProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The central system's verdict, not the offline rules: it was read before the cut."""
    cuts = cut_after_answer(monkeypatch, "Authorize")

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite").start()
        try:
            await wait_for(lambda: charger.client.online, "the charger online")
            charger.client.config.change("AuthorizationCacheEnabled", "false")
            charger.station.present(KNOWN)
            decision = await wait_for(lambda: charger.station.decisions.get(KNOWN), "a decision on the card")
            assert cuts, "the link was never cut after the Authorize answer"
            assert decision.accepted and decision.source == "central"
        finally:
            await charger.stop()

    run(scenario())


def test_a_transaction_message_retried_after_a_callerror_gets_a_fresh_id_and_keeps_it_over_a_reconnect(
        central: CentralSystemProcess, tmp_path: Path) -> None:
    """OCPP-J 1.6 §4.1.3: unique ids are unique on a connection; a repeat after a reconnect
    keeps its id, so the central system can tell it is one."""
    in_flight: list[str] = []

    async def scenario() -> None:
        charger = await make_charger(central.url, tmp_path / "cp.sqlite", response_timeout_s=30.0).start()
        client = charger.client
        try:
            await wait_for(lambda: client.online, "the charger online")
            client.config.change("TransactionMessageRetryInterval", "1")  # 1 s, 2 s, 3 s ... apart
            client.config.change("TransactionMessageAttempts", "10")
            await central.settings(refuse_actions=["StartTransaction"])
            charger.station.start_session(1, KNOWN)
            await wait_for(lambda: len(central.from_charger("StartTransaction")) >= 2, "a retry after a CALLERROR")
            await central.settings(refuse_actions=[], mute=True)
            refused = len(central.from_charger("StartTransaction"))
            await wait_for(lambda: len(central.from_charger("StartTransaction")) > refused, "an attempt in flight")
            in_flight.append(central.from_charger("StartTransaction")[-1][1])
            await central.settings(mute=False)
            attempts = client.connection_attempts
            await central.disconnect(abort=True)  # while that attempt waits for its answer
            await wait_for(lambda: client.connection_attempts > attempts and len(client.queue) == 0,
                           "delivered after the reconnect")
        finally:
            await charger.stop()

    run(scenario())
    ids = [f[1] for f in central.from_charger("StartTransaction")]
    assert ids[0] != ids[1], "a retry on the same connection reused the unique id"
    assert ids.index(in_flight[0]) == len(ids) - 2 and ids[-1] == in_flight[0], \
        "the message in flight at the drop went out again with another id"


# --- an independent central system that drops the link right after answering ------------------


class BluntCentralSystem:
    """``python -m tests.ocpp.blunt_csms`` in a subprocess."""

    def __init__(self, log: Path, drop: str) -> None:
        self.log = log
        command = [sys.executable, "-m", "tests.ocpp.blunt_csms", "--port", "0", "--log", str(log),
                   "--drop-after", "StartTransaction,StopTransaction,MeterValues", "--drop", drop]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        self.port = json.loads(self.process.stdout.readline())["port"]

    def entries(self) -> list[dict[str, Any]]:
        return read_json_lines(self.log)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.mark.parametrize("drop", ["fin", "rst"])
def test_a_central_system_that_drops_the_link_after_every_answer_gets_each_transaction_once(
        tmp_path: Path, recorder: FrameRecorder, drop: str) -> None:
    blunt = BluntCentralSystem(tmp_path / "blunt.jsonl", drop)
    rounds = 12  # two sessions a round, one per connector, overlapping

    async def scenario() -> None:
        charger = await make_charger(f"ws://127.0.0.1:{blunt.port}/ocpp", tmp_path / "cp.sqlite",
                                     reconnect_initial_s=0.02, reconnect_max_s=0.05, reconnect_jitter_s=0.01).start()
        client, station = charger.client, charger.station
        try:
            await wait_for(lambda: client.online, "the charger online")
            for _ in range(rounds):
                station.start_session(1, KNOWN)
                station.start_session(2, KNOWN)
                station.deliver(1, 700.0)
                station.end_session(1, "Local", KNOWN)
                station.deliver(2, 900.0)
                station.end_session(2, "EVDisconnected")
                await wait_for(lambda: len(client.queue) == 0, "the round's transactions delivered", 60)
        finally:
            await charger.stop()

    try:
        run(scenario())
    finally:
        blunt.stop()
    entries = blunt.entries()
    drops = sum(1 for e in entries if e["direction"] == "drop")
    assert drops >= 4 * rounds, f"only {drops} drops: the link was not cut after every answer"
    assert recorder.answers_read("StartTransaction") >= rounds, "the answers never reached the charger"
    assert recorder.resent_after_answer() == []
    calls = [e["frame"] for e in entries if e["direction"] == "in" and e["frame"][0] == 2]
    answers = {e["frame"][1]: e["frame"][2] for e in entries if e["direction"] == "out"}
    starts = {f[1] for f in calls if f[2] == "StartTransaction"}
    stops = {f[1]: f[3]["transactionId"] for f in calls if f[2] == "StopTransaction"}
    assert len(starts) == 2 * rounds, "one StartTransaction (by unique id) per session"
    given = sorted(answers[u]["transactionId"] for u in starts)
    assert sorted(stops.values()) == given, "every transaction given is stopped exactly once"
