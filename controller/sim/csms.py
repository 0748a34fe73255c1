"""A demo central system (OCPP 1.6J, the ``ocpp`` library's central-system role) on loopback.

It accepts charge points at ``ws://HOST:PORT/<charge point id>`` (``ocpp1.6``; optionally
TLS and HTTP Basic auth), answers BootNotification, Heartbeat, Authorize (a configurable
id-tag list), Start/StopTransaction, MeterValues, StatusNotification and DataTransfer, and
writes every frame, both ways, as a JSON line.  A small HTTP/JSON door on loopback lets a
person or a test send requests to a charger and see what it sent:

    python -m controller.sim.csms --port 9000 --http-port 9001 --log out/csms.jsonl
    curl -s localhost:9001/charge-points
    curl -s -d '{"action": "RemoteStartTransaction", "payload": {"idTag": "04A1B2C3D4E5F6", "connectorId": 1}}' \\
        localhost:9001/call
    curl -s -d '{"action": "RemoteStopTransaction", "payload": {"transactionId": 1}}' localhost:9001/call
    curl -s 'localhost:9001/messages?since=0'

HTTP requests (all JSON; ``charge_point`` may be left out when one is connected):

* ``GET /charge-points``: the connected charge point ids.
* ``GET /messages?since=N``: the logged frames from number N on, and ``next``.
* ``GET /transactions``: the transactions as the central system saw them.
* ``POST /call`` ``{"action", "payload", "charge_point"?}``: send a request (camelCase
  payload), answer ``{"response": {...}}`` or ``{"error": "<CALLERROR code>"}``.
* ``POST /raw`` ``{"frame": "<text>", "charge_point"?, "reply_to"?}``: send any text;
  with ``reply_to`` (a unique id) wait for the charger's answer to it (``timeout``
  seconds, default 10; ``{"reply": null}`` when none came).
* ``POST /settings``: change the behaviour, e.g. ``{"boot_status": "Pending",
  "heartbeat_interval": 5, "id_tags": {"04A1B2C3D4E5F6": "Accepted"}, "mute": true,
  "start_status": "Invalid", "clock_offset_s": 3600, "boot_delay_s": 2, "status_delay_s": 1,
  "refuse_actions": ["StartTransaction"]}``; answers the settings.
* ``POST /disconnect`` ``{"charge_point"?, "abort"?}``: close the charge point's websocket
  (with the closing handshake), or with ``"abort": true`` drop the TCP connection at once,
  as a cut cable or a lost mobile link would.

With ``--pricing '{"kwh_price": "0.45", "flat_fee": "1.00", "receipt_url": "https://.../{transaction_id}"}'``
(or the ``pricing`` setting) it also speaks the OCA California pricing extension by itself:
SetUserPrice after an accepted Authorize, RunningCost after StartTransaction and every
transactional MeterValues, FinalCost with the receipt link after StopTransaction (all
``DataTransfer`` of vendor ``org.openchargealliance.costmsg``; money as exact decimals).

On start it prints one JSON line on stdout: ``{"ready": true, "port": ..., "http_port": ...}``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import decimal
import json
import logging
import ssl
import sys
import threading
from collections.abc import Callable, Coroutine
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ocpp.charge_point import camel_to_snake_case, snake_to_camel_case
from ocpp.exceptions import OCPPError
from ocpp.routing import after, on
from ocpp.v16 import ChargePoint, call, call_result
from ocpp.v16.enums import Action, RegistrationStatus
from websockets.asyncio.server import ServerConnection, basic_auth, serve
from websockets.exceptions import ConnectionClosed

from controller.ocpp.connection import redact

log = logging.getLogger("csms")


@dataclass
class Settings:
    """How the central system behaves (changed at run time through ``POST /settings``)."""

    boot_status: str = RegistrationStatus.accepted.value
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
    pricing: dict[str, str] | None = None  # {"kwh_price", "flat_fee", "receipt_url"}: send OCA cost messages


class MessageLog:
    """Every frame as a JSON line (in a file, and in memory for ``GET /messages``)."""

    def __init__(self, path: Path | None) -> None:
        self.entries: list[dict[str, Any]] = []
        self._file = path.open("a", encoding="utf-8") if path else None
        self._lock = threading.Lock()

    def add(self, charge_point: str, direction: str, text: str) -> None:
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

    def since(self, n: int) -> list[dict[str, Any]]:
        with self._lock:
            return self.entries[n:]


class LoggedConnection:
    """The websocket as the ``ocpp`` library sees it, with every frame logged."""

    def __init__(self, websocket: ServerConnection, charge_point: str, messages: MessageLog) -> None:
        self.websocket = websocket
        self.charge_point = charge_point
        self.messages = messages

    async def recv(self) -> str:
        text = await self.websocket.recv()
        text = text if isinstance(text, str) else text.decode("utf-8", "replace")
        self.messages.add(self.charge_point, "from_charge_point", text)
        return text

    async def send(self, text: str) -> None:
        self.messages.add(self.charge_point, "to_charge_point", text)
        await self.websocket.send(text)


class CentralSystem:
    """The shared state: settings, transactions, connected charge points."""

    def __init__(self, settings: Settings, messages: MessageLog, first_transaction_id: int) -> None:
        self.settings = settings
        self.messages = messages
        self.next_transaction_id = first_transaction_id
        self.transactions: dict[int, dict[str, Any]] = {}
        self.sessions: dict[str, Session] = {}

    def now(self) -> str:
        moment = datetime.now(UTC) + timedelta(seconds=self.settings.clock_offset_s)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"

    def id_tag_info(self, id_tag: str) -> dict[str, str]:
        return {"status": self.settings.id_tags.get(id_tag, "Invalid")}

    def session(self, charge_point: str | None) -> Session:
        if charge_point is None:
            if len(self.sessions) != 1:
                raise LookupError(f"name the charge point: {sorted(self.sessions)}")
            return next(iter(self.sessions.values()))
        if charge_point not in self.sessions:
            raise LookupError(f"{charge_point!r} is not connected")
        return self.sessions[charge_point]


COST_VENDOR = "org.openchargealliance.costmsg"


def _dumps(body: dict[str, Any]) -> str:
    """JSON with ``Decimal`` values written as exact numbers (never through a float)."""
    numbers: dict[str, str] = {}

    def mark(value: Any) -> Any:
        if isinstance(value, Decimal):
            key = f"@@{len(numbers)}@@"
            numbers[key] = format(value, "f")
            return key
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        return value

    text = json.dumps(mark(body))
    for key, number in numbers.items():
        text = text.replace(f'"{key}"', number)
    return text


def _register_wh(meter_value: list[dict[str, Any]]) -> int | None:
    for value in meter_value:
        for sampled in value.get("sampled_value", []):
            if sampled.get("measurand", "Energy.Active.Import.Register") == "Energy.Active.Import.Register":
                try:
                    return int(Decimal(sampled["value"]))
                except (InvalidOperation, KeyError):
                    return None
    return None


class Session(ChargePoint):
    """One connected charge point, seen from the central system."""

    def __init__(self, charge_point: str, connection: LoggedConnection, system: CentralSystem) -> None:
        super().__init__(charge_point, connection, response_timeout=30)
        self.system = system
        self.connection = connection
        self._waiting: dict[str, asyncio.Future[Any]] = {}
        self._just_started = 0

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
        await super().route_message(raw_msg)

    async def send_raw(self, frame: str, reply_to: str | None, timeout: float = 10.0) -> Any:
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

    async def request(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        request = getattr(call, action)(**camel_to_snake_case(payload))
        try:
            result = await self.call(request, suppress=False)
        except OCPPError as exc:
            return {"error": exc.code, "description": exc.description}
        except TimeoutError:
            return {"error": "timeout"}
        return {"response": snake_to_camel_case(_without_nones(asdict(result)))}

    # --- requests from the charge point -----------------------------------------------

    @on(Action.boot_notification)
    async def on_boot_notification(self, **_: Any) -> Any:
        await asyncio.sleep(self.system.settings.boot_delay_s)
        return call_result.BootNotification(current_time=self.system.now(),
                                            interval=self.system.settings.heartbeat_interval,
                                            status=self.system.settings.boot_status)

    @on(Action.heartbeat)
    def on_heartbeat(self) -> Any:
        return call_result.Heartbeat(current_time=self.system.now())

    @on(Action.authorize)
    def on_authorize(self, id_tag: str) -> Any:
        return call_result.Authorize(id_tag_info=self.system.id_tag_info(id_tag))

    # --- the OCA pricing extension (with --pricing) -------------------------------------

    def _prices(self) -> tuple[Decimal, Decimal, str] | None:
        pricing = self.system.settings.pricing
        if not pricing:
            return None
        return Decimal(pricing.get("kwh_price", "0")), Decimal(pricing.get("flat_fee", "0")), \
            pricing.get("receipt_url", "")

    def _price_text(self) -> str:
        prices = self._prices()
        assert prices is not None
        return f"${prices[0]}/kWh + ${prices[1]} per session"

    def _cost(self, transaction_id: int, register_wh: int) -> Decimal:
        prices = self._prices()
        assert prices is not None
        start = int(self.system.transactions.get(transaction_id, {}).get("meter_start", register_wh))
        energy = Decimal(max(0, register_wh - start)) / Decimal(1000)
        return (prices[1] + energy * prices[0]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    async def _cost_message(self, message_id: str, body: dict[str, Any]) -> None:
        with contextlib.suppress(Exception):
            await self.call(call.DataTransfer(vendor_id=COST_VENDOR, message_id=message_id, data=_dumps(body)))

    async def _running_cost(self, transaction_id: int, register_wh: int) -> None:
        prices = self._prices()
        if prices is None:
            return
        await self._cost_message("RunningCost", {
            "transactionId": transaction_id, "timestamp": self.system.now(), "meterValue": register_wh,
            "cost": self._cost(transaction_id, register_wh), "state": "Charging",
            "chargingPrice": {"kWhPrice": prices[0], "flatFee": prices[1]}, "priceText": self._price_text()})

    @after(Action.authorize)
    async def after_authorize(self, id_tag: str) -> None:
        if self._prices() is not None and self.system.id_tag_info(id_tag)["status"] == "Accepted":
            await self._cost_message("SetUserPrice", {"idToken": id_tag, "priceText": self._price_text()})

    @on(Action.start_transaction)
    def on_start_transaction(self, connector_id: int, id_tag: str, meter_start: int, timestamp: str,
                             **extra: Any) -> Any:
        transaction_id = self.system.next_transaction_id
        self.system.next_transaction_id += 1
        info = self.system.id_tag_info(id_tag)
        if self.system.settings.start_status:
            info = {"status": self.system.settings.start_status}
        self.system.transactions[transaction_id] = {
            "charge_point": self.id, "connector_id": connector_id, "id_tag": id_tag, "meter_start": meter_start,
            "started": timestamp, "meter_values": 0, **extra}
        self._just_started = transaction_id
        return call_result.StartTransaction(transaction_id=transaction_id, id_tag_info=info)

    @after(Action.start_transaction)
    async def after_start_transaction(self, meter_start: int, **_: Any) -> None:
        await self._running_cost(self._just_started, meter_start)

    @on(Action.stop_transaction)
    def on_stop_transaction(self, transaction_id: int, meter_stop: int, timestamp: str, id_tag: str | None = None,
                            reason: str | None = None, **_: Any) -> Any:
        transaction = self.system.transactions.setdefault(transaction_id, {"charge_point": self.id})
        transaction.update(meter_stop=meter_stop, stopped=timestamp, reason=reason or "Local")
        return call_result.StopTransaction(id_tag_info=self.system.id_tag_info(id_tag) if id_tag else None)

    @after(Action.stop_transaction)
    async def after_stop_transaction(self, transaction_id: int, meter_stop: int, **_: Any) -> None:
        prices = self._prices()
        if prices is None:
            return
        cost = self._cost(transaction_id, meter_stop)
        receipt = prices[2].format(transaction_id=transaction_id)
        await self._cost_message("FinalCost", {"transactionId": transaction_id, "cost": cost,
                                               "priceText": f"Total ${cost}", "qrCodeText": receipt})

    @on(Action.meter_values)
    def on_meter_values(self, connector_id: int, meter_value: list[dict[str, Any]],
                        transaction_id: int | None = None) -> Any:
        if transaction_id is not None and transaction_id in self.system.transactions:
            self.system.transactions[transaction_id]["meter_values"] += 1
        return call_result.MeterValues()

    @after(Action.meter_values)
    async def after_meter_values(self, connector_id: int, meter_value: list[dict[str, Any]],
                                 transaction_id: int | None = None) -> None:
        register = _register_wh(meter_value)
        if transaction_id is not None and register is not None and transaction_id in self.system.transactions:
            await self._running_cost(transaction_id, register)

    @on(Action.status_notification)
    async def on_status_notification(self, **_: Any) -> Any:
        await asyncio.sleep(self.system.settings.status_delay_s)
        return call_result.StatusNotification()

    @on(Action.data_transfer)
    def on_data_transfer(self, vendor_id: str, **_: Any) -> Any:
        return call_result.DataTransfer(status="UnknownVendorId")

    @on(Action.diagnostics_status_notification)
    def on_diagnostics_status_notification(self, **_: Any) -> Any:
        return call_result.DiagnosticsStatusNotification()

    @on(Action.firmware_status_notification)
    def on_firmware_status_notification(self, **_: Any) -> Any:
        return call_result.FirmwareStatusNotification()


def _without_nones(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nones(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nones(v) for v in value]
    return value


async def _on_connect(websocket: ServerConnection, system: CentralSystem) -> None:
    charge_point = websocket.request.path.rstrip("/").rpartition("/")[2] if websocket.request else ""
    if websocket.subprotocol != "ocpp1.6" or not charge_point:
        await websocket.close(code=1002, reason="ocpp1.6 and a charge point id are required")
        return
    session = Session(charge_point, LoggedConnection(websocket, charge_point, system.messages), system)
    system.sessions[charge_point] = session
    log.info("%s connected", charge_point)
    try:
        await session.start()
    except ConnectionClosed:
        pass
    finally:
        if system.sessions.get(charge_point) is session:
            del system.sessions[charge_point]
        log.info("%s disconnected", charge_point)


class _Door(BaseHTTPRequestHandler):
    """The HTTP/JSON command door (runs in its own thread; work is done on the loop)."""

    system: CentralSystem
    loop: asyncio.AbstractEventLoop

    def log_message(self, format: str, *args: Any) -> None:
        log.debug(format, *args)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/charge-points":
            self._reply({"charge_points": sorted(self.system.sessions)})
        elif url.path == "/messages":
            since = int(parse_qs(url.query).get("since", ["0"])[0])
            entries = self.system.messages.since(since)
            self._reply({"messages": entries, "next": since + len(entries)})
        elif url.path == "/transactions":
            self._reply({"transactions": {str(k): v for k, v in self.system.transactions.items()}})
        else:
            self._reply({"error": "not found"}, 404)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            self._reply({"error": "the body must be JSON"}, 400)
            return
        path = urlsplit(self.path).path
        try:
            if path == "/call":
                session = self.system.session(body.get("charge_point"))
                self._reply(self._run(session.request(body["action"], body.get("payload", {}))))
            elif path == "/raw":
                session = self.system.session(body.get("charge_point"))
                reply = self._run(session.send_raw(body["frame"], body.get("reply_to"),
                                                   float(body.get("timeout", 10.0))))
                self._reply({"reply": reply})
            elif path == "/settings":
                for name, value in body.items():
                    if not hasattr(self.system.settings, name):
                        raise LookupError(f"unknown setting {name!r}")
                    setattr(self.system.settings, name, value)
                self._reply(asdict(self.system.settings))
            elif path == "/disconnect":
                session = self.system.session(body.get("charge_point"))
                websocket = session.connection.websocket
                if body.get("abort"):
                    self.loop.call_soon_threadsafe(websocket.transport.abort)
                else:
                    self._run(websocket.close())
                self._reply({"disconnected": session.id})
            else:
                self._reply({"error": "not found"}, 404)
        except (LookupError, KeyError, TypeError, AttributeError) as exc:
            self._reply({"error": str(exc)}, 400)

    def _run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=60)

    def _reply(self, body: Any, status: int = 200) -> None:
        data = json.dumps(body, default=_plain).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _plain(value: Any) -> Any:
    """JSON for what the library hands back (schedules come as ``Decimal``)."""
    if isinstance(value, decimal.Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _tls(certfile: str | None, keyfile: str | None) -> ssl.SSLContext | None:
    if not certfile:
        return None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certfile, keyfile)
    return context


def _password_check(password: str | None) -> Callable[[str, str], bool] | None:
    if not password:
        return None
    return lambda _user, given: given == password


async def main_async(args: argparse.Namespace, ready: Callable[[dict[str, Any]], None]) -> None:
    settings = Settings(boot_status=args.boot_status, heartbeat_interval=args.heartbeat_interval)
    if args.id_tags:
        settings.id_tags = json.loads(args.id_tags)
    if args.pricing:
        settings.pricing = json.loads(args.pricing)
    system = CentralSystem(settings, MessageLog(Path(args.log) if args.log else None), args.first_transaction_id)
    check = _password_check(args.basic_auth_password)
    async with serve(
        lambda ws: _on_connect(ws, system), args.host, args.port, subprotocols=["ocpp1.6"],  # type: ignore[list-item]
        ssl=_tls(args.certfile, args.keyfile),
        process_request=basic_auth(realm="csms", check_credentials=check) if check else None,
    ) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        _Door.system = system
        _Door.loop = asyncio.get_running_loop()
        door = ThreadingHTTPServer((args.host, args.http_port), _Door)
        threading.Thread(target=door.serve_forever, name="csms-http", daemon=True).start()
        ready({"ready": True, "port": port, "http_port": door.server_address[1]})
        try:
            await asyncio.Future()
        finally:
            door.shutdown()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m controller.sim.csms", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9000, help="websocket port (0: any free port)")
    parser.add_argument("--http-port", type=int, default=9001, help="HTTP/JSON command port (0: any free port)")
    parser.add_argument("--log", help="append every frame here as JSON lines")
    parser.add_argument("--boot-status", default="Accepted", choices=["Accepted", "Pending", "Rejected"])
    parser.add_argument("--heartbeat-interval", type=int, default=300)
    parser.add_argument("--id-tags", help='JSON object id tag -> status, e.g. \'{"04A1B2C3D4E5F6": "Accepted"}\'')
    parser.add_argument("--first-transaction-id", type=int, default=1)
    parser.add_argument("--basic-auth-password", help="require HTTP Basic auth with this password")
    parser.add_argument("--certfile", help="serve wss:// with this certificate chain (PEM)")
    parser.add_argument("--keyfile", help="the certificate's private key (PEM)")
    parser.add_argument("--pricing", help='send OCA cost messages: \'{"kwh_price": "0.45", "flat_fee": "1.00", '
                                          '"receipt_url": "https://csms.example.com/r/{transaction_id}"}\'')
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s",
                        stream=sys.stderr)

    def ready(info: dict[str, Any]) -> None:
        print(json.dumps(info), flush=True)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main_async(args, ready))


if __name__ == "__main__":
    main()
