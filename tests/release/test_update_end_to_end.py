"""A software update from the central system, end to end, with nothing stood in: the real
full bundle of the next version (every pinned wheel, signed with the test manufacturer key)
served over HTTP, the demo central system as a process, and the simulated charger
(``python -m controller.sim``) run by the real launcher from an install root, as systemd runs
it on a charger.  The version running first is this checkout (its venv, behind a ``bin/python``
of the install root); the next one is installed for real beside it.

* A signed 1.6 update (the whitepaper's SignedUpdateFirmware) with the power cut (SIGKILL of
  the launcher and everything under it) once in the middle of the download and once in the
  middle of the install: it resumes each time, and ends with the new version in the next
  BootNotification, Installed and the FirmwareUpdated security event.
* A plain 1.6 UpdateFirmware whose new version cannot reach the central system in its health
  check: it is rolled back, the old version runs again and reports InstallationFailed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import controller.release.launcher as launcher_module
from controller.release.install import Installer
from controller.release.launcher import INSTALLED, read_state
from tests.ocpp.harness import CentralSystemProcess
from tests.release.conftest import NEXT_VERSION
from tests.robustness.power_cut import write_config
from tests.support.file_servers import HttpFileServer
from tests.support.pki import Pki

pytestmark = pytest.mark.slow

RUNNING_VERSION = "0.1.0"
#: An install of the full bundle takes 15-50 s on a quiet 2-core machine; a busy one, longer.
DEADLINE_S = 420.0
BUNDLE = f"evse-hmi-{NEXT_VERSION}.tar"


def wait(condition: Callable[[], Any], what: str, deadline_s: float = DEADLINE_S) -> Any:
    deadline = time.monotonic() + deadline_s
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)
    return result


def install_root(directory: Path) -> Path:
    """An install root whose only (current) version is this checkout: ``bin/python`` runs its venv."""
    root = directory / "root"
    version = root / "versions" / RUNNING_VERSION
    (version / "bin").mkdir(parents=True)
    python = version / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    (version / INSTALLED).write_text(f"{RUNNING_VERSION}\n")
    Installer(root).begin_trial(RUNNING_VERSION)  # the first version: current at once
    shutil.copy(launcher_module.__file__, root / "launcher.py")  # as the technician's install puts it
    return root


def charger_config(directory: Path, manufacturer_root: Path) -> Path:
    """The power-cut tests' fast station on OCPP 1.6, trusting the test manufacturer root."""
    path = write_config(directory, "1.6")
    path.write_text(path.read_text() + f'[updates]\nmanufacturer_root = "{manufacturer_root}"\n')
    return path


