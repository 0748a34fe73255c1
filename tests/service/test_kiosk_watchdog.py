"""The kiosk (the real offscreen :class:`hmi.desktop.DesktopKiosk`, controller thread and all)
under systemd's notification protocol: READY=1 once Home follows the self-test, WATCHDOG=1
while both its threads live, none while its GUI thread is blocked (the controller still
cycling), pings again once the GUI thread runs, and STOPPING=1 when SIGTERM ends it.

The test's own thread is the kiosk's GUI thread: waiting on the notification socket without
processing Qt events is what blocks it (the socket's listener has a thread of its own)."""

from __future__ import annotations

import os
import signal
import time

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from controller.config import Config
from hmi.desktop import DesktopKiosk
from hmi.screens import Screen
from tests.service.notify_listener import NotifyListener

#: systemd's WatchdogSec for the test: pings every second; a thread silent for 2 s is hung.
WATCHDOG_S = 2.0
WAIT_MS = 30_000


def test_a_blocked_gui_thread_stops_the_pings(qapp: QApplication, qtbot: QtBot, listener: NotifyListener,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", listener.address)
    monkeypatch.setenv("WATCHDOG_USEC", str(int(WATCHDOG_S * 1e6)))
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    config = Config().with_overrides(station={"version": "J0U"}, storage={"path": ":memory:"},
                                     can={"channel": "kiosk-sd-watchdog"}, simulation={"boot_time_factor": 0.2})
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    desk = DesktopKiosk(config, kiosk_mode=True, size=(1024, 600))
    try:
        qtbot.waitUntil(lambda: bool(listener.with_field("READY", "1")), timeout=WAIT_MS)
        assert desk.kiosk.value("screen") == Screen.HOME
        statuses = [n.fields["STATUS"] for n in listener.with_field("STATUS")]
        assert statuses[0].startswith("Self-test"), statuses
        qtbot.waitUntil(lambda: len(listener.pings()) >= 3, timeout=WAIT_MS)

        blocked_at = time.monotonic()  # from here no Qt event runs until the pings have stopped
        listener.wait_for(lambda: listener.silent_for(WATCHDOG_S + 1.0), "the pings to stop", timeout=20,
                          check_every=0.1)
        assert desk.pinger.hung() == ("the GUI thread",), "the controller cycled all along"
        late = [round(n.at - blocked_at, 2) for n in listener.pings(since=blocked_at)]
        assert all(delay <= WATCHDOG_S + 1.0 for delay in late), f"pinged {late} s into the block"

        resumed_at = time.monotonic()
        qtbot.waitUntil(lambda: len(listener.pings(since=resumed_at)) >= 2, timeout=WAIT_MS)
        assert not listener.with_field("STOPPING")
        os.kill(os.getpid(), signal.SIGTERM)  # systemctl stop: the kiosk's handler quits the application
        qtbot.waitUntil(lambda: desk.stop_signalled, timeout=WAIT_MS)
    finally:
        desk.close()
        for number, handler in handlers.items():
            signal.signal(number, handler)
    assert listener.with_field("STOPPING", "1"), "STOPPING=1 when SIGTERM ends the kiosk"
