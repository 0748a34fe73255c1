"""What the voice says: the current screen's heading, instruction and key figures, as a few
sentences in the screen's language.

Every word comes from the kiosk's own catalogue: the presenter's texts (``hmi.presenter``,
called with a :class:`SpokenFormatter`) and the QML screens' own strings (looked up by their
QML context, :data:`SCREEN_TEXTS`), so nothing is translated twice. Only the figures are
worded for the ear: Babel's long unit names ("45.2 kilowatts", "18 minutes") and currency
names ("6.78 US dollars") instead of the symbols, a status code digit by digit.

Pure apart from Qt's translation look-up (like the presenter); the active translator decides
the language, as it does for the screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from babel.numbers import format_currency
from PySide6.QtCore import QCoreApplication

from controller.session import ConnectorState
from controller.view import StationView
from hmi.format import NBSP, Formatter
from hmi.navigation import screen_for
from hmi.presenter import connector_values, help_call_text, kiosk_values
from hmi.screens import Screen
from hmi.values import ConnectorValues, KioskValues

translate = QCoreApplication.translate

#: eSpeak NG reads a unit symbol letter by letter: each becomes the locale's unit name.
_UNITS = {"kWh": "energy-kilowatt-hour", "kW": "power-kilowatt", "V": "electric-volt", "A": "electric-ampere"}
_SYMBOL = re.compile(r"(?<![A-Za-z])(kWh|kW)(?![A-Za-z])")
_CJK = ("zh-TW", "zh-CN", "ja-JP")
#: eSpeak NG's Mandarin and Japanese skip the decimal point of "24.61": the word for it is written out.
_DECIMAL_POINT = {"zh-TW": "點", "zh-CN": "点", "ja-JP": "点"}
_POINT = re.compile(r"(?<=\d)\.(?=\d)")
#: ... and say "%" in English; CLDR has no long form of a percentage in Chinese: "百分之 64".
_PERCENT_BEFORE = {"zh-TW": "百分之", "zh-CN": "百分之"}
_PERCENTAGE = re.compile(r"(\d+)\s*%")


@dataclass(frozen=True)
class SpokenFormatter(Formatter):
    """The kiosk's formatter, worded for the ear: unit and currency names, not symbols."""

    def with_unit(self, value: float, unit: str, decimals: int = 1) -> str:
        name = _UNITS.get(unit)
        return self._worded(self.number(value, decimals), value, name) if name else super().with_unit(
            value, unit, decimals)

    def percent(self, value: int) -> str:
        return self._worded(self.number(value, 0), value, "concentr-percent")

    def money(self, amount: Decimal, currency: str) -> str:
        if not isinstance(amount, Decimal):
            raise TypeError(f"money must be a Decimal, not {type(amount).__name__}")
        return format_currency(amount, currency, format_type="name", locale=self.locale)

    def _unit(self, value: int, unit: str) -> str:  # durations: "18 minutes", not "18 min"
        return self._worded(self.number(value, 0), value, unit)

    def unit_name(self, symbol: str) -> str:
        """The name of one unit ("kilowatt hour", "kilowattheure", "千瓦小時")."""
        return self._worded("", 1, _UNITS[symbol]).strip()

    def _worded(self, number: str, value: float, unit: str) -> str:
        """``number`` with the locale's long unit pattern (short where CLDR has no long one)."""
        patterns = self.locale._data["unit_patterns"][unit]
        category = self.locale.plural_form(value)
        for length in ("long", "short"):
            forms = patterns.get(length, {})
            pattern = forms.get(category) or forms.get("other")
            if pattern:
                return pattern.replace("{0}", number).replace(NBSP, " ")
        return f"{number} {unit}"


@dataclass(frozen=True, slots=True)
class ScreenText:
    """A string of a QML screen or component, looked up in its own context (the file's name)."""

    context: str
    source: str

    def __str__(self) -> str:
        return translate(self.context, self.source)

    def arg(self, *values: str) -> str:
        text = str(self)
        for number, value in enumerate(values, 1):
            text = text.replace(f"%{number}", value)
        return text


INITIALIZING = ScreenText("InitializingScreen", "Charging station initializing")
PLEASE_WAIT = ScreenText("InitializingScreen", "Please wait")
CHOOSE_AND_PLUG = ScreenText("HomeScreen", "Choose a connector and plug in")
THEN_TAP = ScreenText("HomeScreen", "Then tap your card, scan the QR code or use the app.")
PLUG_IN_TO_CHARGE = ScreenText("HomeScreen", "Plug in to charge")
BEFORE_OR_AFTER = ScreenText("HomeScreen", "Tap your card, scan the QR code or use the app, before or after "
                                           "plugging in.")