class LaunchedCharger:
    """``launcher.py -- python -m controller.sim`` in a session of its own, as systemd would start
    it (no PYTHONPATH, not in the checkout): :meth:`power_cut` kills all of it at once."""

    def __init__(self, root: Path, config: Path, url: str, health_timeout_s: float, log: Path) -> None:
        environment = {key: value for key, value in os.environ.items()
                       if not key.startswith(("PYTHON", "EVSE_", "NOTIFY_", "WATCHDOG_"))}
        with log.open("a") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-I", str(root / "launcher.py"), "--root", str(root), "--health-timeout",
                 str(health_timeout_s), "--", "python", "-m", "controller.sim", "--config", str(config), "--csms", url],
                cwd=root.parent, env=environment, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr,
                start_new_session=True)

    def power_cut(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.power_cut()


def boots(central: CentralSystemProcess) -> list[str]:
    """The firmwareVersion of every BootNotification, in order."""
    return [frame[3]["firmwareVersion"] for frame in central.from_charger("BootNotification")]


def statuses(central: CentralSystemProcess, action: str) -> list[str]:
    return [frame[3]["status"] for frame in central.from_charger(action)]


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@pytest.fixture
def setting(tmp_path: Path, full_release: Path, pki: Pki, pki_files: tuple[Path, Path, Path]) -> Any:
    """(root, config, central system, file server) for one update; everything stopped after."""
    root = install_root(tmp_path)
    config = charger_config(tmp_path, pki_files[2])
    central = CentralSystemProcess(tmp_path / "csms.jsonl")
    central.start()
    with HttpFileServer(full_release, tmp_path / "uploads") as files:
        yield root, config, central, files
        central.kill()


def test_a_signed_update_survives_power_cuts_in_its_download_and_install_and_the_new_version_boots(
        setting: Any, full_release: Path, tmp_path: Path) -> None:
    root, config, central, files = setting
    log = tmp_path / "charger.log"
    files.hold(after_bytes=1 << 20)
    charger = LaunchedCharger(root, config, central.url, 120, log)
    try:
        wait(lambda: boots(central) == [RUNNING_VERSION], "the first boot", 60)
        answer = central.post("/call", {"action": "SignedUpdateFirmware", "payload": {
            "requestId": 7, "retries": 2, "retryInterval": 5, "firmware": {
                "location": files.url(BUNDLE), "retrieveDateTime": now(),
                "signingCertificate": (full_release / "signing-cert.pem").read_text(),
                "signature": (full_release / f"{BUNDLE}.sig").read_text().strip()}}})
        assert answer["response"] == {"status": "Accepted"}, answer
        wait(files.holding.is_set, "the download under way", 60)
        wait(lambda: "Downloading" in statuses(central, "SignedFirmwareStatusNotification"), "Downloading", 60)
        charger.power_cut()  # in the middle of the download
        files.release()
        charger = LaunchedCharger(root, config, central.url, 120, log)
        wait(lambda: "Installing" in statuses(central, "SignedFirmwareStatusNotification"), "Installing")
        wait((root / "versions" / NEXT_VERSION / "bin" / "python").exists, "pip installing")
        charger.power_cut()  # in the middle of the install
        assert read_state(root).current == RUNNING_VERSION, "the old version is untouched"
        charger = LaunchedCharger(root, config, central.url, 120, log)
        wait(lambda: boots(central)[-1] == NEXT_VERSION, "the new version's boot")
        wait(lambda: statuses(central, "SignedFirmwareStatusNotification")[-1:] == ["Installed"], "Installed", 120)
        wait(lambda: "FirmwareUpdated" in [f[3]["type"] for f in central.from_charger("SecurityEventNotification")],
             "the FirmwareUpdated security event", 120)
        wait(lambda: read_state(root).trial is None, "the trial confirmed", 120)
    finally:
        charger.stop()
    state = read_state(root)
    assert (state.current, state.previous) == (NEXT_VERSION, RUNNING_VERSION)
    assert state.outcome is not None and state.outcome.result == "confirmed"
    sent = statuses(central, "SignedFirmwareStatusNotification")
    # a notice in flight when the power is cut (sent, its answer not yet recorded) goes again
    # after the restart, right after itself: OCPP-J allows nothing better (a busy machine's
    # stress run saw "Downloading" twice); at most one such repeat per power cut
    in_order = [status for number, status in enumerate(sent) if number == 0 or status != sent[number - 1]]
    assert in_order == ["Downloading", "Downloaded", "SignatureVerified", "Installing", "InstallRebooting",
                        "Installed"]
    assert len(sent) - len(in_order) <= 2, sent
    assert {f[3]["requestId"] for f in central.from_charger("SignedFirmwareStatusNotification")} == {7}
    assert [r.status for r in files.requests if r.method == "GET"][-1] == 206, "the download resumed"
    assert boots(central)[0] == RUNNING_VERSION and set(boots(central)) == {RUNNING_VERSION, NEXT_VERSION}


def test_a_new_version_that_fails_its_health_check_is_rolled_back_and_the_failure_reported(
        setting: Any, tmp_path: Path) -> None:
    root, config, central, files = setting
    charger = LaunchedCharger(root, config, central.url, 15, tmp_path / "charger.log")
    try:
        wait(lambda: boots(central) == [RUNNING_VERSION], "the first boot", 60)
        answer = central.post("/call", {"action": "UpdateFirmware", "payload": {
            "location": files.url(BUNDLE), "retrieveDate": now(), "retries": 1, "retryInterval": 5}})
        assert answer["response"] == {}, answer
        wait(lambda: "Installing" in statuses(central, "FirmwareStatusNotification"), "Installing")
        central.kill()  # the new version will not reach its central system: its health check fails
        rolled_back = wait(lambda: (o := read_state(root).outcome) is not None and o.result == "rolled_back" and o,
                           "the rollback")
        assert rolled_back.version == NEXT_VERSION and rolled_back.reason, rolled_back
        central.start_again()
        wait(lambda: boots(central)[-1:] == [RUNNING_VERSION] and len(boots(central)) == 2, "the old version's boot",
             120)
        wait(lambda: statuses(central, "FirmwareStatusNotification")[-1:] == ["InstallationFailed"],
             "InstallationFailed", 120)
    finally:
        charger.stop()
    state = read_state(root)
    assert (state.current, state.trial, state.outcome) == (RUNNING_VERSION, None, None), "reported, then cleared"
    assert statuses(central, "FirmwareStatusNotification") == [
        "Downloading", "Downloaded", "Installing", "InstallationFailed"]
    assert NEXT_VERSION not in boots(central), "the new version never got through"
