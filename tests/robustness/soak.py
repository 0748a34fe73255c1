"""Soak: many simulated sessions on both connectors, with random board faults, emergency
stops and door openings, on a fake clock.  Every session the station began must be stored as
finished, once, the invariants of :mod:`tests.robustness.invariants` hold every cycle, and
memory (RSS), open files and threads must not grow.

With ``backend=True`` the station also talks OCPP to the demo central system (a real process
over a real websocket): the link is dropped now and then, and the central system is killed and
started again (its log outlives it).  At the end every session the store began must appear at
the central system as one StartTransaction and one StopTransaction with the transaction id it
gave, however many outages came between.

``tests/robustness/test_soak.py`` runs a short form; ``python -m tests.robustness.soak``
(``make soak``) the long one and prints the figures.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from controller.sim.world import World
from controller.types import Side
from tests.robustness.invariants import KNOWN_CARDS, Checker, CountingStore, invariant_config


@dataclass
class SoakFigures:
    sessions: int = 0
    faults: int = 0
    rss_start_kib: int = 0
    rss_end_kib: int = 0
    files_start: int = 0
    files_end: int = 0
    threads_start: int = 0
    threads_end: int = 0
    losses: int = 0
    seconds: float = 0.0
    outages: int = 0
    transactions: int = 0  # accounted for at the central system (started and stopped once)


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def soak(sessions: int, seed: int = 1, backend: bool = False) -> SoakFigures:
    """Run until ``sessions`` sessions have begun; every invariant is checked every cycle."""
    if backend:
        with TemporaryDirectory() as directory:
            return _soak(sessions, seed, Path(directory))
    return _soak(sessions, seed, None)


def _soak(sessions: int, seed: int, directory: Path | None) -> SoakFigures:
    from tests.ocpp.harness import STATION_ID, CentralSystemProcess

    rng = random.Random(seed)
    figures = SoakFigures()
    started = time.monotonic()
    gc.collect()
    figures.rss_start_kib, figures.files_start, figures.threads_start = \
        _rss_kib(), _open_files(), threading.active_count()
    central = None
    csms_url = None
    if directory is not None:
        central = CentralSystemProcess(directory / "csms.jsonl", "--heartbeat-interval", "300")
        central.start()
        csms_url = f"{central.url}/{STATION_ID}"
    store = CountingStore(":memory:")
    config = invariant_config().with_overrides(ocpp={"response_timeout_s": 5.0, "reconnect_initial_s": 0.1,
                                                     "reconnect_max_s": 0.5, "reconnect_jitter_s": 0.1})
    world = World(config, store=store, csms_url=csms_url)
    checker = Checker(world, store)
    world.start()
    try:
        while len(store.begun) < sessions:
            side = rng.choice(list(Side))
            hardware = world.hardware
            world.station.tap(rng.choice(KNOWN_CARDS))
            world.advance(0.1, on_step=checker.cycle)
            hardware.plug(side)
            world.advance(rng.uniform(1.0, 20.0), on_step=checker.cycle)
            trouble = rng.random()
            if trouble < 0.1:
                figures.faults += 1
                hardware.inject_fault(side, rng.choice((23701, 11013)))
            elif trouble < 0.15:
                figures.faults += 1
                hardware.set_emergency_stop(True)
            elif trouble < 0.2:
                figures.faults += 1
                hardware.set_door_open(True)
            world.advance(rng.uniform(0.5, 5.0), on_step=checker.cycle)
            hardware.set_emergency_stop(False)
            hardware.set_door_open(False)
            hardware.inject_fault(side, 0)
            session = world.station.connectors[side].machine.session
            if session is not None and rng.random() < 0.7:
                world.station.tap(session.id_token)  # the same card stops it
            world.advance(rng.uniform(0.5, 3.0), on_step=checker.cycle)
            hardware.unplug(side)
            world.advance(rng.uniform(0.5, 3.0), on_step=checker.cycle)
            if central is not None:
                figures.outages += _outage(world, central, rng, len(store.begun))
        for side in Side:
            world.hardware.unplug(side)
        world.advance(15.0, on_step=checker.cycle)
        try:
            checker.all_finished()
        except AssertionError as exc:
            figures.losses += 1
            print(f"loss: {exc}", file=sys.stderr)
        figures.sessions = len(store.begun)
        if central is not None:
            if central.process is None:
                central.start()
            client = world.backend.client if world.backend else None
            assert client is not None
            world.settle(lambda: client.online and len(client.queue) == 0, 60)
    finally:
        world.close()
        if central is not None:
            central.kill()
    if central is not None:
        figures.transactions, lost = _accounted(central, figures.sessions)
        figures.losses += lost
    gc.collect()
    figures.rss_end_kib, figures.files_end, figures.threads_end = \
        _rss_kib(), _open_files(), threading.active_count()
    figures.seconds = time.monotonic() - started
    return figures


def _outage(world: World, central: object, rng: random.Random, begun: int) -> int:
    """Now and then: drop the link, or kill the central system (and start it again later)."""
    if central.process is None:  # type: ignore[attr-defined]
        if rng.random() < 0.5:
            central.arguments += ["--first-transaction-id", str(100_000 * (begun + 1))]  # type: ignore[attr-defined]
            central.start()  # type: ignore[attr-defined]
        return 0
    roll = rng.random()
    if roll < 0.05:
        central.kill()  # type: ignore[attr-defined]
        return 1
    if roll < 0.1:
        central.post("/disconnect", {})  # type: ignore[attr-defined]
        return 1
    return 0


def _accounted(central: object, sessions: int) -> tuple[int, int]:
    """(transactions started and stopped once at the central system, sessions not accounted for)."""
    messages = central.messages()  # type: ignore[attr-defined]
    starts: dict[str, dict] = {}
    stops: dict[str, dict] = {}
    answers: dict[str, dict] = {}
    for message in messages:
        frame = message["frame"]
        if not isinstance(frame, list) or len(frame) < 3:
            continue
        if message["direction"] == "from_charge_point" and frame[0] == 2:
            if frame[2] == "StartTransaction":
                starts[frame[1]] = frame[3]
            elif frame[2] == "StopTransaction":
                stops[frame[1]] = frame[3]
        elif message["direction"] == "to_charge_point" and frame[0] == 3:
            answers[frame[1]] = frame[2]
    ids = [answers[uid]["transactionId"] for uid in starts if uid in answers]
    stopped = [payload["transactionId"] for payload in stops.values()]
    once = [tid for tid in ids if stopped.count(tid) == 1]
    lost = sessions - len(once)
    if lost:
        print(f"loss: {sessions} sessions, {len(starts)} started, {len(ids)} answered, {len(once)} stopped once",
              file=sys.stderr)
    return len(once), max(lost, 0) + (1 if len(stopped) != len(set(stopped)) else 0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Accelerated soak of the station; prints its figures.")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-backend", action="store_true", help="without the central system (faster)")
    arguments = parser.parse_args(argv)
    f = soak(arguments.sessions, arguments.seed, backend=not arguments.no_backend)
    print(f"sessions: {f.sessions}  faults injected: {f.faults}  backend outages: {f.outages}  "
          f"transactions accounted for at the central system: {f.transactions}  losses: {f.losses}  "
          f"({f.seconds:.0f} s)")
    print(f"RSS: {f.rss_start_kib} KiB at start, {f.rss_end_kib} KiB at the end")
    print(f"open files: {f.files_start} -> {f.files_end}  threads: {f.threads_start} -> {f.threads_end}")
    return 1 if f.losses else 0


if __name__ == "__main__":
    sys.exit(main())
