"""Outages across kills of the real process (``python -m controller.sim``, no central system),
SIGKILLed right after each start-up: each kill is one outage per port, recorded once, closed
when the next start-up is ready, and none overlaps another (controller.reliability_log)."""

from __future__ import annotations

import os
import queue
import sqlite3
import subprocess
import sys
import threading
from datetime import datetime
from itertools import pairwise
from pathlib import Path

from tests.robustness.power_cut import Controller

KILLS = 3


class LocalController(Controller):
    """The simulated charger as a process without a central system."""

    def __init__(self, config: Path) -> None:  # the parent's, without --csms
        self.process = subprocess.Popen([sys.executable, "-m", "controller.sim", "--config", str(config)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        text=True, bufsize=1, env=dict(os.environ))
        self.last = {}
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()


def write_config(directory: Path) -> Path:
    path = directory / "station.toml"
    path.write_text(f"""
[station]
version = "J0U"
[storage]
path = "{directory / 'evse.sqlite3'}"
[simulation]
stage_seconds = 0.2
time_factor = 20.0
boot_time_factor = 0.1
[can]
channel = "reliability-cut-{os.getpid()}"
""")
    return path


def test_each_kill_is_one_crash_outage_per_port_closed_at_the_next_start(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    for _ in range(KILLS + 1):
        controller = LocalController(config)
        try:
            controller.wait_for(lambda s: s.get("phase") == "ready", "the self-test")
            controller.kill()
        finally:
            controller.stop()
    with sqlite3.connect(f"{(tmp_path / 'evse.sqlite3').as_uri()}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT connector_id, cause, exclusion, started_at, ended_at FROM outages"
                          " ORDER BY connector_id, started_at, id").fetchall()
    for port in (1, 2):
        mine = [row for row in rows if row[0] == port]
        # the first start-up's self-test, then one outage per kill (same machine: a crash, counted)
        assert [(cause, exclusion) for _, cause, exclusion, _, _ in mine] == [("starting_up", "")] + [
            ("crash", "")] * KILLS, mine
        assert all(end is not None for *_, end in mine), "every outage closed by the ready start-up after it"
        times = [(datetime.fromisoformat(start), datetime.fromisoformat(end)) for *_, start, end in mine]
        assert all(start <= end for start, end in times)
        assert all(earlier[1] <= later[0] for earlier, later in pairwise(times)), \
            "no outage overlaps the next: each kill recorded once"
