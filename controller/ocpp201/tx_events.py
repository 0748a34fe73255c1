"""TransactionEvent payloads and the 2.0.1 words for the station's: stop reasons, charging
states and the TxStopPoint rule.  Pure: payloads are snake_case keyword arguments of
:class:`ocpp.v201.call.TransactionEvent` without ``seq_no`` and ``transaction_id`` (the queue
fills those in, :mod:`controller.ocpp201.tx_queue`), enums as their string values.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from controller.ocpp.port import ConnectorSnapshot
from controller.ocpp.queue import ocpp_time
from controller.session import ConnectorState, StopReason

#: stoppedReason and triggerReason of each way a session ends.  The trigger follows EVerest
#: libocpp (``stop_reason_to_trigger_reason_enum``) where it has one: an EV stop is
#: ChargingStateChanged, a SoC limit EnergyLimitReached, a cable lost EVCommunicationLost
#: (OCTT TC_E_20), a power loss or fault AbnormalCondition.  Both resets are ImmediateReset:
#: on 2.0.1 only a Reset Immediate cuts a session (OnIdle waits for it to end).
STOPS: dict[StopReason, tuple[str, str]] = {
    StopReason.STOP_BUTTON: ("Local", "StopAuthorized"),
    StopReason.CARD: ("Local", "StopAuthorized"),
    StopReason.EV_TARGET_REACHED: ("SOCLimitReached", "EnergyLimitReached"),
    StopReason.EV_BATTERY_FULL: ("SOCLimitReached", "EnergyLimitReached"),
    StopReason.EV_REQUEST: ("StoppedByEV", "ChargingStateChanged"),
    StopReason.EV_DISCONNECTED: ("EVDisconnected", "EVCommunicationLost"),
    StopReason.FAULT: ("Other", "AbnormalCondition"),
    StopReason.EMERGENCY_STOP: ("EmergencyStop", "AbnormalCondition"),
    StopReason.REMOTE: ("Remote", "RemoteStop"),
    StopReason.SOFT_RESET: ("ImmediateReset", "ResetCommand"),
    StopReason.HARD_RESET: ("ImmediateReset", "ResetCommand"),
    StopReason.UNLOCK_COMMAND: ("Other", "UnlockCommand"),
    StopReason.DEAUTHORIZED: ("DeAuthorized", "Deauthorized"),
    StopReason.TIME_LIMIT: ("TimeLimitReached", "TimeLimitReached"),
    StopReason.POWER_LOSS: ("PowerLoss", "AbnormalCondition"),
    StopReason.OTHER: ("Other", "AbnormalCondition"),
}

#: The 1.6-like TxStopPoint (OCPP201-NOTES §3).
DEFAULT_STOP_POINT = "EVConnected,Authorized"
#: TxStopPoint members whose end comes with the station's session end (its SessionStopped).
_ENDS_WITH_SESSION = frozenset({"Authorized", "PowerPathClosed", "EnergyTransfer", "DataSigned"})


def ends_at_session_stop(stop_point: str | None) -> bool:
    """True when the transaction ends as the session stops; False when only the cable's
    departure ends it (TxStopPoint EVConnected and/or ParkingBayOccupancy, which this
    station, having no bay sensor, reads as the cable)."""
    members = {m.strip() for m in (stop_point or DEFAULT_STOP_POINT).split(",") if m.strip()}
    return not members or bool(members & _ENDS_WITH_SESSION)


def charging_state(connector: ConnectorSnapshot) -> str:
    """The chargingState of an EVSE: Charging while energy flows, SuspendedEVSE while the
    station offers none, SuspendedEV while the EV takes none, EVConnected with a cable in
    and no energy transfer, Idle otherwise."""
    state = connector.state
    if state is ConnectorState.CHARGING:
        if connector.offered_w <= 0:
            return "SuspendedEVSE"
        return "Charging" if connector.power_w > 0 else "SuspendedEV"
    if state in (ConnectorState.PREPARING, ConnectorState.STOPPING) or connector.plugged:
        return "EVConnected"
    return "Idle"


def payload(event_type: str, timestamp: datetime, trigger_reason: str, offline: bool,
            transaction_info: dict[str, Any] | None = None, meter_values: list[dict[str, Any]] | None = None,
            **fields: Any) -> dict[str, Any]:
    """A TransactionEvent's fields (``fields``: evse, id_token, reservation_id, ...; None ones
    are left out).  ``offline`` is written only when True."""
    built: dict[str, Any] = {"event_type": event_type, "timestamp": ocpp_time(timestamp),
                             "trigger_reason": trigger_reason, "transaction_info": dict(transaction_info or {})}
    if meter_values:
        built["meter_value"] = meter_values
    if offline:
        built["offline"] = True
    built.update({key: value for key, value in fields.items() if value is not None})
    return built


def evse(evse_id: int) -> dict[str, int]:
    """The EVSE of a connector: each EVSE of this station has one connector, number 1."""
    return {"id": evse_id, "connector_id": 1}
