"""An independent check of every frame a charge point sends, against the official OCPP JSON schemas.

The demo central system runs the ``ocpp`` library, which validates what it routes; this
check does not trust it.  It reads the schema files the library ships (``ocpp/v16/schemas``
and ``ocpp/v201/schemas``) with ``jsonschema`` directly, picks the validator class each
schema declares (draft-04 for 1.6, draft-06 for 2.0.1), checks the ``date-time`` and
``uri`` formats (the library checks no format), parses numbers as ``Decimal`` (so 1.6's
``multipleOf: 0.1`` is exact), and checks the RPC framing itself:

* a CALL ``[2, id, action, {payload}]``: the action's request schema;
* a CALLRESULT ``[3, id, {payload}]``: the response schema of the central system's CALL
  with that id (a result to no open CALL is a violation);
* a CALLERROR ``[4, id, code, description, {details}]``: the framing and a known code.

A message id must be a string (at most 36 characters on 2.0.1, OCPP-J 2.0.1 part 4 §4.1.3).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import ocpp
from jsonschema import FormatChecker, validators
from jsonschema.protocols import Validator

SCHEMA_DIRS = {"1.6": Path(ocpp.__file__).parent / "v16" / "schemas",
               "2.0.1": Path(ocpp.__file__).parent / "v201" / "schemas"}

#: The CALLERROR codes each version defines (1.6 spells "Occurence" with one r).
ERROR_CODES = {
    "1.6": frozenset({"NotImplemented", "NotSupported", "InternalError", "ProtocolError", "SecurityError",
                      "FormationViolation", "PropertyConstraintViolation", "OccurenceConstraintViolation",
                      "TypeConstraintViolation", "GenericError"}),
    "2.0.1": frozenset({"FormatViolation", "GenericError", "InternalError", "MessageTypeNotSupported",
                        "NotImplemented", "NotSupported", "OccurrenceConstraintViolation",
                        "PropertyConstraintViolation", "ProtocolError", "RpcFrameworkError", "SecurityError",
                        "TypeConstraintViolation"}),
}
MAX_ID_LENGTH = {"1.6": 36, "2.0.1": 36}

_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    """RFC 3339 date-time: a full date, a time and a zone (``Z`` or ``±hh:mm``)."""
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.match(value):
        return False
    try:
        datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    """An absolute URI: a scheme and something after it."""
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path)


@cache
def schema_validator(version: str, schema_name: str) -> Validator | None:
    """The validator of ``<schema_name>.json`` of ``version`` (None when there is no such schema)."""
    path = SCHEMA_DIRS[version] / f"{schema_name}.json"
    if not path.is_file():
        return None
    schema = json.loads(path.read_text(encoding="utf-8-sig"), parse_float=Decimal)
    cls = validators.validator_for(schema)
    return cls(schema, format_checker=FORMATS)


def schema_name(version: str, action: str, result: bool) -> str:
    """The file name (without ``.json``) of ``action``'s request or response schema."""
    if result:
        return f"{action}Response"
    return action if version == "1.6" else f"{action}Request"


def payload_errors(version: str, action: str, payload: Any, result: bool = False) -> list[str]:
    """What is wrong with ``payload`` as ``action``'s request (or response), per the official schema."""
    validator = schema_validator(version, schema_name(version, action, result))
    if validator is None:
        return [f"no {schema_name(version, action, result)} schema in OCPP {version}"]
    return [_describe(error) for error in validator.iter_errors(_exact(payload))]


def _exact(value: Any) -> Any:
    """Floats as the ``Decimal`` of their shortest text (as a frame parsed with ``Decimal`` has them)."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {key: _exact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_exact(item) for item in value]
    return value


def _describe(error: Any) -> str:
    where = "/".join(str(part) for part in error.absolute_path)
    return f"{where or '(payload)'}: {error.message}"


@dataclass
class Violation:
    """A frame from the charge point that breaks the schemas or the RPC framing."""

    version: str
    kind: str  # CALL, CALLRESULT, CALLERROR or frame
    action: str
    unique_id: str
    errors: list[str]
    frame: str


@dataclass
class FrameChecker:
    """Checks the frames of one connection (it remembers which action each open CALL was)."""

    version: str
    asked: dict[str, str] = field(default_factory=dict)
    checked: int = 0

    def sent(self, text: str) -> None:
        """A frame the central system sent: remember its CALLs, to check the answers."""
        try:
            frame = json.loads(text)
        except ValueError:
            return
        if isinstance(frame, list) and len(frame) >= 3 and frame[0] == 2 and isinstance(frame[1], str) \
                and isinstance(frame[2], str):
            self.asked[frame[1]] = frame[2]

    def received(self, text: str) -> Violation | None:
        """Check a frame the charge point sent; the violation, or None when it conforms."""
        self.checked += 1
        try:
            frame = json.loads(text, parse_float=Decimal)
        except ValueError:
            return self._violation("frame", "", "", ["not JSON"], text)
        if not isinstance(frame, list) or not frame or frame[0] not in (2, 3, 4):
            return self._violation("frame", "", "", ["not a CALL, CALLRESULT or CALLERROR array"], text)
        kind = {2: "CALL", 3: "CALLRESULT", 4: "CALLERROR"}[frame[0]]
        unique_id = frame[1] if len(frame) > 1 and isinstance(frame[1], str) else ""
        framing = self._framing_errors(frame)
        if framing:
            return self._violation(kind, "", unique_id, framing, text)
        if kind == "CALL":
            action, errors = frame[2], payload_errors(self.version, frame[2], frame[3])
        elif kind == "CALLRESULT":
            action = self.asked.pop(unique_id, "")
            errors = payload_errors(self.version, action, frame[2], result=True) if action \
                else ["a CALLRESULT to no open CALL"]
        else:
            action = self.asked.pop(unique_id, "")
            errors = [] if action else ["a CALLERROR to no open CALL"]
        return self._violation(kind, action, unique_id, errors, text) if errors else None

    def _framing_errors(self, frame: list[Any]) -> list[str]:
        lengths = {2: 4, 3: 3, 4: 5}
        if len(frame) != lengths[frame[0]]:
            return [f"{len(frame)} elements, not {lengths[frame[0]]}"]
        errors = []
        if not isinstance(frame[1], str) or not frame[1]:
            errors.append("the message id is not a non-empty string")
        elif len(frame[1]) > MAX_ID_LENGTH[self.version]:
            errors.append(f"the message id is longer than {MAX_ID_LENGTH[self.version]} characters")
        if frame[0] == 2 and (not isinstance(frame[2], str) or not isinstance(frame[3], dict)):
            errors.append("a CALL is [2, id, action, {payload}]")
        if frame[0] == 3 and not isinstance(frame[2], dict):
            errors.append("a CALLRESULT's payload is not an object")
        if frame[0] == 4:
            if frame[2] not in ERROR_CODES[self.version]:
                errors.append(f"{frame[2]!r} is not an OCPP {self.version} error code")
            if not isinstance(frame[3], str) or not isinstance(frame[4], dict):
                errors.append("a CALLERROR is [4, id, code, description, {details}]")
        return errors

    def _violation(self, kind: str, action: str, unique_id: str, errors: list[str], text: str) -> Violation:
        return Violation(self.version, kind, action, unique_id, errors, text)
