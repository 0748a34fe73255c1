"""Board support: decoded CAN frames in, typed facts out; typed commands in, frames out.

This is the only code that knows the DBC's message and signal names.  The station above it
sees :mod:`controller.boards` facts and commands; :class:`~controller.buses.can_link.CanLink`
below it does the bit-level encoding.

- **Facts.**  A frame is turned into one fact whole or not at all: a status code that is no
  status code (more than six digits) drops the frame, which is counted in
  :attr:`BoardSupport.rejected_frames` and logged.  Unknown stages and stop reasons read as
  a fault, as a board in trouble would mean.
- **The watchdog's ears.**  Every status frame of a board says it is alive
  (:meth:`BoardSupport.last_heard`), even one whose content is then rejected.
- **Commands hold a level.**  A connector board, power module or LED command is sent when it
  changes and repeated every :data:`COMMAND_REPEAT_S` while it does not (a board that missed
  one hears it again; one that hears none for a while goes safe); ``force`` sends at once.
  The self-test request is an event: sent each time it is asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TypeVar

from controller.boards import (
    IO_BOARD,
    LED_BOARD,
    MAX_PSUS,
    ConnectorBoardCommand,
    ConnectorBoardStatus,
    EvLimits,
    EvRequest,
    Fact,
    HardwareCommand,
    IoBoardStatus,
    LedCommand,
    LevelCommand,
    LinkHealth,
    PsuCommand,
    PsuStatus,
    PsuThermal,
    SelfTestAnswer,
    SelfTestRequest,
    connector_node,
    psu_node,
)
from controller.buses.can_link import CanLink, Frame
from controller.status_codes import format_code
from controller.types import PSU_NOT_ROUTED, BoardStage, EvStopReason, Side, Standard

log = logging.getLogger(__name__)

#: A level command unchanged is sent again after this long (s).
COMMAND_REPEAT_S = 0.1

E = TypeVar("E")
D = TypeVar("D")
Signals = Mapping[str, float | int]
Decoder = Callable[[Signals], Fact]


class BoardSupport:
    """The station's side of the internal bus, in facts and commands."""

    def __init__(self, link: CanLink) -> None:
        self.link = link
        self.rejected_frames = 0  # frames whose content made no sense (see decode)
        self._decoders = _decoders()
        self._heard: dict[str, float] = {}  # board -> when its last status frame came
        self._sent: dict[str, tuple[tuple, float]] = {}  # message -> (its signals, when) last sent

    # --- facts ---------------------------------------------------------------------------

    def decode(self, frame: Frame, now: float) -> Fact | None:
        """The fact ``frame`` reports; None for a frame the station does not listen to, or one
        whose content makes no sense (dropped whole, counted and logged)."""
        decoder = self._decoders.get(frame.name)
        if decoder is None:
            return None
        if frame.name.endswith("_Status"):
            self._heard[frame.name.removesuffix("_Status")] = now
        try:
            return decoder(frame.signals)
        except ValueError as exc:
            self.rejected_frames += 1
            log.warning("dropped %s frame: %s (%d rejected since start-up)", frame.name, exc, self.rejected_frames)
            return None

    def receive(self, now: float) -> list[Fact]:
        """The facts of every frame waiting on the bus, in order (bad ones dropped, see decode)."""
        facts = []
        for frame in self.link.receive():
            fact = self.decode(frame, now)
            if fact is not None:
                facts.append(fact)
        return facts

    def close(self) -> None:
        self.link.close()

    def health(self) -> LinkHealth:
        """The bus's state and counters now (the engineer screen's "Internal CAN bus")."""
        return self.link.health()

    def sends_status(self, node: str) -> bool:
        """Whether board ``node`` has a status frame the station listens to (the watchdog's)."""
        return f"{node}_Status" in self._decoders

    def last_heard(self, node: str) -> float | None:
        """When board ``node``'s last status frame came (None: never since start-up)."""
        return self._heard.get(node)

    # --- commands -------------------------------------------------------------------------

    def send(self, command: HardwareCommand, now: float, force: bool = False) -> None:
        """Put ``command`` on the bus: a level command only when it changed, or was last sent
        :data:`COMMAND_REPEAT_S` ago, or ``force``; the self-test request every time."""
        if isinstance(command, SelfTestRequest):
            self.link.send("CSU_SelfTestRequest", Sequence=command.sequence)
            return
        name, signals = encode(command)
        key = tuple(sorted(signals.items()))
        last = self._sent.get(name)
        if not force and last is not None and last[0] == key and now - last[1] < COMMAND_REPEAT_S:
            return
        self.link.send(name, **signals)
        self._sent[name] = (key, now)


