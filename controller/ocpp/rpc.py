"""The ``ocpp`` library's ChargePoint, made strict about OCPP 1.6 errors.

What the library leaves out or gets wrong for 1.6, and this class does:

* A frame that is not a valid message is answered with a CALLERROR whenever it carries a
  unique id (the library only logs it); without an id nothing can be answered.
* An unknown action is ``NotImplemented`` and a 1.6 action this charger does not handle
  is ``NotSupported`` (the library has them the other way round).
* A payload that breaks its schema gets the 1.6 code for the broken rule
  (TypeConstraintViolation, PropertyConstraintViolation, OccurenceConstraintViolation,
  FormationViolation); the library sends ``FormatViolation`` and
  ``OccurrenceConstraintViolation``, which are OCPP 2.0 names.
* While a BootNotification is Rejected, requests from the central system get no answer (§4.2).
* Every frame refused as no valid OCPP message is told to ``on_invalid`` (the link records an
  InvalidMessages security event); a late answer to a CALL that timed out is not one.
* Hostile frames never end the receive loop: JSON nested too deep to parse is dropped like
  any other frame that is not JSON, and a CALLRESULT or CALLERROR answering no outstanding
  CALL (late, duplicated, made up) is dropped at once.  The library queues every response
  until the next CALL and then skips the strangers one recursion level each, so enough of
  them would pile up in memory and make that CALL fail with RecursionError.

Answers are taken in the receive loop, not by the caller: :meth:`RpcChargePoint.call`
hands ``on_answer`` the CALLRESULT (a ``call_result`` dataclass) or the CALLERROR (a
:class:`~controller.ocpp.outbox.CallFailed`) synchronously, the instant the frame is read,
before anything can be cancelled.  The library instead queues the answer for the calling
task, which validates it in a worker thread: a connection lost in that moment cancels the
caller, and an answer already received was lost, and its message sent again.

Handlers come as a plain ``{action: on}`` or ``{action: (on, after)}`` map: ``on`` returns
the answer, ``after`` runs once the answer has gone out (a TriggerMessage's message must
follow its conf).  Both run inside the receive loop and must return quickly: never await a
CALL there (its answer could not be received); spawn a task instead.
"""

from __future__ import annotations

import asyncio
import decimal
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import best_match
from ocpp.charge_point import camel_to_snake_case, remove_nones, serialize_as_dict, snake_to_camel_case
from ocpp.messages import get_validator
from ocpp.v16 import ChargePoint as LibraryChargePoint
from ocpp.v16.enums import Action

from controller.ocpp.connection import FRAME_LOG
from controller.ocpp.outbox import CallFailed

CALL, CALLRESULT, CALLERROR = 2, 3, 4
ACTIONS_16 = frozenset(action.value for action in Action)

#: Library error codes that are spelt differently in OCPP 1.6 (§4.2.3 of the JSON spec).
_SPELLING_16 = {"FormatViolation": "FormationViolation",
                "OccurrenceConstraintViolation": "OccurenceConstraintViolation"}

Handler = Callable[..., Any] | tuple[Callable[..., Any], Callable[..., Any]]
#: What a CALL was answered with: the ``call_result`` dataclass, or the CALLERROR.
Answer = Any | CallFailed

_SCHEMA_RULE_CODES = {
    "type": "TypeConstraintViolation",
    "required": "OccurenceConstraintViolation",
    "minItems": "OccurenceConstraintViolation",
    "maxItems": "OccurenceConstraintViolation",
    "additionalProperties": "FormationViolation",
}


