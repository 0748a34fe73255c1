"""Look-up of six-digit status codes (manual 5.4) with the troubleshooting guidance of manual 5.3.

The catalog is ``controller/data/status_codes.toml``; its header explains the layout, the
numbering, the 04xxxx series and how the garbled entries of the OCR'd manual were restored.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CATALOG_FILE = Path(__file__).resolve().parent / "data" / "status_codes.toml"

SEVERITIES = ("fault", "warning", "info", "ev", "network")


@dataclass(frozen=True, slots=True)
class StatusCode:
    """One status code as a driver or technician needs it."""

    code: str
    description: str
    family: str  # the first three digits: "011", "012", "013", "023", "033", "041", "042" or "043"
    family_name: str
    severity: str  # "fault", "warning", "info", "ev", "network"
    driver_text: str
    steps: tuple[str, ...]  # for the driver: short and plain (shown on the status screen)
    technician_steps: tuple[str, ...] = ()
    about: str = ""  # for technicians: what the code means, where it comes from
    known: bool = False  # listed in manual 5.4; otherwise only the family's guidance applies
    source: str = ""  # where the steps come from, e.g. "manual 5.3.4"
    reconstruction: tuple[str, ...] = ()  # how an OCR-garbled entry was restored ("R1: ...")

    @property
    def blocks_charging(self) -> bool:
        return self.severity in ("fault", "warning")


@dataclass(frozen=True, slots=True)
class _Guidance:
    spans: tuple[tuple[str, str], ...]
    entry: dict[str, Any]

    def covers(self, code: str) -> bool:
        return any(first <= code <= last for first, last in self.spans)


@dataclass(frozen=True, slots=True)
class _Catalog:
    families: dict[str, dict[str, Any]]
    guidance: tuple[_Guidance, ...]
    codes: dict[str, dict[str, Any]]
    reconstructions: dict[str, str]
    spelling: dict[str, str]


def format_code(code: int | str) -> str:
    """Six digits with leading zeros (``12251`` -> ``"012251"``)."""
    text = str(code).strip()
    if not text.isdigit() or len(text) > 6:
        raise ValueError(f"not a status code: {code!r}")
    return text.zfill(6)


def _span(text: str) -> tuple[str, str]:
    first, _, last = text.partition("-")
    return format_code(first), format_code(last or first)


@functools.cache
def _catalog() -> _Catalog:
    with CATALOG_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    guidance = tuple(_Guidance(tuple(_span(s) for s in entry["codes"]), entry) for entry in data.get("guidance", ()))
    return _Catalog(
        families=data["families"],
        guidance=guidance,
        codes=data["codes"],
        reconstructions=data.get("reconstructions", {}),
        spelling=data.get("search", {}).get("spelling", {}),
    )


def lookup(code: int | str) -> StatusCode:
    """Everything known about ``code``; unknown codes still get their family's guidance."""
    text = format_code(code)
    catalog = _catalog()
    family_key = text[:3]
    family = catalog.families.get(family_key, {})
    entry = catalog.codes.get(text, {})
    summary = family.get("summary", "")
    steps = tuple(family.get("steps", ()))
    technician = tuple(family.get("technician_steps", steps))
    about = family.get("about", "")
    source = family.get("source", "")
    guidance = next((g.entry for g in catalog.guidance if g.covers(text)), None)
    if guidance is not None:
        summary = guidance.get("summary", summary)
        steps = tuple(guidance["steps"])
        extra = technician if guidance.get("then_family") else ()
        technician = tuple(guidance.get("technician_steps", steps)) + extra
        about = guidance.get("about", about)
        source = guidance.get("source", source)
    description = entry.get("description", f"Status code {text}")
    return StatusCode(
        code=text,
        description=description,
        family=family_key,
        family_name=family.get("name", "Status"),
        severity=family.get("severity", "info"),
        driver_text=entry.get("driver_text", summary or description),
        steps=steps,
        technician_steps=technician,
        about=about,
        known=bool(entry),
        source=source,
        reconstruction=tuple(f"{ref}: {catalog.reconstructions[ref]}" for ref in entry.get("reconstructed", ())),
    )


def known_codes() -> tuple[str, ...]:
    """Every code of the catalog (manual 5.4), in order."""
    return tuple(sorted(_catalog().codes))


def all_codes() -> Iterator[StatusCode]:
    """:func:`lookup` of every catalogued code, in order."""
    return (lookup(code) for code in known_codes())


def _searchable(text: str, spelling: dict[str, str]) -> str:
    """``text`` in lower case, followed by its usual spelling where the manual misspells a word."""
    lowered = text.lower()
    fixed = re.sub(r"[a-z]+", lambda m: spelling.get(m.group(0), m.group(0)), lowered)
    return lowered if fixed == lowered else f"{lowered} {fixed}"


def search(query: str) -> list[StatusCode]:
    """Catalogued codes whose description contains every word of ``query`` (case-insensitive)."""
    words = query.lower().split()
    if not words:
        return []
    catalog = _catalog()
    return [lookup(code) for code in known_codes()
            if all(word in _searchable(catalog.codes[code]["description"], catalog.spelling) for word in words)]


def driver_texts() -> tuple[str, ...]:
    """Every text of the catalog a driver can read on the kiosk (the meanings and steps of the
    families and the guidance, and the codes' own driver texts), each once, in file order:
    the sources of the catalog's translations (``tools/i18n.py`` hands them to lupdate)."""
    catalog = _catalog()
    texts: dict[str, None] = {}
    entries = [*catalog.families.values(), *(g.entry for g in catalog.guidance)]
    for entry in entries:
        if "summary" in entry:
            texts[entry["summary"]] = None
        texts.update(dict.fromkeys(entry.get("steps", ())))
    for entry in catalog.codes.values():
        if "driver_text" in entry:
            texts[entry["driver_text"]] = None
    return tuple(texts)
