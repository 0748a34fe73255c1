"""Error frames and bus states on real python-can buses: the in-process ``virtual`` interface, and
python-can's own ``SocketcanBus`` fed raw kernel ``struct can_frame`` bytes (the same tests on
both).  The SocketCAN socket is an AF_UNIX stand-in: this kernel has no AF_CAN (see
tests/support/can_wire.py, where every double is described)."""

from __future__ import annotations

import errno
import logging
import socket
from collections.abc import Iterator
from typing import Protocol

import can
import pytest
from can.interfaces.socketcan.socketcan import dissect_can_frame

from controller.buses import can_errors as ce
from controller.buses.can_errors import BusState, SendFault, classify, send_fault
from controller.buses.can_link import BUS_OFF_REOPEN_S, CanLink, Codec
from controller.buses.can_recovery import REOPEN_BACKOFF_S
from controller.clock import FakeClock
from tests.support.can_wire import KernelSocket, error_message, kernel_error_frame, kernel_frame, socketcan_pair

IO_STATUS = dict(LeftButton=0, RightButton=0, EmergencyStop=1, DoorOpen=0, Tilt=0, AliveCounter=3,
                 AmbientTemperature=21, CabinetTemperature=30, AcInputVoltage=400)


class Wire(Protocol):
    """The other end of the controller's link: frames as the kernel / another node puts them."""

    link: CanLink
    clock: FakeClock

    def error(self, classes: int, data: bytes = b"") -> None: ...

    def frame(self, msg: can.Message) -> None: ...

    def garbage(self) -> None: ...


class VirtualWire:
    def __init__(self, channel: str) -> None:
        self.clock = FakeClock()
        self.link = CanLink(can.Bus(interface="virtual", channel=channel), clock=self.clock.monotonic)
        self.peer = can.Bus(interface="virtual", channel=channel)

    def error(self, classes: int, data: bytes = b"") -> None:
        self.peer.send(error_message(classes, data))

    def frame(self, msg: can.Message) -> None:
        self.peer.send(msg)

    def garbage(self) -> None:
        self.peer.send(can.Message(arbitration_id=0x7F0, data=b"\x01\x02"))  # unknown id
        self.peer.send(can.Message(arbitration_id=0x300, data=b"\x01", is_extended_id=False))  # IOB_Status, 1 byte

    def close(self) -> None:
        self.link.close()
        self.peer.shutdown()


class SocketcanWire:
    def __init__(self, channel: str) -> None:
        self.clock = FakeClock()
        bus, self.kernel = socketcan_pair()
        self.link = CanLink(bus, clock=self.clock.monotonic)

    def error(self, classes: int, data: bytes = b"") -> None:
        self.kernel.send(kernel_error_frame(classes, data))

    def frame(self, msg: can.Message) -> None:
        self.kernel.send(kernel_frame(msg.arbitration_id, bytes(msg.data)))

    def garbage(self) -> None:
        self.kernel.send(kernel_frame(0x7F0, b"\x01\x02"))
        self.kernel.send(kernel_frame(0x300, b"\x01"))

    def close(self) -> None:
        self.link.close()
        self.kernel.close()


@pytest.fixture(params=["virtual", "socketcan"])
def wire(request: pytest.FixtureRequest) -> Iterator[VirtualWire | SocketcanWire]:
    made = (VirtualWire if request.param == "virtual" else SocketcanWire)(f"errors-{request.node.name}")
    yield made
    made.close()


def io_status() -> can.Message:
    return Codec.shared().encode("IOB_Status", IO_STATUS)


