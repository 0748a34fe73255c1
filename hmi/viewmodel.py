"""The view model QML binds to: plain display data, already formatted and translated.

QML never computes anything from these values beyond layout; every decision (which
screen, which colour, whether a method is enabled) is made in Python.  Each object's
properties are generated from one frozen dataclass (:mod:`hmi.values`): a property per
field, its default the field's.  Each object has a single ``changed`` notify signal that
fires once per coherent update.
"""

from __future__ import annotations

import dataclasses
import enum
import time
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import Property, QEnum, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton, QmlUncreatable

from controller.types import Side
from hmi.screens import Screen
from hmi.startup import LazyModule
from hmi.values import ConnectorValues, KioskValues, ViewValues, field_types

if TYPE_CHECKING:
    from controller import commands as cmd
else:  # imported by the first intent, not before the kiosk's first frame (start-up time)
    cmd = LazyModule("controller.commands")

#: A driver's touches on the awake screen are reported at most this often (a swipe is one report).
ACTIVITY_REPORT_S = 1.0

QML_IMPORT_NAME = "Evse"
QML_IMPORT_MAJOR_VERSION = 1

#: :class:`hmi.screens.Screen` as QML knows it: ``Kiosk.Screen.OutOfService`` (an int, as
#: every Qt enum; ``Kiosk.screen`` holds one).
QmlScreen = enum.IntEnum("Screen", {screen.qml_name: screen.qml_value for screen in Screen})


def qml_type(kind: Any) -> type | str:
    """The Qt property type of a value field of type ``kind``."""
    if kind is Screen:
        return int
    if typing.get_origin(kind) is tuple:
        return "QStringList" if typing.get_args(kind)[0] is str else "QVariantList"
    if kind in (str, int, float, bool):
        return kind
    raise TypeError(f"no Qt property type for {kind}")


def qml_value(value: Any) -> Any:
    """``value`` as QML gets it: a screen as its number, a tuple as a list, an item as a dict."""
    if isinstance(value, Screen):
        return value.qml_value
    if isinstance(value, tuple):
        return [qml_value(item) for item in value]
    if isinstance(value, ViewValues):
        return {field.name: qml_value(getattr(value, field.name)) for field in dataclasses.fields(value)}
    return value


class ValuesObject(QObject):
    """A view-model object whose properties are the fields of ``VALUES`` (a frozen dataclass).

    Subclasses declare ``changed = Signal()`` and ``VALUES``; the properties are added when
    the subclass is created.  :meth:`set_values` replaces all values at once and emits
    ``changed`` once when anything differs.
    """

    VALUES: ClassVar[type[ViewValues]]
    changed: ClassVar[Signal]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        values = cls.__dict__.get("VALUES")
        if values is None:
            return
        for name, kind in field_types(values).items():
            setattr(cls, name, Property(qml_type(kind), _getter(name), notify=cls.changed))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._values: Any = self.VALUES()
        self._qml: dict[str, Any] = _qml_values(self._values)

    @property
    def values(self) -> Any:
        """The current values (an instance of ``VALUES``)."""
        return self._values

    def set_values(self, values: ViewValues) -> bool:
        """Show ``values``; returns whether anything changed."""
        changed = self._store(values)
        if changed:
            self.changed.emit()
        return changed

    def _store(self, values: ViewValues) -> bool:
        """Take ``values`` without telling QML; returns whether anything changed."""
        if not isinstance(values, self.VALUES):
            raise TypeError(f"{type(self).__name__} shows {self.VALUES.__name__}, not {type(values).__name__}")
        if values == self._values:
            return False
        self._values = values
        self._qml = _qml_values(values)
        return True

    def update(self, **changes: Any) -> bool:
        """Change some values (the rest stay); returns whether anything changed."""
        return self.set_values(dataclasses.replace(self._values, **changes))

    def value(self, name: str) -> Any:
        """One current value, as Python holds it (a :class:`Screen`, a tuple ...)."""
        return getattr(self._values, name)


def _getter(name: str) -> Callable[[ValuesObject], Any]:
    return lambda self: self._qml[name]


def _qml_values(values: ViewValues) -> dict[str, Any]:
    return {field.name: qml_value(getattr(values, field.name)) for field in dataclasses.fields(values)}


