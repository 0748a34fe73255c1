"""The yardstick for start-up and memory: a bare QML window with one line of text, nothing else.

Prints the monotonic time of its first rendered frame and exits; with ``--stay`` it stays
open (``make bench`` reads its memory like the kiosk's, then terminates it).
"""

from __future__ import annotations

import sys
import time

from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

QML = b"""
import QtQuick
Window {
    width: 1024; height: 600; visible: true; color: "#101418"
    Text { anchors.centerIn: parent; text: "Charging station"; color: "white"; font.pixelSize: 48 }
}
"""


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.loadData(QML)
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)

    def on_frame() -> None:
        print(f"first frame at monotonic {time.monotonic():.6f}", flush=True)
        window.frameSwapped.disconnect(on_frame)
        if "--stay" not in sys.argv:
            app.quit()

    window.frameSwapped.connect(on_frame)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