def test_each_error_class_is_counted_by_its_name_and_garbage_beside_them(wire: Wire) -> None:
    for bit, _ in ce.ERROR_CLASSES:
        wire.garbage()
        wire.error(bit)
    wire.error(ce.CAN_ERR_LOSTARB | ce.CAN_ERR_PROT, b"\x05\x00\x08\x02")  # one frame, two classes
    wire.frame(io_status())
    frames = wire.link.receive()
    stats = wire.link.stats
    assert [f.name for f in frames] == ["IOB_Status"] and frames[0].signals["EmergencyStop"] == 1
    assert stats.error_frames == len(ce.ERROR_CLASSES) + 1
    counts = {name: getattr(stats, name) for _, name in ce.ERROR_CLASSES}
    assert counts == {name: 2 if name in ("lost_arbitration", "protocol") else 1 for _, name in ce.ERROR_CLASSES}
    assert stats.unknown_id == len(ce.ERROR_CLASSES) and stats.malformed == len(ce.ERROR_CLASSES)
    assert stats.decoded == 1


@pytest.mark.parametrize(("classes", "data", "state"), [
    (ce.CAN_ERR_CRTL, bytes([0, ce.CAN_ERR_CRTL_RX_WARNING]), BusState.WARNING),
    (ce.CAN_ERR_CRTL, bytes([0, ce.CAN_ERR_CRTL_TX_WARNING]), BusState.WARNING),
    (ce.CAN_ERR_CRTL, bytes([0, ce.CAN_ERR_CRTL_TX_PASSIVE | ce.CAN_ERR_CRTL_TX_WARNING]), BusState.PASSIVE),
    (ce.CAN_ERR_CRTL, bytes([0, ce.CAN_ERR_CRTL_RX_PASSIVE]), BusState.PASSIVE),
    (ce.CAN_ERR_BUSOFF, b"", BusState.BUS_OFF),
    (ce.CAN_ERR_ACK | ce.CAN_ERR_BUSERROR, b"", None),  # nobody acknowledges: errors, but no state told
])
def test_the_controller_state_is_what_the_error_frame_reports(wire: Wire, classes: int, data: bytes,
                                                              state: BusState | None) -> None:
    wire.clock.advance(3)
    wire.error(classes, data)
    wire.link.receive()
    assert wire.link.stats.state is (state or BusState.ACTIVE)
    assert wire.link.stats.state_since == (3.0 if state else 0.0)


def test_bus_off_is_left_on_restarted_and_each_change_is_logged_once(wire: Wire,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="controller.buses.can_link")
    for _ in range(3):
        wire.error(ce.CAN_ERR_CRTL, bytes([0, ce.CAN_ERR_CRTL_TX_PASSIVE]))
    for _ in range(3):
        wire.error(ce.CAN_ERR_BUSOFF)
    wire.link.receive()
    assert wire.link.stats.state is BusState.BUS_OFF and wire.link.stats.bus_off == 3
    wire.clock.advance(0.1)  # restart-ms 100
    wire.error(ce.CAN_ERR_RESTARTED)
    wire.error(ce.CAN_ERR_CRTL, bytes([0, ce.CAN_ERR_CRTL_ACTIVE]))
    wire.link.receive()
    assert wire.link.stats.state is BusState.ACTIVE and wire.link.stats.state_since == pytest.approx(0.1)
    changes = [r.getMessage() for r in caplog.records if r.getMessage().startswith("CAN bus ")]
    assert [c.split(" after")[0] for c in changes] == ["CAN bus active -> passive", "CAN bus passive -> bus-off",
                                                       "CAN bus bus-off -> active"]


def test_a_bus_off_without_restarted_ends_when_frames_come_again(wire: Wire) -> None:
    wire.error(ce.CAN_ERR_BUSOFF)
    wire.link.receive()
    wire.frame(io_status())
    assert [f.name for f in wire.link.receive()] == ["IOB_Status"]
    assert wire.link.stats.state is BusState.ACTIVE