def encode(command: LevelCommand) -> tuple[str, dict[str, float | int]]:
    """The DBC message and physical signal values of a level command."""
    match command:
        case ConnectorBoardCommand():
            return f"CSU_Cb{command.side.name.title()}Command", {
                "Command": int(command.command),
                "Lock": int(command.lock),
                "CloseContactor": int(command.close_contactor),
                "EvseMaxCurrent": round(command.max_current_a, 1),
                "EvseMaxPower": round(command.max_power_w / 1000, 2),
                "EvseMaxVoltage": command.max_voltage_v,
            }
        case PsuCommand():
            return f"CSU_Psu{command.index + 1}Command", {
                "Enable": int(command.enable),
                "OutputConnector": PSU_NOT_ROUTED if command.connector is None else command.connector.value,
                "VoltageSetpoint": round(command.voltage_v, 1),
                "CurrentLimit": round(command.current_a, 1),
            }
        case LedCommand():
            (left_colour, left_pattern), (right_colour, right_pattern) = command.left, command.right
            return "CSU_LedCommand", {"LeftColour": int(left_colour), "LeftPattern": int(left_pattern),
                                      "RightColour": int(right_colour), "RightPattern": int(right_pattern)}
    raise TypeError(f"not a level command: {command!r}")


# --- decoders, by message name ---------------------------------------------------------------


def _decoders() -> dict[str, Decoder]:
    decoders: dict[str, Decoder] = {}
    for side in Side:
        node = connector_node(side)
        decoders[f"{node}_Status"] = lambda s, side=side: _connector_status(side, s)
        decoders[f"{node}_EvRequest"] = lambda s, side=side: _ev_request(side, s)
        decoders[f"{node}_EvLimits"] = lambda s, side=side: _ev_limits(side, s)
        decoders[f"{node}_SelfTest"] = lambda s, node=node, side=side: _connector_self_test(node, side, s)
    for index in range(MAX_PSUS):
        node = psu_node(index)
        decoders[f"{node}_Status"] = lambda s, index=index: _psu_status(index, s)
        decoders[f"{node}_Thermal"] = lambda s, index=index: PsuThermal(index, float(s["InletTemperature"]))
        decoders[f"{node}_SelfTest"] = lambda s, node=node: _psu_self_test(node, s)
    decoders[f"{IO_BOARD}_Status"] = _io_status
    decoders[f"{IO_BOARD}_SelfTest"] = lambda s: _self_test(IO_BOARD, s)
    decoders[f"{LED_BOARD}_SelfTest"] = lambda s: _self_test(LED_BOARD, s)
    return decoders


def _connector_status(side: Side, s: Signals) -> ConnectorBoardStatus:
    return ConnectorBoardStatus(
        side=side,
        plugged=bool(s["Plugged"]),
        locked=bool(s["Locked"]),
        contactor_closed=bool(s["ContactorClosed"]),
        stage=_enum(BoardStage, s["Stage"], BoardStage.FAULT),
        ev_stop_reason=_enum(EvStopReason, s["EvStopReason"], EvStopReason.EV_FAULT),
        status_code=_status_code(s["StatusCode"]),
    )


def _ev_request(side: Side, s: Signals) -> EvRequest:
    return EvRequest(side, float(s["EvTargetVoltage"]), float(s["EvTargetCurrent"]), int(s["EvSoc"]),
                     int(s["EvTargetSoc"]))


def _ev_limits(side: Side, s: Signals) -> EvLimits:
    return EvLimits(side, float(s["EvMaxVoltage"]), float(s["EvMaxCurrent"]), float(s["EvBatteryCapacity"]))


def _psu_status(index: int, s: Signals) -> PsuStatus:
    return PsuStatus(
        index=index,
        enabled=bool(s["Enabled"]),
        output_voltage_v=float(s["OutputVoltage"]),
        output_current_a=float(s["OutputCurrent"]),
        heatsink_c=float(s["Temperature"]),
        fault_code=_status_code(s["FaultCode"]),
    )


def _io_status(s: Signals) -> IoBoardStatus:
    return IoBoardStatus(
        left_button=bool(s["LeftButton"]),
        right_button=bool(s["RightButton"]),
        emergency_stop=bool(s["EmergencyStop"]),
        door_open=bool(s["DoorOpen"]),
        tilt=bool(s["Tilt"]),
        ambient_c=float(s["AmbientTemperature"]),
        cabinet_c=float(s["CabinetTemperature"]),
        ac_input_v=float(s.get("AcInputVoltage", 0)),
    )


def _self_test(node: str, s: Signals) -> SelfTestAnswer:
    return SelfTestAnswer(node, int(s["Sequence"]), _status_code(s["Result"]))


def _connector_self_test(node: str, side: Side, s: Signals) -> SelfTestAnswer:
    return SelfTestAnswer(node, int(s["Sequence"]), _status_code(s["Result"]), side=side,
                          standard=_enum(Standard, s["Standard"], None))


def _psu_self_test(node: str, s: Signals) -> SelfTestAnswer:
    rated_kw = s.get("RatedPower")
    return SelfTestAnswer(node, int(s["Sequence"]), _status_code(s["Result"]),
                          rated_power_w=float(rated_kw) * 1000 if rated_kw else None)


def _status_code(value: float | int) -> str:
    """A status code signal as six digits ("" for 0); ValueError when it is no status code."""
    number = int(value)
    return format_code(number) if number else ""


def _enum(kind: Callable[[int], E], value: float | int, default: D) -> E | D:
    """``kind(value)``, or ``default`` when the value is not one of its members."""
    try:
        return kind(int(value))
    except ValueError:
        return default
