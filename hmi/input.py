"""Desktop keys for the two physical buttons under the kiosk screen.

| Key                      | Button                             |
|--------------------------|------------------------------------|
| Left arrow, F1, Escape   | left button: Home / Stop charge    |
| Right arrow, F2, Tab     | right button: select connector     |

Held for :data:`~controller.buttons.READ_ALOUD_HOLD_S`, a right key reads the screen aloud
(or stops the voice), as the physical right button does: its press moves the focus at once,
and the hold brings the focus back before the screen is read.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent

from controller.buttons import READ_ALOUD_HOLD_S
from controller.commands import PressLeft, PressRight, ReadAloud
from controller.types import Side

LEFT_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_F1, Qt.Key.Key_Escape})
RIGHT_KEYS = frozenset({Qt.Key.Key_Right, Qt.Key.Key_F2, Qt.Key.Key_Tab})


class ButtonKeys(QObject):
    """Event filter turning key presses into left/right button intents."""

    def __init__(self, press: Callable[[PressLeft | PressRight | ReadAloud], object], window: QObject,
                 focus: Callable[[], Side | None] = lambda: None) -> None:
        super().__init__(window)  # owned by the window: lives exactly as long as it does
        self._press = press
        self._focus = focus  # the connector in front now (the hold brings it back)
        self._focus_at_press: Side | None = None
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(round(READ_ALOUD_HOLD_S * 1000))
        self._hold.timeout.connect(lambda: self._press(ReadAloud(self._focus_at_press)))
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.isAutoRepeat():
            return False
        key = Qt.Key(event.key())
        if event.type() == QEvent.Type.KeyRelease:
            if key in RIGHT_KEYS:
                self._hold.stop()
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        if key in LEFT_KEYS:
            self._press(PressLeft())
            return True
        if key in RIGHT_KEYS:
            self._focus_at_press = self._focus()
            self._press(PressRight())
            self._hold.start()
            return True
        return False
