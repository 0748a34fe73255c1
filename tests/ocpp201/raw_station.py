"""A bare charging station for testing the demo central system: a websocket and JSON frames
written by hand, no ``ocpp`` library, so that a test can send exactly the frame it means
(a conforming one, or one that breaks the schema)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from decimal import Decimal
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.ocpp.harness import DEADLINE_S


class RawStation:
    """One websocket to the central system; CALLs out, answers and the central system's CALLs in."""

    def __init__(self, websocket: ClientConnection) -> None:
        self.websocket = websocket
        self._ids = itertools.count(1)
        self.calls: asyncio.Queue[list[Any]] = asyncio.Queue()  # the central system's CALLs
        self._answers: dict[str, asyncio.Future[list[Any]]] = {}
        self._reader = asyncio.get_running_loop().create_task(self._read())

    @classmethod
    async def open(cls, url: str, subprotocols: list[str]) -> RawStation:
        websocket = await connect(url, subprotocols=subprotocols, open_timeout=DEADLINE_S)  # type: ignore[arg-type]
        return cls(websocket)

    @property
    def subprotocol(self) -> str | None:
        return self.websocket.subprotocol

    async def _read(self) -> None:
        with contextlib.suppress(ConnectionClosed):
            async for text in self.websocket:
                frame = json.loads(text, parse_float=Decimal)
                if frame[0] == 2:
                    await self.calls.put(frame)
                elif frame[1] in self._answers:
                    self._answers.pop(frame[1]).set_result(frame)

    async def send_text(self, text: str, unique_id: str | None = None) -> list[Any] | None:
        """Send any text; with ``unique_id``, the central system's answer to it (the whole frame)."""
        future = asyncio.get_running_loop().create_future() if unique_id is not None else None
        if unique_id is not None and future is not None:
            self._answers[unique_id] = future
        await self.websocket.send(text)
        return await asyncio.wait_for(future, DEADLINE_S) if future is not None else None

    async def call(self, action: str, payload: dict[str, Any]) -> list[Any]:
        """Send a CALL; the central system's answer frame (CALLRESULT or CALLERROR), numbers as Decimal."""
        unique_id = f"m{next(self._ids)}"
        answer = await self.send_text(json.dumps([2, unique_id, action, payload]), unique_id)
        assert answer is not None
        return answer

    async def next_call(self, action: str | None = None) -> list[Any]:
        """The central system's next CALL (of ``action``, skipping others)."""
        while True:
            frame = await asyncio.wait_for(self.calls.get(), DEADLINE_S)
            if action is None or frame[2] == action:
                return frame

    async def answer(self, frame: list[Any], payload: dict[str, Any]) -> None:
        await self.websocket.send(json.dumps([3, frame[1], payload]))

    async def close(self) -> None:
        await self.websocket.close()
        self._reader.cancel()
        await asyncio.gather(self._reader, return_exceptions=True)