CABLE_CONNECTED = ScreenText("HomeScreen", "Cable connected")
TAP_TO_START = ScreenText("HomeScreen", "Tap your card on the reader or scan the QR code to start charging.")
# ... while the QR code and the app cannot start a session (the central system is unreachable)
THEN_TAP_CARD = ScreenText("HomeScreen", "Then tap your card on the reader.")
CARD_BEFORE_OR_AFTER = ScreenText("HomeScreen", "Tap your card on the reader, before or after plugging in.")
TAP_CARD_TO_START = ScreenText("HomeScreen", "Tap your card on the reader to start charging.")
PRICE = ScreenText("TariffLine", "Price")
SIDE_STATE = ScreenText("ConnectorChip", "%1 · %2")
PUSH_IN = ScreenText("PlugInScreen", "Take the connector from its holder and push it firmly into your vehicle's "
                                     "charging inlet.")
SECONDS_LEFT = ScreenText("Countdown", "seconds left")
LEFT_TO_CANCEL = ScreenText("PlugInScreen", "Press the left button to cancel")
PREPARING = ScreenText("PreparingScreen", "Preparing to charge")
KEEP_CONNECTED = ScreenText("PreparingScreen", "Keep the cable connected. Charging starts by itself.")
PREPARE_STEPS = (ScreenText("PreparingScreen", "Communicating with vehicle"),
                 ScreenText("PreparingScreen", "Cable check"), ScreenText("PreparingScreen", "Isolation test"),
                 ScreenText("PreparingScreen", "Pre-charge"))
IN_PROGRESS = ScreenText("StepRow", "In progress")
BATTERY_AT = ScreenText("PreparingScreen", "Battery %1")
TARGET = ScreenText("SocGauge", "Target %1")
POWER = ScreenText("PowerReadout", "Power")
ENERGY = ScreenText("ChargingPanel", "Energy")
TIME_TO_TARGET = ScreenText("ChargingPanel", "Time to target")
COST_SO_FAR = ScreenText("ChargingPanel", "Cost so far")
SHARED = ScreenText("ChargingPanel", "Power shared with the other connector")
TO_STOP = ScreenText("ChargingScreen", "Tap your card or press Stop to end charging")
FINISHED = ScreenText("SummaryScreen", "Charging finished")
STOPPED = ScreenText("SummaryScreen", "Charging stopped")
ENERGY_DELIVERED = ScreenText("SummaryScreen", "Energy delivered")
COST = ScreenText("SummaryScreen", "Cost")
DURATION = ScreenText("SummaryScreen", "Duration")
UNPLUG = ScreenText("SummaryScreen", "Unplug the connector and return it to the holder")
STATUS_CODE = ScreenText("StatusCodeLine", "Status code %1 · %2")
WHAT_TO_DO = ScreenText("StatusScreen", "What to do")
OUT_OF_SERVICE = ScreenText("OutOfServiceScreen", "Out of service")
USE_ANOTHER = ScreenText("OutOfServiceScreen", "Please use another charger or contact the operator.")
CHARGER_ID = ScreenText("OutOfServiceScreen", "Charger ID %1")
UPDATING = ScreenText("UpdatingScreen", "Updating the charger software")
BACK_SOON = ScreenText("UpdatingScreen", "Back in a few minutes")
UPDATING_CHARGER_ID = ScreenText("UpdatingScreen", "Charger ID %1")
OPERATED_BY = ScreenText("ContactLine", "Operated by %1")
START_FAILED = ScreenText("StartFailedScreen", "Charging did not start")

#: Every QML string the voice says (a test checks each has a translation in every language).
SCREEN_TEXTS = tuple(value for value in list(globals().values()) if isinstance(value, ScreenText)) + PREPARE_STEPS


def spoken_text(view: StationView, fmt: Formatter, status_index: int = 0) -> str:
    """What the voice says for ``view``: a few sentences in ``fmt``'s language ("" on the
    technicians' screens)."""
    spoken = SpokenFormatter(fmt.language, fmt.time_zone, fmt.utc_offset_minutes)
    return speakable(spoken_phrases(view, spoken, status_index), spoken)


