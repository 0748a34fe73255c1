"""The headless charger as systemd runs it: a real ``python -m controller.sim`` process with
``NOTIFY_SOCKET`` and ``WATCHDOG_USEC`` pointing at a real datagram socket. It says READY=1 once
its self-test has ended, feeds the watchdog while its controller loop cycles, stops feeding it
while the loop hangs (``stall SECONDS`` on its standard input: a blocking call on the loop, as
in tests/robustness/test_stalled_controller.py), feeds it again after, and says STOPPING=1 on
SIGTERM."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.service.notify_listener import NotifyListener

#: systemd's WatchdogSec for the test: pings every second; a loop silent for 2 s is hung.
WATCHDOG_S = 2.0
STALL_S = 8.0


def write_config(directory: Path) -> Path:
    path = directory / "station.toml"
    path.write_text(f"""
[station]
version = "J0U"
[storage]
path = "{directory / 'evse.sqlite3'}"
[simulation]
boot_time_factor = 1.0
[can]
channel = "sd-notify-{os.getpid()}"
""")
    return path


@pytest.fixture
def charger(tmp_path: Path, listener: NotifyListener) -> Iterator[subprocess.Popen[str]]:
    environment = {**os.environ, **listener.environment, "WATCHDOG_USEC": str(int(WATCHDOG_S * 1e6))}
    environment.pop("WATCHDOG_PID", None)
    with (tmp_path / "stderr.log").open("w") as errors:  # read it when a test fails
        process = subprocess.Popen(
            [sys.executable, "-m", "controller.sim", "--config", str(write_config(tmp_path))],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors, text=True, env=environment)
        try:
            yield process
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)
            if process.stdin is not None:
                process.stdin.close()


def test_ready_after_the_self_test_then_pings_that_stop_while_the_loop_hangs(
        charger: subprocess.Popen[str], listener: NotifyListener) -> None:
    ready = listener.wait_for(lambda: listener.with_field("READY", "1"), "READY=1")
    statuses = [n.fields["STATUS"] for n in listener.with_field("STATUS")]
    assert statuses[0].startswith("Self-test"), statuses
    assert ready[0].fields["STATUS"].startswith("Ready: left available, right available"), ready[0].fields
    before_ready = [s for s in statuses if not s.startswith("Ready")]
    assert before_ready and all(s.startswith("Self-test") for s in before_ready)

    listener.wait_for(lambda: len(listener.pings()) >= 3, "pings while the loop cycles")
    assert charger.stdin is not None
    charger.stdin.write(f"stall {STALL_S}\n")
    charger.stdin.flush()
    stalled_at = time.monotonic()
    listener.wait_for(lambda: listener.silent_for(WATCHDOG_S + 1.0), "the pings to stop while the loop hangs",
                      check_every=0.1)
    assert time.monotonic() - stalled_at < STALL_S, "the pings stopped during the stall, not after it"
    listener.wait_for(lambda: listener.pings(since=stalled_at + STALL_S), "pings once the loop cycles again")

    charger.terminate()
    assert charger.wait(timeout=30) == 0
    assert listener.with_field("STOPPING", "1"), "STOPPING=1 on a clean shutdown"


def test_as_a_service_without_a_watchdog_it_runs_until_sigterm(tmp_path: Path, listener: NotifyListener) -> None:
    """Standard input at /dev/null (systemd's default) does not end it; no WatchdogSec, no pings."""
    environment = {**os.environ, **listener.environment}
    environment.pop("WATCHDOG_USEC", None)
    process = subprocess.Popen([sys.executable, "-m", "controller.sim", "--config", str(write_config(tmp_path))],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               text=True, env=environment)
    try:
        listener.wait_for(lambda: listener.with_field("READY", "1"), "READY=1")
        assert process.poll() is None and not listener.with_field("STOPPING")
        process.terminate()
        assert process.wait(timeout=30) == 0
        assert listener.with_field("STOPPING", "1")
        assert not listener.pings(), "no WatchdogSec, no WATCHDOG=1"
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
