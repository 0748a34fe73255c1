"""A simulated electric vehicle: a battery pack and the BMS that asks the charger for current.

The pack is a string of cells in series: its open-circuit voltage follows the cell
chemistry's curve over the state of charge (SOC), and an internal resistance adds
``I · R`` while charging.  The SOC moves by charge counting (``ΔSOC = I · t / Q``, with
``Q`` the capacity at the curve's mean voltage), so energy and SOC agree the way they do
in a car: a 20 -> 80 % charge of a 60 kWh pack takes a bit more than 36 kWh at the inlet
(the internal resistance turns some into heat) and tens of minutes at 60 kW.

The BMS asks for current the way cars do (constant current, then constant voltage):
its own charge map (a maximum current that falls above a knee, mostly around 80 %,
to protect the cells), and never more than keeps the pack at or under its maximum
voltage (``(Vmax - OCV) / R``).  It stops at its target SOC.  The voltage it asks for
is what the pack needs at that current, plus a little headroom.

``time_factor`` makes the SOC move that many times faster than the energy would (demo
only; the board then reports a capacity that many times smaller, so the charger's time
to target stays honest).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, replace

from controller.types import Standard

#: Open-circuit voltage of one cell over SOC (%), typical at 25 °C.
CELL_OCV: dict[str, tuple[tuple[float, float], ...]] = {
    "nmc": ((0, 3.00), (5, 3.45), (10, 3.55), (20, 3.62), (30, 3.67), (40, 3.73), (50, 3.79), (60, 3.86),
            (70, 3.94), (80, 4.02), (90, 4.10), (100, 4.18)),
    "lfp": ((0, 2.80), (5, 3.10), (10, 3.20), (20, 3.25), (30, 3.27), (40, 3.29), (50, 3.30), (60, 3.31),
            (70, 3.32), (80, 3.33), (90, 3.36), (100, 3.50)),
}

#: The voltage a BMS asks for above what the pack needs at its requested current (V).
VOLTAGE_HEADROOM_V = 5.0


@dataclass(frozen=True, slots=True)
class EvParameters:
    """One vehicle; :data:`DEFAULT_EVS` holds a typical car per standard."""

    name: str
    capacity_kwh: float  # usable energy (at the pack's mean open-circuit voltage)
    start_soc: float
    target_soc: float
    chemistry: str  # key of CELL_OCV
    cells_in_series: int
    internal_resistance: float  # the whole pack (ohm)
    max_current: float  # the most the BMS ever asks for (A)
    voltage_limit: float  # the pack's maximum charging voltage (V): constant voltage from here
    charge_map: tuple[tuple[float, float], ...]  # (SOC %, share of max_current) the BMS allows

    def with_soc(self, start: float | None = None, target: float | None = None) -> EvParameters:
        return replace(
            self,
            start_soc=self.start_soc if start is None else start,
            target_soc=self.target_soc if target is None else target,
        )

    def ocv(self, soc: float) -> float:
        """Pack open-circuit voltage at ``soc`` (%)."""
        return self.cells_in_series * _interpolate(CELL_OCV[self.chemistry], soc)

    @property
    def nominal_voltage(self) -> float:
        """Mean open-circuit voltage over 0..100 % (the capacity in Ah is kWh / this)."""
        return self.cells_in_series * _mean_cell_voltage(self.chemistry)

    @property
    def capacity_ah(self) -> float:
        return self.capacity_kwh * 1000.0 / self.nominal_voltage

    def stored_energy_wh(self, from_soc: float, to_soc: float) -> float:
        """Energy the cells store from ``from_soc`` to ``to_soc`` (%): charge times open-circuit voltage
        (more per % near the top, where the voltage is higher)."""
        steps = max(1, round(abs(to_soc - from_soc) * 4))
        width = (to_soc - from_soc) / steps
        volts = sum(self.ocv(from_soc + (i + 0.5) * width) for i in range(steps)) / steps
        return self.capacity_ah * (to_soc - from_soc) / 100.0 * volts

    def map_current(self, soc: float) -> float:
        """What the BMS's charge map allows at ``soc`` (A)."""
        return self.max_current * _interpolate(self.charge_map, soc)


