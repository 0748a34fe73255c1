"""The demo central system as a process for OCPP 2.0.1 tests: its URL, its HTTP door, and
what it recorded (transactions, reports, events, schema violations).

Nothing here waits on time: :func:`wait_for` and :func:`eventually` poll a condition and
give up after a generous deadline.
"""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from typing import Any

from tests.ocpp.harness import DEADLINE_S, CentralSystemProcess, eventually, wait_for

__all__ = ["DEADLINE_S", "CentralSystem201", "eventually", "wait_for"]


class CentralSystem201(CentralSystemProcess):
    """``python -m controller.sim.csms`` (both versions unless told otherwise) in a subprocess.

    ``url`` is ``ws://127.0.0.1:PORT/ocpp``: a charger connects to ``f"{url}/{station id}"``.
    At the end of the test its fixture asserts that no frame broke the official schemas,
    unless the test set ``violations_expected``.
    """

    violations_expected = False
    default_version = "both"

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """A blocking HTTP request to the door: (status, JSON body), errors included."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.http_port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=70) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def get(self, path: str) -> Any:
        """``GET path``; fails the test on an HTTP error."""
        return self._http("GET", path)

    async def call_async(self, action: str, payload: dict[str, Any], charge_point: str | None = None) -> Any:
        """``POST /call`` from a worker thread (the test's loop goes on): (status, answer)."""
        body: dict[str, Any] = {"action": action, "payload": payload}
        if charge_point is not None:
            body["charge_point"] = charge_point
        return await asyncio.to_thread(self.request, "POST", "/call", body)

    def violations(self) -> list[dict[str, Any]]:
        return list(self.get("/violations")["violations"])

    def frames_checked(self) -> int:
        return int(self.get("/violations")["checked"])

    def report(self, request_id: int) -> dict[str, Any]:
        return dict(self.get(f"/reports?request_id={request_id}"))

    def events(self) -> list[dict[str, Any]]:
        return list(self.get("/events")["events"])

    def versions(self) -> dict[str, str]:
        """Connected charge point id -> the OCPP version spoken."""
        return dict(self.get("/charge-points")["versions"])

    def set(self, **values: Any) -> dict[str, Any]:
        """``POST /settings``; fails the test when the central system refuses a setting."""
        return dict(self._http("POST", "/settings", values))
