"""StationView -> view-model values: the texts a driver reads, translated and formatted.

Pure functions apart from Qt's translation look-up, so every string that reaches
the screen is produced (and testable) here, and QML only lays them out.  They return
the view models' own value classes (:mod:`hmi.values`), each built with every field.
"""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication

from controller.display_messages import DisplayMessage, MessagePriority
from controller.mrec import reported_code
from controller.power import Limit
from controller.queue import WaitReason
from controller.security_events import SecurityEvent
from controller.session import ConnectorState
from controller.status_codes import lookup
from controller.types import AuthMethod, BoardStage, LedPattern, Side
from controller.view import (
    ActiveCode,
    BusLink,
    CodeEvent,
    ConnectorView,
    EngineerView,
    NoticeKind,
    PinPad,
    StartFailureView,
    StationView,
)
from hmi.format import Formatter
from hmi.i18n import CATALOG_CONTEXT, LANGUAGES, language
from hmi.navigation import in_use, screen_for, status_codes
from hmi.qr_provider import qr_url
from hmi.screens import Screen
from hmi.values import ConnectorValues, EngineerCode, EngineerColumn, KioskValues, LanguageEntry

# pyside6-lupdate extracts ``translate("Context", "text")`` calls (tools/i18n.py update).
translate = QCoreApplication.translate

_PREPARE_STAGES = {
    BoardStage.COMMUNICATION: 1,
    BoardStage.CABLE_CHECK: 2,
    BoardStage.ISOLATION_TEST: 3,
    BoardStage.PRECHARGE: 4,
    BoardStage.CHARGING: 5,
}


def side_text(side: Side) -> str:
    if side is Side.LEFT:
        return translate("Presenter", "Left")
    return translate("Presenter", "Right")


def state_text(state: str) -> str:
    texts = {
        ConnectorState.UNAVAILABLE.value: translate("Presenter", "Starting up"),
        ConnectorState.AVAILABLE.value: translate("Presenter", "Available"),
        ConnectorState.RESERVED.value: translate("Presenter", "Reserved"),
        ConnectorState.INOPERATIVE.value: translate("Presenter", "Unavailable"),
        ConnectorState.PLUGGED.value: translate("Presenter", "Connected – authorize to start"),
        ConnectorState.PREPARING.value: translate("Presenter", "Preparing"),
        ConnectorState.CHARGING.value: translate("Presenter", "Charging"),
        ConnectorState.STOPPING.value: translate("Presenter", "Stopping"),
        ConnectorState.FINISHED.value: translate("Presenter", "Complete – please unplug"),
        "faulted": translate("Presenter", "Out of order"),  # the view's own state: a code blocks it
    }
    return texts.get(state, state)


def stop_reason_text(key: str) -> str:
    texts = {
        "stop_button": translate("Presenter", "Stopped with the Stop button"),
        "card": translate("Presenter", "Stopped with your card"),
        "ev_target_reached": translate("Presenter", "Your vehicle reached its charging target"),
        "ev_battery_full": translate("Presenter", "Battery full"),
        "ev_request": translate("Presenter", "Stopped by the vehicle"),
        "ev_disconnected": translate("Presenter", "Cable disconnected"),
        "fault": translate("Presenter", "Stopped because of a fault"),
        "emergency_stop": translate("Presenter", "Emergency stop"),
        "remote": translate("Presenter", "Stopped remotely"),
        "reset": translate("Presenter", "Stopped: the charger restarts"),
        "unlock_command": translate("Presenter", "Stopped to unlock the connector"),
        "deauthorized": translate("Presenter", "Stopped: your card was not accepted"),
        "time_limit": translate("Presenter", "Stopped at the maximum charging time"),
        "power_loss": translate("Presenter", "Stopped: the charger lost power"),
        "other": translate("Presenter", "Stopped by the operator"),
    }
    return texts.get(key, key)


def init_step_text(step: str) -> str:
    texts = {
        "io_board": translate("Presenter", "Checking the control boards"),
        "connectors": translate("Presenter", "Checking the connectors"),
        "power_modules": translate("Presenter", "Checking the power modules"),
        "led_board": translate("Presenter", "Checking the indicators"),
        "ready": translate("Presenter", "Ready"),
    }
    return texts.get(step, step)


#: Information codes the backend asks to show (manual 5.3.7), with the catalog text that says it best.
_INFO_CODE_STEP = {"033903": 0, "033905": 0}  # the first step; 033904 uses the short text


def info_code_text(code: str) -> str:
    """"033903 · Remote authorization passed: plug in the charging cable to charge." (translated)."""
    entry = lookup(code)
    step = _INFO_CODE_STEP.get(code)
    text = entry.steps[step] if step is not None and len(entry.steps) > step else entry.driver_text
    return f"{code} · {catalog_text(text)}"


