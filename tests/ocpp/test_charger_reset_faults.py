"""An OCPP soft Reset and the latched 011 faults (manual 5.3.3, controller.fault_policy): a
soft reset restarts the software but is no power cycle, so a fault latched before it stays in
force after it (kept in the station's store) even when its board no longer reports it, and a
broken board cannot be reset away either: it reports its code again after the new self-test
and its connector stays out of service.  The reset (controller.assembly) is driven by the demo
central system over a real websocket under both of its drivers: the fake-clock world
(controller.sim.world) and the real-time runtime (controller.runtime), with the simulated boards
on the virtual CAN bus.
Faults the station detects itself (a welded relay) and what clears a latched fault (hard
reset, power cycle): test_charger_reset_latched.py."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from controller import commands as cmd
from controller.runtime import ControllerRuntime
from controller.sim.panel import BoardFault, SimulatorPanel, build_runtime
from controller.types import AuthMethod, Side
from controller.view import StationView
from tests.conftest import KNOWN_CARD
from tests.ocpp.harness import (
    DEADLINE_S,
    STATION_ID,
    CentralSystemProcess,
    active_codes,
    advance_until,
    charger_world,
    door,
    reset,
    settled,
    station_config,
    statuses_after_boot,
)


def wait_until(condition: Callable[[], Any], what: str) -> None:
    """Real time: poll ``condition`` until it holds; fail naming ``what`` after the deadline."""
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def codes(view: StationView) -> set[tuple[str, Side | None]]:
    return {(c.code, c.side) for c in view.codes}


def after_second_boot(central: CentralSystemProcess, connector_id: int) -> list[dict[str, Any]]:
    """The StatusNotifications of ``connector_id`` sent after the restart's BootNotification."""
    return statuses_after_boot(central, connector_id, 2)


