"""The device model's requests (OCPP 2.0.1 block B): GetVariables, SetVariables,
GetBaseReport and GetReport, whose NotifyReport pages follow the answer.

The values, their checks and the paging are the device model's
(:mod:`controller.ocpp201.device_model`, :mod:`controller.ocpp201.report_pages`); here they
are answered and sent.  More items than DeviceDataCtrlr.ItemsPerMessage allows get a
CALLERROR OccurrenceConstraintViolation.  A change of BasicAuthPassword takes effect with a
new connection made after its SetVariables answer has gone out (libocpp #662).
"""

from __future__ import annotations

import logging
from typing import Any

from ocpp.exceptions import OccurrenceConstraintViolationError
from ocpp.v201 import call, call_result

from controller.ocpp.queue import ocpp_time
from controller.ocpp201.device_model import TooManyItems
from controller.ocpp201.host import Host
from controller.ocpp201.report_pages import pages
from controller.security_events import RECONFIGURATION_OF_SECURITY_PARAMETERS, SECURITY_COMPONENT_201

log = logging.getLogger(__name__)


class DeviceRequests:
    """The central system's device-model requests, answered for ``cp``."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp
        self._report: list[dict[str, Any]] | None = None  # what on_ found for its after_

    def handler_map(self) -> dict[str, Any]:
        return {
            "GetVariables": self.on_get_variables,
            "SetVariables": self.on_set_variables,
            "GetBaseReport": (self.on_get_base_report, self.after_report),
            "GetReport": (self.on_get_report, self.after_report),
        }

    def on_get_variables(self, get_variable_data: list[dict[str, Any]], **_: Any) -> Any:
        try:
            results = self.cp.device_model.get_variables(get_variable_data)
        except TooManyItems as exc:
            raise OccurrenceConstraintViolationError(description=str(exc)) from exc
        return call_result.GetVariables(get_variable_result=results)

    def on_set_variables(self, set_variable_data: list[dict[str, Any]], **_: Any) -> Any:
        try:
            results = self.cp.device_model.set_variables(set_variable_data)
        except TooManyItems as exc:
            raise OccurrenceConstraintViolationError(description=str(exc)) from exc
        for result in results:
            component, variable = result["component"], result["variable"]
            if component["name"] == SECURITY_COMPONENT_201 and result["attribute_status"] in ("Accepted",
                                                                                             "RebootRequired"):
                self.cp.security_event(RECONFIGURATION_OF_SECURITY_PARAMETERS,
                                       f"{component['name']}.{variable['name']} set by SetVariables")
        return call_result.SetVariables(set_variable_result=results)

    def on_get_base_report(self, request_id: int, report_base: str, **_: Any) -> Any:
        self._report = self.cp.device_model.base_report(report_base)
        if self._report is None:
            return call_result.GetBaseReport(status="NotSupported")
        return call_result.GetBaseReport(status="Accepted")

    def on_get_report(self, request_id: int, component_variable: list[dict[str, Any]] | None = None,
                      component_criteria: list[str] | None = None, **_: Any) -> Any:
        self._report = self.cp.device_model.report(component_variable, component_criteria)
        if self._report is None:
            return call_result.GetReport(status="NotSupported")
        if not self._report:
            return call_result.GetReport(status="EmptyResultSet")
        return call_result.GetReport(status="Accepted")

    def after_report(self, request_id: int, **_: Any) -> None:
        report, self._report = self._report, None
        if report:
            self.cp.spawn(self.send_report(request_id, report))

    async def send_report(self, request_id: int, report: list[dict[str, Any]]) -> None:
        """NotifyReport pages: seqNo 0, 1, ...; ``tbc`` on all but the last."""
        model = self.cp.device_model
        split = pages(report, int(model.number("DeviceDataCtrlr", "ItemsPerMessage", instance="GetReport")),
                      int(model.number("DeviceDataCtrlr", "BytesPerMessage", instance="GetReport")))
        generated = ocpp_time(self.cp.now())
        for seq_no, page in enumerate(split):
            await self.cp.outbox.request(call.NotifyReport(
                request_id=request_id, generated_at=generated, seq_no=seq_no, report_data=page,
                tbc=seq_no < len(split) - 1))
        log.info("report %d sent in %d NotifyReport pages", request_id, len(split))