def test_lost_frames_and_the_error_counters_are_read(wire: Wire) -> None:
    wire.error(ce.CAN_ERR_CRTL | ce.CAN_ERR_CNT, bytes([0, ce.CAN_ERR_CRTL_RX_OVERFLOW, 0, 0, 0, 0, 97, 12]))
    wire.link.receive()
    stats = wire.link.stats
    assert stats.rx_overflow == 1 and stats.controller == 1
    assert (stats.tx_error_counter, stats.rx_error_counter) == (97, 12)
    assert stats.state is BusState.ACTIVE  # an overflow says nothing of the state


def test_the_health_snapshot_carries_the_state_and_every_count(wire: Wire) -> None:
    wire.clock.advance(2)
    wire.error(ce.CAN_ERR_BUSOFF)
    wire.link.receive()
    health = wire.link.health()
    counters = dict(health.counters)
    assert (health.state, health.since, health.down_since) == ("bus-off", 2.0, None)
    assert counters["bus_off"] == 1 and counters["error_frames"] == 1 and counters["received"] == 1
    assert "state" not in counters and "tx_error_counter" not in counters


# --- the kernel's bytes, as python-can reads them ----------------------------------------------


def test_python_can_marks_a_kernel_error_frame_and_keeps_its_class_bits() -> None:
    can_id, dlc, _, data = dissect_can_frame(kernel_error_frame(ce.CAN_ERR_BUSOFF | ce.CAN_ERR_CRTL, b"\x00\x20"))
    assert can_id & 0x20000000 and can_id & 0x7FF == ce.CAN_ERR_BUSOFF | ce.CAN_ERR_CRTL and dlc == 8
    assert data[1] == ce.CAN_ERR_CRTL_TX_PASSIVE
    bus, kernel = socketcan_pair()
    try:
        kernel.send(kernel_error_frame(ce.CAN_ERR_BUSOFF | ce.CAN_ERR_CRTL, b"\x00\x20"))
        msg = bus.recv(timeout=5)
        assert msg is not None and msg.is_error_frame and not msg.is_extended_id
        error = classify(msg)
        assert error.classes == ("controller", "bus_off") and error.state is BusState.BUS_OFF
    finally:
        bus.shutdown()
        kernel.close()


@pytest.mark.parametrize(("code", "fault"), [
    (errno.ENOBUFS, SendFault.QUEUE_FULL), (errno.ENETDOWN, SendFault.NETWORK_DOWN),
    (errno.ENODEV, SendFault.NO_DEVICE), (errno.ENXIO, SendFault.NO_DEVICE), (errno.EIO, SendFault.OTHER),
])
def test_a_failed_socketcan_send_is_told_by_its_errno(code: int, fault: SendFault) -> None:
    bus, kernel = socketcan_pair()
    link = CanLink(bus)
    try:
        assert isinstance(bus.socket, KernelSocket)
        bus.socket.fail = code
        link.send("CSU_SelfTestRequest", Sequence=1)  # never raises
        assert link.stats.send_errors == 1 and getattr(link.stats, fault.value) == 1
        assert link.up  # no re-open without a way to open (reopen=None)
    finally:
        link.close()
        kernel.close()


def test_a_full_transmit_queue_without_errno_is_a_full_queue() -> None:
    assert send_fault(can.CanOperationError("Transmit buffer full")) is SendFault.QUEUE_FULL


def test_frames_sent_reach_the_wire_as_kernel_frames() -> None:
    bus, kernel = socketcan_pair()
    link = CanLink(bus)
    try:
        link.send("CSU_SelfTestRequest", Sequence=7)
        raw = kernel.recv(64)
        assert dissect_can_frame(raw)[0] == Codec.shared().frame_id("CSU_SelfTestRequest") and raw[8] == 7
    finally:
        link.close()
        kernel.close()


# --- losing the handle and opening it again ----------------------------------------------------


class Adapter:
    """Opens SocketcanBus stand-ins; ``plugged`` False: no such device."""

    def __init__(self) -> None:
        self.plugged = True
        self.kernels: list[socket.socket] = []
        self.opened = 0

    def open(self) -> can.BusABC:
        if not self.plugged:
            raise OSError(errno.ENODEV, "No such device")
        bus, kernel = socketcan_pair()
        self.kernels.append(kernel)
        self.opened += 1
        return bus


