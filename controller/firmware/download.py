"""One download attempt: http, https or ftp into a ``.partial`` file, renamed when complete.

Blocking (urllib): the engine runs it in a worker thread, never on the loop.  An interrupted
http(s) download resumes with a Range request (a server that ignores it sends the whole file
again, and the partial file starts over); ftp starts over.  The size is capped and every read
has a timeout; a cancelled job stops the transfer between two reads.  https checks the server
against the system's CAs plus the central system's root(s) (``[ocpp].ca_file``).
"""

from __future__ import annotations

import os
import ssl
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

CHUNK = 64 * 1024
SCHEMES = ("http", "https", "ftp")


class DownloadError(Exception):
    """The attempt failed (the message says why, for the log)."""


class DownloadCancelled(DownloadError):  # noqa: N818 - a state, not a fault
    """The job was cancelled while the file came in."""


def client_context(ca_file: str = "") -> ssl.SSLContext:
    """TLS for https downloads: the system's CAs, and ``ca_file``'s roots too when given."""
    context = ssl.create_default_context()
    if ca_file:
        context.load_verify_locations(cafile=ca_file)
    return context


def partial_of(target: Path) -> Path:
    return target.with_name(target.name + ".partial")


def fetch(url: str, target: Path, *, timeout_s: float, max_bytes: int, context: ssl.SSLContext | None = None,
          cancelled: threading.Event | None = None) -> Path:
    """Download ``url`` to ``target`` (through ``target.partial``); returns ``target``."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise DownloadError(f"{scheme or 'no'} scheme: only {', '.join(SCHEMES)}")
    partial = partial_of(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context or client_context()))
    try:
        _transfer(opener, url, partial, scheme != "ftp", timeout_s, max_bytes, cancelled)
    except DownloadError:
        raise
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise DownloadError(f"cannot reach {urlsplit(url).hostname}: {exc.reason}") from None
    except (OSError, ValueError) as exc:  # timeouts, resets, a malformed answer
        raise DownloadError(f"{type(exc).__name__}: {exc}") from None
    os.replace(partial, target)
    return target


def _transfer(opener: urllib.request.OpenerDirector, url: str, partial: Path, resumable: bool, timeout_s: float,
              max_bytes: int, cancelled: threading.Event | None) -> None:
    have = partial.stat().st_size if resumable and partial.exists() else 0
    request = urllib.request.Request(url)
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = opener.open(request, timeout=timeout_s)
    except urllib.error.HTTPError as exc:
        if exc.code != 416 or not have:
            raise
        partial.unlink()  # what we have does not fit the file any more: start over
        _transfer(opener, url, partial, resumable, timeout_s, max_bytes, cancelled)
        return
    with response:
        appending = have > 0 and getattr(response, "status", 200) == 206
        if appending and not (response.headers.get("Content-Range") or "").startswith(f"bytes {have}-"):
            raise DownloadError("the server resumed at another offset than asked")
        size = have if appending else 0
        with partial.open("ab" if appending else "wb") as handle:
            while chunk := response.read(CHUNK):
                if cancelled is not None and cancelled.is_set():
                    raise DownloadCancelled("cancelled")
                size += len(chunk)
                if size > max_bytes:
                    raise DownloadError(f"larger than the cap of {max_bytes} bytes")
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        expected = response.headers.get("Content-Length")
        received = size - (have if appending else 0)
        if expected is not None and received != int(expected):
            raise DownloadError(f"short read: {received} of {expected} bytes")
