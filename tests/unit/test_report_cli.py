"""``evse-hmi report`` on a constructed store (a real SQLite file, read by a real process)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from controller import reliability_store as rs
from controller.reliability import Exclusion
from controller.report_cli import main
from controller.store import Store

ROOT = Path(__file__).resolve().parents[2]


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def session(store: Store, port: int, start: str, end: str, wh: float, reason: str, peak_w: float,
            code: str = "") -> None:
    number = store.begin_session(port, "04A1B2C3D4E5F6", "rfid", utc(start), 0.0, 40)
    store.end_session(number, port, wh, wh, 60, reason, utc(end))
    rs.record_outcome(store.connection, number, peak_w, code)


def outage(store: Store, port: int, start: str, end: str, cause: str, exclusion: Exclusion = Exclusion.NONE) -> None:
    ids = rs.change_outages(store.connection, utc(start), open_=[(port, cause, exclusion)])
    rs.change_outages(store.connection, utc(end), close=[ids[port]])


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Two days, 2026-03-02 and 03 in Los Angeles (PST, UTC-8: 08:00 UTC on the 2nd to 08:00 on the 4th)."""
    path = tmp_path / "evse.sqlite3"
    store = Store(path)
    rs.ensure_schema(store.connection)
    session(store, 1, "2026-03-01T18:00", "2026-03-01T18:30", 9_000, "card", 50_000)  # the day before: left out
    session(store, 1, "2026-03-02T18:00", "2026-03-02T18:30", 20_000, "card", 60_000)  # first attempt, successful
    session(store, 1, "2026-03-02T20:00", "2026-03-02T20:02", 0, "fault", 0, "023702")  # first attempt, failed
    session(store, 1, "2026-03-02T20:05", "2026-03-02T20:40", 10_000, "ev_target_reached", 45_000)  # a retry
    outage(store, 1, "2026-03-02T10:00", "2026-03-02T12:00", "011011")  # 120 min, counted
    outage(store, 1, "2026-03-03T08:00", "2026-03-03T09:00", "012295", Exclusion.GRID)  # 60 min, excluded
    outage(store, 2, "2026-03-02T07:00", "2026-03-02T09:00", "012251")  # 60 of its 120 min in the window
    store.close()
    return path


def run(database: Path, *words: str) -> str:
    out = io.StringIO()
    assert main(["--from", "2026-03-02", "--to", "2026-03-03", "--database", str(database), *words], out) == 0
    return out.getvalue()


def test_the_summary_gives_each_ports_uptime_and_success_rates(database: Path) -> None:
    summary = {row["port"]: row for row in csv.DictReader(io.StringIO(run(database, "--what", "summary")))}
    # T = 2 days = 2,880 min.  Port 1: T_outage = 120 + 60 = 180, T_excluded = 60:
    # mu = (2,880 - 120) / 2,880 x 100 = 95.833 %.  Port 2: 60 min inside the window, counted:
    # mu = (2,880 - 60) / 2,880 x 100 = 97.917 %.
    assert summary["1"]["window_minutes"] == "2880.0"
    assert (summary["1"]["outage_minutes"], summary["1"]["excluded_minutes"]) == ("180.0", "60.0")
    assert summary["1"]["uptime_percent"] == "95.833"
    assert summary["2"]["uptime_percent"] == "97.917"
    # Port 1: 3 sessions, 2 successful: 66.7 %; first attempts: 18:00 and 20:00 (20:05 is a retry),
    # one successful: 50 %.
    assert (summary["1"]["sessions"], summary["1"]["successful_sessions"]) == ("3", "2")
    assert summary["1"]["session_success_percent"] == "66.7"
    assert (summary["1"]["first_attempts"], summary["1"]["first_attempt_success_percent"]) == ("2", "50.0")
    assert summary["2"]["session_success_percent"] == ""  # no session: no rate


def test_sessions_and_outages_are_in_the_stations_local_time(database: Path) -> None:
    sessions = list(csv.DictReader(io.StringIO(run(database, "--what", "sessions"))))
    assert [row["start"] for row in sessions] == ["2026-03-02T10:00:00-08:00", "2026-03-02T12:00:00-08:00",
                                                  "2026-03-02T12:05:00-08:00"]
    first, failed, _ = sessions
    assert (first["kwh"], first["peak_kw"], first["authorization"], first["successful"]) == ("20.0", "60.0", "rfid",
                                                                                              "True")
    assert (failed["successful"], failed["error_code"]) == ("False", "023702")
    outages = list(csv.DictReader(io.StringIO(run(database, "--what", "outages"))))
    assert [(row["port"], row["minutes"], row["cause"], row["exclusion"]) for row in outages] == [
        ("2", "120.0", "012251", ""), ("1", "120.0", "011011", ""), ("1", "60.0", "012295", "grid")]


def test_all_tables_in_one_csv_and_one_json_document(database: Path) -> None:
    text = run(database)
    assert [line for line in text.splitlines() if line.startswith("#")] == ["# sessions", "# outages", "# summary"]
    document = json.loads(run(database, "--format", "json"))
    assert document["from"] == "2026-03-02T00:00:00-08:00" and document["to"] == "2026-03-04T00:00:00-08:00"
    assert (len(document["sessions"]), len(document["outages"]), len(document["summary"])) == (3, 3, 2)


def test_the_subcommand_runs_as_its_own_process_and_never_writes_the_store(database: Path, tmp_path: Path) -> None:
    database.chmod(0o444)  # read-only: the report must not need to write
    before = database.read_bytes()
    output = tmp_path / "report.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", "import sys; from hmi.app import main; sys.exit(main())", "report",
                             "--from", "2026-03-02", "--to", "2026-03-03", "--database", str(database), "--format",
                             "json", "--output", str(output)], env=env, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(output.read_text())["sessions"]) == 3
    assert database.read_bytes() == before
    missing = subprocess.run([sys.executable, "-m", "controller.report_cli", "--from", "2026-03-02", "--to",
                              "2026-03-03", "--database", str(tmp_path / "none.sqlite3")], env=env,
                             capture_output=True, text=True, timeout=60, check=False)
    assert missing.returncode == 2 and "cannot read" in missing.stderr
