"""systemd's side of the notification protocol, for the tests: a real ``AF_UNIX``/``SOCK_DGRAM``
socket bound in a temporary directory (or in the abstract namespace), every datagram kept with
the time it arrived. A thread of its own receives them, so a test whose own thread is blocked
(the kiosk's GUI thread, in the GUI watchdog test) still hears every ping."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Notification:
    at: float  # time.monotonic() when it arrived
    fields: dict[str, str]


class NotifyListener:
    """Bound at ``path`` (or ``@name``: the abstract namespace); ``environment`` points a child at it."""

    def __init__(self, path: Path | str) -> None:
        self.address = str(path)
        bind_to = "\0" + self.address[1:] if self.address.startswith("@") else self.address
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._sock.bind(bind_to)
        self._sock.settimeout(0.2)
        self.received: list[Notification] = []
        self._changed = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._receive, name="notify-listener", daemon=True)
        self._thread.start()

    @property
    def environment(self) -> dict[str, str]:
        return {"NOTIFY_SOCKET": self.address}

    def _receive(self) -> None:
        while not self._closed:
            try:
                data = self._sock.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            fields = dict(line.split("=", 1) for line in data.decode("utf-8").split("\n") if "=" in line)
            with self._changed:
                self.received.append(Notification(time.monotonic(), fields))
                self._changed.notify_all()

    def with_field(self, key: str, value: str | None = None, since: float = 0.0) -> list[Notification]:
        """The notifications since ``since`` that carry ``key`` (with ``value``, when given)."""
        with self._changed:
            return [n for n in self.received if n.at >= since and key in n.fields
                    and (value is None or n.fields[key] == value)]

    def pings(self, since: float = 0.0) -> list[Notification]:
        return self.with_field("WATCHDOG", "1", since)

    def wait_for(self, condition: Callable[[], object], what: str, timeout: float = 30.0,
                 check_every: float | None = None) -> object:
        """Block until ``condition()`` is true (checked on every datagram, and every ``check_every``
        seconds for a condition on elapsed time); AssertionError at the deadline."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not (value := condition()):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {timeout} s waiting for {what}; got {self.received[-5:]}")
                self._changed.wait(min(left, check_every) if check_every else left)
            return value

    def silent_for(self, seconds: float, key: str = "WATCHDOG") -> bool:
        """No ``key`` field has arrived for ``seconds`` (counting from the latest, or from now if none)."""
        with self._changed:
            latest = max((n.at for n in self.received if key in n.fields), default=None)
        return latest is not None and time.monotonic() - latest >= seconds

    def close(self) -> None:
        self._closed = True
        self._thread.join(timeout=2)
        self._sock.close()
        if not self.address.startswith("@"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.address)
