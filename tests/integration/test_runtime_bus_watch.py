"""The runtime wakes on frames from the bus's socket, stops watching a socket that was lost (a dead
socket would wake the loop without end) and watches the re-opened one.  The bus is python-can's
SocketcanBus on an AF_UNIX stand-in socket (tests/support/can_wire.py: this kernel has no AF_CAN)."""

from __future__ import annotations

import asyncio
import errno
import socket

import can

from controller.buses.can_link import CanLink
from controller.clock import FakeClock
from controller.config import Config
from controller.runtime import ControllerRuntime
from tests.support.can_wire import kernel_frame, socketcan_pair


async def woken(wake: asyncio.Event, timeout: float = 5.0) -> bool:
    try:
        await asyncio.wait_for(wake.wait(), timeout)
    except TimeoutError:
        return False
    wake.clear()
    return True


def test_the_loop_follows_the_bus_through_a_lost_and_reopened_socket() -> None:
    kernels: list[socket.socket] = []

    def open_bus() -> can.BusABC:
        bus, kernel = socketcan_pair()
        kernels.append(kernel)
        return bus

    clock = FakeClock()
    link = CanLink(open_bus(), reopen=open_bus, clock=clock.monotonic)
    runtime = ControllerRuntime(Config())

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        runtime._wake = wake = asyncio.Event()
        runtime._watch_bus(loop, link)
        first = link.bus.fileno()
        kernels[0].send(kernel_frame(0x300, bytes(8)))
        assert await woken(wake)  # a frame wakes the loop
        link.receive()
        link.bus.socket.fail = errno.ENXIO  # type: ignore[attr-defined]  # the adapter is gone
        link.send("CSU_SelfTestRequest", Sequence=1)
        assert not link.up
        assert not loop.remove_reader(first)  # no longer watched
        clock.advance(1.0)
        link.receive()  # the re-open is due
        assert link.up and len(kernels) == 2
        kernels[1].send(kernel_frame(0x300, bytes(8)))
        assert await woken(wake)  # the new socket wakes it
        assert loop.remove_reader(link.bus.fileno())

    try:
        asyncio.run(scenario())
    finally:
        link.close()
        for kernel in kernels:
            kernel.close()