def notice_text(kind: NoticeKind, code: str = "", connecting: bool = False) -> str:
    """The notice in the driver's language (``connecting``: the backend has not accepted the
    charger yet, which is why a card could not be checked)."""
    if kind is NoticeKind.STATUS_CODE:
        return info_code_text(code)
    texts = {
        NoticeKind.INVALID_CARD: translate("Presenter", "Invalid card. Please use another card or the app."),
        NoticeKind.CARD_NOT_FOR_SESSION: translate(
            "Presenter", "This card did not start the charging session. Use the same card to stop."),
        NoticeKind.NO_CONNECTOR_FREE: translate("Presenter", "No connector is free right now."),
        NoticeKind.PLUG_IN_TIMEOUT: translate("Presenter", "No cable was plugged in. Please authorize again."),
        NoticeKind.AUTHORIZED: translate("Presenter", "Authorized"),
        NoticeKind.CONNECTOR_BLOCKED: translate("Presenter", "This connector cannot be used right now."),
        NoticeKind.AUTHORIZING: translate("Presenter", "Checking your card…"),
        NoticeKind.RESERVED: translate("Presenter", "This connector is reserved for another driver."),
        NoticeKind.NO_VERDICT: translate("Presenter", "No answer about your card came in time. Please tap it again."),
        NoticeKind.CARD_UNCHECKED: translate(
            "Presenter", "The charger is offline and cannot check this card. Please try another card, or try "
                         "again later."),
    }
    if kind is NoticeKind.CARD_UNCHECKED and connecting:
        return translate("Presenter", "The charger is still connecting to the network and cannot check your "
                                      "card yet. Please try again in a minute.")
    return texts[kind]


def limit_text(connector: ConnectorView) -> str:
    """Which limit holds the power, when it is not the EV's own request."""
    if connector.state != ConnectorState.CHARGING.value or connector.limit is Limit.SHARED:
        return ""  # while sharing, the shared-power hint (``sharedPower``) says why
    if connector.waiting is not None:
        return ""  # no power at all: the queue's notice says why (waiting_texts)
    if connector.limit is Limit.PSU and connector.max_power_w == 0:
        return translate("Presenter", "Waiting for a free power module")
    texts = {
        Limit.CONNECTOR: translate("Presenter", "Limited by the connector's maximum current"),
        Limit.STATION: translate("Presenter", "Limited by the charger's available power"),
        Limit.PSU: translate("Presenter", "Reduced power: a power module is out of service"),
        Limit.TEMPERATURE: translate("Presenter", "Reduced power: high outside temperature"),
        Limit.INPUT: translate("Presenter", "Limited by the grid supply"),
        Limit.SCHEDULE: translate("Presenter", "Limited by the operator's charging schedule"),
    }
    return texts.get(connector.limit, "")


def waiting_texts(connector: ConnectorView, fmt: Formatter) -> tuple[str, str]:
    """Why a session gets no power yet and when it starts by itself ("", "" when it is not
    waiting): a schedule's end as a clock time, another session's end as "about" a duration."""
    waiting = connector.waiting
    if waiting is None or connector.state not in (ConnectorState.PREPARING.value, ConnectorState.CHARGING.value):
        return "", ""
    reasons = {
        WaitReason.OTHER_CONNECTOR: translate("Presenter", "The other connector is charging first"),
        WaitReason.PSU_DOWN: translate("Presenter", "A power module is out of service"),
        WaitReason.OPERATOR: translate("Presenter", "The operator has paused charging for now"),
        WaitReason.TEMPERATURE: translate("Presenter", "Too hot outside to charge for now"),
        WaitReason.GRID: translate("Presenter", "The grid supply is out of range"),
    }
    if waiting.at is not None:
        when = translate("Presenter", "Charging starts by itself at %1").replace("%1", fmt.clock(waiting.at))
    elif waiting.until_s is not None:
        when = translate("Presenter", "Charging starts by itself in about %1").replace(
            "%1", fmt.minutes(max(waiting.until_s, 60)))
    else:
        when = {
            WaitReason.OTHER_CONNECTOR: translate("Presenter", "Charging starts by itself when the other session ends"),
            WaitReason.PSU_DOWN: translate("Presenter", "Charging starts by itself when power is free again"),
            WaitReason.OPERATOR: translate("Presenter", "Charging starts by itself when the operator allows it"),
            WaitReason.TEMPERATURE: translate("Presenter", "Charging starts by itself when it is cooler"),
            WaitReason.GRID: translate("Presenter", "Charging starts by itself when the supply is normal"),
        }[waiting.reason]
    return reasons[waiting.reason], when


