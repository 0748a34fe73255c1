"""Fixtures of the update engine's tests: a test PKI (made now), a signed file, file servers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from controller.release.signing import SigningIdentity
from tests.firmware.support import Signed, sign
from tests.support.file_servers import FtpFileServer, HttpFileServer
from tests.support.pki import Pki, make_pki


@pytest.fixture(scope="session")
def pki() -> Pki:
    return make_pki()


@pytest.fixture(scope="session")
def identity(pki: Pki) -> SigningIdentity:
    return SigningIdentity(pki.signing_key, (pki.signing, pki.intermediate))


@pytest.fixture
def served(tmp_path: Path) -> Path:
    directory = tmp_path / "served"
    directory.mkdir()
    return directory


@pytest.fixture
def update_file(served: Path, identity: SigningIdentity) -> Signed:
    """A 300 kB file on the servers, signed by the manufacturer's signing certificate."""
    path = served / "evse-hmi-9.9.9.tar"
    path.write_bytes(os.urandom(300_000))
    return sign(path, identity)


@pytest.fixture
def http(served: Path, tmp_path: Path) -> Iterator[HttpFileServer]:
    with HttpFileServer(served, tmp_path / "uploads") as server:
        yield server


@pytest.fixture
def ftp(served: Path) -> Iterator[FtpFileServer]:
    with FtpFileServer(served) as server:
        yield server
