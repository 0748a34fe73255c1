"""What the central system hears of the station's snapshots: StatusNotifications and
MeterValues.

Statuses are derived, never announced: each snapshot (and each change of availability or
reservations) is compared with what was last reported, and a StatusNotification goes out
for every connector (0 = the station) whose status or error changed, and one for every
newly active code the status does not carry.  MeterValues are sampled per running
transaction every MeterValueSampleInterval (queued with the transaction), and
clock-aligned every ClockAlignedDataInterval from midnight UTC for every connector
(queued for a running transaction, sent at once for the others and for connector 0).
"""

from __future__ import annotations

from datetime import datetime

from ocpp.v16 import call

from controller.ocpp.central_time import CentralTime
from controller.ocpp.handler_port import ChargePoint
from controller.ocpp.mapping import ErrorReport, code_reports, connector_status, station_status
from controller.ocpp.metering import meter_value, next_aligned, station_total
from controller.ocpp.outbox import CallFailed, CallTimeout, Offline
from controller.ocpp.queue import ocpp_time
from controller.ocpp.station_control import StationControl
from controller.ocpp.transactions import Transactions


class Reporting:
    """StatusNotification and MeterValues of ``cp``."""

    def __init__(self, cp: ChargePoint, time: CentralTime, control: StationControl,
                 transactions: Transactions) -> None:
        self.cp = cp
        self.time = time
        self.control = control
        self.transactions = transactions
        self._reported: dict[int, tuple[str, ErrorReport]] = {}
        self._reported_codes: dict[int, dict[str, ErrorReport]] = {}  # every active code, once each
        self._next_aligned: datetime | None = None
        self._aligned_interval = 0

    # --- statuses -----------------------------------------------------------------

    def status_of(self, connector_id: int) -> tuple[str, ErrorReport]:
        """The StatusNotification status and error of ``connector_id`` now."""
        cp = self.cp
        mode = cp.settings.vendor_error_code
        if connector_id == 0:
            status, report = station_status(cp.snapshot, self.control.operative(0), mode)
        else:
            reserved = connector_id in self.control.reservations()
            status, report = connector_status(cp.snapshot.connector(connector_id), cp.snapshot,
                                              self.control.operative(connector_id), reserved, mode)
        return status.value, report

    def forget(self) -> None:
        """The link changed: every status is reported again at the next refresh."""
        self._reported.clear()

    def refresh_statuses(self, force: bool = False) -> None:
        """Send a StatusNotification for every connector whose status or error changed, and
        one for every newly active code of its own that the status does not carry (a status
        holds one error; the backend hears of each code in force once, the status last)."""
        cp = self.cp
        if not cp.online:
            return
        for connector_id in (0, *cp.connector_ids):
            current = self.status_of(connector_id)
            reports = code_reports(cp.snapshot, connector_id, cp.settings.vendor_error_code)
            known = {} if force else self._reported_codes.get(connector_id, {})
            self._reported_codes[connector_id] = reports
            for code, report in reports.items():
                if known.get(code) != report and report != current[1]:
                    cp.spawn(self._send_code(connector_id, current[0], code, report))
            if force or self._reported.get(connector_id) != current:
                self._reported[connector_id] = current
                cp.spawn(self.send_status(connector_id, *current))

    async def _send_code(self, connector_id: int, status: str, code: str, report: ErrorReport) -> None:
        """One more active code, reported with the connector's status in force."""
        try:
            await self._status_notification(connector_id, status, report)
        except (Offline, CallTimeout, CallFailed):
            self._reported_codes.get(connector_id, {}).pop(code, None)  # sent again when back online

    async def _status_notification(self, connector_id: int, status: str, report: ErrorReport) -> None:
        await self.cp.outbox.request(call.StatusNotification(
            connector_id=connector_id, error_code=report.error_code.value, status=status,
            timestamp=ocpp_time(self.time.now()), info=report.info, vendor_error_code=report.vendor_error_code,
            vendor_id=report.vendor_id))

    async def send_status(self, connector_id: int, status: str, report: ErrorReport) -> None:
        """A StatusNotification; one that does not go through is sent again when back online."""
        try:
            await self._status_notification(connector_id, status, report)
        except (Offline, CallTimeout, CallFailed):
            if self._reported.get(connector_id) == (status, report):
                del self._reported[connector_id]  # sent again when back online

    # --- meter values -------------------------------------------------------------

    def sample_meters(self, now: float) -> None:
        """The running transactions' sampled meter values that are due at monotonic ``now``."""
        cp = self.cp
        interval = cp.config.number("MeterValueSampleInterval")
        if interval <= 0:
            return
        for connector_id, running in self.transactions.running.items():
            if now < running.next_sample:
                continue
            running.next_sample = now + interval
            sample = meter_value(cp.snapshot.connector(connector_id), cp.config.items("MeterValuesSampledData"),
                                 "Sample.Periodic", self.time.now())
            if sample is not None:
                self.transactions.queue_meter_value(running, connector_id, sample,
                                                    cp.snapshot.connector(connector_id).energy_wh)
            extra = meter_value(cp.snapshot.connector(connector_id), cp.config.items("StopTxnSampledData"),
                                "Sample.Periodic", self.time.now())
            if extra is not None:
                running.stop_data.append(extra)

    def align_meters(self) -> None:
        """The clock-aligned meter values, when an aligned moment has passed."""
        cp = self.cp
        interval = cp.config.number("ClockAlignedDataInterval")
        wall = self.time.now()
        if interval <= 0:
            self._next_aligned = None
            return
        if self._next_aligned is None or interval != self._aligned_interval:
            self._aligned_interval = interval
            self._next_aligned = next_aligned(wall, interval)
            return
        if wall < self._next_aligned:
            return
        moment = self._next_aligned
        self._next_aligned = next_aligned(wall, interval)
        measurands = cp.config.items("MeterValuesAlignedData")
        for connector_id in (0, *cp.connector_ids):
            source = station_total(cp.snapshot) if connector_id == 0 else cp.snapshot.connector(connector_id)
            sample = meter_value(source, measurands, "Sample.Clock", moment)
            running = self.transactions.running.get(connector_id)
            if running is not None:
                if sample is not None:
                    self.transactions.queue_meter_value(running, connector_id, sample, source.energy_wh)
                extra = meter_value(source, cp.config.items("StopTxnAlignedData"), "Sample.Clock", moment)
                if extra is not None:
                    running.stop_data.append(extra)
            elif sample is not None and cp.online:
                cp.spawn(cp.outbox.request(call.MeterValues(connector_id=connector_id, meter_value=[sample])))
