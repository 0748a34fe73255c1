"""A simulated electric vehicle: a battery that fills and a BMS that asks for current."""

from __future__ import annotations

from dataclasses import dataclass, replace

from controller.types import Standard


@dataclass(frozen=True, slots=True)
class EvParameters:
    """One vehicle; the defaults per standard are typical cars of that standard."""

    capacity_kwh: float
    start_soc: float
    target_soc: float
    min_voltage: float  # pack voltage at 0 % SOC
    max_voltage: float  # pack voltage at 100 % SOC
    max_current: float  # what the BMS asks for at most (A)
    voltage_limit: float  # the EV's maximum charging voltage (V)

    def with_soc(self, start: float | None = None, target: float | None = None) -> EvParameters:
        return replace(
            self,
            start_soc=self.start_soc if start is None else start,
            target_soc=self.target_soc if target is None else target,
        )


DEFAULT_EVS: dict[Standard, EvParameters] = {
    # A 40 kWh CHAdeMO hatchback (Leaf-class, 350 V nominal).
    Standard.CHADEMO: EvParameters(40.0, 20, 80, 300.0, 403.0, 125.0, 410.0),
    # A 66 kWh CCS1 crossover (400 V class).
    Standard.CCS1: EvParameters(66.0, 20, 80, 320.0, 410.0, 150.0, 450.0),
    # A 55 kWh GB/T sedan (400 V class).
    Standard.GBT: EvParameters(55.0, 30, 90, 330.0, 420.0, 125.0, 450.0),
}

#: Above this SOC the BMS tapers the current (constant-voltage phase).
TAPER_FROM_SOC = 80.0
#: The taper never asks for less than this share of the maximum current.
TAPER_FLOOR = 0.08


class SimulatedEv:
    """Battery state plus the BMS's current request (CC, then tapering CV above 80 %)."""

    def __init__(self, params: EvParameters, time_factor: float = 1.0) -> None:
        self.params = params
        self.soc = float(params.start_soc)
        self.time_factor = time_factor
        self.energy_wh = 0.0

    @property
    def pack_voltage(self) -> float:
        p = self.params
        fraction = min(max(self.soc / 100.0, 0.0), 1.0)
        # open-circuit voltage rises steeply at both ends and gently in between
        shape = 0.12 + 0.76 * fraction + 0.12 * fraction**3 - 0.12 * (1 - fraction) ** 6
        return p.min_voltage + (p.max_voltage - p.min_voltage) * min(max(shape, 0.0), 1.0)

    @property
    def target_voltage(self) -> float:
        """The voltage the EV asks the charger for (just above the pack, within its limit)."""
        return min(self.pack_voltage + 10.0, self.params.voltage_limit)

    @property
    def requested_current(self) -> float:
        if self.wants_to_stop:
            return 0.0
        maximum = self.params.max_current
        if self.soc <= TAPER_FROM_SOC:
            return maximum
        fraction = (100.0 - self.soc) / (100.0 - TAPER_FROM_SOC)
        return maximum * max(TAPER_FLOOR, fraction)

    @property
    def wants_to_stop(self) -> bool:
        return self.soc >= self.params.target_soc or self.soc >= 100.0

    @property
    def battery_full(self) -> bool:
        return self.soc >= 100.0

    def charge(self, current: float, voltage: float, seconds: float) -> None:
        """Take ``current`` at ``voltage`` for ``seconds`` of wall time."""
        if current <= 0 or seconds <= 0:
            return
        energy_wh = current * voltage * seconds / 3600.0
        self.energy_wh += energy_wh
        capacity_wh = self.params.capacity_kwh * 1000.0
        self.soc = min(100.0, self.soc + energy_wh * self.time_factor / capacity_wh * 100.0)
