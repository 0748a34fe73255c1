"""``make release``: the project and every pinned dependency as wheels, a signed manifest, one
tar in ``dist/``, its detached signature and the signing certificate beside it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from controller.release.bundle import write_bundle
from controller.release.manifest import PROJECT, VERSION_PATTERN, Manifest, sha256_file
from controller.release.signing import SigningIdentity
from controller.release.verify import verify_bundle, verify_file

#: What a copy of the source tree leaves out (``--version``): caches, builds, outputs, tests.
_NOT_COPIED = (".git", ".venv", "build", "dist", "out", "var", "__pycache__", "*.egg-info", ".pytest_cache",
               ".ruff_cache", ".qmllint-types", "tests", "benchmarks")
_PROJECT_WHEEL = re.compile(rf"{PROJECT.replace('-', '_')}-([^-]+)-.*\.whl")


@dataclass(frozen=True, slots=True)
class Release:
    """What ``build_release`` wrote: the bundle, its detached signature, the signing certificate."""

    bundle: Path
    signature: Path
    certificate: Path
    version: str
    size: int
    sha256: str


def build_release(project: Path, out_dir: Path, identity: SigningIdentity, work_dir: Path, *,
                  version: str | None = None, wheels_from: Path | None = None,
                  roots: list | None = None) -> Release:
    """Build, sign and write a release of ``project`` into ``out_dir``.

    ``version`` builds from a copy of the tree with pyproject's version replaced;
    ``wheels_from`` takes the wheels from a directory instead of building them (the project's
    wheel must be among them). With ``roots``, the result is verified against them."""
    work_dir.mkdir(parents=True, exist_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_dir, prefix="release-") as scratch:
        wheels = Path(scratch) / "wheels"
        wheels.mkdir()
        if wheels_from is not None:
            for wheel in sorted(wheels_from.glob("*.whl")):
                shutil.copyfile(wheel, wheels / wheel.name)
        else:
            source = project if version is None else _copy_with_version(project, Path(scratch) / "src", version)
            subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", str(wheels), str(source)],
                           check=True)
        built = _project_version(wheels)
        files = {f"wheels/{wheel.name}": sha256_file(wheel) for wheel in sorted(wheels.glob("*.whl"))}
        created = datetime.now(UTC).replace(microsecond=0).isoformat()
        manifest = Manifest(PROJECT, built, created, files).to_json()
        bundle = out_dir / f"{PROJECT}-{built}.tar"
        write_bundle(bundle, manifest, identity.sign_bytes(manifest).encode() + b"\n", identity.chain_pem,
                     {name: wheels / name.removeprefix("wheels/") for name in files})
    signature = bundle.with_name(bundle.name + ".sig")
    signature.write_text(identity.sign_file(bundle) + "\n")
    certificate = out_dir / "signing-cert.pem"
    certificate.write_bytes(identity.chain_pem)
    if roots:
        verify_bundle(bundle, roots)
        verify_file(bundle, signature.read_text(), certificate.read_text(), roots)
    return Release(bundle, signature, certificate, built, bundle.stat().st_size, sha256_file(bundle))


def _project_version(wheels: Path) -> str:
    found = [match.group(1) for wheel in wheels.glob("*.whl") if (match := _PROJECT_WHEEL.fullmatch(wheel.name))]
    if len(found) != 1:
        raise ValueError(f"expected one wheel of {PROJECT} among the wheels, found {len(found)}")
    if not VERSION_PATTERN.fullmatch(found[0]):
        raise ValueError(f"version {found[0]!r} cannot name a directory")
    return found[0]


def _copy_with_version(project: Path, target: Path, version: str) -> Path:
    shutil.copytree(project, target, ignore=shutil.ignore_patterns(*_NOT_COPIED), symlinks=True)
    pyproject = target / "pyproject.toml"
    text, count = re.subn(r'(?m)^version = "[^"]*"$', f'version = "{version}"', pyproject.read_text(), count=1)
    if count != 1:
        raise ValueError(f"{pyproject}: no version line to replace")
    pyproject.write_text(text)
    return target
