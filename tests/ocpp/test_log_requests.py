"""Logs on request over OCPP 1.6 against the demo central system (a real process, a real
websocket): GetDiagnostics and the whitepaper's GetLog, their status notifications in order,
the upload arriving at a real HTTP or FTP server, statuses kept while offline, and every
frame checked against the official schemas."""

from __future__ import annotations

import asyncio
import tarfile
from pathlib import Path
from typing import Any

from controller.clock import SystemClock
from controller.config import Config
from controller.diagnostics.collect import Sources
from controller.diagnostics.engine import LogEngine, UploadSettings
from controller.diagnostics.journal import Journal
from tests.ocpp.harness import CentralSystemProcess, Charger, make_charger, run, schema_errors, wait_for
from tests.support.file_servers import FtpFileServer, HttpFileServer


def engine_for(tmp_path: Path) -> LogEngine:
    config = Config().with_overrides(storage={"path": str(tmp_path / "evse.sqlite3")},
                                     logging={"file": str(tmp_path / "evse.log")})
    (tmp_path / "evse.log").write_text("2026-01-01 00:00:00,000 INFO controller: hello\n")
    return LogEngine(Journal(tmp_path / "logs.sqlite3"), tmp_path / "work",
                     lambda: Sources("CP-TEST-1", config, max_bytes=200_000), SystemClock(),
                     UploadSettings(timeout_s=10, retries=0, retry_interval_s=0))


async def online_with_logs(central: CentralSystemProcess, tmp_path: Path) -> tuple[Charger, LogEngine]:
    engine = engine_for(tmp_path)
    charger = make_charger(central.url, tmp_path / "cp.sqlite")
    charger.client.attach_logs(engine)
    await charger.start()
    await wait_for(lambda: charger.client.online, "the charger online")
    return charger, engine


def notified(central: CentralSystemProcess, action: str) -> list[dict[str, Any]]:
    return [n["payload"] for n in central._http("GET", f"/notifications?action={action}")["notifications"]]


def test_get_diagnostics_uploads_the_bundle_and_reports_uploading_then_uploaded(central: CentralSystemProcess,
                                                                                 tmp_path: Path) -> None:
    async def scenario() -> None:
        charger, _engine = await online_with_logs(central, tmp_path)
        try:
            with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
                answer = await central.call("GetDiagnostics", {"location": server.url("diagnostics/"),
                                                               "startTime": "2025-01-01T00:00:00Z"})
                name = answer["response"]["fileName"]
                assert name.startswith("CP-TEST-1-DiagnosticsLog-") and name.endswith(".tar.gz")
                await wait_for(lambda: len(notified(central, "DiagnosticsStatusNotification")) == 2, "two statuses")
                assert [n["status"] for n in notified(central, "DiagnosticsStatusNotification")] == [
                    "Uploading", "Uploaded"]
                with tarfile.open(tmp_path / "got" / name) as tar:
                    assert b"hello" in tar.extractfile("log.txt").read()  # type: ignore[union-attr]
            idle = await central.call("TriggerMessage", {"requestedMessage": "DiagnosticsStatusNotification"})
            assert idle["response"] == {"status": "Accepted"}
            await wait_for(lambda: len(notified(central, "DiagnosticsStatusNotification")) == 3, "the triggered one")
            assert notified(central, "DiagnosticsStatusNotification")[-1]["status"] == "Idle"
        finally:
            await charger.stop()

    run(scenario())
    assert schema_errors(central) == []
    assert central._http("GET", "/violations")["violations"] == []