def tariff_lines(view: StationView, fmt: Formatter) -> list[str]:
    """The price that will apply, one line per component, before anyone charges. The backend's
    own price text replaces the local tariff: the driver's (OCA ``SetUserPrice``) once their
    card is authorized, else the station's (``DefaultPrice``)."""
    if view.pending is not None and view.pending.price_text is not None:
        return [view.pending.price_text.for_language(view.language)]
    if view.price_text is not None:
        return [view.price_text.for_language(view.language)]
    lines = []
    if view.energy_price:
        lines.append(translate("Presenter", "%1 per kWh").replace("%1", fmt.money(view.energy_price, view.currency)))
    if view.time_price:
        lines.append(translate("Presenter", "%1 per minute of charging")
                     .replace("%1", fmt.money(view.time_price, view.currency)))
    if view.session_fee:
        lines.append(translate("Presenter", "%1 session fee").replace("%1", fmt.money(view.session_fee, view.currency)))
    if view.idle_price:
        idle = fmt.money(view.idle_price, view.currency)
        if view.idle_grace_minutes:
            lines.append(translate("Presenter", "Idle fee %1 per minute, from %2 after charging ends")
                         .replace("%1", idle).replace("%2", fmt.grace(view.idle_grace_minutes)))
        else:
            lines.append(translate("Presenter", "Idle fee %1 per minute after charging ends").replace("%1", idle))
    return lines


def catalog_text(text: str) -> str:
    """A driver text of the status-code catalog in the active language."""
    return translate(CATALOG_CONTEXT, text)


def cost_text(connector: ConnectorView, view: StationView, fmt: Formatter) -> str:
    """The session's cost: the backend's (OCA RunningCost / FinalCost, OCPP 2.0.1 CostUpdated /
    totalCost) when it sent one, "Free" for a final cost of zero, else the local one. After the
    session, while the backend's total has not come and it gave a text for that, none (the
    text says why: :func:`cost_note_text`; an absent total is not a free one)."""
    session = connector.session
    if session is None:
        return ""
    backend = session.backend_cost
    if backend is not None and backend.final:
        return translate("Presenter", "Free") if backend.cost == 0 else fmt.money(backend.cost, backend.currency)
    if cost_note_text(connector, view):
        return ""
    if backend is not None:
        return fmt.money(backend.cost, backend.currency)
    return fmt.money(session.cost, view.currency) if session.cost is not None else ""


def cost_note_text(connector: ConnectorView, view: StationView) -> str:
    """After the session, the backend's text for a total cost it has not given (OCPP 2.0.1
    TotalCostFallbackMessage); "" otherwise."""
    session = connector.session
    if (session is None or view.total_cost_fallback is None or connector.state != ConnectorState.FINISHED.value
            or (session.backend_cost is not None and session.backend_cost.final)):
        return ""
    return view.total_cost_fallback.for_language(view.language)


def operator_message_values(message: DisplayMessage | None, view: StationView) -> dict[str, Any]:
    """The operator's message area (Home, Charging): its text (a link as its address: a QR code
    of it would stand beside the screen's own, or crowd the charging figures), whether it is
    AlwaysFront, and the font of its own language."""
    if message is None:
        return {"operatorMessageText": "", "operatorMessageFront": False,
                "operatorMessageFontFamily": language(view.language).font_family}
    tag = message.language if message.language in LANGUAGES else _same_base(message.language, view.language)
    return {
        "operatorMessageText": message.content,
        "operatorMessageFront": message.priority is MessagePriority.ALWAYS_FRONT,
        "operatorMessageFontFamily": language(tag).font_family,
    }


def _same_base(tag: str | None, active: str) -> str:
    """The kiosk language for a message in ``tag``: one of the same primary language (the
    active one first), else the active one."""
    if tag is not None:
        base = tag.split("-", maxsplit=1)[0].lower()
        for candidate in (active, *LANGUAGES):
            if candidate.split("-", maxsplit=1)[0].lower() == base:
                return candidate
    return active


def receipt_source(connector: ConnectorView) -> str:
    """The Summary screen's receipt QR code: the backend's ``qrCodeText`` (OCA FinalCost),
    else the local receipt link; "" for none."""
    session = connector.session
    if session is None or connector.state != ConnectorState.FINISHED.value:
        return ""
    payload = session.backend_cost.qr_code_text if session.backend_cost is not None else ""
    payload = payload or session.receipt_qr
    return qr_url(payload) if payload else ""


def language_values(view: StationView) -> dict[str, Any]:
    """The language button and picker: the active language and the offered ones, each named
    in its own language and drawn in its own font."""
    active = language(view.language)
    return {
        "language": active.tag,
        "languageName": active.name,
        "fontFamily": active.font_family,
        "languages": tuple(LanguageEntry(tag, LANGUAGES[tag].name, LANGUAGES[tag].font_family)
                           for tag in view.languages if tag in LANGUAGES),
        "highContrast": view.high_contrast,
        "largeText": view.large_text,
    }


def contact_values(view: StationView) -> dict[str, Any]:
    """Who to call ([station]): shown as configured, labelled by the screens (ContactLine)."""
    contact = view.contact
    if contact is None:
        return {"contactOperator": "", "contactPhone": "", "contactAddress": ""}
    return {"contactOperator": contact.operator, "contactPhone": contact.phone, "contactAddress": contact.address}


def help_call_text(phone: str) -> str:
    """The voice's sentence for the helpdesk (``phone`` already worded for the ear)."""
    return translate("Presenter", "For help, call %1").replace("%1", phone)


