"""What the bundle tells of the station: its SQLite store read with a connection of its own
(read-only, so the running station is never disturbed), and its status codes.

Sessions are summarised (the card's number masked but for its last four characters),
counters listed, and for a SecurityLog the ``security_events`` table (kept by
``controller.security_log``) read when it exists.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from controller.boards import LinkHealth
    from controller.view import ActiveCode, CodeEvent

#: The table another part keeps the security events in (absent until that part runs).
SECURITY_EVENTS = "security_events"


class StationDataError(RuntimeError):
    """The station's database cannot be read."""


@contextmanager
def read_only(path: str | Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the station's database (never creates it)."""
    if str(path) == ":memory:" or not Path(path).exists():
        raise StationDataError(f"{path}: no station database")
    try:
        db = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise StationDataError(f"{path}: {exc}") from exc
    db.row_factory = sqlite3.Row
    try:
        yield db
    finally:
        db.close()


def masked(token: str) -> str:
    """A card's number for a log: all but its last four characters hidden."""
    return "*" * max(0, len(token) - 4) + token[-4:]


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def sessions(db: sqlite3.Connection, limit: int) -> list[dict[str, Any]]:
    """The newest ``limit`` sessions, newest first: when, where, whose card (masked), how much, how it ended."""
    rows = db.execute("SELECT id, connector_id, id_token, method, started_at, ended_at, energy_wh, start_soc, soc, "
                      "status, stop_reason FROM sessions ORDER BY id DESC LIMIT ?", (limit,))
    summary = []
    for row in rows:
        fields = dict(row)
        fields["card"] = masked(fields.pop("id_token"))  # the masked number, under a name no redaction hides
        summary.append(fields)
    return summary


def counters(db: sqlite3.Connection) -> dict[str, float]:
    """The maintenance counters by name."""
    return {row["name"]: row["value"] for row in db.execute("SELECT name, value FROM counters ORDER BY name")}


def security_events(db: sqlite3.Connection, limit: int) -> list[dict[str, Any]] | None:
    """The newest ``limit`` security events, oldest first (None when the table does not exist)."""
    if SECURITY_EVENTS not in _tables(db):
        return None
    columns = [row[1] for row in db.execute(f"PRAGMA table_info({SECURITY_EVENTS})")]
    order = "id" if "id" in columns else "rowid"
    rows = db.execute(f"SELECT * FROM {SECURITY_EVENTS} ORDER BY {order} DESC LIMIT ?", (limit,)).fetchall()
    return [dict(row) for row in reversed(rows)]


def can_bus_section(health: LinkHealth | None, now: float) -> dict[str, Any] | None:
    """The internal CAN bus: its state, how long it has held, whether the handle is lost, the counters."""
    if health is None:
        return None
    return {"state": health.state, "for_s": round(now - health.since, 1), "link_up": health.down_since is None,
            "counters": dict(health.counters)}


def codes_section(active: Iterable[ActiveCode], history: Iterable[CodeEvent]) -> dict[str, Any]:
    """The status codes in force and the recent ones raised and cleared (newest last)."""
    def side(value: Any) -> str:
        return value.name.lower() if value is not None else "station"

    return {
        "active": [{"code": c.code, "side": side(c.side), "blocks_charging": c.blocks_charging} for c in active],
        "recent": [{"at": e.at.isoformat(), "code": e.code, "side": side(e.side), "raised": e.raised,
                    "reading": str(e.measurement) if e.measurement is not None else None} for e in history],
    }
