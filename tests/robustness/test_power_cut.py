"""Power cut mid-charge, with the real process: ``python -m controller`` (station, simulated
hardware and OCPP client, no Qt) charging against the demo central system process, killed with
SIGKILL at a random moment of a session several times and started again.

After every restart the interrupted transaction is stopped at the central system with reason
PowerLoss and a meterStop no lower than any meter value it had seen; each transaction is
started once and stopped once; the station's store has the session as interrupted with its
last checkpoint; and the restarted charger sits safe (no session, no output).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from controller.store import INTERRUPTED, Store
from tests.ocpp.harness import KNOWN, STATION_ID, CentralSystemProcess

KILLS = 3
DEADLINE_S = 30.0


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "station.toml"
    path.write_text(f"""
[station]
version = "J0U"
[storage]
path = "{tmp_path / 'evse.sqlite3'}"
checkpoint_interval_s = 1.0
[ocpp]
database = "{tmp_path / 'ocpp.sqlite3'}"
response_timeout_s = 5.0
reconnect_initial_s = 0.1
reconnect_max_s = 0.5
reconnect_jitter_s = 0.1
[simulation]
stage_seconds = 0.2
time_factor = 20.0
boot_time_factor = 0.1
[can]
channel = "power-cut-{os.getpid()}"
""")
    return path


class Controller:
    """``python -m controller`` as a child process, with its state lines on stdout."""

    def __init__(self, config: Path, csms_url: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "controller", "--config", str(config), "--csms", csms_url],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
        self.last: dict[str, Any] = {}

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def wait_for(self, predicate: Any, what: str) -> dict[str, Any]:
        assert self.process.stdout is not None
        deadline = time.monotonic() + DEADLINE_S
        while not predicate(self.last):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what} (last: {self.last})")
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError(f"the controller exited waiting for {what}")
            self.last = json.loads(line)
        return self.last

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def _wait(condition: Any, what: str) -> Any:
    deadline = time.monotonic() + DEADLINE_S
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
    return value


def _register_wh(frame: list[Any]) -> float | None:
    for value in frame[3]["meterValue"][-1]["sampledValue"]:
        if value.get("measurand", "Energy.Active.Import.Register") == "Energy.Active.Import.Register":
            return float(value["value"]) * (1000 if value.get("unit") == "kWh" else 1)
    return None


@pytest.mark.slow
def test_a_charger_killed_mid_charge_stops_the_transaction_with_power_loss_after_restart(tmp_path: Path) -> None:
    rng = random.Random(8)
    central = CentralSystemProcess(tmp_path / "csms.jsonl", "--heartbeat-interval", "300")
    central.start()
    config = _config(tmp_path)
    url = f"{central.url}/{STATION_ID}"
    controller: Controller | None = None
    try:
        for kill in range(KILLS):
            controller = Controller(config, url)
            controller.wait_for(lambda s: s.get("phase") == "ready", "the self-test")
            if kill > 0:  # the previous kill's transaction is stopped, PowerLoss, by this process
                _wait(lambda k=kill: len([s for s in central.from_charger("StopTransaction")
                                          if s[3].get("reason") == "PowerLoss"]) == k, "the PowerLoss stop")
                assert controller.last["states"][0] == "available", "the restarted connector is safe"
            else:
                _wait(lambda: central.from_charger("BootNotification"), "the boot")
                central.post("/call", {"action": "ChangeConfiguration",
                                       "payload": {"key": "MeterValueSampleInterval", "value": "1"}})
            controller.send(f"tap {KNOWN}")
            controller.send("plug 0")
            controller.wait_for(lambda s: s["states"][0] == "charging", "charging")
            _wait(lambda k=kill: len(central.from_charger("StartTransaction")) == k + 1, "the StartTransaction")
            time.sleep(rng.uniform(0.5, 4.0))  # a random moment of the session (not an assertion)
            controller.kill()
        controller = Controller(config, url)
        controller.wait_for(lambda s: s.get("phase") == "ready", "the last restart")
        _wait(lambda: len([s for s in central.from_charger("StopTransaction")
                           if s[3].get("reason") == "PowerLoss"]) == KILLS, "every PowerLoss stop")
    finally:
        if controller is not None:
            controller.stop()
        central.kill()

    starts = central.from_charger("StartTransaction")
    stops = central.from_charger("StopTransaction")
    assert len(starts) == KILLS, "each session started once"
    assert len({s[1] for s in starts}) == KILLS
    answers = {m["frame"][1]: m["frame"][2] for m in central.messages()
               if m["direction"] == "to_charge_point" and m["frame"][0] == 3}
    transaction_ids = [answers[s[1]]["transactionId"] for s in starts]
    assert sorted(s[3]["transactionId"] for s in stops) == sorted(transaction_ids), "each stopped exactly once"
    for start, transaction_id in zip(starts, transaction_ids, strict=True):
        stop = next(s for s in stops if s[3]["transactionId"] == transaction_id)
        assert stop[3]["reason"] == "PowerLoss"
        seen = [_register_wh(f) for f in central.from_charger("MeterValues")
                if f[3].get("transactionId") == transaction_id]
        seen_wh = max([v for v in seen if v is not None], default=start[3]["meterStart"])
        assert stop[3]["meterStop"] >= seen_wh >= start[3]["meterStart"], (start, stop, seen_wh)
    store = Store(tmp_path / "evse.sqlite3")
    try:
        sessions = store.sessions(limit=100)
        assert [s.status for s in sessions] == [INTERRUPTED] * KILLS
        assert all(s.energy_wh >= 0 for s in sessions)
    finally:
        store.close()
