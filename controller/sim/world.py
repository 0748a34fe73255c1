"""A station and its simulated hardware on one CAN bus, driven step by step.

With a :class:`~controller.clock.FakeClock` this runs a 40-minute session in a moment
and is fully deterministic: tests and scripted scenarios use it.  The real-time
runtime drives the very same objects from an asyncio loop instead.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import can

from controller.buses.can_link import CanLink
from controller.clock import Clock, FakeClock
from controller.config import Config
from controller.session import ConnectorState
from controller.sim.hardware import SimulatedHardware
from controller.station import Station
from controller.store import Store
from controller.types import Side
from controller.view import StationView

_channels = itertools.count(1)


class World:
    """Station + simulated hardware; ``step()`` is one controller cycle."""

    def __init__(self, config: Config, clock: Clock | None = None, channel: str | None = None,
                 store: Store | None = None) -> None:
        self.config = config
        self.clock = clock or FakeClock()
        interface = config.can.interface
        # every world gets its own virtual channel so parallel worlds never hear each other
        self.channel = channel or f"{config.can.channel}-{next(_channels)}"

        def bus() -> can.BusABC:
            return can.Bus(interface=interface, channel=self.channel)

        self.hardware = SimulatedHardware(config, bus)
        self.link = CanLink(bus())
        # in memory unless given one: tests and scenarios never touch [storage].path
        self.station = Station(config, self.link, self.clock, store=store)
        self.cycle_s = config.can.cycle_ms / 1000.0
        self.view: StationView = self.station.view()

    def step(self) -> StationView:
        """One cycle at the current time: hardware, then the controller."""
        self.hardware.step(self.clock.monotonic())
        self.station.poll()
        self.view = self.station.tick()
        return self.view

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
        """Run the start-up self-test to completion."""
        if not self.run_until(lambda v: v.phase.value == "ready", timeout):
            raise TimeoutError("the station did not finish its self-test")

    def state(self, side: Side) -> ConnectorState:
        return self.station.connectors[side].machine.state

    def close(self) -> None:
        self.station.close()
        self.hardware.close()
        self.link.close()
