"""Button press to the first frame of the next screen, on the real-time kiosk (offscreen).

The kiosk is the one ``evse-hmi --kiosk`` runs (:class:`hmi.desktop.DesktopKiosk`), with
its controller thread on simulated hardware.

A J0U station charges on the left; each press of the right button (the desktop key
for it) moves the focus between the left connector (Charging screen) and the right
one (Home screen).  The time from the key press to the first frame swapped with the
new screen is the latency a driver feels.  Prints one JSON line.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from hmi.display import use_offscreen_rendering

use_offscreen_rendering()

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication, QKeyEvent  # noqa: E402

from controller.config import Config  # noqa: E402
from controller.sim.panel import Plug, TapCard  # noqa: E402
from controller.types import Side  # noqa: E402
from hmi.desktop import DesktopKiosk  # noqa: E402

PRESSES = 50


def wait_until(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the kiosk did not get there in time")
        QTimer.singleShot(5, loop.quit)
        loop.exec()


def main() -> int:
    config = Config().with_overrides(station={"version": "J0U"},
                                     simulation={"boot_time_factor": 0.0, "stage_seconds": 0.1})
    desk = DesktopKiosk(config, kiosk_mode=True, size=(1024, 600))  # the kiosk as evse-hmi --kiosk runs it
    kiosk, window = desk.kiosk, desk.scene.window
    try:
        wait_until(lambda: kiosk.value("screen") == "home")
        assert desk.panel is not None
        desk.panel.act(TapCard(config.authorization.local_allow_list[0]))
        desk.panel.act(Plug(Side.LEFT))
        wait_until(lambda: kiosk.value("screen") == "charging")

        latencies: list[float] = []
        swapped: dict[str, float] = {}

        def on_frame() -> None:
            swapped.setdefault(kiosk.value("screen"), time.perf_counter())

        window.frameSwapped.connect(on_frame)
        expected = "home"
        for _ in range(PRESSES):
            swapped.clear()
            started = time.perf_counter()
            press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
            QGuiApplication.sendEvent(window, press)
            wait_until(lambda expected=expected: expected in swapped, timeout=5)
            latencies.append((swapped[expected] - started) * 1000)
            expected = "charging" if expected == "home" else "home"
            pause_until = started + 0.05
            wait_until(lambda pause_until=pause_until: time.perf_counter() >= pause_until)
    finally:
        desk.close()
    latencies.sort()
    p95 = latencies[max(0, round(0.95 * len(latencies)) - 1)]
    print(json.dumps({"presses": len(latencies), "median_ms": statistics.median(latencies), "p95_ms": p95,
                      "max_ms": latencies[-1]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
