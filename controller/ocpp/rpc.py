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
* Hostile frames never end the receive loop: JSON nested too deep to parse is dropped like
  any other frame that is not JSON, and a CALLRESULT or CALLERROR answering no outstanding
  CALL (late, duplicated, made up) is dropped at once.  The library queues every response
  until the next CALL and then skips the strangers one recursion level each, so enough of
  them would pile up in memory and make that CALL fail with RecursionError.

Handlers come as a plain ``{action: on}`` or ``{action: (on, after)}`` map: ``on`` returns
the answer, ``after`` runs once the answer has gone out (a TriggerMessage's message must
follow its conf).  Both run inside the receive loop and must return quickly: never await a
CALL there (its answer could not be received); spawn a task instead.
"""

from __future__ import annotations

import decimal
import json
from collections.abc import Callable
from typing import Any

from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match
from ocpp.messages import get_validator
from ocpp.v16 import ChargePoint as LibraryChargePoint
from ocpp.v16.enums import Action

from controller.ocpp.connection import FRAME_LOG

CALL, CALLRESULT, CALLERROR = 2, 3, 4
ACTIONS_16 = frozenset(action.value for action in Action)

#: Library error codes that are spelt differently in OCPP 1.6 (§4.2.3 of the JSON spec).
_SPELLING_16 = {"FormatViolation": "FormationViolation",
                "OccurrenceConstraintViolation": "OccurenceConstraintViolation"}

Handler = Callable[..., Any] | tuple[Callable[..., Any], Callable[..., Any]]

_SCHEMA_RULE_CODES = {
    "type": "TypeConstraintViolation",
    "required": "OccurenceConstraintViolation",
    "minItems": "OccurenceConstraintViolation",
    "maxItems": "OccurenceConstraintViolation",
    "additionalProperties": "FormationViolation",
}


class RpcChargePoint(LibraryChargePoint):
    """One websocket's OCPP session (one object per connection)."""

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
        self._awaiting: str | None = None  # the unique id of our CALL waiting for its answer

    async def route_message(self, raw_msg: Any) -> None:
        try:
            message = json.loads(raw_msg)
        except (TypeError, ValueError, RecursionError):
            FRAME_LOG.warning("%s: dropped a frame that is not JSON (no unique id to answer)", self.id)
            return
        if not isinstance(message, list) or not message or not isinstance(message[0], int):
            FRAME_LOG.warning("%s: dropped a frame that is not an OCPP message", self.id)
            return
        kind = message[0]
        unique_id = message[1] if len(message) > 1 and isinstance(message[1], str) else None
        if kind in (CALLRESULT, CALLERROR):
            if unique_id is None or (kind == CALLRESULT and (len(message) != 3 or not isinstance(message[2], dict))):
                FRAME_LOG.warning("%s: dropped a malformed response", self.id)
                return
            if unique_id != self._awaiting:
                FRAME_LOG.warning("%s: dropped a response to no outstanding call (%r)", self.id, unique_id[:40])
                return
            await super().route_message(raw_msg)
            return
        if unique_id is None:
            FRAME_LOG.warning("%s: dropped a message without a unique id", self.id)
            return
        if kind != CALL:
            await self._reply_error(unique_id, "ProtocolError", f"message type {kind} is not a CALL")
            return
        if len(message) != 4 or not isinstance(message[2], str):
            await self._reply_error(unique_id, "ProtocolError", "a CALL is [2, uniqueId, action, payload]")
            return
        action, payload = message[2], message[3]
        if not self._answering():
            FRAME_LOG.info("%s: %s not answered while the BootNotification is Rejected", self.id, action)
            return
        if action not in ACTIONS_16:
            await self._reply_error(unique_id, "NotImplemented", f"unknown action {action!r}")
            return
        if action not in self.route_map:
            await self._reply_error(unique_id, "NotSupported", f"{action} is not supported by this charge point")
            return
        if not isinstance(payload, dict):
            await self._reply_error(unique_id, "FormationViolation", "the payload must be a JSON object")
            return
        problem = schema_problem(action, payload)
        if problem is not None:
            await self._reply_error(unique_id, *problem)
            return
        await super().route_message(raw_msg)

    async def _reply_error(self, unique_id: str, code: str, description: str) -> None:
        await self._send(json.dumps([CALLERROR, unique_id, code, description, {}], separators=(",", ":")))

    async def _send(self, message: str) -> None:
        if message.startswith(f"[{CALL},"):
            self._awaiting = json.loads(message)[1]
        elif message.startswith(f"[{CALLERROR},"):
            frame = json.loads(message)
            frame[2] = _SPELLING_16.get(frame[2], frame[2])
            message = json.dumps(frame, separators=(",", ":"))
        await super()._send(message)


#: Requests whose schemas the library reads with decimal floats (``multipleOf: 0.1``); the
#: validator cache is shared with the library, so they must be loaded the same way here.
_DECIMAL_ACTIONS = frozenset({"SetChargingProfile", "RemoteStartTransaction"})


def schema_problem(action: str, payload: dict[str, Any]) -> tuple[str, str] | None:
    """(1.6 error code, description) when ``payload`` breaks the request schema of ``action``."""
    if action in _DECIMAL_ACTIONS:
        validator = get_validator(CALL, action, "1.6", parse_float=decimal.Decimal)
        payload = json.loads(json.dumps(payload), parse_float=decimal.Decimal)
    else:
        validator = get_validator(CALL, action, "1.6")
    error = best_match(validator.iter_errors(payload))
    if error is None:
        return None
    return _code_for(error), error.message[:200]


def _code_for(error: SchemaError) -> str:
    return _SCHEMA_RULE_CODES.get(str(error.validator), "PropertyConstraintViolation")
