"""The side-by-side installer: a real venv made offline from a tiny real bundle, the running
version untouched, idempotence, and a real SIGKILL of a real install process at each of its
crash points (and once mid-pip) followed by a resumed install."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from controller.release.build import Release
from controller.release.install import CRASH_POINTS, Installer
from controller.release.launcher import INSTALLED, read_state
from controller.release.verify import INSTALL_VERIFICATION_FAILED, VerificationError
from tests.release.conftest import rewrite_tar
from tests.support.pki import Pki

PROJECT_DIR = Path(__file__).resolve().parents[2]


def fake_version(root: Path, version: str) -> Path:
    """A complete version directory that is not a venv (enough for the pointers and the launcher)."""
    directory = root / "versions" / version
    (directory / "bin").mkdir(parents=True)
    (directory / "bin" / "evse-hmi").write_text("#!/bin/sh\nexit 0\n")
    (directory / INSTALLED).write_text(f"{version}\n")
    return directory


def tree_digest(directory: Path) -> str:
    """One digest of every path and file content under ``directory``."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        digest.update(str(path.relative_to(directory)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def running_root(tmp_path: Path) -> Path:
    """An install root where version 0.1.0 runs."""
    root = tmp_path / "root"
    fake_version(root, "0.1.0")
    Installer(root).begin_trial("0.1.0")  # the first version: current at once, no trial
    return root


def installed_version(root: Path, version: str) -> str:
    python = root / "versions" / version / "bin" / "python"
    return subprocess.run([str(python), "-I", "-c", "import importlib.metadata as m, evse_stand_in, evse_dependency; "
                           "print(m.version('evse-hmi'), evse_stand_in.VERSION)"],
                          capture_output=True, text=True, check=True).stdout.strip()


def test_installing_leaves_the_running_version_untouched(running_root: Path, pki: Pki,
                                                         tiny_bundle: Callable[[str], Release]) -> None:
    before = tree_digest(running_root / "versions" / "0.1.0")
    installer = Installer(running_root)
    assert installer.install(tiny_bundle("0.2.0").bundle, [pki.root]) == "0.2.0"
    assert (installer.current(), installer.previous(), installer.trial()) == ("0.1.0", None, None)
    assert tree_digest(running_root / "versions" / "0.1.0") == before
    assert installed_version(running_root, "0.2.0") == "0.2.0 0.2.0"
    assert sorted(installer.installed()) == ["0.1.0", "0.2.0"]
    assert not (running_root / "versions" / "0.2.0.partial").exists()
    assert (running_root / "launcher.py").read_bytes() == (PROJECT_DIR / "controller/release/launcher.py").read_bytes()
    assert (running_root / "versions" / "0.2.0" / "release" / "manifest.sig").is_file()

    marker = (running_root / "versions" / "0.2.0" / INSTALLED).stat().st_mtime_ns
    assert installer.install(tiny_bundle("0.2.0").bundle, [pki.root]) == "0.2.0"  # again: nothing to do
    assert (running_root / "versions" / "0.2.0" / INSTALLED).stat().st_mtime_ns == marker

    installer.begin_trial("0.2.0")
    assert (installer.current(), installer.previous(), installer.trial()) == ("0.2.0", "0.1.0", "0.2.0")
    assert os.readlink(running_root / "current") == "versions/0.2.0"
    assert os.readlink(running_root / "previous") == "versions/0.1.0"
    installer.confirm("0.2.0")
    assert (installer.current(), installer.previous(), installer.trial()) == ("0.2.0", "0.1.0", None)
    outcome = installer.outcome()
    assert outcome is not None and (outcome.version, outcome.result) == ("0.2.0", "confirmed")
    installer.clear_outcome()
    assert installer.outcome() is None


