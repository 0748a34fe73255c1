"""The presenter's hands on the simulated hardware: one frozen class per action.

The desktop demo's simulator panel, ``python -m controller.sim``'s standard input and scripted
scenarios all say what happens to the hardware with these (plug a cable, tap a card, press the
emergency stop, fail a power module, ...); :func:`apply` carries one out on a
:class:`~controller.sim.hardware.SimulatedHardware` with ``match``.  A misspelt action is a
type error, not a silent no-op.

In a running controller (:class:`~controller.runtime.ControllerRuntime`) the hardware is one
of the devices on the bus that the assembly steps every cycle, and it lives on the controller's
thread.  :class:`SimulatorPanel` builds it there and routes the actions from any thread: card
taps to the runtime's reader door (the ``"simulated"`` reader), everything else onto the
controller's thread through :meth:`~controller.runtime.ControllerRuntime.call`, in order with
the kiosk's commands.  The runtime itself knows nothing of the simulator.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from controller.clock import Clock
from controller.config import Config
from controller.runtime import ControllerRuntime
from controller.types import Side

if TYPE_CHECKING:  # the CAN stack loads on the controller's thread (start-up time)
    from controller.assembly import BusFactory
    from controller.sim.hardware import SimulatedHardware

log = logging.getLogger(__name__)

#: What a simulated power module reports when the presenter fails it: PSU Failure Alarm.
PSU_FAILURE_CODE = 12267


@dataclass(frozen=True, slots=True)
class Plug:
    """Plug the next EV (see :class:`SetNextEv`) into ``side``."""

    side: Side


@dataclass(frozen=True, slots=True)
class Unplug:
    side: Side


@dataclass(frozen=True, slots=True)
class TapCard:
    """A card (its UID) on the simulated reader."""

    token: str


@dataclass(frozen=True, slots=True)
class SetNextEv:
    """Start and target state of charge (%) of the EV plugged into ``side`` next (None: as it is);
    the target also applies to the one plugged in now."""

    side: Side
    start_soc: float | None = None
    target_soc: float | None = None


@dataclass(frozen=True, slots=True)
class PressButton:
    """A press of the physical left (Home / Stop charge) or right (switch connector) button."""

    left: bool


@dataclass(frozen=True, slots=True)
class SetEmergencyStop:
    pressed: bool


@dataclass(frozen=True, slots=True)
class SetDoorOpen:
    opened: bool


@dataclass(frozen=True, slots=True)
class SetTilt:
    tilted: bool


@dataclass(frozen=True, slots=True)
class BoardFault:
    """The connector board on ``side`` reports status ``code`` (six digits as a number; 0 clears)."""

    side: Side
    code: int


@dataclass(frozen=True, slots=True)
class FailNextStart:
    """The EV on ``side`` makes its next start fail (controller.sim.failed_starts: communication,
    isolation, precharge, refuse)."""

    side: Side
    failure: str


@dataclass(frozen=True, slots=True)
class PsuFault:
    """Power module ``index`` (0-based) reports status ``code`` (0 clears)."""

    index: int
    code: int


@dataclass(frozen=True, slots=True)
class SetAmbient:
    """The outside air temperature the I/O board measures (°C)."""

    celsius: float


@dataclass(frozen=True, slots=True)
class SetInputVoltage:
    """The AC supply's line-to-line voltage the I/O board measures (V)."""

    volts: float


HardwareAction = (Plug | Unplug | SetNextEv | PressButton | SetEmergencyStop | SetDoorOpen | SetTilt | BoardFault
                  | FailNextStart | PsuFault | SetAmbient | SetInputVoltage)
PanelAction = HardwareAction | TapCard


