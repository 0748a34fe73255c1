"""The real-time runtime: its own thread and loop, real clock, thread-safe doors."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from controller import commands as cmd
from controller.config import Config
from controller.runtime import ControllerRuntime
from controller.sim.panel import Plug, TapCard, Unplug, build_runtime
from controller.store import Store
from controller.types import Side
from controller.view import StationView
from tests.conftest import KNOWN_CARD


def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_session_in_real_time_through_the_thread_safe_doors(tmp_path: Path) -> None:
    config = Config().with_overrides(
        station={"version": "U00"},
        can={"channel": "runtime-test"},
        simulation={"boot_time_factor": 0.0, "stage_seconds": 0.05, "time_factor": 50.0},
        storage={"path": str(tmp_path / "evse.sqlite3")},
    )
    runtime, panel = build_runtime(config)
    assert panel is not None
    views: list[StationView] = []
    threads: set[str] = set()

    def listener(view: StationView) -> None:
        views.append(view)
        threads.add(threading.current_thread().name)

    runtime.subscribe(listener)
    runtime.start()
    try:
        wait_for(lambda: bool(views) and views[-1].phase.value == "ready")
        panel.act(TapCard(KNOWN_CARD))
        wait_for(lambda: views[-1].pending is not None)
        panel.act(Plug(Side.LEFT))
        wait_for(lambda: views[-1].connectors[0].state == "charging")
        runtime.submit(cmd.PressLeft())  # the Stop button
        wait_for(lambda: views[-1].connectors[0].state == "finished")
        session = views[-1].connectors[0].session
        assert session is not None and session.stop_reason == "stop_button" and session.energy_wh >= 0
        panel.act(Unplug(Side.LEFT))
        wait_for(lambda: views[-1].connectors[0].state == "available")
    finally:
        runtime.stop()
    assert threads == {"controller"}, "snapshots are produced on the controller thread only"
    assert runtime.error is None
    store = Store(tmp_path / "evse.sqlite3")
    (record,) = store.sessions()
    assert (record.status, record.stop_reason, int(record.energy_wh)) == ("finished", "stop_button", session.energy_wh)
    store.close()


def test_a_late_subscriber_gets_the_current_snapshot_at_once() -> None:
    config = Config().with_overrides(can={"channel": "runtime-late"}, simulation={"boot_time_factor": 0.0},
                                     storage={"path": ":memory:"})
    runtime = ControllerRuntime(config)
    runtime.start()
    try:
        time.sleep(0.3)
        views: list[StationView] = []
        runtime.subscribe(views.append)
        wait_for(lambda: bool(views), timeout=2)
        assert views[0].version == "J0U"
    finally:
        runtime.stop()


def test_a_broken_can_interface_is_reported_not_hidden() -> None:
    config = Config().with_overrides(can={"interface": "socketcan", "channel": "no-such-can9"})
    runtime = ControllerRuntime(config)
    try:
        runtime.start()
    except RuntimeError as error:
        assert "failed to start" in str(error)
        assert runtime.error is not None
    else:
        raise AssertionError("a missing CAN interface must not start silently")
    finally:
        runtime.stop()


def test_a_controller_that_died_drops_the_kiosks_calls_instead_of_raising_into_them() -> None:
    config = Config().with_overrides(can={"interface": "socketcan", "channel": "no-such-can9"})
    runtime = ControllerRuntime(config)
    with contextlib.suppress(RuntimeError):
        runtime.start()
    assert runtime._thread is not None
    runtime._thread.join(timeout=10)  # its loop is closed now
    runtime.submit(cmd.PressLeft())  # a button pressed on the kiosk afterwards
    runtime.card_read("04A1B2C3D4E5F6")
    runtime.stop()
    assert runtime.error is not None


def test_without_a_central_system_the_ocpp_stack_is_never_loaded() -> None:
    """Start-up cost: a charger without a backend does not import ocpp, jsonschema or websockets."""
    script = """
import sys
from controller.config import Config
from controller.runtime import ControllerRuntime
config = Config().with_overrides(station={"version": "U00"}, can={"channel": "runtime-no-ocpp"},
                                 simulation={"boot_time_factor": 0.0}, storage={"path": ":memory:"})
runtime = ControllerRuntime(config)
runtime.start()
runtime.stop()
assert runtime.error is None
print(sorted(m for m in ("ocpp", "jsonschema", "websockets") if m in sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
