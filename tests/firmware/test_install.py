"""The engine with the real side-by-side installer (:mod:`controller.release.install`): a
signed bundle is downloaded, verified, installed beside the running version and put on trial,
then the process restarts; the next start reports Installed, or InstallationFailed when the
launcher rolled the new version back (:func:`controller.release.launcher.roll_back`, as the
launcher does when a trial fails its health check).

Which version the process runs is the one stand-in (:class:`RunningAs`: a test process cannot
become another version); the launcher's own process handling is the release's tests' and the
lead's end-to-end test's business.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from controller.firmware.engine import FIRMWARE_UPDATED
from controller.firmware.release_port import InstalledRelease
from controller.release.build import Release, build_release
from controller.release.install import Installer
from controller.release.launcher import roll_back
from controller.release.signing import SigningIdentity
from tests.firmware.support import Events, Gate, Signed, ended, engine, request, told, wait_for
from tests.release.test_install import fake_version
from tests.support.file_servers import HttpFileServer
from tests.support.pki import Pki
from tests.support.wheels import make_wheel

PROJECT_DIR = Path(__file__).resolve().parents[2]


class RunningAs(InstalledRelease):
    """The real installer, in a process that says it runs ``version``."""

    def __init__(self, root: Path, pki: Pki, version: str) -> None:
        super().__init__(root, lambda: [pki.root])
        self.version = version

    def running_version(self) -> str:
        return self.version


@pytest.fixture
def bundle(tmp_path: Path, identity: SigningIdentity, served: Path) -> tuple[Release, Signed]:
    """A signed release bundle of evse-hmi 2.0.0 (a stand-in wheel), served with its signature."""
    work = tmp_path / "bundle"
    make_wheel(work / "wheels", "2.0.0")
    release = build_release(PROJECT_DIR, served, identity, work / "build", wheels_from=work / "wheels")
    return release, Signed(release.bundle, release.signature.read_text().strip(), identity.chain_pem.decode())


def _install(tmp_path: Path, pki: Pki, http: HttpFileServer, bundle: tuple[Release, Signed]) -> list[str]:
    """Run an update up to the restart; what the engine told before it."""
    release, signed = bundle
    restarted: list[bool] = []
    fake_version(tmp_path / "root", "1.0.0")  # the version running now, which a rollback returns to
    Installer(tmp_path / "root").begin_trial("1.0.0")

    async def scenario() -> list[str]:
        updates = engine(tmp_path / "engine", pki, gate=Gate(), release=RunningAs(tmp_path / "root", pki, "1.0.0"),
                         restart=lambda: restarted.append(True))
        updates.start()
        updates.submit(request(http.url(release.bundle.name), updates.clock, signed=signed))
        await wait_for(lambda: restarted, "the restart into the new version", 120)
        statuses = told(updates)
        await updates.close()
        return statuses

    statuses = asyncio.run(scenario())
    assert statuses == ["Downloading", "Downloaded", "SignatureVerified", "Installing", "InstallRebooting"]
    return statuses


def test_an_installed_update_reports_installed_from_the_new_version(
        tmp_path: Path, pki: Pki, http: HttpFileServer, bundle: tuple[Release, Signed]) -> None:
    _install(tmp_path, pki, http, bundle)
    root = tmp_path / "root"
    assert (root / "versions" / "2.0.0" / "INSTALLED").is_file()

    async def next_start() -> None:
        events = Events()
        release = RunningAs(root, pki, "2.0.0")
        updates = engine(tmp_path / "engine", pki, release=release, events=events)
        updates.start()
        await wait_for(lambda: updates.state.job is not None and updates._confirming, "the new version started")
        assert told(updates)[-1] == "InstallRebooting" and events.kinds == [], "not Installed before its health"
        release.installer.confirm("2.0.0")  # what the runtime's health check does (controller.release.health)
        assert (await ended(updates))[-2:] == ["InstallRebooting", "Installed"]
        assert events.kinds == [FIRMWARE_UPDATED]
        await updates.close()

    asyncio.run(next_start())


def test_an_update_rolled_back_by_the_launcher_reports_installation_failed(
        tmp_path: Path, pki: Pki, http: HttpFileServer, bundle: tuple[Release, Signed]) -> None:
    _install(tmp_path, pki, http, bundle)
    root = tmp_path / "root"
    roll_back(root, "no health confirmed within 300 s")

    async def next_start() -> None:
        updates = engine(tmp_path / "engine", pki, release=RunningAs(root, pki, "1.0.0"))
        updates.start()
        assert (await ended(updates))[-2:] == ["InstallRebooting", "InstallationFailed"]
        assert updates.release.outcome() is None  # type: ignore[union-attr]  # reported: forgotten
        await updates.close()

    asyncio.run(next_start())


def test_a_bundle_whose_inside_does_not_verify_is_install_verification_failed(
        tmp_path: Path, pki: Pki, http: HttpFileServer, identity: SigningIdentity, served: Path) -> None:
    import io
    import tarfile

    work = tmp_path / "bundle"
    make_wheel(work / "wheels", "2.0.0")
    release = build_release(PROJECT_DIR, work / "dist", identity, work / "build", wheels_from=work / "wheels")
    tampered = served / "tampered.tar"  # a wheel changed after the manifest was signed, the outer signature redone
    with tarfile.open(release.bundle) as source, tarfile.open(tampered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.endswith(".whl"):
                data += b"\0"
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    signed = Signed(tampered, identity.sign_file(tampered), identity.chain_pem.decode())

    async def scenario() -> None:
        gate = Gate()
        updates = engine(tmp_path / "engine", pki, gate=gate, release=RunningAs(tmp_path / "root", pki, "1.0.0"))
        updates.start()
        updates.submit(request(http.url(tampered.name), updates.clock, signed=signed))
        assert await ended(updates) == ["Downloading", "Downloaded", "SignatureVerified", "Installing",
                                        "InstallVerificationFailed"]
        assert gate.told == [True, False]
        await updates.close()

    asyncio.run(scenario())
