"""The diagnostics bundle: the log window across rotated files, secrets redacted by name and
by value, versions, status codes, counters, sessions, the security log, the size cap.

Real files throughout: a rotating log written by :mod:`logging` itself, the station's SQLite
store written by :class:`controller.store.Store`, and the ``.tar.gz`` read back."""

from __future__ import annotations

import json
import logging
import sqlite3
import tarfile
from datetime import UTC, datetime, timedelta
from logging.handlers import RotatingFileHandler
from pathlib import Path

from controller import reliability_store as rs
from controller.config import Config
from controller.diagnostics.collect import LogKind, Sources, Window, collect
from controller.diagnostics.log_window import excerpt
from controller.diagnostics.redact import REDACTED
from controller.diagnostics.station_data import codes_section
from controller.logs import FORMAT
from controller.readings import Measurement
from controller.reliability import Exclusion
from controller.store import Store
from controller.types import Side
from controller.view import ActiveCode, CodeEvent

KEY = "AuthKey-0123456789abcdef"  # [ocpp].authorization_key
PIN_HASH = "scrypt$16384$8$1$c2FsdA$aGFzaGhhc2hoYXNo"
FTP_PASSWORD = "ftp-pass-W0rd"
NOW = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
ALWAYS = Window()


def write_log(path: Path, records: list[tuple[datetime, str]], max_bytes: int = 600) -> None:
    """Records at the given UTC times, through a real RotatingFileHandler (so rotated files too)."""
    handler = RotatingFileHandler(path, maxBytes=max_bytes, backupCount=9, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    for at, message in records:
        record = logging.LogRecord("controller.test", logging.INFO, __file__, 1, message, None, None)
        record.created = at.timestamp()
        record.msecs = 0
        handler.emit(record)
    handler.close()


def station_store(path: Path) -> None:
    store = Store(path)
    first = store.begin_session(1, "04A1B2C3D4E5F6", "rfid", NOW - timedelta(hours=2), 1000.0, 20)
    store.end_session(first, 1, 13_000.0, 12_000.0, 80, "Local", NOW - timedelta(hours=1))
    store.begin_session(2, "0A0B0C0D", "rfid", NOW - timedelta(minutes=5), 500.0, 35)
    store.save_counters({"plugs.1": 42.0, "air_filter_s": 3600.0}, NOW)
    store.close()


def config_for(tmp_path: Path, log_file: str) -> Config:
    return Config().with_overrides(
        ocpp={"authorization_key": KEY, "url": f"ws://csms.example:{9000}/ocpp"},
        engineer={"pin_hash": PIN_HASH},
        storage={"path": str(tmp_path / "evse.sqlite3")},
        logging={"file": log_file})


def codes() -> dict[str, object]:
    active = [ActiveCode("011011", Side.LEFT, True)]
    history = [CodeEvent(NOW - timedelta(minutes=3), "012226", None, True, Measurement("PSU", 96.0, "C")),
               CodeEvent(NOW - timedelta(minutes=1), "012226", None, False)]
    return codes_section(active, history)


def read_bundle(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}  # type: ignore[union-attr]


def make(tmp_path: Path, kind: LogKind = LogKind.DIAGNOSTICS, window: Window = ALWAYS, log_file: str | None = None,
         max_bytes: int = 5_000_000) -> tuple[Path, dict[str, bytes]]:
    log_path = tmp_path / "logs" / "evse.log"
    sources = Sources("DSWX601-0001", config_for(tmp_path, str(log_path) if log_file is None else log_file),
                      codes=codes(), secrets=(FTP_PASSWORD,), max_bytes=max_bytes)
    bundle = collect(kind, window, sources, tmp_path / "out", NOW)
    return bundle.path, read_bundle(bundle.path)


def test_the_log_window_keeps_the_records_inside_it_across_rotated_files(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    station_store(tmp_path / "evse.sqlite3")
    times = [NOW - timedelta(hours=h) for h in range(10, 0, -1)]
    write_log(tmp_path / "logs" / "evse.log", [(at, f"record {at:%H}h " + "x" * 100) for at in times])
    assert list((tmp_path / "logs").glob("evse.log.*")), "the test needs rotated files"
    path, files = make(tmp_path, window=Window(NOW - timedelta(hours=6, minutes=30), NOW - timedelta(hours=2,
                                                                                                      minutes=30)))
    log = files["log.txt"].decode()
    assert [line.split("record ")[1][:3] for line in log.splitlines()] == ["06h", "07h", "08h", "09h"]
    assert path.name == "DSWX601-0001-DiagnosticsLog-20261205T120000Z.tar.gz"


def test_a_traceback_stays_with_its_record_and_open_ends_take_everything(tmp_path: Path) -> None:
    log = tmp_path / "evse.log"
    write_log(log, [(NOW - timedelta(hours=2), "first"), (NOW - timedelta(hours=1), "boom\nTraceback:\n  line")],
              max_bytes=0)
    inside = excerpt(log, NOW - timedelta(minutes=90), None, 1_000_000)
    assert inside.records == 1 and "Traceback:\n  line\n" in inside.text and "first" not in inside.text
    assert excerpt(log, None, None, 1_000_000).records == 2


def test_no_secret_appears_anywhere_in_the_bundle(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    station_store(tmp_path / "evse.sqlite3")
    write_log(tmp_path / "logs" / "evse.log", [
        (NOW - timedelta(minutes=10), f"connecting with key {KEY}"),
        (NOW - timedelta(minutes=9), f"upload to ftp://evse:{FTP_PASSWORD}@files.example/logs/"),
        (NOW - timedelta(minutes=8), "an https://user:other-secret-pw@host/ link"),
        (NOW - timedelta(minutes=7), f"pin {PIN_HASH}")], max_bytes=0)
    _path, files = make(tmp_path)
    everything = b"".join(files.values()).decode()
    for secret in (KEY, PIN_HASH, FTP_PASSWORD, "other-secret-pw"):
        assert secret not in everything, secret
    configuration = json.loads(files["configuration.json"])
    assert configuration["ocpp"]["authorization_key"] == REDACTED
    assert configuration["engineer"]["pin_hash"] == REDACTED
    assert configuration["ocpp"]["url"] == "ws://csms.example:9000/ocpp"  # what is not secret stays
    assert "connecting with key " + REDACTED in files["log.txt"].decode()


def test_the_bundle_holds_versions_codes_counters_sessions_and_a_manifest(tmp_path: Path) -> None:
    station_store(tmp_path / "evse.sqlite3")
    _path, files = make(tmp_path)
    manifest = json.loads(files["manifest.json"])
    assert {p["name"] for p in manifest["parts"]} == set(files) - {"manifest.json"} == {
        "versions.json", "configuration.json", "status-codes.json", "counters.json", "sessions.json", "log.txt"}
    # a database no station of this version has run on has no reliability tables: the manifest says so
    assert any(note.startswith("reliability not read") for note in manifest["notes"])
    versions = json.loads(files["versions.json"])
    assert versions["python"].count(".") == 2 and versions["dependencies"]["ocpp"] == "2.1.0"
    assert "evse-hmi" in versions and versions["qt"]
    status = json.loads(files["status-codes.json"])
    assert status["active"] == [{"code": "011011", "side": "left", "blocks_charging": True}]
    assert [(e["code"], e["raised"], e["reading"]) for e in status["recent"]] == [
        ("012226", True, "PSU 96 C"), ("012226", False, None)]
    assert json.loads(files["counters.json"]) == {"air_filter_s": 3600.0, "plugs.1": 42.0}
    sessions = json.loads(files["sessions.json"])
    assert [(s["connector_id"], s["status"], s["card"]) for s in sessions] == [
        (2, "running", "****0C0D"), (1, "finished", "**********E5F6")]
    assert sessions[1]["energy_wh"] == 12_000.0 and sessions[1]["stop_reason"] == "Local"


def test_the_bundle_holds_each_ports_uptime_and_the_latest_outages(tmp_path: Path) -> None:
    station_store(tmp_path / "evse.sqlite3")
    store = Store(tmp_path / "evse.sqlite3")
    rs.ensure_schema(store.connection)
    opened = rs.change_outages(store.connection, NOW - timedelta(hours=3), open_=[(1, "011011", Exclusion.NONE)])
    rs.change_outages(store.connection, NOW - timedelta(hours=3) + timedelta(minutes=144), close=[opened[1]])
    store.close()
    _path, files = make(tmp_path)
    reliability = json.loads(files["reliability.json"])
    month = {row["port"]: row for row in reliability["windows"]["30d"]}
    # 144 min down in 30 days (43,200 min): (43,200 - 144) / 43,200 x 100 = 99.667 %
    assert month[1]["outage_minutes"] == 144.0 and month[1]["uptime_percent"] == 99.667
    assert month[2]["uptime_percent"] == 100.0
    assert [(o["port"], o["cause"], o["minutes"]) for o in reliability["recent_outages"]] == [(1, "011011", 144.0)]
    assert reliability["unsuccessful_sessions"][0]["stop_reason"] == "Local"  # not a driver's or EV's stop


def test_a_station_without_a_log_file_says_so(tmp_path: Path) -> None:
    station_store(tmp_path / "evse.sqlite3")
    _path, files = make(tmp_path, log_file="")
    assert b"No log file is configured" in files["log.txt"]
    assert "no log file configured ([logging].file)" in json.loads(files["manifest.json"])["notes"]


def test_the_bundle_stays_under_its_cap_keeping_the_newest_records(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    station_store(tmp_path / "evse.sqlite3")
    import random
    noise = random.Random(3)
    records = [(NOW - timedelta(seconds=4000 - i), f"record {i:05d} " + "".join(
        noise.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(200))) for i in range(3000)]
    write_log(tmp_path / "logs" / "evse.log", records, max_bytes=200_000)
    path, files = make(tmp_path, max_bytes=100_000)
    assert path.stat().st_size <= 100_000
    assert json.loads(files["manifest.json"])["truncated"] is True
    log = files["log.txt"].decode()
    assert "record 02999" in log and "record 00000" not in log


def test_a_security_log_request_reads_the_security_events_table_inside_the_window(tmp_path: Path) -> None:
    station_store(tmp_path / "evse.sqlite3")
    with sqlite3.connect(tmp_path / "evse.sqlite3") as db:
        db.execute("CREATE TABLE security_events (id INTEGER PRIMARY KEY, at TEXT, kind TEXT, tech_info TEXT)")
        db.executemany("INSERT INTO security_events (at, kind, tech_info) VALUES (?, ?, ?)", [
            ((NOW - timedelta(days=2)).isoformat(), "StartupOfTheDevice", ""),
            ((NOW - timedelta(hours=1)).isoformat(), "TamperDetectionActivated", "door"),
            ((NOW - timedelta(minutes=1)).isoformat(), "SettingSystemTime", f"key {KEY}")])
    _path, files = make(tmp_path, LogKind.SECURITY, Window(NOW - timedelta(days=1), NOW))
    assert set(files) == {"manifest.json", "versions.json", "security-log.json"}
    security = json.loads(files["security-log.json"])
    assert [e["kind"] for e in security["events"]] == ["TamperDetectionActivated", "SettingSystemTime"]
    assert KEY not in files["security-log.json"].decode()


def test_a_security_log_request_without_the_table_says_there_is_none(tmp_path: Path) -> None:
    station_store(tmp_path / "evse.sqlite3")
    _path, files = make(tmp_path, LogKind.SECURITY)
    assert json.loads(files["security-log.json"]) == {
        "available": False, "events": [], "note": "this station keeps no security log yet"}
