"""Building the Qt Quick scene: fonts, translations, view-model singletons, QR provider, the Evse module.

Start-up order matters (README, "Where the start-up time goes"): only what the first
frame needs is imported here at module level, and ``Main.qml`` compiles without its
screens. Once the first frame is on screen, :meth:`Scene.preload` lets ``Main.qml``
create Home in the background.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from hmi.i18n import LATIN_FAMILY, Translations, register_fonts
from hmi.touch import OneFinger
from hmi.viewmodel import Kiosk

if TYPE_CHECKING:
    from PySide6.QtQuick import QQuickImageProvider

    from hmi.simulator_panel import SimulatorControl  # the demo's panel: not imported by the kiosk

REPO = Path(__file__).resolve().parent.parent
QML_IMPORT_PATH = REPO / "qml"
DESIGN_SIZE = (1024, 600)


def load_fonts(app: QGuiApplication, first_frame: bool | None = None) -> None:
    """Register the shipped fonts (``first_frame`` True: only those the kiosk's first frame
    draws with, see :func:`hmi.i18n.register_fonts`) and make Inter the application font."""
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")
    register_fonts(first_frame)
    app.setFont(QFont(LATIN_FAMILY))


class Scene:
    """The QML engine with the kiosk window loaded (and the simulator panel, given one now
    or later with :meth:`load_panel`)."""

    def __init__(self, kiosk: Kiosk, simulator: SimulatorControl | None = None, qr_codes: bool = True) -> None:
        """``qr_codes=False`` leaves the ``image://qr`` provider to :meth:`install_qr_provider`
        (the kiosk installs it after its first frame, which shows no QR code)."""
        Kiosk.install(kiosk)
        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(QML_IMPORT_PATH))
        self.translations = Translations(self.engine)
        self._qr: QQuickImageProvider | None = None
        if qr_codes:
            self.install_qr_provider()
        self.window = self._load("Main")
        # a second finger cancels the touch (hmi/touch.py); the refused touch still wakes a
        # dimmed screen, as any touch does (display power), and acts on nothing
        self.touch = OneFinger(self.window, on_refused=kiosk.wakeDisplay)
        self.panel: QQuickWindow | None = None
        if simulator is not None:
            self.load_panel(simulator)

    def install_qr_provider(self) -> None:
        """Draw ``image://qr/...`` URLs (:mod:`hmi.qr_provider`); before any screen shows one."""
        from hmi.qr_provider import install

        self._qr = install(self.engine)

    def preload(self) -> None:
        """Create Home in the background (call it once the first frame is on screen). Without
        it, and for every other screen, a screen is created when it is first shown."""
        self.window.setProperty("preload", True)

    def load_panel(self, simulator: SimulatorControl) -> QQuickWindow:
        """The presenter's simulator panel, a second window, showing ``simulator``."""
        type(simulator).install(simulator)
        self.panel = self._load("SimulatorPanel")
        return self.panel

    def dispose(self) -> None:
        """Destroy the windows and the engine now, while the application object still exists
        (left to interpreter shutdown, PySide may destroy them in an order that crashes)."""
        from PySide6.QtCore import QCoreApplication, QEvent

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
