"""The parts of the demo central system that both OCPP versions share.

The settings, the frame log, the connection every frame goes through (logged, and checked
by :mod:`controller.sim.frame_check`), the central system's state, the choice of the OCPP
version in the websocket handshake, and what every session does before the ``ocpp``
library routes a frame (mute, refused actions, raw frames and their answers).  The HTTP
door is :mod:`controller.sim.csms_door`; the sessions are :mod:`controller.sim.csms` (1.6)
and :mod:`controller.sim.csms201` (2.0.1).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Protocol

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import NegotiationError
from websockets.typing import Subprotocol

from controller.ocpp.connection import redact
from controller.sim.csms_ca import CsrRefused, TestCa
from controller.sim.frame_check import FrameChecker

log = logging.getLogger("csms")

VERSIONS = ("2.0.1", "1.6")  # what this central system can speak, as the versions are spelt in settings
SUBPROTOCOL = {"1.6": "ocpp1.6", "2.0.1": "ocpp2.0.1"}
VERSION_OF = {subprotocol: version for version, subprotocol in SUBPROTOCOL.items()}
MISMATCH = ("close", "reject")  # no common subprotocol: accept without one and close, or HTTP 400
RUNNING_COST = ("call", "response", "none")  # 2.0.1 running cost: CostUpdated, totalCost in the answer, neither


@dataclass
class Settings:
    """How the central system behaves (changed at run time through ``POST /settings``)."""

    boot_status: str = "Accepted"
    heartbeat_interval: int = 300
    id_tags: dict[str, str] = field(default_factory=lambda: {"04A1B2C3D4E5F6": "Accepted",
                                                              "04112233445566": "Accepted",
                                                              "0A0B0C0D": "Accepted",
                                                              "BLOCKED0001": "Blocked"})
    start_status: str = ""  # "" = the id tag's status; otherwise every StartTransaction gets this
    mute: bool = False  # never answer (a central system that hangs)
    refuse_actions: list[str] = field(default_factory=list)  # answer these CALLs with a CALLERROR (InternalError)
    clock_offset_s: float = 0.0  # the central system's clock runs this far ahead
    boot_delay_s: float = 0.0  # answer BootNotification this late (a central system under load)
    status_delay_s: float = 0.0  # answer StatusNotification this late (likewise)
    pricing: dict[str, str] | None = None  # {"kwh_price", "flat_fee", "receipt_url"}: cost messages
    versions: list[str] = field(default_factory=lambda: list(VERSIONS))  # offered in the handshake
    prefer: str = ""  # this version when the charger offers it ("": the charger's first one we speak)
    on_mismatch: str = "close"  # no common version: "close" (OCPP-J: 101 without a subprotocol, closed) or "reject"
    running_cost: str = "call"  # 2.0.1: "call" (CostUpdated), "response" (totalCost in Updated answers), "none"
    data_transfer_status: str = "UnknownVendorId"  # the answer to a charger's DataTransfer
    language: str = "en"  # of the 2.0.1 personal messages (the tariff text)

    def update(self, values: dict[str, Any]) -> None:
        """Change some settings; a :class:`LookupError` or :class:`ValueError` names a wrong one
        (and nothing is changed)."""
        changed = Settings(**{**asdict(self), **_known(values)})
        changed.check()
        for name in values:
            setattr(self, name, getattr(changed, name))

    def check(self) -> None:
        if not self.versions or any(version not in VERSIONS for version in self.versions):
            raise ValueError(f"versions: {self.versions!r}: one or more of {', '.join(VERSIONS)}")
        if self.prefer not in ("", *VERSIONS):
            raise ValueError(f"prefer: {self.prefer!r} is not one of {', '.join(VERSIONS)} or \"\"")
        if self.on_mismatch not in MISMATCH:
            raise ValueError(f"on_mismatch: {self.on_mismatch!r} is not one of {', '.join(MISMATCH)}")
        if self.running_cost not in RUNNING_COST:
            raise ValueError(f"running_cost: {self.running_cost!r} is not one of {', '.join(RUNNING_COST)}")


def _known(values: dict[str, Any]) -> dict[str, Any]:
    names = Settings.__dataclass_fields__
    for name in values:
        if name not in names:
            raise LookupError(f"unknown setting {name!r}")
    return values


def choose_version(settings: Settings, offered: Sequence[str]) -> str | None:
    """The subprotocol to speak: the preferred version when the charger offers it, else the
    charger's first offered one that this central system speaks; None when there is none."""
    speaks = {SUBPROTOCOL[version] for version in settings.versions}
    preferred = SUBPROTOCOL.get(settings.prefer, "")
    if preferred in speaks and preferred in offered:
        return preferred
    return next((subprotocol for subprotocol in offered if subprotocol in speaks), None)


