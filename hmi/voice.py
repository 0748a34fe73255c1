"""The kiosk reads its screen aloud when the station asks (``StationView.read_aloud``): the right
button held, or the Home screen's control. The same request while it speaks stops it, and so
does a change of screen (what it was saying no longer holds).

It tells the kiosk whether there is a voice at all (``Kiosk.voiceAvailable``: the Home control is
hidden without eSpeak NG, the reason in the log) and whether it speaks now (``Kiosk.speaking``,
followed by polling the utterance's process while it lasts)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot

from hmi.bridge import KioskBridge
from hmi.speech import Speech
from hmi.speech_text import spoken_text

#: How often ``Kiosk.speaking`` is brought up to date while the voice speaks.
POLL_MS = 200


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
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._show_state)
        bridge.presented.connect(self._on_presented)
        self._show_state()

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
        self._show_state()

    @Slot()
    def _show_state(self) -> None:
        """Tell the kiosk whether the voice speaks; poll while it does (an utterance ends by itself)."""
        speaking = self.speech.speaking
        self.bridge.kiosk.set_voice(self.speech.available, speaking)
        if speaking and not self._poll.isActive():
            self._poll.start()
        elif not speaking:
            self._poll.stop()

    def close(self) -> None:
        """Stop speaking (the kiosk is going away)."""
        self.speech.stop()
        self._show_state()
