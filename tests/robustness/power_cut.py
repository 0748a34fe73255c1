"""Power cut at any moment of a session, with the real process: ``python -m controller.sim``
(station, simulated hardware and OCPP client, no Qt) charging against the demo central system
process, killed with SIGKILL and started again, many times.

Each kill comes at one of the session's moments, in a random order: just authorized and
plugged (``preparing``), while charging, while stopping, or on the summary after a normal stop
(``finished``), always after a random delay.  A *single* kill cuts a session on the left
connector; a *dual* kill cuts a session on the right connector at one of those moments while
another one charges on the left (both connectors busy: two transactions in flight, two
sessions in the store).  After the last restart:

* every transaction the central system gave is stopped there exactly once, with a meterStop
  no lower than any meter value it saw (and no lower than its meterStart);
* a transaction cut while it ran is stopped with reason PowerLoss; one that had ended before
  the kill keeps the driver's reason;
* every session in the station's store is finished or interrupted (none left running), and
  each is one transaction at the central system;
* the restarted charger sits safe: no session, no output, on either connector.

On OCPP 2.0.1 (``version="2.0.1"``: a 2.0.1-only central system, the charger in
``[ocpp].version = "2.0.1"``, or "auto" with ``charger_version``) the same kills are accounted
by :func:`tests.robustness.accounting201.account201`: every session one transactionId with
Started and exactly one Ended, seqNos without a gap (a repeat of an event in flight at the
kill allowed), PowerLoss for a session cut while it ran (else the recorded reason), and the
Ended's meter never below an earlier one.

``tests/robustness/test_power_cut.py`` runs a few kills; ``python -m tests.robustness.power_cut``
(``make powercut``) many, on each version in turn (``--ocpp-version``), and prints the figures.

:func:`start_online` also takes an environment: ``EVSE_CRASH_AT`` (see
:mod:`controller.crash_points`) kills the process at an exact point instead of a moment.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from controller.store import FINISHED, INTERRUPTED, Store
from tests.ocpp.harness import KNOWN, STATION_ID, CentralSystemProcess
from tests.robustness.accounting import read_books
from tests.robustness.accounting201 import account201, all_ended

#: The moments of a session a kill comes at (the connector's state, as the process reports it).
MOMENTS = ("preparing", "charging", "stopping", "finished")
#: A single kill cuts a session on the left connector; a dual one a session on the right
#: connector while the left one charges.
SINGLE, DUAL = "single", "dual"
#: The card of the right connector's session in a dual kill (the left one's is KNOWN).
OTHER = "04112233445566"
DEADLINE_S = 30.0
#: The reader ignores the same card again within [authorization].tap_hold_off_s (2 s).
TAP_HOLD_OFF_S = 2.5
#: The OCPP versions a run can speak (``--ocpp-version both``: each in turn).
VERSIONS = ("1.6", "2.0.1")


@dataclass
class PowerCutFigures:
    kills: Counter[tuple[str, str]] = field(default_factory=Counter)  # by (single or dual, moment)
    transactions: int = 0  # given by the central system
    stopped_once: int = 0
    power_loss_stops: int = 0
    sessions: Counter[str] = field(default_factory=Counter)  # in the store, by status
    problems: list[str] = field(default_factory=list)  # each one a loss or an unsafe state
    seconds: float = 0.0
    version: str = "1.6"  # the OCPP version spoken
    repeats: int = 0  # 2.0.1: events sent again after a kill (same seqNo, same content)


def write_config(directory: Path, ocpp_version: str = "auto") -> Path:
    """A station that checkpoints every second, talks to the central system (``[ocpp].version =
    ocpp_version``) and charges fast."""
    path = directory / "station.toml"
    path.write_text(f"""
