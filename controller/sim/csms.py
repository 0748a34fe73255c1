"""A demo central system (OCPP 1.6J and 2.0.1, the ``ocpp`` library's central-system role) on loopback.

It accepts charge points at ``ws://HOST:PORT/<charge point id>`` (optionally TLS and HTTP
Basic auth) and speaks the version the handshake settles on: with ``--ocpp-version both``
(the default) it speaks ``ocpp2.0.1`` and ``ocpp1.6`` and takes the charger's first offered
one (``--prefer 1.6``: 1.6 whenever offered); ``--ocpp-version 1.6`` or ``2.0.1`` speaks only
that one.  With no common version the handshake completes without a subprotocol and the
connection is closed at once (1002), as OCPP-J asks; ``--on-mismatch reject`` fails the
handshake with HTTP 400 instead (websockets' own behaviour).

On 1.6 it answers BootNotification, Heartbeat, Authorize (a configurable id-tag list),
Start/StopTransaction, MeterValues, StatusNotification and DataTransfer, records
DiagnosticsStatusNotification and the whitepaper's LogStatusNotification, and answers the
whitepaper's SecurityEventNotification (kept with the 2.0.1 notifications); on 2.0.1 see
:mod:`controller.sim.csms201`.  It writes every frame, both ways, as a JSON line, and checks
every frame the charger sends against the official JSON schemas, independently of the
library (:mod:`controller.sim.frame_check`).  A small HTTP/JSON door on loopback
(:mod:`controller.sim.csms_door`) lets a person or a test send requests to a charger and
see what it sent:

    python -m controller.sim.csms --port 9000 --http-port 9001 --log out/csms.jsonl
    curl -s localhost:9001/charge-points
    curl -s -d '{"action": "RemoteStartTransaction", "payload": {"idTag": "04A1B2C3D4E5F6", "connectorId": 1}}' \\
        localhost:9001/call
    curl -s -d '{"action": "RequestStartTransaction", "payload": {"idToken": {"idToken": "04A1B2C3D4E5F6", \\
        "type": "ISO14443"}, "remoteStartId": 1, "evseId": 1}}' localhost:9001/call
    curl -s 'localhost:9001/messages?since=0'

HTTP requests (all JSON; ``charge_point`` may be left out when one is connected):

* ``GET /charge-points``: the connected charge point ids, ``versions`` (id -> "1.6" | "2.0.1"),
  and ``client_certificates`` (id -> the CN of its TLS client certificate, or null).
* ``GET /messages?since=N``: the logged frames from number N on, and ``next``.
* ``GET /transactions``: the transactions as the central system saw them (1.6: by its
  transaction id; 2.0.1: by the station's transactionId, with ``seq_nos``, ``event_types``,
  ``trigger_reasons``, ``offline``, ``id_tokens``, ``events``, ``stopped_reason``, energy
  and, with pricing, ``running_cost`` / ``total_cost`` as exact decimal strings).
* ``GET /violations``: every frame from a charger that breaks the official schemas or the
  RPC framing (``n`` = its number in the log, ``kind``, ``action``, ``errors``), and
  ``checked``, the number of frames checked.
* ``GET /reports[?request_id=N]`` (2.0.1): NotifyReport pages by requestId, with ``seq_nos``
  and ``complete``; ``GET /display-messages`` likewise for NotifyDisplayMessages;
  ``GET /events``: NotifyEvent's eventData; ``GET /statuses``: the connector statuses;
  ``GET /notifications[?action=A]``: the other notifications (Boot, security events,
  firmware and log status, charging limits, reservations, DataTransfer, MeterValues).
* ``GET /settings``: the settings.
* ``POST /call`` ``{"action", "payload", "charge_point"?}``: send a request (camelCase
  payload), answer ``{"response": {...}}`` or ``{"error": "<CALLERROR code>"}``; on 2.0.1 a
  payload that breaks the request schema is not sent (400, ``invalid``: the errors).
* ``POST /raw`` ``{"frame": "<text>", "charge_point"?, "reply_to"?}``: send any text;
  with ``reply_to`` (a unique id) wait for the charger's answer to it (``timeout``
  seconds, default 10; ``{"reply": null}`` when none came).
* ``POST /settings``: change the behaviour, e.g. ``{"boot_status": "Pending",
  "heartbeat_interval": 5, "id_tags": {"04A1B2C3D4E5F6": "Accepted"}, "mute": true,
  "start_status": "Invalid", "clock_offset_s": 3600, "boot_delay_s": 2, "status_delay_s": 1,
  "refuse_actions": ["StartTransaction"], "versions": ["2.0.1"], "prefer": "1.6",
  "on_mismatch": "reject", "running_cost": "response", "data_transfer_status": "Accepted"}``;
  answers the settings (400 naming a wrong one).  ``versions`` applies to the next handshake.
* ``POST /disconnect`` ``{"charge_point"?, "abort"?}``: close the charge point's websocket
  (with the closing handshake), or with ``"abort": true`` drop the TCP connection at once,
  as a cut cable or a lost mobile link would.

Security profile 3: ``--client-ca PEM`` makes every charger present a TLS client certificate
signed by that CA (``--certfile``/``--keyfile`` serve wss://); with ``--ca-cert PEM --ca-key PEM``
the central system is its chargers' CA: it answers SignCertificate Accepted and sends the
signed certificate (and the CA certificate) in CertificateSigned, on both versions.  The
charger's answer is in ``GET /notifications?action=CertificateSigned``.

With ``--pricing '{"kwh_price": "0.45", "flat_fee": "1.00", "receipt_url": "https://.../{transaction_id}"}'``
(or the ``pricing`` setting) it charges.  On 1.6 it speaks the OCA California pricing
extension by itself: SetUserPrice after an accepted Authorize, RunningCost after
StartTransaction and every transactional MeterValues, FinalCost with the receipt link after
StopTransaction (all ``DataTransfer`` of vendor ``org.openchargealliance.costmsg``; money as
exact decimals).  On 2.0.1: the tariff text as personalMessage, CostUpdated and totalCost.

On start it prints one JSON line on stdout: ``{"ready": true, "port": ..., "http_port": ..., "versions": [...]}``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import ssl
import sys
from collections.abc import Callable
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ocpp.charge_point import camel_to_snake_case, snake_to_camel_case
from ocpp.exceptions import OCPPError
from ocpp.routing import after, on
from ocpp.v16 import ChargePoint, call, call_result
from ocpp.v16.enums import Action
from websockets.asyncio.server import ServerConnection, basic_auth, serve
from websockets.exceptions import ConnectionClosed

from controller.sim.csms201 import Session201
from controller.sim.csms_base import (
    SUBPROTOCOL,
    VERSION_OF,
    VERSIONS,
    CentralSystem,
    LoggedConnection,
    MessageLog,
    SessionBase,
    Settings,
    exact_json,
    subprotocol_selector,
    without_nones,
)
from controller.sim.csms_ca import TestCa, common_name
from controller.sim.csms_door import open_door

log = logging.getLogger("csms")

COST_VENDOR = "org.openchargealliance.costmsg"


def _register_wh(meter_value: list[dict[str, Any]]) -> int | None:
    for value in meter_value:
        for sampled in value.get("sampled_value", []):
            if sampled.get("measurand", "Energy.Active.Import.Register") == "Energy.Active.Import.Register":
                try:
                    return int(Decimal(sampled["value"]))
                except (InvalidOperation, KeyError):
                    return None
    return None


class Session(SessionBase, ChargePoint):
    """One connected OCPP 1.6 charge point, seen from the central system."""

    version = "1.6"

    def __init__(self, charge_point: str, connection: LoggedConnection, system: CentralSystem) -> None:
        super().__init__(charge_point, connection, response_timeout=30)
        self.system = system
        self.connection = connection
        self._waiting = {}
        self._just_started = 0

    async def request(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        request = getattr(call, action)(**camel_to_snake_case(payload))
        try:
            result = await self.call(request, suppress=False)
        except OCPPError as exc:
            return {"error": exc.code, "description": exc.description}
        except TimeoutError:
            return {"error": "timeout"}
        return {"response": snake_to_camel_case(without_nones(asdict(result)))}

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
        return self.system.prices()

    def _price_text(self) -> str:
        return self.system.price_text()

    def _cost(self, transaction_id: int, register_wh: int) -> Decimal:
        start = int(self.system.transactions.get(transaction_id, {}).get("meter_start", register_wh))
        return self.system.cost(Decimal(register_wh - start))

    async def _cost_message(self, message_id: str, body: dict[str, Any]) -> None:
        with contextlib.suppress(Exception):
            await self.call(call.DataTransfer(vendor_id=COST_VENDOR, message_id=message_id, data=exact_json(body)))

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

    def _notice(self, action: str, payload: dict[str, Any]) -> None:
        self.system.notifications.append({"charge_point": self.id, "action": str(action), "payload": payload})

    @on(Action.diagnostics_status_notification)
    def on_diagnostics_status_notification(self, **payload: Any) -> Any:
        self._notice(Action.diagnostics_status_notification, payload)
        return call_result.DiagnosticsStatusNotification()

    @on(Action.log_status_notification)
    def on_log_status_notification(self, **payload: Any) -> Any:
        self._notice(Action.log_status_notification, payload)
        return call_result.LogStatusNotification()

    @on(Action.firmware_status_notification)
    def on_firmware_status_notification(self, **_: Any) -> Any:
        return call_result.FirmwareStatusNotification()

    @on(Action.sign_certificate)
    def on_sign_certificate(self, csr: str, **_: Any) -> Any:
        return call_result.SignCertificate(status=self.sign_certificate_status(csr))

    @after(Action.sign_certificate)
    async def after_sign_certificate(self, csr: str, **_: Any) -> None:
        await self.send_signed_certificate(csr)

    @on(Action.signed_firmware_status_notification)
    def on_signed_firmware_status_notification(self, **_: Any) -> Any:
        return call_result.SignedFirmwareStatusNotification()

    @on(Action.security_event_notification)
    def on_security_event_notification(self, **payload: Any) -> Any:
        self.system.notifications.append({"charge_point": self.id, "action": str(Action.security_event_notification),
                                          "payload": payload})
        return call_result.SecurityEventNotification()



async def _on_connect(websocket: ServerConnection, system: CentralSystem) -> None:
    charge_point = websocket.request.path.rstrip("/").rpartition("/")[2] if websocket.request else ""
    version = VERSION_OF.get(websocket.subprotocol or "")
    if version is None or not charge_point:
        # OCPP-J: no common subprotocol -> the handshake completes without one and the
        # central system closes at once (1002, protocol error), naming what it speaks
        offered = websocket.request.headers.get("Sec-WebSocket-Protocol", "") if websocket.request else ""
        reason = (f"no common OCPP version (offered: {offered or 'none'}; spoken: "
                  f"{', '.join(SUBPROTOCOL[v] for v in system.settings.versions)})" if version is None
                  else "a charge point id is required")
        log.info("refused %s: %s", charge_point or "a connection", reason)
        await websocket.close(code=1002, reason=reason[:120])
        return
    system.client_certificates[charge_point] = common_name(websocket.transport.get_extra_info("peercert"))
    connection = LoggedConnection(websocket, charge_point, system, version)
    session: Session | Session201 = (Session if version == "1.6" else Session201)(charge_point, connection, system)
    system.sessions[charge_point] = session
    log.info("%s connected (OCPP %s)", charge_point, version)
    try:
        await session.start()
    except ConnectionClosed:
        pass
    finally:
        if system.sessions.get(charge_point) is session:
            del system.sessions[charge_point]
        log.info("%s disconnected", charge_point)


def _tls(certfile: str | None, keyfile: str | None, client_ca: str | None = None) -> ssl.SSLContext | None:
    """wss:// with ``certfile``; with ``client_ca``, every charger must present a client
    certificate signed by it (security profile 3)."""
    if not certfile:
        return None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certfile, keyfile)
    if client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(cafile=client_ca)
    return context


def _password_check(password: str | None) -> Callable[[str, str], bool] | None:
    if not password:
        return None
    return lambda _user, given: given == password


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings the command line asks for."""
    settings = Settings(boot_status=args.boot_status, heartbeat_interval=args.heartbeat_interval,
                        versions=list(VERSIONS) if args.ocpp_version == "both" else [args.ocpp_version],
                        prefer=args.prefer or "", on_mismatch=args.on_mismatch, running_cost=args.running_cost)
    if args.id_tags:
        settings.id_tags = json.loads(args.id_tags)
    if args.pricing:
        settings.pricing = json.loads(args.pricing)
    settings.check()
    return settings