def test_a_bundle_that_fails_verification_leaves_no_trace(running_root: Path, pki: Pki, tmp_path: Path,
                                                          tiny_bundle: Callable[[str], Release]) -> None:
    def change(members: dict[str, bytes]) -> None:
        members["wheels/evse_hmi-0.2.0-py3-none-any.whl"] += b"\0"

    bundle = rewrite_tar(tiny_bundle("0.2.0").bundle, tmp_path / "bad.tar", change)
    with pytest.raises(VerificationError) as caught:
        Installer(running_root).install(bundle, [pki.root])
    assert caught.value.status == INSTALL_VERIFICATION_FAILED
    assert sorted(p.name for p in (running_root / "versions").iterdir()) == ["0.1.0"]
    assert read_state(running_root).current == "0.1.0"


def install_process(root: Path, bundle: Path, root_pem: Path, crash_at: str | None = None,
                    *options: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    env.pop("EVSE_CRASH_AT", None)
    if crash_at:
        env["EVSE_CRASH_AT"] = crash_at
    return subprocess.Popen([sys.executable, "-m", "controller.release", "install", str(bundle), "--root", str(root),
                             "--manufacturer-root", str(root_pem), *options], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


@pytest.mark.parametrize("crash_at", CRASH_POINTS)
def test_an_install_killed_at_any_step_leaves_the_old_version_and_resumes(
        running_root: Path, pki_files: tuple[Path, Path, Path], tiny_bundle: Callable[[str], Release],
        crash_at: str) -> None:
    bundle = tiny_bundle("0.2.0").bundle
    before = tree_digest(running_root / "versions" / "0.1.0")
    killed = install_process(running_root, bundle, pki_files[2], crash_at)
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert read_state(running_root).current == "0.1.0"
    assert tree_digest(running_root / "versions" / "0.1.0") == before

    resumed = install_process(running_root, bundle, pki_files[2])
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert "installed 0.2.0" in out
    assert installed_version(running_root, "0.2.0") == "0.2.0 0.2.0"
    assert sorted(p.name for p in (running_root / "versions").iterdir()) == ["0.1.0", "0.2.0"]
    assert read_state(running_root).current == "0.1.0"


def test_an_install_killed_while_pip_bootstraps_resumes(running_root: Path, pki_files: tuple[Path, Path, Path],
                                                        tiny_bundle: Callable[[str], Release]) -> None:
    bundle = tiny_bundle("0.2.0").bundle
    process = install_process(running_root, bundle, pki_files[2])
    pip = running_root / "versions" / "0.2.0" / "lib" / "python3.11" / "site-packages" / "pip"
    deadline = time.monotonic() + 60
    while not pip.exists() and process.poll() is None:  # the venv is being made: pip is being bootstrapped
        assert time.monotonic() < deadline, "the venv never appeared"
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGKILL)  # a power cut: the installer and its pip, all at once
    process.communicate(timeout=30)
    assert not (running_root / "versions" / "0.2.0" / INSTALLED).exists()
    resumed = install_process(running_root, bundle, pki_files[2], None, "--activate")
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert installed_version(running_root, "0.2.0") == "0.2.0 0.2.0"
    assert "current: 0.2.0 (trial: 0.2.0)" in out
    status = subprocess.run([sys.executable, "-m", "controller.release", "status", "--root", str(running_root)],
                            env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)}, capture_output=True, text=True,
                            check=True).stdout
    assert "current   0.2.0" in status and "previous  0.1.0" in status and "installed 0.1.0, 0.2.0" in status


def test_old_versions_are_pruned_but_never_current_or_previous(tmp_path: Path, pki: Pki,
                                                               tiny_bundle: Callable[[str], Release]) -> None:
    root = tmp_path / "root"
    for age, version in enumerate(("0.0.1", "0.0.2", "0.0.3", "0.1.0")):
        marker = fake_version(root, version) / INSTALLED
        os.utime(marker, (1_000_000 + age, 1_000_000 + age))
    installer = Installer(root, keep=2)
    installer.begin_trial("0.0.1")  # first: current
    installer.begin_trial("0.0.2")  # a trial: 0.0.1 is previous
    (root / "versions" / "0.9.9.partial").mkdir()  # an abandoned install of another version
    installer.install(tiny_bundle("0.2.0").bundle, [pki.root])
    assert sorted(p.name for p in (root / "versions").iterdir()) == ["0.0.1", "0.0.2", "0.2.0"]
