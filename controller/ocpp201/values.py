"""A SetVariables value checked against its variable's dataType and limits.

``check`` returns the value as it is stored (booleans lower-case, lists without blanks) or a
:class:`Refusal` whose ``reason`` goes into statusInfo.reasonCode (at most 20 characters).
For strings and lists, ``maxLimit`` is the maximum length of the text, ``minLimit`` (strings)
the minimum.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime

from controller.ocpp201.variables import DataType, Variable

_INTEGER = re.compile(r"[+-]?\d+")


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a value is refused: a reasonCode and a text for additionalInfo."""

    reason: str
    info: str


def check(variable: Variable, text: str, values_list: tuple[str, ...] | None = None,
          max_limit: float | None = None) -> str | Refusal:
    """``text`` normalised, or why it does not fit ``variable`` (``values_list``/``max_limit``
    override the catalogue's where the station decides them at runtime)."""
    values = variable.values_list if values_list is None else values_list
    high = variable.max_limit if max_limit is None else max_limit
    data_type = variable.data_type
    if data_type is DataType.BOOLEAN:
        lowered = text.strip().lower()
        return lowered if lowered in ("true", "false") else Refusal("InvalidValue", "expected true or false")
    if data_type in (DataType.INTEGER, DataType.DECIMAL):
        return _number(text, data_type, variable.min_limit, high)
    if data_type is DataType.DATE_TIME:
        return _date_time(text)
    if data_type is DataType.STRING:
        return _string(text, variable.min_limit, high)
    return _list(text, data_type, values, high)


def _number(text: str, data_type: DataType, low: float | None, high: float | None) -> str | Refusal:
    stripped = text.strip()
    if data_type is DataType.INTEGER:
        if not _INTEGER.fullmatch(stripped):
            return Refusal("InvalidValue", "expected a whole number")
        number: float = int(stripped)
        normalised = str(int(stripped))
    else:
        try:
            number = float(stripped)
        except ValueError:
            return Refusal("InvalidValue", "expected a decimal number")
        if not math.isfinite(number):
            return Refusal("InvalidValue", "expected a finite number")
        normalised = stripped
    if low is not None and number < low:
        return Refusal("ValueTooLow", f"at least {low:g}")
    if high is not None and number > high:
        return Refusal("ValueTooHigh", f"at most {high:g}")
    return normalised


def _date_time(text: str) -> str | Refusal:
    stripped = text.strip()
    try:
        moment = datetime.fromisoformat(stripped.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return Refusal("InvalidValue", "expected an RFC 3339 date and time")
    if moment.tzinfo is None:
        return Refusal("InvalidValue", "the date and time needs its offset")
    return stripped


def _string(text: str, low: float | None, high: float | None) -> str | Refusal:
    if low is not None and len(text) < low:
        return Refusal("ValueTooLow", f"at least {low:g} characters")
    if high is not None and len(text) > high:
        return Refusal("TooLargeElement", f"at most {high:g} characters")
    return text


def _list(text: str, data_type: DataType, values: tuple[str, ...], high: float | None) -> str | Refusal:
    if data_type is DataType.OPTION_LIST:
        chosen = text.strip()
        return chosen if chosen in values else Refusal("InvalidValue", f"not one of {','.join(values)}")
    items = [item.strip() for item in text.split(",") if item.strip()]
    for item in items:
        if item not in values:
            return Refusal("InvalidValue", f"{item[:40]} is not one of {','.join(values)}"[:512])
    if len(set(items)) != len(items):
        return Refusal("InvalidValue", "an item appears twice")
    normalised = ",".join(items)
    if high is not None and len(normalised) > high:
        return Refusal("TooLargeElement", f"at most {high:g} characters")
    return normalised