DEFAULT_EVS: dict[Standard, EvParameters] = {
    # A 40 kWh CHAdeMO hatchback (Leaf-class, 96 NMC cells, 350 V nominal): 125 A until
    # half full, then its map tapers early (about 26 kW at 80 %).
    Standard.CHADEMO: EvParameters(
        "40 kWh hatchback", 40.0, 20, 80, "nmc", 96, 0.09, 125.0, 403.0,
        ((0, 1.0), (50, 1.0), (60, 0.85), (70, 0.70), (80, 0.55), (90, 0.30), (100, 0.10))),
    # A 77 kWh CCS1 crossover with an 800 V pack (192 NMC cells): on this charger it is held
    # by the 60 kW envelope (about 80 A at 750 V) until its map falls below that above 80 %.
    Standard.CCS1: EvParameters(
        "77 kWh 800 V crossover", 77.0, 20, 80, "nmc", 192, 0.12, 200.0, 806.0,
        ((0, 1.0), (75, 1.0), (80, 0.70), (85, 0.45), (90, 0.30), (95, 0.18), (100, 0.06))),
    # A 55 kWh GB/T sedan with an LFP pack (120 cells, 400 V class): 150 A, flat, then
    # tapering above 80 %.
    Standard.GBT: EvParameters(
        "55 kWh LFP sedan", 55.0, 30, 90, "lfp", 120, 0.08, 150.0, 438.0,
        ((0, 1.0), (80, 1.0), (85, 0.70), (90, 0.45), (95, 0.25), (100, 0.08))),
}


class SimulatedEv:
    """The pack's state plus the BMS's requests."""

    def __init__(self, params: EvParameters, time_factor: float = 1.0) -> None:
        self.params = params
        self.soc = float(params.start_soc)
        self.time_factor = time_factor
        self.energy_wh = 0.0  # energy received at the inlet
        self.charge_ah = 0.0  # charge received

    @property
    def pack_voltage(self) -> float:
        """Open-circuit voltage now."""
        return self.params.ocv(self.soc)

    def terminal_voltage(self, current: float) -> float:
        """Voltage at the inlet while ``current`` flows into the pack."""
        return self.pack_voltage + max(current, 0.0) * self.params.internal_resistance

    @property
    def requested_current(self) -> float:
        """The BMS's request: its charge map, capped so the pack stays at or under its maximum voltage."""
        if self.wants_to_stop:
            return 0.0
        p = self.params
        constant_voltage = (p.voltage_limit - self.pack_voltage) / p.internal_resistance
        return max(0.0, min(p.map_current(self.soc), constant_voltage))

    @property
    def target_voltage(self) -> float:
        """The voltage the EV asks the charger for: what the pack needs at its request, plus headroom."""
        needed = self.terminal_voltage(self.requested_current) + VOLTAGE_HEADROOM_V
        return min(needed, self.params.voltage_limit)

    @property
    def wants_to_stop(self) -> bool:
        return self.soc >= self.params.target_soc or self.battery_full

    @property
    def battery_full(self) -> bool:
        return self.soc >= 100.0

    def charge(self, current: float, seconds: float) -> None:
        """Take ``current`` for ``seconds`` of wall time."""
        if current <= 0 or seconds <= 0:
            return
        self.energy_wh += self.terminal_voltage(current) * current * seconds / 3600.0
        ampere_hours = current * seconds / 3600.0
        self.charge_ah += ampere_hours
        self.soc = min(100.0, self.soc + ampere_hours * self.time_factor / self.params.capacity_ah * 100.0)


@functools.cache
def _mean_cell_voltage(chemistry: str) -> float:
    return sum(_interpolate(CELL_OCV[chemistry], soc + 0.5) for soc in range(100)) / 100


def _interpolate(table: tuple[tuple[float, float], ...], x: float) -> float:
    """Piecewise-linear value of ``table`` ((x, y) pairs, x ascending) at ``x``, clamped at both ends."""
    xs = [point[0] for point in table]
    if x <= xs[0]:
        return table[0][1]
    if x >= xs[-1]:
        return table[-1][1]
    i = bisect.bisect_right(xs, x)
    (x0, y0), (x1, y1) = table[i - 1], table[i]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
