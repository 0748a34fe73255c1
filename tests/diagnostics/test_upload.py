"""One upload to a real server on loopback: HTTP PUT and POST, HTTPS with a test CA, FTP, and
the ways it fails (refused, read-only, unknown scheme, nobody listening)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from controller.diagnostics.status import UploadError, UploadStatus
from controller.diagnostics.upload import target_url, upload
from tests.ocpp.harness import eventually
from tests.ocpp.test_ocpp_security import make_pki
from tests.support.file_servers import FtpFileServer, HttpFileServer

CONTENT = b"\x1f\x8b a bundle's bytes \x00\xff" * 100


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    path = tmp_path / "CP-1-DiagnosticsLog-20261205T120000Z.tar.gz"
    path.write_bytes(CONTENT)
    return path


def failure(path: Path, location: str, **options: object) -> UploadError:
    with pytest.raises(UploadError) as caught:
        upload(path, location, timeout_s=10, **options)  # type: ignore[arg-type]
    return caught.value


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_location_ending_in_a_slash_gets_the_file_name() -> None:
    assert target_url("http://h/up/", "a b.tar.gz") == "http://h/up/a%20b.tar.gz"
    assert target_url("http://h/up/mine.tgz", "a.tar.gz") == "http://h/up/mine.tgz"


def test_http_put_stores_the_file_under_its_name(tmp_path: Path, bundle: Path) -> None:
    with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
        sent_to = upload(bundle, server.url("logs/"), timeout_s=10)
        assert (tmp_path / "got" / bundle.name).read_bytes() == CONTENT
        eventually(lambda: [(r.method, r.status) for r in server.requests] == [("PUT", 201)], "the PUT noted")
    assert sent_to == server.url("logs/" + bundle.name)


def test_http_post_sends_multipart_form_data(tmp_path: Path, bundle: Path) -> None:
    with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
        upload(bundle, server.url("upload"), method="POST", timeout_s=10)
        assert (tmp_path / "got" / bundle.name).read_bytes() == CONTENT
        eventually(lambda: [(r.method, r.status) for r in server.requests] == [("POST", 201)], "the POST noted")


def test_https_with_the_servers_ca_uploads_and_without_it_fails(tmp_path: Path, bundle: Path) -> None:
    ca, cert, key = make_pki(tmp_path)
    with HttpFileServer(tmp_path / "serve", tmp_path / "got", tls=(cert, key)) as server:
        upload(bundle, server.url("logs/"), timeout_s=10, ca_file=str(ca))
        assert (tmp_path / "got" / bundle.name).read_bytes() == CONTENT
        untrusted = failure(bundle, server.url("logs/"))
    assert untrusted.status is UploadStatus.UPLOAD_FAILURE and untrusted.retryable
    assert "CERTIFICATE_VERIFY_FAILED" in str(untrusted)


@pytest.mark.parametrize(("refusal", "status"), [(401, UploadStatus.PERMISSION_DENIED),
                                                 (403, UploadStatus.PERMISSION_DENIED),
                                                 (405, UploadStatus.NOT_SUPPORTED_OPERATION)])
def test_a_refusing_http_server_is_not_asked_again(tmp_path: Path, bundle: Path, refusal: int,
                                                   status: UploadStatus) -> None:
    with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
        server.refuse(refusal)
        error = failure(bundle, server.url("logs/"))
    assert (error.status, error.retryable) == (status, False)


def test_a_failing_http_server_may_be_tried_again(tmp_path: Path, bundle: Path) -> None:
    with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
        server.fail_next(1)
        error = failure(bundle, server.url("logs/"))
    assert (error.status, error.retryable) == (UploadStatus.UPLOAD_FAILURE, True)


def test_ftp_stores_the_file_with_the_urls_user(tmp_path: Path, bundle: Path) -> None:
    with FtpFileServer(tmp_path / "ftp") as server:
        (tmp_path / "ftp" / "incoming").mkdir()
        upload(bundle, server.url("incoming/"), timeout_s=10)
    assert (tmp_path / "ftp" / "incoming" / bundle.name).read_bytes() == CONTENT


def test_ftp_refusals_are_permission_denied(tmp_path: Path, bundle: Path) -> None:
    with FtpFileServer(tmp_path / "ro", read_only=True) as read_only:
        no_write = failure(bundle, read_only.url(""))
        anonymous = failure(bundle, read_only.url("", user=False))
    assert (no_write.status, no_write.retryable) == (UploadStatus.PERMISSION_DENIED, False)
    assert "550" in str(no_write)
    assert (anonymous.status, anonymous.retryable) == (UploadStatus.PERMISSION_DENIED, False)
    assert "530" in str(anonymous)


@pytest.mark.parametrize("location", ["sftp://host/logs/", "mailto:ops@example.com", "http:///no-host",
                                      "http://host:99999/"])
def test_a_location_this_charger_cannot_upload_to_is_a_bad_message(bundle: Path, location: str) -> None:
    error = failure(bundle, location)
    assert (error.status, error.retryable) == (UploadStatus.BAD_MESSAGE, False)


@pytest.mark.parametrize("scheme", ["http", "ftp"])
def test_nobody_listening_is_an_upload_failure_worth_retrying(bundle: Path, scheme: str) -> None:
    error = failure(bundle, f"{scheme}://127.0.0.1:{free_port()}/logs/")
    assert (error.status, error.retryable) == (UploadStatus.UPLOAD_FAILURE, True)