def test_get_log_over_ftp_and_a_refusing_server_report_with_their_request_ids(central: CentralSystemProcess,
                                                                                tmp_path: Path) -> None:
    async def scenario() -> None:
        charger, _engine = await online_with_logs(central, tmp_path)
        try:
            with FtpFileServer(tmp_path / "ftp") as ftp, HttpFileServer(tmp_path / "s", tmp_path / "got") as refusing:
                refusing.refuse(403)
                answer = await central.call("GetLog", {"logType": "SecurityLog", "requestId": 41,
                                                       "log": {"remoteLocation": ftp.url("")}})
                assert answer["response"]["status"] == "Accepted"
                await wait_for(lambda: len(notified(central, "LogStatusNotification")) == 2, "two statuses")
                assert (tmp_path / "ftp" / answer["response"]["filename"]).exists()
                denied = await central.call("GetLog", {"logType": "DiagnosticsLog", "requestId": 42,
                                                       "log": {"remoteLocation": refusing.url("up/")}, "retries": 3})
                assert denied["response"]["status"] == "Accepted"
                await wait_for(lambda: len(notified(central, "LogStatusNotification")) == 4, "four statuses")
                diagnostics = await central.call("GetDiagnostics", {"location": refusing.url("up/")})
                assert "fileName" in diagnostics["response"]
                await wait_for(lambda: len(notified(central, "DiagnosticsStatusNotification")) == 2, "failed")
        finally:
            await charger.stop()
        assert [(n["request_id"], n["status"]) for n in notified(central, "LogStatusNotification")] == [
            (41, "Uploading"), (41, "Uploaded"), (42, "Uploading"), (42, "PermissionDenied")]
        assert [n["status"] for n in notified(central, "DiagnosticsStatusNotification")] == ["Uploading",
                                                                                              "UploadFailed"]

    run(scenario())
    assert schema_errors(central) == []
    assert central._http("GET", "/violations")["violations"] == []


def test_statuses_reached_while_offline_are_sent_in_order_once_back(central: CentralSystemProcess,
                                                                    tmp_path: Path) -> None:
    async def scenario() -> None:
        charger, engine = await online_with_logs(central, tmp_path)
        try:
            with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
                server.fail_next(1)
                answer = await central.call("GetLog", {"logType": "DiagnosticsLog", "requestId": 7, "retries": 1,
                                                       "retryInterval": 2, "log": {"remoteLocation": server.url("/")}})
                assert answer["response"]["status"] == "Accepted"
                await wait_for(lambda: server.requests, "the first attempt")
                await wait_for(lambda: notified(central, "LogStatusNotification"), "Uploading delivered")
                central.kill()
                await wait_for(lambda: not charger.client.online, "the charger offline")
                await wait_for(lambda: engine.current()[2] == "Idle", "the upload done while offline")
                await asyncio.to_thread(central.start_again)
                await wait_for(lambda: len(notified(central, "LogStatusNotification")) >= 1, "the queued status")
                await wait_for(lambda: engine.next_note() is None, "every status delivered")
        finally:
            await charger.stop()
        sent = [frame[3] for frame in central.from_charger("LogStatusNotification")]
        assert sent == [{"status": "Uploading", "requestId": 7}, {"status": "Uploaded", "requestId": 7}]

    run(scenario())
    assert schema_errors(central) == []


def test_the_log_status_an_extended_trigger_sends_follows_the_upload(tmp_path: Path) -> None:
    from dataclasses import asdict

    from ocpp.charge_point import remove_nones, snake_to_camel_case
    from ocpp.messages import get_validator

    from controller.ocpp.log_requests import LogRequests16
    from controller.ocpp.outbox import Outbox

    def wire(message: Any) -> dict[str, Any]:
        payload = remove_nones(snake_to_camel_case(asdict(message)))
        get_validator(2, "LogStatusNotification", "1.6").validate(payload)
        return payload

    async def scenario() -> None:
        engine = engine_for(tmp_path)
        requests = LogRequests16(engine, Outbox(), asyncio.get_running_loop().create_task, asyncio.Event())
        assert wire(requests.log_status()) == {"status": "Idle"}
        with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
            server.fail_next(1)
            requests.on_get_log("DiagnosticsLog", 12, {"remote_location": server.url("/")}, retries=1,
                                retry_interval=600)
            assert wire(requests.log_status()) == {"status": "Uploading", "requestId": 12}
            await wait_for(lambda: server.requests, "the first attempt")
            assert requests.diagnostics_status() == "Uploading"
            await engine.close()

    run(scenario())
