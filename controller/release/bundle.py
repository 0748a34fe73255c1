"""The bundle file: one uncompressed tar holding the manifest, its signature, the signing
chain and the wheels (docs/updates.md). Writing it, listing it strictly, unpacking it with
every file's SHA-256 checked again on the way out."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from controller.release.manifest import FIXED_MEMBERS, MANIFEST, MANIFEST_SIGNATURE, SIGNING_CHAIN, Manifest

#: The largest manifest, signature and chain a bundle may carry (they are read into memory).
MAX_SMALL_MEMBER = 1 << 20
_CHUNK = 1 << 20


class BundleError(ValueError):
    """The file is not a well-formed bundle (not a tar, a member that is not a plain file, ...)."""


def write_bundle(out: Path, manifest: bytes, signature_b64: bytes, chain_pem: bytes,
                 files: Mapping[str, Path]) -> None:
    """Write a bundle to ``out`` (through ``out.partial``, then renamed): fixed members first,
    then ``files`` ({name in the bundle: file on disk}) in name order, with neutral owners and times."""
    partial = out.with_name(out.name + ".partial")
    with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in ((MANIFEST, manifest), (MANIFEST_SIGNATURE, signature_b64), (SIGNING_CHAIN, chain_pem)):
            tar.addfile(_info(name, len(data)), io.BytesIO(data))
        for name in sorted(files):
            with files[name].open("rb") as stream:
                tar.addfile(_info(name, files[name].stat().st_size), stream)
    os.replace(partial, out)


def _info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime, info.uname, info.gname = size, 0o644, 0, "root", "root"
    return info


@contextmanager
def open_bundle(path: Path) -> Iterator[tuple[tarfile.TarFile, dict[str, tarfile.TarInfo]]]:
    """The open tar and its members by name; :class:`BundleError` unless every member is a plain
    file with a unique relative name, and the three fixed members are there and small."""
    try:
        tar = tarfile.open(path, "r:")  # noqa: SIM115 - closed below; uncompressed only: the wheels are compressed already
    except (OSError, tarfile.TarError) as exc:
        raise BundleError(f"{path.name}: not a bundle (an uncompressed tar): {exc}") from None
    with tar:
        try:
            members = tar.getmembers()
        except tarfile.TarError as exc:
            raise BundleError(f"{path.name}: a damaged tar: {exc}") from None
        by_name: dict[str, tarfile.TarInfo] = {}
        for member in members:
            if not member.isreg():
                raise BundleError(f"{member.name!r} is not a plain file")
            if member.name in by_name:
                raise BundleError(f"{member.name!r} is in the bundle twice")
            if member.name.startswith("/") or ".." in member.name.split("/"):
                raise BundleError(f"{member.name!r} is not a relative path inside the bundle")
            by_name[member.name] = member
        for name in FIXED_MEMBERS:
            if name not in by_name:
                raise BundleError(f"{name} is missing")
            if by_name[name].size > MAX_SMALL_MEMBER:
                raise BundleError(f"{name} is larger than {MAX_SMALL_MEMBER} bytes")
        yield tar, by_name


def read_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    """A member's bytes."""
    stream = tar.extractfile(member)
    if stream is None:  # pragma: no cover - open_bundle admits plain files only
        raise BundleError(f"{member.name!r} cannot be read")
    return stream.read()


def member_sha256(tar: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    """The SHA-256 (hex) of a member's bytes."""
    stream = tar.extractfile(member)
    if stream is None:  # pragma: no cover - open_bundle admits plain files only
        raise BundleError(f"{member.name!r} cannot be read")
    digest = hashlib.sha256()
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def unpack(path: Path, manifest: Manifest, dest: Path, on_file: Callable[[str], None] | None = None) -> None:
    """Copy the fixed members and the manifest's files from the bundle into ``dest`` (which
    exists), each fsynced, each file's SHA-256 checked against the manifest as it is written:
    :class:`BundleError` on a mismatch (the bundle changed since it was verified).
    ``on_file`` (a callable taking the name, or None) is called after each file."""
    with open_bundle(path) as (tar, members):
        for name in (*FIXED_MEMBERS, *sorted(manifest.files)):
            if name not in members:
                raise BundleError(f"{name} is missing")
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            stream = tar.extractfile(members[name])
            if stream is None:  # pragma: no cover - open_bundle admits plain files only
                raise BundleError(f"{name!r} cannot be read")
            digest = hashlib.sha256()
            with target.open("wb") as out:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            expected = manifest.files.get(name)
            if expected is not None and digest.hexdigest() != expected:
                raise BundleError(f"{name}: SHA-256 {digest.hexdigest()} is not the manifest's {expected}")
            if on_file is not None:
                on_file(name)
