"""Requests from the central system (CSMS -> charging station), OCPP 2.0.1.

Each ``on_*`` answers at once from the state at hand (they run inside the receive loop);
what has to happen after the answer, or takes time, runs in ``after_*`` or in a spawned
task.  The blocks with more to them have their own module: the device model
(:mod:`~controller.ocpp201.device_requests`), smart charging, reservations, the local list
and display messages (:mod:`~controller.ocpp201.control_requests`).  Each reaches the
station only through :class:`~controller.ocpp201.host.Host`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from ocpp.v201 import call_result

from controller.ocpp.mapping import CODE_REMOTE_RESET, CODE_REMOTE_START, CODE_REMOTE_STOP
from controller.ocpp201.certificate_requests import CertificateRequests201
from controller.ocpp201.control_requests import ControlRequests
from controller.ocpp201.device_requests import DeviceRequests
from controller.ocpp201.host import Host
from controller.port import StopReason

log = logging.getLogger(__name__)

ACCEPTED, REJECTED = "Accepted", "Rejected"


def _info(reason: str, text: str = "") -> dict[str, Any]:
    """A StatusInfo: a reason code and, for people, a line of text."""
    return {"reason_code": reason, "additional_info": text[:512]} if text else {"reason_code": reason}


class Requests201:
    """The charging station's answers to the central system."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp
        self.device = DeviceRequests(cp)
        self.control = ControlRequests(cp)
        self.certificates = CertificateRequests201(cp)
        self._go: dict[str, bool] = {}  # set by an ``on_`` for its ``after_``
        #: The LogStatusNotification a TriggerMessage sends (None: no log service, NotImplemented).
        self.log_status: Callable[[], Any] | None = None

    def handler_map(self) -> dict[str, Any]:
        return {
            "ChangeAvailability": self.on_change_availability,
            "ClearCache": self.on_clear_cache,
            "CostUpdated": self.on_cost_updated,
            "DataTransfer": self.on_data_transfer,
            "GetTransactionStatus": self.on_get_transaction_status,
            "RequestStartTransaction": (self.on_request_start, self.after_request_start),
            "RequestStopTransaction": self.on_request_stop,
            "Reset": (self.on_reset, self.after_reset),
            "TriggerMessage": (self.on_trigger_message, self.after_trigger_message),
            "UnlockConnector": self.on_unlock_connector,
            **self.device.handler_map(),
            **self.control.handler_map(),
            **self.certificates.handler_map(),
        }

    # --- provisioning -------------------------------------------------------------

    def on_reset(self, type: str, evse_id: int | None = None, **_: Any) -> Any:
        self._go["reset"] = False
        if evse_id is not None:  # resetting one EVSE is not something this charger can do alone
            return call_result.Reset(status=REJECTED, status_info=_info("UnsupportedRequest", "EVSE reset"))
        busy = bool(self.cp.transactions.running)
        self._go["reset"] = True
        if type == "OnIdle" and busy:
            return call_result.Reset(status="Scheduled")
        return call_result.Reset(status=ACCEPTED)

    def after_reset(self, type: str, evse_id: int | None = None, **_: Any) -> None:
        if self._go.get("reset"):
            self.cp.spawn(self.reset(immediate=type == "Immediate"))

    async def reset(self, immediate: bool) -> None:
        """Immediate: stop every transaction (ImmediateReset) and restart; OnIdle: wait until no
        transaction runs (never cutting a charge), then restart.  The queue gets a moment to
        drain and the CALL on the wire its answer first."""
        cp = self.cp
        log.warning("%s reset requested by the central system", "immediate" if immediate else "on-idle")
        cp.set_boot_reason("RemoteReset")
        if immediate:
            cp.station_link.station.show_code(CODE_REMOTE_RESET, None)
            for side in cp.transactions.charging_sides():
                cp.station_link.station.stop_session(side, StopReason.SOFT_RESET)
        while cp.transactions.running:  # OnIdle: as long as it takes
            await asyncio.sleep(cp.settings.tick_s)
        grace = cp.settings.reset_grace_s
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace):
                while len(cp.queue) and cp.online:
                    await asyncio.sleep(cp.settings.tick_s)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(grace):
                await cp.calls_settled()
        # a software restart either way: 2.0.1 has no hard reset, and a reset is no power cycle
        # (the latched codes stay, as after a 1.6 soft reset)
        cp.station_link.station.request_reset(False)

    def on_trigger_message(self, requested_message: str, evse: dict[str, Any] | None = None, **_: Any) -> Any:
        self._go["trigger"] = False
        evse_id = (evse or {}).get("id")
        if evse_id not in (None, 0) and evse_id not in self.cp.evse_ids:
            return call_result.TriggerMessage(status=REJECTED, status_info=_info("UnknownEvse"))
        triggers = ("BootNotification", "Heartbeat", "StatusNotification", "MeterValues", "TransactionEvent",
                    "SignChargingStationCertificate", "FirmwareStatusNotification",
                    *(("LogStatusNotification",) if self.log_status is not None else ()))
        if requested_message not in triggers:
            return call_result.TriggerMessage(status="NotImplemented")
        if requested_message == "SignChargingStationCertificate" and self.cp.certificates is None:
            return call_result.TriggerMessage(status=REJECTED, status_info=_info("NotSupported"))
        if requested_message == "BootNotification" and self.cp.online:
            # F06.FR.17: a BootNotification after an accepted one is rejected
            return call_result.TriggerMessage(status=REJECTED)
        self._go["trigger"] = True
        return call_result.TriggerMessage(status=ACCEPTED)

    def after_trigger_message(self, requested_message: str, evse: dict[str, Any] | None = None, **_: Any) -> None:
        if not self._go.get("trigger"):
            return
        cp = self.cp
        evse_id = (evse or {}).get("id") or None
        targets = (evse_id,) if evse_id else cp.evse_ids
        if requested_message == "BootNotification":
            cp.spawn(cp.send_boot())
        elif requested_message == "Heartbeat":
            cp.spawn(cp.send_heartbeat())
        elif requested_message == "StatusNotification":
            for target in targets:
                cp.reporting.send_status(target, force=True)
        elif requested_message == "MeterValues":
            for target in targets:
                cp.reporting.send_meter_values(target, "Trigger")
        elif requested_message == "TransactionEvent":
            for target in targets:
                cp.transactions.trigger(target)
        elif requested_message == "LogStatusNotification" and self.log_status is not None:
            cp.spawn(cp.outbox.request(self.log_status()))
        elif requested_message == "SignChargingStationCertificate":
            cp.spawn(self.certificates.sign_certificate())
        elif requested_message == "FirmwareStatusNotification":
            cp.spawn(cp.outbox.request(cp.firmware_status_message()))

    # --- remote control -----------------------------------------------------------

    def on_request_start(self, id_token: dict[str, Any], remote_start_id: int, evse_id: int | None = None,
                         group_id_token: dict[str, Any] | None = None,
                         charging_profile: dict[str, Any] | None = None, **_: Any) -> Any:
        cp = self.cp
        self._go["start"] = False
        rejected = call_result.RequestStartTransaction(status=REJECTED)
        if evse_id is not None and cp.station_link.side(evse_id) is None:
            return call_result.RequestStartTransaction(status=REJECTED, status_info=_info("UnknownEvse"))
        candidates = [evse_id] if evse_id is not None else list(cp.evse_ids)
        free = [e for e in candidates if e not in cp.transactions.running and cp.control.operative(e)]
        if not free or cp.station_link.snapshot().software_update:  # none while the software is updated
            return rejected
        if charging_profile is not None:
            problem = cp.control.remote_start_profile(evse_id, charging_profile)
            if problem is not None:
                return call_result.RequestStartTransaction(status=REJECTED, status_info=_info(*problem))
        token = str(id_token["id_token"]).upper()
        cp.transactions.expect_remote_start(token, remote_start_id, id_token)
        authorize_first = cp.config.flag("AuthorizeRemoteTxRequests")
        if not authorize_first and not cp.station_link.station.remote_start(cp.station_link.side(evse_id), token):
            cp.transactions.forget_remote_start(token)
            cp.control.forget_remote_start_profile()
            return rejected
        self._go["start"] = True
        return call_result.RequestStartTransaction(status=ACCEPTED)

    def after_request_start(self, id_token: dict[str, Any], remote_start_id: int, evse_id: int | None = None,
                            **_: Any) -> None:
        if not self._go.get("start"):
            return
        token = str(id_token["id_token"]).upper()
        side = self.cp.station_link.side(evse_id)
        if self.cp.config.flag("AuthorizeRemoteTxRequests"):
            self.cp.spawn(self._authorize_remote_start(token, id_token, side))
        else:
            self.cp.station_link.station.show_code(CODE_REMOTE_START, side)

    async def _authorize_remote_start(self, token: str, id_token: dict[str, Any], side: Any) -> None:
        accepted = await self.cp.authorizer.check(id_token)
        if accepted and self.cp.station_link.station.remote_start(side, token):
            self.cp.station_link.station.show_code(CODE_REMOTE_START, side)
        else:
            self.cp.transactions.forget_remote_start(token)
            self.cp.control.forget_remote_start_profile()

    def on_request_stop(self, transaction_id: str, **_: Any) -> Any:
        side = self.cp.transactions.side_of(transaction_id)
        if side is not None and self.cp.station_link.station.stop_session(side, StopReason.REMOTE):
            self.cp.station_link.station.show_code(CODE_REMOTE_STOP, side)
            return call_result.RequestStopTransaction(status=ACCEPTED)
        return call_result.RequestStopTransaction(status=REJECTED, status_info=_info("TxNotFound"))

    def on_get_transaction_status(self, transaction_id: str | None = None, **_: Any) -> Any:
        queued = self.cp.queue.messages_of(transaction_id)
        if transaction_id is None:
            return call_result.GetTransactionStatus(messages_in_queue=queued)
        ongoing = self.cp.transactions.side_of(transaction_id) is not None
        return call_result.GetTransactionStatus(messages_in_queue=queued, ongoing_indicator=ongoing)

    def on_unlock_connector(self, evse_id: int, connector_id: int, **_: Any) -> Any:
        side = self.cp.station_link.side(evse_id)
        if side is None or connector_id != 1:
            return call_result.UnlockConnector(status="UnknownConnector")
        if evse_id in self.cp.transactions.running:
            return call_result.UnlockConnector(status="OngoingAuthorizedTransaction")  # F05.FR.02
        unlocked = self.cp.station_link.station.unlock(side)
        return call_result.UnlockConnector(status="Unlocked" if unlocked else "UnlockFailed")

    # --- availability ---------------------------------------------------------------

    def on_change_availability(self, operational_status: str, evse: dict[str, Any] | None = None, **_: Any) -> Any:
        evse_id = (evse or {}).get("id", 0) or 0
        connector_id = (evse or {}).get("connector_id")
        if evse_id and (self.cp.station_link.side(evse_id) is None or connector_id not in (None, 1)):
            return call_result.ChangeAvailability(status=REJECTED, status_info=_info("UnknownEvse"))
        status = self.cp.control.change_availability(evse_id, operational_status == "Operative")
        return call_result.ChangeAvailability(status=status)

    # --- the rest -------------------------------------------------------------------

    def on_clear_cache(self, **_: Any) -> Any:
        if not self.cp.config.flag("AuthorizationCacheEnabled"):
            return call_result.ClearCache(status=REJECTED)
        self.cp.authorizer.clear_cache()
        return call_result.ClearCache(status=ACCEPTED)

    def on_cost_updated(self, total_cost: float, transaction_id: str, **_: Any) -> Any:
        self.cp.transactions.cost_updated(transaction_id, total_cost)
        return call_result.CostUpdated()

    def on_data_transfer(self, vendor_id: str, message_id: str | None = None, data: Any = None, **_: Any) -> Any:
        log.info("DataTransfer from vendor %r (%r): no such vendor here", vendor_id[:255], (message_id or "")[:50])
        return call_result.DataTransfer(status="UnknownVendorId")

