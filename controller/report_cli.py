"""``evse-hmi report``: the NEVI data (23 CFR 680.112, 680.116(b)) from the station's store.

    evse-hmi report --from 2026-01-01 --to 2026-03-31 --format csv [--what sessions] [--config FILE]

DATEs are days in ``[station].time_zone``; ``--to`` is inclusive (the window ends at midnight
after it).  The store (``[storage].path``, or ``--database``) is opened read-only, so a running
charger is never disturbed.  Times are ISO 8601 in the station's time zone.

- ``sessions``: one row per session begun in the window: port, start, end, kWh, peak kW,
  authorization method, successful, error code if unsuccessful, stop reason;
- ``outages``: one row per outage that touches the window: port, start, end (empty: still down),
  minutes (the whole outage; an open one up to now), cause, excluded, exclusion;
- ``summary``: per port: μ over the window with T_outage and T_excluded (clipped to the window),
  sessions, session success rate, first attempts and first-attempt success rate.

CSV: ``--what sessions|outages|summary`` gives one plain table (one file per table is what a
spreadsheet imports best); ``--what all`` (the default) gives the three tables one after the
other, each after a ``# name`` line and separated by an empty line.  JSON: one document with the
three lists.  Exit status: 0 written, 2 usage, configuration or database error.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from controller import reliability_store as rs
from controller.config import ConfigError, load
from controller.diagnostics.station_data import StationDataError, read_only

PROG = "evse-hmi report"
SESSION_COLUMNS = ("port", "start", "end", "kwh", "peak_kw", "authorization", "successful", "error_code",
                   "stop_reason")
OUTAGE_COLUMNS = ("port", "start", "end", "minutes", "cause", "excluded", "exclusion")
SUMMARY_COLUMNS = ("port", "window_minutes", "uptime_percent", "outage_minutes", "excluded_minutes", "outages",
                   "sessions", "successful_sessions", "session_success_percent", "first_attempts",
                   "first_attempt_successes", "first_attempt_success_percent")
TABLES = {"sessions": SESSION_COLUMNS, "outages": OUTAGE_COLUMNS, "summary": SUMMARY_COLUMNS}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Sessions, outages and uptime as 23 CFR 680.112 and "
                                                            "680.116(b) ask for them, from the station's store.")
    parser.add_argument("--from", dest="start", required=True, type=date.fromisoformat, metavar="DATE",
                        help="first day (YYYY-MM-DD, the station's time zone)")
    parser.add_argument("--to", dest="end", required=True, type=date.fromisoformat, metavar="DATE",
                        help="last day, included (YYYY-MM-DD)")
    parser.add_argument("--format", choices=("csv", "json"), default="csv")
    parser.add_argument("--what", choices=("all", *TABLES), default="all", help="which table (default: all)")
    parser.add_argument("--config", metavar="FILE", help="the charger's configuration (default: the defaults)")
    parser.add_argument("--database", metavar="FILE", help="the station's database (default: [storage].path)")
    parser.add_argument("--output", metavar="FILE", help="write here (default: standard output)")
    return parser


def window(start: date, end: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """[midnight of ``start``, midnight after ``end``) in ``zone``, as UTC."""
    first = datetime.combine(start, time(), zone)
    last = datetime.combine(end + timedelta(days=1), time(), zone)
    return first.astimezone(UTC), last.astimezone(UTC)


def report(db: sqlite3.Connection, start: datetime, end: datetime, now: datetime, zone: ZoneInfo) -> dict[str, Any]:
    """The three tables over [start, end) (times in ``zone``)."""
    def local(text: str | None) -> str | None:
        return datetime.fromisoformat(text).astimezone(zone).isoformat() if text else None

    sessions = [rs.outcome_row(o) for o in rs.session_outcomes(db, start, end)]
    outages = [rs.outage_row(o, now) for o in rs.outages(db, start, end)]
    for row in (*sessions, *outages):
        row["start"], row["end"] = local(row["start"]), local(row["end"])
    summary = [rs.port_summary(db, port, start, end, now) for port in rs.ports(db)]
    return {"sessions": sessions, "outages": outages, "summary": summary}


def write_csv(tables: dict[str, list[dict[str, Any]]], what: str, out: TextIO) -> None:
    names = list(TABLES) if what == "all" else [what]
    for index, name in enumerate(names):
        if what == "all":
            if index:
                out.write("\n")
            out.write(f"# {name}\n")
        writer = csv.DictWriter(out, fieldnames=TABLES[name], extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in tables[name])


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.end < args.start:
        print(f"{PROG}: --to is before --from", file=sys.stderr)
        return 2
    try:
        config = load(args.config)
    except ConfigError as exc:
        print(f"{PROG}: configuration error: {exc}", file=sys.stderr)
        return 2
    zone = ZoneInfo(config.station.time_zone)
    start, end = window(args.start, args.end, zone)
    path = Path(args.database or config.storage.path)
    try:
        with read_only(path) as db:
            tables = report(db, start, end, datetime.now(UTC), zone)
    except (StationDataError, sqlite3.Error) as exc:
        print(f"{PROG}: cannot read the station's database {path}: {exc} (a database older than this software "
              "has no reliability tables until the charger has run once with it)", file=sys.stderr)
        return 2
    stream = out or sys.stdout
    handle = open(args.output, "w", newline="", encoding="utf-8") if args.output else None  # noqa: SIM115
    try:
        target = handle or stream
        if args.format == "json":
            document = {"station": config.station.charge_point_id, "time_zone": config.station.time_zone,
                        "from": start.astimezone(zone).isoformat(), "to": end.astimezone(zone).isoformat(),
                        **({args.what: tables[args.what]} if args.what != "all" else tables)}
            json.dump(document, target, indent=2)
            target.write("\n")
        else:
            write_csv(tables, args.what, target)
    finally:
        if handle is not None:
            handle.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
