"""Helpers of the update engine's tests: a signed update served from a file server, an https
server certificate for 127.0.0.1, the station's side of an update, and waits on conditions.

The station's ``is_idle`` / ``set_software_update`` (the station's port, built on the kiosk
branch) are stood in for by :class:`Gate`, the one test double here, at that boundary only.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.x509.oid import NameOID

from controller.clock import Clock, FakeClock
from controller.firmware.engine import FirmwareEngine, Limits
from controller.firmware.ports import Release
from controller.firmware.release_port import ManufacturerVerifier
from controller.firmware.request import FirmwareStatus, Origin, UpdateRequest
from controller.firmware.state import StateFile
from controller.release.signing import SigningIdentity
from tests.support.pki import Pki, key_pem, new_key, pem

FAST = Limits(timeout_s=5.0, max_bytes=10 * 1024 * 1024, tick_s=0.01, reboot_grace_s=2.0)
DEADLINE_S = 20.0


@dataclass
class Gate:
    """Stand-in for the station's port (``is_idle``, ``set_software_update``): records what it is told."""

    idle: bool = True
    told: list[bool] = field(default_factory=list)

    def is_idle(self) -> bool:
        return self.idle

    def set_software_update(self, active: bool) -> None:
        self.told.append(active)


@dataclass
class Events:
    """The security events reported (the callback the security log gets in production)."""

    seen: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, kind: str, info: str) -> None:
        self.seen.append((kind, info))

    @property
    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.seen]


@dataclass
class Signed:
    """A file to update with, and what a signed request carries for it."""

    path: Path
    signature: str
    certificate: str


def sign(path: Path, identity: SigningIdentity) -> Signed:
    return Signed(path, identity.sign_file(path), identity.chain_pem.decode())


def https_files(pki: Pki, directory: Path) -> tuple[Path, Path, Path]:
    """A server certificate for 127.0.0.1 issued by ``pki``'s intermediate: (cert chain, key, CA file)."""
    key = new_key()
    now = datetime.now(UTC) - timedelta(hours=1)
    certificate = (x509.CertificateBuilder()
                   .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
                   .issuer_name(pki.intermediate.subject).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now)
                   .not_valid_after(now + timedelta(days=2))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .sign(pki.intermediate_key, hashes.SHA256()))
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "server.pem").write_bytes(pem(certificate, pki.intermediate))
    (directory / "server.key").write_bytes(key_pem(key))
    (directory / "ca.pem").write_bytes(pem(pki.root))
    return directory / "server.pem", directory / "server.key", directory / "ca.pem"


def request(location: str, clock: Clock, *, signed: Signed | None = None, origin: Origin = Origin.V201,
            retries: int = 0, retry_interval_s: int = 0, request_id: int | None = 7, after_s: float = 0.0,
            install_after_s: float | None = None) -> UpdateRequest:
    now = clock.now()
    return UpdateRequest(location, now + timedelta(seconds=after_s), origin, retries, retry_interval_s,
                         now + timedelta(seconds=install_after_s) if install_after_s is not None else None,
                         signed.signature if signed else None, signed.certificate if signed else None, request_id)


def engine(directory: Path, pki: Pki | None = None, *, clock: Clock | None = None, gate: Gate | None = None,
           release: Release | None = None, events: Events | None = None, restart: Callable[[], None] | None = None,
           context: Any = None, signed_only: bool = False) -> FirmwareEngine:
    """An engine keeping its state in ``directory`` (a second one on the same directory resumes it)."""
    verifier = ManufacturerVerifier(lambda: [pki.root]) if pki is not None else None
    return FirmwareEngine(StateFile(directory / "firmware.json"), directory / "downloads", clock or FakeClock(),
                          gate=gate if gate is not None else Gate(), release=release, verifier=verifier,
                          security_event=events, restart=restart, signed_only=signed_only, ssl_context=context,
                          limits=FAST)


def told(updates: FirmwareEngine) -> list[str]:
    """The statuses not yet delivered, oldest first."""
    return [n.status.value for n in updates.state.notices]


async def wait_for(condition: Callable[[], Any], what: str, deadline_s: float = DEADLINE_S) -> Any:
    """Poll ``condition`` until it holds; fail naming ``what`` after the deadline."""
    loop = asyncio.get_running_loop()
    end = loop.time() + deadline_s
    while not (value := condition()):
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)
    return value


async def ended(updates: FirmwareEngine, deadline_s: float = DEADLINE_S) -> list[str]:
    """Wait until no job runs; the statuses told."""
    await wait_for(lambda: updates.state.job is None, "the job to end", deadline_s)
    return told(updates)


def final(statuses: list[str]) -> FirmwareStatus:
    return FirmwareStatus(statuses[-1])
