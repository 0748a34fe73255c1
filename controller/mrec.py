"""ChargeX Minimum Required Error Codes (MREC): which catalog code reports as which CX code.

The table and its sources are in ``controller/data/mrec.toml``.  ``[ocpp].vendor_error_code``
chooses what StatusNotification's ``vendorErrorCode`` carries and which code the driver is
asked to quote: ``"manual"`` (the six digits of manual 5.4) or ``"mrec"`` (the CX code where
one matches, else the six digits).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from controller.status_codes import format_code

MREC_FILE = Path(__file__).resolve().parent / "data" / "mrec.toml"
VENDOR_CODE_MODES = ("manual", "mrec")


@dataclass(frozen=True, slots=True)
class Mrec:
    """One ChargeX MREC."""

    code: str  # "CX003"
    name: str  # "HighTemperature"
    description: str
    unit: str = ""  # of the measurement ``info`` carries ("C", "V", "A"; "" = none)


@dataclass(frozen=True, slots=True)
class _Table:
    vendor_id: str
    entries: dict[str, Mrec]
    by_code: dict[str, str]  # six digits -> CX code


@functools.cache
def _table() -> _Table:
    with MREC_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    entries: dict[str, Mrec] = {}
    by_code: dict[str, str] = {}
    for key, entry in data["mrec"].items():
        entries[key] = Mrec(key, entry["name"], entry["description"], entry.get("unit", ""))
        for code in entry["codes"]:
            if code in by_code:
                raise ValueError(f"{MREC_FILE.name}: {code} is mapped to {by_code[code]} and {key}")
            by_code[format_code(code)] = key
    return _Table(data["vendor_id"], entries, by_code)


def vendor_id() -> str:
    """StatusNotification ``vendorId`` of a CX code."""
    return _table().vendor_id


def mrec_of(code: str) -> Mrec | None:
    """The MREC a six-digit status code matches, None when none does."""
    key = _table().by_code.get(format_code(code))
    return None if key is None else _table().entries[key]


def all_mrecs() -> tuple[Mrec, ...]:
    """Every MREC of the table, in order."""
    return tuple(_table().entries[key] for key in sorted(_table().entries))


def mapped_codes() -> dict[str, str]:
    """Six-digit code -> CX code, for every mapped catalog code."""
    return dict(_table().by_code)


def reported_code(code: str, mode: str) -> str:
    """The code the backend hears and the driver quotes: the CX code in ``"mrec"`` mode where
    one matches, otherwise the six digits."""
    if mode == "mrec":
        mrec = mrec_of(code)
        if mrec is not None:
            return mrec.code
    return format_code(code)
