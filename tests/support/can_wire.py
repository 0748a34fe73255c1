"""Test doubles at the CAN wire, below python-can's own code, for what a test machine cannot do.

- :class:`FaultyBus`: a ``can.BusABC`` around a real ``virtual`` bus that, on command, goes
  *bus-off* (hears nothing but the error frames a test puts in, and its sends fail like a full
  queue), or *lost* (send and receive raise ``can.CanOperationError`` with an errno, as
  python-can's socketcan interface does).  A :class:`Wire` joins the handles a link opens, so
  that an adapter "unplugged" refuses to open (ENODEV) until it is "plugged" again.
- :class:`UnixSocketcanBus`: python-can's own ``SocketcanBus`` (its select, recvmsg with the
  kernel timestamp, ``dissect_can_frame``, ``build_can_frame``, send and error mapping) on an
  ``AF_UNIX`` datagram socket instead of an ``AF_CAN`` one, which this kernel cannot create
  (EAFNOSUPPORT: no CAN support, no vcan).  The test writes and reads raw ``struct can_frame``
  bytes on the other end, as the kernel would; :class:`KernelSocket` can make a syscall fail
  with an errno.
"""

from __future__ import annotations

import errno
import socket
import struct
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import can
from can.interfaces.socketcan import constants
from can.interfaces.socketcan.socketcan import SocketcanBus

#: ``struct can_frame``'s header: can_id, len, __pad, __res0, len8_dlc (linux/can.h).
CAN_FRAME_HEADER = struct.Struct("=IBB1xB")


def kernel_frame(can_id: int, data: bytes = b"") -> bytes:
    """A classical ``struct can_frame`` as the kernel hands it to a raw socket (16 bytes)."""
    return CAN_FRAME_HEADER.pack(can_id, len(data), 0, 0) + data.ljust(8, b"\0")


def kernel_error_frame(classes: int, data: bytes = b"") -> bytes:
    """An error frame: CAN_ERR_FLAG with the class bits, CAN_ERR_DLC (8) data bytes."""
    return kernel_frame(constants.CAN_ERR_FLAG | classes, data.ljust(8, b"\0"))


def error_message(classes: int, data: bytes = b"") -> can.Message:
    """The same error frame as python-can delivers it (``is_error_frame``, class bits in the id)."""
    return can.Message(arbitration_id=classes, data=data.ljust(8, b"\0"), is_error_frame=True, is_extended_id=False)


@dataclass
class Wire:
    """The cable and adapter every :class:`FaultyBus` of a link hangs on."""

    channel: str
    bus_off: bool = False  # the controller is off the bus: nothing heard, sends queue up
    lost_errno: int | None = None  # send and receive raise this errno (ENETDOWN, ENODEV, ...), on every handle
    plugged: bool = True  # an unplugged adapter cannot be opened (ENODEV)
    opened: int = 0
    injected: deque[can.Message] = field(default_factory=deque)  # error frames the controller reports

    def open(self) -> FaultyBus:
        if not self.plugged:
            raise can.CanOperationError("No such device", errno.ENODEV)
        self.opened += 1
        return FaultyBus(self)


class FaultyBus(can.BusABC):
    """A real virtual bus on ``wire.channel``, failing as the wire says (see the module)."""

    def __init__(self, wire: Wire) -> None:
        self.wire = wire
        self.inner = can.Bus(interface="virtual", channel=wire.channel)
        self.channel_info = f"faulty virtual {wire.channel}"
        super().__init__(channel=wire.channel)

    def send(self, msg: can.Message, timeout: float | None = None) -> None:
        if self.wire.lost_errno is not None:
            raise can.CanOperationError("Failed to transmit", self.wire.lost_errno)
        if self.wire.bus_off:
            raise can.CanOperationError("Failed to transmit: No buffer space available", errno.ENOBUFS)
        self.inner.send(msg, timeout)

    def _recv_internal(self, timeout: float | None) -> tuple[can.Message | None, bool]:
        if self.wire.lost_errno is not None:
            raise can.CanOperationError("Failed to receive", self.wire.lost_errno)
        if self.wire.injected:
            return self.wire.injected.popleft(), False
        if self.wire.bus_off:
            while self.inner.recv(timeout=0) is not None:  # what the boards sent never reached us
                pass
            return None, False
        return self.inner.recv(timeout=timeout), False

    def shutdown(self) -> None:
        self.inner.shutdown()
        super().shutdown()


class KernelSocket:
    """One end of an AF_UNIX datagram socket pair standing in for an AF_CAN raw socket; ``fail``
    makes the next sends and receives raise OSError with that errno, as the kernel's would."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.fail: int | None = None

    def _check(self) -> None:
        if self.fail is not None:
            raise OSError(self.fail, errno.errorcode.get(self.fail, "error"))

    def send(self, data: bytes) -> int:
        self._check()
        return self.sock.send(data)

    def recvmsg(self, *args: Any) -> Any:
        self._check()
        return self.sock.recvmsg(*args)

    def __getattr__(self, name: str) -> Any:  # fileno, setsockopt, close: the real socket's
        return getattr(self.sock, name)


class UnixSocketcanBus(SocketcanBus):
    """python-can's SocketcanBus on :class:`KernelSocket` (its constructor would create and
    bind an AF_CAN socket: everything else is python-can's own code)."""

    def __init__(self, sock: KernelSocket, channel: str = "can0") -> None:
        self.socket = sock  # type: ignore[assignment]
        self.channel = channel
        self.channel_info = f"socketcan channel '{channel}' (AF_UNIX stand-in)"
        self._bcm_sockets = {}
        self._is_filtered = False
        self._task_id = 0
        self._task_id_guard = threading.Lock()
        self._can_protocol = can.CanProtocol.CAN_20
        sock.setsockopt(socket.SOL_SOCKET, constants.SO_TIMESTAMPNS, 1)  # as SocketcanBus does
        can.BusABC.__init__(self, channel=channel)

    def _apply_filters(self, filters: Any) -> None:  # CAN_RAW_FILTER does not exist on AF_UNIX
        self._is_filtered = False


def socketcan_pair(channel: str = "can0") -> tuple[UnixSocketcanBus, socket.socket]:
    """A SocketcanBus and the kernel's end of its socket (raw ``struct can_frame`` bytes)."""
    ours, kernel = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    return UnixSocketcanBus(KernelSocket(ours), channel), kernel