def spoken_phrases(view: StationView, fmt: SpokenFormatter, status_index: int = 0) -> list[str]:
    """The phrases of :func:`spoken_text`, in the order the screen shows them."""
    kiosk = kiosk_values(view, fmt, status_index)
    connector = connector_values(view.focused_connector, view, fmt)
    screen = screen_for(view)
    say = _SCREENS.get(screen)
    return [phrase for phrase in say(kiosk, connector, view, fmt) if phrase] if say else []


def speakable(phrases: list[str], fmt: SpokenFormatter) -> str:
    """The phrases as sentences, unit symbols worded ("per kWh" -> "per kilowatt hour")."""
    stop = "。" if fmt.language in _CJK else "."
    sentences = []
    for phrase in phrases:
        sentence = _SYMBOL.sub(lambda match: fmt.unit_name(match.group(1)), phrase.replace(" · ", ", ").strip())
        if fmt.language in _PERCENT_BEFORE:
            sentence = _PERCENTAGE.sub(_PERCENT_BEFORE[fmt.language] + r"\1", sentence)
        if fmt.language in _DECIMAL_POINT:
            sentence = _POINT.sub(_DECIMAL_POINT[fmt.language], sentence)
        sentences.append(sentence if sentence[-1] in ".!?。！？…" else sentence + stop)
    return ("" if fmt.language in _CJK else " ").join(sentences)


def digits(code: str) -> str:
    """A status code said digit by digit ("012251" -> "0 1 2 2 5 1")."""
    return " ".join(code)


def phone_digits(phone: str) -> str:
    """A phone number said digit by digit in its printed groups ("+1 (800) 555-0142" ->
    "1, 8 0 0, 5 5 5, 0 1 4 2"): eSpeak NG would read "555" as a number (five hundred ...)."""
    return ", ".join(" ".join(group) for group in re.findall(r"\d+", phone))


def _contact(kiosk: KioskValues, address: bool = True) -> list[str]:
    """Who to call, as the screen shows it: the operator, the helpdesk, and (``address``) the site."""
    return [OPERATED_BY.arg(kiosk.contactOperator) if kiosk.contactOperator else "",
            help_call_text(phone_digits(kiosk.contactPhone)) if kiosk.contactPhone else "",
            kiosk.contactAddress if address else ""]


def _side(connector: ConnectorValues, view: StationView) -> str:
    """The connector's side and standard, when the model has two."""
    return SIDE_STATE.arg(connector.sideText, connector.standard) if len(view.connectors) > 1 else ""


def _initializing(kiosk: KioskValues, connector: ConnectorValues, view: StationView,
                  fmt: SpokenFormatter) -> list[str]:
    return [str(INITIALIZING), kiosk.initStepText, str(PLEASE_WAIT)]


def _home(kiosk: KioskValues, connector: ConnectorValues, view: StationView, fmt: SpokenFormatter) -> list[str]:
    card_only = not kiosk.qrEnabled and not kiosk.appEnabled  # as HomeScreen.qml's cardOnly
    if connector.awaitingAuthorization:
        heading, instruction = CABLE_CONNECTED, TAP_CARD_TO_START if card_only else TAP_TO_START
    elif kiosk.connectorCount == 1:
        heading, instruction = PLUG_IN_TO_CHARGE, CARD_BEFORE_OR_AFTER if card_only else BEFORE_OR_AFTER
    else:
        heading, instruction = CHOOSE_AND_PLUG, THEN_TAP_CARD if card_only else THEN_TAP
    phrases = [kiosk.noticeText, str(heading), str(instruction)]
    phrases.append(SIDE_STATE.arg(_side(connector, view) or connector.standard, connector.stateText))
    if kiosk.tariffLines:
        phrases += [f"{PRICE}: {kiosk.tariffLines[0]}", *kiosk.tariffLines[1:]]
    return phrases


def _plugin(kiosk: KioskValues, connector: ConnectorValues, view: StationView, fmt: SpokenFormatter) -> list[str]:
    return [kiosk.noticeText, kiosk.plugInText, str(PUSH_IN),
            f"{SECONDS_LEFT}: {fmt.number(kiosk.plugInSecondsLeft, 0)}", str(LEFT_TO_CANCEL)]


def _preparing(kiosk: KioskValues, connector: ConnectorValues, view: StationView, fmt: SpokenFormatter) -> list[str]:
    stage = connector.prepareStage
    step = f"{PREPARE_STEPS[stage - 1]}: {IN_PROGRESS}" if 1 <= stage <= len(PREPARE_STEPS) else ""
    battery = BATTERY_AT.arg(connector.socText) if connector.socText else ""
    # a session waiting for power (controller.queue): why, and when it starts by itself
    return [_side(connector, view), str(PREPARING), str(KEEP_CONNECTED), connector.waitingText,
            connector.waitingUntilText, step, battery]


