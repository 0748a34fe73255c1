"""Real-time runtime: the assembled controller on an asyncio loop of its own thread.

The HMI talks to it through thread-safe doors: ``submit()`` for the kiosk's commands; the
RFID reader's thread uses ``card_read()`` and ``reader_available()``; whoever drives a device
on the bus (the demo's simulator panel) runs its work on the controller's thread with
``call()``.  Snapshots come back through listeners called on the controller thread.  A slow
frame on the screen can never delay the controller, and the controller never waits on Qt.

What runs is built by :func:`controller.assembly.assemble` (the one composition root): the
station on its CAN link and store, the OCPP client as one more task on the same loop when a
central system is configured (``[ocpp].url`` or ``--csms URL``), and the other devices on the
bus the caller hands over (``devices``: the simulated hardware of the demo and of tests; none
on a real charger).  The loop only cycles the assembly; an OCPP Reset is
:meth:`~controller.assembly.Assembly.restart`: the screen shows Initializing again while the
boards re-run their self-test.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from controller.clock import Clock, SystemClock
from controller.commands import Command, PresentToken
from controller.config import Config

if TYPE_CHECKING:
    import asyncio

    from controller.assembly import Assembly, DeviceFactory
    from controller.backend import Backend
    from controller.buses.can_link import CanLink
    from controller.buses.rfid import CardReader
    from controller.station import Station
    from controller.view import StationView

log = logging.getLogger(__name__)

ViewListener = Callable[["StationView"], None]

#: Cycle while the boards answer the start-up self-test (seconds).
INIT_CYCLE_S = 0.005
#: Idle on Home, the cycle is this many times the configured one (0.5 s by default: the
#: boards' command timeout and the station's board watchdog are 1 s; intents, and frames
#: on a bus that can wake the loop, still get a cycle at once).
IDLE_CYCLE_FACTOR = 10


class ControllerRuntime:
    """Owns the controller thread and its event loop."""

    def __init__(self, config: Config, clock: Clock | None = None, csms_url: str | None = None,
                 devices: Sequence[DeviceFactory] = ()) -> None:
        self.config = config
        self.clock = clock or SystemClock()
        self.csms_url = csms_url  # --csms URL: replaces [ocpp].url, the last path segment is the charge point id
        self.devices = tuple(devices)  # the other nodes on the bus, built on the controller's thread
        self.assembly: Assembly | None = None
        self.reader: CardReader | None = None
        self._listeners: list[ViewListener] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._stopping = False
        self.error: BaseException | None = None
        #: Set (from the controller thread) when the process should end with this code: an
        #: installed update asks for EXIT_RESTART, so that the release launcher starts it.
        self.exit_code: int | None = None
        self._health_confirmed = False
        self.last_cycle_at: float | None = None  # time.monotonic() at the end of the last cycle
        self._wake: asyncio.Event | None = None

    @property
    def station(self) -> Station | None:
        """The station running now (a Reset replaces it); None before the start."""
        return self.assembly.station if self.assembly is not None else None

    @property
    def backend(self) -> Backend | None:
        """The station's backend (None without a central system, or before the start)."""
        return self.assembly.backend if self.assembly is not None else None

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

    # --- the thread-safe doors -----------------------------------------------------------

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
        if self.assembly is not None:
            self.assembly.set_reader_available(available)
            self.station.publish()  # type: ignore[union-attr]

    def call(self, function: Callable[[], None]) -> None:
        """Run ``function()`` on the controller's thread, in order with the other doors, then a
        cycle at once (e.g. the demo panel's hands on the simulated hardware); returns at once.
        Dropped before the controller's loop runs and after it ended; an exception is logged."""
        self._call(function)

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

    # --- the controller thread -------------------------------------------------------------

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

    def _watch_bus(self, loop: asyncio.AbstractEventLoop, link: CanLink) -> None:
        """Wake on incoming frames where the interface has a file descriptor (SocketCAN, ...);
        the in-process virtual bus has none and is polled every cycle.  A lost handle is no
        longer watched (a dead socket would wake the loop without end), a re-opened one is."""
        watched: list[int] = []

        def follow(bus: Any) -> None:  # a can.BusABC, or None while lost
            for descriptor in watched:
                loop.remove_reader(descriptor)
            watched.clear()
            try:
                descriptor = bus.fileno() if bus is not None else -1
            except NotImplementedError:
                return
            if descriptor is not None and descriptor >= 0:
                loop.add_reader(descriptor, self._wake.set)
                watched.append(descriptor)

        follow(link.bus)
        link.bus_changed.append(follow)

    def _restart_into_update(self) -> None:
        """An update is installed and on trial: the process ends with EXIT_RESTART (the kiosk and
        the headless process watch :attr:`exit_code`), and the launcher starts the new version."""
        from controller.release.launcher import EXIT_RESTART

        log.warning("restarting into the installed update")
        self.exit_code = EXIT_RESTART

    def _confirm_health(self, view: StationView) -> None:
        """The health check of a version on trial: once the self-test has ended and, when a central
        system is configured, it has accepted the charger, this version is kept (a no-op outside a
        managed install)."""
        from controller.view import StationPhase

        if self._health_confirmed or view.phase is StationPhase.INITIALIZING:
            return
        if view.backend_configured and not view.online:
            return
        from controller.release.health import confirm_healthy

        self._health_confirmed = True
        confirm_healthy()

    def _notify(self, view: StationView) -> None:
        for listener in list(self._listeners):
            listener(view)

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

        from controller.assembly import assemble
        from controller.buses.rfid import open_reader
        from controller.view import StationPhase

        self._wake = asyncio.Event()
        assembly = assemble(self.config, clock=self.clock, csms_url=self.csms_url, devices=self.devices,
                            changed=self._wake_up, software_restart=self._restart_into_update)
        self.assembly = assembly
        assembly.subscribe(self._notify)
        assembly.subscribe(self._confirm_health)
        self._drive_backlight(assembly)
        try:
            await assembly.start()
            self._watch_bus(asyncio.get_running_loop(), assembly.link)
            self.reader = open_reader(self.config.authorization, self.card_read, self.reader_available)
            self._ready.set()
            await self._cycle_until_stopped(assembly, StationPhase)
        finally:
            if self.reader is not None:
                self.reader.stop()
            await assembly.close()  # the last meter readings and session states to disk

    def _drive_backlight(self, assembly: Assembly) -> None:
        """With ``[display_power]`` on, the panel's backlight follows the station's display
        state (controller/backlight.py; writes only on a change). Off, it is left alone: a
        desktop's or a laptop's backlight is not the kiosk's to set."""
        if not self.config.display_power.enabled:
            return
        from controller.backlight import Backlight

        backlight = Backlight.open(self.config.display.backlight)
        if backlight is None:
            return
        log.info("display power drives the backlight %s", backlight.describe())
        assembly.subscribe(lambda view: backlight.apply(view.display.brightness_percent))

    async def _cycle_until_stopped(self, assembly: Assembly, phases: Any) -> None:
        """Cycle the assembly in real time until :meth:`stop`; a Reset restarts it in place."""
        next_at = self.clock.monotonic()
        while not self._stopping:
            try:
                assembly.cycle()
                assembly.flush()
                if assembly.reset_requested is not None:
                    await assembly.restart()
            except Exception:  # a bug in one cycle must not end the controller
                log.exception("controller cycle failed")
            self.last_cycle_at = time.monotonic()
            cycle = self._cycle_s(phases)
            # a steady rhythm, but never more than one cycle ahead after an early wake-up
            next_at = min(next_at + cycle, self.clock.monotonic() + cycle)
            delay = next_at - self.clock.monotonic()
            if delay < -cycle:  # fell behind (suspended machine): do not burst to catch up
                next_at = self.clock.monotonic()
                delay = 0.0
            await self._sleep(max(0.0, delay))