def qr_caption(view: StationView) -> str:
    """Under the QR code: how to use it, or why it cannot be used now (the backend is unreachable)."""
    if view.backend_connecting:
        return translate("Presenter", "Connecting to the charging network…")
    if view.backend_code:
        return catalog_text(lookup(view.backend_code).steps[0])
    return translate("Presenter", "Scan to pay and start with your phone")


def plug_in_text(view: StationView) -> str:
    if view.pending is None:
        return ""
    names = [view.connector(side).standard.display_name for side in view.pending.eligible]
    if len(names) == 1:
        return translate("Presenter", "Plug the %1 connector into your vehicle").replace("%1", names[0])
    return (translate("Presenter", "Plug the %1 or %2 connector into your vehicle")
            .replace("%1", names[0]).replace("%2", names[1]))


def button_texts(screen: Screen, view: StationView) -> tuple[str, str]:
    """What the left and right physical buttons do on this screen."""
    left = ""
    if screen is Screen.PLUGIN:
        left = translate("Presenter", "Cancel")
    elif screen in (Screen.PREPARING, Screen.CHARGING) and view.focused_connector.can_stop:
        left = translate("Presenter", "Stop")
    elif screen is Screen.SUMMARY:
        left = translate("Presenter", "Home")
    elif screen is Screen.START_FAILED:
        left = translate("Presenter", "Done")
        if can_try_again(view.focused_connector.start_failure):
            return left, translate("Presenter", "Try again")
    if screen is Screen.ENGINEER_PIN:
        return translate("Presenter", "Select"), translate("Presenter", "Next")
    if screen is Screen.ENGINEER:
        return "Exit", ""  # technicians: English
    switchable = len(view.connectors) > 1 and screen not in (Screen.INITIALIZING, Screen.PLUGIN)
    if screen is Screen.UPDATING:  # the other connector is worth a look only for a session still on it
        switchable = any(in_use(connector) for connector in view.connectors)
    right = translate("Presenter", "Switch connector") if switchable else ""
    return left, right


def connector_values(connector: ConnectorView, view: StationView, fmt: Formatter) -> ConnectorValues:
    """What the screens show about ``connector``."""
    session = connector.session
    state = connector.state
    charging_now = state in (ConnectorState.CHARGING.value, ConnectorState.STOPPING.value)
    code = session.stop_code if session and session.stop_code else ""
    if not code and connector.codes:
        code = connector.codes[0]
    waiting = waiting_texts(connector, fmt)
    return ConnectorValues.complete(
        index=connector.side.value,
        side=connector.side.label,
        sideText=side_text(connector.side),
        standard=connector.standard.display_name,
        state=state,
        stateText=translate("Presenter", "Waiting for power") if waiting[0] else state_text(state),
        ledColour=connector.led_colour.name.lower(),
        ledBlinking=connector.led_pattern is not LedPattern.STEADY,
        focused=connector.side == view.focused,
        prepareStage=(_PREPARE_STAGES.get(BoardStage(connector.stage), 0)
                      if state == ConnectorState.PREPARING.value else 0),
        socPercent=connector.soc if connector.soc is not None else -1,
        socText=fmt.percent(connector.soc) if connector.soc is not None else "",
        targetSocText=fmt.percent(connector.target_soc) if connector.target_soc is not None else "",
        powerText=fmt.power_kw(connector.power_w),
        powerKw=connector.power_w / 1000,
        maxPowerKw=connector.max_power_w / 1000,
        voltageText=fmt.voltage(connector.voltage_dv),
        currentText=fmt.current(connector.current_da),
        energyText=fmt.energy(session.energy_wh) if session else "",
        elapsedText=fmt.duration(session.charging_seconds) if session else "",
        etaText=fmt.minutes(connector.eta_seconds) if connector.eta_seconds is not None else "",
        costText=cost_text(connector, view, fmt),
        costNoteText=cost_note_text(connector, view),
        sharedPower=connector.shared_power and state == ConnectorState.CHARGING.value and not waiting[0],
        limitText=limit_text(connector),
        waitingText=waiting[0],
        waitingUntilText=waiting[1],
        powerHistory=tuple(watts / 1000 for watts in connector.power_history) if charging_now else (),
        chartScaleKw=view.max_power_w / 1000,
        chartScaleText=fmt.with_unit(view.max_power_w / 1000, "kW", 0),
        canStop=connector.can_stop,
        awaitingAuthorization=state == ConnectorState.PLUGGED.value,
        free=state == ConnectorState.AVAILABLE.value,
        sessionLive=charging_now,
        sessionRunning=connector.can_stop or charging_now,
        startSocText=fmt.percent(session.start_soc) if session and session.start_soc is not None else "",
        endSocText=fmt.percent(session.end_soc) if session and session.end_soc is not None else "",
        durationText=fmt.duration(session.charging_seconds) if session else "",
        stopReasonText=stop_reason_text(session.stop_reason) if session and session.stop_reason else "",
        startedText=fmt.date_time(session.started_wall) if session and session.started_wall else "",
        receiptQrSource=receipt_source(connector),
        statusCode=code,
        statusText=catalog_text(lookup(code).driver_text) if code else "",
    )


