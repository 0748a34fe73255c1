"""Soak: many simulated sessions on both connectors, with random board faults, emergency
stops and door openings, on a fake clock.  Every session the station began must be stored as
finished, once, the invariants of :mod:`tests.robustness.invariants` hold every cycle, and
memory (RSS), open files, threads and asyncio tasks must not grow.  A fault that latches
(011, manual 5.3.3) is cleared the way a technician would: by power-cycling the charger (a
new station over the same store, bus and boards).

With ``backend=True`` the station also talks OCPP to the demo central system (a real process
over a real websocket): the link is cut now and then (TCP dropped, no closing handshake), and
the central system is killed and started again (its log outlives it; its transaction ids
continue from a fresh block, as a real one's database would).  At the end every session the store began must appear at
the central system as one StartTransaction and one StopTransaction with the transaction id it
gave, however many outages came between.

With ``version="2.0.1"`` the central system speaks only OCPP 2.0.1 and the station is in
``[ocpp].version = "2.0.1"``; the accounting is :func:`tests.robustness.accounting201.account201`
(each session one transactionId: Started, exactly one Ended, seqNos without a gap).

``tests/robustness/test_soak.py`` runs a short form; ``python -m tests.robustness.soak``
(``make soak``) the long one, half the sessions on each version (``--ocpp-version``), and
prints the figures per version.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from controller import commands as cmd
from controller.fault_policy import Action, action_for
from controller.sim.world import World
from controller.store import SessionRecord
from controller.types import Side
from tests.ocpp.harness import STATION_ID, CentralSystemProcess
from tests.robustness.accounting import account
from tests.robustness.accounting201 import account201
from tests.robustness.invariants import KNOWN_CARDS, Checker, CountingStore, invariant_config


@dataclass
class SoakFigures:
    sessions: int = 0
    faults: int = 0
    rss_start_kib: int = 0
    rss_warm_kib: int = 0  # after the first tenth of the sessions (imports, caches and pools filled)
    rss_end_kib: int = 0
    files_start: int = 0
    files_end: int = 0
    threads_start: int = 0
    threads_end: int = 0
    tasks_start: int = 0  # asyncio tasks on the backend's loop (backend runs only)
    tasks_end: int = 0
    losses: int = 0
    seconds: float = 0.0
    outages: int = 0
    power_cycles: int = 0  # a technician's power cycle after a fault that latches (manual 5.3.3)
    transactions: int = 0  # accounted for at the central system (started and stopped once)
    version: str = "1.6"  # the OCPP version spoken (with a backend)


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def soak(sessions: int, seed: int = 1, backend: bool = False, version: str = "1.6") -> SoakFigures:
    """Run until ``sessions`` sessions have begun; every invariant is checked every cycle.
    ``version``: the OCPP version spoken with the backend ("1.6" or "2.0.1")."""
    if backend:
        with TemporaryDirectory() as directory:
            return _soak(sessions, seed, Path(directory), version)
    return _soak(sessions, seed, None, version)


def _soak(sessions: int, seed: int, directory: Path | None, version: str = "1.6") -> SoakFigures:
    rng = random.Random(seed)
    figures = SoakFigures(version=version)
    started = time.monotonic()
    gc.collect()
    figures.rss_start_kib, figures.files_start, figures.threads_start = \
        _rss_kib(), _open_files(), threading.active_count()
    central = None
    csms_url = None
    if directory is not None:
        central = CentralSystemProcess(directory / "csms.jsonl", "--heartbeat-interval", "300",
                                       "--ocpp-version", version)
        central.start()
        csms_url = f"{central.url}/{STATION_ID}"
    store = CountingStore(":memory:")
    config = invariant_config()
    if version == "2.0.1":
        config = config.with_overrides(ocpp={"version": "2.0.1"})
    world = World(config, store=store, csms_url=csms_url)
    recorded: list[SessionRecord] = []
    outages = _Outages(central, rng) if central is not None else None
    checker = Checker(world, store)
    world.start()
    figures.tasks_start = _tasks(world)
    warm_after = max(1, sessions // 10)
    try:
        while len(store.begun) < sessions:
            if not figures.rss_warm_kib and len(store.begun) >= warm_after:
                gc.collect()
                figures.rss_warm_kib = _rss_kib()
            side = rng.choice(list(Side))
            hardware = world.hardware
            world.station.submit(cmd.PresentToken(rng.choice(KNOWN_CARDS)))
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
                world.station.submit(cmd.PresentToken(session.id_token))  # the same card stops it
            world.advance(rng.uniform(0.5, 3.0), on_step=checker.cycle)
            hardware.unplug(side)
            world.advance(rng.uniform(0.5, 3.0), on_step=checker.cycle)
            if _latched(world):
                figures.power_cycles += 1
                world.restart()
                world.start()
            if outages is not None:
                figures.outages += outages.maybe()
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
                central.start_again()
            client = world.backend.client if world.backend else None
            assert client is not None
            world.settle(lambda: client.online and len(client.queue) == 0, 60)
            figures.tasks_end = _tasks(world)
            recorded = store.sessions(limit=1_000_000)
    finally:
        world.close()
        if central is not None:
            central.kill()
    gc.collect()  # measured before the central system's log is read: that is the test's memory
    figures.rss_end_kib, figures.files_end, figures.threads_end = \
        _rss_kib(), _open_files(), threading.active_count()
    if central is not None and version == "2.0.1":
        books201 = account201(central.messages(), recorded)
        figures.transactions, figures.losses = books201.accounted, figures.losses + books201.losses
        if books201.losses:
            print(f"loss: {books201}", file=sys.stderr)
    elif central is not None:
        books = account(central.messages(), figures.sessions)
        figures.transactions, figures.losses = books.stopped_once, figures.losses + books.losses
        if books.losses:
            print(f"loss: {books}", file=sys.stderr)
    figures.seconds = time.monotonic() - started
    return figures


def _tasks(world: World) -> int:
    return len(asyncio.all_tasks(world.loop)) if world.loop is not None else 0


def _latched(world: World) -> bool:
    """A fault in force that only a power cycle clears (011/041, manual 5.3.3)."""
    return any(action_for(code.code) is Action.OUT_OF_SERVICE for code in world.view.codes)


class _Outages:
    """Now and then: drop the link, or kill the central system (and start it again later)."""

    def __init__(self, central: CentralSystemProcess, rng: random.Random) -> None:
        self.central = central
        self.rng = rng

    def maybe(self) -> int:
        """Perhaps begin or end an outage; 1 when one began."""
        central = self.central
        if central.process is None:
            if self.rng.random() < 0.5:
                central.start_again()
            return 0
        roll = self.rng.random()
        if roll < 0.05:
            central.kill()
            return 1
        if roll < 0.1:
            return int(central.cut())
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Accelerated soak of the station; prints its figures.")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-backend", action="store_true", help="without the central system (faster)")
    parser.add_argument("--ocpp-version", choices=["1.6", "2.0.1", "both"], default="both",
                        help="the OCPP version spoken with the central system (both: half the sessions on each)")
    arguments = parser.parse_args(argv)
    versions = ("1.6", "2.0.1") if arguments.ocpp_version == "both" and not arguments.no_backend else \
        (arguments.ocpp_version if arguments.ocpp_version != "both" else "1.6",)
    losses = 0
    for version in versions:
        f = soak(max(1, arguments.sessions // len(versions)), arguments.seed, backend=not arguments.no_backend,
                 version=version)
        print_figures(f, backend=not arguments.no_backend)
        losses += f.losses
    return 1 if losses else 0


def print_figures(f: SoakFigures, backend: bool = True) -> None:
    if backend:
        print(f"== OCPP {f.version}")
    print(f"sessions: {f.sessions}  faults injected: {f.faults}  backend outages: {f.outages}  "
          f"power cycles: {f.power_cycles}  "
          f"transactions accounted for at the central system: {f.transactions}  losses: {f.losses}  "
          f"({f.seconds:.0f} s)")
    print(f"RSS: {f.rss_start_kib} KiB at start, {f.rss_warm_kib} KiB after the first tenth, "
          f"{f.rss_end_kib} KiB at the end")
    print(f"open files: {f.files_start} -> {f.files_end}  threads: {f.threads_start} -> {f.threads_end}  "
          f"asyncio tasks: {f.tasks_start} -> {f.tasks_end}")


if __name__ == "__main__":
    sys.exit(main())
