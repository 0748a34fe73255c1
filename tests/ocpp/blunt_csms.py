"""A second, independent central system: plain ``websockets`` and JSON, no ``ocpp`` library.

It answers what a charge point sends and, after the answer to each message named in
``--drop-after``, drops the TCP connection at once, the way a mobile link or a load
balancer does: ``--drop fin`` closes the socket (FIN, no websocket closing handshake),
``--drop rst`` resets it (SO_LINGER 0), ``--drop mixed`` alternates.  It recognises a
repeated unique id as a repeat and answers it as before, as a central system with a
database would; transaction ids come from a counter.  Every frame is logged as a JSON line
``{"direction": "in" | "out" | "drop", "frame": ...}``.

    python -m tests.ocpp.blunt_csms --port 0 --log frames.jsonl --drop-after StartTransaction,StopTransaction

prints ``{"port": N}`` once it listens.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import socket
import struct
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from websockets.asyncio.server import ServerConnection, serve

ACCEPTED = {"status": "Accepted"}


class BluntCentralSystem:
    """The answers and the drops; one instance for every connection."""

    def __init__(self, log: Path, drop_after: frozenset[str], drop: str) -> None:
        self._log = log.open("a", buffering=1)
        self._drop_after = drop_after
        self._drop = drop
        self._drops = itertools.count()
        self._transaction_ids = itertools.count(1)
        self._answered: dict[str, Any] = {}  # unique id -> the answer given (a repeat gets it again)

    def note(self, direction: str, frame: Any) -> None:
        self._log.write(json.dumps({"direction": direction, "frame": frame}) + "\n")

    def answer(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        if action == "BootNotification":
            return {"status": "Accepted", "currentTime": now, "interval": 300}
        if action == "Heartbeat":
            return {"currentTime": now}
        if action == "Authorize":
            return {"idTagInfo": ACCEPTED}
        if action == "StartTransaction":
            return {"transactionId": next(self._transaction_ids), "idTagInfo": ACCEPTED}
        if action == "StopTransaction":
            return {"idTagInfo": ACCEPTED} if payload.get("idTag") else {}
        if action == "DataTransfer":
            return {"status": "Accepted"}
        return {}  # StatusNotification, MeterValues, the firmware and diagnostics notifications

    async def serve(self, websocket: ServerConnection) -> None:
        async for text in websocket:
            frame = json.loads(text)
            self.note("in", frame)
            if not (isinstance(frame, list) and len(frame) == 4 and frame[0] == 2):
                continue  # answers to requests this central system never makes
            _, unique_id, action, payload = frame
            if unique_id not in self._answered:
                self._answered[unique_id] = self.answer(action, payload)
            reply = [3, unique_id, self._answered[unique_id]]
            self.note("out", reply)
            await websocket.send(json.dumps(reply, separators=(",", ":")))
            if action in self._drop_after:
                self._cut(websocket)
                return

    def _cut(self, websocket: ServerConnection) -> None:
        how = self._drop if self._drop != "mixed" else ("fin", "rst")[next(self._drops) % 2]
        self.note("drop", how)
        transport = websocket.transport
        if how == "rst":
            sock = transport.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            transport.abort()
        else:
            transport.close()


async def main_async(args: argparse.Namespace) -> None:
    system = BluntCentralSystem(Path(args.log), frozenset(filter(None, args.drop_after.split(","))), args.drop)
    async with serve(system.serve, "127.0.0.1", args.port, subprotocols=["ocpp1.6"]) as server:  # type: ignore[list-item]
        port = server.sockets[0].getsockname()[1]
        print(json.dumps({"port": port}), flush=True)
        await asyncio.Future()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--log", required=True)
    parser.add_argument("--drop-after", default="", help="comma-separated actions whose answer ends the link")
    parser.add_argument("--drop", choices=("fin", "rst", "mixed"), default="fin")
    args = parser.parse_args(argv)
    try:
        asyncio.run(main_async(args))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
