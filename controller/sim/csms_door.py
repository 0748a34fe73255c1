"""The demo central system's HTTP/JSON door on loopback (both OCPP versions).

It runs in its own thread; work on the sessions is done on the central system's loop.
The requests are listed in :mod:`controller.sim.csms`'s docstring.
"""

from __future__ import annotations

import asyncio
import decimal
import json
import logging
import threading
from collections.abc import Coroutine
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from controller.sim.csms_base import CentralSystem

log = logging.getLogger("csms")


class Door(BaseHTTPRequestHandler):
    """One HTTP request to the central system."""

    system: CentralSystem
    loop: asyncio.AbstractEventLoop

    def log_message(self, format: str, *args: Any) -> None:
        log.debug(format, *args)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        system = self.system
        if url.path == "/charge-points":
            self._reply({"charge_points": sorted(system.sessions),
                         "versions": {name: session.version for name, session in system.sessions.items()},
                         "client_certificates": dict(system.client_certificates)})
        elif url.path == "/messages":
            since = int(query.get("since", ["0"])[0])
            entries = system.messages.since(since)
            self._reply({"messages": entries, "next": since + len(entries)})
        elif url.path == "/transactions":
            self._reply({"transactions": {str(k): v for k, v in system.transactions.items()}})
        elif url.path == "/reports":
            if "request_id" in query:
                request_id = int(query["request_id"][0])
                self._reply(paged(request_id, system.reports.get(request_id, [])))
            else:
                self._reply({"reports": {str(k): paged(k, v) for k, v in system.reports.items()}})
        elif url.path == "/display-messages":
            self._reply({"display_messages": {str(k): paged(k, v) for k, v in system.display_messages.items()}})
        elif url.path == "/events":
            self._reply({"events": list(system.events)})
        elif url.path == "/notifications":
            action = query.get("action", [None])[0]
            self._reply({"notifications": [n for n in list(system.notifications)
                                           if action is None or n["action"] == action]})
        elif url.path == "/statuses":
            self._reply({"statuses": dict(system.statuses)})
        elif url.path == "/violations":
            self._reply({"violations": list(system.violations), "checked": system.frames_checked})
        elif url.path == "/settings":
            self._reply(asdict(system.settings))
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
                answer = self._run(session.request(body["action"], body.get("payload", {})))
                self._reply(answer, 400 if answer.get("invalid") else 200)
            elif path == "/raw":
                session = self.system.session(body.get("charge_point"))
                reply = self._run(session.send_raw(body["frame"], body.get("reply_to"),
                                                   float(body.get("timeout", 10.0))))
                self._reply({"reply": reply})
            elif path == "/settings":
                self.system.settings.update(body)
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
        except (LookupError, KeyError, TypeError, AttributeError, ValueError) as exc:
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


def paged(request_id: int, pages: list[dict[str, Any]]) -> dict[str, Any]:
    """The pages of a paged answer (NotifyReport, NotifyDisplayMessages) in arrival order, and
    whether it is complete: seqNo 0, 1, … without a gap or a repeat, the last one without ``tbc``."""
    seq_nos = [page["seq_no"] for page in pages]
    complete = bool(pages) and seq_nos == list(range(len(pages))) and not pages[-1]["tbc"]
    return {"request_id": request_id, "seq_nos": seq_nos, "complete": complete, "pages": pages}


def _plain(value: Any) -> Any:
    """JSON for what the library hands back (schedules come as ``Decimal``)."""
    if isinstance(value, decimal.Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def open_door(system: CentralSystem, host: str, port: int) -> ThreadingHTTPServer:
    """Serve the door on ``host:port`` (0: any free port) in a daemon thread; shut it down when done."""
    door = type("BoundDoor", (Door,), {"system": system, "loop": asyncio.get_running_loop()})
    server = ThreadingHTTPServer((host, port), door)
    threading.Thread(target=server.serve_forever, name="csms-http", daemon=True).start()
    return server
