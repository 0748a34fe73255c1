"""The interactive kiosk: real-time controller thread, kiosk window, simulator panel."""

from __future__ import annotations

import signal
import sys
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication

from controller.config import Config
from controller.runtime import ControllerRuntime
from controller.sim.ev import DEFAULT_EVS
from controller.types import Side, connectors_of
from controller.view import StationView
from hmi.bridge import KioskBridge
from hmi.format import Formatter
from hmi.input import ButtonKeys
from hmi.scene import Scene, load_fonts
from hmi.viewmodel import Kiosk, SimulatorControl


def simulator_control(config: Config, runtime: ControllerRuntime) -> SimulatorControl:
    """The presenter's panel, wired to the simulated hardware in the controller thread."""
    control = SimulatorControl()
    connectors = connectors_of(config.station.version)
    cards = config.authorization.local_allow_list
    left_ev = DEFAULT_EVS[connectors[Side.LEFT]]
    right_ev = DEFAULT_EVS[connectors[Side.RIGHT]] if Side.RIGHT in connectors else left_ev
    control.update(
        connectorCount=len(connectors),
        leftStandard=connectors[Side.LEFT].display_name,
        rightStandard=connectors[Side.RIGHT].display_name if Side.RIGHT in connectors else "",
        knownCard=cards[0] if cards else "",
        unknownCard="0455AA0F19FE21",
        timeFactor=config.simulation.time_factor,
        leftStartSoc=int(left_ev.start_soc),
        leftTargetSoc=int(left_ev.target_soc),
        rightStartSoc=int(right_ev.start_soc),
        rightTargetSoc=int(right_ev.target_soc),
    )

    def act(name: str, argument: Any) -> None:
        runtime.simulate(name, argument)
        if name in ("plug", "unplug"):
            key = "leftPlugged" if int(argument) == 0 else "rightPlugged"
            control.update(**{key: name == "plug"})
        elif name == "estop":
            control.update(emergencyStop=bool(argument))
        elif name == "door":
            control.update(doorOpen=bool(argument))
        elif name == "ev_soc":
            side, start, target = argument
            prefix = "left" if int(side) == 0 else "right"
            control.update(**{f"{prefix}StartSoc": int(start), f"{prefix}TargetSoc": int(target)})

    control.set_action_sink(act)
    return control


def exit_on_first_frame(app: QGuiApplication, scene: Scene, kiosk: Kiosk, screen: str) -> None:
    """Print when the first frame showing ``screen`` is on screen, then quit."""

    def on_frame() -> None:
        if kiosk.value("screen") == screen:
            print(f"evse-hmi: first {screen} frame at monotonic {time.monotonic():.6f}", flush=True)
            app.quit()

    scene.window.frameSwapped.connect(on_frame)


def run_desktop(config: Config, kiosk_mode: bool, size: tuple[int, int], exit_on_screen: str | None = None) -> int:
    app = QGuiApplication(sys.argv[:1])
    app.setApplicationName("evse-hmi")
    load_fonts(app)
    runtime = ControllerRuntime(config)
    kiosk = Kiosk()
    show_panel = config.simulation.enabled and not kiosk_mode
    control = simulator_control(config, runtime) if show_panel else None
    scene = Scene(kiosk, control)
    bridge = KioskBridge(kiosk, Formatter(config.station.language, config.station.time_zone), runtime.submit)

    def push(view: StationView) -> None:
        bridge.push(view)

    runtime.subscribe(push)
    ButtonKeys(runtime.submit, scene.window)
    if kiosk_mode:
        scene.window.showFullScreen()
        app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
    else:
        scene.window.resize(*size)
        scene.window.show()
        if scene.panel is not None:
            scene.panel.setX(scene.window.x() + scene.window.width() + 16)
            scene.panel.show()
    if exit_on_screen is not None:
        exit_on_first_frame(app, scene, kiosk, exit_on_screen)
    runtime.start()
    # let Ctrl+C end the demo: Python only sees signals when the interpreter runs
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    heartbeat = QTimer()
    heartbeat.start(200)
    heartbeat.timeout.connect(lambda: None)
    try:
        return app.exec()
    finally:
        runtime.stop()