[station]
version = "J0U"
[storage]
path = "{directory / 'evse.sqlite3'}"
checkpoint_interval_s = 1.0
[ocpp]
version = "{ocpp_version}"
database = "{directory / 'ocpp.sqlite3'}"
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
    """``python -m controller.sim`` as a child process, with its state lines on stdout; ``environment``
    adds to the test's own (e.g. ``EVSE_CRASH_AT``)."""

    def __init__(self, config: Path, csms_url: str, environment: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "controller.sim", "--config", str(config), "--csms", csms_url],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1,
            env={**os.environ, **(environment or {})})
        self.last: dict[str, Any] = {}
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put("")  # the process ended

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def wait_for(self, predicate: Any, what: str) -> dict[str, Any]:
        deadline = time.monotonic() + DEADLINE_S
        while not predicate(self.last):
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"timed out waiting for {what} (last: {self.last})") from None
            if not line:
                raise AssertionError(f"the controller exited waiting for {what}")
            self.last = json.loads(line)
        return self.last

    def kill(self) -> None:
        """SIGKILL; ``last`` is then the last state line the process printed."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        while line := self.lines.get(timeout=DEADLINE_S):
            with contextlib.suppress(json.JSONDecodeError):  # a line the kill cut short
                self.last = json.loads(line)

    def exit_code(self) -> int:
        """Wait for the process to end by itself; its return code (-9: it was SIGKILLed)."""
        return self.process.wait(timeout=DEADLINE_S)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def wait(condition: Any, what: str) -> Any:
    deadline = time.monotonic() + DEADLINE_S
    while not (value := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
    return value


def power_cut(kills: int, seed: int, directory: Path, dual_kills: int = 0, version: str = "1.6",
              charger_version: str | None = None) -> PowerCutFigures:
    """Kill the charger ``kills`` times with one session and ``dual_kills`` times with two, at
    every moment in turn (all shuffled together), and account.  ``version``: the one OCPP
    version the central system speaks; ``charger_version``: the charger's ``[ocpp].version``
    (default: "auto" on 1.6, "2.0.1" on 2.0.1)."""
    rng = random.Random(seed)
    figures = PowerCutFigures(version=version)
    started = time.monotonic()
    plan = [(SINGLE, MOMENTS[i % len(MOMENTS)]) for i in range(kills)]
    plan += [(DUAL, MOMENTS[i % len(MOMENTS)]) for i in range(dual_kills)]
    rng.shuffle(plan)
    central = CentralSystemProcess(directory / "csms.jsonl", "--heartbeat-interval", "300",
                                   "--ocpp-version", version)
    central.start()
    config = write_config(directory, charger_version or ("2.0.1" if version == "2.0.1" else "auto"))
    url = f"{central.url}/{STATION_ID}"
    controller: Controller | None = None
    try:
        for index, (kind, moment) in enumerate(plan):
            controller = start_online(config, url, central)
            if index == 0:
                sample_every_second(central, version)
            elif not _safe(controller.last):
                figures.problems.append(f"restart {index}: {controller.last}, not every connector available")
            if kind == DUAL:
                _start_charging(controller, 0, KNOWN)
                problem = _kill_at(controller, moment, rng, side=1, card=OTHER)
            else:
                problem = _kill_at(controller, moment, rng)
            if problem:
                figures.problems.append(f"kill {index} ({kind}, {moment}): {problem}")
            figures.kills[kind, moment] += 1
        controller = start_online(config, url, central)
        if not _safe(controller.last):
            figures.problems.append(f"after the last restart: {controller.last}")
        _wait_until_accounted(central, version)
    finally:
        if controller is not None:
            controller.stop()
        central.kill()
    if version == "2.0.1":
        _account201(central, directory / "evse.sqlite3", figures)
    else:
        _account(central, directory / "evse.sqlite3", figures)
    figures.seconds = time.monotonic() - started
    return figures


def sample_every_second(central: CentralSystemProcess, version: str) -> None:
    """Meter values every second in a transaction (MeterValueSampleInterval, TxUpdatedInterval)."""
    if version == "2.0.1":
        answer = central.post("/call", {"action": "SetVariables", "payload": {"setVariableData": [
            {"component": {"name": "SampledDataCtrlr"}, "variable": {"name": "TxUpdatedInterval"},
             "attributeValue": "1"}]}})
        assert answer["response"]["setVariableResult"][0]["attributeStatus"] == "Accepted", answer
    else:
        central.post("/call", {"action": "ChangeConfiguration",
                               "payload": {"key": "MeterValueSampleInterval", "value": "1"}})


def start_online(config: Path, url: str, central: CentralSystemProcess,
                 environment: dict[str, str] | None = None) -> Controller:
    """Start the process; return once it is ready and online (its boot accepted and statuses
    sent), so that every kill comes at a moment of a session and not of the boot."""
    boots = len(central.from_charger("BootNotification"))
    controller = Controller(config, url, environment)
    controller.wait_for(lambda s: s.get("phase") == "ready", "the self-test")
    wait(lambda: len(central.from_charger("BootNotification")) > boots, "the boot")
    wait(lambda: _sent_after_boot(central, "StatusNotification"), "the statuses after the boot")
    return controller


def _sent_after_boot(central: CentralSystemProcess, action: str) -> bool:
    actions = [frame[2] for frame in central.from_charger()]
    return action in actions[len(actions) - actions[::-1].index("BootNotification"):]


def _start_charging(controller: Controller, side: int, card: str) -> None:
    """Tap ``card``, plug ``side`` in and wait until it charges."""
    controller.send(f"tap {card}")
    controller.send(f"plug {side}")
    controller.wait_for(_in(side, "charging"), f"connector {side} charging")


def _kill_at(controller: Controller, moment: str, rng: random.Random, side: int = 0, card: str = KNOWN) -> str:
    """Start a session with ``card`` on connector ``side`` and kill the process at ``moment`` of
    it; returns what went wrong with the other connectors ("" when they kept their states)."""
    others = {i: state for i, state in enumerate(controller.last["states"]) if i != side}
    tapped = time.monotonic()
    controller.send(f"tap {card}")
    controller.send(f"plug {side}")
    if moment == "preparing":
        controller.wait_for(_in(side, "preparing", "charging"), "preparing")
        time.sleep(rng.uniform(0.0, 0.2))
    else:
        controller.wait_for(_in(side, "charging"), "charging")
        time.sleep(rng.uniform(0.3, 3.0))
        if moment in ("stopping", "finished"):
            time.sleep(max(0.0, tapped + TAP_HOLD_OFF_S - time.monotonic()))
            controller.send(f"tap {card}")  # the same card stops it
            controller.wait_for(_in(side, moment, "finished"), moment)
            if moment == "finished":
                time.sleep(rng.uniform(0.0, 1.0))
    controller.kill()
    now = {i: state for i, state in enumerate(controller.last["states"]) if i != side}
    return "" if now == others else f"other connectors went from {others} to {now}"


def _in(side: int, *states: str) -> Any:
    """A predicate on the process's state line: connector ``side`` is in one of ``states``."""
    return lambda line: len(line.get("states", ())) > side and line["states"][side] in states


