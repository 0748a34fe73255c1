"""The one composition root (controller/assembly.py): what it builds, what it steps, and the OCPP
Reset it carries out for the runtime and the world alike (the resets against a real central
system: tests/ocpp/test_charger_reset_*)."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest

from controller.assembly import Assembly, BusFactory, DeviceFactory, assemble
from controller.clock import FakeClock
from controller.config import Config
from controller.sim.hardware import SimulatedHardware
from controller.station_port import StationPort
from controller.store import Store
from controller.view import StationPhase, StationView

_channels = itertools.count(1)


class Recorder:
    """A device on the bus that only notes when it is stepped and closed."""

    def __init__(self) -> None:
        self.steps: list[float] = []
        self.closed = False

    def step(self, now: float) -> None:
        self.steps.append(now)

    def close(self) -> None:
        self.closed = True


def run(coroutine: Coroutine[Any, Any, None]) -> None:
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(coroutine)
    finally:
        loop.close()


def simulated(config: Config, hardware: list[SimulatedHardware]) -> DeviceFactory:
    """The simulated hardware as a device; each one built is appended to ``hardware``."""

    def factory(bus: BusFactory) -> SimulatedHardware:
        hardware.append(SimulatedHardware(config, bus))
        return hardware[-1]

    return factory


def ready(assembly: Assembly, clock: FakeClock, seconds: float = 10.0) -> StationView:
    view = assembly.station.view()
    waited = 0.0
    while view.phase is not StationPhase.READY and waited < seconds:
        clock.advance(0.05)
        waited += 0.05
        view = assembly.cycle()
    return view


@pytest.fixture
def config() -> Config:
    return Config().with_overrides(station={"version": "J0U"}, simulation={"boot_time_factor": 0.0},
                                   can={"channel": f"assembly-{next(_channels)}"})


def test_the_devices_on_the_bus_are_stepped_before_the_station_every_cycle_and_closed_with_it(config: Config) -> None:
    clock = FakeClock()
    recorder = Recorder()
    assembly = assemble(config, clock=clock, store=Store(":memory:"), devices=[lambda bus: recorder])
    clock.advance(0.05)
    assembly.cycle()
    clock.advance(0.05)
    assembly.cycle()
    assert recorder.steps == [clock.monotonic() - 0.05, clock.monotonic()]
    assert assembly.backend is None, "no central system configured: no backend"
    run(assembly.close())
    assert recorder.closed


def test_a_reset_builds_a_new_station_on_the_same_link_store_and_devices(config: Config) -> None:
    clock = FakeClock()
    hardware: list[SimulatedHardware] = []
    assembly = assemble(config, clock=clock, store=Store(":memory:"), devices=[simulated(config, hardware)])
    views: list[StationView] = []
    assembly.subscribe(views.append)
    assert ready(assembly, clock).phase is StationPhase.READY
    first, link, store = assembly.station, assembly.link, assembly.store
    StationPort(first).request_reset(hard=False)
    run(assembly.restart())
    assert assembly.station is not first and assembly.restarts == 1
    assert (assembly.link, assembly.store, len(hardware)) == (link, store, 1), "the bus, store and boards stay"
    assert assembly.station.phase is StationPhase.INITIALIZING, "the new station runs its self-test again"
    views.clear()
    assert ready(assembly, clock).phase is StationPhase.READY
    assert views and views[-1].phase is StationPhase.READY, "listeners follow the new station"
    run(assembly.close())


def test_a_reader_that_went_missing_stays_missing_after_a_reset(config: Config) -> None:
    clock = FakeClock()
    assembly = assemble(config, clock=clock, store=Store(":memory:"), devices=[simulated(config, [])])
    assembly.set_reader_available(False)
    run(assembly.restart())
    assert not assembly.station.reader_available
    assembly.set_reader_available(True)
    run(assembly.restart())
    assert assembly.station.reader_available
    run(assembly.close())


def test_the_station_s_own_reader_flag_is_not_the_reader_s_word(config: Config) -> None:
    """Only what the reader said carries over; a station told directly (tests) starts afresh."""
    clock = FakeClock()
    assembly = assemble(config, clock=clock, store=Store(":memory:"), devices=[simulated(config, [])])
    assembly.station.set_reader_available(False)
    run(assembly.restart())
    assert assembly.station.reader_available
    run(assembly.close())


def test_a_broken_can_interface_leaves_nothing_open(config: Config, tmp_path: Path) -> None:
    recorder = Recorder()
    broken = config.with_overrides(can={"interface": "socketcan", "channel": "no-such-can9"},
                                   storage={"path": str(tmp_path / "evse.sqlite3")})
    with pytest.raises(OSError):  # no such device (or, here, no AF_CAN at all)
        assemble(broken, clock=FakeClock(), devices=[lambda bus: recorder])
    assert recorder.closed
