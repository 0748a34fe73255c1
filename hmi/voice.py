"""The kiosk reads its screen aloud when the station asks (``StationView.read_aloud``): the right
button held, or (later) the Home screen's control. The same request while it speaks stops it,
and so does a change of screen (what it was saying no longer holds)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from hmi.bridge import KioskBridge
from hmi.speech import Speech
from hmi.speech_text import spoken_text


class Voice(QObject):
    """Speaks the presented screen at each new read-aloud request of the station."""

    def __init__(self, bridge: KioskBridge, speech: Speech | None = None) -> None:
        super().__init__(bridge)
        self.bridge = bridge
        self.speech = speech if speech is not None else Speech()
        seen = bridge.view
        # the station's count when last seen (None: nothing seen yet; a request made before is not this voice's)
        self._requests: int | None = seen.read_aloud if seen is not None else None
        self._screen = bridge.kiosk.values.screen.value if seen is not None else ""
        bridge.presented.connect(self._on_presented)

    @Slot(str)
    def _on_presented(self, screen: str) -> None:
        view = self.bridge.view
        if view is None:
            return
        requested = self._requests is not None and view.read_aloud != self._requests
        if requested and self.speech.speaking:
            self.speech.stop()
        elif requested:
            text = spoken_text(view, self.bridge.formatter, self.bridge.kiosk.values.statusIndex)
            self.speech.speak(text, view.language)
        elif screen != self._screen and self.speech.speaking:
            self.speech.stop()
        self._requests, self._screen = view.read_aloud, screen

    def close(self) -> None:
        """Stop speaking (the kiosk is going away)."""
        self.speech.stop()
