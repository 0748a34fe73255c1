"""Real-time runtime: the station (and its simulated hardware) on an asyncio loop of its own thread.

The HMI talks to it through two thread-safe doors: ``submit()`` for driver intents
and ``simulate()`` for the presenter's hands on the simulated hardware; snapshots
come back through listeners called on the controller thread.  A slow frame on the
screen can never delay the controller, and the controller never waits on Qt.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from typing import Any

import can

from controller.buses.can_link import CanLink
from controller.clock import Clock, SystemClock
from controller.config import Config
from controller.sim.hardware import SimulatedHardware
from controller.station import Station
from controller.types import Side
from controller.view import StationView

log = logging.getLogger(__name__)

ViewListener = Callable[[StationView], None]


class ControllerRuntime:
    """Owns the controller thread and its event loop."""

    def __init__(self, config: Config, clock: Clock | None = None) -> None:
        self.config = config
        self.clock = clock or SystemClock()
        self.station: Station | None = None
        self.hardware: SimulatedHardware | None = None
        self._listeners: list[ViewListener] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stopping = False
        self.error: BaseException | None = None

    def subscribe(self, listener: ViewListener) -> None:
        """``listener(view)`` runs on the controller thread after each changed tick."""
        self._listeners.append(listener)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="controller", daemon=True)
        self._thread.start()
        self._ready.wait(timeout=30)
        if self.error is not None:
            raise RuntimeError("the controller failed to start") from self.error

    def stop(self) -> None:
        self._stopping = True
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(lambda: None)
            self._thread.join(timeout=5)

    def submit(self, intent: str, argument: Any = None) -> None:
        """A driver intent (button, touch, card tap); returns at once."""
        self._call(lambda: self._submit(intent, argument))

    def _submit(self, intent: str, argument: Any) -> None:
        if self.station is not None:
            self.station.submit(intent, argument)
            self.station.publish()

    def simulate(self, action: str, argument: Any = None) -> None:
        """A presenter action on the simulated hardware (demo panel); returns at once."""
        self._call(lambda: self._simulate(action, argument))

    def _call(self, function: Callable[[], None]) -> None:
        if self._loop is None:
            return
        self._loop.call_soon_threadsafe(self._guarded, function)

    @staticmethod
    def _guarded(function: Callable[[], None]) -> None:
        try:
            function()
        except Exception:
            log.exception("intent failed")

    def _simulate(self, action: str, argument: Any) -> None:
        hardware = self.hardware
        if hardware is None:
            log.warning("no simulated hardware for %s", action)
            return
        if action == "plug":
            hardware.plug(Side(int(argument)))
        elif action == "unplug":
            hardware.unplug(Side(int(argument)))
        elif action == "tap":
            if self.station is not None:
                self.station.tap(str(argument))
                self.station.publish()
        elif action == "ev_soc":
            side, start, target = argument
            hardware.set_next_ev(Side(int(side)), start_soc=start, target_soc=target)
        elif action == "estop":
            hardware.set_emergency_stop(bool(argument))
        elif action == "door":
            hardware.set_door_open(bool(argument))
        elif action == "button_left":
            hardware.press(left=True)
        elif action == "button_right":
            hardware.press(left=False)
        elif action == "fault":
            side, code = argument
            hardware.inject_fault(Side(int(side)), int(code) if str(code).strip() else 0)
        else:
            log.warning("unknown simulator action %r", action)

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        except BaseException as exc:
            self.error = exc
            log.exception("controller thread stopped")
            self._ready.set()
        finally:
            loop.close()

    async def _main(self) -> None:
        config = self.config

        def bus() -> can.BusABC:
            return can.Bus(interface=config.can.interface, channel=config.can.channel)

        if config.simulation.enabled:
            self.hardware = SimulatedHardware(config, bus)
        link = CanLink(bus())
        self.station = Station(config, link, self.clock)
        for listener in self._listeners:
            self.station.subscribe(listener)
        self._ready.set()
        cycle = config.can.cycle_ms / 1000.0
        next_at = self.clock.monotonic()
        try:
            while not self._stopping:
                now = self.clock.monotonic()
                try:
                    if self.hardware is not None:
                        self.hardware.step(now)
                    self.station.poll()
                    self.station.tick()
                except Exception:  # a bug in one cycle must not end the controller
                    log.exception("controller cycle failed")
                next_at += cycle
                delay = next_at - self.clock.monotonic()
                if delay < -cycle:  # fell behind (suspended machine): do not burst to catch up
                    next_at = self.clock.monotonic()
                    delay = 0.0
                await asyncio.sleep(max(0.0, delay))
        finally:
            link.close()
            if self.hardware is not None:
                self.hardware.close()
