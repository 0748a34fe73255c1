"""One finger at a time: a second finger on the kiosk's touch screen cancels the touch.

Qt Quick gives each finger to the control under it, so two fingers on Stop and Cancel
would press both. A charger's screen is pressed by one driver with one finger: as soon as
a touch holds two points or more, every control the touch reached is cancelled (a pressed
button lets go without acting) and the rest of that touch, until the last finger is
lifted, reaches nothing. Nothing is synthesised into mouse events either. A single
finger, and the mouse of the desktop demo, pass untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF
from PySide6.QtGui import QEventPoint, QTouchEvent, QWindow
from PySide6.QtQuick import QQuickItem

#: Where the cancelled fingers are lifted: outside any window.
FAR_AWAY = QPointF(-1e6, -1e6)
_TOUCH = {QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}


class OneFinger(QObject):
    """Event filter on the kiosk window that turns any multi-finger touch into nothing."""

    def __init__(self, window: QWindow, on_refused: Callable[[], object] | None = None) -> None:
        """``on_refused()`` is called for each touch refused (display power: a touch, even with
        two fingers, wakes the screen; it just presses nothing)."""
        super().__init__(window)  # owned by the window: lives exactly as long as it does
        self._window = window
        self.on_refused = on_refused
        self._refused = False  # inside a touch that had two fingers: until all are lifted
        self._cancelling = False
        self.refused_touches = 0  # how many touches were refused (for tests and the log)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _TOUCH or self._cancelling or not isinstance(event, QTouchEvent):
            return False
        if self._refused:
            if kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
                self._refused = False
            return self._swallow(event)
        if len(event.points()) < 2:
            return False
        self.refused_touches += 1
        self._refused = kind not in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)
        self._cancel(event)
        if self.on_refused is not None:
            self.on_refused()
        return self._swallow(event)

    def _cancel(self, event: QTouchEvent) -> None:
        """Let go of every grab the touch made so far, so the controls it pressed let go without
        acting: an item holding a finger (a MouseArea) is ungrabbed (it cancels), then each
        finger slides far outside the window and is lifted there (a TapHandler lets go).

        (A Qt ``TouchCancel`` would be the natural way, but Qt cancels only exclusive grabs
        with it, and a TapHandler holds a passive one: it would stay pressed and tap on release.
        A MouseArea, fed mouse events made from the synthetic points, would see them at 0,0.)"""
        for point in event.points():
            grabber = event.exclusiveGrabber(point)
            if isinstance(grabber, QQuickItem):
                grabber.ungrabMouse()
                grabber.ungrabTouchPoints()
        device, modifiers = event.pointingDevice(), event.modifiers()
        self._cancelling = True
        try:
            for kind, state in ((QEvent.Type.TouchUpdate, QEventPoint.State.Updated),
                                (QEvent.Type.TouchEnd, QEventPoint.State.Released)):
                points = [QEventPoint(point.id(), state, FAR_AWAY, FAR_AWAY) for point in event.points()]
                QCoreApplication.sendEvent(self._window, QTouchEvent(kind, device, modifiers, points))
        finally:
            self._cancelling = False

    @staticmethod
    def _swallow(event: QEvent) -> bool:
        event.accept()  # accepted: Qt synthesises no mouse events from it
        return True
