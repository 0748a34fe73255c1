"""Station-wide power limits that do not depend on the vehicles: heat and the grid supply.

Pure functions of a measurement and the configuration; :mod:`controller.power` stacks
them with the connector envelopes, the power modules and the vehicles' requests, and the
station raises its over-temperature codes with :func:`over_temperature`.

Manual 2.1: operation from -30 °C to 50 °C, "will derating from 50 °C and above"; AC
input 3Φ 480 Vac (+10 %, -15 %), at most 92 A per phase (at 235 Vac), power factor
> 0.99, efficiency > 94 %.  The manual gives no derating slope: we derate linearly from
``start_c`` to nothing at ``end_c`` (configuration, 5 % per °C by default).
"""

from __future__ import annotations

import math

#: Manual 2.1: rated input 3Φ 480 Vac, +10 % / -15 %.
INPUT_RANGE = (0.85, 1.10)
#: Manual 2.1: power factor > 0.99 and efficiency > 94 % (the worst case of both is used).
POWER_FACTOR = 0.99
EFFICIENCY = 0.94


def ambient_derating(ambient_c: float, start_c: float, end_c: float) -> float:
    """Share of the rated power (0..1) allowed at ``ambient_c``: all of it up to ``start_c``,
    then linearly less down to nothing at ``end_c``."""
    if ambient_c <= start_c:
        return 1.0
    if ambient_c >= end_c:
        return 0.0
    return (end_c - ambient_c) / (end_c - start_c)


def over_temperature(celsius: float, hot: bool, limit_c: float, hysteresis_c: float) -> bool:
    """Whether a reading is over temperature, with hysteresis: hot from ``limit_c`` on, cool
    again only at ``limit_c - hysteresis_c`` or below, and in between as it was (``hot``), so a
    reading hovering at the limit raises its code once instead of on every other frame."""
    if celsius >= limit_c:
        return True
    if celsius <= limit_c - hysteresis_c:
        return False
    return hot


def input_power_limit_w(line_voltage_v: float, nominal_v: float, max_current_a: float) -> float:
    """DC output power the grid supply allows at ``line_voltage_v`` (line to line, RMS).

    Outside the rated range (+10 %, -15 % of ``nominal_v``) the input protection (OVP,
    UVP) keeps the output off: 0 W.  Inside it, the input current limit caps the power:
    √3 · U · I · PF · η (61 kW at 408 V and 92 A, so the stock charger is not limited
    within its range; a site with a smaller supply lowers ``max_current_a``).  A voltage
    of 0 means "not measured" and imposes no limit.
    """
    if line_voltage_v <= 0:
        return math.inf
    low, high = INPUT_RANGE
    if not nominal_v * low <= line_voltage_v <= nominal_v * high:
        return 0.0
    return math.sqrt(3) * line_voltage_v * max_current_a * POWER_FACTOR * EFFICIENCY


def input_in_range(line_voltage_v: float, nominal_v: float) -> bool | None:
    """None when not measured, else whether the supply is within the rated range."""
    if line_voltage_v <= 0:
        return None
    low, high = INPUT_RANGE
    return nominal_v * low <= line_voltage_v <= nominal_v * high
