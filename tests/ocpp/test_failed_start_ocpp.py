"""A failed start retried on the kept authorization, as the central system sees it (OCPP 1.6J,
the demo central system as a separate process, the real station on a fake clock): each
attempt is its own transaction with the same idTag, and the retry sends no Authorize."""

from __future__ import annotations

from controller import commands as cmd
from controller.types import Side
from tests.conftest import KNOWN_CARD
from tests.ocpp.harness import CentralSystemProcess, advance_until, charger_world, settled


def test_a_retry_after_a_failed_start_is_one_new_transaction_with_the_same_id_tag_and_no_authorize(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "U00")
    try:
        world.hardware.boards[Side.LEFT].fail_next_start("communication")
        world.station.submit(cmd.PresentToken(KNOWN_CARD))
        advance_until(world, lambda: world.view.pending is not None, "the Plug-in screen")
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        settled(world, lambda: central.from_charger("StopTransaction"), "the failed attempt's StopTransaction")
        world.hardware.unplug(Side.LEFT)
        world.advance(3)
        world.hardware.plug(Side.LEFT)  # the kept authorization: no tap
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        settled(world, lambda: len(central.from_charger("StartTransaction")) == 2, "the retry's StartTransaction")
        world.advance(5)
        settled(world, lambda: len(central.from_charger("StartTransaction")) == 2, "nothing more")
    finally:
        world.close()
    assert len(central.from_charger("Authorize")) == 1, "the token was accepted moments ago: no second Authorize"
    starts = central.from_charger("StartTransaction")
    assert [s[3]["idTag"] for s in starts] == [KNOWN_CARD, KNOWN_CARD]
    assert [s[3]["connectorId"] for s in starts] == [1, 1]
    (stop,) = central.from_charger("StopTransaction")
    assert stop[3]["meterStop"] == starts[1][3]["meterStart"], "no energy in the failed attempt"
