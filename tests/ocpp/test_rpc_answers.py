"""How RpcChargePoint takes the answers to its own CALLs, at the wire (a list of sent frames):
handed over in the receive loop the moment they are read, whatever became of the caller."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from ocpp.v16 import call

from controller.ocpp.outbox import CallFailed
from controller.ocpp.rpc import RpcChargePoint


class Wire:
    def __init__(self) -> None:
        self.sent: list[list[Any]] = []

    async def send(self, text: str) -> None:
        self.sent.append(json.loads(text))


async def sent_call(wire: Wire) -> list[Any]:
    for _ in range(1000):
        if wire.sent:
            return wire.sent[-1]
        await asyncio.sleep(0)
    raise AssertionError("nothing was sent")


def ask(payload: Any, answer: list[Any] | None) -> tuple[list[Any], list[Any], BaseException | None]:
    """Send ``payload``, cancel the caller, then read ``answer`` (its unique id filled in):
    returns (the frame sent, what on_answer got, what the caller raised)."""
    async def scenario() -> tuple[list[Any], list[Any], BaseException | None]:
        wire = Wire()
        rpc = RpcChargePoint("CP", wire, {}, 5.0)
        answers: list[Any] = []
        caller = asyncio.create_task(rpc.call(payload, on_answer=answers.append))
        frame = await sent_call(wire) if answer is not None else []
        if answer is not None:
            caller.cancel()  # the link dropped: nobody awaits the answer any more ...
            await rpc.route_message(json.dumps([answer[0], frame[1], *answer[1:]]))  # ... and it is read
        outcome = await asyncio.gather(caller, return_exceptions=True)
        return frame, answers, outcome[0] if isinstance(outcome[0], BaseException) else None

    return asyncio.run(scenario())


def test_a_callresult_reaches_on_answer_though_the_caller_is_gone() -> None:
    frame, answers, raised = ask(call.Heartbeat(), [3, {"currentTime": "2026-12-05T08:00:00Z"}])
    assert frame[0] == 2 and frame[2] == "Heartbeat"
    assert isinstance(raised, asyncio.CancelledError)
    assert len(answers) == 1 and answers[0].current_time == "2026-12-05T08:00:00Z"


@pytest.mark.parametrize("code", ["FormationViolation", "OccurenceConstraintViolation", "InternalError", "Nonsense"])
def test_a_callerror_of_any_spelling_is_a_call_failed(code: str) -> None:
    _, answers, _ = ask(call.Heartbeat(), [4, code, "no", {}])
    assert len(answers) == 1 and isinstance(answers[0], CallFailed) and answers[0].code == code


def test_a_callresult_that_breaks_its_schema_is_a_call_failed() -> None:
    _, answers, _ = ask(call.StartTransaction(connector_id=1, id_tag="A", meter_start=0,
                                              timestamp="2026-12-05T08:00:00Z"), [3, {"transactionId": 7}])
    assert len(answers) == 1 and isinstance(answers[0], CallFailed)
    assert answers[0].code == "OccurenceConstraintViolation" and "idTagInfo" in str(answers[0])


def test_a_request_that_breaks_its_own_schema_is_not_sent_and_answered_at_once() -> None:
    frame, answers, raised = ask(call.Authorize(id_tag="X" * 21), None)  # idTag is CiString20
    assert frame == []
    assert isinstance(raised, CallFailed) and answers == [raised]