def test_a_soft_reset_cannot_reset_a_broken_board_away(central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U", can={"cycle_ms": 10})  # a self-test quicker than a status period
    try:
        world.hardware.inject_fault(Side.RIGHT, 11029)  # CCS module broken, and it stays broken
        world.hardware.psu_fault(1, 11031)  # PSU module broken, too
        world.advance(0.5)
        assert active_codes(world) == {("011029", Side.RIGHT), ("011031", None)}
        reset(world, central)
        world.advance(1.0)
        assert active_codes(world) == {("011029", Side.RIGHT), ("011031", None)}, "raised again after the reset"
        assert world.view.connector(Side.RIGHT).state == "faulted"
        assert [n["status"] for n in after_second_boot(central, 2)] == ["Faulted"], "never Available meanwhile"
        assert after_second_boot(central, 2)[-1]["vendorErrorCode"] == "011029"
        world.station.submit(cmd.PresentToken(KNOWN_CARD))  # a driver cannot start on the broken connector
        world.advance(0.2)
        assert world.view.pending is not None and world.view.pending.eligible == (Side.LEFT,)
    finally:
        world.close()


def test_a_soft_reset_keeps_a_latched_fault_its_board_no_longer_reports(central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        world.hardware.inject_fault(Side.LEFT, 11001)  # CHAdeMO output fuse blew ...
        world.advance(0.5)
        world.hardware.inject_fault(Side.LEFT, 0)  # ... and was replaced: the code stays latched
        world.advance(2.0)
        assert active_codes(world) == {("011001", Side.LEFT)} and world.view.connector(Side.LEFT).state == "faulted"
        reset(world, central)
        world.advance(1.0)
        assert active_codes(world) == {("011001", Side.LEFT)}, "a soft reset is no power cycle"
        assert world.view.connector(Side.LEFT).state == "faulted"
        assert [n["status"] for n in after_second_boot(central, 1)] == ["Faulted"], "never Available meanwhile"
    finally:
        world.close()


def test_a_reset_crossing_a_status_notification_is_still_confirmed(central: CentralSystemProcess) -> None:
    """Without sessions a reset restarts at once; the charger still lets its own CALL on the wire
    be answered before it hangs up, or the central system (on the ``ocpp`` library) fails that
    answer, stops reading, and never sees the Reset.conf sent just before."""
    world = charger_world(central, "J0U")
    try:
        settled(world, lambda: len(central.from_charger("StatusNotification")) >= 3, "the boot statuses")
        central.post("/settings", {"status_delay_s": 1.0})  # a central system under load
        world.hardware.inject_fault(Side.RIGHT, 11029)  # a StatusNotification goes out, answered late
        advance_until(world, lambda: any(f[3]["status"] == "Faulted" for f in central.from_charger(
            "StatusNotification")), "the Faulted StatusNotification on the wire")
        assert door(world, central, "Reset", {"type": "Soft"}) == {"response": {"status": "Accepted"}}
        advance_until(world, lambda: world.restarts == 1, "the restart")
        settled(world, lambda: len(central.from_charger("BootNotification")) == 2, "the restart's BootNotification")
    finally:
        world.close()
    (reset,) = [m["frame"] for m in central.messages() if m["direction"] == "to_charge_point"
                and m["frame"][0] == 2 and m["frame"][2] == "Reset"]
    answers = [m["frame"] for m in central.messages() if m["direction"] == "from_charge_point"
               and m["frame"][1] == reset[1]]
    assert answers == [[3, reset[1], {"status": "Accepted"}]], "the Reset was confirmed, once"


def started_runtime(central: CentralSystemProcess, tmp_path: Path, version: str,
                    **sections: dict[str, Any]) -> tuple[ControllerRuntime, SimulatorPanel, list[StationView]]:
    """The real-time runtime on files in ``tmp_path``, connected to ``central``, started; the
    panel of its simulated hardware; and the list its snapshots go to."""
    config = station_config(version, storage={"path": str(tmp_path / "evse.sqlite3")},
                            ocpp={"database": str(tmp_path / "ocpp.sqlite3")}, **sections)
    runtime, panel = build_runtime(config, csms_url=f"{central.url}/{STATION_ID}")
    assert panel is not None
    views: list[StationView] = []
    runtime.subscribe(views.append)
    runtime.start()
    return runtime, panel, views


def test_the_runtime_s_soft_reset_keeps_a_stuck_fault_and_a_latched_one(
        central: CentralSystemProcess, tmp_path: Path) -> None:
    runtime, panel, views = started_runtime(central, tmp_path, "J0U", can={"channel": "runtime-reset-faults"})
    try:
        wait_until(lambda: bool(views) and views[-1].online, "online")
        panel.act(BoardFault(Side.RIGHT, 11029))  # stuck
        panel.act(BoardFault(Side.LEFT, 11001))  # reported, then gone: latched
        wait_until(lambda: codes(views[-1]) == {("011029", Side.RIGHT), ("011001", Side.LEFT)}, "both codes")
        panel.act(BoardFault(Side.LEFT, 0))
        assert central.post("/call", {"action": "Reset", "payload": {"type": "Soft"}}) == {
            "response": {"status": "Accepted"}}
        wait_until(lambda: len(central.from_charger("BootNotification")) == 2, "the restart's BootNotification")
        wait_until(lambda: views[-1].phase.value == "ready" and after_second_boot(central, 1)
                   and after_second_boot(central, 2), "the new self-test")
        assert codes(views[-1]) == {("011029", Side.RIGHT), ("011001", Side.LEFT)}, "a soft reset is no power cycle"
        assert [c.state for c in views[-1].connectors] == ["faulted", "faulted"]
        for connector_id in (1, 2):
            assert "Available" not in {n["status"] for n in after_second_boot(central, connector_id)}, \
                "not even for a moment"
    finally:
        runtime.stop()
    assert runtime.error is None


def test_the_runtime_s_soft_reset_keeps_a_missing_reader_missing(central: CentralSystemProcess,
                                                                tmp_path: Path) -> None:
    """The reader's thread outlives a restart and reports only changes: the new station must
    still know that the reader is gone (012243, no card method offered)."""
    runtime, _, views = started_runtime(central, tmp_path, "U00", can={"channel": "runtime-reset-reader"},
                                     authorization={"reader": "No Such Reader"})
    try:
        wait_until(lambda: bool(views) and views[-1].online and ("012243", None) in codes(views[-1]),
                   "online, the reader missing")
        assert central.post("/call", {"action": "Reset", "payload": {"type": "Soft"}}) == {
            "response": {"status": "Accepted"}}
        wait_until(lambda: len(central.from_charger("BootNotification")) == 2, "the restart's BootNotification")
        wait_until(lambda: views[-1].phase.value == "ready" and views[-1].online, "the new station ready")
        assert ("012243", None) in codes(views[-1])
        assert AuthMethod.RFID not in views[-1].methods
    finally:
        runtime.stop()
    assert runtime.error is None