def kiosk_values(view: StationView, fmt: Formatter, status_index: int = 0) -> KioskValues:
    """Everything the kiosk shows for ``view`` but the connectors, with page ``status_index``
    of the status screen (kept within the pages there are)."""
    screen = screen_for(view)
    focused = view.focused_connector
    left, right = button_texts(screen, view)
    qr_side = view.pending.eligible[0] if view.pending and view.pending.eligible else view.focused
    qr_payload = view.qr_payloads[[c.side for c in view.connectors].index(qr_side)]
    pages = status_pages(status_codes(view, focused), steps_per_page(view))
    status_index = min(max(status_index, 0), max(len(pages) - 1, 0))
    values: dict[str, Any] = {
        "screen": screen,
        "chargePointId": view.charge_point_id,
        "versionCode": view.version,
        "modelName": view.model,
        "clockText": fmt.clock(view.wall_minute),
        "initProgress": float(view.init_progress),
        "initStepText": init_step_text(view.init_step),
        "connectorCount": len(view.connectors),
        "focusedIndex": [c.side for c in view.connectors].index(view.focused),
        "rfidEnabled": AuthMethod.RFID in view.methods,
        "qrEnabled": AuthMethod.QR in view.methods,
        "qrOffered": AuthMethod.QR in view.methods_offered,
        "appEnabled": AuthMethod.APP in view.methods,
        "qrSource": "image://qr/" + quote(qr_payload, safe=""),
        "qrCaption": qr_caption(view),
        "tariffLines": tuple(tariff_lines(view, fmt)),
        "plugInSecondsLeft": view.pending.seconds_left if view.pending else 0,
        "plugInText": plug_in_text(view),
        "noticeText": notice_text(view.notice.kind, view.notice.code, view.backend_connecting) if view.notice else "",
        "noticeIsError": bool(view.notice and view.notice.is_error),
        "leftButtonText": left,
        "rightButtonText": right,
        "online": view.online,
        "backendConfigured": view.backend_configured,
        "backendCode": view.backend_code,
        "statusCount": len(pages),
        "statusIndex": status_index,
        "preferencesVisible": screen is Screen.HOME,
        **display_values(view),
        **language_values(view),
        **contact_values(view),
        **operator_message_values(view.operator_message, view),
    }
    values.update(status_values(view, *pages[status_index]) if pages else status_values(view, None))
    values.update(pin_values(view.pin_pad))
    values.update(engineer_values(view))
    values.update(start_failed_values(view))
    return KioskValues.complete(**values)


# --- a failed start (controller.start_failure, controller.retry_hold) ---------------------


def can_try_again(failure: StartFailureView | None) -> bool:
    """The Try again button: the card kept, the cable in, and a kind that needs no re-plugging
    (the station's own check is controller.interaction.Interaction.can_try_again)."""
    return failure is not None and failure.seconds_left is not None and not failure.needs_replug and failure.cable_in


def failed_title(kind: str) -> str:
    """What happened, in one line."""
    texts = {
        "communication": translate("Presenter", "Your vehicle and the charger could not communicate"),
        "isolation": translate("Presenter", "The cable safety test did not pass"),
        "precharge": translate("Presenter", "Your vehicle did not get ready for charging"),
        "ev_refused": translate("Presenter", "Your vehicle did not accept the charge"),
    }
    return texts.get(kind, translate("Presenter", "Charging could not start"))


def failed_text(kind: str) -> str:
    """What happened, explained."""
    texts = {
        "communication": translate("Presenter", "The connection broke off before charging began. This often "
                                                "happens when the connector is not fully in."),
        "isolation": translate("Presenter", "Before charging, the charger checks that the cable is safely "
                                            "insulated. The check did not pass, so no power was sent."),
        "precharge": translate("Presenter", "The charger prepared the voltage, but your vehicle did not "
                                            "connect its battery in time."),
        "ev_refused": translate("Presenter", "Your vehicle stopped the start by itself, before any energy flowed."),
    }
    return texts.get(kind, translate("Presenter", "Charging stopped before any energy flowed."))


def failed_steps(failure: StartFailureView, dual: bool) -> tuple[str, ...]:
    """What the driver can do now."""
    steps = []
    if failure.kind == "ev_refused":
        steps.append(translate("Presenter", "Check that your vehicle is in Park and ready to charge."))
    if failure.seconds_left is not None:
        if not failure.needs_replug and failure.cable_in:
            steps.append(translate("Presenter", "Touch Try again, or unplug the cable and plug it in again."))
        elif failure.cable_in:
            steps.append(translate("Presenter", "Unplug the cable, then plug it in again firmly."))
        else:
            steps.append(translate("Presenter", "Plug the cable in again firmly."))
        steps.append(translate("Presenter", "Charging starts by itself. You do not need to tap your card again."))
    elif failure.retry_safe:
        steps.append(translate("Presenter", "Unplug the cable, plug it in again and authorize again."))
    else:
        if failure.cable_in:
            steps.append(translate("Presenter", "Unplug the cable."))
        steps.append(translate("Presenter", "Use the other connector, or call the operator for help.") if dual
                     else translate("Presenter", "Use another charger, or call the operator for help."))
    return tuple(steps)


