"""What the CAN controller reports about the bus: error frames and failed sends, classified.

SocketCAN delivers the controller's own problems as *error frames* (``CAN_ERR_FLAG`` in the
id; python-can's ``Message.is_error_frame``) when the socket asks for them with
``CAN_RAW_ERR_FILTER`` (python-can's ``SocketcanBus`` asks for all of them unless
``ignore_rx_error_frames``).  Their layout is the kernel's ``include/uapi/linux/can/error.h``:
the class bits in the id, details in the eight data bytes.  A failed send is told by its
errno (``can.CanOperationError.error_code``).

Pure functions over python-can messages and exceptions: no socket is touched here.
"""

from __future__ import annotations

import enum
import errno
from dataclasses import dataclass

import can

# --- linux/can/error.h: error classes (in the can_id) --------------------------------------
CAN_ERR_TX_TIMEOUT = 0x001  # TX timeout (by the netdevice driver)
CAN_ERR_LOSTARB = 0x002  # lost arbitration: data[0] the bit
CAN_ERR_CRTL = 0x004  # controller problems: data[1]
CAN_ERR_PROT = 0x008  # protocol violations: data[2] type, data[3] location
CAN_ERR_TRX = 0x010  # transceiver status: data[4]
CAN_ERR_ACK = 0x020  # no acknowledgement on transmission: nobody else on the bus
CAN_ERR_BUSOFF = 0x040  # bus off
CAN_ERR_BUSERROR = 0x080  # bus error (may flood)
CAN_ERR_RESTARTED = 0x100  # the controller restarted (after bus-off, restart-ms)
CAN_ERR_CNT = 0x200  # TX error counter in data[6], RX in data[7] (newer kernels)

# --- data[1]: controller problems ------------------------------------------------------------
CAN_ERR_CRTL_RX_OVERFLOW = 0x01  # RX buffer overflow: frames lost
CAN_ERR_CRTL_TX_OVERFLOW = 0x02
CAN_ERR_CRTL_RX_WARNING = 0x04  # error counter reached the warning level (96)
CAN_ERR_CRTL_TX_WARNING = 0x08
CAN_ERR_CRTL_RX_PASSIVE = 0x10  # error passive (127)
CAN_ERR_CRTL_TX_PASSIVE = 0x20
CAN_ERR_CRTL_ACTIVE = 0x40  # back to error active

#: Each error class bit and the name of its counter in ``LinkStats``.
ERROR_CLASSES: tuple[tuple[int, str], ...] = (
    (CAN_ERR_TX_TIMEOUT, "tx_timeout"),
    (CAN_ERR_LOSTARB, "lost_arbitration"),
    (CAN_ERR_CRTL, "controller"),
    (CAN_ERR_PROT, "protocol"),
    (CAN_ERR_TRX, "transceiver"),
    (CAN_ERR_ACK, "no_ack"),
    (CAN_ERR_BUSOFF, "bus_off"),
    (CAN_ERR_BUSERROR, "bus_error"),
    (CAN_ERR_RESTARTED, "restarted"),
)


class BusState(enum.Enum):
    """The CAN controller's fault confinement state (ISO 11898-1), as the kernel reports it."""

    ACTIVE = "active"  # error counters below 96: all well
    WARNING = "warning"  # a counter reached 96: errors on the bus
    PASSIVE = "passive"  # a counter reached 128: sends, but may not signal errors
    BUS_OFF = "bus-off"  # TX counter reached 256: off the bus until restarted


@dataclass(frozen=True, slots=True)
class ErrorFrame:
    """One error frame's meaning: its classes (counter names), the state it reports (None: it
    says nothing about the state), whether received frames were lost, the error counters."""

    classes: tuple[str, ...]
    state: BusState | None
    rx_overflow: bool
    tx_errors: int | None
    rx_errors: int | None


def classify(msg: can.Message) -> ErrorFrame:
    """What error frame ``msg`` says (``msg.is_error_frame`` is the caller's test)."""
    bits = msg.arbitration_id
    data = bytes(msg.data).ljust(8, b"\0")
    classes = tuple(name for bit, name in ERROR_CLASSES if bits & bit)
    return ErrorFrame(
        classes=classes,
        state=_state(bits, data[1]),
        rx_overflow=bool(bits & CAN_ERR_CRTL and data[1] & CAN_ERR_CRTL_RX_OVERFLOW),
        tx_errors=data[6] if bits & CAN_ERR_CNT else None,
        rx_errors=data[7] if bits & CAN_ERR_CNT else None,
    )


def _state(bits: int, controller: int) -> BusState | None:
    if bits & CAN_ERR_BUSOFF:
        return BusState.BUS_OFF
    if bits & CAN_ERR_RESTARTED:
        return BusState.ACTIVE
    if not bits & CAN_ERR_CRTL:
        return None
    if controller & (CAN_ERR_CRTL_RX_PASSIVE | CAN_ERR_CRTL_TX_PASSIVE):
        return BusState.PASSIVE
    if controller & (CAN_ERR_CRTL_RX_WARNING | CAN_ERR_CRTL_TX_WARNING):
        return BusState.WARNING
    if controller & CAN_ERR_CRTL_ACTIVE:
        return BusState.ACTIVE
    return None


class SendFault(enum.Enum):
    """Why a send failed, by errno; the counter's name in ``LinkStats`` is the value."""

    QUEUE_FULL = "send_queue_full"  # ENOBUFS, or python-can's "Transmit buffer full": frames wait
    NETWORK_DOWN = "send_network_down"  # ENETDOWN: interface down (ip link set can0 down)
    NO_DEVICE = "send_no_device"  # ENODEV / ENXIO: the adapter is gone (a USB adapter unplugged)
    OTHER = "send_other"

    @property
    def link_lost(self) -> bool:
        """The handle is of no use any more: the bus is re-opened."""
        return self in (SendFault.NETWORK_DOWN, SendFault.NO_DEVICE)


_FAULTS = {errno.ENOBUFS: SendFault.QUEUE_FULL, errno.EAGAIN: SendFault.QUEUE_FULL,
           errno.ENETDOWN: SendFault.NETWORK_DOWN, errno.ENODEV: SendFault.NO_DEVICE,
           errno.ENXIO: SendFault.NO_DEVICE, errno.EBADF: SendFault.NO_DEVICE}


def send_fault(error: can.CanError | OSError) -> SendFault:
    """The kind of a failed send or receive (python-can carries the errno in ``error_code``)."""
    code = error.error_code if isinstance(error, can.CanError) else error.errno
    if code is None and isinstance(error, can.CanError) and "buffer full" in str(error).lower():
        return SendFault.QUEUE_FULL
    return _FAULTS.get(code or 0, SendFault.OTHER)
