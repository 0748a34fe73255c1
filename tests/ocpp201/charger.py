"""The real station speaking OCPP 2.0.1 in tests: a world connected to the demo central
system, and what the central system recorded of its transactions."""

from __future__ import annotations

from typing import Any

from controller.sim.world import World
from tests.ocpp.harness import charger_world
from tests.ocpp201.central import CentralSystem201


def world201(central: CentralSystem201 | None, version: str = "J0U", *, start: bool = True,
             **sections: Any) -> World:
    """The real station on a fake clock with ``[ocpp].version = "2.0.1"``, connected to ``central``."""
    ocpp = {"version": "2.0.1", **sections.pop("ocpp", {})}
    return charger_world(central, version, start=start, ocpp=ocpp, **sections)  # type: ignore[arg-type]


def only_transaction(central: CentralSystem201) -> dict[str, Any]:
    """The one 2.0.1 transaction the central system saw."""
    transactions = [t for t in central.transactions().values() if t.get("version") == "2.0.1"]
    assert len(transactions) == 1, transactions
    return transactions[0]


def events(transaction: dict[str, Any]) -> list[tuple[str, str]]:
    """(eventType, triggerReason) of each event, in seqNo order."""
    return [(e["event_type"], e["trigger_reason"]) for e in sorted(transaction["events"], key=lambda e: e["seq_no"])]


def gap_free(transaction: dict[str, Any]) -> bool:
    """seqNo 0, 1, 2, ... each once (a repeat of a frame in flight at a cut is allowed)."""
    seq_nos = sorted({e["seq_no"] for e in transaction["events"]})
    return seq_nos == list(range(len(seq_nos)))


def sent(central: CentralSystem201, action: str) -> list[dict[str, Any]]:
    """The payloads of every ``action`` CALL the charger sent, in order."""
    return [frame[3] for frame in central.from_charger(action)]