def subprotocol_selector(settings: Settings) -> Any:
    """websockets' ``select_subprotocol``: :func:`choose_version`; with no common version,
    ``on_mismatch = "reject"`` fails the handshake with HTTP 400 (websockets' own way), and
    ``"close"`` completes it without a subprotocol, for the session to close at once (OCPP-J)."""

    def select(_connection: ServerConnection, offered: Sequence[Subprotocol]) -> Subprotocol | None:
        chosen = choose_version(settings, offered)
        if chosen is None and settings.on_mismatch == "reject":
            raise NegotiationError(f"no common OCPP version: offered {', '.join(offered) or 'none'}, "
                                   f"this central system speaks {', '.join(settings.versions)}")
        return Subprotocol(chosen) if chosen is not None else None

    return select


class MessageLog:
    """Every frame as a JSON line (in a file, and in memory for ``GET /messages``)."""

    def __init__(self, path: Path | None) -> None:
        self.entries: list[dict[str, Any]] = []
        self._file = path.open("a", encoding="utf-8") if path else None
        self._lock = threading.Lock()

    def add(self, charge_point: str, direction: str, text: str) -> int:
        """Log a frame; its number."""
        text = redact(text)
        try:
            frame: Any = json.loads(text)
        except ValueError:
            frame = text
        with self._lock:
            entry = {"n": len(self.entries), "time": datetime.now(UTC).isoformat(), "charge_point": charge_point,
                     "direction": direction, "frame": frame}
            self.entries.append(entry)
            if self._file:
                self._file.write(json.dumps(entry) + "\n")
                self._file.flush()
            return int(entry["n"])

    def since(self, n: int) -> list[dict[str, Any]]:
        with self._lock:
            return self.entries[n:]


