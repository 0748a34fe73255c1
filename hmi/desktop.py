"""The interactive kiosk: real-time controller thread, kiosk window, simulator panel (and,
with ``--demo-csms``, the demo central system's buttons and its log on that panel).

Start-up shows the first frame (the Initializing screen) before anything it does not need
is imported or compiled; the controller thread, the bridge (presenter, Babel), the Home
screen and the simulator panel follow it (:class:`DesktopKiosk`).
"""

from __future__ import annotations

import logging
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication

from controller.config import Config
from controller.service_watchdog import Heartbeat, Liveness, WatchdogPinger, controller_age
from controller.types import connectors_of
from hmi import startup
from hmi.display import use_low_latency
from hmi.scene import Scene, load_fonts
from hmi.viewmodel import ConnectorViewModel, Kiosk

if TYPE_CHECKING:  # imported after the first frame (start-up time)
    from controller.runtime import ControllerRuntime
    from controller.service_status import ServiceNotifier
    from controller.sim.csms_control import DemoCentralSystem
    from controller.sim.panel import SimulatorPanel
    from controller.view import StationView
    from hmi.bridge import KioskBridge
    from hmi.demo_panel import CsmsButtons
    from hmi.voice import Voice

log = logging.getLogger(__name__)


#: The HMI's watchdog: a controller that has not finished a cycle for this long is stalled
#: (its longest normal cycle, idle, is 0.5 s): the kiosk shows Out of service, not frozen numbers.
CONTROLLER_STALL_S = 2.0
#: The kiosk releases garbage collection when the self-test ends, or this long after its
#: first frame at the latest (hmi/startup.py).
GC_HOLD_MAX_MS = 10_000
#: How often the GUI checks on the controller: Out of service at most this much after the
#: stall limit, and a GUI thread that wakes twice a second while nothing happens. The same
#: timer beats the GUI thread's heartbeat for systemd's watchdog (controller/service_watchdog.py).
WATCHDOG_INTERVAL_MS = 500


def watch_controller(runtime: ControllerRuntime, bridge: KioskBridge, limit_s: float = CONTROLLER_STALL_S) -> None:
    """The HMI's watchdog, called on a GUI timer: Out of service while the controller is stalled."""
    stalled = runtime.stalled_for() > limit_s
    if stalled == bridge.stalled:
        return
    if stalled:
        log.critical("the controller has not cycled for %.1f s: out of service", runtime.stalled_for())
    else:
        log.warning("the controller cycles again")
    bridge.set_controller_stalled(stalled)


def prefetch_qr_codes(payloads: tuple[str, ...]) -> None:
    """Build the QR codes of ``payloads`` now (:func:`hmi.qr_provider.qr_matrix` keeps them)."""
    from hmi.qr_provider import qr_matrix

    for payload in payloads:
        qr_matrix(payload)


def exit_on_first_frame(app: QGuiApplication, scene: Scene, kiosk: Kiosk, screen: str) -> None:
    """Print when the first frame showing ``screen`` is on screen, then quit."""

    reported: list[bool] = []  # frames may come queued from the render thread: report once

    def on_frame() -> None:
        if kiosk.value("screen") == screen and not reported:
            reported.append(True)
            print(f"evse-hmi: first {screen} frame at monotonic {time.monotonic():.6f}", flush=True)
            startup.mark(f"first {screen} frame")
            startup.report(sys.stdout)
            QTimer.singleShot(0, app.quit)  # not from inside the frame being swapped

    scene.window.frameSwapped.connect(on_frame)