@QmlElement
@QmlUncreatable("Connector view models are created by the application")
class ConnectorViewModel(ValuesObject):
    """What the screens show about one connector (the fields of :class:`ConnectorValues`)."""

    changed = Signal()
    VALUES = ConnectorValues


IntentSink = Callable[..., None]


@dataclass(frozen=True, slots=True)
class ShowStatusPage:
    """Page through several active status codes (the kiosk's own business, not the station's)."""

    index: int


class SingletonValues(ValuesObject):
    """A QML singleton whose instance the application creates and installs, and whose
    slots turn into ``sink(...)`` calls (intents or simulator actions)."""

    _instance: ClassVar[SingletonValues | None] = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink: IntentSink | None = None

    @classmethod
    def install(cls, instance: SingletonValues) -> None:
        """Make ``instance`` the object QML gets for this singleton."""
        cls._instance = instance

    @classmethod
    def current(cls) -> Any:
        """The installed instance (a fresh one when nobody installed any)."""
        if cls.__dict__.get("_instance") is None:
            cls._instance = cls()
        return cls._instance

    def set_sink(self, sink: IntentSink) -> None:
        """Route the slots' calls to ``sink``: the kiosk's a command (:mod:`controller.commands`),
        the simulator's ``(action, argument)``; it must return at once."""
        self._sink = sink

    def _emit(self, *message: Any) -> None:
        if self._sink is not None:
            self._sink(*message)