def start_failed_values(view: StationView) -> dict[str, Any]:
    """The failed-start screen's texts for the focused connector (empty when it shows none)."""
    failure = view.focused_connector.start_failure
    if failure is None:
        return {"failedTitle": "", "failedText": "", "failedSteps": (), "failedCodeText": "", "failedKeptText": "",
                "failedTryAgain": False}
    left = failure.seconds_left
    kept = f"{left // 60}:{left % 60:02d}" if left is not None else ""
    return {
        "failedTitle": failed_title(failure.kind),
        "failedText": failed_text(failure.kind),
        "failedSteps": failed_steps(failure, len(view.connectors) > 1),
        "failedCodeText": translate("Presenter", "Code to quote: %1").replace("%1", failure.code) if failure.code
        else "",
        "failedKeptText": translate("Presenter", "Your card stays valid for %1").replace("%1", kept) if kept else "",
        "failedTryAgain": can_try_again(failure),
    }


def display_values(view: StationView) -> dict[str, Any]:
    """Display power (controller.display_power): the level, what the panel presents, the attract
    screen's drift, and the returns to Home that close the kiosk's overlays."""
    display = view.display
    return {
        "displayLevel": display.level.value,
        "displayLook": display.look.value,
        "attractX": float(display.drift[0]),
        "attractY": float(display.drift[1]),
        "homeReturns": display.home_returns,
    }


def stalled_values(values: KioskValues) -> KioskValues:
    """``values`` while the controller has stopped cycling: Out of service, with nothing a
    driver could act on (the numbers no longer move)."""
    return dataclasses.replace(values, screen=Screen.OUT_OF_SERVICE, statusCode="", statusText="",
                               leftButtonText="", rightButtonText="", noticeText="", displayLevel="awake",
                               displayLook="normal")


ENGINEER_TABS = ("Overview", "Connectors", "Status codes", "Look-up", "Security log", "Reliability")
# Lines of the status-code page (active codes, then the history, newest first).
ENGINEER_CODE_LINES = 12
# Events on the security-log page (newest first; each at most two lines at 800 x 480, above the Clear button).
ENGINEER_SECURITY_LINES = 4
# Characters of an event's technical information shown (the whole of it goes out with GetLog).
ENGINEER_SECURITY_INFO = 70


def pin_values(pad: PinPad | None) -> dict[str, Any]:
    """The engineer PIN pad (a driver may see it: translated)."""
    if pad is None:
        return {"pinEntered": 0, "pinCursor": 0, "pinMessageText": ""}
    message = ""
    if pad.message == "wrong":
        message = translate("Presenter", "Wrong PIN")
    elif pad.message == "locked":
        message = translate("Presenter", "Too many wrong PINs: try again in %1 s").replace(
            "%1", str(pad.seconds_locked))
    return {"pinEntered": pad.entered, "pinCursor": pad.cursor, "pinMessageText": message}


def _code_line(code: str, side: Any, tail: str = "") -> str:
    where = "station" if side is None else side.label
    return f"{code}  {where:<7} {lookup(code).description}{tail}"


def _event_line(event: CodeEvent) -> str:
    reading = f" ({event.measurement})" if event.measurement is not None else ""
    what = "raised " if event.raised else "cleared"
    return f"{event.at:%H:%M:%S} UTC {what} " + _code_line(event.code, event.side, reading)


def _security_line(event: SecurityEvent) -> str:
    """One security event: when (UTC), where it stands with the central system, what, and why."""
    text = event.tech_info
    if len(text) > ENGINEER_SECURITY_INFO:
        text = text[:ENGINEER_SECURITY_INFO - 1].rstrip() + "…"
    info = f": {text}" if text else ""
    return f"{event.timestamp:%m-%d %H:%M:%S} UTC  {event.kind} ({event.delivery.value}){info}"


def _security_lines(eng: EngineerView) -> tuple[str, ...]:
    events = eng.security_events[:ENGINEER_SECURITY_LINES]
    if not events:
        return ("No security events recorded.",)
    return tuple(_security_line(event) for event in events)


