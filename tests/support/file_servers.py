"""File servers on loopback for the update and log tests: HTTP(S) and FTP.

:class:`HttpFileServer` serves a directory on GET and stores what is PUT or POSTed
(multipart/form-data: the first file part) into its upload directory.  It can refuse every
request with a status (``refuse(403)``), fail the next N (``fail_next(2)``: 503), hold a
download in the middle (``hold(bytes)`` until ``release()``) and resume one (``Range:
bytes=N-``), and it logs each request before it answers it (a client that has read the
answer finds it logged).  :class:`FtpFileServer` is pyftpdlib with one user; a read-only
user makes every upload fail (``read_only=True``).  Both run on a thread of their own and are
context managers.
"""

from __future__ import annotations

import email.parser
import email.policy
import http.server
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit


@dataclass(frozen=True)
class Request:
    """One request the HTTP server answered: method, path and the status it gave."""

    method: str
    path: str
    status: int


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: _Server

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        server: _Server = args[2]  # (request, client_address, server)
        super().__init__(*args, directory=str(server.owner.serve_dir), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _refused(self) -> bool:
        status = self.server.owner.take_failure()
        if status is None:
            return False
        self.server.owner.note(self.command, self.path, status)  # before the answer: a client that
        self.send_error(status)  # has read it may look at the log at once
        return True

    def do_GET(self) -> None:
        if self._refused():
            return
        path = Path(self.translate_path(self.path))
        wanted = self.headers.get("Range", "")
        if path.is_file() and wanted.startswith("bytes=") and wanted.endswith("-"):
            self._send_from(path, int(wanted[len("bytes="):-1]))
            return
        self.server.owner.note("GET", self.path, 200 if path.is_file() else 404)
        super().do_GET()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        """The body of a whole-file GET; held after ``hold()``'s bytes until ``release()``."""
        held = self.server.owner.held_after
        if held is not None:
            outputfile.write(source.read(held))
            outputfile.flush()
            self.server.owner.holding.set()
            self.server.owner.released.wait(timeout=300)
        super().copyfile(source, outputfile)

    def _send_from(self, path: Path, start: int) -> None:
        """A ``Range: bytes=N-`` request (resuming a download): 206 with the rest, or 416."""
        data = path.read_bytes()
        if start >= len(data):
            self.server.owner.note("GET", self.path, 416)
            self.send_error(416)
            return
        self.server.owner.note("GET", self.path, 206)
        self.send_response(206)
        self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        self.wfile.write(data[start:])

    def do_PUT(self) -> None:
        if self._refused():
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._store(Path(unquote(urlsplit(self.path).path)).name or "upload", body)

    def do_POST(self) -> None:
        if self._refused():
            return
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + self.headers.get("Content-Type", "").encode() + b"\r\n\r\n" + body)
        for part in message.iter_parts() if message.is_multipart() else ():
            if part.get_filename():
                self._store(part.get_filename(), part.get_payload(decode=True))
                return
        self.server.owner.note("POST", self.path, 400)
        self.send_error(400, "no file part")

    def _store(self, name: str, body: bytes) -> None:
        (self.server.owner.upload_dir / Path(name).name).write_bytes(body)
        self.server.owner.note(self.command, self.path, 201)
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.end_headers()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    owner: HttpFileServer


class HttpFileServer:
    """HTTP (or HTTPS with ``tls=(certfile, keyfile)``) on 127.0.0.1, a free port."""

    def __init__(self, serve_dir: Path, upload_dir: Path, tls: tuple[Path, Path] | None = None) -> None:
        self.serve_dir, self.upload_dir = Path(serve_dir), Path(upload_dir)
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._refuse_status: int | None = None
        self._failures: list[int] = []
        self.held_after: int | None = None
        self.holding, self.released = threading.Event(), threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self.scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*map(str, tls))
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
            self.scheme = "https"
        self._thread = threading.Thread(target=self._server.serve_forever, name="http-files", daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def url(self, path: str = "") -> str:
        """The address of ``path`` on this server."""
        return f"{self.scheme}://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def refuse(self, status: int | None) -> None:
        """Answer every request with ``status`` from now on (None: serve again)."""
        with self._lock:
            self._refuse_status = status

    def hold(self, after_bytes: int) -> None:
        """From now on a whole-file GET stops after ``after_bytes`` (``holding`` is then set) until
        :meth:`release`: a download caught in the middle, for as long as a test needs."""
        self.held_after = after_bytes

    def release(self) -> None:
        """Let held downloads go on, and hold no more."""
        self.held_after = None
        self.released.set()

    def fail_next(self, count: int, status: int = 503) -> None:
        """Answer the next ``count`` requests with ``status``."""
        with self._lock:
            self._failures.extend([status] * count)

    def take_failure(self) -> int | None:
        with self._lock:
            if self._failures:
                return self._failures.pop(0)
            return self._refuse_status

    def note(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.requests.append(Request(method, path, status))

    def __enter__(self) -> HttpFileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)


class FtpFileServer:
    """An FTP server on 127.0.0.1 (pyftpdlib) with one user whose home is ``home``."""

    USER, PASSWORD = "evse", "ftp-test-secret"

    def __init__(self, home: Path, read_only: bool = False) -> None:
        from pyftpdlib.authorizers import DummyAuthorizer
        from pyftpdlib.handlers import FTPHandler
        from pyftpdlib.servers import ThreadedFTPServer

        self.home = Path(home)
        self.home.mkdir(parents=True, exist_ok=True)
        authorizer = DummyAuthorizer()
        authorizer.add_user(self.USER, self.PASSWORD, str(self.home), perm="elr" if read_only else "elradfmwMT")
        handler = type("Handler", (FTPHandler,), {"authorizer": authorizer, "banner": "test ftp",
                                                  "passive_ports": None})
        handler.log_prefix = ""
        self._server = ThreadedFTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"handle_exit": False},
                                        name="ftp-files", daemon=True)

    @property
    def port(self) -> int:
        return self._server.address[1]

    def url(self, path: str = "", user: bool = True) -> str:
        """The address of ``path``, with the user's credentials in it unless ``user`` is False."""
        credentials = f"{self.USER}:{self.PASSWORD}@" if user else ""
        return f"ftp://{credentials}127.0.0.1:{self.port}/{path.lstrip('/')}"

    def __enter__(self) -> FtpFileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.close_all()
        self._thread.join(timeout=10)
