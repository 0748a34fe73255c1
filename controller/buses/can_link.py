"""The internal CAN bus: python-can for the wire, the project's DBC (cantools) for meaning.

``CanLink`` is the only place frames are encoded or decoded.  Garbage (unknown ids,
wrong lengths, undecodable payloads) is counted and logged, never raised into the
controller: one bad frame must not stop an emergency stop from being handled.  The same
holds for the bus itself: error frames are counted by class and give the bus state
(:mod:`controller.buses.can_errors`), and a handle that is lost is re-opened with a
backoff (:mod:`controller.buses.can_recovery`) while the station cycles on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

import can
import cantools

from controller.boards import LinkHealth
from controller.buses.can_errors import BusState, classify, send_fault
from controller.buses.can_recovery import Backoff

log = logging.getLogger(__name__)

DBC_FILE = Path(__file__).resolve().parent / "evse.dbc"
#: Payloads remembered by :meth:`Codec.encode` (forgotten all at once when full).
ENCODED_CACHE_SIZE = 1024
#: A bus-off that lasts this long (s) is treated as a lost handle: the bus is re-opened
#: (the kernel's ``restart-ms`` normally ends a bus-off within a fraction of a second).
BUS_OFF_REOPEN_S = 5.0


@dataclass(frozen=True, slots=True)
class Frame:
    """A decoded frame: the DBC message name and its physical signal values."""

    name: str
    signals: dict[str, float | int]
    timestamp: float = 0.0


@dataclass(slots=True)
class LinkStats:
    """Counts since start-up (a re-open keeps them), and the bus state the controller reports."""

    received: int = 0
    decoded: int = 0
    unknown_id: int = 0
    malformed: int = 0
    sent: int = 0
    send_errors: int = 0
    filtered: int = 0
    # error frames (linux/can/error.h), in all and by class (one frame may carry several)
    error_frames: int = 0
    tx_timeout: int = 0
    lost_arbitration: int = 0
    controller: int = 0
    protocol: int = 0
    transceiver: int = 0
    no_ack: int = 0
    bus_off: int = 0
    bus_error: int = 0
    restarted: int = 0
    rx_overflow: int = 0  # the controller's receive buffer overflowed: frames were lost
    # failed sends by errno (send_errors is their sum), and receives that raised
    send_queue_full: int = 0
    send_network_down: int = 0
    send_no_device: int = 0
    send_other: int = 0
    receive_errors: int = 0
    # the handle lost and opened again
    not_sent_while_down: int = 0
    reopens: int = 0
    reopen_failures: int = 0
    state: BusState = BusState.ACTIVE
    state_since: float = 0.0
    down_since: float | None = None  # the handle is lost (a re-open is due) since; None: up
    tx_error_counter: int | None = None  # the controller's error counters, when an error frame told them
    rx_error_counter: int | None = None

    def counters(self) -> tuple[tuple[str, int], ...]:
        """Every count by name (not the state), for the engineer screen and the diagnostics."""
        return tuple((name, getattr(self, name)) for name in _COUNTS)


#: LinkStats' counts (its ``int`` fields), in their order.
_COUNTS = tuple(f.name for f in fields(LinkStats) if f.type == "int")


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
    """One node's connection to the bus: send by message name, receive decoded frames.

    Error frames are counted by class and move :attr:`LinkStats.state` (each change logged
    once).  A send or receive that says the handle is lost (ENETDOWN, ENODEV, ENXIO), or a
    bus-off that lasts :data:`BUS_OFF_REOPEN_S`, makes the link re-open its bus with ``reopen``
    (see :mod:`controller.buses.can_recovery`); until then nothing is sent, and nothing raises.
    """

    def __init__(self, bus: can.BusABC, codec: Codec | None = None, accept: set[str] | None = None,
                 strict: bool = True, reopen: Callable[[], can.BusABC] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.bus = bus
        self.strict = strict
        self.codec = codec or Codec.shared()
        self.reopen = reopen  # opens a new handle on the same interface and channel (None: never re-opened)
        self.clock = clock
        self.stats = LinkStats(state_since=clock())
        #: Called with None when the handle is lost, and with the new bus once re-opened (the
        #: runtime stops and starts watching its file descriptor).
        self.bus_changed: list[Callable[[can.BusABC | None], None]] = []
        self._accept_ids = {self.codec.frame_id(n) for n in accept} if accept is not None else None
        self._log = _RateLimitedLog()
        self._backoff = Backoff()
        self._opened_at = self.stats.state_since  # when the handle was (re-)opened

    @classmethod
    def open(cls, interface: str, channel: str, accept: set[str] | None = None, **kwargs: Any) -> CanLink:
        """Open a python-can bus (``virtual``, ``socketcan``, ``udp_multicast``, ...)."""
        bus = can.Bus(interface=interface, channel=channel, **kwargs)
        return cls(bus, accept=accept)

    @property
    def up(self) -> bool:
        """The handle is usable (False while a re-open is due)."""
        return self.stats.down_since is None

    def send(self, name: str, **signals: Any) -> None:
        msg = self.codec.encode(name, signals, self.strict)
        if not self.up and not self._try_reopen(self.clock()):
            self.stats.not_sent_while_down += 1
            return
        try:
            self.bus.send(msg)
            self.stats.sent += 1
        except can.CanError as exc:
            fault = send_fault(exc)
            self.stats.send_errors += 1
            setattr(self.stats, fault.value, getattr(self.stats, fault.value) + 1)
            self._log.warning(fault.value, "CAN send of %s failed (%s): %s", name, fault.name.lower(), exc)
            if fault.link_lost:
                self._lost(f"send failed: {exc}")

    def receive(self, limit: int = 10_000) -> list[Frame]:
        """Every frame waiting right now (never blocks), decoded; garbage is counted and dropped."""
        now = self.clock()
        if not self.up and not self._try_reopen(now):
            return []
        frames: list[Frame] = []
        for _ in range(limit):
            try:
                msg = self.bus.recv(timeout=0)
            except (can.CanError, OSError) as exc:
                self.stats.receive_errors += 1
                self._log.warning("receive", "CAN receive failed: %s", exc)
                if send_fault(exc).link_lost:
                    self._lost(f"receive failed: {exc}")
                break
            if msg is None:
                break
            frame = self.decode(msg)
            if frame is not None:
                frames.append(frame)
        if self.stats.state is BusState.BUS_OFF and self.up and now - max(self.stats.state_since,
                                                                          self._opened_at) >= BUS_OFF_REOPEN_S:
            self._lost(f"bus-off for {now - self.stats.state_since:.0f} s (is restart-ms set on the interface?)")
        return frames

    def decode(self, msg: can.Message) -> Frame | None:
        self.stats.received += 1
        if msg.is_error_frame:
            self._error_frame(msg)
            return None
        self._carried_a_frame()
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

    def health(self) -> LinkHealth:
        """The link's state and counters now (the engineer screen, the diagnostics)."""
        stats = self.stats
        return LinkHealth(stats.state.value, stats.state_since, stats.down_since, stats.counters())

    def close(self) -> None:
        self.bus.shutdown()

    # --- error frames and the bus state ------------------------------------------------------

    def _error_frame(self, msg: can.Message) -> None:
        stats = self.stats
        error = classify(msg)
        stats.error_frames += 1
        for name in error.classes:
            setattr(stats, name, getattr(stats, name) + 1)
        stats.rx_overflow += error.rx_overflow
        if error.tx_errors is not None:
            stats.tx_error_counter, stats.rx_error_counter = error.tx_errors, error.rx_errors
        if error.state is not None:
            self._set_state(error.state, "error frame " + "+".join(error.classes))
        elif error.classes:
            self._log.warning("error:" + error.classes[0], "CAN error frame: %s (%d error frames since start-up)",
                              ", ".join(error.classes), stats.error_frames)

    def _carried_a_frame(self) -> None:
        """A data frame came: the bus works (a bus-off has ended even if no RESTARTED was seen)."""
        self._backoff.proven()
        if self.stats.state is BusState.BUS_OFF:
            self._set_state(BusState.ACTIVE, "frames again")

    def _set_state(self, state: BusState, why: str) -> None:
        stats = self.stats
        if state is stats.state:
            return
        now = self.clock()
        level = logging.INFO if state is BusState.ACTIVE else logging.ERROR if state is BusState.BUS_OFF \
            else logging.WARNING
        log.log(level, "CAN bus %s -> %s after %.1f s (%s; %d error frames since start-up)", stats.state.value,
                state.value, now - stats.state_since, why, stats.error_frames)
        stats.state, stats.state_since = state, now

    # --- losing the handle and opening it again ----------------------------------------------

    def _lost(self, why: str) -> None:
        if self.reopen is None:
            return
        now = self.clock()
        if self.stats.down_since is None:
            log.error("CAN link lost (%s): re-opening the bus in %.0f s", why, self._backoff.pause)
            self.stats.down_since = now
            for listener in self.bus_changed:
                listener(None)
        self._backoff.lost(now)

    def _try_reopen(self, now: float) -> bool:
        """Open the bus again when an attempt is due; True once it is open."""
        if self.reopen is None or not self._backoff.due(now):
            return False
        try:
            bus = self.reopen()
        except (can.CanError, OSError, ValueError) as exc:
            self.stats.reopen_failures += 1
            self._backoff.tried(now, opened=False)
            self._log.warning("reopen", "CAN bus not re-opened (%s): next attempt in %.0f s", exc,
                              self._backoff.pause)
            return False
        old, self.bus = self.bus, bus
        try:
            old.shutdown()
        except (can.CanError, OSError) as exc:
            log.warning("the lost CAN handle did not close cleanly: %s", exc)
        self._backoff.tried(now, opened=True)
        self._opened_at = now
        self.stats.reopens += 1
        log.warning("CAN bus re-opened after %.1f s down (re-open %d)", now - (self.stats.down_since or now),
                    self.stats.reopens)
        self.stats.down_since = None
        for listener in self.bus_changed:
            listener(bus)
        return True
