"""The view model QML binds to: plain display data, already formatted and translated.

QML never computes anything from these values beyond layout; every decision (which
screen, which colour, whether a method is enabled) is made in Python.  Each object
has a single ``changed`` notify signal that fires once per coherent update.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton, QmlUncreatable

from controller import commands as cmd
from controller.types import Side

QML_IMPORT_NAME = "Evse"
QML_IMPORT_MAJOR_VERSION = 1

#: Screen names the view model can ask ``Main.qml`` to show (one file per screen).
SCREENS = (
    "initializing",
    "home",
    "plugin",
    "preparing",
    "charging",
    "summary",
    "status",
    "outOfService",
    "engineerPin",  # technicians: the PIN pad
    "engineer",  # technicians: versions, bus values, codes, network, look-up
)


def _prop(name: str, kind: type | str, notify: Signal) -> Property:
    """A read-only property backed by ``self._values[name]``."""
    return Property(kind, lambda self: self._values[name], notify=notify)


class _Values(QObject):
    """Holds named values and emits ``changed`` once when an update alters any of them."""

    _DEFAULTS: ClassVar[dict[str, Any]] = {}

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._values: dict[str, Any] = dict(self._DEFAULTS)

    def update(self, **values: Any) -> bool:
        """Set several values at once; returns whether anything changed."""
        dirty = False
        for key, value in values.items():
            if key not in self._values:
                raise KeyError(f"{type(self).__name__} has no property {key!r}")
            if self._values[key] != value:
                self._values[key] = value
                dirty = True
        if dirty:
            self.changed.emit()
        return dirty

    def value(self, key: str) -> Any:
        return self._values[key]


@QmlElement
@QmlUncreatable("Connector view models are created by the application")
class ConnectorViewModel(_Values):
    """What the screens show about one connector."""

    changed = Signal()
    _DEFAULTS: ClassVar[dict[str, Any]] = {
        "index": 0,
        "side": "left",  # "left" | "right"
        "sideText": "",  # translated "Left" / "Right"
        "standard": "",  # "CHAdeMO" | "CCS1" | "GB/T"
        "state": "unavailable",  # see hmi.navigation.CONNECTOR_STATES
        "stateText": "",  # translated state for drivers
        "ledColour": "off",  # "off" | "green" | "blue" | "yellow" | "red" | "white"
        "ledBlinking": False,
        "focused": False,
        "prepareStage": 0,  # 0 none, 1 communication, 2 cable check, 3 isolation, 4 precharge, 5 done
        "socPercent": -1,  # -1 = unknown
        "socText": "",
        "targetSocText": "",
        "powerText": "",  # number only, e.g. "45.2"
        "powerKw": 0.0,
        "maxPowerKw": 0.0,  # what the allocation grants now (the chart's dashed line), 0 = nothing
        "voltageText": "",  # with unit, e.g. "398 V"
        "currentText": "",  # with unit, e.g. "113.6 A"
        "energyText": "",  # with unit, e.g. "12.34 kWh"
        "elapsedText": "",  # e.g. "0:23:10"
        "etaText": "",  # e.g. "18 min"
        "costText": "",  # "" when no tariff is configured
        "sharedPower": False,  # power shared with the other connector
        "limitText": "",  # which limit holds the power, "" when the EV's own request
        "powerHistory": [],  # kW over the session, evenly spaced, oldest first, the last one now (chart)
        "chartScaleKw": 60.0,  # top of the power chart: the station's maximum
        "chartScaleText": "",  # its label, e.g. "60 kW"
        "canStop": False,
        "startSocText": "",
        "endSocText": "",
        "durationText": "",
        "stopReasonText": "",
        "startedText": "",  # date and time the session started, for the locale
        "receiptQrSource": "",  # image://qr/... of the receipt link after a session, "" for none
        "statusCode": "",  # six digits or ""
        "statusText": "",  # meaning of statusCode
    }
    index = _prop("index", int, changed)
    side = _prop("side", str, changed)
    sideText = _prop("sideText", str, changed)
    standard = _prop("standard", str, changed)
    state = _prop("state", str, changed)
    stateText = _prop("stateText", str, changed)
    ledColour = _prop("ledColour", str, changed)
    ledBlinking = _prop("ledBlinking", bool, changed)
    focused = _prop("focused", bool, changed)
    prepareStage = _prop("prepareStage", int, changed)
    socPercent = _prop("socPercent", int, changed)
    socText = _prop("socText", str, changed)
    targetSocText = _prop("targetSocText", str, changed)
    powerText = _prop("powerText", str, changed)
    powerKw = _prop("powerKw", float, changed)
    maxPowerKw = _prop("maxPowerKw", float, changed)
    voltageText = _prop("voltageText", str, changed)
    currentText = _prop("currentText", str, changed)
    energyText = _prop("energyText", str, changed)
    elapsedText = _prop("elapsedText", str, changed)
    etaText = _prop("etaText", str, changed)
    costText = _prop("costText", str, changed)
    sharedPower = _prop("sharedPower", bool, changed)
    limitText = _prop("limitText", str, changed)
    powerHistory = _prop("powerHistory", "QVariantList", changed)
    chartScaleKw = _prop("chartScaleKw", float, changed)
    chartScaleText = _prop("chartScaleText", str, changed)
    canStop = _prop("canStop", bool, changed)
    startSocText = _prop("startSocText", str, changed)
    endSocText = _prop("endSocText", str, changed)
    durationText = _prop("durationText", str, changed)
    stopReasonText = _prop("stopReasonText", str, changed)
    startedText = _prop("startedText", str, changed)
    receiptQrSource = _prop("receiptQrSource", str, changed)
    statusCode = _prop("statusCode", str, changed)
    statusText = _prop("statusText", str, changed)


IntentSink = Callable[..., None]


@dataclass(frozen=True, slots=True)
class ShowStatusPage:
    """Page through several active status codes (the kiosk's own business, not the station's)."""

    index: int


class _Singleton(_Values):
    """A QML singleton whose instance the application creates and installs, and whose
    slots turn into ``sink(name, argument)`` calls (intents or simulator actions)."""

    _instance: ClassVar[_Singleton | None] = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sink: IntentSink | None = None

    @classmethod
    def install(cls, instance: _Singleton) -> None:
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
class Kiosk(_Singleton):
    """The whole kiosk: which screen, station-wide texts, and the driver's intents."""

    changed = Signal()
    connectorsChanged = Signal()
    _DEFAULTS: ClassVar[dict[str, Any]] = {
        "screen": "initializing",
        "chargePointId": "",
        "versionCode": "",
        "modelName": "",
        "clockText": "",
        "initProgress": 0.0,  # 0..1
        "initStepText": "",
        "connectorCount": 1,
        "focusedIndex": 0,
        "rfidEnabled": True,
        "qrEnabled": True,  # usable now
        "qrOffered": True,  # configured: the QR code is drawn (darkened while it cannot be used)
        "appEnabled": True,
        "qrSource": "",  # image://qr/... for the focused connector
        "qrCaption": "",
        "tariffLines": [],  # the price before charging, one line per component; empty when free
        "plugInSecondsLeft": 0,
        "plugInText": "",  # e.g. "Plug in the CHAdeMO or CCS1 connector"
        "noticeText": "",  # transient message, e.g. invalid card
        "noticeIsError": False,
        "statusCode": "",  # the code the status screen shows
        "statusText": "",  # its meaning
        "statusScopeText": "",  # "Charger" / "Left connector (CHAdeMO)"
        "statusSteps": [],  # numbered steps, plain strings
        "statusReportText": "",  # MREC convention: operator notified, the code to quote ("" = not shown)
        "statusStepOffset": 0,  # steps before the first one shown (a long list takes several pages)
        "statusCount": 0,  # how many pages the status screen pager has (each code, its steps in pages)
        "statusIndex": 0,
        "leftButtonText": "",  # what the left physical button does now
        "rightButtonText": "",  # what the right physical button does now
        "online": False,  # connected to the backend (CSMS)
        "backendConfigured": False,  # hide the connection state on a charger without a backend
        "backendCode": "",  # 033900/033901/033902 while the backend is unreachable
        "animated": True,  # False: no motion at all (deterministic screenshots, reduced motion)
        "preferencesVisible": False,  # the language and contrast buttons (Home)
        "language": "en-US",  # BCP 47 tag of the active language
        "languageName": "English",  # ... in its own language
        "fontFamily": "Inter",  # first font family of every text in the active language
        "languages": [],  # offered: [{"tag", "name" (own language), "fontFamily"}]
        "highContrast": False,
        "pinEntered": 0,  # digits entered so far (shown as dots)
        "pinCursor": 0,  # the buttons' selection: 0-9 a digit, 10 OK, 11 Cancel
        "pinMessageText": "",  # wrong PIN / locked for n s
        "engineerPage": 0,  # 0 overview, 1 connectors, 2 status codes, 3 look-up
        "engineerTabs": [],  # the pages' names
        "engineerColumns": [],  # the page's panels: [{"title", "lines": [str]}]; technicians' facts, English
        "engineerCodes": [],  # [{"text", "code"}]: active codes, then raised/cleared ones, newest first
        "engineerLookupLines": [],  # the look-up's result
        "engineerQuery": "",
        "engineerFooterText": "",  # e.g. "Closes in 117 s without activity"
    }
    screen = _prop("screen", str, changed)
    chargePointId = _prop("chargePointId", str, changed)
    versionCode = _prop("versionCode", str, changed)
    modelName = _prop("modelName", str, changed)
    clockText = _prop("clockText", str, changed)
    initProgress = _prop("initProgress", float, changed)
    initStepText = _prop("initStepText", str, changed)
    connectorCount = _prop("connectorCount", int, changed)
    focusedIndex = _prop("focusedIndex", int, changed)
    rfidEnabled = _prop("rfidEnabled", bool, changed)
    qrEnabled = _prop("qrEnabled", bool, changed)
    qrOffered = _prop("qrOffered", bool, changed)
    appEnabled = _prop("appEnabled", bool, changed)
    qrSource = _prop("qrSource", str, changed)
    qrCaption = _prop("qrCaption", str, changed)
    tariffLines = _prop("tariffLines", "QStringList", changed)
    plugInSecondsLeft = _prop("plugInSecondsLeft", int, changed)
    plugInText = _prop("plugInText", str, changed)
    noticeText = _prop("noticeText", str, changed)
    noticeIsError = _prop("noticeIsError", bool, changed)
    statusCode = _prop("statusCode", str, changed)
    statusText = _prop("statusText", str, changed)
    statusScopeText = _prop("statusScopeText", str, changed)
    statusSteps = _prop("statusSteps", "QStringList", changed)
    statusReportText = _prop("statusReportText", str, changed)
    statusStepOffset = _prop("statusStepOffset", int, changed)
    statusCount = _prop("statusCount", int, changed)
    statusIndex = _prop("statusIndex", int, changed)
    leftButtonText = _prop("leftButtonText", str, changed)
    rightButtonText = _prop("rightButtonText", str, changed)
    online = _prop("online", bool, changed)
    backendConfigured = _prop("backendConfigured", bool, changed)
    backendCode = _prop("backendCode", str, changed)
    animated = _prop("animated", bool, changed)
    preferencesVisible = _prop("preferencesVisible", bool, changed)
    language = _prop("language", str, changed)
    languageName = _prop("languageName", str, changed)
    fontFamily = _prop("fontFamily", str, changed)
    languages = _prop("languages", "QVariantList", changed)
    highContrast = _prop("highContrast", bool, changed)
    pinEntered = _prop("pinEntered", int, changed)
    pinCursor = _prop("pinCursor", int, changed)
    pinMessageText = _prop("pinMessageText", str, changed)
    engineerPage = _prop("engineerPage", int, changed)
    engineerTabs = _prop("engineerTabs", "QStringList", changed)
    engineerColumns = _prop("engineerColumns", "QVariantList", changed)
    engineerCodes = _prop("engineerCodes", "QVariantList", changed)
    engineerLookupLines = _prop("engineerLookupLines", "QStringList", changed)
    engineerQuery = _prop("engineerQuery", str, changed)
    engineerFooterText = _prop("engineerFooterText", str, changed)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._connectors: list[ConnectorViewModel] = []

    @staticmethod
    def create(engine: Any) -> Kiosk:
        """QML singleton factory: the application installs the instance first."""
        return Kiosk.current()

    def set_connectors(self, connectors: list[ConnectorViewModel]) -> None:
        for connector in connectors:
            connector.setParent(self)  # keep them alive and out of QML's ownership
        self._connectors = list(connectors)
        self.connectorsChanged.emit()
        self.changed.emit()  # ``focused`` points into the new list

    def connector(self, index: int) -> ConnectorViewModel:
        return self._connectors[index]

    def _get_connectors(self) -> list[ConnectorViewModel]:
        return self._connectors

    def _get_focused(self) -> ConnectorViewModel | None:
        index = self._values["focusedIndex"]
        return self._connectors[index] if 0 <= index < len(self._connectors) else None

    connectors = Property(list, _get_connectors, notify=connectorsChanged)
    focused = Property(ConnectorViewModel, _get_focused, notify=changed)

    def _emit_for_side(self, command: type[cmd.SelectSide | cmd.TouchStop], index: int) -> None:
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

    @Slot(int)
    def selectConnector(self, index: int) -> None:
        """Touch on a connector: focus it."""
        self._emit_for_side(cmd.SelectSide, index)

    @Slot(int)
    def stopCharging(self, index: int) -> None:
        """Touch on a connector's Stop button."""
        self._emit_for_side(cmd.TouchStop, index)

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


