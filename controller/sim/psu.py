"""A simulated 30 kW power module: a current source with a slew rate behind a relay matrix.

It reports its output voltage and current the way a real module's measurement does:
within the ±2 % accuracy of manual 2.1.  Each module has its own calibration error
(a fixed gain error per quantity) plus a little noise per reading, both drawn from a
seeded random generator, so a run is repeatable and the error stays bounded.
"""

from __future__ import annotations

import random
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
#: Measurement error of the reported voltage and current: a fixed gain error per module
#: and quantity within ±GAIN_ERROR, plus noise within ±NOISE per reading (manual 2.1: ±2 %).
GAIN_ERROR = 0.012
NOISE = 0.005
#: A fresh noise sample once a second (a meter's refresh), not per simulation step: the
#: readings on screen do not flicker.
NOISE_PERIOD_S = 1.0
#: How far above its inlet air a module's hottest point (the heatsink) runs at full power (°C),
#: and how fast it moves towards that (°C/s).
HEAT_RISE_C = 25.0
HEAT_RATE_C_PER_S = 0.5
#: The module reports its inlet air this often (and on change).
THERMAL_PERIOD_S = 1.0


class Load:
    """What a PSU sees on its output: the connector's contactor and the battery behind it.

    ``battery_voltage`` is the voltage at the EV's inlet at the connector's present
    current; ``accepts_current`` is this module's share of what the EV asks for.
    """

    def __init__(self, contactor_closed: bool, battery_voltage: float, accepts_current: float,
                 connector_current: float = 0.0) -> None:
        self.contactor_closed = contactor_closed
        self.battery_voltage = battery_voltage
        self.accepts_current = accepts_current
        self.connector_current = connector_current  # all modules on this connector together (A)


class MeasurementError:
    """Bounded, repeatable error of one module's voltage and current readings."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self.voltage_gain = rng.uniform(-GAIN_ERROR, GAIN_ERROR)
        self.current_gain = rng.uniform(-GAIN_ERROR, GAIN_ERROR)
        self._noise = (0.0, 0.0)
        self._noise_at = -1e9

    def apply(self, now: float, voltage: float, current: float) -> tuple[float, float]:
        """The reported (voltage, current) for the true values; never negative."""
        if now - self._noise_at >= NOISE_PERIOD_S:
            self._noise = (self._rng.uniform(-NOISE, NOISE), self._rng.uniform(-NOISE, NOISE))
            self._noise_at = now
        return (max(0.0, voltage * (1 + self.voltage_gain + self._noise[0])),
                max(0.0, current * (1 + self.current_gain + self._noise[1])))


LoadOf = Callable[[Side], Load | None]


class SimulatedPsu(SimulatedNode):
    """One power module: obeys CSU_PsuNCommand, reports measured output in PSU_N_Status."""

    def __init__(self, index: int, link: CanLink, rated_kw: float = 30.0, boot_seconds: float = 0.8,
                 seed: int = 0) -> None:
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
        self.inlet_c = 30.0  # the air it takes in (cabinet air)
        self.temperature = self.inlet_c  # its hottest point, the heatsink
        self.fault_code = 0
        self.measurement = MeasurementError(random.Random(seed * 1000 + index))

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
        if self.command_lost and self.enabled:
            self.enabled = False  # the controller went quiet: output off
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
        flowing = load.connector_current if load is not None and load.contactor_closed else self.current
        drop = flowing * CABLE_RESISTANCE  # the cable carries every module's current to the EV
        self.voltage = _approach(self.voltage, target_voltage + drop, VOLTAGE_SLEW_V_PER_S * dt)
        heat = self.current * self.voltage / (self.rated_kw * 1000)
        self.temperature = _approach(self.temperature, self.inlet_c + HEAT_RISE_C * heat, HEAT_RATE_C_PER_S * dt)

    def update(self, now: float, dt: float) -> None:
        voltage, current = self.measurement.apply(now, self.voltage, self.current)
        self.cyclic(f"{self.node}_Status", {
            "Enabled": int(self.enabled),
            "AliveCounter": 0,
            "Temperature": round(self.temperature),
            "OutputVoltage": round(voltage, 1),
            "OutputCurrent": round(current, 1),
            "FaultCode": self.fault_code,
        })
        self.cyclic(f"{self.node}_Thermal", {"InletTemperature": round(self.inlet_c)}, period=THERMAL_PERIOD_S)


def _approach(value: float, target: float, step: float) -> float:
    if abs(target - value) <= step:
        return target
    return value + step if target > value else value - step
