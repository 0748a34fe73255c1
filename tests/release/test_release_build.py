"""``python -m controller.release build`` for real: a development-signed bundle, and (slow) the
full bundle of "the next version" built from a copy of the tree and installed for real, then
started as a trial by the launcher and confirmed by its own health module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from controller.release.install import Installer
from controller.release.launcher import read_state
from controller.release.verify import load_roots, verify_bundle, verify_file
from tests.release.conftest import NEXT_VERSION
from tests.release.test_install import fake_version
from tests.support.pki import Pki
from tests.support.wheels import make_wheel

PROJECT_DIR = Path(__file__).resolve().parents[2]


def test_without_a_key_the_release_is_development_signed_and_says_so(tmp_path: Path) -> None:
    make_wheel(tmp_path / "wheels", "0.3.0")
    env = {key: value for key, value in os.environ.items() if not key.startswith("RELEASE_")}
    result = subprocess.run([sys.executable, "-m", "controller.release", "build", "--wheels-from",
                             str(tmp_path / "wheels"), "--out", str(tmp_path / "dist")], cwd=PROJECT_DIR,
                            env={**env, "PYTHONPATH": str(PROJECT_DIR)}, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "DEVELOPMENT-SIGNED" in result.stderr and "build/dev-signing/root.pem" in result.stderr
    bundle = tmp_path / "dist" / "evse-hmi-0.3.0.tar"
    assert f"release   {bundle}" in result.stdout and "version   0.3.0" in result.stdout
    roots = load_roots(PROJECT_DIR / "build" / "dev-signing" / "root.pem")
    assert verify_bundle(bundle, roots).version == "0.3.0"
    verify_file(bundle, (tmp_path / "dist" / "evse-hmi-0.3.0.tar.sig").read_text(),
                (tmp_path / "dist" / "signing-cert.pem").read_text(), roots)
    assert oct((PROJECT_DIR / "build" / "dev-signing" / "signing.key").stat().st_mode & 0o777) == "0o600"


@pytest.mark.slow
def test_the_full_bundle_of_the_next_version_installs_and_runs_as_a_trial(full_release: Path, pki: Pki,
                                                                          tmp_path: Path) -> None:
    bundle = full_release / f"evse-hmi-{NEXT_VERSION}.tar"
    verify_file(bundle, (full_release / f"evse-hmi-{NEXT_VERSION}.tar.sig").read_text(),
                (full_release / "signing-cert.pem").read_text(), [pki.root])
    manifest = verify_bundle(bundle, [pki.root])
    pinned = ("pyside6-6.11.3", "cryptography-50.0.2", "ocpp-2.1.0", "websockets-17.4", "pyscard-2.3.1")
    names = " ".join(manifest.files).lower()
    assert all(f"wheels/{pin}" in names for pin in pinned), names

    root = tmp_path / "root"
    fake_version(root, "0.1.0")
    installer = Installer(root)
    installer.begin_trial("0.1.0")
    assert installer.install(bundle, [pki.root]) == NEXT_VERSION
    installer.begin_trial(NEXT_VERSION)
    python = root / "versions" / NEXT_VERSION / "bin" / "python"
    probe = ("from controller.release.version import running_version; import hmi.scene, controller.release.verify;"
             " print(running_version(), hmi.scene.QML_IMPORT_PATH.joinpath('Evse', 'Main.qml').is_file())")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "EVSE_"))}
    result = subprocess.run(["python3", "-I", str(root / "launcher.py"), "--root", str(root), "--health-timeout", "60",
                             "--", "python", "-c", f"{probe}\nfrom controller.release.health import confirm_healthy\n"
                             "confirm_healthy()"], env={**env, "QT_QPA_PLATFORM": "offscreen"}, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [NEXT_VERSION, "True"]
    state = read_state(root)
    assert (state.current, state.previous, state.trial) == (NEXT_VERSION, "0.1.0", None)
    assert python.is_file()
