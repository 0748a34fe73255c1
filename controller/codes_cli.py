"""``evse-hmi codes``: look status codes up, or search their descriptions, for technicians.

    evse-hmi codes 012251 [CODE ...]   description, family, severity, driver text and steps
    evse-hmi codes --search fuse       one line per code whose description has every word

Plain Python (no Qt). Exit status: 0 found, 1 a code not in the catalog or no match, 2 malformed code or usage.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from typing import TextIO

from controller import fault_policy as policy
from controller.status_codes import StatusCode, format_code, lookup, search

WIDTH = 100
PROG = "evse-hmi codes"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Look up status codes of manual 5.4 with the troubleshooting steps of manual 5.3.",
        epilog="Codes may be written 012251, 12251 or 012-251. "
               "Exit status: 0 found, 1 a code not in the catalog or no match, 2 malformed code.",
    )
    parser.add_argument("codes", nargs="*", metavar="CODE", help="six-digit status code, e.g. 012251")
    parser.add_argument("-s", "--search", metavar="TEXT",
                        help="list the codes whose description contains every word of TEXT (case-insensitive); "
                             "further words after TEXT are added to it")
    return parser


def parse_code(text: str) -> str:
    """``"012-251"``, ``"12251"`` or ``"012251"`` -> ``"012251"``; ``ValueError`` otherwise."""
    return format_code(text.replace("-", "").replace(" ", ""))


def _wrapped(label: str, text: str, out: TextIO) -> None:
    indent = " " * 20
    print(textwrap.fill(text, WIDTH, initial_indent=f"  {label:<18}", subsequent_indent=indent), file=out)


def _numbered(title: str, steps: Sequence[str], out: TextIO) -> None:
    print(f"  {title}:", file=out)
    for number, step in enumerate(steps, start=1):
        print(textwrap.fill(step, WIDTH, initial_indent=f"    {number}. ", subsequent_indent=" " * 7), file=out)


def describe(info: StatusCode, out: TextIO) -> None:
    """Everything a technician needs about one code."""
    print(f"{info.code}  {info.description}", file=out)
    action = policy.action_for(info.code)
    blocking = "blocks charging" if policy.blocks_charging(action) else "does not block charging"
    _wrapped("Family:", f"{info.family} {info.family_name}; severity {info.severity}, {blocking}", out)
    _wrapped("Charger:", policy.EFFECTS[action], out)
    if info.about:
        _wrapped("About:", info.about, out)
    _wrapped("Driver text:", info.driver_text, out)
    if info.source:
        _wrapped("Guidance from:", info.source, out)
    _numbered("Driver steps", info.steps, out)
    _numbered("Technician steps", info.technician_steps, out)
    for note in info.reconstruction:
        _wrapped("Reconstructed:", note, out)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``evse-hmi codes`` with ``argv`` (the words after ``codes``); return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    args = parser.parse_args(argv)
    if args.search is not None:
        query = " ".join([args.search, *args.codes])  # --search psu fan: the words need no quotes
        if not query.split():
            print(f"{PROG}: --search needs a word to look for", file=err)
            return 2
        matches = search(query)
        for info in matches:
            print(f"{info.code}  {info.severity:<7}  {info.description}", file=out)
        if not matches:
            print(f"{PROG}: no description contains {query!r}", file=err)
        return 0 if matches else 1
    if not args.codes:
        parser.error("give one or more CODEs, or --search TEXT")
    try:
        codes = [parse_code(text) for text in args.codes]
    except ValueError:
        bad = next(text for text in args.codes if not _is_code(text))
        print(f"{PROG}: {bad!r} is not a status code: use six digits, e.g. 012251", file=err)
        return 2
    status, printed = 0, False
    for code in codes:
        info = lookup(code)
        if not info.known:
            print(f"{PROG}: {code} is not in the catalog (manual 5.4, table V0.48)"
                  + (f"; family {info.family} ({info.family_name}): {info.driver_text}" if info.family_name != "Status"
                     else ""), file=err)
            status = 1
            continue
        if printed:
            print(file=out)
        describe(info, out)
        printed = True
    return status


def _is_code(text: str) -> bool:
    try:
        parse_code(text)
    except ValueError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
