"""The demo central system as a separate process, and its HTTP door, for the desktop demo.

``evse-hmi --demo-csms`` (``make demo``) starts ``python -m controller.sim.csms`` on free
loopback ports, connects the charger to it, and gives the presenter's simulator panel
buttons that call its HTTP/JSON door: RemoteStart (the QR code / app path), RemoteStop,
Reset, ReserveNow, ChangeAvailability, a smart-charging limit, and the central system
switched off and on (the charger goes offline and back).  Each button sends the OCPP 1.6 or
2.0.1 request, whichever version the charger connected with; on 2.0.1 two more push an
operator message (SetDisplayMessage) and the running cost (CostUpdated).  Every frame both
ways is in the log file and in :meth:`DemoCentralSystem.messages`.

Plain blocking Python (no Qt, no asyncio): the desktop calls it from a worker thread.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

#: What the demo central system charges (OCA pricing messages it sends by itself).
DEMO_PRICING = {"kwh_price": "0.45", "flat_fee": "1.00", "receipt_url": "https://csms.example.com/r/{transaction_id}"}


class CentralSystemError(RuntimeError):
    """The demo central system is not running or did not answer."""


class DemoCentralSystem:
    """``python -m controller.sim.csms`` in a subprocess (started, stopped, started again on
    the same ports) and blocking calls to its HTTP door."""

    def __init__(self, log_path: Path, pricing: bool = True, ocpp_version: str = "both") -> None:
        self.log_path = log_path
        self.pricing = pricing
        self.ocpp_version = ocpp_version  # "1.6", "2.0.1" or "both" (the charger's first offer)
        self._next_message_id = 1
        self._next_remote_start_id = 0
        self.port = 0
        self.http_port = 0
        self.process: subprocess.Popen[str] | None = None
        self._next_transaction_id = 1

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def charge_point_url(self, charge_point_id: str) -> str:
        return f"ws://127.0.0.1:{self.port}/ocpp/{charge_point_id}"

    def start(self) -> None:
        """Start it (on the ports of its first start when started again)."""
        if self.running:
            return
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "controller.sim.csms", "--port", str(self.port), "--http-port",
                   str(self.http_port), "--log", str(self.log_path), "--first-transaction-id",
                   str(self._next_transaction_id), "--ocpp-version", self.ocpp_version]
        if self.pricing:
            command += ["--pricing", json.dumps(DEMO_PRICING)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.process = None
            raise CentralSystemError("no ready line")
        ready = json.loads(line)
        self.port, self.http_port = int(ready["port"]), int(ready["http_port"])

    def stop(self) -> None:
        """Switch it off (the charger goes offline); transaction numbering goes on after a restart."""
        if self.process is None:
            return
        if self.running:
            try:
                numbered = [int(key) for key in self.transactions() if key.isdigit()]  # 1.6's ids, not 2.0.1's
                if numbered:
                    self._next_transaction_id = max(numbered) + 1
            except CentralSystemError:
                pass
            self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    # --- the HTTP door -----------------------------------------------------------------

    def _http(self, method: str, path: str, body: Any = None, timeout: float = 40.0) -> Any:
        if not self.running:
            raise CentralSystemError("the demo central system is switched off")
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.http_port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            return json.loads(error.read() or b"{}")
        except (OSError, ValueError) as exc:
            raise CentralSystemError(str(exc)) from None

    def call(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Send a request to the connected charger: ``{"response": ...}`` or ``{"error": ...}``."""
        return dict(self._http("POST", "/call", {"action": action, "payload": payload}))

    def messages(self, since: int = 0) -> tuple[list[dict[str, Any]], int]:
        """The logged frames from number ``since`` on, and the next number."""
        answer = self._http("GET", f"/messages?since={since}")
        return list(answer["messages"]), int(answer["next"])

    def transactions(self) -> dict[str, Any]:
        return dict(self._http("GET", "/transactions")["transactions"])

    def charge_points(self) -> list[str]:
        return list(self._http("GET", "/charge-points")["charge_points"])

    def version(self) -> str:
        """The OCPP version the charger speaks ("1.6" when none is connected, as on 1.6 the door says so)."""
        versions = dict(self._http("GET", "/charge-points").get("versions", {}))
        return str(next(iter(versions.values()), "1.6"))

    def _open_transaction(self, connector_id: int | None) -> str | None:
        """The id of the transaction running on ``connector_id`` (2.0.1: EVSE ``connector_id``; None:
        on any), the latest when there are several."""
        open_ones = [(key, tx) for key, tx in self.transactions().items()
                     if connector_id in (None, tx.get("evse_id") if tx.get("version") == "2.0.1"
                                         else tx.get("connector_id"))
                     and "stopped" not in tx and "ended" not in tx]
        return open_ones[-1][0] if open_ones else None

    # --- the presenter's buttons -------------------------------------------------------------

    def remote_start(self, connector_id: int, id_tag: str) -> dict[str, Any]:
        if self.version() == "2.0.1":
            self._next_remote_start_id += 1
            return self.call("RequestStartTransaction", {"idToken": {"idToken": id_tag, "type": "Central"},
                                                         "evseId": connector_id,
                                                         "remoteStartId": self._next_remote_start_id})
        return self.call("RemoteStartTransaction", {"connectorId": connector_id, "idTag": id_tag})

    def remote_stop(self, connector_id: int) -> dict[str, Any]:
        """RemoteStop of the transaction running on ``connector_id`` (as the central system saw it)."""
        running = self._open_transaction(connector_id)
        if running is None:
            return {"error": f"no transaction runs on connector {connector_id}"}
        if self.version() == "2.0.1":
            return self.call("RequestStopTransaction", {"transactionId": running})
        return self.call("RemoteStopTransaction", {"transactionId": int(running)})

    def reset(self, hard: bool = False) -> dict[str, Any]:
        if self.version() == "2.0.1":
            return self.call("Reset", {"type": "Immediate" if hard else "OnIdle"})
        return self.call("Reset", {"type": "Hard" if hard else "Soft"})

    def reserve(self, connector_id: int, id_tag: str, minutes: int = 15, reservation_id: int = 1) -> dict[str, Any]:
        expiry = (datetime.now(UTC) + timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
        if self.version() == "2.0.1":
            return self.call("ReserveNow", {"id": reservation_id, "expiryDateTime": expiry, "evseId": connector_id,
                                            "idToken": {"idToken": id_tag, "type": "ISO14443"}})
        return self.call("ReserveNow", {"connectorId": connector_id, "expiryDate": expiry, "idTag": id_tag,
                                        "reservationId": reservation_id})

    def cancel_reservation(self, reservation_id: int = 1) -> dict[str, Any]:
        return self.call("CancelReservation", {"reservationId": reservation_id})

    def set_available(self, connector_id: int, available: bool) -> dict[str, Any]:
        if self.version() == "2.0.1":
            return self.call("ChangeAvailability", {"operationalStatus": "Operative" if available else "Inoperative",
                                                    "evse": {"id": connector_id}})
        return self.call("ChangeAvailability", {"connectorId": connector_id,
                                                "type": "Operative" if available else "Inoperative"})

    def limit_station(self, watts: float | None, profile_id: int = 900) -> dict[str, Any]:
        """A station-wide maximum profile of ``watts`` (None: cleared)."""
        period = {"startPeriod": 0, "limit": watts}
        if self.version() == "2.0.1":
            if watts is None:
                return self.call("ClearChargingProfile", {"chargingProfileId": profile_id})
            # a ChargingStationMaxProfile may not be Relative (K01.FR.38): Absolute, from long ago
            return self.call("SetChargingProfile", {"evseId": 0, "chargingProfile": {
                "id": profile_id, "stackLevel": 0, "chargingProfilePurpose": "ChargingStationMaxProfile",
                "chargingProfileKind": "Absolute", "chargingSchedule": [
                    {"id": profile_id, "startSchedule": "2000-01-01T00:00:00Z", "chargingRateUnit": "W",
                     "chargingSchedulePeriod": [period]}]}})
        if watts is None:
            return self.call("ClearChargingProfile", {"id": profile_id})
        return self.call("SetChargingProfile", {"connectorId": 0, "csChargingProfiles": {
            "chargingProfileId": profile_id, "stackLevel": 0, "chargingProfilePurpose": "ChargePointMaxProfile",
            "chargingProfileKind": "Relative", "chargingSchedule": {
                "chargingRateUnit": "W", "chargingSchedulePeriod": [period]}}})

    def display_message(self, text: str, priority: str = "InFront") -> dict[str, Any]:
        """2.0.1 SetDisplayMessage: ``text`` (UTF-8) with ``priority`` (AlwaysFront, InFront, NormalCycle);
        each message gets a new id."""
        if self.version() != "2.0.1":
            return {"error": "display messages need OCPP 2.0.1"}
        message_id, self._next_message_id = self._next_message_id, self._next_message_id + 1
        return self.call("SetDisplayMessage", {"message": {"id": message_id, "priority": priority, "message": {
            "format": "UTF8", "language": "en", "content": text}}})

    def push_cost(self, connector_id: int | None = None) -> dict[str, Any]:
        """2.0.1 CostUpdated: the running cost (as the central system priced it) of the transaction
        on ``connector_id`` (None: the latest running one), now."""
        if self.version() != "2.0.1":
            return {"error": "CostUpdated needs OCPP 2.0.1 (1.6 gets its costs by DataTransfer)"}
        running = self._open_transaction(connector_id)
        cost = self.transactions().get(running or "", {}).get("running_cost")
        if running is None or cost is None:
            return {"error": "no priced transaction runs"}
        # the door takes JSON: the float of a cent-exact decimal, whose text is that decimal
        return self.call("CostUpdated", {"totalCost": float(Decimal(cost)), "transactionId": running})


def summary(entry: dict[str, Any]) -> str:
    """One log line for the panel: ``→ StartTransaction`` (from the charger), ``← Reset`` (to it),
    a result as ``→ ok`` / ``← ok``, a CALLERROR with its code."""
    frame = entry.get("frame")
    arrow = "→" if entry.get("direction") == "from_charge_point" else "←"
    if not isinstance(frame, list) or not frame:
        return f"{arrow} (not OCPP)"
    kind = frame[0]
    if kind == 2 and len(frame) >= 4:
        payload = frame[3] if isinstance(frame[3], dict) else {}
        detail = payload.get("status") or payload.get("type") or payload.get("reason") or ""
        if frame[2] == "DataTransfer":
            detail = payload.get("messageId", "")
        if frame[2] == "StatusNotification":
            detail = f"{payload.get('connectorId')} {payload.get('status') or payload.get('connectorStatus')}"
        if frame[2] == "TransactionEvent":
            detail = f"{payload.get('eventType')} {payload.get('triggerReason')}"
        return f"{arrow} {frame[2]} {detail}".rstrip()
    if kind == 3 and len(frame) >= 3:
        payload = frame[2] if isinstance(frame[2], dict) else {}
        status = payload.get("status") or (payload.get("idTagInfo") or payload.get("idTokenInfo") or {}).get("status") \
            or "ok"
        return f"{arrow}   {status}"
    if kind == 4 and len(frame) >= 3:
        return f"{arrow}   error {frame[2]}"
    return f"{arrow} ?"