@QmlElement
@QmlSingleton
class Kiosk(SingletonValues):
    """The whole kiosk: which screen, station-wide texts (the fields of :class:`KioskValues`),
    the connectors, and the driver's intents."""

    Screen = QEnum(QmlScreen)
    changed = Signal()
    connectorsChanged = Signal()
    animatedChanged = Signal()
    voiceChanged = Signal()
    VALUES = KioskValues

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connectors: list[ConnectorViewModel] = []
        self._animated = True
        self._voice_available = False  # the kiosk's own voice (hmi.voice), not the station's business
        self._speaking = False
        self._activity_reported: float | None = None  # monotonic, for the throttle of screenTouched

    @staticmethod
    def create(engine: Any) -> Kiosk:
        """QML singleton factory: the application installs the instance first."""
        return Kiosk.current()

    def show(self, values: KioskValues, connectors: list[ConnectorViewModel] | None = None) -> bool:
        """Show ``values`` and, when given, a new list of ``connectors`` (their number changed),
        both before QML hears of either: ``focused`` never points past the list.  Returns
        whether anything changed."""
        changed = self._store(values)
        if connectors is not None:
            for connector in connectors:
                connector.setParent(self)  # keep them alive and out of QML's ownership
            self._connectors = list(connectors)
            self.connectorsChanged.emit()
        if changed or connectors is not None:
            self.changed.emit()  # ``focused`` may point into a new list
        return changed or connectors is not None

    def connector(self, index: int) -> ConnectorViewModel:
        return self._connectors[index]

    def set_animated(self, animated: bool) -> None:
        """``False``: no motion at all (deterministic screenshots, reduced motion)."""
        if animated != self._animated:
            self._animated = animated
            self.animatedChanged.emit()

    def set_voice(self, available: bool, speaking: bool) -> None:
        """The voice's state (hmi.voice): an engine to speak with, and whether it speaks now."""
        if (available, speaking) != (self._voice_available, self._speaking):
            self._voice_available, self._speaking = available, speaking
            self.voiceChanged.emit()

    def _get_voice_available(self) -> bool:
        return self._voice_available

    def _get_speaking(self) -> bool:
        return self._speaking

    def _get_connectors(self) -> list[ConnectorViewModel]:
        return self._connectors

    def _get_focused(self) -> ConnectorViewModel | None:
        index = self._values.focusedIndex
        return self._connectors[index] if 0 <= index < len(self._connectors) else None

    def _get_animated(self) -> bool:
        return self._animated

    def _get_screens(self) -> list[int]:
        return [screen.qml_value for screen in Screen]

    connectors = Property(list, _get_connectors, notify=connectorsChanged)
    focused = Property(ConnectorViewModel, _get_focused, notify=changed)
    animated = Property(bool, _get_animated, notify=animatedChanged)
    #: The voice engine is there (eSpeak NG): the Home screen's read-aloud control is shown.
    voiceAvailable = Property(bool, _get_voice_available, notify=voiceChanged)
    #: The voice is speaking now: the control stops it.
    speaking = Property(bool, _get_speaking, notify=voiceChanged)
    #: Every screen (``Kiosk.Screen`` values), for ``Main.qml`` to make a place for each.
    screens = Property(list, _get_screens, constant=True)

    def _emit_for_side(self, command: type[cmd.SelectSide | cmd.TouchStop | cmd.TryAgain], index: int) -> None:
        if index in {side.value for side in Side}:
            self._emit(command(Side(index)))

    @Slot()
    def pressLeft(self) -> None:
        """The left physical button (Home / Stop charge) or its on-screen twin."""
        self._emit(cmd.PressLeft())

    @Slot()
    def pressRight(self) -> None:
        """The right physical button (select connector) or its on-screen twin."""
        self._emit(cmd.PressRight())

    @Slot()
    def wakeDisplay(self) -> None:
        """A touch on the dimmed, dark or attract screen (the input catcher): it only wakes it."""
        self._emit(cmd.WakeDisplay())

    @Slot()
    def screenTouched(self) -> None:
        """Any touch on the awake screen, control or not (reported passively): a driver is
        there.  At most one report per ``ACTIVITY_REPORT_S``."""
        now = time.monotonic()
        if self._activity_reported is None or now - self._activity_reported >= ACTIVITY_REPORT_S:
            self._activity_reported = now
            self._emit(cmd.ScreenActivity())

    @Slot(int)
    def selectConnector(self, index: int) -> None:
        """Touch on a connector: focus it."""
        self._emit_for_side(cmd.SelectSide, index)

    @Slot(int)
    def stopCharging(self, index: int) -> None:
        """Touch on a connector's Stop button."""
        self._emit_for_side(cmd.TouchStop, index)

    @Slot(int)
    def tryAgain(self, index: int) -> None:
        """Touch on Try again after a failed start (the kept authorization, the cable still in)."""
        self._emit_for_side(cmd.TryAgain, index)

    @Slot()
    def cancel(self) -> None:
        """Touch on Cancel while waiting for plug-in."""
        self._emit(cmd.CancelPending())

    @Slot()
    def dismiss(self) -> None:
        """Touch on Done / Home on the summary or a message."""
        self._emit(cmd.Dismiss())

    @Slot(int)
    def showStatus(self, index: int) -> None:
        """Page through several active status codes on the status screen."""
        self._emit(ShowStatusPage(index))

    @Slot(str)
    def setLanguage(self, tag: str) -> None:
        """The driver picked a language (BCP 47 tag) for this visit."""
        self._emit(cmd.ChooseLanguage(tag))

    @Slot(bool)
    def setHighContrast(self, on: bool) -> None:
        """The driver switched high contrast on or off for this visit."""
        self._emit(cmd.ChooseHighContrast(bool(on)))

    @Slot(bool)
    def setLargeText(self, on: bool) -> None:
        """The driver switched the larger text on or off for this visit."""
        self._emit(cmd.ChooseLargeText(bool(on)))

    @Slot()
    def readAloud(self) -> None:
        """The accessibility control: read the screen aloud, or stop the voice."""
        self._emit(cmd.ReadAloud())

    # --- technicians -------------------------------------------------------------------

    @Slot()
    def openEngineer(self) -> None:
        """The long press on the charge point id: ask for the engineer PIN."""
        self._emit(cmd.OpenEngineer())

    @Slot(str)
    def pinDigit(self, digit: str) -> None:
        self._emit(cmd.PinDigit(digit))

    @Slot()
    def pinErase(self) -> None:
        self._emit(cmd.PinErase())

    @Slot()
    def pinSubmit(self) -> None:
        self._emit(cmd.PinSubmit())

    @Slot()
    def pinCancel(self) -> None:
        self._emit(cmd.PinCancel())

    @Slot(str)
    def engineerLookup(self, query: str) -> None:
        """Look a status code up (six digits) or search the descriptions (words)."""
        self._emit(cmd.EngineerLookup(query))

    @Slot(int)
    def engineerShowPage(self, index: int) -> None:
        self._emit(cmd.EngineerPage(index))

    @Slot()
    def engineerExit(self) -> None:
        self._emit(cmd.EngineerExit())

    @Slot()
    def engineerClearSecurityLog(self) -> None:
        """Clear the security log (on its page; SecurityLogWasCleared is recorded)."""
        self._emit(cmd.EngineerClearSecurityLog())