def _charging(kiosk: KioskValues, connector: ConnectorValues, view: StationView, fmt: SpokenFormatter) -> list[str]:
    if connector.state == ConnectorState.PREPARING.value:  # the focused one is still preparing
        return _preparing(kiosk, connector, view, fmt)
    phrases = [_side(connector, view), connector.stateText, connector.waitingText, connector.waitingUntilText]
    if connector.socText:
        phrases.append(BATTERY_AT.arg(connector.socText))
    if connector.targetSocText:
        phrases.append(TARGET.arg(connector.targetSocText))
    phrases.append(f"{POWER}: {fmt.with_unit(connector.powerKw, 'kW')}")
    phrases.append(f"{ENERGY}: {connector.energyText}")
    if connector.etaText:
        phrases.append(f"{TIME_TO_TARGET}: {connector.etaText}")
    if connector.costText:
        phrases.append(f"{COST_SO_FAR}: {connector.costText}")
    phrases += [str(SHARED) if connector.sharedPower else "", connector.limitText, kiosk.noticeText, str(TO_STOP)]
    return phrases


def _summary(kiosk: KioskValues, connector: ConnectorValues, view: StationView, fmt: SpokenFormatter) -> list[str]:
    session = view.focused_connector.session
    phrases = [str(STOPPED if connector.statusCode else FINISHED), _side(connector, view), connector.stopReasonText]
    if connector.statusCode:
        phrases.append(STATUS_CODE.arg(digits(connector.statusCode), connector.statusText))
    phrases.append(f"{ENERGY_DELIVERED}: {connector.energyText}")
    if connector.costText or connector.costNoteText:
        phrases.append(f"{COST}: {connector.costText or connector.costNoteText}")
    if session is not None:
        phrases.append(f"{DURATION}: {fmt.minutes(session.charging_seconds)}")
    if connector.endSocText:
        phrases.append(BATTERY_AT.arg(connector.endSocText))
    return [*phrases, str(UNPLUG), *_contact(kiosk, address=False)]


def _status(kiosk: KioskValues, connector: ConnectorValues, view: StationView, fmt: SpokenFormatter) -> list[str]:
    phrases = [kiosk.statusScopeText, STATUS_CODE.arg(digits(kiosk.statusCode), kiosk.statusText)]
    if kiosk.statusSteps:
        phrases.append(str(WHAT_TO_DO))
        phrases += [f"{kiosk.statusStepOffset + number}. {step}" for number, step in enumerate(kiosk.statusSteps, 1)]
    return [*phrases, kiosk.statusReportText, *_contact(kiosk)]


def _out_of_service(kiosk: KioskValues, connector: ConnectorValues, view: StationView,
                    fmt: SpokenFormatter) -> list[str]:
    code = STATUS_CODE.arg(digits(kiosk.statusCode), kiosk.statusText) if kiosk.statusCode else ""
    return [str(OUT_OF_SERVICE), str(USE_ANOTHER), code, CHARGER_ID.arg(kiosk.chargePointId), *_contact(kiosk)]


def _updating(kiosk: KioskValues, connector: ConnectorValues, view: StationView, fmt: SpokenFormatter) -> list[str]:
    return [str(UPDATING), str(BACK_SOON), UPDATING_CHARGER_ID.arg(kiosk.chargePointId)]


def _start_failed(kiosk: KioskValues, connector: ConnectorValues, view: StationView,
                  fmt: SpokenFormatter) -> list[str]:
    failure = view.focused_connector.start_failure
    code = failure.code if failure is not None else ""
    phrases = [str(START_FAILED), kiosk.failedTitle, kiosk.failedText, str(WHAT_TO_DO)]
    phrases += [f"{number}. {step}" for number, step in enumerate(kiosk.failedSteps, 1)]
    return [*phrases, kiosk.failedKeptText, kiosk.failedCodeText.replace(code, digits(code)) if code else ""]


_SCREENS = {
    Screen.INITIALIZING: _initializing,
    Screen.HOME: _home,
    Screen.PLUGIN: _plugin,
    Screen.PREPARING: _preparing,
    Screen.CHARGING: _charging,
    Screen.SUMMARY: _summary,
    Screen.STATUS: _status,
    Screen.OUT_OF_SERVICE: _out_of_service,
    Screen.UPDATING: _updating,
    Screen.START_FAILED: _start_failed,
}
