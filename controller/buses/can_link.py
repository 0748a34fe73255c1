"""The internal CAN bus: python-can for the wire, the project's DBC (cantools) for meaning.

``CanLink`` is the only place frames are encoded or decoded.  Garbage (unknown ids,
wrong lengths, undecodable payloads) is counted and logged, never raised into the
controller: one bad frame must not stop an emergency stop from being handled.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import can
import cantools

log = logging.getLogger(__name__)

DBC_FILE = Path(__file__).resolve().parent / "evse.dbc"
#: Payloads remembered by :meth:`Codec.encode` (forgotten all at once when full).
ENCODED_CACHE_SIZE = 1024


@dataclass(frozen=True, slots=True)
class Frame:
    """A decoded frame: the DBC message name and its physical signal values."""

    name: str
    signals: dict[str, float | int]
    timestamp: float = 0.0


@dataclass(slots=True)
class LinkStats:
    received: int = 0
    decoded: int = 0
    unknown_id: int = 0
    malformed: int = 0
    sent: int = 0
    send_errors: int = 0
    filtered: int = 0


class Codec:
    """DBC encoding and decoding; one shared instance per DBC file."""

    _cache: ClassVar[dict[Path, Codec]] = {}

    def __init__(self, dbc_file: Path = DBC_FILE) -> None:
        self.db = cantools.database.load_file(str(dbc_file))
        self._by_id = {message.frame_id: message for message in self.db.messages}
        self._by_name = {message.name: message for message in self.db.messages}
        self._encoded: dict[tuple[str, bool, tuple[tuple[str, Any], ...]], bytes] = {}

    @classmethod
    def shared(cls, dbc_file: Path = DBC_FILE) -> Codec:
        if dbc_file not in cls._cache:
            cls._cache[dbc_file] = cls(dbc_file)
        return cls._cache[dbc_file]

    def frame_id(self, name: str) -> int:
        return self._by_name[name].frame_id

    def encode(self, name: str, signals: dict[str, Any], strict: bool = True) -> can.Message:
        """Encode physical values; ``strict`` refuses values outside the DBC ranges.

        The controller repeats its commands every cycle (level-triggered) and they rarely
        change, so the payloads are remembered: a repeated frame costs no DBC encoding."""
        message = self._by_name[name]
        key = (name, strict, tuple(signals.items()))
        data = self._encoded.get(key)
        if data is None:
            data = bytes(message.encode(signals, scaling=True, strict=strict))
            if len(self._encoded) >= ENCODED_CACHE_SIZE:
                self._encoded.clear()
            self._encoded[key] = data
        return can.Message(arbitration_id=message.frame_id, data=data, is_extended_id=False)

    def decode(self, msg: can.Message) -> Frame | None:
        """The frame's meaning, or None when it is not ours (unknown id)."""
        message = self._by_id.get(msg.arbitration_id)
        if message is None or msg.is_extended_id or msg.is_error_frame or msg.is_remote_frame:
            return None
        if len(msg.data) < message.length:
            raise ValueError(f"{message.name}: {len(msg.data)} bytes, expected {message.length}")
        signals = message.decode(bytes(msg.data[: message.length]), decode_choices=False, scaling=True)
        return Frame(message.name, signals, msg.timestamp)


@dataclass
class _RateLimitedLog:
    """At most one log line per ``period`` seconds per key, with a count of the rest."""

    period: float = 5.0
    _last: dict[str, float] = field(default_factory=dict)
    _suppressed: dict[str, int] = field(default_factory=dict)

    def warning(self, key: str, message: str, *args: object) -> None:
        now = time.monotonic()
        if now - self._last.get(key, -1e9) >= self.period:
            skipped = self._suppressed.pop(key, 0)
            suffix = f" ({skipped} similar suppressed)" if skipped else ""
            log.warning(message + suffix, *args)
            self._last[key] = now
        else:
            self._suppressed[key] = self._suppressed.get(key, 0) + 1


class CanLink:
    """One node's connection to the bus: send by message name, receive decoded frames."""

    def __init__(self, bus: can.BusABC, codec: Codec | None = None, accept: set[str] | None = None,
                 strict: bool = True) -> None:
        self.bus = bus
        self.strict = strict
        self.codec = codec or Codec.shared()
        self.stats = LinkStats()
        self._accept_ids = {self.codec.frame_id(n) for n in accept} if accept is not None else None
        self._log = _RateLimitedLog()

    @classmethod
    def open(cls, interface: str, channel: str, accept: set[str] | None = None, **kwargs: Any) -> CanLink:
        """Open a python-can bus (``virtual``, ``socketcan``, ``udp_multicast``, ...)."""
        bus = can.Bus(interface=interface, channel=channel, **kwargs)
        return cls(bus, accept=accept)

    def send(self, name: str, **signals: Any) -> None:
        msg = self.codec.encode(name, signals, self.strict)
        try:
            self.bus.send(msg)
            self.stats.sent += 1
        except can.CanError as exc:
            self.stats.send_errors += 1
            self._log.warning("send", "CAN send of %s failed: %s", name, exc)

    def receive(self, limit: int = 10_000) -> list[Frame]:
        """Every frame waiting right now (never blocks), decoded; garbage is counted and dropped."""
        frames: list[Frame] = []
        for _ in range(limit):
            msg = self.bus.recv(timeout=0)
            if msg is None:
                break
            frame = self.decode(msg)
            if frame is not None:
                frames.append(frame)
        return frames

    def decode(self, msg: can.Message) -> Frame | None:
        self.stats.received += 1
        if self._accept_ids is not None and msg.arbitration_id not in self._accept_ids:
            self.stats.filtered += 1
            return None
        try:
            frame = self.codec.decode(msg)
        except (ValueError, KeyError, cantools.database.errors.DecodeError) as exc:
            self.stats.malformed += 1
            self._log.warning("malformed", "dropped malformed CAN frame 0x%03X: %s", msg.arbitration_id, exc)
            return None
        if frame is None:
            self.stats.unknown_id += 1
            self._log.warning("unknown", "dropped CAN frame with unknown id 0x%03X", msg.arbitration_id)
            return None
        self.stats.decoded += 1
        return frame

    def close(self) -> None:
        self.bus.shutdown()
