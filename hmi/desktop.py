"""The interactive kiosk: real-time controller thread, kiosk window, simulator panel."""

from __future__ import annotations

import logging
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
from hmi.input import ButtonKeys
from hmi.scene import Scene, load_fonts
from hmi.viewmodel import Kiosk, SimulatorControl

log = logging.getLogger(__name__)


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
        psuCount=config.limits.psu_count,
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
        elif name == "ambient":
            control.update(ambientC=int(argument))
        elif name == "input_voltage":
            control.update(inputVoltage=int(argument))
        elif name == "ev_soc":
            side, start, target = argument
            prefix = "left" if int(side) == 0 else "right"
            control.update(**{f"{prefix}StartSoc": int(start), f"{prefix}TargetSoc": int(target)})

    control.set_sink(act)
    return control


def exit_on_first_frame(app: QGuiApplication, scene: Scene, kiosk: Kiosk, screen: str) -> None:
    """Print when the first frame showing ``screen`` is on screen, then quit."""

    def on_frame() -> None:
        if kiosk.value("screen") == screen:
            print(f"evse-hmi: first {screen} frame at monotonic {time.monotonic():.6f}", flush=True)
            scene.window.frameSwapped.disconnect(on_frame)
            QTimer.singleShot(0, app.quit)  # not from inside the frame being swapped

    scene.window.frameSwapped.connect(on_frame)


class DesktopKiosk:
    """The kiosk window (and the simulator panel) on a controller that may still be starting.

    The window shows the Initializing screen as soon as QML is loaded; the bridge to the
    controller (presenter, Babel) is set up right after that first frame, so drivers see
    the screen light up without waiting for the CAN stack to load.
    """

    def __init__(self, config: Config, runtime: ControllerRuntime, kiosk_mode: bool, size: tuple[int, int]) -> None:
        self.config = config
        self.runtime = runtime
        self.app = QGuiApplication(sys.argv[:1])
        self.app.setApplicationName("evse-hmi")
        load_fonts(self.app)
        self.kiosk = Kiosk()
        self.kiosk.update(chargePointId=config.station.charge_point_id, modelName=config.station.model,
                          versionCode=config.station.version,
                          connectorCount=len(connectors_of(config.station.version)))
        control = simulator_control(config, runtime) if config.simulation.enabled and not kiosk_mode else None
        self.scene = Scene(self.kiosk, control)
        self.bridge: Any = None
        ButtonKeys(runtime.submit, self.scene.window)
        self.scene.window.frameSwapped.connect(self._connect, Qt.ConnectionType.SingleShotConnection)
        window = self.scene.window
        if kiosk_mode:
            window.showFullScreen()
            self.app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        else:
            window.resize(*size)
            window.show()
            if self.scene.panel is not None:
                self.scene.panel.setX(window.x() + window.width() + 16)
                self.scene.panel.show()

    def _connect(self) -> None:
        from hmi.bridge import KioskBridge
        from hmi.format import Formatter

        station = self.config.station
        self.bridge = KioskBridge(self.kiosk, Formatter(station.language, station.time_zone), self.runtime.submit,
                                  self.scene.translations)
        self.runtime.subscribe(self.bridge.push)

    def _watch(self) -> None:
        if self.runtime.error is not None:
            log.critical("the controller stopped: %s", self.runtime.error)
            self.app.exit(3)

    def run(self, exit_on_screen: str | None = None) -> int:
        if exit_on_screen is not None:
            exit_on_first_frame(self.app, self.scene, self.kiosk, exit_on_screen)
        # Ctrl+C ends the demo; the watchdog timer also lets Python see the signal
        signal.signal(signal.SIGINT, lambda *_: self.app.quit())
        watchdog = QTimer()
        watchdog.timeout.connect(self._watch)
        watchdog.start(200)
        try:
            return self.app.exec()
        finally:
            self.runtime.stop()
            self.scene.dispose()


def run_desktop(config: Config, runtime: ControllerRuntime, kiosk_mode: bool, size: tuple[int, int],
                exit_on_screen: str | None = None) -> int:
    """Run the interactive kiosk until it is closed; returns the exit code."""
    return DesktopKiosk(config, runtime, kiosk_mode, size).run(exit_on_screen)
