"""What the boards tell the station and what the station tells them, in the station's words.

The internal CAN bus carries DBC frames; :mod:`controller.buses.board_support` turns the
ones the boards send into these typed *facts* and these typed *commands* into the frames
the boards obey.  Here there are no message or signal names, only units (V, A, W, °C, kWh,
%), enums and six-digit status codes ("" for none), already validated: a fact that exists
makes sense.

The boards are named as the DBC's nodes are (``CB_LEFT``, ``PSU_1``, ``IOB``, ``LEDB``):
those names are the station's board identifiers too (the self-test, the engineer screen).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from controller.types import BoardCommand, BoardStage, EvStopReason, LedColour, LedPattern, Side, Standard

#: The I/O board (buttons, emergency stop, door, tilt, temperatures, AC input).
IO_BOARD = "IOB"
#: The LED board (the connectors' status lights).
LED_BOARD = "LEDB"
#: How many power modules the bus has room for (PSU_1 .. PSU_4).
MAX_PSUS = 4


def connector_node(side: Side) -> str:
    """The connector board on ``side`` (``CB_LEFT``)."""
    return side.can_node


def psu_node(index: int) -> str:
    """Power module ``index`` (0-based) as a board (``PSU_1``)."""
    return f"PSU_{index + 1}"


def node_side(node: str) -> Side | None:
    """The side of a connector board, None for any other board."""
    for side in Side:
        if node == side.can_node:
            return side
    return None


def node_psu(node: str) -> int | None:
    """The index (0-based) of a power module board, None for any other board."""
    prefix, _, number = node.partition("_")
    if prefix != "PSU" or not number.isdigit():
        return None
    return int(number) - 1


# --- facts: what the boards report ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConnectorBoardStatus:
    """A connector board's status (every 0.1 s): cable, lock, contactors, stage, its code."""

    side: Side
    plugged: bool
    locked: bool
    contactor_closed: bool
    stage: BoardStage  # an unknown stage reads as FAULT
    ev_stop_reason: EvStopReason  # an unknown reason reads as EV_FAULT
    status_code: str  # six digits, "" for none


@dataclass(frozen=True, slots=True)
class EvRequest:
    """What the EV asks for now."""

    side: Side
    target_voltage_v: float
    target_current_a: float
    soc_pct: int
    target_soc_pct: int


@dataclass(frozen=True, slots=True)
class EvLimits:
    """The EV's own maximums and its battery."""

    side: Side
    max_voltage_v: float
    max_current_a: float
    battery_capacity_kwh: float


@dataclass(frozen=True, slots=True)
class PsuStatus:
    """A power module's status: output measured, heatsink temperature, its fault code."""

    index: int  # 0-based: PSU_1 is 0
    enabled: bool
    output_voltage_v: float
    output_current_a: float
    heatsink_c: float  # its hottest point
    fault_code: str  # six digits, "" for none


@dataclass(frozen=True, slots=True)
class PsuThermal:
    """A power module's inlet air."""

    index: int
    inlet_c: float


@dataclass(frozen=True, slots=True)
class IoBoardStatus:
    """The I/O board: the two buttons, the safety inputs, the temperatures and the AC supply."""

    left_button: bool
    right_button: bool
    emergency_stop: bool
    door_open: bool
    tilt: bool
    ambient_c: float
    cabinet_c: float
    ac_input_v: float  # line to line; 0 when the board does not measure it


@dataclass(frozen=True, slots=True)
class SelfTestAnswer:
    """A board's answer to the self-test request with ``sequence``."""

    node: str
    sequence: int
    result_code: str  # six digits, "" for passed
    side: Side | None = None  # a connector board's side
    standard: Standard | None = None  # the standard a connector board says it is (None: unknown)
    rated_power_w: float | None = None  # a power module's rating, when it gives one


Fact = ConnectorBoardStatus | EvRequest | EvLimits | PsuStatus | PsuThermal | IoBoardStatus | SelfTestAnswer


# --- commands: what the boards are told -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConnectorBoardCommand:
    """The session command for a connector board, with what the charger offers the EV."""

    side: Side
    command: BoardCommand = BoardCommand.IDLE
    lock: bool = False
    close_contactor: bool = False
    max_current_a: float = 0.0
    max_power_w: float = 0.0
    max_voltage_v: float = 0.0


@dataclass(frozen=True, slots=True)
class PsuCommand:
    """A power module's output and its relay: ``connector`` None means routed nowhere."""

    index: int
    enable: bool = False
    connector: Side | None = None
    voltage_v: float = 0.0
    current_a: float = 0.0


#: An LED: its colour and how it lights.
Led = tuple[LedColour, LedPattern]
LED_OFF: Led = (LedColour.OFF, LedPattern.STEADY)


@dataclass(frozen=True, slots=True)
class LedCommand:
    """Both connectors' status lights (a side without a connector stays off)."""

    left: Led = LED_OFF
    right: Led = LED_OFF


@dataclass(frozen=True, slots=True)
class SelfTestRequest:
    """Ask every board to test itself and answer with ``sequence``."""

    sequence: int


#: Commands that hold a level: repeated while unchanged (see BoardSupport.send).
LevelCommand = ConnectorBoardCommand | PsuCommand | LedCommand
HardwareCommand = LevelCommand | SelfTestRequest


@dataclass(frozen=True, slots=True)
class LinkHealth:
    """The internal bus as its adapter sees it: the CAN controller's state, the handle, the counts."""

    state: str  # "active" | "warning" | "passive" | "bus-off" (the controller's fault confinement)
    since: float  # when the state began (monotonic s)
    down_since: float | None  # the handle was lost and is being re-opened since; None: up
    counters: tuple[tuple[str, int], ...]  # (name, count): frames, error frames by class, send faults, re-opens


class BoardBus(Protocol):
    """The station's side of the internal bus, in facts and commands (the CAN adapter,
    :class:`controller.buses.board_support.BoardSupport`, is one)."""

    rejected_frames: int  # frames whose content made no sense: dropped whole

    def receive(self, now: float) -> list[Fact]:
        """The facts of every frame waiting on the bus, in order."""
        ...

    def sends_status(self, node: str) -> bool:
        """Whether board ``node`` has a status frame the station listens to (the watchdog's)."""
        ...

    def last_heard(self, node: str) -> float | None:
        """When board ``node``'s last status frame came (None: never since start-up)."""
        ...

    def send(self, command: HardwareCommand, now: float, force: bool = False) -> None:
        """Put ``command`` on the bus (a level command only when it changed or is due again)."""
        ...

    def health(self) -> LinkHealth:
        """The bus's state and counters now."""
        ...

    def close(self) -> None:
        ...
