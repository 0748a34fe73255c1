"""The station's status codes as OCPP 2.0.1 NotifyEvent, and connector statuses in 2.0.1 words.

2.0.1's StatusNotification has no error code: faults travel as NotifyEvent eventData on the
component they concern (OCPP201-NOTES §6).  Each active code of the snapshot
(:class:`~controller.ocpp.port.ReportedCode`) is an event of the standardized boolean
variable ``Problem`` (as EVerest reports errors) on the component ``EVSE`` (``evse.id`` = the
connector's OCPP id: one connector per EVSE on this charger) or ``ChargingStation`` for a
station-wide code:

* a code that appears: trigger Delta, HardWiredNotification, actualValue ``"true"``,
  techCode the six digits (or, with ``[ocpp].vendor_error_code = "mrec"``, the ChargeX CX
  code where one matches: CharIN's 2.x mapping puts MREC codes in techCode), techInfo the
  code's description, after its reading when it has one (``"input 280 V: Input OVP"``);
* a code that clears: the same with ``cleared`` true, ``cause`` the eventId that raised it,
  and actualValue whether the component still has a problem (another code in force).

Event ids must be unique and increasing for the station's lifetime: the caller keeps the
next one (and stores it, so a restart does not reuse ids).  After a restart (no previous
snapshot) every code in force is raised again.

:func:`statuses` is StatusNotification's connectorStatus per (evseId, connectorId), the
1.6 rules of :func:`controller.ocpp.mapping.connector_status` in 2.0.1 words: Preparing,
Charging, SuspendedEV, SuspendedEVSE and Finishing are all Occupied.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ocpp.v16.enums import ChargePointStatus

from controller.mrec import reported_code
from controller.ocpp.mapping import connector_status
from controller.ocpp.port import ReportedCode, StationSnapshot
from controller.ocpp.queue import ocpp_time
from controller.status_codes import lookup

VARIABLE = "Problem"
STATION_COMPONENT = "ChargingStation"
EVSE_COMPONENT = "EVSE"
TECH_INFO_MAX = 500
CONNECTOR_ID = 1  # every EVSE of this charger has one connector

#: The key of an active code: its six digits and its OCPP connector id (0: the station).
CodeKey = tuple[str, int]

_STATUS_201 = {
    ChargePointStatus.available: "Available",
    ChargePointStatus.preparing: "Occupied",
    ChargePointStatus.charging: "Occupied",
    ChargePointStatus.suspended_ev: "Occupied",
    ChargePointStatus.suspended_evse: "Occupied",
    ChargePointStatus.finishing: "Occupied",
    ChargePointStatus.reserved: "Reserved",
    ChargePointStatus.unavailable: "Unavailable",
    ChargePointStatus.faulted: "Faulted",
}


def component(connector_id: int) -> dict[str, Any]:
    """The component a code concerns: the EVSE of ``connector_id``, or the station for 0."""
    if connector_id == 0:
        return {"name": STATION_COMPONENT}
    return {"name": EVSE_COMPONENT, "evse": {"id": connector_id}}


def tech_info(code: ReportedCode) -> str:
    """The code's description, after its reading when it has one (at most 500 characters)."""
    description = lookup(code.code).description
    text = f"{code.measurement}: {description}" if code.measurement is not None else description
    return text[:TECH_INFO_MAX]


def _key(code: ReportedCode) -> CodeKey:
    return code.code, code.connector_id


def _event(event_id: int, now: datetime, code: ReportedCode, mrec: bool, problem: bool,
           cleared: bool, cause: int | None) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "timestamp": ocpp_time(now),
        "trigger": "Delta",
        "cause": cause,
        "actual_value": "true" if problem else "false",
        "tech_code": reported_code(code.code, "mrec" if mrec else "manual"),
        "tech_info": tech_info(code),
        "cleared": cleared,
        "event_notification_type": "HardWiredNotification",
        "component": component(code.connector_id),
        "variable": {"name": VARIABLE},
    }


def _changes(previous: StationSnapshot | None,
             current: StationSnapshot) -> tuple[list[ReportedCode], list[ReportedCode]]:
    """The codes that cleared and those that appeared (oldest first)."""
    before = {_key(c): c for c in (previous.codes if previous is not None else ())}
    after = {_key(c) for c in current.codes}
    cleared = [code for key, code in before.items() if key not in after]
    appeared = [code for code in reversed(current.codes) if _key(code) not in before]  # snapshots: newest first
    return cleared, appeared


def code_events(previous: StationSnapshot | None, current: StationSnapshot, now: datetime, next_event_id: int,
                mrec: bool = False, raised: Mapping[CodeKey, int] | None = None) -> list[dict[str, Any]]:
    """The eventData (snake_case) for the codes that appeared and cleared between two snapshots.

    Ids run from ``next_event_id``: the cleared codes first, then the new ones, oldest first.
    ``raised``: the eventId that raised each active code (the ``cause`` of its clearing; left
    out when unknown).
    """
    cleared, appeared = _changes(previous, current)
    raised = raised or {}
    active_on = {c.connector_id for c in current.codes}
    events = [_event(next_event_id + i, now, code, mrec, code.connector_id in active_on, True, raised.get(_key(code)))
              for i, code in enumerate(cleared)]
    events += [_event(next_event_id + len(cleared) + i, now, code, mrec, True, False, None)
               for i, code in enumerate(appeared)]
    return [{k: v for k, v in e.items() if v is not None} for e in events]


@dataclass
class CodeEvents:
    """Which event raised each active code, and the next event id: the state around
    :func:`code_events` (``next_event_id`` is to be stored by the caller)."""

    next_event_id: int = 1
    raised: dict[CodeKey, int] = field(default_factory=dict)
    last: StationSnapshot | None = None

    def update(self, snapshot: StationSnapshot, now: datetime, mrec: bool = False) -> list[dict[str, Any]]:
        """The events since the last snapshot (none when the codes did not change)."""
        cleared, appeared = _changes(self.last, snapshot)
        events = code_events(self.last, snapshot, now, self.next_event_id, mrec, self.raised)
        for code in cleared:
            self.raised.pop(_key(code), None)
        for index, code in enumerate(appeared):
            self.raised[_key(code)] = self.next_event_id + len(cleared) + index
        self.next_event_id += len(events)
        self.last = snapshot
        return events


def notify_event_request(events: list[dict[str, Any]], generated_at: datetime, seq_no: int = 0,
                         tbc: bool = False) -> dict[str, Any]:
    """NotifyEventRequest (snake_case kwargs for ``call.NotifyEvent``)."""
    return {"generated_at": ocpp_time(generated_at), "seq_no": seq_no, "event_data": events, "tbc": tbc}


def statuses(snapshot: StationSnapshot, operative: Mapping[int, bool] | None = None,
             reserved: Collection[int] = ()) -> dict[tuple[int, int], str]:
    """connectorStatus per (evseId, connectorId): Available, Occupied, Reserved, Unavailable
    or Faulted.  ``operative``: availability as the CSMS set it per EVSE (0: the station,
    which takes every EVSE with it; absent: operative); ``reserved``: EVSEs with a reservation.
    """
    operative = operative or {}
    station = operative.get(0, True)
    result: dict[tuple[int, int], str] = {}
    for connector in snapshot.connectors:
        evse_id = connector.connector_id
        status, _ = connector_status(connector, snapshot, station and operative.get(evse_id, True),
                                     evse_id in reserved)
        result[(evse_id, CONNECTOR_ID)] = _STATUS_201[status]
    return result
