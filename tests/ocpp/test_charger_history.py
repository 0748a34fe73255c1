"""The session history with a central system: a session stays in the station's store until
the charge point has delivered all of its transaction messages, however old it is."""

from __future__ import annotations

from pathlib import Path

from controller import commands as cmd
from controller.store import FINISHED, Store
from controller.types import Side
from tests.conftest import KNOWN_CARD
from tests.ocpp.harness import CentralSystemProcess, charger_world, plug_and_charge, settled
from tests.ocpp.test_charger_offline import come_back, go_offline

DAY_S = 24 * 3600.0


def test_the_history_keeps_a_session_until_the_central_system_has_heard_its_stop(
        central: CentralSystemProcess, tmp_path: Path) -> None:
    store = Store(tmp_path / "evse.sqlite3")
    world = charger_world(central, "J0U", store=store, storage={"session_retention_days": 1})
    try:
        client = world.backend.client if world.backend else None
        assert client is not None
        plug_and_charge(world, Side.LEFT, KNOWN_CARD)
        settled(world, lambda: client.queue.real_id(client.running[1].local_id), "the StartTransaction answer")
        go_offline(world, central)
        world.advance(3.0)  # past the tap hold-off
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        world.hardware.unplug(Side.LEFT)
        world.advance(1.0)
        (session,) = store.sessions()
        assert session.status == FINISHED
        world.clock.advance(2 * DAY_S)  # the daily prune comes, the session is past its retention
        world.step()
        assert [s.id for s in store.sessions()] == [session.id], "its StopTransaction is still queued"
        come_back(world, central)
        settled(world, lambda: len(client.queue) == 0, "the StopTransaction delivered")
        world.clock.advance(DAY_S)
        world.step()
        assert store.sessions() == [], "delivered: pruned at the next daily prune"
    finally:
        world.close()
    assert len(central.from_charger("StopTransaction")) == 1
