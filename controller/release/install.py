"""The side-by-side installer: a verified bundle becomes ``ROOT/versions/<version>/`` (a venv
made offline from the bundle's wheels) without touching the running version.

Layout of the install root (docs/updates.md)::

    ROOT/launcher.py            the launcher (controller/release/launcher.py, copied at install)
    ROOT/state.json             current, previous, trial, the last trial's outcome (launcher.State)
    ROOT/current, ROOT/previous symlinks to versions/<v>, kept in step with state.json
    ROOT/versions/<v>/          a venv; complete once versions/<v>/INSTALLED exists (written last)
    ROOT/versions/<v>.partial/  the bundle's verified files while <v> is being installed

An install is a sequence of steps, each redone from its start if it did not finish: unpack
into ``<v>.partial`` (every file's SHA-256 checked as it is written; ``STAGED`` written last),
make the venv, ``pip install --no-index`` from the staged wheels, check the installed version,
``sync``, write ``INSTALLED``. A power cut at any moment leaves the running version as it
was, and :meth:`Installer.install` of the same bundle resumes. ``EVSE_CRASH_AT`` names a
point (:data:`CRASH_POINTS`) where the process kills itself, for the tests.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from cryptography import x509

from controller.crash_points import crash_point
from controller.release import launcher
from controller.release.bundle import BundleError, unpack
from controller.release.launcher import (
    INSTALLED,
    VERSIONS,
    Outcome,
    State,
    is_installed,
    locked,
    read_state,
    version_dir,
    write_atomically,
    write_state,
)
from controller.release.manifest import FIXED_MEMBERS, MANIFEST, Manifest
from controller.release.verify import INSTALL_VERIFICATION_FAILED, VerificationError, verify_bundle

__all__ = ["CRASH_POINTS", "InstallError", "Installer", "Outcome"]

log = logging.getLogger(__name__)

#: Complete versions kept in ``versions/`` (the current, previous and trial ones are never deleted).
KEEP_VERSIONS = 3
STAGED = "STAGED"
PARTIAL_SUFFIX = ".partial"
_TRASH_PREFIX = ".trash-"
#: Where a test may kill an install (``EVSE_CRASH_AT``): after the first file is unpacked,
#: once staged, once the venv exists, once pip has installed, once INSTALLED is written.
CRASH_UNPACKING, CRASH_STAGED, CRASH_VENV = "install-unpacking", "install-staged", "install-venv-made"
CRASH_PIP, CRASH_INSTALLED = "install-pip-done", "install-installed"
CRASH_POINTS = (CRASH_UNPACKING, CRASH_STAGED, CRASH_VENV, CRASH_PIP, CRASH_INSTALLED)


class InstallError(Exception):
    """The bundle verified but could not be installed (pip failed, the disk is full, ...):
    OCPP's InstallationFailed."""


