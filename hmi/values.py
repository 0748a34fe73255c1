"""What the kiosk's view models hold: one frozen dataclass per view-model object.

Each field is a QML property (hence the camelCase names) and its default is what the
screen shows before the first snapshot.  :mod:`hmi.viewmodel` generates the Qt
properties from these declarations, and :mod:`hmi.presenter` returns these objects, so
the presenter and QML cannot drift apart: the presenter builds them with
:meth:`ViewValues.complete` (every field, no other), and :func:`type_problems` checks
that each value has its declared type (the tests run it over every screen).

Plain Python, no Qt: everything here is already formatted and translated.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any, Self

from hmi.screens import Screen


class ViewValues:
    """Base of the view-model value classes (frozen dataclasses)."""

    __slots__ = ()

    @classmethod
    def complete(cls, **values: Any) -> Self:
        """The values with every field given: the presenter's way to build them, so that a
        field it forgets fails as loudly as one the view model lacks."""
        missing = field_names(cls) - values.keys()
        if missing:
            raise TypeError(f"{cls.__name__}: no value for {', '.join(sorted(missing))}")
        return cls(**values)


# --- items of list properties (QML sees each as a JS object with these keys) -------------


@dataclass(frozen=True, slots=True)
class LanguageEntry(ViewValues):
    """A language the driver can pick, named in its own language and drawn in its own font."""

    tag: str  # BCP 47
    name: str  # in its own language: "Français"
    fontFamily: str


@dataclass(frozen=True, slots=True)
class EngineerColumn(ViewValues):
    """A panel of the engineer screen: technicians' facts, in English."""

    title: str
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EngineerCode(ViewValues):
    """A line of the engineer screen's status-code page; tapping it looks ``code`` up."""

    text: str
    code: str  # "" for the "active none" line


# --- the view models ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConnectorValues(ViewValues):
    """What the screens show about one connector (``ConnectorViewModel``)."""

    index: int = 0
    side: str = "left"  # "left" | "right"
    sideText: str = ""  # translated "Left" / "Right"
    standard: str = ""  # "CHAdeMO" | "CCS1" | "GB/T"
    state: str = "unavailable"  # the session machine's state (controller.session.ConnectorState) or "faulted"
    stateText: str = ""  # translated state for drivers
    ledColour: str = "off"  # "off" | "green" | "blue" | "yellow" | "red" | "white"
    ledBlinking: bool = False
    focused: bool = False
    prepareStage: int = 0  # 0 none, 1 communication, 2 cable check, 3 isolation, 4 precharge, 5 done
    socPercent: int = -1  # -1 = unknown
    socText: str = ""
    targetSocText: str = ""
    powerText: str = ""  # number only, e.g. "45.2"
    powerKw: float = 0.0
    maxPowerKw: float = 0.0  # what the allocation grants now (the chart's dashed line), 0 = nothing
    voltageText: str = ""  # with unit, e.g. "398 V"
    currentText: str = ""  # with unit, e.g. "113.6 A"
    energyText: str = ""  # with unit, e.g. "12.34 kWh"
    elapsedText: str = ""  # e.g. "0:23:10"
    etaText: str = ""  # e.g. "18 min"
    costText: str = ""  # "" when no tariff is configured; "Free" for a final cost of zero
    costNoteText: str = ""  # the backend's text for a total cost that has not come (Summary), "" for none
    sharedPower: bool = False  # power shared with the other connector
    limitText: str = ""  # which limit holds the power, "" when the EV's own request
    waitingText: str = ""  # why the session gets no power yet (controller.queue), "" when it is not waiting
    waitingUntilText: str = ""  # when it starts by itself, e.g. "Charging starts by itself at 6:00 PM"
    powerHistory: tuple[float, ...] = ()  # kW over the session, evenly spaced, oldest first, the last one now
    chartScaleKw: float = 60.0  # top of the power chart: the station's maximum
    chartScaleText: str = ""  # its label, e.g. "60 kW"
    canStop: bool = False
    awaitingAuthorization: bool = False  # cable in, nobody authorized yet (the "plugged" state)
    free: bool = False  # available for a new session (the "available" state)
    sessionLive: bool = False  # charging or stopping: the Home card shows the session's figures
    sessionRunning: bool = False  # preparing, charging or stopping: shown on the dimmed glance layout
    startSocText: str = ""
    endSocText: str = ""
    durationText: str = ""
    stopReasonText: str = ""
    startedText: str = ""  # date and time the session started, for the locale
    receiptQrSource: str = ""  # image://qr/... of the receipt link after a session, "" for none
    statusCode: str = ""  # six digits or ""
    statusText: str = ""  # meaning of statusCode