def test_an_adapter_unplugged_is_reopened_with_backoff_and_traffic_carries_on() -> None:
    adapter, clock = Adapter(), FakeClock()
    link = CanLink(adapter.open(), reopen=adapter.open, clock=clock.monotonic)
    try:
        link.bus.socket.fail = errno.ENXIO  # type: ignore[attr-defined]  # the netdev went away
        adapter.plugged = False
        link.send("CSU_SelfTestRequest", Sequence=1)
        assert not link.up and link.stats.send_no_device == 1 and link.health().down_since == 0.0
        attempts = []
        for _ in range(320):  # 40 s of 0.125 s cycles
            clock.advance(0.125)
            failures = link.stats.reopen_failures
            link.send("CSU_SelfTestRequest", Sequence=1)
            link.receive()
            if link.stats.reopen_failures > failures:
                attempts.append(clock.monotonic())
        gaps = [b - a for a, b in zip([0.0, *attempts], attempts, strict=False)]
        assert gaps[:5] == [*REOPEN_BACKOFF_S, REOPEN_BACKOFF_S[-1]]
        assert link.stats.not_sent_while_down == 320 and link.stats.sent == 0
        adapter.plugged = True  # the same name comes back
        while link.stats.reopens == 0:
            clock.advance(0.125)
            link.receive()
        assert link.up and adapter.opened == 2
        adapter.kernels[-1].send(kernel_frame(0x300, bytes(Codec.shared().encode("IOB_Status", IO_STATUS).data)))
        assert [f.name for f in link.receive()] == ["IOB_Status"]
        link.send("CSU_SelfTestRequest", Sequence=2)
        assert adapter.kernels[-1].recv(64)[8] == 2 and link.stats.sent == 1
    finally:
        link.close()
        for kernel in adapter.kernels:
            kernel.close()


def test_an_interface_down_on_receive_is_reopened_after_the_first_pause() -> None:
    adapter, clock = Adapter(), FakeClock()
    changes: list[object] = []
    link = CanLink(adapter.open(), reopen=adapter.open, clock=clock.monotonic)
    link.bus_changed.append(changes.append)
    try:
        link.bus.socket.fail = errno.ENETDOWN  # type: ignore[attr-defined]
        adapter.kernels[0].send(kernel_frame(0x300, bytes(8)))  # something to read: the read fails
        assert link.receive() == [] and link.stats.receive_errors == 1 and not link.up
        clock.advance(REOPEN_BACKOFF_S[0] - 0.5)
        link.receive()
        assert not link.up
        clock.advance(0.5)
        link.receive()
        assert link.up and link.stats.reopens == 1
        assert changes == [None, link.bus]  # the runtime stops watching the dead socket, then the new one
    finally:
        link.close()
        for kernel in adapter.kernels:
            kernel.close()


def test_a_bus_off_that_does_not_end_reopens_the_bus(wire: Wire) -> None:
    wire.link.reopen = lambda: can.Bus(interface="virtual", channel="reopened-after-bus-off")
    wire.error(ce.CAN_ERR_BUSOFF)
    wire.link.receive()
    wire.clock.advance(BUS_OFF_REOPEN_S - 0.5)
    wire.link.receive()
    assert wire.link.up
    wire.clock.advance(0.5)
    wire.link.receive()
    assert not wire.link.up
    wire.clock.advance(REOPEN_BACKOFF_S[0])
    wire.link.receive()
    assert wire.link.up and wire.link.stats.reopens == 1 and wire.link.stats.state is BusState.BUS_OFF
    wire.clock.advance(BUS_OFF_REOPEN_S)  # still off: tried again, a pause later
    wire.link.receive()
    assert not wire.link.up