@QmlElement
@QmlSingleton
class SimulatorControl(_Singleton):
    """The presenter's control panel of the simulated hardware (desktop demo only).

    Sides are 0 = left, 1 = right.  Every slot turns into an action on the simulated
    boards, which then talk to the controller over the CAN bus like real hardware.
    """

    changed = Signal()
    _DEFAULTS: ClassVar[dict[str, Any]] = {
        "connectorCount": 2,
        "leftStandard": "",
        "rightStandard": "",
        "leftPlugged": False,
        "rightPlugged": False,
        "leftStartSoc": 20,
        "leftTargetSoc": 80,
        "rightStartSoc": 35,
        "rightTargetSoc": 90,
        "emergencyStop": False,
        "doorOpen": False,
        "knownCard": "",  # uid of a card on the allow-list
        "unknownCard": "",  # uid of a card nobody knows
        "timeFactor": 1.0,  # how much faster than real time the EV battery fills
        "psuCount": 2,  # power modules fitted
        "ambientC": 25,  # inlet air temperature (°C)
        "inputVoltage": 480,  # AC supply, line to line (V)
        "csmsAvailable": False,  # the demo central system runs beside the demo (evse-hmi --demo-csms)
        "csmsRunning": False,  # switched on (off: the charger goes offline)
        "csmsUrl": "",  # where the charger connects
        "csmsStatus": "",  # the answer to the last button
        "csmsLog": [],  # the latest frames, one line each, newest last
    }
    connectorCount = _prop("connectorCount", int, changed)
    leftStandard = _prop("leftStandard", str, changed)
    rightStandard = _prop("rightStandard", str, changed)
    leftPlugged = _prop("leftPlugged", bool, changed)
    rightPlugged = _prop("rightPlugged", bool, changed)
    leftStartSoc = _prop("leftStartSoc", int, changed)
    leftTargetSoc = _prop("leftTargetSoc", int, changed)
    rightStartSoc = _prop("rightStartSoc", int, changed)
    rightTargetSoc = _prop("rightTargetSoc", int, changed)
    emergencyStop = _prop("emergencyStop", bool, changed)
    doorOpen = _prop("doorOpen", bool, changed)
    knownCard = _prop("knownCard", str, changed)
    unknownCard = _prop("unknownCard", str, changed)
    timeFactor = _prop("timeFactor", float, changed)
    psuCount = _prop("psuCount", int, changed)
    ambientC = _prop("ambientC", int, changed)
    inputVoltage = _prop("inputVoltage", int, changed)
    csmsAvailable = _prop("csmsAvailable", bool, changed)
    csmsRunning = _prop("csmsRunning", bool, changed)
    csmsUrl = _prop("csmsUrl", str, changed)
    csmsStatus = _prop("csmsStatus", str, changed)
    csmsLog = _prop("csmsLog", "QStringList", changed)

    @staticmethod
    def create(engine: Any) -> SimulatorControl:
        """QML singleton factory: the application installs the instance first."""
        return SimulatorControl.current()

    @Slot(int)
    def plug(self, side: int) -> None:
        self._emit("plug", side)

    @Slot(int)
    def unplug(self, side: int) -> None:
        self._emit("unplug", side)

    @Slot()
    def tapKnownCard(self) -> None:
        self._emit("tap", self._values["knownCard"])

    @Slot()
    def tapUnknownCard(self) -> None:
        self._emit("tap", self._values["unknownCard"])

    @Slot(int, int, int)
    def setEvSoc(self, side: int, start: int, target: int) -> None:
        """Start and target SOC (%) of the EV that will be plugged on ``side``."""
        self._emit("ev_soc", (side, start, target))

    @Slot(bool)
    def setEmergencyStop(self, pressed: bool) -> None:
        self._emit("estop", pressed)

    @Slot(bool)
    def setDoorOpen(self, opened: bool) -> None:
        self._emit("door", opened)

    @Slot()
    def pressLeftButton(self) -> None:
        self._emit("button_left")

    @Slot()
    def pressRightButton(self) -> None:
        self._emit("button_right")

    @Slot(int, str)
    def injectFault(self, side: int, code: str) -> None:
        """Make the connector board on ``side`` report status ``code`` ("" clears)."""
        self._emit("fault", (side, code))

    @Slot(int)
    def setAmbient(self, celsius: int) -> None:
        """Inlet air temperature (°C): the station derates from 50 °C."""
        self._emit("ambient", celsius)

    @Slot(int)
    def setInputVoltage(self, volts: int) -> None:
        """AC supply, line to line (V): outside 408..528 V the output stops."""
        self._emit("input_voltage", volts)

    @Slot(int, bool)
    def setPsuFailed(self, index: int, failed: bool) -> None:
        """Power module ``index`` (0-based) reports a failure (012267) or recovers."""
        self._emit("psu_fault", (index, failed))

    # --- the demo central system (its HTTP door; the charger hears it over OCPP) ----------

    @Slot(int)
    def csmsRemoteStart(self, side: int) -> None:
        """RemoteStartTransaction for the known card on ``side`` (the QR code / app path)."""
        self._emit("csms_remote_start", side)

    @Slot(int)
    def csmsRemoteStop(self, side: int) -> None:
        self._emit("csms_remote_stop", side)

    @Slot(bool)
    def csmsReset(self, hard: bool) -> None:
        self._emit("csms_reset", hard)

    @Slot(bool)
    def csmsSetRunning(self, running: bool) -> None:
        """Switch the central system off (the charger goes offline) or on again."""
        self._emit("csms_running", running)

    @Slot(int)
    def csmsReserve(self, side: int) -> None:
        """ReserveNow for the known card on ``side`` (15 minutes)."""
        self._emit("csms_reserve", side)

    @Slot()
    def csmsCancelReservation(self) -> None:
        self._emit("csms_cancel_reservation")

    @Slot(int, bool)
    def csmsSetAvailable(self, side: int, available: bool) -> None:
        """ChangeAvailability of the connector on ``side``."""
        self._emit("csms_available", (side, available))

    @Slot(int)
    def csmsLimit(self, kilowatts: int) -> None:
        """A station limit (ChargePointMaxProfile) of ``kilowatts``; 0 clears it."""
        self._emit("csms_limit", kilowatts)