def apply(hardware: SimulatedHardware, action: HardwareAction) -> None:
    """Carry ``action`` out on ``hardware`` (on the thread that steps it)."""
    match action:
        case Plug(side):
            hardware.plug(side)
        case Unplug(side):
            hardware.unplug(side)
        case SetNextEv(side, start, target):
            hardware.set_next_ev(side, start_soc=start, target_soc=target)
        case PressButton(left):
            hardware.press(left=left)
        case SetEmergencyStop(pressed):
            hardware.set_emergency_stop(pressed)
        case SetDoorOpen(opened):
            hardware.set_door_open(opened)
        case SetTilt(tilted):
            hardware.set_tilt(tilted)
        case BoardFault(side, code):
            hardware.inject_fault(side, code)
        case FailNextStart(side, failure):
            hardware.boards[side].fail_next_start(failure)
        case PsuFault(index, code):
            hardware.psu_fault(index, code)
        case SetAmbient(celsius):
            hardware.set_ambient(celsius)
        case SetInputVoltage(volts):
            hardware.set_input_voltage(volts)
        case _:
            raise TypeError(f"not an action on the simulated hardware: {action!r}")


class Controller(Protocol):
    """The running controller's doors the panel uses (:class:`ControllerRuntime` has them)."""

    def card_read(self, token: str) -> None: ...

    def call(self, function: Callable[[], None]) -> None: ...


class SimulatorPanel:
    """The simulated hardware as a device on a running controller's bus, and the hands on it.

    :meth:`device` is the factory handed to the runtime (its assembly builds the hardware on
    the controller's thread, on the station's bus, and steps it every cycle); :meth:`act` takes
    an action from any thread once :meth:`connect` named the controller.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.hardware: SimulatedHardware | None = None
        self._controller: Controller | None = None

    def device(self, bus: BusFactory) -> SimulatedHardware:
        """Build the hardware on the station's bus (called by the assembly)."""
        from controller.sim.hardware import SimulatedHardware

        self.hardware = SimulatedHardware(self.config, bus)
        return self.hardware

    def connect(self, controller: Controller) -> None:
        """Route the actions to ``controller`` (the runtime the hardware was handed to)."""
        self._controller = controller

    def act(self, action: PanelAction) -> None:
        """A hand on the hardware (any thread; returns at once): a card goes to the controller's
        reader door, the rest is carried out on the controller's thread before its next cycle."""
        controller = self._controller
        if controller is None:
            raise RuntimeError("the simulator panel is not connected to a controller")
        match action:
            case TapCard(token):
                controller.card_read(token)
            case _:
                controller.call(lambda: self._apply(action))

    def _apply(self, action: HardwareAction) -> None:
        hardware = self.hardware
        if hardware is None:
            log.warning("no simulated hardware (yet) for %s", action)
            return
        if isinstance(action, PsuFault) and not 0 <= action.index < len(hardware.psus):
            log.warning("no power module %d to fail", action.index + 1)
            return
        apply(hardware, action)


def build_runtime(config: Config, csms_url: str | None = None,
                  clock: Clock | None = None) -> tuple[ControllerRuntime, SimulatorPanel | None]:
    """The real-time controller for ``config`` and, when ``[simulation].enabled``, the simulated
    hardware on its bus with the panel that drives it (None on real hardware)."""
    if not config.simulation.enabled:
        return ControllerRuntime(config, clock, csms_url), None
    panel = SimulatorPanel(config)
    runtime = ControllerRuntime(config, clock, csms_url, devices=(panel.device,))
    panel.connect(runtime)
    return runtime, panel


def parse_action(words: list[str] | tuple[str, ...]) -> PanelAction:
    """A line of ``python -m controller.sim``'s standard input, split: ``plug SIDE``, ``unplug SIDE``
    (0 = left, 1 = right), ``tap UID``, ``estop 0|1``.  ValueError when it is none of these."""
    if len(words) != 2:
        raise ValueError(f"expected a command and one argument, got {' '.join(words)!r}")
    verb, argument = words
    match verb:
        case "plug":
            return Plug(Side(int(argument)))
        case "unplug":
            return Unplug(Side(int(argument)))
        case "tap":
            return TapCard(argument)
        case "estop":
            return SetEmergencyStop(argument == "1")
    raise ValueError(f"unknown command {verb!r}")
