"""Look-up of six-digit status codes: description, family, driver text and steps."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

CATALOG_FILE = Path(__file__).resolve().parent / "data" / "status_codes.toml"


@dataclass(frozen=True, slots=True)
class StatusCode:
    """One status code as a driver or technician needs it."""

    code: str
    description: str
    family: str  # "011", "012", "013", "023", "033" or "04x"
    family_name: str
    severity: str  # "fault", "warning", "info", "ev", "network"
    driver_text: str
    steps: tuple[str, ...]

    @property
    def blocks_charging(self) -> bool:
        return self.severity in ("fault", "warning")


def format_code(code: int | str) -> str:
    """Six digits with leading zeros (``12251`` -> ``"012251"``)."""
    text = str(code).strip()
    if not text.isdigit() or len(text) > 6:
        raise ValueError(f"not a status code: {code!r}")
    return text.zfill(6)


@functools.cache
def _catalog() -> dict:
    with CATALOG_FILE.open("rb") as handle:
        return tomllib.load(handle)


def lookup(code: int | str) -> StatusCode:
    """Everything known about ``code``; unknown codes still get their family's guidance."""
    text = format_code(code)
    data = _catalog()
    family_key = text[:3]
    family = data["families"].get(family_key, {})
    entry = data["codes"].get(text, {})
    steps: list[str] = list(family.get("steps", ()))
    summary = family.get("summary", "")
    for span, guidance in data.get("ranges", {}).items():
        first, last = span.split("-")
        if first <= text <= last:
            steps = list(guidance["steps"])
            summary = guidance.get("summary", summary)
    description = entry.get("description", f"Status code {text}")
    return StatusCode(
        code=text,
        description=description,
        family=family_key,
        family_name=family.get("name", "Status"),
        severity=family.get("severity", "info"),
        driver_text=entry.get("driver_text", summary or description),
        steps=tuple(steps),
    )
