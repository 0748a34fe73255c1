"""Maintenance counters and limits (013601-013605): counted over CAN, kept across restarts."""

from __future__ import annotations

from pathlib import Path

from controller import commands as cmd
from controller import counters
from controller.config import Config
from controller.sim.world import World
from controller.store import Store
from controller.types import Side
from tests.conftest import KNOWN_CARD, WorldFactory, charge


def world_on(path: Path, **sections: dict) -> World:
    """A started J0U station on the SQLite file ``path`` (a restart: a new process on the same file)."""
    config = Config().with_overrides(station={"version": "J0U"}, **sections)
    world = World(config, store=Store(path))
    world.start()
    return world


def plug_in_and_out(world: World, side: Side, times: int) -> None:
    for _ in range(times):
        world.hardware.plug(side)
        world.advance(0.2)
        world.hardware.unplug(side)
        world.advance(0.2)


def codes(world: World) -> set[tuple[str, Side | None]]:
    return {(c.code, c.side) for c in world.view.codes}


def test_plug_counts_survive_a_restart_and_raise_the_standards_code_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    limits = {"plug_limit_left": 5, "plug_limit_right": 0}
    world = world_on(path, maintenance=limits)
    plug_in_and_out(world, Side.LEFT, 3)
    plug_in_and_out(world, Side.RIGHT, 2)
    assert world.view.codes == ()
    world.close()

    world = world_on(path, maintenance=limits)  # restarted: the counts are still there
    assert world.station.counters.get(counters.plugs(1)) == 3
    assert world.station.counters.get(counters.plugs(2)) == 2
    plug_in_and_out(world, Side.LEFT, 2)
    plug_in_and_out(world, Side.RIGHT, 5)  # no limit on the right
    assert codes(world) == {("013603", Side.LEFT)}  # CHAdeMO max. plugging times
    charge(world, Side.LEFT)  # information only: charging goes on
    world.hardware.unplug(Side.LEFT)
    world.advance(0.5)
    world.close()

    world = world_on(path, maintenance=limits)
    assert codes(world) == {("013603", Side.LEFT)}, "the limit is still reached after a restart"
    world.station.reset_counter(counters.plugs(1))  # the connector was serviced
    assert world.station.view().codes == ()
    world.close()
    assert world_on(path, maintenance=limits).station.counters.get(counters.plugs(1)) == 0


def test_a_session_stops_at_the_maximum_charging_time_with_013601(make_world: WorldFactory) -> None:
    world = make_world("U00", limits={"max_charging_minutes": 2})
    charge(world, Side.LEFT)
    world.advance(110)
    assert world.view.connector(Side.LEFT).state == "charging"
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 20)
    session = world.view.connector(Side.LEFT).session
    assert session is not None and (session.stop_reason, session.stop_code) == ("time_limit", "013601")
    assert 120 <= session.charging_seconds <= 125


def test_no_time_limit_by_default(make_world: WorldFactory) -> None:
    world = make_world("U00", simulation={"time_factor": 1.0})
    charge(world, Side.LEFT)
    world.advance(600, step=0.5)
    assert world.view.connector(Side.LEFT).state == "charging"


def test_air_filter_hours_are_kept_across_restarts_and_remind_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    hours = {"air_filter_hours": 1}
    world = world_on(path, maintenance=hours)
    world.advance(40 * 60, step=1.0)
    assert world.view.codes == ()
    world.close()  # a clean shutdown saves the operating time

    world = world_on(path, maintenance=hours)
    assert 40 * 60 <= world.station.counters.get(counters.AIR_FILTER) < 41 * 60
    world.advance(21 * 60, step=1.0)
    assert codes(world) == {("013602", None)}
    world.station.submit(cmd.PresentToken(KNOWN_CARD))  # a reminder: charging goes on
    world.advance(0.1)
    world.hardware.plug(Side.LEFT)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
    world.station.reset_counter(counters.AIR_FILTER)  # new filters
    assert world.station.view().codes == ()
    world.close()


def test_a_killed_process_loses_at_most_one_save_interval_of_operating_time(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    world = world_on(path)
    world.advance(900, step=1.0)
    world.hardware.close()  # killed: no close(), no last save
    world.link.close()
    restarted = world_on(path)
    assert 900 - counters.SAVE_INTERVAL_S - 1 <= restarted.station.counters.get(counters.AIR_FILTER) <= 901
    restarted.close()
