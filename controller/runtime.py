"""Real-time runtime: the station (and its simulated hardware) on an asyncio loop of its own thread.

The HMI talks to it through two thread-safe doors: ``submit()`` for the kiosk's commands
and ``simulate()`` for the presenter's hands on the simulated hardware; the RFID
reader's thread uses a third, ``card_read()`` and ``reader_available()``.  Snapshots
come back through listeners called on the controller thread.  A slow frame on the
screen can never delay the controller, and the controller never waits on Qt.

With a central system (``[ocpp].url`` or ``--csms URL``) the OCPP client runs as one more
task on the same loop (:mod:`controller.backend`); the station hands it its events after
every cycle.  An OCPP Reset builds a new station (and client) on the same loop: the
screen shows Initializing again while the boards re-run their self-test.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from controller.clock import Clock, SystemClock
from controller.commands import Command, PresentToken
from controller.config import Config, backend_configured
from controller.types import Side

if TYPE_CHECKING:
    import asyncio

    from controller.backend import Backend
    from controller.buses.can_link import CanLink
    from controller.buses.rfid import CardReader
    from controller.ocpp.storage import Storage
    from controller.sim.hardware import SimulatedHardware
    from controller.station import Station
    from controller.store import Store
    from controller.view import StationView

log = logging.getLogger(__name__)

ViewListener = Callable[["StationView"], None]

#: Cycle while the boards answer the start-up self-test (seconds).
INIT_CYCLE_S = 0.005
#: Idle on Home, the cycle is this many times the configured one.
IDLE_CYCLE_FACTOR = 4
#: What a simulated power module reports when the presenter fails it: PSU Failure Alarm.
PSU_FAILURE_CODE = 12267


class ControllerRuntime:
    """Owns the controller thread and its event loop."""

    def __init__(self, config: Config, clock: Clock | None = None, csms_url: str | None = None) -> None:
        self.config = config
        self.clock = clock or SystemClock()
        self.csms_url = csms_url  # --csms URL: replaces [ocpp].url, the last path segment is the charge point id
        self.station: Station | None = None
        self.backend: Backend | None = None
        self._store: Store | None = None
        self._ocpp_storage: Storage | None = None
        self.hardware: SimulatedHardware | None = None
        self.reader: CardReader | None = None
        self._listeners: list[ViewListener] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stopping = False
        self.error: BaseException | None = None
        self.last_cycle_at: float | None = None  # time.monotonic() at the end of the last cycle
        self._wake: asyncio.Event | None = None

    def stalled_for(self) -> float:
        """Seconds since the controller last finished a cycle (0 before its first one); the
        HMI's watchdog shows Out of service when this grows, instead of frozen numbers."""
        if self.last_cycle_at is None:
            return 0.0
        if self._thread is not None and not self._thread.is_alive():
            return float("inf")
        return time.monotonic() - self.last_cycle_at

    def subscribe(self, listener: ViewListener) -> None:
        """``listener(view)`` runs on the controller thread after each changed tick; it also
        gets the current snapshot at once if the controller is already running."""
        self._listeners.append(listener)
        self._call(lambda: listener(self.station.publish()) if self.station else None)

    def start(self, wait: bool = True) -> None:
        """Start the controller thread; it imports the CAN stack itself, so a caller that
        does not ``wait`` can build its window meanwhile."""
        self._thread = threading.Thread(target=self._run, name="controller", daemon=True)
        self._thread.start()
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout: float = 30.0) -> None:
        self._ready.wait(timeout=timeout)
        if self.error is not None:
            raise RuntimeError("the controller failed to start") from self.error

    def stop(self) -> None:
        self._stopping = True
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: the thread is ending
                self._loop.call_soon_threadsafe(lambda: None)
            self._thread.join(timeout=5)

    def submit(self, command: Command) -> None:
        """A command from the kiosk (button, touch, card tap); returns at once."""
        self._call(lambda: self._submit(command))

    def _submit(self, command: Command) -> None:
        if self.station is not None:
            self.station.submit(command)
            self.station.publish()

    def card_read(self, token: str) -> None:
        """A card tapped on the RFID reader (called on the reader's thread); returns at once."""
        self._call(lambda: self._submit(PresentToken(token)))

    def reader_available(self, available: bool) -> None:
        """The RFID reader came back or went away (reader's thread); returns at once."""
        self._call(lambda: self._reader_available(available))

    def _reader_available(self, available: bool) -> None:
        if self.station is not None:
            self.station.set_reader_available(available)
            self.station.publish()

    def simulate(self, action: str, argument: Any = None) -> None:
        """A presenter action on the simulated hardware (demo panel); returns at once."""
        self._call(lambda: self._simulate(action, argument))

    def _cycle_s(self, phases: Any) -> float:
        """How long until the next cycle.

        The self-test is a burst of request/answer frames and runs at a fast pace; while
        anything is going on (a session, a plugged cable, a pending authorization, a
        message) the configured cycle; a charger idle on Home checks four times less
        often, which is most of its life and most of its CPU.  Intents wake it at once.
        """
        station = self.station
        assert station is not None
        if station.phase is phases.INITIALIZING:
            return INIT_CYCLE_S
        cycle = self.config.can.cycle_ms / 1000.0
        return cycle if station.busy else cycle * IDLE_CYCLE_FACTOR

    async def _sleep(self, seconds: float) -> None:
        """Sleep until the next cycle, or less when a frame arrives on a bus that can tell."""
        import asyncio

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)
        self._wake.clear()

    def _watch_bus(self, loop: asyncio.AbstractEventLoop, link: Any) -> None:
        """Wake on incoming frames where the interface has a file descriptor (SocketCAN, ...);
        the in-process virtual bus has none and is polled every cycle."""
        try:
            descriptor = link.bus.fileno()
        except NotImplementedError:
            return
        if descriptor is not None and descriptor >= 0:
            loop.add_reader(descriptor, self._wake.set)

    def _notify(self, view: StationView) -> None:
        for listener in list(self._listeners):
            listener(view)

    def _call(self, function: Callable[[], None]) -> None:
        """Run ``function`` on the controller's loop; dropped once the controller has stopped
        (its failure is in ``error`` and the HMI's watchdog shows Out of service)."""
        if self._loop is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop is closed: the controller thread has ended
            self._loop.call_soon_threadsafe(self._guarded, function)
            self._loop.call_soon_threadsafe(self._wake_up)

    def _wake_up(self) -> None:
        """After an intent, run a cycle now (e.g. a plug-in from the simulator panel)."""
        if self._wake is not None:
            self._wake.set()

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
            self._submit(PresentToken(str(argument)))
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
        elif action == "ambient":
            hardware.set_ambient(float(argument))
        elif action == "input_voltage":
            hardware.set_input_voltage(float(argument))
        elif action == "psu_fault":
            index, failed = argument
            if 0 <= int(index) < len(hardware.psus):
                hardware.psu_fault(int(index), PSU_FAILURE_CODE if failed else 0)
        else:
            log.warning("unknown simulator action %r", action)

    def _run(self) -> None:
        import asyncio

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
        import asyncio

        import can

        from controller.buses.can_link import CanLink
        from controller.buses.rfid import open_reader
        from controller.sim.hardware import SimulatedHardware
        from controller.store import Store
        from controller.view import StationPhase

        config = self.config

        def bus() -> can.BusABC:
            return can.Bus(interface=config.can.interface, channel=config.can.channel)

        if config.simulation.enabled:
            self.hardware = SimulatedHardware(config, bus)
        link = CanLink(bus())
        self._store = Store(config.storage.path)
        self._wake = asyncio.Event()
        self._start_station(link)
        self._watch_bus(asyncio.get_running_loop(), link)
        self.reader = open_reader(config.authorization, self.card_read, self.reader_available)
        self._ready.set()
        next_at = self.clock.monotonic()
        try:
            while not self._stopping:
                now = self.clock.monotonic()
                try:
                    if self.hardware is not None:
                        self.hardware.step(now)
                    self.station.poll()
                    self.station.tick()
                    if self.backend is not None:
                        self.backend.flush()
                    if self.station.reset_requested is not None:
                        await self._restart(link)
                except Exception:  # a bug in one cycle must not end the controller
                    log.exception("controller cycle failed")
                self.last_cycle_at = time.monotonic()
                cycle = self._cycle_s(StationPhase)
                # a steady rhythm, but never more than one cycle ahead after an early wake-up
                next_at = min(next_at + cycle, self.clock.monotonic() + cycle)
                delay = next_at - self.clock.monotonic()
                if delay < -cycle:  # fell behind (suspended machine): do not burst to catch up
                    next_at = self.clock.monotonic()
                    delay = 0.0
                await self._sleep(max(0.0, delay))
        finally:
            if self.reader is not None:
                self.reader.stop()
            if self.backend is not None:
                await self.backend.close()
            self.station.close()  # the last meter readings and session states to disk
            link.close()
            if self.hardware is not None:
                self.hardware.close()

    def _start_station(self, link: CanLink) -> None:
        """A station on ``link`` (and its backend, when one is configured), on the running loop."""
        from controller.station import Station

        assert self._store is not None
        self.station = Station(self.config, link, self.clock, store=self._store)
        self.station.subscribe(self._notify)
        if not backend_configured(self.config, self.csms_url):
            return  # no central system: the OCPP stack (ocpp, jsonschema, websockets) is never loaded
        from controller.backend import Backend

        self.backend = Backend.build(self.config, self.station, self.clock, self.csms_url, self._ocpp_storage,
                                     changed=self._wake_up)
        if self.backend is not None:
            self._ocpp_storage = self.backend.storage
            self.backend.start()

    async def _restart(self, link: CanLink) -> None:
        """OCPP Reset: the sessions have stopped; a new station and client take over.  The closing
        station keeps its latched codes in the store for the new one after a soft reset only
        (:meth:`Station.close`); the boards re-run their self-test (simulated ones do not power-cycle)."""
        assert self.station is not None
        kind = self.station.reset_requested
        log.warning("%s reset: restarting the controller", kind)
        reader_available = self.station.reader_available  # the reader's thread goes on: it tells only changes
        if self.backend is not None:
            await self.backend.close(close_storage=False)
        self.station.close(close_store=False)
        self._start_station(link)
        if not reader_available:
            self.station.set_reader_available(False)
