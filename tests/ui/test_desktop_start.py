"""The desktop kiosk starts its controller once, after the first frame.

With a threaded render loop (a real GL display) ``frameSwapped`` comes from the render
thread, queued, and a second frame can be queued before the first is handled: the demo
then started two controllers, each booting with the central system.  Here two frames are
queued the same way before the GUI thread handles either.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from controller.config import Config
from controller.sim import panel
from hmi.desktop import DesktopKiosk
from hmi.screens import Screen


def test_two_queued_first_frames_start_one_controller(qapp: QApplication, qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    real_build = panel.build_runtime

    def counting_build(*args: object, **kwargs: object) -> object:
        built.append(args)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(panel, "build_runtime", counting_build)
    config = Config().with_overrides(station={"version": "J0U"}, simulation={"boot_time_factor": 0.0})
    desk = DesktopKiosk(config, kiosk_mode=True, size=(1024, 600))
    try:
        window = desk.scene.window
        render_thread = threading.Thread(target=lambda: (window.frameSwapped.emit(), window.frameSwapped.emit()))
        render_thread.start()  # as the render thread does: two frames before the GUI thread runs
        render_thread.join()
        qtbot.waitUntil(lambda: desk.kiosk.value("screen") == Screen.HOME, timeout=20_000)
        assert len(built) == 1, "one controller, however many frames were queued"
    finally:
        desk.close()
