"""Desktop keys for the two physical buttons under the kiosk screen.

| Key                      | Button                             |
|--------------------------|------------------------------------|
| Left arrow, F1, Escape   | left button: Home / Stop charge    |
| Right arrow, F2, Tab     | right button: select connector     |
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from controller.commands import PressLeft, PressRight

LEFT_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_F1, Qt.Key.Key_Escape})
RIGHT_KEYS = frozenset({Qt.Key.Key_Right, Qt.Key.Key_F2, Qt.Key.Key_Tab})


class ButtonKeys(QObject):
    """Event filter turning key presses into left/right button intents."""

    def __init__(self, press: Callable[[PressLeft | PressRight], object], window: QObject) -> None:
        super().__init__(window)  # owned by the window: lives exactly as long as it does
        self._press = press
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.isAutoRepeat():
            return False
        key = Qt.Key(event.key())
        if key in LEFT_KEYS:
            self._press(PressLeft())
            return True
        if key in RIGHT_KEYS:
            self._press(PressRight())
            return True
        return False
