"""Controller CAN decode rate with the simulators flooding the bus (python-can virtual).

Two figures, printed as one JSON line:
- capacity: frames/s the controller decodes and handles when its queue is full;
- sustained: a flooder thread sends at a fixed rate for a few seconds while the
  controller polls once per cycle as the runtime does; the backlog left in the
  controller's queue at the end shows whether it kept up.
"""

from __future__ import annotations

import itertools
import json
import sys
import threading
import time

import can

from controller.buses.board_support import BoardSupport
from controller.buses.can_link import CanLink, Codec
from controller.clock import SystemClock
from controller.config import Config
from controller.station import Station

CAPACITY_FRAMES = 60_000
SUSTAINED_RATE = 4_000
SUSTAINED_SECONDS = 5.0


def sample_frames(codec: Codec) -> list[can.Message]:
    """The mix a busy charger sees: board status, EV requests, PSU status, I/O board."""
    return [
        codec.encode("CB_LEFT_Status", {"Standard": 0, "Plugged": 1, "Locked": 1, "ContactorClosed": 1, "Stage": 6,
                                        "EvStopReason": 0, "StatusCode": 0, "AliveCounter": 3}),
        codec.encode("CB_LEFT_EvRequest", {"EvTargetVoltage": 390.0, "EvTargetCurrent": 110.0, "EvSoc": 54,
                                           "EvTargetSoc": 80}),
        codec.encode("PSU_1_Status", {"Enabled": 1, "AliveCounter": 2, "Temperature": 41, "OutputVoltage": 388.2,
                                      "OutputCurrent": 55.1, "FaultCode": 0}),
        codec.encode("PSU_2_Status", {"Enabled": 1, "AliveCounter": 2, "Temperature": 42, "OutputVoltage": 388.1,
                                      "OutputCurrent": 54.9, "FaultCode": 0}),
        codec.encode("IOB_Status", {"LeftButton": 0, "RightButton": 0, "EmergencyStop": 0, "DoorOpen": 0, "Tilt": 0,
                                    "AliveCounter": 1, "AmbientTemperature": 24, "CabinetTemperature": 31,
                                    "AcInputVoltage": 480}),
    ]


def make_station(channel: str) -> Station:
    config = Config().with_overrides(can={"channel": channel})
    return Station(config, BoardSupport(CanLink(can.Bus(interface="virtual", channel=channel))), SystemClock())


def capacity() -> float:
    station = make_station("bench-capacity")
    sender = can.Bus(interface="virtual", channel="bench-capacity")
    frames = sample_frames(station.boards.link.codec)
    for message in itertools.islice(itertools.cycle(frames), CAPACITY_FRAMES):
        sender.send(message)
    started = time.perf_counter()
    handled = 0
    while handled < CAPACITY_FRAMES:
        handled += station.poll()
    elapsed = time.perf_counter() - started
    sender.shutdown()
    station.boards.link.close()
    return CAPACITY_FRAMES / elapsed


def sustained() -> dict[str, float]:
    station = make_station("bench-sustained")
    sender = can.Bus(interface="virtual", channel="bench-sustained")
    frames = sample_frames(station.boards.link.codec)
    total = int(SUSTAINED_RATE * SUSTAINED_SECONDS)
    done = threading.Event()

    def flood() -> None:
        started = time.perf_counter()
        for index, message in enumerate(itertools.islice(itertools.cycle(frames), total)):
            due = started + index / SUSTAINED_RATE
            delay = due - time.perf_counter()
            if delay > 0.001:
                time.sleep(delay)
            sender.send(message)
        done.set()

    thread = threading.Thread(target=flood)
    handled = 0
    worst_backlog = 0
    cycle = 0.05
    thread.start()
    while not done.is_set():
        time.sleep(cycle)
        worst_backlog = max(worst_backlog, station.boards.link.bus.queue.qsize())  # type: ignore[attr-defined]
        handled += station.poll()
        station.tick()
    thread.join()
    handled += station.poll()
    backlog = station.boards.link.bus.queue.qsize()  # type: ignore[attr-defined]
    sender.shutdown()
    station.boards.link.close()
    return {"rate": SUSTAINED_RATE, "sent": total, "handled": handled, "backlog_end": backlog,
            "worst_backlog_per_cycle": worst_backlog}


def main() -> int:
    result = {"capacity_fps": capacity(), **{f"sustained_{k}": v for k, v in sustained().items()}}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
