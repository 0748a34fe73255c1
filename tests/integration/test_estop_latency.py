"""The emergency stop cuts output within the controller cycle that receives the I/O board's frame:
counted in cycles and frames on the bus (the microseconds are the benchmark's, ``make bench``)."""

from __future__ import annotations

import pytest

from benchmarks.estop_latency import Spy, bench_world, charge, measure_once, recover
from controller.types import Side


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
def test_emergency_stop_turns_the_modules_off_and_opens_the_contactors_in_the_same_cycle(side: Side) -> None:
    world = bench_world()
    spy = Spy(world.channel)
    try:
        for _ in range(5):
            charge(world, side)
            sample = measure_once(world, spy, side)
            assert sample.cycles == 0, "output off within the cycle that received the emergency-stop frame"
            assert world.view.connector(side).state in ("stopping", "finished")
            assert any(c.code == "012251" for c in world.view.codes)
            recover(world, side)
    finally:
        spy.close()
        world.close()
