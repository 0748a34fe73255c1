"""Station words to OCPP 1.6 words: connector states, status codes and stop reasons."""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v16.enums import ChargePointErrorCode, ChargePointStatus, Reason

from controller.mrec import mrec_of, vendor_id
from controller.ocpp.port import ConnectorSnapshot, ReportedCode, StationSnapshot
from controller.readings import Measurement
from controller.session import ConnectorState, StopReason
from controller.status_codes import lookup

#: Backend-lost status code per network interface (manual 5.3.7).
OFFLINE_CODES = {"ethernet": "033900", "wifi": "033901", "cellular": "033902"}
CODE_REMOTE_START = "033903"
CODE_REMOTE_STOP = "033904"
CODE_REMOTE_RESET = "033905"

#: ``info`` of StatusNotification is CiString50.
INFO_MAX = 50

# Words in a code's description, most specific first (manual 5.4 wording: OVP, UVP, OCP, OTP, GFD).
_KEYWORDS: tuple[tuple[tuple[str, ...], ChargePointErrorCode], ...] = (
    (("rfid",), ChargePointErrorCode.reader_failure),
    (("lock",), ChargePointErrorCode.connector_lock_failure),
    (("sensor broken",), ChargePointErrorCode.internal_error),
    (("otp", "temperature", "overheat"), ChargePointErrorCode.high_temperature),
    (("gfd", "groundfault", "ground fault", "rcd", "insulation"), ChargePointErrorCode.ground_failure),
    (("ocp", "over current", "overcurrent"), ChargePointErrorCode.over_current_failure),
    (("ovp", "over voltage", "overvoltage"), ChargePointErrorCode.over_voltage),
    (("uvp", "under voltage", "undervoltage", "input drop"), ChargePointErrorCode.under_voltage),
    (("relay", "contactor", "welding"), ChargePointErrorCode.power_switch_failure),
    (("meter",), ChargePointErrorCode.power_meter_failure),
    (("wifi", "3g/4g", "signal"), ChargePointErrorCode.weak_signal),
)


@dataclass(frozen=True, slots=True)
class ErrorReport:
    """The error fields of a StatusNotification."""

    error_code: ChargePointErrorCode
    vendor_error_code: str | None = None  # the six-digit status code, or its ChargeX MREC (CX...)
    info: str | None = None  # the measurement and/or the code's description (at most 50 characters)
    vendor_id: str | None = None  # the ChargeX consortium's id when vendor_error_code is a CX code


NO_ERROR = ErrorReport(ChargePointErrorCode.no_error)


def error_code_of(code: str) -> ChargePointErrorCode:
    """The OCPP ChargePointErrorCode of a six-digit status code (by its description)."""
    entry = lookup(code)
    text = entry.description.lower()
    for words, error in _KEYWORDS:
        if any(word in text for word in words):
            return error
    if entry.family == "023":
        return ChargePointErrorCode.ev_communication_error if "communication" in text or "timeout" in text \
            else ChargePointErrorCode.other_error
    if entry.family in ("011", "041"):
        return ChargePointErrorCode.internal_error
    return ChargePointErrorCode.other_error


def error_report(code: str, measurement: Measurement | None = None, mode: str = "manual") -> ErrorReport:
    """errorCode, vendorErrorCode and info for ``code`` (``mode``: ``[ocpp].vendor_error_code``).

    ``"manual"``: vendorErrorCode is the six digits and info the measurement (when there is
    one) and the description.  ``"mrec"``: a code matching a ChargeX MREC reports the CX
    code, the MREC vendorId, and (the MREC convention) the bare measurement as info.
    """
    description = lookup(code).description
    mrec = mrec_of(code) if mode == "mrec" else None
    if mrec is not None:
        info = f"{measurement.value:g}" if measurement is not None else None
        return ErrorReport(error_code_of(code), mrec.code, info, vendor_id())
    info = f"{measurement}: {description}" if measurement is not None else description
    return ErrorReport(error_code_of(code), code, info[:INFO_MAX])


def _report(code: ReportedCode, mode: str) -> ErrorReport:
    return error_report(code.code, code.measurement, mode)


def primary_report(codes: tuple[ReportedCode, ...] | list[ReportedCode], mode: str = "manual") -> ErrorReport:
    """The error a connector's status carries: its first blocking code, else its first code."""
    blocking = [c for c in codes if c.blocking]
    return _report(blocking[0], mode) if blocking else (_report(codes[0], mode) if codes else NO_ERROR)


def code_reports(snapshot: StationSnapshot, connector_id: int, mode: str = "manual") -> dict[str, ErrorReport]:
    """Every active code raised on ``connector_id`` itself (0: the station), oldest first,
    with its report: each one reaches the backend in a StatusNotification of its own."""
    return {c.code: _report(c, mode) for c in reversed(snapshot.codes) if c.connector_id == connector_id}


