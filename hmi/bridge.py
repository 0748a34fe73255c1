"""Qt side of the hand-off: station snapshots in (any thread), view-model updates out.

The controller calls :meth:`KioskBridge.push` from its own thread; a queued signal
carries the snapshot to the GUI thread, where it is presented into the ``Kiosk``
and ``ConnectorViewModel`` objects QML binds to.  Intents from QML go the other
way through ``send_command`` (which must return at once).

The snapshot names the language to show (the driver's choice or the station default).
When it changes, the bridge switches the ``QTranslator`` (QML re-translates) and the
Babel formatter before presenting, so every text, QML's and Python's, follows at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from controller.commands import Command
from controller.view import StationView
from hmi.format import Formatter
from hmi.i18n import Translations
from hmi.presenter import connector_values, kiosk_values, stalled_values
from hmi.viewmodel import ConnectorViewModel, Kiosk, ShowStatusPage

CommandSender = Callable[[Command], object]


class KioskBridge(QObject):
    """Keeps the kiosk view model in step with the latest station snapshot."""

    viewArrived = Signal(object)
    presented = Signal(str)  # the screen (hmi.screens.Screen's value) after each presentation

    def __init__(self, kiosk: Kiosk, formatter: Formatter, send_command: CommandSender,
                 translations: Translations | None = None) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.formatter = formatter
        self.translations = translations
        self._send_command = send_command
        self._status_index = 0
        self._view: StationView | None = None
        self._stalled = False  # the controller stopped cycling: see set_controller_stalled
        kiosk.set_sink(self._on_intent)
        self.viewArrived.connect(self.present, Qt.ConnectionType.QueuedConnection)

    def push(self, view: StationView) -> None:
        """Hand a snapshot over from any thread."""
        self.viewArrived.emit(view)

    @property
    def view(self) -> StationView | None:
        return self._view

    @property
    def stalled(self) -> bool:
        return self._stalled

    def set_controller_stalled(self, stalled: bool) -> None:
        """The controller stopped cycling (or came back): Out of service instead of numbers
        that no longer move; the latest snapshot again once it is back (GUI thread)."""
        if stalled == self._stalled:
            return
        self._stalled = stalled
        if stalled:
            self.kiosk.set_values(stalled_values(self.kiosk.values))
            self.presented.emit(self.kiosk.values.screen.value)
        elif self._view is not None:
            self.present(self._view)

    @Slot(object)
    def present(self, view: StationView) -> None:
        """Update the view model from ``view`` (GUI thread)."""
        if self._stalled:
            self._view = view  # shown when the controller is back
            return
        models = self._connector_models()
        replaced: list[ConnectorViewModel] | None = None
        if len(models) != len(view.connectors):
            models = replaced = [ConnectorViewModel() for _ in view.connectors]
        previous = self._view
        self._view = view
        self._use_language(view.language, view.utc_offset_minutes)
        if previous is None or previous.focused != view.focused or previous.codes != view.codes \
                or previous.display.home_returns != view.display.home_returns:
            self._status_index = 0
        for model, connector in zip(models, view.connectors, strict=True):
            model.set_values(connector_values(connector, view, self.formatter))
        values = kiosk_values(view, self.formatter, self._status_index)
        self._status_index = values.statusIndex
        self.kiosk.show(values, replaced)
        self.presented.emit(values.screen.value)

    def _use_language(self, tag: str, utc_offset_minutes: int | None) -> None:
        if self.translations is not None:
            self.translations.activate(tag)
        if self.formatter.language != tag or self.formatter.utc_offset_minutes != utc_offset_minutes:
            self.formatter = Formatter(tag, self.formatter.time_zone, utc_offset_minutes)

    def _connector_models(self) -> list[ConnectorViewModel]:
        return list(self.kiosk.property("connectors") or [])

    def _on_intent(self, command: Command | ShowStatusPage) -> None:
        if isinstance(command, ShowStatusPage):
            self._status_index = command.index
            if self._view is not None:
                self.present(self._view)
            return
        self._send_command(command)
