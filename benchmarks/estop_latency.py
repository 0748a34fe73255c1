"""Emergency stop: from the I/O board's frame on the bus to output off, in cycles and microseconds.

A J0U station (simulated boards, python-can virtual bus, fake clock) charges on the left;
the emergency-stop button is pressed, the I/O board sends its frame, and the controller runs
its cycles (``poll()`` then ``tick()``).  A spy on the bus records, with the bus's own
timestamps, the I/O board's frame and the first frames after it that command every power
module off (``CSU_PsuN Command``, ``Enable`` 0) and the DC contactors open
(``CSU_CbLeftCommand``, ``CloseContactor`` 0).

- cycles: controller cycles completed after the one whose ``poll()`` received the frame
  before both commands were on the bus (0 = within that same cycle);
- microseconds: bus time from the I/O board's frame to each command, the controller
  handling the frame as soon as it polls (as the runtime does on a bus that wakes it on a
  frame, e.g. SocketCAN; a bus polled once per cycle, like the in-process virtual one, adds
  the wait for the next cycle, up to ``[can].cycle_ms``).

Runs ``RUNS`` times (release, unplug, charge again between runs) and prints p50/p95/max as
one JSON line.
"""

from __future__ import annotations

import io
import json
import logging
import statistics
import sys
from dataclasses import dataclass

import can

from controller import commands as cmd
from controller.buses.can_link import Codec, Frame
from controller.config import Config
from controller.sim.world import World
from controller.types import Side

RUNS = 200
CARD = "04A1B2C3D4E5F6"
MAX_CYCLES = 5


@dataclass(frozen=True, slots=True)
class Sample:
    cycles: int  # controller cycles after the receiving one until output was off (0: the same cycle)
    psu_off_us: float  # bus time, I/O-board frame -> every PSU commanded off
    contactor_open_us: float  # bus time, I/O-board frame -> DC contactors commanded open


class Spy:
    """A second node on the world's channel that keeps every frame with its bus timestamp."""

    def __init__(self, channel: str) -> None:
        self.bus = can.Bus(interface="virtual", channel=channel)
        self.codec = Codec.shared()
        self.frames: list[tuple[float, Frame]] = []

    def collect(self) -> list[tuple[float, Frame]]:
        while (msg := self.bus.recv(timeout=0)) is not None:
            frame = self.codec.decode(msg)
            if frame is not None:
                self.frames.append((msg.timestamp, frame))
        return self.frames

    def clear(self) -> None:
        self.collect()
        self.frames.clear()

    def close(self) -> None:
        self.bus.shutdown()


def bench_world() -> World:
    config = Config().with_overrides(station={"version": "J0U"}, simulation={"stage_seconds": 0.2})
    world = World(config)
    world.start()
    return world


def charge(world: World, side: Side = Side.LEFT) -> None:
    world.station.submit(cmd.PresentToken(CARD))
    world.advance(0.1)
    world.hardware.plug(side)
    if not world.run_until(lambda v: v.connector(side).state == "charging", 30):
        raise RuntimeError(f"no charging on {side}: {world.view.connector(side)}")
    world.advance(1.0)  # the modules deliver


def _reaction(frames: list[tuple[float, Frame]], side: Side, enabled: set[str]) -> tuple[float, float] | None:
    """Bus times (µs) from the emergency-stop frame to PSU-off and contactor-open, once both happened."""
    start = next((t for t, f in frames if f.name == "IOB_Status" and f.signals["EmergencyStop"]), None)
    if start is None:
        return None
    after = [(t, f) for t, f in frames if t >= start]
    off: dict[str, float] = {}
    for t, f in after:
        if f.name in enabled and not f.signals["Enable"]:
            off.setdefault(f.name, t)
    command = f"CSU_Cb{side.name.title()}Command"
    opened = next((t for t, f in after if f.name == command and not f.signals["CloseContactor"]), None)
    if opened is None or set(off) != enabled:
        return None
    return (max(off.values()) - start) * 1e6, (opened - start) * 1e6


def measure_once(world: World, spy: Spy, side: Side = Side.LEFT) -> Sample:
    """Press the emergency stop during a session on ``side``; the reaction as seen on the bus."""
    enabled = {f"CSU_Psu{p.index + 1}Command" for p in world.station.psus if p.routed_to is side}
    if not enabled:
        raise RuntimeError("no power module feeds the session")
    spy.clear()
    world.hardware.set_emergency_stop(True)
    world.clock.advance(world.cycle_s)  # type: ignore[attr-defined]
    world.hardware.step(world.clock.monotonic())  # the I/O board sends its frame
    world.station.poll()  # the cycle that receives it ...
    reaction = _reaction(spy.collect(), side, enabled)
    world.view = world.station.tick()  # ... ends here
    cycles = 0
    while reaction is None:
        reaction = _reaction(spy.collect(), side, enabled)
        if reaction is not None:
            break
        if cycles >= MAX_CYCLES:
            raise RuntimeError(f"output still on {MAX_CYCLES} cycles after the emergency stop")
        cycles += 1
        world.step()
    return Sample(cycles, *reaction)


def recover(world: World, side: Side = Side.LEFT) -> None:
    """Release the button, unplug (manual 3.7.6) and wait for Home."""
    world.run_until(lambda v: v.connector(side).state == "finished", 10)
    world.hardware.set_emergency_stop(False)
    world.hardware.unplug(side)
    if not world.run_until(lambda v: v.connector(side).state == "available", 10):
        raise RuntimeError("the connector did not recover after the emergency stop")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> int:
    # the controller logs as in service (the emergency stop is a warning), to memory, not the terminal
    logging.basicConfig(level=logging.INFO, stream=io.StringIO())
    world = bench_world()
    spy = Spy(world.channel)
    samples: list[Sample] = []
    try:
        for _ in range(RUNS):
            charge(world)
            samples.append(measure_once(world, spy))
            recover(world)
    finally:
        spy.close()
        world.close()
    psu = [s.psu_off_us for s in samples]
    contactor = [s.contactor_open_us for s in samples]
    cycles = [s.cycles for s in samples]
    print(json.dumps({
        "runs": len(samples),
        "cycle_ms": world.config.can.cycle_ms,
        "cycles_max": max(cycles),
        "cycles_p50": statistics.median(cycles),
        "psu_off_p50_us": statistics.median(psu), "psu_off_p95_us": percentile(psu, 0.95), "psu_off_max_us": max(psu),
        "contactor_p50_us": statistics.median(contactor), "contactor_p95_us": percentile(contactor, 0.95),
        "contactor_max_us": max(contactor),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
