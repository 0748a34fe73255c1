"""A station and its simulated hardware on one CAN bus, driven step by step.

With a :class:`~controller.clock.FakeClock` this runs a 40-minute session in a moment
and is fully deterministic: tests and scripted scenarios use it.  The real-time
runtime drives the very same objects from an asyncio loop instead.

With a central system (``[ocpp].url`` or ``csms_url``) the world owns an asyncio loop for
the OCPP client and runs it briefly after every cycle, so the websocket keeps moving while
simulated time races ahead.  A card waiting for the backend's verdict holds simulated time
until the verdict is in (real time, bounded by the client's answer timeout): to the
station the backend answers at once, so a scenario reads the same with or without one.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from typing import Any

import can

from controller.backend import Backend
from controller.buses.can_link import CanLink
from controller.clock import Clock, FakeClock
from controller.config import Config
from controller.ocpp.boot import BootState
from controller.ocpp.storage import Storage
from controller.session import ConnectorState
from controller.sim.hardware import SimulatedHardware
from controller.station import Station
from controller.store import Store
from controller.types import Side
from controller.view import StationView

_channels = itertools.count(1)

#: Real seconds a world waits for its backend to connect at start, and for the transaction
#: queue to empty at close.
BACKEND_START_S = 15.0
BACKEND_DRAIN_S = 10.0


class World:
    """Station + simulated hardware; ``step()`` is one controller cycle."""

    def __init__(self, config: Config, clock: Clock | None = None, channel: str | None = None,
                 store: Store | None = None, csms_url: str | None = None,
                 ocpp_storage: Storage | None = None) -> None:
        self.config = config
        self.clock = clock or FakeClock()
        self.csms_url = csms_url
        interface = config.can.interface
        # every world gets its own virtual channel so parallel worlds never hear each other
        self.channel = channel or f"{config.can.channel}-{next(_channels)}"

        def bus() -> can.BusABC:
            return can.Bus(interface=interface, channel=self.channel)

        self.hardware = SimulatedHardware(config, bus)
        self.link = CanLink(bus())
        # in memory unless given one: tests and scenarios never touch [storage].path
        self.store = store if store is not None else Store(":memory:")
        self.station = Station(config, self.link, self.clock, store=self.store)
        self.cycle_s = config.can.cycle_ms / 1000.0
        self.loop: asyncio.AbstractEventLoop | None = None
        self.backend: Backend | None = None
        self.restarts = 0  # OCPP Resets carried out
        self._verdict_deadline: float | None = None  # real time a card's verdict is waited for until
        if config.ocpp.url or csms_url:
            self.loop = asyncio.new_event_loop()
            # in memory unless given one, like the station's store
            self._ocpp_storage = ocpp_storage or Storage(":memory:")
            self._start_backend()
        self.view: StationView = self.station.view()

    def _start_backend(self) -> None:
        assert self.loop is not None
        self.backend = Backend.build(self.config, self.station, self.clock, self.csms_url, self._ocpp_storage)
        assert self.backend is not None

        async def start() -> None:
            self.backend.start()  # type: ignore[union-attr]

        self.loop.run_until_complete(start())

    def run_backend(self, coroutine: Any) -> Any:
        """Run ``coroutine`` on the backend's loop until it is done (tests: a CSMS call)."""
        assert self.loop is not None, "this world has no backend"
        return self.loop.run_until_complete(coroutine)

    def step(self) -> StationView:
        """One cycle at the current time: hardware, then the controller (then its backend)."""
        self.hardware.step(self.clock.monotonic())
        self.station.poll()
        self.view = self.station.tick()
        if self.backend is not None:
            self.loop.run_until_complete(self._backend_cycle())  # type: ignore[union-attr]
            if self.station.reset_requested is not None:
                self.restart()
            self.view = self.station.publish()
        return self.view

    async def _backend_cycle(self) -> None:
        """Hand the station's events over, let the client tick and the websocket move; while
        a card waits for its verdict, wait for it (real time)."""
        backend = self.backend
        assert backend is not None
        backend.flush()
        backend.client.tick()
        for _ in range(3):
            await asyncio.sleep(0)
        if not self.station.awaiting_backend:
            self._verdict_deadline = None
        elif self._verdict_deadline is None:  # one real-time wait per card, not one per cycle
            self._verdict_deadline = time.monotonic() + backend.client.settings.response_timeout_s + 2.0
        while self.station.awaiting_backend and time.monotonic() < (self._verdict_deadline or 0.0):
            await asyncio.sleep(0.002)
        self.station.publish()  # what the backend changed meanwhile
        backend.flush()

    def settle(self, predicate: Callable[[], bool], timeout_s: float = 20.0) -> bool:
        """Let the backend work in real time, cycling at the current simulated time, until
        ``predicate()`` holds; False after ``timeout_s`` real seconds (backend worlds only)."""
        assert self.loop is not None, "settle() needs a backend"
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                return False
            self.step()
            self.loop.run_until_complete(asyncio.sleep(0.005))
        self.view = self.station.publish()  # what the backend changed since the last cycle
        return True

    def restart(self) -> None:
        """OCPP Reset: a new station (and client) on the same store, bus and hardware.  Called
        with no reset requested it stands for a power cycle (tests, the soak run).  The closing
        station keeps its latched codes in the store for the next one after a soft reset only
        (:meth:`Station.close`); the simulated boards never power-cycle."""
        self.restarts += 1
        if self.backend is not None:
            self.loop.run_until_complete(self.backend.close(close_storage=False))  # type: ignore[union-attr]
        self.station.close(close_store=False)
        self.station = Station(self.config, self.link, self.clock, store=self.store)
        if self.loop is not None:
            self._start_backend()
        self.view = self.station.view()

    def advance(self, seconds: float, on_step: Callable[[StationView], None] | None = None,
                step: float | None = None) -> StationView:
        """Let ``seconds`` of simulated time pass, one cycle (or ``step``) at a time (fake clock only)."""
        assert isinstance(self.clock, FakeClock), "advance() needs a FakeClock"
        dt = step or self.cycle_s
        steps = max(1, round(seconds / dt))
        for _ in range(steps):
            self.clock.advance(dt)
            self.step()
            if on_step is not None:
                on_step(self.view)
        return self.view

    def run_until(self, predicate: Callable[[StationView], bool], timeout: float) -> bool:
        """Advance until ``predicate(view)`` holds; False when ``timeout`` seconds pass first."""
        assert isinstance(self.clock, FakeClock), "run_until() needs a FakeClock"
        waited = 0.0
        while not predicate(self.view):
            if waited >= timeout:
                return False
            self.clock.advance(self.cycle_s)
            waited += self.cycle_s
            self.step()
        return True

    def start(self, timeout: float = 30.0) -> None:
        """Run the start-up self-test to completion (and, with a backend, wait until its
        first attempt to connect has ended, either way)."""
        if not self.run_until(lambda v: v.phase.value == "ready", timeout):
            raise TimeoutError("the station did not finish its self-test")
        if self.backend is not None:
            client = self.backend.client
            booted = (BootState.PENDING, BootState.REJECTED)
            self.settle(lambda: client.online or client.boot.state in booted
                        or (client.connection_attempts > 0 and not client.outbox.connected), BACKEND_START_S)

    def state(self, side: Side) -> ConnectorState:
        return self.station.connectors[side].machine.state

    def close(self) -> None:
        if self.backend is not None and self.loop is not None:
            client = self.backend.client
            if client.online:  # let the transaction messages out (bounded)
                self.settle(lambda: len(client.queue) == 0 or not client.online, BACKEND_DRAIN_S)
            self.loop.run_until_complete(self.backend.close())
            self.loop.close()
        self.station.close()
        self.hardware.close()
        self.link.close()