class RpcChargePoint(LibraryChargePoint):
    """One websocket's OCPP session (one object per connection).

    OCPP 1.6 here; the 2.0.1 charge point (:mod:`controller.ocpp201.rpc`) is the same class
    with the class attributes below set for its version."""

    #: The actions of this OCPP version (any other is NotImplemented).
    actions: frozenset[str] = ACTIONS_16
    #: CALLERROR codes as this version spells them (the library's spelling -> this version's).
    spelling: dict[str, str] = _SPELLING_16
    #: jsonschema rule -> CALLERROR code for a request that breaks its schema.
    rule_codes: dict[str, str] = _SCHEMA_RULE_CODES
    #: Requests whose schemas the library reads with decimal floats (``multipleOf: 0.1``); the
    #: validator cache is shared with the library, so they must be loaded the same way here.
    decimal_actions: frozenset[str] = frozenset({"SetChargingProfile", "RemoteStartTransaction"})
    #: The code for a payload that is not a JSON object.
    formation_violation = "FormationViolation"

    def __init__(self, charge_point_id: str, connection: Any, handlers: dict[str, Handler],
                 response_timeout_s: float, answering: Callable[[], bool] = lambda: True) -> None:
        super().__init__(charge_point_id, connection, response_timeout=response_timeout_s, logger=FRAME_LOG)
        self.route_map = {}
        for action, handler in handlers.items():
            on, after = handler if isinstance(handler, tuple) else (handler, None)
            route: dict[str, Any] = {"_on_action": on, "_skip_schema_validation": False}
            if after is not None:
                route["_after_action"] = after
            self.route_map[action] = route
        self._answering = answering
        self._outstanding: _Outstanding | None = None  # our CALL waiting for its answer
        #: Told (with what was wrong) of every frame refused as no valid OCPP message: an
        #: InvalidMessages security event (set by the link).
        self.on_invalid: Callable[[str], None] | None = None

    def _invalid(self, what: str) -> None:
        FRAME_LOG.warning("%s: %s", self.id, what)
        if self.on_invalid is not None:
            self.on_invalid(what[:200])

    async def call(self, payload: Any, unique_id: str | None = None,  # type: ignore[override]
                   on_answer: Callable[[Answer], None] | None = None) -> Any:
        """Send ``payload`` (an ``ocpp.v16.call`` dataclass) and return its ``call_result``;
        a CALLERROR raises :class:`CallFailed`, no answer in time :class:`TimeoutError`.

        ``on_answer`` runs inside the receive loop as soon as the answer is read, whether or
        not this coroutine is still there to return it (the connection may drop, or the
        caller be cancelled, in the same instant): whatever must follow an answer exactly
        once belongs there, not after the ``await``.  A request that breaks its own schema
        is not sent; ``on_answer`` gets its :class:`CallFailed` at once."""
        action = type(payload).__name__
        body = remove_nones(snake_to_camel_case(serialize_as_dict(payload)))
        problem = self.schema_problem(CALL, action, body)
        if problem is not None:  # our own bug: answered here, as the central system would
            refused = CallFailed(problem[0], f"{action} not sent, it breaks its schema: {problem[1]}")
            FRAME_LOG.error("%s: %s", self.id, refused)
            if on_answer is not None:
                on_answer(refused)
            raise refused
        unique_id = unique_id if unique_id is not None else str(uuid.uuid4())
        async with self._call_lock:
            future: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
            self._outstanding = _Outstanding(unique_id, action, future, on_answer)
            try:
                await self._send(json.dumps([CALL, unique_id, action, body], separators=(",", ":")))
                async with asyncio.timeout(self._response_timeout):
                    answer = await future
            finally:
                if self._outstanding is not None and self._outstanding.unique_id == unique_id:
                    self._outstanding = None
        if isinstance(answer, CallFailed):
            raise answer
        return answer

    def _take_answer(self, kind: int, message: list[Any]) -> None:
        """The answer to the outstanding CALL: decoded, handed to its ``on_answer`` and its caller."""
        outstanding = self._outstanding
        assert outstanding is not None
        self._outstanding = None
        answer = self._decode_answer(kind, message, outstanding.action)
        if isinstance(answer, CallFailed):
            FRAME_LOG.warning("%s: %s failed: %s", self.id, outstanding.action, answer)
        if outstanding.on_answer is not None:
            try:
                outstanding.on_answer(answer)
            except Exception:  # a bug in the follow-up must not end the receive loop
                FRAME_LOG.exception("%s: handling the answer to %s failed", self.id, outstanding.action)
        if not outstanding.future.done():
            outstanding.future.set_result(answer)

    async def route_message(self, raw_msg: Any) -> None:
        try:
            message = json.loads(raw_msg)
        except (TypeError, ValueError, RecursionError):
            self._invalid("dropped a frame that is not JSON (no unique id to answer)")
            return
        if not isinstance(message, list) or not message or not isinstance(message[0], int):
            self._invalid("dropped a frame that is not an OCPP message")
            return
        kind = message[0]
        unique_id = message[1] if len(message) > 1 and isinstance(message[1], str) else None
        if kind in (CALLRESULT, CALLERROR):
            if unique_id is None or (kind == CALLRESULT and (len(message) != 3 or not isinstance(message[2], dict))):
                self._invalid("dropped a malformed response")
                return
            if self._outstanding is None or unique_id != self._outstanding.unique_id:
                FRAME_LOG.warning("%s: dropped a response to no outstanding call (%r)", self.id, unique_id[:40])
                return
            self._take_answer(kind, message)
            return
        if unique_id is None:
            self._invalid("dropped a message without a unique id")
            return
        if kind != CALL:
            self._invalid(f"message type {kind} is not a CALL")
            await self._reply_error(unique_id, "ProtocolError", f"message type {kind} is not a CALL")
            return
        if len(message) != 4 or not isinstance(message[2], str):
            self._invalid("a CALL that is not [2, uniqueId, action, payload]")
            await self._reply_error(unique_id, "ProtocolError", "a CALL is [2, uniqueId, action, payload]")
            return
        action, payload = message[2], message[3]
        if not self._answering():
            FRAME_LOG.info("%s: %s not answered while the BootNotification is Rejected", self.id, action)
            return
        if action not in self.actions:
            self._invalid(f"unknown action {action[:60]!r}")
            await self._reply_error(unique_id, "NotImplemented", f"unknown action {action!r}")
            return
        if action not in self.route_map:
            await self._reply_error(unique_id, "NotSupported", f"{action} is not supported by this charge point")
            return
        if not isinstance(payload, dict):
            self._invalid(f"{action}: the payload is not a JSON object")
            await self._reply_error(unique_id, self.formation_violation, "the payload must be a JSON object")
            return
        problem = self.schema_problem(CALL, action, payload)
        if problem is not None:
            self._invalid(f"{action} breaks its schema ({problem[0]}): {problem[1]}")
            await self._reply_error(unique_id, *problem)
            return
        await super().route_message(raw_msg)

    @classmethod
    def schema_problem(cls, kind: int, action: str, payload: dict[str, Any]) -> tuple[str, str] | None:
        """(error code, description) when ``payload`` breaks the schema of ``action`` (``kind``:
        CALL for a request, CALLRESULT for an answer)."""
        version = cls._ocpp_version
        if kind == CALL and action in cls.decimal_actions:
            validator = get_validator(kind, action, version, parse_float=decimal.Decimal)
            payload = json.loads(json.dumps(payload), parse_float=decimal.Decimal)
        else:
            validator = get_validator(kind, action, version)
        error = best_match(validator.iter_errors(payload))
        if error is None:
            return None
        return cls.rule_codes.get(str(error.validator), "PropertyConstraintViolation"), error.message[:200]

    def _decode_answer(self, kind: int, message: list[Any], action: str) -> Answer:
        """A CALLRESULT as its ``call_result`` dataclass; a CALLERROR, or a CALLRESULT that breaks
        its schema, as :class:`CallFailed`."""
        if kind == CALLERROR:
            code = message[2] if len(message) > 2 and isinstance(message[2], str) else "GenericError"
            description = message[3] if len(message) > 3 and isinstance(message[3], str) else ""
            return CallFailed(code, description)
        payload = message[2]
        problem = self.schema_problem(CALLRESULT, action, payload)
        if problem is not None:
            return CallFailed(problem[0], f"the answer to {action} breaks its schema: {problem[1]}")
        try:
            return getattr(self._call_result, action)(**camel_to_snake_case(payload))
        except TypeError as exc:  # a field the schema allows but the dataclass does not know
            return CallFailed(self.formation_violation, f"the answer to {action} cannot be read: {exc}")

    async def _reply_error(self, unique_id: str, code: str, description: str) -> None:
        await self._send(json.dumps([CALLERROR, unique_id, code, description, {}], separators=(",", ":")))

    async def _send(self, message: str) -> None:
        if message.startswith(f"[{CALLERROR},"):
            frame = json.loads(message)
            frame[2] = self.spelling.get(frame[2], frame[2])
            message = json.dumps(frame, separators=(",", ":"))
        await super()._send(message)


@dataclass(frozen=True, slots=True)
class _Outstanding:
    """Our CALL on the wire, waiting for its answer."""

    unique_id: str
    action: str
    future: asyncio.Future[Answer]
    on_answer: Callable[[Answer], None] | None


def schema_problem(action: str, payload: dict[str, Any]) -> tuple[str, str] | None:
    """(1.6 error code, description) when ``payload`` breaks the 1.6 request schema of ``action``."""
    return RpcChargePoint.schema_problem(CALL, action, payload)
