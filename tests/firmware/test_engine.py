"""The update engine's sequences, with real downloads from file servers on loopback (HTTP,
HTTPS, FTP), the real signature checks (:mod:`controller.release.verify`) and a real state file.

The station's side of an update is the :class:`~tests.firmware.support.Gate` stand-in; the
installer is absent here (not a managed install) unless a test says otherwise.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from datetime import timedelta
from pathlib import Path
from typing import Any

from controller.clock import FakeClock
from controller.firmware.download import client_context
from controller.firmware.engine import INVALID_SIGNATURE_EVENT, INVALID_SIGNING_CERTIFICATE, FirmwareEngine
from controller.firmware.request import Acceptance, FirmwareStatus, Origin
from controller.firmware.state import Step
from controller.release.signing import SigningIdentity
from tests.firmware.support import Events, Gate, Signed, ended, engine, https_files, request, sign, told, wait_for
from tests.support.file_servers import FtpFileServer, HttpFileServer
from tests.support.pki import Pki

OK_UNSIGNED = ["Downloading", "Downloaded", "Installing", "InstallationFailed"]
OK_SIGNED = ["Downloading", "Downloaded", "SignatureVerified", "Installing", "InstallationFailed"]


def run(scenario: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(asyncio.wait_for(scenario, 60))


async def running(updates: FirmwareEngine) -> FirmwareEngine:
    updates.start()
    return updates


def test_an_unsigned_update_is_downloaded_and_fails_cleanly_outside_a_managed_install(
        tmp_path: Path, http: HttpFileServer, update_file: Signed) -> None:
    async def scenario() -> None:
        gate = Gate()
        updates = await running(engine(tmp_path / "engine", gate=gate))
        assert updates.submit(request(http.url(update_file.path.name), updates.clock)) is Acceptance.ACCEPTED
        assert await ended(updates) == OK_UNSIGNED
        assert gate.told == [True, False]  # the Updating screen, then back to charging
        assert not any((tmp_path / "engine" / "downloads").iterdir())  # the download is gone
        await updates.close()
    run(scenario())


def test_a_signed_update_over_https_is_verified_against_the_manufacturer_root(
        tmp_path: Path, pki: Pki, served: Path, update_file: Signed) -> None:
    cert, key, ca = https_files(pki, tmp_path / "tls")

    async def scenario() -> None:
        with HttpFileServer(served, tmp_path / "up", tls=(cert, key)) as https:
            updates = await running(engine(tmp_path / "engine", pki, context=client_context(str(ca))))
            updates.submit(request(https.url(update_file.path.name), updates.clock, signed=update_file))
            assert await ended(updates) == OK_SIGNED
            assert [n.request_id for n in updates.state.notices] == [7] * 5
            await updates.close()
    run(scenario())


def test_https_refuses_a_server_the_roots_do_not_vouch_for(tmp_path: Path, pki: Pki, served: Path,
                                                           update_file: Signed) -> None:
    cert, key, _ca = https_files(pki, tmp_path / "tls")

    async def scenario() -> None:
        with HttpFileServer(served, tmp_path / "up", tls=(cert, key)) as https:
            updates = await running(engine(tmp_path / "engine", pki, context=client_context()))  # system CAs only
            updates.submit(request(https.url(update_file.path.name), updates.clock, signed=update_file))
            assert await ended(updates) == ["Downloading", "DownloadFailed"]
            assert https.requests == []  # the handshake failed: no request was answered
            await updates.close()
    run(scenario())


def test_an_update_comes_over_ftp(tmp_path: Path, pki: Pki, ftp: FtpFileServer, update_file: Signed) -> None:
    async def scenario() -> None:
        updates = await running(engine(tmp_path / "engine", pki))
        updates.submit(request(ftp.url(update_file.path.name), updates.clock, signed=update_file))
        assert await ended(updates) == OK_SIGNED
        await updates.close()
    run(scenario())


def test_a_tampered_file_is_an_invalid_signature_and_a_security_event(
        tmp_path: Path, pki: Pki, http: HttpFileServer, update_file: Signed) -> None:
    data = bytearray(update_file.path.read_bytes())
    data[1000] ^= 0x01
    update_file.path.write_bytes(bytes(data))

    async def scenario() -> None:
        events, gate = Events(), Gate()
        updates = await running(engine(tmp_path / "engine", pki, events=events, gate=gate))
        updates.submit(request(http.url(update_file.path.name), updates.clock, signed=update_file))
        assert await ended(updates) == ["Downloading", "Downloaded", "InvalidSignature"]
        assert events.kinds == [INVALID_SIGNATURE_EVENT]
        assert gate.told == []  # never got as far as the station
        await updates.close()
    run(scenario())


def test_a_signing_certificate_of_another_root_is_refused_at_once(tmp_path: Path, pki: Pki, http: HttpFileServer,
                                                                  served: Path) -> None:
    (served / "stranger.tar").write_bytes(b"x" * 100)
    stranger = sign(served / "stranger.tar", SigningIdentity(pki.other_signing_key, (pki.other_signing,)))

    async def scenario() -> None:
        events = Events()
        updates = await running(engine(tmp_path / "engine", pki, events=events))
        answer = updates.submit(request(http.url(stranger.path.name), updates.clock, signed=stranger))
        assert answer is Acceptance.INVALID_CERTIFICATE
        assert updates.state.job is None and told(updates) == []
        assert events.kinds == [INVALID_SIGNING_CERTIFICATE]
        assert http.requests == []
        await updates.close()
    run(scenario())


def test_an_unreachable_url_is_tried_again_after_each_interval_then_fails(tmp_path: Path) -> None:
    async def scenario() -> None:
        clock = FakeClock()
        updates = await running(engine(tmp_path / "engine", clock=clock))
        updates.submit(request("http://127.0.0.1:9/nothing-listens-here", clock, retries=2, retry_interval_s=30))
        await wait_for(lambda: updates.state.job.attempts == 1, "the first attempt")  # type: ignore[union-attr]
        await asyncio.sleep(0.1)
        assert updates.state.job.attempts == 1, "no retry before the interval"  # type: ignore[union-attr]
        clock.advance(30)
        await wait_for(lambda: updates.state.job.attempts == 2, "the second attempt")  # type: ignore[union-attr]
        clock.advance(30)
        assert await ended(updates) == ["Downloading", "DownloadFailed"]
        await updates.close()
    run(scenario())


def test_a_missing_file_fails_after_its_retries(tmp_path: Path, http: HttpFileServer) -> None:
    async def scenario() -> None:
        updates = await running(engine(tmp_path / "engine"))
        updates.submit(request(http.url("no-such-file.tar"), updates.clock, retries=1))
        assert await ended(updates) == ["Downloading", "DownloadFailed"]
        assert [r.status for r in http.requests] == [404, 404]
        await updates.close()
    run(scenario())


def test_a_server_failing_twice_then_serving_gives_the_file(tmp_path: Path, pki: Pki, http: HttpFileServer,
                                                            update_file: Signed) -> None:
    http.fail_next(2)

    async def scenario() -> None:
        updates = await running(engine(tmp_path / "engine", pki))
        updates.submit(request(http.url(update_file.path.name), updates.clock, signed=update_file, retries=2))
        assert await ended(updates) == OK_SIGNED
        assert [r.status for r in http.requests] == [503, 503, 200]
        await updates.close()
    run(scenario())


def test_a_download_waits_for_its_retrieve_date(tmp_path: Path, http: HttpFileServer, update_file: Signed) -> None:
    async def scenario() -> None:
        clock = FakeClock()
        updates = await running(engine(tmp_path / "engine", clock=clock))
        updates.submit(request(http.url(update_file.path.name), clock, after_s=3600))
        await wait_for(lambda: told(updates) == ["DownloadScheduled"], "DownloadScheduled")
        await asyncio.sleep(0.1)
        assert http.requests == [] and told(updates) == ["DownloadScheduled"]
        clock.advance(3600)
        assert await ended(updates) == ["DownloadScheduled", *OK_UNSIGNED]
        await updates.close()
    run(scenario())


def test_an_update_requested_mid_session_waits_until_the_charger_is_idle(
        tmp_path: Path, http: HttpFileServer, update_file: Signed) -> None:
    async def scenario() -> None:
        gate = Gate(idle=False)
        updates = await running(engine(tmp_path / "engine", gate=gate))
        updates.submit(request(http.url(update_file.path.name), updates.clock))
        await wait_for(lambda: told(updates)[-1:] == ["InstallScheduled"], "InstallScheduled")
        await asyncio.sleep(0.1)
        assert told(updates) == ["Downloading", "Downloaded", "InstallScheduled"] and gate.told == []
        gate.idle = True
        assert await ended(updates) == ["Downloading", "Downloaded", "InstallScheduled", "Installing",
                                        "InstallationFailed"]
        await updates.close()
    run(scenario())


def test_an_install_waits_for_its_install_date(tmp_path: Path, http: HttpFileServer, update_file: Signed) -> None:
    async def scenario() -> None:
        clock = FakeClock()
        updates = await running(engine(tmp_path / "engine", clock=clock))
        updates.submit(request(http.url(update_file.path.name), clock, install_after_s=600))
        await wait_for(lambda: told(updates)[-1:] == ["InstallScheduled"], "InstallScheduled")
        clock.advance(600)
        assert (await ended(updates))[-3:] == ["InstallScheduled", "Installing", "InstallationFailed"]
        await updates.close()
    run(scenario())


def test_a_new_request_cancels_the_running_one_until_its_install_began(
        tmp_path: Path, http: HttpFileServer, update_file: Signed) -> None:
    async def scenario() -> None:
        clock = FakeClock()
        updates = await running(engine(tmp_path / "engine", clock=clock, gate=Gate(idle=False)))
        first = request(http.url(update_file.path.name), clock, after_s=3600, request_id=1)
        assert updates.submit(first) is Acceptance.ACCEPTED
        await wait_for(lambda: told(updates) == ["DownloadScheduled"], "the first job scheduled")
        second = request(http.url(update_file.path.name), clock, request_id=2)
        assert updates.submit(second) is Acceptance.ACCEPTED_CANCELED
        await wait_for(lambda: told(updates)[-1:] == ["InstallScheduled"], "the second job waiting")
        assert [(n.status.value, n.request_id) for n in updates.state.notices] == [
            ("DownloadScheduled", 1), ("Downloading", 2), ("Downloaded", 2), ("InstallScheduled", 2)]
        await updates.close()
    run(scenario())


def test_a_request_while_installing_is_rejected(tmp_path: Path, http: HttpFileServer, update_file: Signed) -> None:
    gate_release = _SlowRelease()

    async def scenario() -> None:
        updates = await running(engine(tmp_path / "engine", release=gate_release))  # type: ignore[arg-type]
        updates.submit(request(http.url(update_file.path.name), updates.clock, request_id=1))
        await wait_for(gate_release.started.is_set, "the install to begin")
        assert updates.submit(request(http.url("other.tar"), updates.clock, request_id=2)) is Acceptance.REJECTED
        assert updates.state.job is not None and updates.state.job.request.request_id == 1
        gate_release.go.set()
        assert (await ended(updates))[-1] == "InstallationFailed"
        await updates.close()
    run(scenario())


class _SlowRelease:
    """An installer that holds the install until told, then fails it (the boundary: what an
    install does is the release's tests' business)."""

    def __init__(self) -> None:
        import threading

        self.started, self.go = threading.Event(), threading.Event()

    def install(self, bundle: Path) -> str:
        self.started.set()
        self.go.wait(10)
        raise OSError("disk full")

    def outcome(self) -> None:
        return None

    def running_version(self) -> str:
        return "1.0.0"


def test_statuses_wait_to_be_delivered_in_order_and_are_never_told_twice(
        tmp_path: Path, http: HttpFileServer, update_file: Signed) -> None:
    async def scenario() -> None:
        updates = await running(engine(tmp_path / "engine"))
        updates.submit(request(http.url(update_file.path.name), updates.clock))
        await ended(updates)
        first = updates.pending()
        assert first is not None and first.status is FirmwareStatus.DOWNLOADING
        updates.delivered(first.seq)
        await updates.close()
        again = engine(tmp_path / "engine")  # a restart: the rest is still to deliver, the first not again
        assert told(again) == OK_UNSIGNED[1:]
        assert [n.seq for n in again.state.notices] == sorted(n.seq for n in again.state.notices)
    run(scenario())


def test_a_restart_resumes_each_step_where_it_stood(tmp_path: Path, http: HttpFileServer,
                                                   update_file: Signed) -> None:
    async def scenario() -> None:
        clock = FakeClock()
        directory = tmp_path / "engine"
        # scheduled: restarted before the retrieve time, it goes on waiting, telling nothing twice
        updates = await running(engine(directory, clock=clock, gate=Gate(idle=False)))
        updates.submit(request(http.url(update_file.path.name), clock, after_s=60))
        await wait_for(lambda: told(updates) == ["DownloadScheduled"], "scheduled")
        await updates.close()
        updates = await running(engine(directory, clock=clock, gate=Gate(idle=False)))
        await asyncio.sleep(0.05)
        assert told(updates) == ["DownloadScheduled"] and updates.state.job.step is Step.SCHEDULED  # type: ignore
        # waiting for an idle charger: restarted, it goes on waiting
        clock.advance(60)
        await wait_for(lambda: told(updates)[-1:] == ["InstallScheduled"], "install scheduled")
        await updates.close()
        gate = Gate(idle=True)
        updates = await running(engine(directory, clock=clock, gate=gate))
        assert await ended(updates) == ["DownloadScheduled", "Downloading", "Downloaded", "InstallScheduled",
                                        "Installing", "InstallationFailed"]
        await updates.close()
    run(scenario())


def test_a_download_cut_short_is_resumed_after_a_restart(tmp_path: Path, http: HttpFileServer, pki: Pki,
                                                         update_file: Signed) -> None:
    async def scenario() -> None:
        directory = tmp_path / "engine"
        updates = engine(directory, pki)  # not started: the state as a kill mid-download leaves it
        updates.submit(request(http.url(update_file.path.name), updates.clock, signed=update_file))
        job = updates.state.job
        assert job is not None
        job.step = Step.DOWNLOADING
        updates.state.notices.clear()
        updates._save()
        partial = directory / "downloads" / f"update-{job.number}.bin.partial"
        partial.parent.mkdir(parents=True)
        partial.write_bytes(update_file.path.read_bytes()[:100_000])  # what came before the kill
        resumed = await running(engine(directory, pki))
        assert await ended(resumed) == ["Downloaded", "SignatureVerified", "Installing", "InstallationFailed"]
        assert [r.status for r in http.requests] == [206]  # only the rest came (and the signature holds)
        await resumed.close()
    run(scenario())


def test_an_install_cut_short_is_resumed_after_a_restart(tmp_path: Path, http: HttpFileServer,
                                                        update_file: Signed) -> None:
    installer = _Installs()

    async def scenario() -> None:
        directory = tmp_path / "engine"
        updates = engine(directory)  # not started: the state as a kill during the install leaves it
        updates.submit(request(http.url(update_file.path.name), updates.clock))
        job = updates.state.job
        assert job is not None
        job.step, job.status = Step.INSTALLING, FirmwareStatus.INSTALLING
        updates._save()
        bundle = directory / "downloads" / f"update-{job.number}.bin"
        bundle.parent.mkdir(parents=True)
        bundle.write_bytes(update_file.path.read_bytes())
        gate = Gate()
        restarted: list[bool] = []
        resumed = await running(engine(directory, gate=gate, release=installer,  # type: ignore[arg-type]
                                       restart=lambda: restarted.append(True)))
        await wait_for(lambda: restarted, "the restart into the new version")
        assert installer.installed == [bundle] and installer.trials == ["2.0.0"]
        assert gate.told == [True]  # the station is told again: a new station does not know
        assert told(resumed) == ["InstallRebooting"]  # Installing was told before the kill: not again
        await resumed.close()
    run(scenario())


class _Installs:
    """An installer that installs version 2.0.0 at once (the boundary: the real one's resumption is
    the release's tests' business)."""

    def __init__(self) -> None:
        self.installed: list[Path] = []
        self.trials: list[str] = []

    def install(self, bundle: Path) -> str:
        self.installed.append(bundle)
        return "2.0.0"

    def begin_trial(self, version: str) -> None:
        self.trials.append(version)

    def outcome(self) -> None:
        return None

    def running_version(self) -> str:
        return "1.0.0"


def test_plain_16_requests_keep_their_origin(tmp_path: Path, http: HttpFileServer, update_file: Signed) -> None:
    async def scenario() -> None:
        updates = await running(engine(tmp_path / "engine"))
        updates.submit(request(http.url(update_file.path.name), updates.clock, origin=Origin.PLAIN_16,
                               request_id=None))
        await ended(updates)
        assert {(n.origin, n.request_id) for n in updates.state.notices} == {(Origin.PLAIN_16, None)}
        assert updates.current().status is FirmwareStatus.IDLE
        await updates.close()
    run(scenario())


def test_the_retry_time_is_kept_across_a_restart(tmp_path: Path) -> None:
    async def scenario() -> None:
        clock = FakeClock()
        updates = await running(engine(tmp_path / "engine", clock=clock))
        updates.submit(request("http://127.0.0.1:9/x", clock, retries=1, retry_interval_s=120))
        await wait_for(lambda: updates.state.job.attempts == 1, "the first attempt")  # type: ignore[union-attr]
        await updates.close()
        again = engine(tmp_path / "engine", clock=clock)
        assert again.state.job is not None and again.state.job.next_try_at == clock.now() + timedelta(seconds=120)
    run(scenario())
