"""What a power cut can lose is bounded: while energy flows the store is written at least every
``[storage].checkpoint_interval_s`` (simulated time), and on every change of the connector's state."""

from __future__ import annotations

import itertools

from controller import commands as cmd
from controller.config import Config
from controller.sim.world import World
from controller.store import Store
from controller.types import Side
from tests.conftest import KNOWN_CARD


def test_a_charging_session_is_checkpointed_every_interval_and_on_every_state_change() -> None:
    interval = 2.0
    store = Store(":memory:")
    config = Config().with_overrides(station={"version": "J0U"}, storage={"checkpoint_interval_s": interval},
                                     simulation={"boot_time_factor": 0.0, "stage_seconds": 0.2})
    world = World(config, store=store)
    try:
        world.start()
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        world.advance(0.1)
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "preparing", 5)
        assert len(store.sessions()) == 1, "written when it opens"
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 10)
        written: list[float] = []
        last = store.sessions()[0].updated_at
        for _ in range(round(30 / world.cycle_s)):
            world.advance(world.cycle_s)
            record = store.sessions()[0]
            if record.updated_at != last:
                last = record.updated_at
                written.append(world.clock.monotonic())
                lag = world.station.connectors[Side.LEFT].machine.session.energy_wh - record.energy_wh
                assert lag <= 60_000 * interval / 3600 + 1, "at most an interval of energy unrecorded"
        gaps = [b - a for a, b in itertools.pairwise(written)]
        assert gaps and max(gaps) <= interval + world.cycle_s + 1e-9
        world.clock.advance(world.cycle_s / 2)  # between two cycles: not a periodic checkpoint
        stopped_at = world.clock.now()
        world.station.submit(cmd.PresentToken(KNOWN_CARD))  # charging -> stopping, at once
        assert world.station.connectors[Side.LEFT].machine.state.value == "stopping"
        assert store.sessions()[0].updated_at == stopped_at, "written on the state change"
    finally:
        world.close()
