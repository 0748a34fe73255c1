"""A controller that stops cycling never leaves energy flowing and never leaves the driver
looking at frozen numbers: the boards make themselves safe when commands stop coming (the
simulated boards behave as real power modules and connector boards do), and the HMI's
watchdog shows Out of service until the controller cycles again."""

from __future__ import annotations

import time

from pytestqt.qtbot import QtBot

from controller.config import Config
from controller.sim.node import COMMAND_TIMEOUT_S
from controller.sim.panel import Plug, TapCard, build_runtime
from controller.types import Side
from hmi.bridge import KioskBridge
from hmi.desktop import watch_controller
from hmi.format import Formatter
from hmi.viewmodel import Kiosk
from tests.conftest import KNOWN_CARD, WorldFactory, charge

WAIT_MS = 20_000


def test_the_boards_switch_the_output_off_when_the_controller_goes_quiet(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    world.advance(20)
    board = world.hardware.boards[Side.LEFT]
    assert board.contactor_closed and any(p.enabled and p.current > 10 for p in world.hardware.psus)
    # the controller freezes: the hardware goes on, no command comes any more
    step = world.cycle_s
    for _ in range(round((COMMAND_TIMEOUT_S + 0.5) / step)):
        world.clock.advance(step)
        world.hardware.step(world.clock.monotonic())
    assert not board.contactor_closed, "the connector board opened its contactors"
    assert not any(p.enabled for p in world.hardware.psus), "every power module switched off"
    assert all(p.current == 0 for p in world.hardware.psus)


def test_the_kiosk_shows_out_of_service_while_the_controller_is_stalled(qtbot: QtBot) -> None:
    config = Config().with_overrides(
        station={"version": "U00"}, can={"channel": "runtime-stall"},
        simulation={"boot_time_factor": 0.0, "stage_seconds": 0.05}, storage={"path": ":memory:"})
    runtime, panel = build_runtime(config)
    assert panel is not None
    kiosk = Kiosk()
    bridge = KioskBridge(kiosk, Formatter(), runtime.submit)
    runtime.subscribe(bridge.push)
    runtime.start()
    try:
        qtbot.waitUntil(lambda: kiosk.value("screen") == "home", timeout=WAIT_MS)
        panel.act(TapCard(KNOWN_CARD))
        panel.act(Plug(Side.LEFT))
        qtbot.waitUntil(lambda: kiosk.value("screen") == "charging", timeout=WAIT_MS)

        def screen_after_watch() -> str:
            watch_controller(runtime, bridge, limit_s=1.0)  # what the desktop's GUI timer does
            return str(kiosk.value("screen"))

        runtime._loop.call_soon_threadsafe(time.sleep, 3.0)  # the controller hangs for 3 s
        qtbot.waitUntil(lambda: screen_after_watch() == "outOfService", timeout=WAIT_MS)
        assert bridge.stalled
        qtbot.waitUntil(lambda: screen_after_watch() == "charging", timeout=WAIT_MS)
        assert not bridge.stalled
    finally:
        runtime.stop()
    assert runtime.error is None
