"""After a power cut (a killed process) mid-session, the charger comes back by itself and,
when the driver's cable is still in, shows the interrupted session's summary: the energy
up to the last checkpoint, "the charger lost power", the connector unlocked; unplugging
returns to Home.  With the cable already out it starts on Home."""

from __future__ import annotations

from pathlib import Path

from controller.config import Config
from controller.session import ConnectorState
from controller.sim.world import World
from controller.store import Store
from controller.types import Side
from hmi.format import Formatter
from hmi.navigation import screen_for
from hmi.presenter import connector_values
from tests.conftest import charge


def charging_then_killed(path: Path) -> float:
    """A session on the left connector, charged for 2 minutes, then the process dies; returns
    the session energy at the last checkpoint (Wh)."""
    world = World(Config().with_overrides(station={"version": "J0U"}), store=Store(path))
    world.start()
    charge(world, Side.LEFT)
    world.advance(120)
    session = world.view.connector(Side.LEFT).session
    assert session is not None and session.energy_wh > 500
    world.hardware.close()  # killed: no close(), no last save
    world.link.close()
    (record,) = [r for r in Store(path).sessions() if r.status == "running"]
    return record.energy_wh


def restarted(path: Path, plugged: bool) -> World:
    world = World(Config().with_overrides(station={"version": "J0U"}), store=Store(path))
    if plugged:
        world.hardware.plug(Side.LEFT)  # the EV is still there when the power comes back
    world.start()
    world.advance(0.3)
    return world


def test_the_driver_still_plugged_in_sees_the_interrupted_sessions_summary(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    saved_wh = charging_then_killed(path)
    world = restarted(path, plugged=True)
    try:
        left = world.view.connector(Side.LEFT)
        assert left.state == "finished" and screen_for(world.view) == "summary"
        assert left.session is not None and left.session.stop_reason == "power_loss"
        assert left.session.energy_wh == round(saved_wh)
        assert world.hardware.boards[Side.LEFT].locked is False, "unlocked: the driver can leave"
        assert not any(p.enabled for p in world.hardware.psus)
        values = connector_values(left, world.view, Formatter())
        assert values.stopReasonText == "Stopped: the charger lost power"
        assert values.durationText.startswith(("0:01:5", "0:02:0")), "authorized to the last checkpoint"
        world.hardware.unplug(Side.LEFT)
        world.advance(0.3)
        assert world.state(Side.LEFT) is ConnectorState.AVAILABLE and screen_for(world.view) == "home"
    finally:
        world.close()
    (record,) = Store(path).sessions()
    assert record.status == "interrupted", "recorded once, as interrupted, never as a second session"


def test_with_the_cable_already_out_the_charger_starts_on_home(tmp_path: Path) -> None:
    path = tmp_path / "evse.sqlite3"
    charging_then_killed(path)
    world = restarted(path, plugged=False)
    try:
        assert world.state(Side.LEFT) is ConnectorState.AVAILABLE and screen_for(world.view) == "home"
    finally:
        world.close()
