"""A station and its simulated hardware on one CAN bus, driven step by step.

With a :class:`~controller.clock.FakeClock` this runs a 40-minute session in a moment
and is fully deterministic: tests and scripted scenarios use it.  The station, its store,
its backend and the simulated hardware on the bus are built by the same composition root as
the real-time runtime's (:func:`controller.assembly.assemble`), and an OCPP Reset is the same
:meth:`~controller.assembly.Assembly.restart`; only the driving differs.

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
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from controller.assembly import Assembly, BusFactory, assemble
from controller.buses.can_link import CanLink
from controller.clock import Clock, FakeClock
from controller.commands import Command
from controller.config import Config, backend_configured
from controller.session import ConnectorState
from controller.sim.hardware import SimulatedHardware
from controller.station import Station
from controller.station_port import StationPort
from controller.store import Store
from controller.types import Side
from controller.view import StationPhase, StationView

if TYPE_CHECKING:
    from controller.backend import Backend
    from controller.ocpp.storage import Storage

_channels = itertools.count(1)
_T = TypeVar("_T")

#: Real seconds a world waits for its backend to connect at start, and for the transaction
#: queue to empty at close.
BACKEND_START_S = 15.0
BACKEND_DRAIN_S = 10.0

#: Builds the simulated hardware on the world's bus (tests: another PSU count, ...).
HardwareFactory = Callable[[BusFactory], SimulatedHardware]


class World:
    """Station + simulated hardware; ``step()`` is one controller cycle."""

    hardware: SimulatedHardware  # the boards, power modules and EVs on the world's bus

    def __init__(self, config: Config, clock: Clock | None = None, channel: str | None = None,
                 store: Store | None = None, csms_url: str | None = None,
                 ocpp_storage: Storage | None = None, hardware: HardwareFactory | None = None) -> None:
        self.config = config
        self.clock = clock or FakeClock()
        self.csms_url = csms_url
        # every world gets its own virtual channel so parallel worlds never hear each other
        self.channel = channel or f"{config.can.channel}-{next(_channels)}"
        self.cycle_s = config.can.cycle_ms / 1000.0
        self.loop: asyncio.AbstractEventLoop | None = None
        self._verdict_deadline: float | None = None  # real time a card's verdict is waited for until
        build = hardware or (lambda bus: SimulatedHardware(config, bus))

        def on_the_bus(bus: BusFactory) -> SimulatedHardware:
            self.hardware = build(bus)
            return self.hardware

        if backend_configured(config, csms_url):
            from controller.ocpp.storage import Storage

            self.loop = asyncio.new_event_loop()
            ocpp_storage = ocpp_storage or Storage(":memory:")  # in memory unless given one, like the store
        # in memory unless given one: tests and scenarios never touch [storage].path
        self.assembly: Assembly = assemble(config, clock=self.clock, channel=self.channel,
                                           store=store if store is not None else Store(":memory:"),
                                           csms_url=csms_url, ocpp_storage=ocpp_storage, devices=(on_the_bus,))
        if self.loop is not None:
            self.loop.run_until_complete(self.assembly.start())
        self.view: StationView = self.station.view()

    # --- what the assembly holds (a Reset replaces the station and the backend) ----------

    @property
    def station(self) -> Station:
        return self.assembly.station

    @property
    def backend(self) -> Backend | None:
        return self.assembly.backend

    @property
    def link(self) -> CanLink:
        return self.assembly.link

    @property
    def store(self) -> Store:
        return self.assembly.store

    @property
    def restarts(self) -> int:
        """OCPP Resets (and power cycles) carried out."""
        return self.assembly.restarts

    def submit(self, command: Command) -> None:
        """A command for the station running now (the headless kiosk's intents)."""
        self.station.submit(command)

    # --- driving -------------------------------------------------------------------------

    def _run(self, coroutine: Coroutine[Any, Any, _T]) -> _T:
        """Run ``coroutine`` to its end: on the backend's loop, or on a loop of its own when the
        world has no backend (nothing then waits in it)."""
        if self.loop is not None:
            return self.loop.run_until_complete(coroutine)
        loop = asyncio.new_event_loop()
        try:
            return loop.run_until_complete(coroutine)
        finally:
            loop.close()

    def run_backend(self, coroutine: Any) -> Any:
        """Run ``coroutine`` on the backend's loop until it is done (tests: a CSMS call)."""
        assert self.loop is not None, "this world has no backend"
        return self.loop.run_until_complete(coroutine)

    @property
    def port(self) -> StationPort:
        """The station as a backend sees it (tests: a backend's calls without a backend)."""
        return StationPort(self.station)

    def step(self) -> StationView:
        """One cycle at the current time: hardware, then the controller (then its backend)."""
        self.view = self.assembly.cycle()
        if self.backend is not None:
            self.loop.run_until_complete(self._backend_cycle())  # type: ignore[union-attr]
            if self.assembly.reset_requested is not None:
                self.restart()
            self.view = self.station.publish()
        return self.view

    async def _backend_cycle(self) -> None:
        """Hand the station's events over, let the client tick and the websocket move; while
        a card waits for its verdict, wait for it (real time)."""
        backend = self.backend
        assert backend is not None
        self.assembly.flush()
        backend.client.tick()
        for _ in range(3):
            await asyncio.sleep(0)
        if not self.station.authorization.awaiting_backend:
            self._verdict_deadline = None
        elif self._verdict_deadline is None:  # one real-time wait per card, not one per cycle
            self._verdict_deadline = time.monotonic() + backend.client.settings.response_timeout_s + 2.0
        while self.station.authorization.awaiting_backend and time.monotonic() < (self._verdict_deadline or 0.0):
            await asyncio.sleep(0.002)
        self.station.publish()  # what the backend changed meanwhile
        self.assembly.flush()

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
        """OCPP Reset (:meth:`controller.assembly.Assembly.restart`): a new station (and client)
        on the same store, bus and hardware.  Called with no reset requested it stands for a
        power cycle (tests, the soak run); the simulated boards never power-cycle."""
        self._run(self.assembly.restart())
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
        if not self.run_until(lambda v: v.phase is StationPhase.READY, timeout):
            raise TimeoutError("the station did not finish its self-test")
        if self.backend is not None:
            from controller.ocpp.boot import BootState

            client = self.backend.client
            booted = (BootState.PENDING, BootState.REJECTED)
            self.settle(lambda: client.online or client.boot.state in booted
                        or (client.connection_attempts > 0 and not client.outbox.connected), BACKEND_START_S)

    def state(self, side: Side) -> ConnectorState:
        return self.station.connectors[side].machine.state

    def close(self) -> None:
        """Let the transaction messages out (bounded), then close everything the world built."""
        if self.backend is not None:
            client = self.backend.client
            if client.online:
                self.settle(lambda: len(client.queue) == 0 or not client.online, BACKEND_DRAIN_S)
        try:
            self._run(self.assembly.close())
        finally:
            if self.loop is not None:
                self.loop.close()