class CentralSystem:
    """The shared state: settings, what the charge points sent, connected charge points."""

    def __init__(self, settings: Settings, messages: MessageLog, first_transaction_id: int) -> None:
        self.settings = settings
        self.messages = messages
        self.next_transaction_id = first_transaction_id
        self.transactions: dict[Any, dict[str, Any]] = {}  # 1.6: int ids; 2.0.1: the station's transactionId
        self.sessions: dict[str, SessionLike] = {}
        self.reports: dict[int, list[dict[str, Any]]] = {}  # 2.0.1 NotifyReport pages by requestId
        self.display_messages: dict[int, list[dict[str, Any]]] = {}  # 2.0.1 NotifyDisplayMessages by requestId
        self.events: list[dict[str, Any]] = []  # 2.0.1 NotifyEvent eventData, each with generatedAt and seqNo
        self.notifications: list[dict[str, Any]] = []  # other 2.0.1 notifications, by action
        self.statuses: dict[str, str] = {}  # 2.0.1 "<charge point>/<evse>/<connector>" -> connectorStatus
        self.violations: list[dict[str, Any]] = []
        self.frames_checked = 0
        self.ca: TestCa | None = None  # with --ca-cert/--ca-key: signs the chargers' certificate requests
        self.client_certificates: dict[str, str | None] = {}  # charge point -> its TLS client certificate's CN
        self._lock = threading.Lock()

    def now(self) -> str:
        moment = datetime.now(UTC) + timedelta(seconds=self.settings.clock_offset_s)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"

    def id_tag_info(self, id_tag: str) -> dict[str, str]:
        return {"status": self.settings.id_tags.get(id_tag, "Invalid")}

    def session(self, charge_point: str | None) -> SessionLike:
        if charge_point is None:
            if len(self.sessions) != 1:
                raise LookupError(f"name the charge point: {sorted(self.sessions)}")
            return next(iter(self.sessions.values()))
        if charge_point not in self.sessions:
            raise LookupError(f"{charge_point!r} is not connected")
        return self.sessions[charge_point]

    def check(self, charge_point: str, checker: FrameChecker, text: str, n: int) -> None:
        """Check a frame from ``charge_point`` (frame ``n`` of the log) against the official schemas."""
        violation = checker.received(text)
        with self._lock:
            self.frames_checked += 1
            if violation is None:
                return
            self.violations.append({"n": n, "charge_point": charge_point, **asdict(violation)})
        log.warning("%s sent a frame that breaks OCPP %s (%s %s): %s", charge_point, violation.version,
                    violation.kind, violation.action, "; ".join(violation.errors))

    def prices(self) -> tuple[Decimal, Decimal, str] | None:
        """(price per kWh, fee per session, receipt link pattern) when pricing is on."""
        pricing = self.settings.pricing
        if not pricing:
            return None
        return Decimal(pricing.get("kwh_price", "0")), Decimal(pricing.get("flat_fee", "0")), \
            pricing.get("receipt_url", "")

    def price_text(self) -> str:
        prices = self.prices()
        assert prices is not None
        return f"${prices[0]}/kWh + ${prices[1]} per session"

    def cost(self, energy_wh: Decimal) -> Decimal:
        """What ``energy_wh`` costs with the session fee, to the cent (half up)."""
        prices = self.prices()
        assert prices is not None
        energy = max(Decimal(0), energy_wh) / Decimal(1000)
        return (prices[1] + energy * prices[0]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


class SessionLike(Protocol):
    """What the HTTP door needs of a session, whatever its OCPP version."""

    id: str
    version: str
    connection: LoggedConnection

    async def request(self, action: str, payload: dict[str, Any]) -> dict[str, Any]: ...

    async def send_raw(self, frame: str, reply_to: str | None, timeout: float = 10.0) -> Any: ...


class LoggedConnection:
    """The websocket as the ``ocpp`` library sees it: every frame logged, every frame from the
    charge point checked against the official schemas."""

    def __init__(self, websocket: ServerConnection, charge_point: str, system: CentralSystem, version: str) -> None:
        self.websocket = websocket
        self.charge_point = charge_point
        self.system = system
        self.checker = FrameChecker(version)

    async def recv(self) -> str:
        text = await self.websocket.recv()
        text = text if isinstance(text, str) else text.decode("utf-8", "replace")
        n = self.system.messages.add(self.charge_point, "from_charge_point", text)
        self.system.check(self.charge_point, self.checker, text, n)
        return text

    async def send(self, text: str) -> None:
        self.system.messages.add(self.charge_point, "to_charge_point", text)
        self.checker.sent(text)
        await self.websocket.send(text)


class SessionBase:
    """What a session does before the ``ocpp`` library routes a frame: answers to raw frames
    go to their waiter, a muted central system ignores CALLs, a refused action gets a CALLERROR.
    Mixed in before the library's ``ChargePoint``."""

    id: str
    system: CentralSystem
    connection: LoggedConnection
    _waiting: dict[str, asyncio.Future[Any]]

    async def request(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError

    def sign_certificate_status(self, csr: str) -> str:
        """SignCertificate's answer: Accepted when this central system is a CA (and records the CSR)."""
        self.system.notifications.append({"charge_point": self.id, "action": "SignCertificate",
                                          "payload": {"csr": csr}})
        return "Accepted" if self.system.ca is not None else "Rejected"

    async def send_signed_certificate(self, csr: str, extra: dict[str, Any] | None = None) -> None:
        """Sign ``csr`` and send the chain in CertificateSigned; the charger's answer is recorded
        (``GET /notifications?action=CertificateSigned``)."""
        if self.system.ca is None:
            return
        try:
            chain = self.system.ca.sign(csr)
        except CsrRefused as exc:
            log.warning("%s: certificate request refused: %s", self.id, exc)
            return
        answer = await self.request("CertificateSigned", {"certificateChain": chain, **(extra or {})})
        self.system.notifications.append({"charge_point": self.id, "action": "CertificateSigned", "payload": answer})

    async def route_message(self, raw_msg: str) -> None:
        try:
            message = json.loads(raw_msg)
        except ValueError:
            return
        if not isinstance(message, list) or len(message) < 2:
            return
        if message[0] in (3, 4) and message[1] in self._waiting:
            future = self._waiting.pop(message[1])
            if not future.done():
                future.set_result(message)
            return
        if message[0] == 2 and self.system.settings.mute:
            return
        if message[0] == 2 and len(message) > 2 and message[2] in self.system.settings.refuse_actions:
            await self.connection.send(json.dumps([4, message[1], "InternalError", "refused on purpose", {}]))
            return
        await super().route_message(raw_msg)  # type: ignore[misc]

    async def send_raw(self, frame: str, reply_to: str | None, timeout: float = 10.0) -> Any:
        """Send any text; with ``reply_to`` (a message id) wait for the answer to it (None when none came)."""
        future: asyncio.Future[Any] | None = None
        if reply_to is not None:
            future = asyncio.get_running_loop().create_future()
            self._waiting[reply_to] = future
        await self.connection.send(frame)
        if future is None:
            return None
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            self._waiting.pop(reply_to or "", None)
            return None


def exact_json(body: Any) -> str:
    """JSON with ``Decimal`` values written as exact numbers (never through a float)."""
    numbers: dict[str, str] = {}

    def mark(value: Any) -> Any:
        if isinstance(value, Decimal):
            key = f"@@{len(numbers)}@@"
            numbers[key] = format(value, "f")
            return key
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list):
            return [mark(v) for v in value]
        return value

    text = json.dumps(mark(body))
    for key, number in numbers.items():
        text = text.replace(f'"{key}"', number)
    return text


def without_nones(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_nones(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nones(v) for v in value]
    return value