def connector_status(connector: ConnectorSnapshot, snapshot: StationSnapshot, operative: bool,
                     reserved: bool, mode: str = "manual") -> tuple[ChargePointStatus, ErrorReport]:
    """Status and error of a connector (>= 1).

    Faulted while a blocking code concerns it and no session runs; Unavailable before the
    self-test or when ChangeAvailability made it inoperative (a running session finishes
    first, and its summary stays Finishing); Reserved when free and reserved; otherwise from
    the session machine.
    """
    codes = snapshot.codes_for(connector.connector_id)
    blocking = [c for c in codes if c.blocking]
    report = primary_report(codes, mode)
    state = connector.state
    in_session = state in (ConnectorState.PREPARING, ConnectorState.CHARGING, ConnectorState.STOPPING)
    if blocking and not in_session:
        return ChargePointStatus.faulted, report
    if not snapshot.ready or state in (ConnectorState.UNAVAILABLE, ConnectorState.INOPERATIVE):
        return ChargePointStatus.unavailable, report
    if not operative and not in_session and state is not ConnectorState.FINISHED:
        return ChargePointStatus.unavailable, report
    if state in (ConnectorState.AVAILABLE, ConnectorState.RESERVED):
        reserved = reserved or state is ConnectorState.RESERVED
        return (ChargePointStatus.reserved if reserved else ChargePointStatus.available), report
    if state in (ConnectorState.PLUGGED, ConnectorState.PREPARING):
        return ChargePointStatus.preparing, report
    if state is ConnectorState.CHARGING:
        if connector.offered_w <= 0:
            return ChargePointStatus.suspended_evse, report
        return ChargePointStatus.charging, report
    return ChargePointStatus.finishing, report  # stopping, finished


def station_status(snapshot: StationSnapshot, operative: bool,
                   mode: str = "manual") -> tuple[ChargePointStatus, ErrorReport]:
    """Connector 0 (the charge point itself): Available, Unavailable (before the self-test, out
    of service, or while a software update installs) or Faulted."""
    codes = [c for c in snapshot.codes if c.connector_id == 0]
    blocking = [c for c in codes if c.blocking]
    report = primary_report(codes, mode)
    if blocking:
        return ChargePointStatus.faulted, report
    if not snapshot.ready or not operative or snapshot.software_update:
        return ChargePointStatus.unavailable, report
    return ChargePointStatus.available, report


#: The OCPP 1.6 Reason of each way a session ends.
REASONS: dict[StopReason, Reason] = {
    StopReason.STOP_BUTTON: Reason.local,
    StopReason.CARD: Reason.local,
    StopReason.EV_TARGET_REACHED: Reason.local,
    StopReason.EV_BATTERY_FULL: Reason.local,
    StopReason.EV_REQUEST: Reason.local,
    StopReason.EV_DISCONNECTED: Reason.ev_disconnected,
    StopReason.FAULT: Reason.other,
    StopReason.EMERGENCY_STOP: Reason.emergency_stop,
    StopReason.REMOTE: Reason.remote,
    StopReason.SOFT_RESET: Reason.soft_reset,
    StopReason.HARD_RESET: Reason.hard_reset,
    StopReason.UNLOCK_COMMAND: Reason.unlock_command,
    StopReason.DEAUTHORIZED: Reason.de_authorized,
    StopReason.TIME_LIMIT: Reason.other,
    StopReason.POWER_LOSS: Reason.power_loss,
    StopReason.OTHER: Reason.other,
}
#: The stop reasons a central system (or this charge point for it) may ask for by Reason.
_REQUESTED = (StopReason.REMOTE, StopReason.SOFT_RESET, StopReason.HARD_RESET, StopReason.UNLOCK_COMMAND,
              StopReason.DEAUTHORIZED, StopReason.EMERGENCY_STOP, StopReason.POWER_LOSS)


def reason_of(stop: StopReason) -> str:
    """The OCPP 1.6 Reason (its string) of a station StopReason."""
    return REASONS[stop].value


def stop_reason_of(reason: str) -> StopReason:
    """The station's stop reason for an OCPP 1.6 Reason the backend asks for (Other when unknown)."""
    return next((stop for stop in _REQUESTED if REASONS[stop].value == reason), StopReason.OTHER)


def stop_reason(reason: StopReason | str) -> Reason:
    """OCPP Reason of a station StopReason (or of an OCPP reason string passed through)."""
    if isinstance(reason, StopReason):
        return REASONS[reason]
    try:
        return Reason(reason)
    except ValueError:
        return Reason.other
