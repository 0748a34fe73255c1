"""The queue on a simulated station (fake clock, CAN boards, a real SQLite file): a session that
cannot charge yet says why and until when, starts by itself when its turn comes, and its wait
is neither an outage of its port nor a failed start."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from controller import commands as cmd
from controller import reliability_store as rs
from controller.clock import FakeClock
from controller.config import Config
from controller.queue import WaitReason
from controller.sim.world import World
from controller.store import Store
from controller.types import LedColour, LedPattern, Side
from controller.view import StationView
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD, charge

STEP_S = 0.25


def world_on(path: Path, version: str = "J0U") -> World:
    world = World(Config().with_overrides(station={"version": version}), clock=FakeClock(), store=Store(path))
    world.start()
    return world


def until(world: World, predicate: Callable[[StationView], bool], timeout: float) -> bool:
    """Advance in coarse steps until ``predicate`` holds; False after ``timeout`` simulated seconds."""
    waited = 0.0
    while not predicate(world.view):
        if waited >= timeout:
            return False
        world.advance(STEP_S, step=STEP_S)
        waited += STEP_S
    return True


def outages_during(path: Path, port: int) -> list[tuple]:
    """Outages of ``port`` other than the start-up's."""
    with sqlite3.connect(path) as db:
        return db.execute("SELECT cause FROM outages WHERE connector_id = ? AND cause != 'starting_up'",
                          (port,)).fetchall()


def outcomes(world: World) -> dict[int, bool]:
    """Each port's last session: successful?"""
    now = world.clock.now()
    return {o.port: o.successful for o in rs.session_outcomes(world.store.connection,
                                                                      now - timedelta(days=1), now)}


def test_with_one_module_the_right_waits_for_the_left_and_starts_when_it_is_done(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    world = world_on(path)
    world.hardware.set_next_ev(Side.LEFT, start_soc=76, target_soc=80)
    world.hardware.psu_fault(0, 12267)
    assert world.run_until(lambda v: "012267" in {c.code for c in v.codes}, 5)
    charge(world, Side.LEFT)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    world.advance(10, step=STEP_S)
    left, right = world.view.connector(Side.LEFT), world.view.connector(Side.RIGHT)
    assert left.power_w > 20_000 and left.waiting is None and left.eta_seconds is not None
    assert right.power_w == 0 and right.waiting is not None
    assert right.waiting.reason is WaitReason.PSU_DOWN  # a configured module is out, the left has the other
    assert right.waiting.until_s is not None and abs(right.waiting.until_s - left.eta_seconds) <= 60
    # still the session's state, but its LED blinks as while preparing instead of breathing as energy flows
    assert (right.state, right.led_colour, right.led_pattern) == ("charging", LedColour.BLUE, LedPattern.BLINK)
    assert left.led_pattern is LedPattern.BREATHE
    assert until(world, lambda v: v.connector(Side.LEFT).state == "finished", 1800)
    assert until(world, lambda v: v.connector(Side.RIGHT).power_w > 20_000, 20)
    assert world.view.connector(Side.RIGHT).waiting is None
    world.hardware.unplug(Side.LEFT)
    world.station.submit(cmd.TouchStop(Side.RIGHT))
    assert until(world, lambda v: v.connector(Side.RIGHT).state == "finished", 30)
    world.advance(1.0)
    assert outcomes(world) == {1: True, 2: True}  # the queued start that then charged is a success
    assert outages_during(path, 2) == []  # 012267 does not block: the port was up, only queued
    world.close()


def test_the_other_connector_first_when_the_station_has_one_module_by_design(tmp_path: Path) -> None:
    config = Config().with_overrides(station={"version": "J0U"}, limits={"psu_count": 1})
    world = World(config, clock=FakeClock(), store=Store(tmp_path / "evse.sqlite3"))
    world.start()
    world.hardware.set_next_ev(Side.RIGHT, start_soc=50, target_soc=80)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)  # the right came first ...
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    world.hardware.plug(Side.LEFT)
    world.advance(1.0)
    left, right = world.view.connector(Side.LEFT), world.view.connector(Side.RIGHT)
    assert left.state == "preparing" and left.waiting is None  # it will get the module: nothing to wait for
    assert right.power_w > 20_000 and right.waiting is None  # still charging until the left asks for power
    # ... but the left has priority (manual 5.2.3): the module moves
    assert until(world, lambda v: v.connector(Side.LEFT).state == "charging", 30)
    world.advance(10, step=STEP_S)
    left, right = world.view.connector(Side.LEFT), world.view.connector(Side.RIGHT)
    assert left.power_w > 20_000 and left.waiting is None
    assert right.power_w == 0 and right.waiting is not None and right.waiting.reason is WaitReason.OTHER_CONNECTOR
    world.close()


def test_an_operator_zero_holds_the_session_until_lifted_then_it_charges_by_itself(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    world = world_on(path, "U00")
    lifted_at = world.clock.now() + timedelta(minutes=10)
    world.port.set_external_limit(0.0, Side.LEFT, lifted_at)
    charge(world, Side.LEFT)
    world.advance(5, step=STEP_S)
    left = world.view.connector(Side.LEFT)
    assert left.power_w == 0 and left.waiting is not None
    assert (left.waiting.reason, left.waiting.at) == (WaitReason.OPERATOR, lifted_at)
    assert left.waiting.until_s is not None and 9 * 60 <= left.waiting.until_s <= 10 * 60
    world.advance(60, step=STEP_S)
    assert world.view.connector(Side.LEFT).waiting.until_s <= 9 * 60  # counts down
    world.port.set_external_limit(None, Side.LEFT)  # the schedule's next period (the OCPP client's tick)
    assert until(world, lambda v: v.connector(Side.LEFT).power_w > 20_000, 20)
    assert world.view.connector(Side.LEFT).waiting is None
    assert outages_during(path, 1) == []
    world.close()


def test_a_station_wide_zero_and_the_grid_out_of_range_are_named(tmp_path: Path) -> None:
    world = world_on(tmp_path / "evse.sqlite3", "U00")
    world.port.set_external_limit(0.0)
    charge(world, Side.LEFT, KNOWN_CARD)
    world.advance(3, step=STEP_S)
    waiting = world.view.connector(Side.LEFT).waiting
    assert waiting is not None and (waiting.reason, waiting.until_s) == (WaitReason.OPERATOR, None)
    world.port.set_external_limit(None)
    world.hardware.set_input_voltage(390)  # below 480 V -15 %
    world.advance(3, step=STEP_S)
    waiting = world.view.connector(Side.LEFT).waiting
    assert waiting is not None and waiting.reason is WaitReason.GRID
    world.hardware.set_input_voltage(470)
    assert until(world, lambda v: v.connector(Side.LEFT).power_w > 20_000, 20)
    assert world.view.connector(Side.LEFT).waiting is None
    world.close()