@dataclass(frozen=True, slots=True)
class KioskValues(ViewValues):
    """The whole kiosk (``Kiosk``): which screen, station-wide texts, the status and
    engineer screens."""

    screen: Screen = Screen.INITIALIZING
    chargePointId: str = ""
    versionCode: str = ""
    modelName: str = ""
    clockText: str = ""
    initProgress: float = 0.0  # 0..1
    initStepText: str = ""
    connectorCount: int = 1
    focusedIndex: int = 0
    rfidEnabled: bool = True
    qrEnabled: bool = True  # usable now
    qrOffered: bool = True  # configured: the QR code has its place (covered, not drawn, while it cannot be used)
    appEnabled: bool = True
    qrSource: str = ""  # image://qr/... for the focused connector
    qrCaption: str = ""
    tariffLines: tuple[str, ...] = ()  # the price before charging, one line per component; empty when free
    plugInSecondsLeft: int = 0
    plugInText: str = ""  # e.g. "Plug the CHAdeMO or CCS1 connector into your vehicle"
    noticeText: str = ""  # transient message, e.g. invalid card
    noticeIsError: bool = False
    statusCode: str = ""  # the code the status screen shows
    statusText: str = ""  # its meaning
    statusScopeText: str = ""  # "Charger" / "Left connector (CHAdeMO)"
    statusSteps: tuple[str, ...] = ()  # numbered steps, plain strings
    statusReportText: str = ""  # MREC convention: operator notified, the code to quote ("" = not shown)
    statusStepOffset: int = 0  # steps before the first one shown (a long list takes several pages)
    statusCount: int = 0  # how many pages the status screen pager has (each code, its steps in pages)
    statusIndex: int = 0
    leftButtonText: str = ""  # what the left physical button does now
    rightButtonText: str = ""  # what the right physical button does now
    online: bool = False  # connected to the backend (CSMS)
    backendConfigured: bool = False  # hide the connection state on a charger without a backend
    backendCode: str = ""  # 033900/033901/033902 while the backend is unreachable
    preferencesVisible: bool = False  # the language and contrast buttons (Home)
    language: str = "en-US"  # BCP 47 tag of the active language
    languageName: str = "English"  # ... in its own language
    fontFamily: str = "Inter"  # first font family of every text in the active language
    languages: tuple[LanguageEntry, ...] = ()  # offered
    highContrast: bool = False
    largeText: bool = False  # the driver's larger text: Theme scales its reading sizes
    contactOperator: str = ""  # who to call ([station]), as configured; "" = not shown
    contactPhone: str = ""  # the helpdesk, as printed (never translated)
    contactAddress: str = ""  # the site, which the helpdesk asks for
    pinEntered: int = 0  # digits entered so far (shown as dots)
    pinCursor: int = 0  # the buttons' selection: 0-9 a digit, 10 OK, 11 Cancel
    pinMessageText: str = ""  # wrong PIN / locked for n s
    engineerPage: int = 0  # 0 overview, 1 connectors, 2 status codes, 3 look-up, 4 security log
    engineerTabs: tuple[str, ...] = ()  # the pages' names
    engineerColumns: tuple[EngineerColumn, ...] = ()  # the page's panels
    engineerCodes: tuple[EngineerCode, ...] = ()  # active codes, then raised/cleared ones, newest first
    engineerLookupLines: tuple[str, ...] = ()  # the look-up's result
    engineerSecurityLines: tuple[str, ...] = ()  # the security log's latest events, newest first
    engineerQuery: str = ""
    engineerFooterText: str = ""  # e.g. "Closes in 117 s without activity"
    operatorMessageText: str = ""  # the operator's message (text, or a link's address); "" for none
    operatorMessageFront: bool = False  # AlwaysFront: drawn emphasised
    operatorMessageFontFamily: str = "Inter"  # first font family of the message's own language
    displayLevel: str = "awake"  # "awake" | "dim" | "asleep" (controller.display_power.DisplayLevel)
    displayLook: str = "normal"  # "normal" | "glance" | "attract" | "blank": what the panel presents
    attractX: float = 0.0  # the attract content's offset, -1..1 of the free width (moves every minute)
    attractY: float = 0.0  # ... of the free height
    homeReturns: int = 0  # counts the returns to Home after inactivity: overlays (the language picker) close
    failedTitle: str = ""  # a failed start (controller.start_failure): what happened, in a line
    failedText: str = ""  # ... explained
    failedSteps: tuple[str, ...] = ()  # what the driver can do, numbered
    failedCodeText: str = ""  # "Code to quote: 023701" ("" when there is no code)
    failedKeptText: str = ""  # "Your card stays valid for 1:45" ("" when it is not kept)
    failedTryAgain: bool = False  # the Try again button (the cable in, the kind needs no re-plugging)


# --- checks --------------------------------------------------------------------------------


@functools.cache
def field_names(cls: type) -> frozenset[str]:
    return frozenset(field.name for field in dataclasses.fields(cls))


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """Each field's declared type (annotations resolved)."""
    hints = typing.get_type_hints(cls)
    return {field.name: hints[field.name] for field in dataclasses.fields(cls)}


def type_problems(values: ViewValues) -> list[str]:
    """Every field of ``values`` (and of the items of its lists) whose value does not have
    the declared type; ``[]`` when all agree."""
    return [f"{type(values).__name__}.{name}: {problem}"
            for name, kind in field_types(type(values)).items()
            for problem in _problems(getattr(values, name), kind)]


def _problems(value: Any, kind: Any) -> list[str]:
    origin = typing.get_origin(kind)
    if origin is tuple:
        item_kind, ellipsis = typing.get_args(kind)
        assert ellipsis is Ellipsis, f"only tuple[X, ...] is supported, not {kind}"
        if not isinstance(value, tuple):
            return [f"{value!r} is a {type(value).__name__}, not a tuple"]
        return [f"[{index}] {problem}" for index, item in enumerate(value) for problem in _problems(item, item_kind)]
    if origin in (typing.Union, types.UnionType):
        raise AssertionError(f"optional values are not supported in a view model: {kind}")
    # bool is an int and an int is not a float, for Qt as much as for the screen
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        return [f"{value!r} is a {type(value).__name__}, not a {kind.__name__}"]
    if isinstance(value, ViewValues):
        return [f".{problem}" for problem in type_problems(value)]
    return []
