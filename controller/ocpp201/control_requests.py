"""The central system's requests about what it decides for the station (OCPP 2.0.1):
reservations (H), smart charging (K), the local list and cache (C/D) and display
messages (O).  The state is kept by :mod:`controller.ocpp201.control`; the rules are pure
(:mod:`~controller.ocpp201.profiles`, :mod:`~controller.ocpp201.local_list`,
:mod:`controller.display_messages`).
"""

from __future__ import annotations

import logging
from typing import Any

from ocpp.v201 import call, call_result

from controller.ocpp201 import profiles as pr
from controller.ocpp201.host import Host

log = logging.getLogger(__name__)


class ControlRequests:
    """Reservations, smart charging, the local list and display messages, answered for ``cp``."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp
        self._found: Any = None  # what an on_ found for its after_

    def handler_map(self) -> dict[str, Any]:
        return {
            "CancelReservation": self.on_cancel_reservation,
            "ClearChargingProfile": self.on_clear_charging_profile,
            "ClearDisplayMessage": self.on_clear_display_message,
            "GetChargingProfiles": (self.on_get_charging_profiles, self.after_get_charging_profiles),
            "GetCompositeSchedule": self.on_get_composite_schedule,
            "GetDisplayMessages": (self.on_get_display_messages, self.after_get_display_messages),
            "GetLocalListVersion": self.on_get_local_list_version,
            "ReserveNow": self.on_reserve_now,
            "SendLocalList": self.on_send_local_list,
            "SetChargingProfile": self.on_set_charging_profile,
            "SetDisplayMessage": self.on_set_display_message,
        }

    # --- reservations -----------------------------------------------------------------

    def on_reserve_now(self, id: int, expiry_date_time: str, id_token: dict[str, Any],
                       evse_id: int | None = None, group_id_token: dict[str, Any] | None = None,
                       connector_type: str | None = None, **_: Any) -> Any:
        if not self.cp.device_model.flag("ReservationCtrlr", "Enabled"):
            return call_result.ReserveNow(status="Rejected")
        if evse_id is not None and self.cp.station_link.side(evse_id) is None:
            return call_result.ReserveNow(status="Rejected", status_info={"reason_code": "UnknownEvse"})
        if connector_type is not None and evse_id is None:
            return call_result.ReserveNow(status="Rejected", status_info={"reason_code": "UnsupportedRequest"})
        status = self.cp.control.reservations.reserve(id, expiry_date_time, id_token, evse_id, group_id_token,
                                                      self.cp.reporting.status_of)
        return call_result.ReserveNow(status=status)

    def on_cancel_reservation(self, reservation_id: int, **_: Any) -> Any:
        cancelled = self.cp.control.reservations.cancel(reservation_id)
        return call_result.CancelReservation(status="Accepted" if cancelled else "Rejected")

    # --- smart charging ---------------------------------------------------------------

    def on_set_charging_profile(self, evse_id: int, charging_profile: dict[str, Any], **_: Any) -> Any:
        refusal = self.cp.control.limits.set_profile(evse_id, charging_profile)
        if refusal is not None:
            log.info("SetChargingProfile refused: %s", refusal.info)
            return call_result.SetChargingProfile(status=refusal.status, status_info=refusal.status_info)
        return call_result.SetChargingProfile(status="Accepted")

    def on_get_charging_profiles(self, request_id: int, charging_profile: dict[str, Any],
                                 evse_id: int | None = None, **_: Any) -> Any:
        request = {"evse_id": evse_id, "charging_profile": charging_profile}
        self._found = pr.get_charging_profiles(self.cp.control.limits.profiles, request)
        return call_result.GetChargingProfiles(status=pr.get_status(self._found))

    def after_get_charging_profiles(self, request_id: int, **_: Any) -> None:
        reports, self._found = self._found, None
        if reports:
            self.cp.spawn(self._report_profiles(request_id, reports))

    async def _report_profiles(self, request_id: int, reports: list[pr.ProfileReport]) -> None:
        for payload in pr.report_payloads(request_id, reports):
            await self.cp.outbox.request(call.ReportChargingProfiles(**payload))

    def on_clear_charging_profile(self, charging_profile_id: int | None = None,
                                  charging_profile_criteria: dict[str, Any] | None = None, **_: Any) -> Any:
        status = self.cp.control.limits.clear({"charging_profile_id": charging_profile_id,
                                               "charging_profile_criteria": charging_profile_criteria})
        return call_result.ClearChargingProfile(status=status)

    def on_get_composite_schedule(self, duration: int, evse_id: int, charging_rate_unit: str | None = None,
                                  **_: Any) -> Any:
        limits = self.cp.control.limits
        answer = pr.composite_schedule_201(limits.profiles, evse_id, duration, charging_rate_unit, self.cp.now(),
                                           limits.capabilities(), self.cp.settings.phase_voltage_v,
                                           self.cp.settings.station_max_w, limits.running().get(evse_id))
        return call_result.GetCompositeSchedule(**answer)

    # --- local list ----------------------------------------------------------------------

    def on_get_local_list_version(self, **_: Any) -> Any:
        enabled = self.cp.config.flag("LocalAuthListEnabled")
        return call_result.GetLocalListVersion(version_number=self.cp.authorizer.store.list_version if enabled else 0)

    def on_send_local_list(self, version_number: int, update_type: str,
                           local_authorization_list: list[dict[str, Any]] | None = None, **_: Any) -> Any:
        answer = self.cp.authorizer.send_local_list(version_number, update_type, local_authorization_list or [])
        return call_result.SendLocalList(**answer)

    # --- display messages ----------------------------------------------------------------

    def on_set_display_message(self, message: dict[str, Any], **_: Any) -> Any:
        return call_result.SetDisplayMessage(status=self.cp.control.messages.set(message))

    def on_get_display_messages(self, request_id: int, id: list[int] | None = None, priority: str | None = None,
                                state: str | None = None, **_: Any) -> Any:
        self._found = self.cp.control.messages.matching(id, priority, state)
        return call_result.GetDisplayMessages(status="Accepted" if self._found else "Unknown")

    def after_get_display_messages(self, request_id: int, **_: Any) -> None:
        found, self._found = self._found, None
        if found:
            self.cp.spawn(self.cp.control.messages.notify(request_id, found))

    def on_clear_display_message(self, id: int, **_: Any) -> Any:
        cleared = self.cp.control.messages.clear(id)
        return call_result.ClearDisplayMessage(status="Accepted" if cleared else "Unknown")

