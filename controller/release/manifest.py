"""A release bundle's manifest: what it holds, and the SHA-256 of every file in it."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO

#: The distribution every bundle installs.
PROJECT = "evse-hmi"
#: The members of a bundle besides the files its manifest lists.
MANIFEST = "manifest.json"
MANIFEST_SIGNATURE = "manifest.sig"
SIGNING_CHAIN = "signing-chain.pem"
FIXED_MEMBERS = (MANIFEST, MANIFEST_SIGNATURE, SIGNING_CHAIN)
#: A version names a directory: letters, digits and ``.+_-``, starting with a letter or digit.
VERSION_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")
#: A listed file is a wheel directly under ``wheels/``.
FILE_PATTERN = re.compile(r"wheels/[0-9A-Za-z][0-9A-Za-z.+_-]*\.whl")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20


class ManifestError(ValueError):
    """The manifest is not one this installer understands."""


@dataclass(frozen=True, slots=True)
class Manifest:
    """``name``, ``version``, ``created`` (ISO 8601, UTC) and ``files`` ({path in the bundle: sha256 hex})."""

    name: str
    version: str
    created: str
    files: dict[str, str]

    def to_json(self) -> bytes:
        """The manifest's bytes, as signed: sorted keys, two-space indentation, a final newline."""
        document = {"name": self.name, "version": self.version, "created": self.created, "files": self.files}
        return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        """Parse and check a manifest: its fields, a safe version, safe file names, hex digests."""
        try:
            document = json.loads(data)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ManifestError(f"not JSON: {exc}") from None
        if not isinstance(document, dict):
            raise ManifestError("not a JSON object")
        name, version, created, files = (document.get(key) for key in ("name", "version", "created", "files"))
        if name != PROJECT:
            raise ManifestError(f"name {name!r} is not {PROJECT!r}")
        if not isinstance(version, str) or not VERSION_PATTERN.fullmatch(version):
            raise ManifestError(f"version {version!r} is not a safe version string")
        if not isinstance(created, str):
            raise ManifestError("created is not a string")
        if not isinstance(files, dict) or not files:
            raise ManifestError("files is not a non-empty object")
        for path, digest in files.items():
            if not FILE_PATTERN.fullmatch(path):
                raise ManifestError(f"file {path!r} is not a wheel under wheels/")
            if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
                raise ManifestError(f"file {path!r}: {digest!r} is not a SHA-256 in lower-case hex")
        return cls(name, version, created, dict(files))

    @property
    def project_wheel_prefix(self) -> str:
        """The start of the project's own wheel's name (``wheels/evse_hmi-0.2.0-``)."""
        return f"wheels/{PROJECT.replace('-', '_')}-{self.version}-"


def sha256_of(stream: IO[bytes]) -> str:
    """The SHA-256 (hex) of what is left in ``stream``, read in chunks."""
    digest = hashlib.sha256()
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_file(path: Path) -> str:
    """The SHA-256 (hex) of a file."""
    with path.open("rb") as stream:
        return sha256_of(stream)
