"""What the 2.0.1 central system hears of the station's snapshots: StatusNotification per
connector, NotifyEvent for the status codes, and clock-aligned meter values.

Statuses are derived, never announced (:func:`controller.ocpp201.events.statuses`): after
every snapshot, and every change of availability or reservations, a StatusNotification goes
out for each connector whose status changed (all of them again after the link comes back).
Each status code that appears or clears is a NotifyEvent (:class:`~controller.ocpp201.events.CodeEvents`;
the next event id is stored, so ids keep growing across restarts).  Every
AlignedDataCtrlr.Interval from midnight UTC the aligned measurands go out: inside the running
transaction's events (MeterValueClock, queued like them), in a MeterValues for an idle EVSE.
"""

from __future__ import annotations

import logging
from datetime import datetime

from ocpp.v201 import call

from controller.ocpp.metering import next_aligned
from controller.ocpp.queue import ocpp_time
from controller.ocpp201.events import CodeEvents, notify_event_request, statuses
from controller.ocpp201.host import Host
from controller.ocpp201.metering import measurands, meter_value
from controller.ocpp201.station_link import CONNECTOR_ID

log = logging.getLogger(__name__)

#: Settings key: the next NotifyEvent eventId.
NEXT_EVENT_ID = "next_event_id_201"


class Reporting201:
    """StatusNotification, NotifyEvent and aligned meter values of ``cp``."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp
        self._reported: dict[int, str] = {}  # connectorStatus as last sent, by EVSE id
        self._events = CodeEvents(int(cp.storage.get(NEXT_EVENT_ID, 1)))
        self._next_aligned: datetime | None = None
        self._aligned_interval = 0

    def status_of(self, evse_id: int) -> str:
        """The connectorStatus of ``evse_id`` now."""
        return self._statuses()[(evse_id, CONNECTOR_ID)]

    def _statuses(self) -> dict[tuple[int, int], str]:
        """Every connector's status now (availability and reservations read once)."""
        control = self.cp.control
        operative = {e: control.availability.operative(e) for e in (0, *self.cp.evse_ids)}
        return statuses(self.cp.snapshot, operative, set(control.reservations.all()))

    def forget(self) -> None:
        """The link changed: every status is reported again, and every code raised again."""
        self._reported.clear()
        self._events = CodeEvents(self._events.next_event_id)

    def refresh_statuses(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """The StatusNotifications and NotifyEvents due since the last snapshot (while online)."""
        if not self.cp.online:
            return
        now = self._statuses()
        for evse_id in self.cp.evse_ids:
            self._send_if_changed(evse_id, now[(evse_id, CONNECTOR_ID)])
        events = self._events.update(self.cp.snapshot, self.cp.now(), self.cp.settings.vendor_error_code == "mrec")
        if events:
            self.cp.storage.put(NEXT_EVENT_ID, self._events.next_event_id)
            self.cp.spawn(self.cp.outbox.request(call.NotifyEvent(**notify_event_request(events, self.cp.now()))))

    def send_status(self, evse_id: int, force: bool = False) -> None:
        """A StatusNotification of ``evse_id`` when its status changed (``force``: anyway)."""
        self._send_if_changed(evse_id, self.status_of(evse_id), force)

    def _send_if_changed(self, evse_id: int, status: str, force: bool = False) -> None:
        if not force and self._reported.get(evse_id) == status:
            return
        self._reported[evse_id] = status
        self.cp.spawn(self.cp.outbox.request(call.StatusNotification(
            timestamp=ocpp_time(self.cp.now()), connector_status=status, evse_id=evse_id, connector_id=CONNECTOR_ID)))

    def send_meter_values(self, evse_id: int, context: str) -> None:
        """A MeterValues of ``evse_id`` (TriggerMessage, or the clock for an idle EVSE)."""
        names = measurands(self.cp.device_model.value("AlignedDataCtrlr", "Measurands"))
        sample = meter_value(self.cp.snapshot.connector(evse_id), names, context, self.cp.now())
        if sample is not None:
            self.cp.spawn(self.cp.outbox.request(call.MeterValues(evse_id=evse_id, meter_value=[sample])))

    def tick(self) -> None:
        """Clock-aligned meter values when due."""
        interval = int(self.cp.device_model.number("AlignedDataCtrlr", "Interval"))
        now = self.cp.now()
        if interval <= 0:
            self._next_aligned = None
            return
        if self._next_aligned is None or interval != self._aligned_interval:
            self._aligned_interval = interval
            self._next_aligned = next_aligned(now, interval)
            return
        if now < self._next_aligned:
            return
        self._next_aligned = next_aligned(now, interval)
        for evse_id in self.cp.evse_ids:
            if not self.cp.transactions.aligned(evse_id) and self.cp.online:
                self.send_meter_values(evse_id, "Sample.Clock")
