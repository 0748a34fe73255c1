"""The launcher: runs the current version, a new one as a trial, and rolls a failed trial back.

Standard library only: the installer copies this file to ``ROOT/launcher.py`` and the service
runs it with the system's ``python3``, outside every version's venv, so that no version can
break it. Usage::

    python3 ROOT/launcher.py --root ROOT [--health-timeout S] -- PROGRAM ARGS...

It runs ``ROOT/versions/<current>/bin/PROGRAM ARGS`` (``ROOT/current`` points there) with
``EVSE_RELEASE_ROOT=ROOT``, ``EVSE_RELEASE_VERSION=<version>`` and, during a trial,
``EVSE_TRIAL=1``. A child that exits with :data:`EXIT_RESTART` is started again, on the current
version as it is then. A trial that exits otherwise, or does not confirm its health
(:func:`confirm_trial`, called through ``controller.release.health``) within the health timeout,
is stopped and rolled back: the pointer returns to the previous version, the outcome is
recorded with the reason, and the previous version is started. A trial interrupted
:data:`MAX_TRIAL_STARTS` times (power cuts, restarts) without confirming is rolled back too.
Any other exit of a confirmed version ends the launcher with the child's status (systemd restarts
it). ``NOTIFY_SOCKET`` passes through (the unit has ``NotifyAccess=all``); ``WATCHDOG_PID`` is
dropped, since it names the launcher and not the child.

The install root's state (``state.json``: current, previous, trial, outcome) is written
atomically (temporary file, fsync, rename, directory fsync) under an flock, here and by the
installer, which imports these functions.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

#: A child asking to be started again (e.g. after it began a trial of a new version): EX_TEMPFAIL.
EXIT_RESTART = 75
ENV_ROOT, ENV_VERSION, ENV_TRIAL = "EVSE_RELEASE_ROOT", "EVSE_RELEASE_VERSION", "EVSE_TRIAL"
STATE, LOCK, VERSIONS, CURRENT, PREVIOUS = "state.json", ".state.lock", "versions", "current", "previous"
#: The file that marks a version directory as completely installed (written last).
INSTALLED = "INSTALLED"
#: Starts of one trial (each cut short by a power cut or a restart) before it is rolled back.
MAX_TRIAL_STARTS = 3
DEFAULT_HEALTH_TIMEOUT_S = 300.0
#: Seconds a stopped child gets between SIGTERM and SIGKILL.
STOP_GRACE_S = 10.0
CONFIRMED, ROLLED_BACK = "confirmed", "rolled_back"


@dataclass(frozen=True, slots=True)
class Outcome:
    """The last trial's result: its version, "confirmed" or "rolled_back", and why."""

    version: str
    result: str
    reason: str
    at: str = ""


@dataclass(frozen=True, slots=True)
class State:
    """Which version runs (``current``), which one a rollback returns to (``previous``), the
    version on trial (``trial``: ``current`` until it confirms its health), how many times the
    trial was started, and the last trial's outcome."""

    current: str | None = None
    previous: str | None = None
    trial: str | None = None
    trial_starts: int = 0
    outcome: Outcome | None = field(default=None)


def version_dir(root: Path, version: str) -> Path:
    """Where a version is installed."""
    return root / VERSIONS / version


def is_installed(root: Path, version: str) -> bool:
    """The version's directory is complete (its INSTALLED mark was written last)."""
    return (version_dir(root, version) / INSTALLED).is_file()