def _safe(line: dict[str, Any]) -> bool:
    """The state line of a charger at rest: every connector available, no session energy."""
    return all(state == "available" for state in line["states"]) and not any(line["energy_wh"])


def _wait_until_accounted(central: CentralSystemProcess, version: str = "1.6") -> None:
    """Until every transaction the central system gave has a StopTransaction (2.0.1: every
    transaction an Ended), or the deadline."""
    def done() -> bool:
        if version == "2.0.1":
            return all_ended(central.messages())
        books = read_books(central.messages())
        return bool(books.given) and set(books.given) <= set(books.stops)

    with contextlib.suppress(AssertionError):  # _account names what is missing
        wait(done, "a StopTransaction for every transaction")


def _account(central: CentralSystemProcess, store_path: Path, figures: PowerCutFigures) -> None:
    books = read_books(central.messages())
    given, stops, meters = books.given, books.stops, books.meters
    figures.transactions = len(given)
    if books.starts != len(given):
        figures.problems.append(f"{books.starts} StartTransaction, {len(given)} answered")
    for transaction_id, start in given.items():
        stopped = stops.get(transaction_id, [])
        if len(stopped) != 1:
            figures.problems.append(f"transaction {transaction_id} stopped {len(stopped)} times")
            continue
        figures.stopped_once += 1
        stop = stopped[0]
        figures.power_loss_stops += stop.get("reason") == "PowerLoss"
        seen = max(meters.get(transaction_id, []), default=start["meterStart"])
        if not stop["meterStop"] >= seen >= start["meterStart"]:
            figures.problems.append(f"transaction {transaction_id}: meterStart {start['meterStart']}, "
                                    f"seen {seen}, meterStop {stop['meterStop']}")
    unknown = set(stops) - set(given)
    if unknown:
        figures.problems.append(f"stops for transactions never given: {sorted(unknown)}")
    store = Store(store_path)
    try:
        sessions = store.sessions(limit=100_000)
    finally:
        store.close()
    figures.sessions.update(s.status for s in sessions)
    left_running = [s.id for s in sessions if s.status not in (FINISHED, INTERRUPTED)]
    if left_running:
        figures.problems.append(f"sessions still running in the store: {left_running}")
    if len(sessions) != len(given):
        figures.problems.append(f"{len(sessions)} sessions in the store, {len(given)} transactions")
    expected_power_loss = figures.sessions[INTERRUPTED]
    if figures.power_loss_stops != expected_power_loss:
        figures.problems.append(f"{figures.power_loss_stops} PowerLoss stops, {expected_power_loss} sessions "
                                "interrupted in the store")


def _account201(central: CentralSystemProcess, store_path: Path, figures: PowerCutFigures) -> None:
    store = Store(store_path)
    try:
        sessions = store.sessions(limit=100_000)
    finally:
        store.close()
    figures.sessions.update(s.status for s in sessions)
    books = account201(central.messages(), sessions)
    figures.transactions, figures.stopped_once = books.transactions, books.accounted
    figures.power_loss_stops, figures.repeats = books.power_loss, books.repeats
    figures.problems += books.problems
    expected_power_loss = figures.sessions[INTERRUPTED]
    if figures.power_loss_stops != expected_power_loss:
        figures.problems.append(f"{figures.power_loss_stops} PowerLoss Ended, {expected_power_loss} sessions "
                                "interrupted in the store")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kill the charger process at every moment of a session; "
                                                 "prints the figures.")
    parser.add_argument("--kills", type=int, default=40, help="kills with one session (left connector)")
    parser.add_argument("--dual-kills", type=int, default=40,
                        help="kills at the right connector's session while the left one charges")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ocpp-version", choices=[*VERSIONS, "both"], default="both",
                        help="the OCPP version the central system speaks (both: each in turn)")
    parser.add_argument("--charger-version", choices=["auto", *VERSIONS], default=None,
                        help="the charger's [ocpp].version (default: auto on 1.6, 2.0.1 on 2.0.1)")
    arguments = parser.parse_args(argv)
    losses = 0
    for version in VERSIONS if arguments.ocpp_version == "both" else (arguments.ocpp_version,):
        with TemporaryDirectory() as directory:
            f = power_cut(arguments.kills, arguments.seed, Path(directory), arguments.dual_kills, version,
                          arguments.charger_version)
        print_figures(f)
        losses += len(f.problems)
    return 1 if losses else 0


def print_figures(f: PowerCutFigures) -> None:
    print(f"== OCPP {f.version}")
    for kind, label in ((SINGLE, "one session"), (DUAL, "second session, first charging")):
        print(f"kills, {label}: " + "  ".join(f"{moment} {f.kills[kind, moment]}" for moment in MOMENTS))
    print(f"kills: {sum(f.kills.values())} in {f.seconds:.0f} s")
    stopped = "stopped exactly once" if f.version == "1.6" else "one Started, one Ended, no gap"
    repeats = f"  events repeated after a kill: {f.repeats}" if f.version == "2.0.1" else ""
    print(f"transactions: {f.transactions}  {stopped}: {f.stopped_once}  with PowerLoss: {f.power_loss_stops}"
          f"{repeats}")
    print("sessions in the store: " + "  ".join(f"{status} {count}" for status, count in sorted(f.sessions.items())))
    for problem in f.problems:
        print(f"  loss: {problem}")
    print(f"losses found: {len(f.problems)} (OCPP {f.version})")


if __name__ == "__main__":
    sys.exit(main())
