"""Requests from the central system (CSMS -> charge point), one method each.

Each ``on_*`` answers at once from the state at hand (they run inside the receive loop);
what has to happen after the answer, or takes time, runs in ``after_*`` or in a spawned
task.  The state is the charge point's: :class:`CentralSystemRequests` reaches it only
through :class:`~controller.ocpp.handler_port.ChargePoint`, the protocol of what the
handlers need, which :class:`controller.ocpp.client.OcppClient` provides.  The client
imports this module and builds the handlers with itself; this module never imports it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from ocpp.v16 import call, call_result
from ocpp.v16.enums import (
    AvailabilityStatus,
    AvailabilityType,
    CancelReservationStatus,
    ChargingProfileStatus,
    ClearCacheStatus,
    ClearChargingProfileStatus,
    DataTransferStatus,
    GetCompositeScheduleStatus,
    MessageTrigger,
    RemoteStartStopStatus,
    ReservationStatus,
    ResetStatus,
    ResetType,
    TriggerMessageStatus,
    UnlockStatus,
    UpdateStatus,
)

from controller.ocpp import pricing
from controller.ocpp import smart_charging as sc
from controller.ocpp.authorization import IdTagInfo, ListUpdate, parse_time
from controller.ocpp.configuration import ChangeResult
from controller.ocpp.handler_port import ChargePoint
from controller.ocpp.mapping import CODE_REMOTE_RESET, CODE_REMOTE_START, CODE_REMOTE_STOP
from controller.ocpp.metering import meter_value
from controller.ocpp.outbox import CallFailed, CallTimeout, Offline
from controller.ocpp.port import Reservation
from controller.security_events import RECONFIGURATION_OF_SECURITY_PARAMETERS, SECURITY_KEYS_16

log = logging.getLogger(__name__)

#: The chargingRateUnit GetCompositeSchedule answers in when none is asked for.
DEFAULT_UNIT = "W"


class CentralSystemRequests:
    """The charge point's answers to the central system."""

    def __init__(self, cp: ChargePoint) -> None:
        self.cp = cp
        self._remote_start_go = False  # set by on_remote_start for after_remote_start
        self._trigger_go = False  # set by on_trigger_message for after_trigger_message
        #: The DiagnosticsStatus a TriggerMessage reports (the log service's, once one is attached).
        self.diagnostics_status: Callable[[], str] = lambda: "Idle"

    def handler_map(self) -> dict[str, Any]:
        return {
            "CancelReservation": self.on_cancel_reservation,
            "ChangeAvailability": self.on_change_availability,
            "ChangeConfiguration": self.on_change_configuration,
            "ClearCache": self.on_clear_cache,
            "ClearChargingProfile": self.on_clear_charging_profile,
            "DataTransfer": self.on_data_transfer,
            "GetCompositeSchedule": self.on_get_composite_schedule,
            "GetConfiguration": self.on_get_configuration,
            "GetLocalListVersion": self.on_get_local_list_version,
            "RemoteStartTransaction": (self.on_remote_start, self.after_remote_start),
            "RemoteStopTransaction": self.on_remote_stop,
            "ReserveNow": self.on_reserve_now,
            "Reset": (self.on_reset, self.after_reset),
            "SendLocalList": self.on_send_local_list,
            "SetChargingProfile": self.on_set_charging_profile,
            "TriggerMessage": (self.on_trigger_message, self.after_trigger_message),
            "UnlockConnector": self.on_unlock_connector,
        }

    # --- Core ---------------------------------------------------------------------

    def on_get_configuration(self, key: list[str] | None = None, **_: Any) -> Any:
        maximum = self.cp.config.number("GetConfigurationMaxKeys")
        known, unknown = self.cp.config.get_configuration((key or [])[:maximum] if key else None)
        return call_result.GetConfiguration(configuration_key=known, unknown_key=unknown or None)

    def on_change_configuration(self, key: str, value: str, **_: Any) -> Any:
        result = self.cp.config.change(key, value)
        if key in SECURITY_KEYS_16 and result in (ChangeResult.ACCEPTED, ChangeResult.REBOOT_REQUIRED):
            self.cp.security_event(RECONFIGURATION_OF_SECURITY_PARAMETERS, f"{key} changed by ChangeConfiguration")
        return call_result.ChangeConfiguration(status=result.value)

    def on_clear_cache(self, **_: Any) -> Any:
        self.cp.auth.clear_cache()
        log.info("authorization cache cleared")
        return call_result.ClearCache(status=ClearCacheStatus.accepted)

    def on_data_transfer(self, vendor_id: str, message_id: str | None = None, data: str | None = None,
                         **_: Any) -> Any:
        if vendor_id == pricing.VENDOR_ID:
            return call_result.DataTransfer(status=self._pricing_message(message_id, data))
        if vendor_id != self.cp.identity.vendor:
            return call_result.DataTransfer(status=DataTransferStatus.unknown_vendor_id)
        return call_result.DataTransfer(status=DataTransferStatus.unknown_message_id)

    def _pricing_message(self, message_id: str | None, data: str | None) -> DataTransferStatus:
        """SetUserPrice, RunningCost and FinalCost of the OCA pricing extension."""
        if message_id not in (pricing.SET_USER_PRICE, pricing.RUNNING_COST, pricing.FINAL_COST):
            return DataTransferStatus.unknown_message_id
        if not self.cp.config.flag("CustomDisplayCostAndPrice") or not isinstance(data, str):
            return DataTransferStatus.rejected
        language = self.cp.config.raw("Language")
        multi_language = self.cp.config.flag("CustomMultiLanguageMessages")
        try:
            if message_id == pricing.SET_USER_PRICE:
                price = pricing.parse_user_price(data, language, multi_language)
                self.cp.port.set_user_price(price.id_tag, price.text)
                return DataTransferStatus.accepted
            parse = pricing.parse_running_cost if message_id == pricing.RUNNING_COST else pricing.parse_final_cost
            cost = parse(data, self.cp.settings.currency, language, multi_language)
        except pricing.PricingError as exc:
            log.info("%s refused: %s", message_id, exc)
            return DataTransferStatus.rejected
        connector_id = self.cp.connector_of(cost.transaction_id)
        if connector_id is None and message_id == pricing.RUNNING_COST and self.cp.start_in_flight():
            self.cp.hold_early_cost(cost.transaction_id, cost.cost)  # shown once the start's answer is in
            return DataTransferStatus.accepted
        if connector_id is None or not self.cp.port.set_session_cost(connector_id, cost.cost):
            log.info("%s for transaction %d: no such session here", message_id, cost.transaction_id)
            return DataTransferStatus.rejected
        return DataTransferStatus.accepted

    def on_remote_start(self, id_tag: str, connector_id: int | None = None,
                        charging_profile: dict[str, Any] | None = None, **_: Any) -> Any:
        self._remote_start_go = False
        rejected = call_result.RemoteStartTransaction(status=RemoteStartStopStatus.rejected)
        if connector_id is not None and connector_id not in self.cp.connector_ids:
            return rejected
        candidates = [connector_id] if connector_id is not None else list(self.cp.connector_ids)
        if not any(self.cp.operative(c) and c not in self.cp.running for c in candidates):
            return rejected
        if self.cp.snapshot.software_update:  # no new session while the software is updated
            return rejected
        if charging_profile is not None:
            try:
                profile = sc.parse(connector_id or 1, charging_profile, self.cp.now())
            except sc.ProfileError as exc:
                log.info("RemoteStartTransaction refused: %s", exc)
                return rejected
            if profile.purpose is not sc.Purpose.TX:
                log.info("RemoteStartTransaction refused: its profile is not a TxProfile")
                return rejected
            self.cp.remote_profiles[id_tag] = profile
        if not self.cp.config.flag("AuthorizeRemoteTxRequests") and not self.cp.port.remote_start(connector_id, id_tag):
            self.cp.remote_profiles.pop(id_tag, None)
            return rejected
        self._remote_start_go = True
        return call_result.RemoteStartTransaction(status=RemoteStartStopStatus.accepted)

    def after_remote_start(self, id_tag: str, connector_id: int | None = None, **_: Any) -> None:
        if not self._remote_start_go:
            return
        if self.cp.config.flag("AuthorizeRemoteTxRequests"):
            self.cp.spawn(self._authorize_remote_start(id_tag, connector_id))
        else:
            self.cp.port.show_code(CODE_REMOTE_START, connector_id or 0)

    async def _authorize_remote_start(self, id_tag: str, connector_id: int | None) -> None:
        decision = await self._authorize_only(id_tag)
        if decision and self.cp.port.remote_start(connector_id, id_tag):
            self.cp.port.show_code(CODE_REMOTE_START, connector_id or 0)
        else:
            self.cp.remote_profiles.pop(id_tag, None)

    async def _authorize_only(self, id_tag: str) -> bool:
        decision = self.cp.decide_locally(id_tag, self.cp.online)
        if decision is not None:
            return decision.accepted
        try:
            conf = await self.cp.outbox.request(call.Authorize(id_tag=id_tag))
        except (Offline, CallTimeout, CallFailed):
            fallback = self.cp.decide_locally(id_tag, online=False)
            return bool(fallback and fallback.accepted)
        info = IdTagInfo.from_ocpp(conf.id_tag_info)
        self.cp.learn(id_tag, info)
        return info.status_at(self.cp.now()) == "Accepted"

    def on_remote_stop(self, transaction_id: int, **_: Any) -> Any:
        for connector_id in list(self.cp.running):
            transaction = self.cp.running_transaction(connector_id)
            ours = transaction is not None and transaction.transaction_id == transaction_id
            if ours and self.cp.port.stop_session(connector_id, "Remote"):
                self.cp.port.show_code(CODE_REMOTE_STOP, connector_id)
                return call_result.RemoteStopTransaction(status=RemoteStartStopStatus.accepted)
        return call_result.RemoteStopTransaction(status=RemoteStartStopStatus.rejected)

    def on_reset(self, type: str, **_: Any) -> Any:
        return call_result.Reset(status=ResetStatus.accepted)

    def after_reset(self, type: str, **_: Any) -> None:
        self.cp.spawn(self.reset(type == ResetType.hard))

    async def reset(self, hard: bool) -> None:
        """Hard: stop every session (its StopTransaction is queued) and restart.  Soft: never cut
        a charge: wait, as long as it takes, until no session runs (the driver's own stop, issue
        16), then restart.  Either way the queue gets a moment to drain and the CALL on the wire
        its answer, and no new CALL is sent; the owner then replaces this client."""
        log.warning("%s reset requested by the central system", "hard" if hard else "soft")
        if hard:
            self.cp.port.show_code(CODE_REMOTE_RESET, 0)
            for connector_id in list(self.cp.running):
                self.cp.port.stop_session(connector_id, "HardReset")
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(self.cp.settings.reset_grace_s):
                    await self.cp.sessions_idle.wait()
        else:
            if self.cp.running:
                log.warning("the soft reset waits until no session runs")
            await self.cp.sessions_idle.wait()
            self.cp.port.show_code(CODE_REMOTE_RESET, 0)
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.cp.settings.reset_grace_s):
                await self._queue_drained()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.cp.settings.reset_grace_s):
                await self.cp.calls_settled()
        self.cp.port.reset(hard)

    async def _queue_drained(self) -> None:
        while len(self.cp.queue) and self.cp.online:
            await asyncio.sleep(self.cp.settings.tick_s)

    def on_change_availability(self, connector_id: int, type: str, **_: Any) -> Any:
        if connector_id != 0 and connector_id not in self.cp.connector_ids:
            return call_result.ChangeAvailability(status=AvailabilityStatus.rejected)
        operative = type == AvailabilityType.operative
        targets = self.cp.connector_ids if connector_id == 0 else (connector_id,)
        busy = [c for c in targets if c in self.cp.running]
        if not operative and busy:
            scheduled = self.cp.scheduled_availability()
            for target in busy:
                scheduled[target] = False
            self.cp.storage.put("availability_scheduled", {str(k): v for k, v in scheduled.items()})
            for target in targets:
                if target not in busy:
                    self.cp.set_operative(target, False)
            if connector_id == 0:
                self.cp.storage.execute("INSERT INTO availability VALUES (0, 0) ON CONFLICT(connector_id) DO UPDATE "
                                     "SET operative = 0")
            return call_result.ChangeAvailability(status=AvailabilityStatus.scheduled)
        scheduled = self.cp.scheduled_availability()
        for target in targets:
            scheduled.pop(target, None)
        self.cp.storage.put("availability_scheduled", {str(k): v for k, v in scheduled.items()})
        if connector_id == 0:
            self.cp.storage.execute("INSERT INTO availability VALUES (0, ?) ON CONFLICT(connector_id) DO UPDATE "
                                 "SET operative = excluded.operative", (int(operative),))
        for target in targets:
            self.cp.set_operative(target, operative)
        return call_result.ChangeAvailability(status=AvailabilityStatus.accepted)

    def on_unlock_connector(self, connector_id: int, **_: Any) -> Any:
        if connector_id not in self.cp.connector_ids:
            return call_result.UnlockConnector(status=UnlockStatus.not_supported)
        if connector_id in self.cp.running:
            self.cp.port.stop_session(connector_id, "UnlockCommand")
        unlocked = self.cp.port.unlock(connector_id)
        return call_result.UnlockConnector(status=UnlockStatus.unlocked if unlocked else UnlockStatus.unlock_failed)

    # --- Local Auth List Management -----------------------------------------------

    def on_get_local_list_version(self, **_: Any) -> Any:
        version = self.cp.auth.list_version if self.cp.config.flag("LocalAuthListEnabled") else -1
        return call_result.GetLocalListVersion(list_version=version)

    def on_send_local_list(self, list_version: int, update_type: str,
                           local_authorization_list: list[dict[str, Any]] | None = None, **_: Any) -> Any:
        if not self.cp.config.flag("LocalAuthListEnabled"):
            return call_result.SendLocalList(status=UpdateStatus.not_supported)
        entries = local_authorization_list or []
        if len(entries) > self.cp.config.number("SendLocalListMaxLength"):
            return call_result.SendLocalList(status=UpdateStatus.failed)
        status = self.cp.auth.send_local_list(list_version, update_type, entries,
                                           self.cp.config.number("LocalAuthListMaxLength"))
        log.info("SendLocalList %s version %d: %s", update_type, list_version, status)
        return call_result.SendLocalList(status=status if status != ListUpdate.ACCEPTED else UpdateStatus.accepted)

    # --- Reservation --------------------------------------------------------------

    def on_reserve_now(self, connector_id: int, expiry_date: str, id_tag: str, reservation_id: int,
                       parent_id_tag: str | None = None, **_: Any) -> Any:
        if connector_id == 0 and not self.cp.config.flag("ReserveConnectorZeroSupported"):
            return call_result.ReserveNow(status=ReservationStatus.rejected)
        if connector_id not in self.cp.connector_ids:
            return call_result.ReserveNow(status=ReservationStatus.rejected)
        reservations = self.cp.reservations()
        mine = next((c for c, r in reservations.items() if r.reservation_id == reservation_id), None)
        status, _report = self.cp.status_of(connector_id)
        if status == "Faulted":
            return call_result.ReserveNow(status=ReservationStatus.faulted)
        if status == "Unavailable":
            return call_result.ReserveNow(status=ReservationStatus.unavailable)
        if status not in ("Available", "Reserved") or (connector_id in reservations and mine != connector_id):
            return call_result.ReserveNow(status=ReservationStatus.occupied)
        try:
            expiry = parse_time(expiry_date)
        except ValueError:
            return call_result.ReserveNow(status=ReservationStatus.rejected)
        if mine is not None and mine != connector_id:
            self.cp.port.set_reservation(mine, None)
        with self.cp.storage.transaction() as db:
            db.execute("DELETE FROM reservations WHERE reservation_id = ? OR connector_id = ?",
                       (reservation_id, connector_id))
            db.execute("INSERT INTO reservations VALUES (?, ?, ?, ?, ?)",
                       (reservation_id, connector_id, id_tag, parent_id_tag, expiry.isoformat()))
        self.cp.port.set_reservation(connector_id, Reservation(reservation_id, id_tag, expiry, parent_id_tag))
        self.cp.refresh_statuses()
        return call_result.ReserveNow(status=ReservationStatus.accepted)

    def on_cancel_reservation(self, reservation_id: int, **_: Any) -> Any:
        for connector_id, reservation in self.cp.reservations().items():
            if reservation.reservation_id == reservation_id:
                self.cp.storage.execute("DELETE FROM reservations WHERE reservation_id = ?", (reservation_id,))
                self.cp.port.set_reservation(connector_id, None)
                self.cp.refresh_statuses()
                return call_result.CancelReservation(status=CancelReservationStatus.accepted)
        return call_result.CancelReservation(status=CancelReservationStatus.rejected)

    # --- Remote Trigger -----------------------------------------------------------

    def on_trigger_message(self, requested_message: str, connector_id: int | None = None,
                           **_: Any) -> Any:
        self._trigger_go = False
        if connector_id is not None and connector_id != 0 and connector_id not in self.cp.connector_ids:
            return call_result.TriggerMessage(status=TriggerMessageStatus.rejected)
        try:
            MessageTrigger(requested_message)
        except ValueError:
            return call_result.TriggerMessage(status=TriggerMessageStatus.not_implemented)
        self._trigger_go = True
        return call_result.TriggerMessage(status=TriggerMessageStatus.accepted)

    def after_trigger_message(self, requested_message: str, connector_id: int | None = None,
                              **_: Any) -> None:
        if self._trigger_go:
            self.send_triggered(MessageTrigger(requested_message), connector_id)

    def send_triggered(self, message: MessageTrigger, connector_id: int | None) -> None:
        """Send what TriggerMessage (or the whitepaper's ExtendedTriggerMessage) asked for."""
        if message is MessageTrigger.boot_notification:
            self.cp.spawn(self.cp.send_boot())
        elif message is MessageTrigger.heartbeat:
            self.cp.spawn(self.cp.send_heartbeat())
        elif message is MessageTrigger.status_notification:
            targets = (connector_id,) if connector_id is not None else (0, *self.cp.connector_ids)
            for target in targets:
                self.cp.spawn(self.cp.send_status(target, *self.cp.status_of(target)))
        elif message is MessageTrigger.meter_values:
            targets = (connector_id,) if connector_id else self.cp.connector_ids
            for target in targets:
                self.cp.spawn(self._send_triggered_meter_values(target))
        elif message is MessageTrigger.diagnostics_status_notification:
            self.cp.spawn(self.cp.outbox.request(call.DiagnosticsStatusNotification(status=self.diagnostics_status())))
        elif message is MessageTrigger.firmware_status_notification:
            self.cp.spawn(self.cp.outbox.request(self.cp.firmware_status_message()))

    async def _send_triggered_meter_values(self, connector_id: int) -> None:
        sample = meter_value(self.cp.snapshot.connector(connector_id), self.cp.config.items("MeterValuesSampledData"),
                             "Trigger", self.cp.now())
        if sample is None:
            return
        transaction = self.cp.running_transaction(connector_id)
        transaction_id = transaction.transaction_id if transaction is not None else None
        await self.cp.outbox.request(call.MeterValues(connector_id=connector_id, meter_value=[sample],
                                                   transaction_id=transaction_id))

    # --- Smart Charging -----------------------------------------------------------

    def _capabilities(self) -> sc.Capabilities:
        units = {"Current": "A", "Power": "W"}
        return sc.Capabilities(
            connectors=len(self.cp.connector_ids),
            max_stack_level=self.cp.config.number("ChargeProfileMaxStackLevel"),
            max_periods=self.cp.config.number("ChargingScheduleMaxPeriods"),
            units=tuple(units[u] for u in self.cp.config.items("ChargingScheduleAllowedChargingRateUnit")
                        if u in units),
            max_profiles=self.cp.config.number("MaxChargingProfilesInstalled"),
        )

    def on_set_charging_profile(self, connector_id: int, cs_charging_profiles: dict[str, Any],
                                **_: Any) -> Any:
        try:
            profile = sc.parse(connector_id, cs_charging_profiles, self.cp.now())
            sc.check(profile, self._capabilities(), self.cp.running_transaction(connector_id))
            self.cp.install_profile(profile)
        except sc.ProfileError as exc:
            log.info("SetChargingProfile %s refused: %s", cs_charging_profiles.get("charging_profile_id"), exc)
            return call_result.SetChargingProfile(status=ChargingProfileStatus.rejected)
        log.info("charging profile %d installed (%s, connector %d, stack level %d)", profile.profile_id,
                 profile.purpose.value, connector_id, profile.stack_level)
        return call_result.SetChargingProfile(status=ChargingProfileStatus.accepted)

    def on_clear_charging_profile(self, id: int | None = None,
                                  connector_id: int | None = None, charging_profile_purpose: str | None = None,
                                  stack_level: int | None = None, **_: Any) -> Any:
        purpose = sc.Purpose(charging_profile_purpose) if charging_profile_purpose else None
        self.cp.profiles, removed = sc.clear(self.cp.profiles, id, connector_id, purpose, stack_level)
        self.cp.save_profiles()
        self.cp.update_limits()
        status = ClearChargingProfileStatus.accepted if removed else ClearChargingProfileStatus.unknown
        return call_result.ClearChargingProfile(status=status)

    def on_get_composite_schedule(self, connector_id: int, duration: int,
                                  charging_rate_unit: str | None = None, **_: Any) -> Any:
        if connector_id != 0 and connector_id not in self.cp.connector_ids:
            return call_result.GetCompositeSchedule(status=GetCompositeScheduleStatus.rejected)
        unit = charging_rate_unit or DEFAULT_UNIT
        if unit not in self._capabilities().units:
            return call_result.GetCompositeSchedule(status=GetCompositeScheduleStatus.rejected)
        begin = self.cp.now().replace(microsecond=0)
        schedule = sc.composite(self.cp.profiles, connector_id, begin, duration, unit,
                                self.cp.running_transaction(connector_id) if connector_id else None,
                                self.cp.settings.phase_voltage_v, self.cp.settings.station_max_w)
        return call_result.GetCompositeSchedule(status=GetCompositeScheduleStatus.accepted, connector_id=connector_id,
                                                schedule_start=schedule["start_schedule"],
                                                charging_schedule=schedule)