async def main_async(args: argparse.Namespace, ready: Callable[[dict[str, Any]], None]) -> None:
    settings = settings_from(args)
    system = CentralSystem(settings, MessageLog(Path(args.log) if args.log else None), args.first_transaction_id)
    if args.ca_cert:
        system.ca = TestCa(Path(args.ca_cert), Path(args.ca_key))
    check = _password_check(args.basic_auth_password)
    async with serve(
        lambda ws: _on_connect(ws, system), args.host, args.port,
        subprotocols=[SUBPROTOCOL[v] for v in VERSIONS],  # type: ignore[misc]
        select_subprotocol=subprotocol_selector(settings),
        ssl=_tls(args.certfile, args.keyfile, args.client_ca),
        process_request=basic_auth(realm="csms", check_credentials=check) if check else None,
    ) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        door = open_door(system, args.host, args.http_port)
        ready({"ready": True, "port": port, "http_port": door.server_address[1], "versions": settings.versions})
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
    parser.add_argument("--ocpp-version", default="both", choices=["1.6", "2.0.1", "both"],
                        help="the OCPP versions offered in the handshake (default: both)")
    parser.add_argument("--prefer", choices=list(VERSIONS),
                        help="with both: speak this version when the charger offers it (default: the charger's "
                             "first offered one)")
    parser.add_argument("--on-mismatch", default="close", choices=["close", "reject"],
                        help="no common version: complete the handshake without a subprotocol and close (OCPP-J, "
                             "default) or reject it with HTTP 400")
    parser.add_argument("--boot-status", default="Accepted", choices=["Accepted", "Pending", "Rejected"])
    parser.add_argument("--heartbeat-interval", type=int, default=300)
    parser.add_argument("--id-tags", help='JSON object id tag (2.0.1: idToken) -> status, '
                                          'e.g. \'{"04A1B2C3D4E5F6": "Accepted"}\'')
    parser.add_argument("--first-transaction-id", type=int, default=1)
    parser.add_argument("--basic-auth-password", help="require HTTP Basic auth with this password")
    parser.add_argument("--certfile", help="serve wss:// with this certificate chain (PEM)")
    parser.add_argument("--keyfile", help="the certificate's private key (PEM)")
    parser.add_argument("--client-ca", help="security profile 3: require a TLS client certificate signed by this "
                                            "CA (PEM)")
    parser.add_argument("--ca-cert", help="act as the chargers' CA: answer SignCertificate with a certificate "
                                          "signed by this CA certificate (PEM) in CertificateSigned")
    parser.add_argument("--ca-key", help="the --ca-cert's private key (PEM)")
    parser.add_argument("--pricing", help='charge: \'{"kwh_price": "0.45", "flat_fee": "1.00", '
                                          '"receipt_url": "https://csms.example.com/r/{transaction_id}"}\' '
                                          '(1.6: OCA cost messages; 2.0.1: tariff text, CostUpdated, totalCost)')
    parser.add_argument("--running-cost", default="call", choices=["call", "response", "none"],
                        help="2.0.1 running cost: CostUpdated after each Updated event (call), totalCost in the "
                             "Updated answer (response), or none")
    args = parser.parse_args(argv)
    if bool(args.ca_cert) != bool(args.ca_key):
        parser.error("--ca-cert and --ca-key go together")
    return args


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