def read_state(root: Path) -> State:
    """The install root's state (an empty one when there is none yet)."""
    try:
        document = json.loads((root / STATE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return State()
    outcome = document.get("outcome")
    return State(current=document.get("current"), previous=document.get("previous"), trial=document.get("trial"),
                 trial_starts=int(document.get("trial_starts", 0)),
                 outcome=Outcome(**outcome) if isinstance(outcome, dict) else None)


def write_state(root: Path, state: State) -> None:
    """Replace the state atomically and durably, then point ``current`` and ``previous`` at it."""
    document = asdict(state)
    write_atomically(root / STATE, (json.dumps(document, indent=2, sort_keys=True) + "\n").encode())
    for name, version in ((CURRENT, state.current), (PREVIOUS, state.previous)):
        _point(root, name, version)
    _fsync_dir(root)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a power cut leaves the old or the new content, never a mix."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _fsync_dir(path.parent)


def _point(root: Path, name: str, version: str | None) -> None:
    link = root / name
    if version is None:
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        return
    target = f"{VERSIONS}/{version}"
    if link.is_symlink() and os.readlink(link) == target:
        return
    temporary = root / f".{name}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    temporary.symlink_to(target)
    os.replace(temporary, link)


def _fsync_dir(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the install root's state lock (an flock, released by the kernel if the holder dies)."""
    root.mkdir(parents=True, exist_ok=True)
    with (root / LOCK).open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def now_iso() -> str:
    """The time now, ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def confirm_trial(root: Path, version: str) -> bool:
    """``version`` passed its health check: if it is on trial, it is confirmed (True). False otherwise."""
    with locked(root):
        state = read_state(root)
        if state.trial != version or state.current != version:
            return False
        write_state(root, replace(state, trial=None, trial_starts=0,
                                  outcome=Outcome(version, CONFIRMED, "health confirmed", now_iso())))
        return True


def roll_back(root: Path, reason: str) -> State:
    """The trial failed: back to the previous version, with the outcome and its reason recorded."""
    with locked(root):
        state = read_state(root)
        failed = state.trial or state.current or "?"
        if state.previous is None or not is_installed(root, state.previous):
            reason += "; no previous version to return to, so it stays"
            new = replace(state, trial=None, trial_starts=0, outcome=Outcome(failed, ROLLED_BACK, reason, now_iso()))
        else:
            new = State(current=state.previous, previous=None, trial=None, trial_starts=0,
                        outcome=Outcome(failed, ROLLED_BACK, reason, now_iso()))
        write_state(root, new)
        _log(f"version {failed} rolled back: {reason}; running {new.current}")
        return new


def _log(message: str) -> None:
    print(f"evse-launcher: {message}", file=sys.stderr, flush=True)


class Launcher:
    """Runs the program of the current version until it exits for good (see the module's docstring)."""

    def __init__(self, root: Path, program: str, args: list[str], health_timeout_s: float,
                 poll_s: float = 0.25) -> None:
        self.root, self.program, self.args = root, program, args
        self.health_timeout_s, self.poll_s = health_timeout_s, poll_s
        self.child: subprocess.Popen[bytes] | None = None
        self.stopping = False

    def forward(self, signum: int, _frame: object = None) -> None:
        """A signal to the launcher: stop (after the child) and pass it on."""
        self.stopping = True
        if self.child is not None and self.child.poll() is None:
            self.child.send_signal(signum)

    def run(self) -> int:
        """Start, watch and restart the child; the exit status for the service."""
        while True:
            state = self._next_start()
            if state.current is None or not is_installed(self.root, state.current):
                _log(f"no installed version to run in {self.root} (state: {state})")
                return 78  # EX_CONFIG
            on_trial = state.trial == state.current
            code = self._run_once(state.current, on_trial)
            if code is None:  # a failed trial, rolled back: start the previous version
                continue
            if code == EXIT_RESTART and not self.stopping:
                _log(f"version {state.current} asked for a restart")
                continue
            return code if code >= 0 else 128 - code

    def _next_start(self) -> State:
        with locked(self.root):
            state = read_state(self.root)
            if state.trial is None or state.trial != state.current:
                return state
            if state.trial_starts < MAX_TRIAL_STARTS:
                state = replace(state, trial_starts=state.trial_starts + 1)
                write_state(self.root, state)
                return state
        return roll_back(self.root, f"started {MAX_TRIAL_STARTS} times without confirming its health")

    def _run_once(self, version: str, on_trial: bool) -> int | None:
        """Run one child; its exit status, or None when it was a trial that failed and was rolled back."""
        env = dict(os.environ)
        env.pop("WATCHDOG_PID", None)
        env.pop(ENV_TRIAL, None)
        env.update({ENV_ROOT: str(self.root), ENV_VERSION: version})
        if on_trial:
            env[ENV_TRIAL] = "1"
        executable = version_dir(self.root, version) / "bin" / self.program
        _log(f"starting {executable}{' (trial)' if on_trial else ''}")
        try:
            self.child = subprocess.Popen([str(executable), *self.args], env=env)
        except OSError as exc:
            if not on_trial:
                _log(f"cannot start {executable}: {exc}")
                return 127
            roll_back(self.root, f"could not start: {exc}")
            return None
        if not on_trial:
            return self.child.wait()
        deadline = time.monotonic() + self.health_timeout_s
        while True:
            try:
                code = self.child.wait(timeout=self.poll_s)
            except subprocess.TimeoutExpired:
                code = None
            confirmed = read_state(self.root).trial != version
            if code is not None:
                if confirmed or self.stopping or code == EXIT_RESTART:
                    return code
                roll_back(self.root, f"exited with status {code} before confirming its health")
                return None
            if confirmed:
                _log(f"version {version} confirmed its health")
                return self.child.wait()
            if time.monotonic() >= deadline:
                self._stop_child()
                if read_state(self.root).trial != version:  # confirmed in the last instant
                    return self.child.returncode
                roll_back(self.root, f"did not confirm its health within {self.health_timeout_s:g} s")
                return None

    def _stop_child(self) -> None:
        assert self.child is not None
        self.child.terminate()
        try:
            self.child.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            self.child.kill()
            self.child.wait()


def main(argv: list[str] | None = None) -> int:
    """``launcher.py --root ROOT [--health-timeout S] -- PROGRAM ARGS...``"""
    parser = argparse.ArgumentParser(prog="launcher.py", description="Run the current version; roll a failed trial "
                                     "back.")
    parser.add_argument("--root", type=Path, required=True, help="the install root")
    parser.add_argument("--health-timeout", type=float, default=DEFAULT_HEALTH_TIMEOUT_S,
                        help="seconds a trial has to confirm its health (default %(default)s)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- PROGRAM ARGS...")
    options = parser.parse_args(argv)
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("name the program to run after --")
    launcher = Launcher(options.root.resolve(), command[0], command[1:], options.health_timeout)
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, launcher.forward)
    return launcher.run()


if __name__ == "__main__":
    sys.exit(main())
