"""systemd's notification protocol (sd_notify(3)): one datagram to ``$NOTIFY_SOCKET``.

The protocol is a few newline-separated ``KEY=VALUE`` fields in one datagram on a Unix
socket whose path systemd puts in ``NOTIFY_SOCKET`` (a leading ``@`` means Linux's abstract
namespace). That is all it is, so the standard library does it and no library (python-systemd,
sdnotify) is needed. Outside systemd (no ``NOTIFY_SOCKET``) every call is a no-op.

A notification never raises: a lost datagram must not stop a charger. It is logged, and the
call returns False.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)

#: The environment systemd sets for a ``Type=notify`` service (and for ``WatchdogSec=``).
NOTIFY_SOCKET = "NOTIFY_SOCKET"
WATCHDOG_USEC = "WATCHDOG_USEC"
WATCHDOG_PID = "WATCHDOG_PID"
#: Set by the release launcher (controller/release/launcher.py) for the program it runs: the
#: launcher is the service's main process, systemd's WATCHDOG_PID names it, and it hands the
#: watchdog to its child (the unit has NotifyAccess=all).
LAUNCHED_BY = "EVSE_RELEASE_ROOT"


def notify(*fields: str) -> bool:
    """Send ``fields`` (``"READY=1"``, ``"STATUS=..."``) in one datagram; False when there is no
    socket to send to or the send failed."""
    address = _address()
    if address is None or not fields:
        return False
    payload = "\n".join(fields).encode("utf-8")
    import socket  # only under systemd: the kiosk's start-up before its first frame does without it

    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(payload, address)
    except OSError as exc:
        log.warning("sd_notify to %r failed: %s", os.environ.get(NOTIFY_SOCKET), exc)
        return False
    return True


def ready(status_text: str | None = None) -> bool:
    """Start-up is done (``READY=1``), with a ``STATUS=`` line when given."""
    return notify("READY=1", *([_status_field(status_text)] if status_text is not None else []))


def status(text: str) -> bool:
    """What the service is doing now, one line (``systemctl status`` shows it)."""
    return notify(_status_field(text))


def stopping() -> bool:
    """The service is beginning a clean shutdown (``STOPPING=1``)."""
    return notify("STOPPING=1")


def watchdog() -> bool:
    """Keep-alive for ``WatchdogSec=`` (``WATCHDOG=1``)."""
    return notify("WATCHDOG=1")


def watchdog_interval() -> float | None:
    """The watchdog period in seconds (``WATCHDOG_USEC``), or None when this process is not
    asked to ping: no ``WatchdogSec=``, or ``WATCHDOG_PID`` names another process (as in
    sd_watchdog_enabled(3): the variables were meant for someone else and leaked to us).
    One exception: under the release launcher (``EVSE_RELEASE_ROOT`` set) ``WATCHDOG_PID``
    names the launcher, our parent, which hands its watchdog to us."""
    try:
        usec = int(os.environ.get(WATCHDOG_USEC, ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid = os.environ.get(WATCHDOG_PID)
    if pid:
        try:
            if int(pid) != os.getpid() and not (LAUNCHED_BY in os.environ and int(pid) == os.getppid()):
                return None
        except ValueError:
            return None
    return usec / 1_000_000


def _status_field(text: str) -> str:
    return "STATUS=" + " ".join(text.split())  # one line: a newline would start another field


def _address() -> str | bytes | None:
    path = os.environ.get(NOTIFY_SOCKET, "")
    if not path:
        return None
    if path.startswith("@"):
        return b"\0" + path[1:].encode("utf-8")  # the abstract namespace
    if not path.startswith("/"):
        log.warning("NOTIFY_SOCKET=%r is neither a path nor an abstract name: not notifying", path)
        return None
    return path
