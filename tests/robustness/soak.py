"""Soak: many simulated sessions on both connectors, with random board faults, emergency
stops and door openings, on a fake clock.  Every session the station began must be stored as
finished, once, the invariants of :mod:`tests.robustness.invariants` hold every cycle, and
memory (RSS), open files and threads must not grow.

``tests/robustness/test_soak.py`` runs a short form; ``python -m tests.robustness.soak``
(``make soak``) the long one and prints the figures.  Backend outages are not part of this
run yet (the OCPP tests cover the offline queue).
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


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


def soak(sessions: int, seed: int = 1) -> SoakFigures:
    """Run until ``sessions`` sessions have begun; every invariant is checked every cycle."""
    rng = random.Random(seed)
    figures = SoakFigures()
    started = time.monotonic()
    gc.collect()
    figures.rss_start_kib, figures.files_start, figures.threads_start = \
        _rss_kib(), _open_files(), threading.active_count()
    store = CountingStore(":memory:")
    world = World(invariant_config(), store=store)
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
        for side in Side:
            world.hardware.unplug(side)
        world.advance(15.0, on_step=checker.cycle)
        try:
            checker.all_finished()
        except AssertionError as exc:
            figures.losses += 1
            print(f"loss: {exc}", file=sys.stderr)
        figures.sessions = len(store.begun)
    finally:
        world.close()
    gc.collect()
    figures.rss_end_kib, figures.files_end, figures.threads_end = \
        _rss_kib(), _open_files(), threading.active_count()
    figures.seconds = time.monotonic() - started
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Accelerated soak of the station; prints its figures.")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args(argv)
    f = soak(arguments.sessions, arguments.seed)
    print(f"sessions: {f.sessions}  faults injected: {f.faults}  losses: {f.losses}  ({f.seconds:.0f} s)")
    print(f"RSS: {f.rss_start_kib} KiB at start, {f.rss_end_kib} KiB at the end")
    print(f"open files: {f.files_start} -> {f.files_end}  threads: {f.threads_start} -> {f.threads_end}")
    return 1 if f.losses else 0


if __name__ == "__main__":
    sys.exit(main())