def _engineer_columns(view: StationView, eng: EngineerView) -> tuple[EngineerColumn, ...]:
    network = "no central system configured"
    if eng.backend_configured:
        network = "online" if eng.backend_online else f"offline ({eng.backend_code or 'connecting'})"
    station = [
        f"{view.model} {view.version}  id {view.charge_point_id}",
        f"serial {eng.serial_number}  firmware {eng.firmware_version}",
        "self-test: " + ", ".join(f"{node} {result}" for node, result in eng.boards),
        f"ambient {eng.ambient_c:g} °C  AC input {eng.input_voltage_v:g} V",
        "safety inputs: " + (", ".join(eng.safety) or "normal"),
        f"OCPP: {network}",
    ]
    if eng.backend_url:
        station.append(eng.backend_url)
    psus = []
    for p in eng.psus:
        if not p.present:
            psus.append(f"PSU {p.index + 1}: not answering")
            continue
        routed = p.routed_to.label if p.routed_to is not None else "–"
        fault = f"  fault {p.fault_code}" if p.fault_code else ""
        psus.append(f"PSU {p.index + 1}: {'on' if p.enabled else 'off'} → {routed}  {p.voltage_v:g} V "
                    f"{p.current_a:g} A  {p.temperature_c:g} °C{fault}")
    counters = [f"{what}: {count}" + (f" of {limit}" if limit else "") for what, count, limit in eng.counters]
    if eng.page == 0:
        return (EngineerColumn("Station", tuple(station)),
                EngineerColumn("Power modules and counters", (*psus, "", *counters)))
    if eng.page == RELIABILITY_PAGE:
        return _reliability_columns(eng)
    if eng.page != 1:
        return ()
    columns = []
    for c in eng.connectors:
        flags = [name for name, on in (("plugged", c.plugged), ("locked", c.locked),
                                       ("contactor closed", c.contactor_closed)) if on]
        columns.append(EngineerColumn(f"{c.side.label.title()} – {c.standard.display_name}", (
            f"state {c.state}, board stage {c.stage}",
            ", ".join(flags) or "unplugged",
            f"{c.voltage_v:g} V  {c.current_a:g} A  {c.power_w / 1000:.1f} kW",
            f"EV asks {c.ev_target_v:g} V {c.ev_target_a:g} A" + (f", SOC {c.soc}\u00a0%" if c.soc is not None else ""),
            f"board code {c.board_code or 'none'}",
            f"energy register {c.energy_register_wh / 1000:.3f} kWh",
        )))
    if eng.can_bus is not None:
        columns.append(EngineerColumn("Internal CAN bus", _can_bus_lines(eng.can_bus)))
    return tuple(columns)


#: The engineer screen's Reliability page (controller.engineer_screen.RELIABILITY_PAGE).
RELIABILITY_PAGE = 5


def _percent(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}\u00a0%"


def _reliability_columns(eng: EngineerView) -> tuple[EngineerColumn, ...]:
    """Each port's uptime as 23 CFR 680.116(b) counts it and its success rates, and the latest outages."""
    names = {c.side.connector_id: f"{c.side.label.title()} – {c.standard.display_name}" for c in eng.connectors}
    columns = [EngineerColumn(names.get(p.port, f"Port {p.port}"), (
        f"uptime 30 d {_percent(p.uptime_30d, 3)}",
        f"uptime 365 d {_percent(p.uptime_365d, 3)}",
        f"30 d: {p.outage_minutes_30d:g} min down, {p.excluded_minutes_30d:g} excluded",
        f"sessions (30 d) {p.sessions_30d}" + (f": {_percent(p.success_30d)} ok" if p.sessions_30d else ""),
        f"first attempts {p.first_attempts_30d}"
        + (f": {_percent(p.first_attempt_30d)} ok" if p.first_attempts_30d else ""),
        f"now: down ({p.down})" if p.down else "now: up",
    )) for p in eng.reliability]
    lines = tuple(f"{o.start:%m-%d %H:%M} {'L' if o.port == 1 else 'R'} {o.minutes:g} min {o.cause}"
                  + (f", {o.exclusion}" if o.exclusion else "") + (" (now)" if o.open else "") for o in eng.outages)
    columns.append(EngineerColumn("Latest outages (UTC)", lines or ("No outage recorded.",)))
    return tuple(columns)


#: The CAN error frame classes and failed sends the engineer screen names when they happened.
_CAN_ERRORS = ("no_ack", "bus_error", "protocol", "lost_arbitration", "controller", "transceiver", "tx_timeout",
               "bus_off", "restarted", "rx_overflow")
_CAN_SEND_FAULTS = (("send_queue_full", "queue full"), ("send_network_down", "interface down"),
                    ("send_no_device", "no adapter"), ("send_other", "other"))


def _can_bus_lines(bus: BusLink) -> tuple[str, ...]:
    """The internal bus: its state, the handle, the frames, and the errors that happened (by kind)."""
    counts = dict(bus.counters)
    errors = ", ".join(f"{name.replace('_', ' ')} {counts[name]}" for name in _CAN_ERRORS if counts.get(name))
    sends = ", ".join(f"{words} {counts[name]}" for name, words in _CAN_SEND_FAULTS if counts.get(name))
    link = "up" if bus.down_seconds is None else f"lost {bus.down_seconds} s ago, re-opening"
    reopened = f"re-opened {counts.get('reopens', 0)}" + (f", {counts['reopen_failures']} tries failed"
                                                         if counts.get("reopen_failures") else "")
    return (
        f"state {bus.state} for {bus.seconds} s",
        f"link {link}, {reopened}",
        f"frames in {counts.get('received', 0)}, out {counts.get('sent', 0)}",
        f"dropped: unknown id {counts.get('unknown_id', 0)}, malformed {counts.get('malformed', 0)}",
        f"error frames {counts.get('error_frames', 0)}" + (f": {errors}" if errors else ""),
        f"failed sends {counts.get('send_errors', 0)}" + (f": {sends}" if sends else ""),
    )