class DesktopKiosk:
    """The kiosk window (and the simulator panel) on a controller started after its first frame.

    Before the first frame: the configuration, PySide6, the view model, three faces of
    Inter, and the QML of the header, the button bar and the Initializing screen; nothing
    else, and no garbage collection. Right after it, one step per turn of the event loop:
    the controller thread (it imports the CAN stack and the station itself), the other
    fonts, the QR provider and Home in the background; the bridge to the controller
    (presenter, Babel), the keys; the warm-up (:func:`hmi.startup.warm_up`); the simulator
    panel. The Initializing screen is what the controller's self-test shows anyway, so
    drivers see the screen light up without waiting for any of that, and Home is ready
    when the self-test ends. Every other screen is created when it is first shown.
    """

    def __init__(self, config: Config, kiosk_mode: bool, size: tuple[int, int], csms_url: str | None = None,
                 demo_csms: DemoCentralSystem | None = None) -> None:
        self.config = config
        self.csms_url = csms_url
        self.kiosk_mode = kiosk_mode
        self.demo_csms = demo_csms
        self.runtime: ControllerRuntime | None = None  # built after the first frame
        self.panel: SimulatorPanel | None = None  # the simulated hardware's hands ([simulation].enabled)
        startup.hold_garbage_collection()  # until the self-test ends (evse-hmi holds it already)
        use_low_latency()
        self.app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
        self.app.setApplicationName("evse-hmi")
        load_fonts(self.app, first_frame=True)
        self.kiosk = Kiosk()
        connector_count = len(connectors_of(config.station.version))
        self.kiosk.update(chargePointId=config.station.charge_point_id, modelName=config.station.model,
                          versionCode=config.station.version, connectorCount=connector_count)
        # Home, preloaded before the controller's first snapshot, binds to these
        self.kiosk.show(self.kiosk.values, [ConnectorViewModel() for _ in range(connector_count)])
        if not kiosk_mode and config.simulation.enabled:
            # the panel comes after the first frame, but its QML type must be registered before
            # the engine first imports the Evse module (a type registered later is unavailable)
            import hmi.simulator_panel  # noqa: F401
        self.scene = Scene(self.kiosk, qr_codes=False)
        startup.mark("QML loaded")
        self.bridge: KioskBridge | None = None
        self.voice: Voice | None = None
        self.csms_buttons: CsmsButtons | None = None
        self._self_test_ended = False
        # systemd (deploy/evse-hmi.service): WATCHDOG=1 only while both this thread's heartbeat
        # and the controller's loop are alive, from a thread of the pinger's own; READY=1 once
        # the first snapshot after the self-test is presented; STOPPING=1 when a signal ends
        # the kiosk (not when it ends by itself: the release launcher then runs the next
        # version, and STOPPING=1 would make systemd stop the whole service)
        self.stop_signalled = False
        self.heartbeat = Heartbeat()
        self.notifier: ServiceNotifier | None = None  # built with the controller
        self.pinger = WatchdogPinger([Liveness("the controller loop", lambda: controller_age(self.runtime)),
                                      Liveness("the GUI thread", self.heartbeat.age)])
        self.pinger.start()
        self.watchdog = QTimer()
        self.watchdog.timeout.connect(self._watch)
        self.watchdog.start(WATCHDOG_INTERVAL_MS)
        # once: with a threaded render loop (a real GL display) frameSwapped comes from the
        # render thread, queued, and a second frame can be queued before the first is handled
        self.scene.window.frameSwapped.connect(self._first_frame, Qt.ConnectionType.SingleShotConnection)
        window = self.scene.window
        rotation = config.display.rotation  # a panel mounted rotated: the scene turns, touch with it
        window.setProperty("panelRotation", rotation)
        if kiosk_mode:
            window.showFullScreen()
        else:
            width, height = size
            window.resize(*((height, width) if rotation in (90, 270) else (width, height)))
            window.show()

    def _first_frame(self) -> None:
        startup.mark("first frame")
        QTimer.singleShot(0, self._start_controller)  # not from inside the frame being swapped
        QTimer.singleShot(GC_HOLD_MAX_MS, startup.release_garbage_collection)

    # After the first frame, one step per turn of the event loop, so that frames and Home's
    # preloading go on in between: what the driver needs next comes first.

    def _start_controller(self) -> None:
        # With [simulation].enabled the simulated hardware is on the controller's bus, and its
        # panel beside the kiosk. The runtime's thread imports the CAN stack and the station.
        from controller.sim.panel import build_runtime

        self.runtime, self.panel = build_runtime(self.config, csms_url=self.csms_url)
        self.runtime.start(wait=False)
        self.runtime.subscribe(self._watch_self_test)
        from controller.service_status import ServiceNotifier

        self.notifier = ServiceNotifier(ready_after_self_test=False)  # ready() when Home is presented
        self.runtime.subscribe(self.notifier.view)
        startup.mark("controller thread started")
        from hmi.i18n import register_fonts

        register_fonts(first_frame=False)  # Inter Medium (Home uses it), the CJK fonts
        self.scene.install_qr_provider()
        self.scene.preload()  # Home: it follows the self-test
        QTimer.singleShot(0, self._connect)

    def _connect(self) -> None:
        assert self.runtime is not None
        from hmi.bridge import KioskBridge
        from hmi.format import Formatter
        from hmi.input import ButtonKeys

        station = self.config.station
        self.bridge = KioskBridge(self.kiosk, Formatter(station.language, station.time_zone), self.runtime.submit,
                                  self.scene.translations)
        self.runtime.subscribe(self.bridge.push)
        self.bridge.presented.connect(self._after_self_test)
        ButtonKeys(self.runtime.submit, self.scene.window,
                   lambda: self.bridge.view.focused if self.bridge and self.bridge.view else None)
        from hmi.voice import Voice

        self.voice = Voice(self.bridge)  # spoken guidance (a no-op, logged, without espeak-ng)
        if self.kiosk_mode:
            from PySide6.QtCore import Qt
            from PySide6.QtGui import QCursor

            self.app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        import signal

        # Ctrl+C ends the demo, SIGTERM (systemd's stop) the kiosk, both with the last readings
        # saved; the watchdog timer also lets Python see the signal
        signal.signal(signal.SIGINT, self._stop_by_signal)
        signal.signal(signal.SIGTERM, self._stop_by_signal)
        startup.mark("bridge connected")
        QTimer.singleShot(0, self._warm_up)

    def _stop_by_signal(self, *_: object) -> None:
        self.stop_signalled = True
        self.app.quit()

    def _warm_up(self) -> None:
        station = self.config.station
        startup.warm_up(station.language, station.time_zone, self.config.tariff.currency)
        startup.mark("warmed up")
        if not self.kiosk_mode and self.panel is not None:
            QTimer.singleShot(0, self._show_panel)

    def _show_panel(self) -> None:
        from hmi.demo_panel import simulator_control

        assert self.panel is not None
        control, self.csms_buttons = simulator_control(self.config, self.panel, self.demo_csms)
        panel = self.scene.load_panel(control)
        window = self.scene.window
        panel.setX(window.x() + window.width() + 16)
        panel.show()

    def _after_self_test(self) -> None:
        """The first snapshot after the self-test is presented: once its frame is on screen,
        every connector's QR code is built ahead (a driver's first switch to the other
        connector would otherwise wait for its code)."""
        from controller.view import StationPhase

        view = self.bridge.view if self.bridge is not None else None
        if view is None or view.phase is StationPhase.INITIALIZING:
            return
        self.bridge.presented.disconnect(self._after_self_test)  # type: ignore[union-attr]
        if self.notifier is not None:
            self.notifier.ready()  # both threads proved alive: the controller's snapshot is presented
        window = self.scene.window

        def after_frame() -> None:
            QTimer.singleShot(0, lambda: prefetch_qr_codes(view.qr_payloads))

        window.frameSwapped.connect(after_frame, Qt.ConnectionType.SingleShotConnection)

    def _watch_self_test(self, view: StationView) -> None:
        """The start-up timeline's controller events (controller thread)."""
        if self._self_test_ended:
            return
        from controller.view import StationPhase

        startup.mark("controller's first snapshot")
        if view.phase is not StationPhase.INITIALIZING:
            startup.mark("self-test ended")
            self._self_test_ended = True
            startup.release_garbage_collection()

    def _watch(self) -> None:
        self.heartbeat.beat()
        if self.runtime is None:
            return
        if self.runtime.error is not None:
            log.critical("the controller stopped: %s", self.runtime.error)
            self.app.exit(3)
            return
        if self.runtime.exit_code is not None:  # an installed update: the launcher starts it
            self.app.exit(self.runtime.exit_code)
            return
        if self.bridge is not None:
            watch_controller(self.runtime, self.bridge)

    def run(self, exit_on_screen: str | None = None) -> int:
        if exit_on_screen is not None:
            exit_on_first_frame(self.app, self.scene, self.kiosk, exit_on_screen)
        try:
            return self.app.exec()
        finally:
            self.close()

    def close(self) -> None:
        """Stop the controller and take the windows down (while the application exists)."""
        startup.release_garbage_collection()
        if self.notifier is not None and self.stop_signalled:
            self.notifier.stopping()
        self.pinger.stop()
        self.watchdog.stop()
        if self.csms_buttons is not None:
            self.csms_buttons.close()
        if self.voice is not None:
            self.voice.close()
        if self.runtime is not None:
            self.runtime.stop()
        self.scene.dispose()


def run_desktop(config: Config, kiosk_mode: bool, size: tuple[int, int], exit_on_screen: str | None = None,
                csms_url: str | None = None, demo_csms: DemoCentralSystem | None = None) -> int:
    """Run the interactive kiosk until it is closed; returns the exit code. With
    ``[simulation].enabled`` the simulated hardware is on the controller's bus and, unless
    ``kiosk_mode``, the simulator panel is shown beside the kiosk."""
    return DesktopKiosk(config, kiosk_mode, size, csms_url, demo_csms).run(exit_on_screen)
