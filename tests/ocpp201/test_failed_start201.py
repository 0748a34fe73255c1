"""A failed start retried on the kept authorization over OCPP 2.0.1 (the demo central system as a
separate process, the real station on a fake clock): each attempt is its own transaction with
the same idToken, and the retry sends no Authorize."""

from __future__ import annotations

from controller import commands as cmd
from controller.types import Side
from tests.ocpp.harness import KNOWN, advance_until, settled
from tests.ocpp201.charger import sent, world201
from tests.ocpp201.conftest import Central201Factory


def started(central: object) -> list[dict]:
    return [e for e in sent(central, "TransactionEvent") if e["eventType"] == "Started"]  # type: ignore[arg-type]


def test_a_retry_after_a_failed_start_is_its_own_transaction_without_a_second_authorize(
        start_central201: Central201Factory) -> None:
    central = start_central201("--ocpp-version", "2.0.1")
    world = world201(central, "U00")
    try:
        world.hardware.boards[Side.LEFT].fail_next_start("precharge")
        world.station.submit(cmd.PresentToken(KNOWN))
        advance_until(world, lambda: world.view.pending is not None, "the card accepted")
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 30)
        world.hardware.unplug(Side.LEFT)
        world.advance(3)
        world.hardware.plug(Side.LEFT)  # the kept authorization: no tap
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
        settled(world, lambda: len(started(central)) == 2, "the retry's Started")
        settled(world, lambda: len(world.backend.client.queue) == 0, "the queue delivered")
    finally:
        world.close()
    assert len(sent(central, "Authorize")) == 1, "the token was accepted moments ago: no second Authorize"
    first, second = started(central)
    assert first["transactionInfo"]["transactionId"] != second["transactionInfo"]["transactionId"]
    assert first["idToken"]["idToken"] == second["idToken"]["idToken"] == KNOWN
