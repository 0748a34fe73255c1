"""The launcher as a real process (isolated: it may import nothing of the project) running tiny
real versions: ``versions/<v>/bin/prog`` scripts that confirm their health through the real
``controller.release.health``, crash, hang, ask for a restart or kill the launcher."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from controller.release.install import Installer
from controller.release.launcher import EXIT_RESTART, MAX_TRIAL_STARTS, read_state
from tests.release.test_install import fake_version
from tests.support.json_lines import read_json_lines

PROJECT_DIR = Path(__file__).resolve().parents[2]

CONFIRM = "from controller.release.health import confirm_healthy; confirm_healthy()\n"
RECORD = """import json, os, sys
with open(os.path.join(os.environ["EVSE_RELEASE_ROOT"], "ran"), "a") as log:
    log.write(json.dumps({"version": os.environ["EVSE_RELEASE_VERSION"], "trial": os.environ.get("EVSE_TRIAL"),
                          "notify": os.environ.get("NOTIFY_SOCKET"), "watchdog_pid": os.environ.get("WATCHDOG_PID"),
                          "args": sys.argv[1:]}) + "\\n")
"""
PROGRAMS = {
    "good": RECORD + CONFIRM,
    "crashes": RECORD + "sys.exit(3)\n",
    "hangs": RECORD + "import time\nwhile True:\n    time.sleep(1)\n",
    "cuts_power": RECORD + "import signal\nos.kill(os.getppid(), signal.SIGKILL)\n",
}


def version_running(root: Path, version: str, behaviour: str) -> None:
    """A complete version whose ``bin/prog`` records its run and then behaves as named."""
    program = fake_version(root, version) / "bin" / "prog"
    program.write_text(f"#!{sys.executable}\n" + PROGRAMS[behaviour])
    program.chmod(0o755)


def runs(root: Path) -> list[dict]:
    path = root / "ran"
    return read_json_lines(path)


def launch(root: Path, health_timeout: float = 60, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    shutil.copyfile(PROJECT_DIR / "controller" / "release" / "launcher.py", root / "launcher.py")
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR), "NOTIFY_SOCKET": "/run/test-notify", "WATCHDOG_PID": "1"}
    return subprocess.run([sys.executable, "-I", str(root / "launcher.py"), "--root", str(root), "--health-timeout",
                           str(health_timeout), "--", "prog", "--flag"], env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """0.1.0 runs (confirmed); 0.2.0 is installed beside it."""
    root = tmp_path / "root"
    version_running(root, "0.1.0", "good")
    Installer(root).begin_trial("0.1.0")
    return root


def test_a_trial_that_confirms_its_health_is_kept(root: Path) -> None:
    version_running(root, "0.2.0", "good")
    Installer(root).begin_trial("0.2.0")
    result = launch(root)
    assert result.returncode == 0, result.stderr
    assert [(r["version"], r["trial"], r["args"]) for r in runs(root)] == [("0.2.0", "1", ["--flag"])]
    assert runs(root)[0]["notify"] == "/run/test-notify" and runs(root)[0]["watchdog_pid"] is None
    state = read_state(root)
    assert (state.current, state.previous, state.trial) == ("0.2.0", "0.1.0", None)
    assert state.outcome is not None and (state.outcome.version, state.outcome.result) == ("0.2.0", "confirmed")


def test_a_trial_that_exits_before_confirming_is_rolled_back(root: Path) -> None:
    version_running(root, "0.2.0", "crashes")
    Installer(root).begin_trial("0.2.0")
    result = launch(root)
    assert result.returncode == 0, result.stderr  # the previous version ran, and exited 0
    assert [(r["version"], r["trial"]) for r in runs(root)] == [("0.2.0", "1"), ("0.1.0", None)]
    state = read_state(root)
    assert (state.current, state.previous, state.trial) == ("0.1.0", None, None)
    assert state.outcome is not None and (state.outcome.version, state.outcome.result) == ("0.2.0", "rolled_back")
    assert "exited with status 3" in state.outcome.reason
    assert os.readlink(root / "current") == "versions/0.1.0" and not (root / "previous").exists()


def test_a_trial_that_never_confirms_is_stopped_and_rolled_back(root: Path) -> None:
    version_running(root, "0.2.0", "hangs")
    Installer(root).begin_trial("0.2.0")
    result = launch(root, health_timeout=1.5)
    assert result.returncode == 0, result.stderr
    assert [r["version"] for r in runs(root)] == ["0.2.0", "0.1.0"]
    outcome = read_state(root).outcome
    assert outcome is not None and outcome.result == "rolled_back"
    assert "did not confirm its health within 1.5 s" in outcome.reason
    assert read_state(root).current == "0.1.0"


def test_a_trial_cut_short_again_and_again_is_rolled_back(root: Path) -> None:
    version_running(root, "0.2.0", "cuts_power")
    Installer(root).begin_trial("0.2.0")
    for start in range(1, MAX_TRIAL_STARTS + 1):
        assert launch(root).returncode == -9  # the program killed the launcher: a power cut
        assert read_state(root).trial_starts == start
    result = launch(root)
    assert result.returncode == 0, result.stderr
    assert [r["version"] for r in runs(root)] == ["0.2.0"] * MAX_TRIAL_STARTS + ["0.1.0"]
    outcome = read_state(root).outcome
    assert outcome is not None and f"started {MAX_TRIAL_STARTS} times" in outcome.reason


def test_exit_restart_starts_the_new_current_version(root: Path) -> None:
    version_running(root, "0.2.0", "good")
    (root / "versions" / "0.1.0" / "bin" / "prog").write_text(
        f"#!{sys.executable}\n{RECORD}from controller.release.install import Installer\n"
        f"Installer(__import__('pathlib').Path(os.environ['EVSE_RELEASE_ROOT'])).begin_trial('0.2.0')\n"
        f"sys.exit({EXIT_RESTART})\n")
    result = launch(root)
    assert result.returncode == 0, result.stderr
    assert [(r["version"], r["trial"]) for r in runs(root)] == [("0.1.0", None), ("0.2.0", "1")]
    assert read_state(root).outcome.result == "confirmed"  # type: ignore[union-attr]


def test_a_confirmed_version_that_fails_ends_the_launcher_with_its_status(root: Path) -> None:
    version_running(root, "0.2.0", "crashes")
    Installer(root).begin_trial("0.2.0")
    Installer(root).confirm("0.2.0")
    result = launch(root)
    assert result.returncode == 3  # systemd restarts the service; no rollback of a confirmed version
    assert read_state(root).current == "0.2.0"


def test_health_confirmation_is_a_no_op_outside_a_managed_install(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("EVSE_")}
    result = subprocess.run([sys.executable, "-c", CONFIRM], env={**env, "PYTHONPATH": str(PROJECT_DIR)},
                            cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []
