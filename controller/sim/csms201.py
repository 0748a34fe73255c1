"""The demo central system's OCPP 2.0.1 side: one session per charge point on the ``ocpp``
library's ``ocpp.v201.ChargePoint`` (the server role).

It answers what a charging station sends and records it for ``GET`` requests on the HTTP
door: transactions by transactionId (every event's seqNo, eventType, triggerReason, offline
flag, idToken, meter values, stoppedReason), NotifyReport and NotifyDisplayMessages pages by
requestId, NotifyEvent's eventData, connector statuses and the other notifications.

With pricing on (``--pricing``) it speaks the tariff and cost block (I): the tariff text as
``idTokenInfo.personalMessage`` on Authorize and on the events carrying an idToken, the
running cost after each Updated event with energy (CostUpdated, or ``totalCost`` in the
answer with ``running_cost = "response"``) and the final ``totalCost`` in the Ended answer.
Costs are exact decimals (to the cent) in the HTTP view.  On the wire a cost is a JSON
number: the library writes a ``Decimal`` with one decimal place only, so an answer carries
the ``float`` of the cent-exact ``Decimal`` (whose shortest text is that decimal, e.g.
``5.05``), and CostUpdated is written by :func:`~controller.sim.csms_base.exact_json`.

Requests to the station (``POST /call``) are checked against the official request schema,
sent as raw frames one at a time (the library's call lock) and answered with the station's
payload or CALLERROR code, as the station sent them.
"""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from ocpp.routing import after, on
from ocpp.v201 import ChargePoint, call_result
from ocpp.v201.enums import Action

from controller.sim.csms_base import CentralSystem, LoggedConnection, SessionBase, exact_json
from controller.sim.frame_check import payload_errors

ENERGY = "Energy.Active.Import.Register"
#: Token types the central system issued itself or that need no authorization: accepted
#: unless the token list says otherwise.
SELF_ACCEPTED_TYPES = ("Central", "NoAuthorization")


def register_wh(meter_value: list[dict[str, Any]] | None) -> Decimal | None:
    """The last energy register reading (Wh) in a TransactionEvent's meter values (snake_case)."""
    reading = None
    for value in meter_value or []:
        for sampled in value.get("sampled_value", []):
            if sampled.get("measurand", ENERGY) != ENERGY or sampled.get("phase"):
                continue
            try:
                number = Decimal(repr(sampled["value"])) if isinstance(sampled["value"], float) \
                    else Decimal(sampled["value"])
            except (InvalidOperation, KeyError, TypeError):
                continue
            unit = sampled.get("unit_of_measure") or {}
            scale = Decimal(10) ** int(unit.get("multiplier", 0))
            reading = number * scale * (Decimal(1000) if unit.get("unit") == "kWh" else Decimal(1))
    return reading


def new_transaction(charge_point: str) -> dict[str, Any]:
    """A 2.0.1 transaction as the central system records it, before its first event."""
    return {"charge_point": charge_point, "version": "2.0.1", "seq_nos": [], "event_types": [],
            "trigger_reasons": [], "offline": [], "id_tokens": [], "events": [], "meter_values": 0}


class Session201(SessionBase, ChargePoint):
    """One connected OCPP 2.0.1 charging station, seen from the central system."""

    version = "2.0.1"

    def __init__(self, charge_point: str, connection: LoggedConnection, system: CentralSystem) -> None:
        super().__init__(charge_point, connection, response_timeout=30)
        self.system = system
        self.connection = connection
        self._waiting = {}

    async def request(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Send ``action`` (camelCase ``payload``, checked against the schema first): the
        station's ``{"response": ...}`` or ``{"error": code, "description": ...}``."""
        errors = payload_errors("2.0.1", action, payload)
        if errors:
            return {"error": f"not a valid {action} request", "invalid": errors}
        unique_id = str(uuid.uuid4())
        async with self._call_lock:
            reply = await self.send_raw(exact_json([2, unique_id, action, payload]), unique_id,
                                        self._response_timeout)
        if reply is None:
            return {"error": "timeout"}
        if reply[0] == 3:
            return {"response": reply[2]}
        return {"error": reply[2], "description": reply[3] if len(reply) > 3 else ""}

    # --- the token list and the tariff -----------------------------------------------------

    def _token_status(self, id_token: dict[str, Any]) -> str:
        token = id_token.get("id_token", "")
        listed = self.system.settings.id_tags.get(token)
        if listed is None and id_token.get("type") in SELF_ACCEPTED_TYPES:
            return "Accepted"
        return listed or "Unknown"

    def _id_token_info(self, id_token: dict[str, Any], status: str | None = None) -> dict[str, Any]:
        info: dict[str, Any] = {"status": status or self._token_status(id_token)}
        if self.system.prices() is not None and info["status"] == "Accepted":
            info["personal_message"] = {"format": "UTF8", "language": self.system.settings.language,
                                        "content": self.system.price_text()}
        return info

    # --- provisioning ------------------------------------------------------------------------

    @on(Action.boot_notification)
    async def on_boot_notification(self, charging_station: dict[str, Any], reason: str, **_: Any) -> Any:
        await asyncio.sleep(self.system.settings.boot_delay_s)
        self._notice(Action.boot_notification, {"reason": reason, "charging_station": charging_station})
        return call_result.BootNotification(current_time=self.system.now(),
                                            interval=self.system.settings.heartbeat_interval,
                                            status=self.system.settings.boot_status)

    @on(Action.heartbeat)
    def on_heartbeat(self, **_: Any) -> Any:
        return call_result.Heartbeat(current_time=self.system.now())

    @on(Action.status_notification)
    async def on_status_notification(self, connector_status: str, evse_id: int, connector_id: int,
                                     **_: Any) -> Any:
        await asyncio.sleep(self.system.settings.status_delay_s)
        self.system.statuses[f"{self.id}/{evse_id}/{connector_id}"] = connector_status
        return call_result.StatusNotification()

    # --- authorization and transactions ------------------------------------------------------

    @on(Action.authorize)
    def on_authorize(self, id_token: dict[str, Any], **_: Any) -> Any:
        return call_result.Authorize(id_token_info=self._id_token_info(id_token))

    @on(Action.transaction_event)
    def on_transaction_event(self, event_type: str, timestamp: str, trigger_reason: str, seq_no: int,
                             transaction_info: dict[str, Any], **extra: Any) -> Any:
        transaction = self._record(event_type, timestamp, trigger_reason, seq_no, transaction_info, extra)
        answer: dict[str, Any] = {}
        id_token = extra.get("id_token")
        if id_token is not None:
            forced = self.system.settings.start_status if event_type == "Started" else ""
            answer["id_token_info"] = self._id_token_info(id_token, forced or None)
        cost = transaction.get("total_cost" if event_type == "Ended" else "running_cost")
        running = event_type == "Updated" and self.system.settings.running_cost == "response"
        if cost is not None and (event_type == "Ended" or running):
            answer["total_cost"] = float(Decimal(cost))  # the float of a cent-exact Decimal: its text is exact
        return call_result.TransactionEvent(**answer)

    @after(Action.transaction_event)
    async def after_transaction_event(self, event_type: str, transaction_info: dict[str, Any], **_: Any) -> None:
        transaction = self.system.transactions.get(transaction_info["transaction_id"], {})
        cost = transaction.get("running_cost")
        if event_type == "Updated" and cost is not None and self.system.settings.running_cost == "call":
            await self.request("CostUpdated", {"totalCost": Decimal(cost),
                                               "transactionId": transaction_info["transaction_id"]})

    def _record(self, event_type: str, timestamp: str, trigger_reason: str, seq_no: int,
                info: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
        transaction_id = info["transaction_id"]
        transaction = self.system.transactions.setdefault(transaction_id, new_transaction(self.id))
        id_token = extra.get("id_token")
        meter_value = extra.get("meter_value") or []
        offline = bool(extra.get("offline", False))
        transaction["events"].append({
            "seq_no": seq_no, "event_type": event_type, "trigger_reason": trigger_reason, "offline": offline,
            "timestamp": timestamp, "charging_state": info.get("charging_state"),
            "stopped_reason": info.get("stopped_reason"), "id_token": id_token, "meter_values": len(meter_value),
            "repeat": seq_no in transaction["seq_nos"]})
        transaction["seq_nos"].append(seq_no)
        transaction["event_types"].append(event_type)
        transaction["trigger_reasons"].append(trigger_reason)
        transaction["offline"].append(offline)
        transaction["meter_values"] += len(meter_value)
        transaction.setdefault("started", timestamp)
        if extra.get("evse"):
            transaction["evse_id"] = extra["evse"].get("id")
            transaction["connector_id"] = extra["evse"].get("connector_id")
        if id_token is not None:
            transaction.setdefault("id_token", id_token)
            if id_token not in transaction["id_tokens"]:
                transaction["id_tokens"].append(id_token)
        if "remote_start_id" in info:
            transaction["remote_start_id"] = info["remote_start_id"]
        if event_type == "Ended":
            transaction["ended"] = timestamp
            transaction["stopped_reason"] = info.get("stopped_reason")
        reading = register_wh(meter_value)
        if reading is not None:
            transaction.setdefault("meter_start_wh", str(reading))
            transaction["meter_last_wh"] = str(reading)
        if self.system.prices() is not None and "meter_start_wh" in transaction:
            energy = Decimal(transaction["meter_last_wh"]) - Decimal(transaction["meter_start_wh"])
            cost = str(self.system.cost(energy))
            transaction["running_cost"] = cost
            if event_type == "Ended":
                transaction["total_cost"] = cost
        elif self.system.prices() is not None and event_type == "Ended":
            transaction["total_cost"] = str(self.system.cost(Decimal(0)))
        return transaction

    @on(Action.meter_values)
    def on_meter_values(self, evse_id: int, meter_value: list[dict[str, Any]], **_: Any) -> Any:
        self._notice(Action.meter_values, {"evse_id": evse_id, "meter_value": meter_value})
        return call_result.MeterValues()

    # --- reports, events, display messages -----------------------------------------------------

    @on(Action.notify_report)
    def on_notify_report(self, request_id: int, generated_at: str, seq_no: int, tbc: bool = False,
                         report_data: list[dict[str, Any]] | None = None, **_: Any) -> Any:
        self.system.reports.setdefault(request_id, []).append(
            {"charge_point": self.id, "seq_no": seq_no, "tbc": tbc, "generated_at": generated_at,
             "report_data": report_data or []})
        return call_result.NotifyReport()

    @on(Action.notify_event)
    def on_notify_event(self, generated_at: str, seq_no: int, event_data: list[dict[str, Any]],
                        tbc: bool = False, **_: Any) -> Any:
        for data in event_data:
            self.system.events.append({"charge_point": self.id, "generated_at": generated_at, "seq_no": seq_no,
                                       "tbc": tbc, **data})
        return call_result.NotifyEvent()

    @on(Action.notify_display_messages)
    def on_notify_display_messages(self, request_id: int, tbc: bool = False,
                                   message_info: list[dict[str, Any]] | None = None, **_: Any) -> Any:
        pages = self.system.display_messages.setdefault(request_id, [])
        pages.append({"charge_point": self.id, "seq_no": len(pages), "tbc": tbc, "message_info": message_info or []})
        return call_result.NotifyDisplayMessages()

    # --- the other notifications: recorded, answered -------------------------------------------

    def _notice(self, action: str, payload: dict[str, Any]) -> None:
        self.system.notifications.append({"charge_point": self.id, "action": str(action), "payload": payload})

    @on(Action.data_transfer)
    def on_data_transfer(self, vendor_id: str, **payload: Any) -> Any:
        self._notice(Action.data_transfer, {"vendor_id": vendor_id, **payload})
        return call_result.DataTransfer(status=self.system.settings.data_transfer_status)

    @on(Action.security_event_notification)
    def on_security_event_notification(self, **payload: Any) -> Any:
        self._notice(Action.security_event_notification, payload)
        return call_result.SecurityEventNotification()

    @on(Action.firmware_status_notification)
    def on_firmware_status_notification(self, **payload: Any) -> Any:
        self._notice(Action.firmware_status_notification, payload)
        return call_result.FirmwareStatusNotification()

    @on(Action.log_status_notification)
    def on_log_status_notification(self, **payload: Any) -> Any:
        self._notice(Action.log_status_notification, payload)
        return call_result.LogStatusNotification()

    @on(Action.notify_charging_limit)
    def on_notify_charging_limit(self, **payload: Any) -> Any:
        self._notice(Action.notify_charging_limit, payload)
        return call_result.NotifyChargingLimit()

    @on(Action.cleared_charging_limit)
    def on_cleared_charging_limit(self, **payload: Any) -> Any:
        self._notice(Action.cleared_charging_limit, payload)
        return call_result.ClearedChargingLimit()

    @on(Action.reservation_status_update)
    def on_reservation_status_update(self, **payload: Any) -> Any:
        self._notice(Action.reservation_status_update, payload)
        return call_result.ReservationStatusUpdate()

    @on(Action.notify_customer_information)
    def on_notify_customer_information(self, **payload: Any) -> Any:
        self._notice(Action.notify_customer_information, payload)
        return call_result.NotifyCustomerInformation()

    @on(Action.notify_monitoring_report)
    def on_notify_monitoring_report(self, **payload: Any) -> Any:
        self._notice(Action.notify_monitoring_report, payload)
        return call_result.NotifyMonitoringReport()

    @on(Action.sign_certificate)
    def on_sign_certificate(self, csr: str, **_: Any) -> Any:
        return call_result.SignCertificate(status=self.sign_certificate_status(csr))

    @after(Action.sign_certificate)
    async def after_sign_certificate(self, csr: str, certificate_type: str | None = None, **_: Any) -> None:
        await self.send_signed_certificate(csr, {"certificateType": certificate_type or "ChargingStationCertificate"})

    @on(Action.report_charging_profiles)
    def on_report_charging_profiles(self, **payload: Any) -> Any:
        self._notice(Action.report_charging_profiles, payload)
        return call_result.ReportChargingProfiles()

