"""A simulated 30 kW power module: a current source with a slew rate behind a relay matrix."""

from __future__ import annotations

from collections.abc import Callable

from controller.buses.can_link import CanLink, Frame
from controller.sim.node import SimulatedNode
from controller.types import PSU_NOT_ROUTED, Side

#: How fast the output current follows its setpoint (A/s); a real module ramps in ~1 s.
CURRENT_SLEW_A_PER_S = 200.0
#: How fast the output voltage follows its setpoint with no load (V/s).
VOLTAGE_SLEW_V_PER_S = 2000.0
#: Cable and contact resistance between module and battery (ohm).
CABLE_RESISTANCE = 0.02


class Load:
    """What a PSU sees on its output: the connector's contactor and the battery behind it."""

    def __init__(self, contactor_closed: bool, battery_voltage: float, accepts_current: float) -> None:
        self.contactor_closed = contactor_closed
        self.battery_voltage = battery_voltage
        self.accepts_current = accepts_current


LoadOf = Callable[[Side], Load | None]


class SimulatedPsu(SimulatedNode):
    """One power module: obeys CSU_PsuNCommand, reports measured output in PSU_N_Status."""

    def __init__(self, index: int, link: CanLink, rated_kw: float = 30.0, boot_seconds: float = 0.8) -> None:
        super().__init__(link, boot_seconds + 0.1 * index)
        self.index = index
        self.node = f"PSU_{index + 1}"
        self.listens = (f"CSU_Psu{index + 1}Command",)
        self.rated_kw = rated_kw
        self.enabled = False
        self.routed_to: Side | None = None
        self.voltage_setpoint = 0.0
        self.current_limit = 0.0
        self.voltage = 0.0
        self.current = 0.0
        self.temperature = 30.0
        self.fault_code = 0

    def self_test_signals(self, sequence: int) -> dict[str, float | int]:
        return {**super().self_test_signals(sequence), "RatedPower": self.rated_kw}

    def on_frame(self, frame: Frame) -> None:
        if frame.name != f"CSU_Psu{self.index + 1}Command":
            return
        s = frame.signals
        self.enabled = bool(s["Enable"]) and not self.fault_code
        connector = int(s["OutputConnector"])
        self.routed_to = None if connector == PSU_NOT_ROUTED else Side(connector)
        self.voltage_setpoint = float(s["VoltageSetpoint"])
        self.current_limit = float(s["CurrentLimit"])

    def physics(self, dt: float, load_of: LoadOf) -> None:
        """Move the output towards what the command and the load allow."""
        load = load_of(self.routed_to) if self.routed_to is not None else None
        if not self.enabled or self.fault_code:
            target_current = 0.0
            target_voltage = load.battery_voltage if load and load.contactor_closed else 0.0
        elif load is not None and load.contactor_closed:
            power_current = self.rated_kw * 1000 / max(load.battery_voltage, 1.0)
            target_current = min(self.current_limit, load.accepts_current, power_current)
            target_voltage = load.battery_voltage
        else:
            target_current = 0.0
            target_voltage = self.voltage_setpoint
        self.current = _approach(self.current, target_current, CURRENT_SLEW_A_PER_S * dt)
        if not self.enabled and self.current > target_current:
            self.current = target_current  # a module switched off stops delivering at once
        drop = self.current * CABLE_RESISTANCE
        self.voltage = _approach(self.voltage, target_voltage + drop, VOLTAGE_SLEW_V_PER_S * dt)
        heat = self.current * self.voltage / (self.rated_kw * 1000)
        self.temperature = _approach(self.temperature, 30.0 + 25.0 * heat, 0.5 * dt)

    def update(self, now: float, dt: float) -> None:
        self.cyclic(f"{self.node}_Status", {
            "Enabled": int(self.enabled),
            "AliveCounter": 0,
            "Temperature": round(self.temperature),
            "OutputVoltage": round(self.voltage, 1),
            "OutputCurrent": round(self.current, 1),
            "FaultCode": self.fault_code,
        })


def _approach(value: float, target: float, step: float) -> float:
    if abs(target - value) <= step:
        return target
    return value + step if target > value else value - step