def _lookup_lines(eng: EngineerView) -> tuple[str, ...]:
    if not eng.query:
        return ("Type a six-digit code or words (as evse-hmi codes), or tap a code above.",)
    if not eng.results:
        return (f"Nothing found for “{eng.query}”.",)
    if len(eng.results) > 1:
        return tuple(f"{code}  {lookup(code).description}" for code in eng.results)
    info = lookup(eng.results[0])
    lines = (f"{info.code}  {info.description}", f"{info.family_name} ({info.severity}), {info.source}")
    return lines + tuple(f"{n}. {step}" for n, step in enumerate(info.technician_steps, 1))


def engineer_values(view: StationView) -> dict[str, Any]:
    """The engineer screen: technicians' facts, in English (not translated, like ``evse-hmi codes``)."""
    eng = view.engineer
    if eng is None:
        return {"engineerPage": 0, "engineerTabs": (), "engineerColumns": (), "engineerCodes": (),
                "engineerLookupLines": (), "engineerQuery": "", "engineerFooterText": "", "engineerSecurityLines": ()}
    codes = [EngineerCode("active   " + _code_line(c.code, c.side, "  (blocking)" if c.blocks_charging else ""),
                          c.code) for c in view.codes] or [EngineerCode("active   none", "")]
    codes += [EngineerCode(_event_line(event), event.code) for event in eng.recent]
    return {
        "engineerPage": eng.page,
        "engineerTabs": ENGINEER_TABS,
        "engineerColumns": _engineer_columns(view, eng),
        "engineerCodes": tuple(codes[:ENGINEER_CODE_LINES]),
        "engineerLookupLines": _lookup_lines(eng),
        "engineerSecurityLines": _security_lines(eng),
        "engineerQuery": eng.query,
        "engineerFooterText": f"Closes in {eng.seconds_left} s without activity",
    }


#: Steps on one page of the status screen: more (manual 5.3.6 has seven) go on further pages,
#: which the pager steps through like the codes themselves.
STEPS_PER_PAGE = 3
#: ... in larger text (``StationView.large_text``): the larger lines of three steps do not fit.
STEPS_PER_PAGE_LARGE_TEXT = 2


def steps_per_page(view: StationView) -> int:
    """How many of a code's steps one page of the status screen shows for ``view``."""
    return STEPS_PER_PAGE_LARGE_TEXT if view.large_text else STEPS_PER_PAGE


def status_pages(codes: list[ActiveCode], per_page: int = STEPS_PER_PAGE) -> list[tuple[ActiveCode, int]]:
    """The status screen's pages: each code once per ``per_page`` of its steps (its first step's index)."""
    return [(code, first) for code in codes
            for first in range(0, max(len(lookup(code.code).steps), 1), per_page)]


def status_values(view: StationView, active: ActiveCode | None, first_step: int = 0) -> dict[str, Any]:
    if active is None:
        return {"statusCode": "", "statusText": "", "statusScopeText": "", "statusSteps": (), "statusStepOffset": 0,
                "statusReportText": ""}
    info = lookup(active.code)
    if active.side is None:
        scope = translate("Presenter", "Charger")
    else:
        standard = view.connector(active.side).standard.display_name
        if active.side is Side.LEFT:
            scope = translate("Presenter", "Left connector (%1)").replace("%1", standard)
        else:
            scope = translate("Presenter", "Right connector (%1)").replace("%1", standard)
    return {
        "statusCode": info.code,
        "statusText": catalog_text(info.driver_text),
        "statusScopeText": scope,
        "statusSteps": tuple(catalog_text(step) for step in info.steps[first_step:first_step + steps_per_page(view)]),
        "statusStepOffset": first_step,
        "statusReportText": report_text(view, info.code),
    }


def report_text(view: StationView, code: str) -> str:
    """The ChargeX MREC display convention (``[ocpp].vendor_error_code = "mrec"``): the driver
    reads that the operator has been notified (when the backend is reachable) and which code
    to quote to customer service; "" in the manual's mode, where the code above says it all."""
    if view.vendor_code_mode != "mrec":
        return ""
    quoted = reported_code(code, "mrec")
    if view.backend_configured and view.online:
        return translate("Presenter", "The operator has been notified. If you contact customer service, "
                                      "quote code %1.").replace("%1", quoted)
    return translate("Presenter", "If you contact customer service, quote code %1.").replace("%1", quoted)
