"""The demo central system as a real process, and a charge point on the in-memory station
or on the real station (a :class:`~controller.sim.world.World`: station, simulated hardware
on the CAN bus, and the OCPP client on the world's own loop).

Tests drive both over a real websocket on loopback.  Nothing here asserts on time: waits
poll a condition and give up after a generous deadline.
"""

from __future__ import annotations

import asyncio
import json
import random
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocpp.messages import get_validator

from controller import commands as cmd
from controller.clock import SystemClock
from controller.config import Config
from controller.ocpp.client import OcppClient
from controller.ocpp.connection import endpoint
from controller.ocpp.memory_port import MemoryStation
from controller.ocpp.settings import ClientSettings, Identity
from controller.ocpp.storage import Storage
from controller.sim.world import World
from controller.store import Store
from controller.types import Side
from tests.support.json_lines import read_json_lines

DEADLINE_S = 20.0
STATION_ID = "DSWX601-0042"  # the real station's charge point id in these tests
IDENTITY = Identity("DS Series", "DSWx601", "DS60-TEST-0001", "0.1.0")
KNOWN = "04A1B2C3D4E5F6"
UNKNOWN = "DEADBEEF0001"


class CentralSystemProcess:
    """``python -m controller.sim.csms`` in a subprocess, with its HTTP door."""

    #: The OCPP versions it speaks unless the arguments say (these tests are about 1.6: a
    #: charger in ``[ocpp].version = "auto"`` then speaks 1.6, as against any 1.6-only server).
    default_version = "1.6"

    def __init__(self, log_path: Path, *arguments: str) -> None:
        self.log_path = log_path
        self.arguments = list(arguments)
        if "--ocpp-version" not in self.arguments:
            self.arguments = ["--ocpp-version", self.default_version, *self.arguments]
        self.port = 0
        self.http_port = 0
        self.process: subprocess.Popen[str] | None = None
        self.restarts = 0
        self.scheme = "wss" if "--certfile" in arguments else "ws"

    def start(self) -> None:
        command = [sys.executable, "-m", "controller.sim.csms", "--port", str(self.port), "--http-port",
                   str(self.http_port), "--log", str(self.log_path), *self.arguments]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the central system did not start: {command}")
        ready = json.loads(line)
        self.port, self.http_port = ready["port"], ready["http_port"]

    def start_again(self) -> None:
        """Start after a kill, numbering transactions from a fresh block, so that an id given
        before the crash is never given again (as a real central system's database ensures)."""
        self.restarts += 1
        arguments = [a for a in self.arguments if not a.startswith("--first-transaction-id=")]
        self.arguments = [*arguments, f"--first-transaction-id={1_000_000 * self.restarts}"]
        self.start()

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    @property
    def url(self) -> str:
        host = "localhost" if self.scheme == "wss" else "127.0.0.1"
        return f"{self.scheme}://{host}:{self.port}/ocpp"

    # --- the HTTP door (blocking; tests call the async wrappers below) -----------------

    def _http(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.http_port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=70) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{path}: {error.code} {error.read().decode()}") from None

    async def call(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        return await asyncio.to_thread(self._http, "POST", "/call", {"action": action, "payload": payload})

    async def raw(self, frame: str, reply_to: str | None = None, timeout: float = 10.0) -> Any:
        body = {"frame": frame, "reply_to": reply_to, "timeout": timeout}
        result = await asyncio.to_thread(self._http, "POST", "/raw", body)
        return result["reply"]

    async def settings(self, **values: Any) -> dict[str, Any]:
        return await asyncio.to_thread(self._http, "POST", "/settings", values)

    async def disconnect(self, abort: bool = False) -> None:
        """Close the charger's websocket; ``abort`` drops the TCP connection without a closing handshake."""
        await asyncio.to_thread(self._http, "POST", "/disconnect", {"abort": abort})

    def cut(self) -> bool:
        """Drop the charger's TCP connection at once (no closing handshake), as a cut cable or
        a lost mobile link would; False when no charger was connected."""
        try:
            self._http("POST", "/disconnect", {"abort": True})
        except AssertionError as error:
            if "name the charge point: []" in str(error):
                return False
            raise
        return True

    def messages(self) -> list[dict[str, Any]]:
        """Every logged frame, from the log file (it outlives a killed process)."""
        return read_json_lines(self.log_path)

    def from_charger(self, action: str | None = None) -> list[list[Any]]:
        """CALLs the charger sent (of ``action``), in order."""
        frames = [m["frame"] for m in self.messages() if m["direction"] == "from_charge_point"]
        return [f for f in frames if isinstance(f, list) and f[0] == 2 and (action is None or f[2] == action)]

    def transactions(self) -> dict[str, Any]:
        return self._http("GET", "/transactions")["transactions"]

    def post(self, path: str, body: Any) -> Any:
        """A blocking request to the HTTP door (``/settings`` needs no charger, so no world runs meanwhile)."""
        return self._http("POST", path, body)


@dataclass
class Charger:
    """A charge point (the real OcppClient) on an in-memory station."""

    client: OcppClient
    station: MemoryStation
    storage: Storage
    task: asyncio.Task[Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    async def start(self) -> Charger:
        self.task = asyncio.get_running_loop().create_task(self.client.run())
        return self

    async def stop(self) -> None:
        await self.client.close()
        if self.task is not None:
            self.task.cancel()
            await asyncio.gather(self.task, return_exceptions=True)


def make_charger(url: str, database: Path, *, key: str = "", ca_file: str = "", response_timeout_s: float = 10.0,
                 connectors: int = 2, certificates: Any = None, firmware: Any = None, **overrides: Any) -> Charger:
    station = MemoryStation(connectors)
    storage = Storage(database)
    timers: dict[str, Any] = {"reconnect_initial_s": 0.1, "reconnect_max_s": 0.5, "reconnect_jitter_s": 0.1,
                              "tick_s": 0.05, "reset_grace_s": 5.0, **overrides}
    settings = ClientSettings(
        endpoint=endpoint(url, "CP-TEST-1"), authorization_key=key, ca_file=ca_file,
        response_timeout_s=response_timeout_s, **timers)
    client = OcppClient(settings, IDENTITY, station, storage, SystemClock(), random.Random(7),
                        certificates=certificates, firmware=firmware)
    station.sink = client.post
    return Charger(client, station, storage)


async def wait_for(condition: Callable[[], Any], what: str, deadline_s: float = DEADLINE_S) -> Any:
    """Poll ``condition`` until it is truthy; fail naming ``what`` after the deadline."""
    loop = asyncio.get_running_loop()
    end = loop.time() + deadline_s
    while True:
        value = condition()
        if value:
            return value
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def eventually(condition: Callable[[], Any], what: str, deadline_s: float = DEADLINE_S) -> Any:
    """Poll ``condition`` (real time, no world running) until it is truthy; fail naming ``what``."""
    end = time.monotonic() + deadline_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def schema_errors(central: CentralSystemProcess) -> list[str]:
    """Every frame the charger sent, checked against the official OCPP 1.6 JSON schemas
    (CALLs against the request schema, CALLRESULTs against the response schema of the
    central system's request they answer)."""
    import decimal

    errors: list[str] = []
    asked: dict[str, str] = {}
    for entry in central.messages():
        frame = entry["frame"]
        if not isinstance(frame, list) or len(frame) < 3:
            continue
        if entry["direction"] == "to_charge_point":
            if frame[0] == 2 and isinstance(frame[1], str) and isinstance(frame[2], str):
                asked[frame[1]] = frame[2]
            continue
        if frame[0] == 2:
            action, payload, kind = frame[2], frame[3], 2
        elif frame[0] == 3 and frame[1] in asked:
            action, payload, kind = asked[frame[1]], frame[2], 3
        else:
            continue
        decimal_schema = (kind == 2 and action in ("SetChargingProfile", "RemoteStartTransaction")) or (
            kind == 3 and action == "GetCompositeSchedule")
        if decimal_schema:
            validator = get_validator(kind, action, "1.6", parse_float=decimal.Decimal)
            payload = json.loads(json.dumps(payload), parse_float=decimal.Decimal)
        else:
            validator = get_validator(kind, action, "1.6")
        for error in validator.iter_errors(payload):
            errors.append(f"{action} ({'CALL' if kind == 2 else 'CALLRESULT'}): {error.message}")
    return errors


def run(coroutine: Any) -> Any:
    """Run a test scenario on a fresh event loop."""
    return asyncio.run(asyncio.wait_for(coroutine, 120))


def seeded() -> random.Random:
    return random.Random(7)


# --- the real station ------------------------------------------------------------------------


def station_config(version: str = "J0U", **sections: dict[str, Any]) -> Config:
    """The station's configuration for these tests: boards that boot at once, quick OCPP timers."""
    ocpp = {"response_timeout_s": 10.0, "reconnect_initial_s": 0.1, "reconnect_max_s": 0.5,
            "reconnect_jitter_s": 0.1, **sections.pop("ocpp", {})}
    simulation = {"boot_time_factor": 0.0, **sections.pop("simulation", {})}
    station = {"version": version, **sections.pop("station", {})}
    return Config().with_overrides(station=station, simulation=simulation, ocpp=ocpp, **sections)


def charger_world(central: CentralSystemProcess | None, version: str = "J0U", *, url: str | None = None,
                  store: Store | None = None, ocpp_storage: Storage | None = None, start: bool = True,
                  **sections: dict[str, Any]) -> World:
    """The real station on a fake clock, connected to ``central`` with ``--csms`` (or through
    ``[ocpp]`` in ``sections`` when ``url`` is "" ); started, and online when it can be."""
    csms_url = url if url is not None else f"{central.url}/{STATION_ID}" if central is not None else None
    world = World(station_config(version, **sections), csms_url=csms_url or None, store=store,
                  ocpp_storage=ocpp_storage)
    if start:
        world.start()
    return world


def door(world: World, central: CentralSystemProcess, action: str, payload: dict[str, Any],
         timeout_s: float = DEADLINE_S) -> dict[str, Any]:
    """The central system sends ``action`` through its HTTP door while the world runs (at the
    same simulated time) until the charger has answered; returns ``{"response": ...}`` or ``{"error": ...}``."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        answer = pool.submit(central._http, "POST", "/call", {"action": action, "payload": payload})
        assert world.settle(answer.done, timeout_s), f"no answer to {action}"
        return dict(answer.result())


def advance_until(world: World, condition: Callable[[], Any], what: str, real_timeout_s: float = DEADLINE_S,
                  step_s: float = 0.25) -> Any:
    """Let simulated time pass (``step_s`` at a time, the backend working in between) until
    ``condition()`` holds; fail naming ``what`` after ``real_timeout_s`` real seconds."""
    deadline = time.monotonic() + real_timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        world.advance(step_s)
        world.run_backend(asyncio.sleep(0.002))


def settled(world: World, condition: Callable[[], Any], what: str, real_timeout_s: float = DEADLINE_S) -> None:
    """Wait (real time, simulated time standing) until the backend made ``condition()`` true."""
    assert world.settle(lambda: bool(condition()), real_timeout_s), f"timed out waiting for {what}"


def plug_and_charge(world: World, side: Side, card: str = KNOWN) -> None:
    """Tap ``card``, plug ``side`` in and wait until it charges."""
    world.station.submit(cmd.PresentToken(card))
    world.advance(0.2)
    world.hardware.plug(side)
    assert world.run_until(lambda v: v.connector(side).state == "charging", 30), world.view.connector(side)


def active_codes(world: World) -> set[tuple[str, Side | None]]:
    """The status codes in force on the world's last snapshot, with their connector (None: the station)."""
    return {(c.code, c.side) for c in world.view.codes}


def statuses_after_boot(central: CentralSystemProcess, connector_id: int, boot: int) -> list[dict[str, Any]]:
    """The StatusNotifications of ``connector_id`` sent after the ``boot``-th BootNotification (1: the first)."""
    frames = [f for f in central.from_charger() if f[2] in ("BootNotification", "StatusNotification")]
    boots = [i for i, f in enumerate(frames) if f[2] == "BootNotification"]
    if len(boots) < boot:
        return []
    return [f[3] for f in frames[boots[boot - 1]:]
            if f[2] == "StatusNotification" and f[3]["connectorId"] == connector_id]


def reset(world: World, central: CentralSystemProcess, kind: str = "Soft") -> int:
    """Reset (``kind``: Soft or Hard) from the central system; returns the number of the new
    station's BootNotification once it has run its self-test and reported every connector."""
    restarts, boot = world.restarts, len(central.from_charger("BootNotification")) + 1
    assert door(world, central, "Reset", {"type": kind}) == {"response": {"status": "Accepted"}}
    advance_until(world, lambda: world.restarts == restarts + 1, "the restart")
    world.start()
    settled(world, lambda: all(statuses_after_boot(central, c.side.connector_id, boot) for c in world.view.connectors),
            "the statuses after the restart")
    return boot
