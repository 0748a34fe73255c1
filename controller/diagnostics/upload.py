"""One upload of a file to the central system's location: HTTP(S) PUT (or POST
multipart/form-data) and FTP STOR (passive; the URL's user and password, else anonymous).

Blocking, with a timeout: the engine runs it in a worker thread.  A location ending in "/"
gets the file's name appended.  Failures become an :class:`UploadError` with a status: the
server refused (HTTP 401/403, FTP 530/550/553) -> PermissionDenied; the server does not do
it (HTTP 405/501, FTP 502/504) -> NotSupportedOperation; a scheme this charger does not
speak or a malformed URL -> BadMessage; anything else (refused connection, timeout, 5xx,
FTP 4xx) -> UploadFailure, which may be tried again.
"""

from __future__ import annotations

import ftplib
import http.client
import ssl
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from controller.diagnostics.status import UploadError, UploadStatus

SCHEMES = ("http", "https", "ftp")
HTTP_METHODS = ("PUT", "POST")
_DENIED_HTTP = (401, 403)
_UNSUPPORTED_HTTP = (405, 501)
_DENIED_FTP = ("530", "550", "553")
_UNSUPPORTED_FTP = ("502", "504")


def target_url(location: str, file_name: str) -> str:
    """Where the file goes: ``location``, with the file name appended when it ends in "/"."""
    return location + quote(file_name) if location.endswith("/") else location


def check_location(location: str) -> None:
    """Raise :class:`UploadError` (BadMessage) unless ``location`` is a URL this charger can upload to."""
    try:
        parts = urlsplit(location)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise UploadError(UploadStatus.BAD_MESSAGE, f"not a URL: {exc}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise UploadError(UploadStatus.BAD_MESSAGE, f"scheme {parts.scheme!r} is not one of {', '.join(SCHEMES)}")
    if not parts.hostname:
        raise UploadError(UploadStatus.BAD_MESSAGE, "no host in the URL")


def upload(path: Path, location: str, *, method: str = "PUT", timeout_s: float = 60.0,
           ca_file: str = "") -> str:
    """Send ``path`` to ``location``; returns the URL it went to (without credentials)."""
    check_location(location)
    url = target_url(location, path.name)
    scheme = urlsplit(url).scheme.lower()
    if scheme == "ftp":
        _ftp(path, url, timeout_s)
    else:
        _http(path, url, method.upper(), timeout_s, ca_file)
    parts = urlsplit(url)
    return parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else "")).geturl()


def _http(path: Path, url: str, method: str, timeout_s: float, ca_file: str) -> None:
    if method not in HTTP_METHODS:
        raise UploadError(UploadStatus.NOT_SUPPORTED_OPERATION, f"HTTP method {method!r}")
    data = path.read_bytes()
    if method == "POST":
        boundary = uuid.uuid4().hex
        data = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{path.name}\"\r\n"
                f"Content-Type: application/gzip\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
    else:
        content_type = "application/gzip"
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": content_type, "Content-Length": str(len(data))})
    context = ssl.create_default_context(cafile=ca_file or None) if url.lower().startswith("https") else None
    try:
        with urllib.request.urlopen(request, timeout=timeout_s, context=context) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        if exc.code in _DENIED_HTTP:
            raise UploadError(UploadStatus.PERMISSION_DENIED, f"HTTP {exc.code}") from None
        if exc.code in _UNSUPPORTED_HTTP:
            raise UploadError(UploadStatus.NOT_SUPPORTED_OPERATION, f"HTTP {exc.code}") from None
        raise UploadError(UploadStatus.UPLOAD_FAILURE, f"HTTP {exc.code}", retryable=True) from None
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        raise UploadError(UploadStatus.UPLOAD_FAILURE, f"{type(exc).__name__}: {exc}", retryable=True) from None


def _ftp(path: Path, url: str, timeout_s: float) -> None:
    parts = urlsplit(url)
    user = unquote(parts.username) if parts.username else "anonymous"
    password = unquote(parts.password) if parts.password else ("anonymous@" if user == "anonymous" else "")
    directory, _, name = unquote(parts.path).rpartition("/")
    try:
        with ftplib.FTP(timeout=timeout_s) as ftp:
            ftp.connect(parts.hostname or "", parts.port or 21)
            ftp.login(user, password)
            ftp.set_pasv(True)
            if directory:
                ftp.cwd(directory)
            with path.open("rb") as handle:
                ftp.storbinary(f"STOR {name or path.name}", handle)
    except ftplib.error_perm as exc:
        code = str(exc)[:3]
        if code in _DENIED_FTP:
            raise UploadError(UploadStatus.PERMISSION_DENIED, f"FTP {exc}") from None
        if code in _UNSUPPORTED_FTP:
            raise UploadError(UploadStatus.NOT_SUPPORTED_OPERATION, f"FTP {exc}") from None
        raise UploadError(UploadStatus.UPLOAD_FAILURE, f"FTP {exc}") from None
    except (ftplib.Error, OSError, EOFError) as exc:
        raise UploadError(UploadStatus.UPLOAD_FAILURE, f"{type(exc).__name__}: {exc}", retryable=True) from None
