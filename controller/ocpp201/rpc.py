"""The strict OCPP RPC session (:class:`controller.ocpp.rpc.RpcChargePoint`) for OCPP 2.0.1.

The same framing, the same answer-in-the-receive-loop rule and the same hostile-frame
handling as on 1.6; only the words change: the 2.0.1 actions, schemas and ``call_result``
dataclasses, and the OCPP-J 2.0.1 error codes (FormatViolation and
OccurrenceConstraintViolation are spelt as the library spells them).
"""

from __future__ import annotations

from ocpp.v201 import call, call_result
from ocpp.v201.enums import Action

from controller.ocpp.rpc import RpcChargePoint

ACTIONS_201 = frozenset(action.value for action in Action)
#: jsonschema rule -> the OCPP-J 2.0.1 CALLERROR code.
_SCHEMA_RULE_CODES_201 = {
    "type": "TypeConstraintViolation",
    "required": "OccurrenceConstraintViolation",
    "minItems": "OccurrenceConstraintViolation",
    "maxItems": "OccurrenceConstraintViolation",
    "additionalProperties": "FormatViolation",
}
_SAME_SPELLING: dict[str, str] = {}


class Rpc201(RpcChargePoint):
    """One websocket's OCPP 2.0.1 session."""

    _call = call
    _call_result = call_result
    _ocpp_version = "2.0.1"
    actions = ACTIONS_201
    spelling = _SAME_SPELLING
    rule_codes = _SCHEMA_RULE_CODES_201
    decimal_actions: frozenset[str] = frozenset()
    formation_violation = "FormatViolation"
