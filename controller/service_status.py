"""What the charger tells systemd: ``READY=1`` once its self-test ended, and a ``STATUS=`` line
saying what it is doing (``systemctl status evse-hmi`` shows it).

:class:`ServiceNotifier` is fed the station's snapshots (on the controller thread) and sends a
status line only when it changes. The headless process sends READY from the first snapshot
after the self-test; the kiosk sends it itself once that snapshot is on screen (both threads
then proved alive), through :meth:`ServiceNotifier.ready`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from controller import sd_notify
from controller.view import StationPhase, StationView

#: The connectors' names in the status line, in the station's order.
SIDE_NAMES = ("left", "right")


def status_text(view: StationView) -> str:
    """One line: the phase, each connector's state, the central system's link, the codes in force."""
    if view.phase is StationPhase.INITIALIZING:
        return f"Self-test: {view.init_step or 'starting'} ({round(view.init_progress * 100)} %)"
    connectors = ", ".join(f"{SIDE_NAMES[i] if i < len(SIDE_NAMES) else i} {c.state}"
                           for i, c in enumerate(view.connectors))
    parts = [f"{'Updating the software' if view.software_update else 'Ready'}: {connectors}"]
    if view.backend_configured:
        parts.append("central system " + ("online" if view.online else f"offline {view.backend_code}".strip()))
    if view.codes:
        parts.append("codes " + " ".join(code.code for code in view.codes[:5]))
    return "; ".join(parts)


class ServiceNotifier:
    """``STATUS=`` on every change of :func:`status_text`, ``READY=1`` once."""

    def __init__(self, ready_after_self_test: bool = True,
                 notify: Callable[..., bool] = sd_notify.notify) -> None:
        self.ready_after_self_test = ready_after_self_test  # False: the caller calls ready() itself
        self._notify = notify
        self._lock = threading.Lock()  # views come on the controller thread, ready() on another
        self._last_status = ""
        self.is_ready = False

    def view(self, view: StationView) -> None:
        """A snapshot (a runtime listener): the status line when it changed, READY after the self-test."""
        text = status_text(view)
        with self._lock:
            if text != self._last_status:
                self._last_status = text
                self._notify(f"STATUS={text}")
        if self.ready_after_self_test and view.phase is not StationPhase.INITIALIZING:
            self.ready()

    def ready(self) -> None:
        """``READY=1`` with the current status line; only the first call sends."""
        with self._lock:
            if self.is_ready:
                return
            self.is_ready = True
            self._notify("READY=1", f"STATUS={self._last_status}" if self._last_status else "STATUS=Ready")

    def stopping(self) -> None:
        """``STOPPING=1`` at the start of a clean shutdown."""
        self._notify("STOPPING=1", "STATUS=Stopping")
