"""The log engine on the controller's loop, against real servers on loopback: statuses in
order and kept until delivered, retries, refusals, one upload at a time, a restart mid-upload,
the bundle removed after its upload."""

from __future__ import annotations

import asyncio
import tarfile
from pathlib import Path

from controller.clock import SystemClock
from controller.config import Config
from controller.diagnostics.collect import LogKind, Sources
from controller.diagnostics.engine import GET_DIAGNOSTICS, GET_LOG, LogEngine, LogRequest, UploadSettings
from controller.diagnostics.journal import Journal
from controller.diagnostics.status import UploadStatus
from tests.ocpp.harness import run, wait_for
from tests.support.file_servers import FtpFileServer, HttpFileServer

FAST = UploadSettings(timeout_s=10, retries=0, retry_interval_s=0)


def engine_in(tmp_path: Path, settings: UploadSettings = FAST) -> LogEngine:
    config = Config().with_overrides(storage={"path": str(tmp_path / "evse.sqlite3")})
    return LogEngine(Journal(tmp_path / "logs.sqlite3"), tmp_path / "work",
                     lambda: Sources("CP-1", config, max_bytes=200_000), SystemClock(), settings)


async def statuses(engine: LogEngine, count: int) -> list[tuple[str, int | None, str]]:
    """The next ``count`` statuses, each marked delivered as the adapter would."""
    got = []
    for _ in range(count):
        note = await asyncio.wait_for(engine.wait_note(), 30)
        got.append((note.origin, note.request_id, note.status.value))
        engine.delivered(note)
    return got


def test_a_log_request_uploads_and_reports_uploading_then_uploaded(tmp_path: Path) -> None:
    async def scenario() -> None:
        with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
            engine = engine_in(tmp_path)
            accepted = engine.request(LogRequest(GET_LOG, LogKind.DIAGNOSTICS, server.url("logs/"), request_id=7))
            assert not accepted.canceled and accepted.file_name.startswith("CP-1-DiagnosticsLog-")
            assert engine.current() == (GET_LOG, 7, UploadStatus.UPLOADING)
            assert await statuses(engine, 2) == [(GET_LOG, 7, "Uploading"), (GET_LOG, 7, "Uploaded")]
            with tarfile.open(tmp_path / "got" / accepted.file_name) as tar:
                assert "manifest.json" in tar.getnames()
            assert engine.current() == (None, None, UploadStatus.IDLE) and engine.next_note() is None
            assert list((tmp_path / "work").iterdir()) == []  # the bundle is removed after its upload
    run(scenario())


def test_a_failing_server_is_retried_then_the_upload_arrives(tmp_path: Path) -> None:
    async def scenario() -> None:
        with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
            server.fail_next(2)
            engine = engine_in(tmp_path)
            accepted = engine.request(LogRequest(GET_DIAGNOSTICS, LogKind.DIAGNOSTICS, server.url("up/"), retries=2,
                                                 retry_interval_s=0.05))
            assert [s for *_, s in await statuses(engine, 2)] == ["Uploading", "Uploaded"]
            assert [r.status for r in server.requests] == [503, 503, 201]
            assert (tmp_path / "got" / accepted.file_name).exists()
    run(scenario())


def test_retries_run_out_with_an_upload_failure(tmp_path: Path) -> None:
    async def scenario() -> None:
        with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
            server.fail_next(10)
            engine = engine_in(tmp_path)
            engine.request(LogRequest(GET_LOG, LogKind.DIAGNOSTICS, server.url("up/"), retries=2,
                                      retry_interval_s=0.05, request_id=3))
            assert [s for *_, s in await statuses(engine, 2)] == ["Uploading", "UploadFailure"]
            assert [r.status for r in server.requests] == [503, 503, 503]
            assert list((tmp_path / "work").iterdir()) == []
    run(scenario())


def test_a_refusing_server_ends_in_permission_denied_at_once(tmp_path: Path) -> None:
    async def scenario() -> None:
        with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server, FtpFileServer(tmp_path / "ro",
                                                                                           read_only=True) as ftp:
            server.refuse(403)
            engine = engine_in(tmp_path)
            engine.request(LogRequest(GET_LOG, LogKind.DIAGNOSTICS, server.url("up/"), retries=3, request_id=1))
            assert [s for *_, s in await statuses(engine, 2)] == ["Uploading", "PermissionDenied"]
            assert len(server.requests) == 1
            engine.request(LogRequest(GET_LOG, LogKind.SECURITY, ftp.url("x/"), retries=3, request_id=2))
            assert await statuses(engine, 2) == [(GET_LOG, 2, "Uploading"), (GET_LOG, 2, "PermissionDenied")]
    run(scenario())


def test_an_unknown_scheme_is_a_bad_message(tmp_path: Path) -> None:
    async def scenario() -> None:
        engine = engine_in(tmp_path)
        engine.request(LogRequest(GET_LOG, LogKind.DIAGNOSTICS, "sftp://host/logs/", request_id=4))
        assert [s for *_, s in await statuses(engine, 2)] == ["Uploading", "BadMessage"]
    run(scenario())


def test_a_new_request_cancels_the_running_one(tmp_path: Path) -> None:
    async def scenario() -> None:
        with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
            server.fail_next(1)
            engine = engine_in(tmp_path)
            engine.request(LogRequest(GET_LOG, LogKind.DIAGNOSTICS, server.url("old/"), retries=5,
                                      retry_interval_s=600, request_id=1))
            await wait_for(lambda: server.requests, "the first attempt")
            second = engine.request(LogRequest(GET_LOG, LogKind.DIAGNOSTICS, server.url("new/"), request_id=2))
            assert second.canceled
            assert await statuses(engine, 3) == [(GET_LOG, 1, "Uploading"), (GET_LOG, 2, "Uploading"),
                                                 (GET_LOG, 2, "Uploaded")]
            assert engine.next_note() is None and not engine.busy
    run(scenario())


def test_statuses_wait_until_delivered_and_a_restart_mid_upload_ends_in_one_failure(tmp_path: Path) -> None:
    async def first_life() -> None:
        with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
            server.fail_next(1)
            engine = engine_in(tmp_path)
            engine.request(LogRequest(GET_LOG, LogKind.DIAGNOSTICS, server.url("up/"), retries=5,
                                      retry_interval_s=600, request_id=9))
            await wait_for(lambda: server.requests, "the first attempt")
            engine.journal.close()  # the process dies: nothing was delivered, the upload never ended

    async def second_life() -> list[tuple[str, int | None, str]]:
        engine = engine_in(tmp_path)
        assert not engine.busy
        return await statuses(engine, 2)

    run(first_life())
    assert run(second_life()) == [(GET_LOG, 9, "Uploading"), (GET_LOG, 9, "UploadFailure")]

    async def third_life() -> None:
        assert engine_in(tmp_path).next_note() is None  # each once
    run(third_life())
    assert not list((tmp_path / "work").glob("*.tar.gz"))
