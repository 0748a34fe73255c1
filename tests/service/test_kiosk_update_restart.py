"""The kiosk ends with the launcher's EXIT_RESTART once the update engine has begun the trial
of an installed version (the real offscreen :class:`hmi.desktop.DesktopKiosk`): the launcher
then starts the new version.  The headless process's path is the end-to-end update test's
(``tests/release/test_update_end_to_end.py``)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from controller.config import Config
from controller.release.launcher import EXIT_RESTART
from hmi.desktop import DesktopKiosk

WAIT_MS = 30_000


def test_an_installed_update_ends_the_kiosk_with_exit_restart(qapp: QApplication, qtbot: QtBot) -> None:
    config = Config().with_overrides(station={"version": "J0U"}, storage={"path": ":memory:"},
                                     can={"channel": "kiosk-update-restart"}, simulation={"boot_time_factor": 0.2})
    desk = DesktopKiosk(config, kiosk_mode=True, size=(1024, 600))
    try:
        qtbot.waitUntil(lambda: desk.runtime is not None and desk.runtime.assembly is not None, timeout=WAIT_MS)
    except BaseException:
        desk.close()
        raise
    assembly = desk.runtime.assembly
    assert assembly is not None and assembly.software_restart is not None, "the runtime hands the engine its exit"
    assembly.software_restart()  # what the update engine calls once the new version's trial has begun
    assert desk.run() == EXIT_RESTART  # the event loop ends at the kiosk's next watchdog tick, the controller stopped
    assert desk.runtime.stalled_for() == float("inf"), "the controller's thread has ended (its readings saved)"