class Installer:
    """Installs bundles side by side under ``root`` and moves the pointers between versions."""

    def __init__(self, root: Path, *, keep: int = KEEP_VERSIONS, python: str | None = None) -> None:
        self.root = root
        self.keep = max(keep, 2)
        self.python = python or sys.executable

    # --- installing -----------------------------------------------------------------

    def install(self, bundle: Path, roots: Sequence[x509.Certificate]) -> str:
        """Verify ``bundle`` against ``roots`` (VerificationError) and install it beside the
        running version (InstallError); idempotent, and resumes an install cut short. The version."""
        self.root.mkdir(parents=True, exist_ok=True)
        with self._install_lock():
            manifest = verify_bundle(bundle, roots)
            version = manifest.version
            self._copy_launcher()
            if not is_installed(self.root, version):
                staging = self._stage(bundle, manifest)
                self._build_venv(version, staging)
                shutil.rmtree(staging)
            self._prune(keep_also=version)
            return version

    def _stage(self, bundle: Path, manifest: Manifest) -> Path:
        staging = self.root / VERSIONS / f"{manifest.version}{PARTIAL_SUFFIX}"
        marker = staging / STAGED
        if marker.is_file() and marker.read_bytes() == manifest.to_json():
            return staging
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        try:
            unpack(bundle, manifest, staging, on_file=lambda _name: crash_point(CRASH_UNPACKING))
        except BundleError as exc:
            raise VerificationError(INSTALL_VERIFICATION_FAILED, f"{bundle.name}: {exc}") from None
        write_atomically(marker, manifest.to_json())
        crash_point(CRASH_STAGED)
        return staging

    def _build_venv(self, version: str, staging: Path) -> None:
        target = version_dir(self.root, version)
        shutil.rmtree(target, ignore_errors=True)  # an earlier attempt that did not finish
        self._run([self.python, "-m", "venv", str(target)], "making the venv")
        crash_point(CRASH_VENV)
        wheels = sorted(str(staging / name) for name in Manifest.from_json((staging / MANIFEST).read_bytes()).files)
        self._run([str(target / "bin" / "python"), "-m", "pip", "install", "--no-index", "--find-links",
                   str(staging / "wheels"), "--no-cache-dir", "--quiet", *wheels], "installing the wheels")
        crash_point(CRASH_PIP)
        installed = self._run([str(target / "bin" / "python"), "-c",
                               "import importlib.metadata as m; print(m.version('evse-hmi'))"], "checking the version")
        if installed.strip() != version:
            raise InstallError(f"the installed evse-hmi is {installed.strip()!r}, not {version!r}")
        (target / "release").mkdir()
        for name in FIXED_MEMBERS:
            shutil.copyfile(staging / name, target / "release" / name)
        os.sync()  # pip does not fsync: everything on disk before the mark that says it is complete
        write_atomically(target / INSTALLED, f"{version}\n".encode())
        crash_point(CRASH_INSTALLED)
        log.info("version %s installed in %s", version, target)

    def _run(self, command: list[str], what: str) -> str:
        env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "PYTHON"))}
        env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            tail = "\n".join((result.stderr or result.stdout).strip().splitlines()[-5:])
            raise InstallError(f"{what} failed (status {result.returncode}): {tail}")
        return result.stdout

    def _copy_launcher(self) -> None:
        source = Path(launcher.__file__).read_bytes()
        target = self.root / "launcher.py"
        if not target.is_file() or target.read_bytes() != source:
            write_atomically(target, source)

    @contextlib.contextmanager
    def _install_lock(self) -> Iterator[None]:
        with (self.root / ".install.lock").open("a") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _prune(self, keep_also: str) -> None:
        """Keep at most ``keep`` complete versions (never current, previous, the trial nor
        ``keep_also``); remove what other installs left unfinished."""
        versions = self.root / VERSIONS
        state = read_state(self.root)
        protected = {state.current, state.previous, state.trial, keep_also}
        complete, leftovers = [], []
        for entry in versions.iterdir():
            name = entry.name
            if name.startswith(_TRASH_PREFIX):
                leftovers.append(entry)
            elif name.endswith(PARTIAL_SUFFIX):
                if name.removesuffix(PARTIAL_SUFFIX) != keep_also:
                    leftovers.append(entry)
            elif is_installed(self.root, name):
                complete.append(entry)
            elif name not in protected:
                leftovers.append(entry)
        complete.sort(key=lambda entry: (entry / INSTALLED).stat().st_mtime)
        surplus = len(complete) - self.keep
        for entry in complete:
            if surplus <= 0:
                break
            if entry.name not in protected:
                leftovers.append(entry)
                surplus -= 1
        for entry in leftovers:
            trash = versions / (entry.name if entry.name.startswith(_TRASH_PREFIX) else _TRASH_PREFIX + entry.name)
            os.replace(entry, trash)  # atomic: never a half-deleted directory that still looks installed
            shutil.rmtree(trash)
            log.info("removed %s from %s", entry.name, versions)

    # --- the pointers -----------------------------------------------------------------

    def begin_trial(self, version: str) -> None:
        """Make ``version`` (installed) current as a trial: the launcher rolls it back unless it
        confirms its health. The last confirmed version stays as ``previous``. On an empty root
        it simply becomes current (there is nothing to return to)."""
        if not is_installed(self.root, version):
            raise InstallError(f"version {version} is not installed in {self.root}")
        with locked(self.root):
            state = read_state(self.root)
            if state.current == version:
                return
            confirmed = state.previous if state.trial else state.current
            if confirmed is None:
                write_state(self.root, replace(state, current=version, previous=None, trial=None, trial_starts=0))
            else:
                write_state(self.root, State(current=version, previous=confirmed, trial=version, trial_starts=0,
                                             outcome=state.outcome))
        log.info("version %s is current, on trial", version)

    def confirm(self, version: str) -> None:
        """``version`` is healthy: its trial (if it is on one) ends, confirmed."""
        launcher.confirm_trial(self.root, version)

    def current(self) -> str | None:
        """The version the launcher runs."""
        return read_state(self.root).current

    def previous(self) -> str | None:
        """The version a rollback returns to."""
        return read_state(self.root).previous

    def trial(self) -> str | None:
        """The version on trial, if any."""
        return read_state(self.root).trial

    def outcome(self) -> Outcome | None:
        """The last trial's result, until :meth:`clear_outcome`."""
        return read_state(self.root).outcome

    def clear_outcome(self) -> None:
        """The outcome was reported: forget it."""
        with locked(self.root):
            state = read_state(self.root)
            if state.outcome is not None:
                write_state(self.root, replace(state, outcome=None))

    def installed(self) -> list[str]:
        """The complete versions under ``versions/``, by name."""
        versions = self.root / VERSIONS
        if not versions.is_dir():
            return []
        return sorted(entry.name for entry in versions.iterdir() if is_installed(self.root, entry.name))
