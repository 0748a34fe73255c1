"""Fixtures of the release tests: a test PKI, its signing identity, tiny signed bundles."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from controller.release.build import Release, build_release
from controller.release.signing import SigningIdentity
from tests.support.pki import Pki, make_pki
from tests.support.wheels import make_wheel

PROJECT_DIR = Path(__file__).resolve().parents[2]
#: The version of "the next release" the full-bundle tests build and install.
NEXT_VERSION = "99.0.1"


def build(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m controller.release build ARGS`` in the project directory."""
    return subprocess.run([sys.executable, "-m", "controller.release", "build", *args], cwd=PROJECT_DIR,
                          env={**os.environ, "PYTHONPATH": str(PROJECT_DIR), **(env or {})}, capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.fixture(scope="session")
def pki() -> Pki:
    return make_pki()


@pytest.fixture(scope="session")
def identity(pki: Pki) -> SigningIdentity:
    return SigningIdentity(pki.signing_key, (pki.signing, pki.intermediate))


@pytest.fixture(scope="session")
def pki_files(pki: Pki, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(signing key, chain, root) PEM files."""
    return pki.write(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="session")
def tiny_bundle(identity: SigningIdentity, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Release]:
    """A signed bundle of a stand-in evse-hmi ``version`` (and one dependency it requires), made once per version."""
    made: dict[str, Release] = {}

    def make(version: str) -> Release:
        if version not in made:
            work = tmp_path_factory.mktemp(f"bundle-{version}")
            make_wheel(work / "wheels", version, requires=("evse-dependency==1.0",))
            make_wheel(work / "wheels", "1.0", name="evse_dependency", module="evse_dependency")
            made[version] = build_release(PROJECT_DIR, work / "dist", identity, work / "build",
                                          wheels_from=work / "wheels")
        return made[version]

    return make


def rewrite_tar(source: Path, target: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    """Copy a bundle's members, changed by ``change`` (a dict of name: bytes, edited in place)."""
    with tarfile.open(source) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]
    change(members)
    with tarfile.open(target, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


@pytest.fixture(scope="session")
def full_release(pki_files: tuple[Path, Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole project and its pinned dependencies, as version NEXT_VERSION (built once per session)."""
    out = tmp_path_factory.mktemp("dist")
    key, chain, _root = pki_files
    result = build("--version", NEXT_VERSION, "--out", str(out), env={"RELEASE_KEY": str(key),
                                                                      "RELEASE_CHAIN": str(chain)}, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "DEVELOPMENT-SIGNED" not in result.stderr
    return out
