"""Building the Qt Quick scene: fonts, translations, view-model singletons, QR provider, the Evse module."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from hmi.i18n import LATIN_FAMILY, Translations, register_fonts
from hmi.qr_provider import install as install_qr_provider
from hmi.viewmodel import Kiosk

if TYPE_CHECKING:
    from hmi.simulator_panel import SimulatorControl  # the demo's panel: not imported by the kiosk

REPO = Path(__file__).resolve().parent.parent
QML_IMPORT_PATH = REPO / "qml"
DESIGN_SIZE = (1024, 600)


def load_fonts(app: QGuiApplication) -> None:
    """Register the shipped fonts (Inter, the CJK subsets) and make Inter the application font."""
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    register_fonts()
    app.setFont(QFont(LATIN_FAMILY))


class Scene:
    """The QML engine with the kiosk (and optionally the simulator panel) loaded."""

    def __init__(self, kiosk: Kiosk, simulator: SimulatorControl | None = None) -> None:
        Kiosk.install(kiosk)
        if simulator is not None:
            type(simulator).install(simulator)
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(QML_IMPORT_PATH))
        self.translations = Translations(self.engine)
        self._qr = install_qr_provider(self.engine)
        self.window = self._load("Main")
        self.panel = self._load("SimulatorPanel") if simulator is not None else None

    def dispose(self) -> None:
        """Destroy the windows and the engine now, while the application object still exists
        (left to interpreter shutdown, PySide may destroy them in an order that crashes)."""
        for window in (self.window, self.panel):
            if window is not None:
                window.close()
        self.translations.close()
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def _load(self, name: str) -> QQuickWindow:
        before = len(self.engine.rootObjects())
        self.engine.loadFromModule("Evse", name)
        roots = self.engine.rootObjects()
        if len(roots) == before:
            raise RuntimeError(f"the QML module Evse failed to load {name} (see the QML errors above)")
        window = roots[-1]
        if not isinstance(window, QQuickWindow):
            raise RuntimeError(f"{name}.qml is not a Window")
        return window
