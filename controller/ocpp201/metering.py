"""Meter values in the OCPP 2.0.1 shape: a number per sampled value, ``unit_of_measure``,
measurand, context and location, no phases (a DC charger)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from controller.ocpp.port import ConnectorSnapshot
from controller.ocpp.queue import ocpp_time

# measurand -> (unit, location, reading, decimals: 0 sends an int)
_READINGS: dict[str, tuple[str, str, Callable[[ConnectorSnapshot], float | None], int]] = {
    "Energy.Active.Import.Register": ("Wh", "Outlet", lambda c: c.energy_wh, 0),
    "Power.Active.Import": ("W", "Outlet", lambda c: c.power_w, 0),
    "Current.Import": ("A", "Outlet", lambda c: c.current_a, 1),
    "Voltage": ("V", "Outlet", lambda c: c.voltage_v, 1),
    "SoC": ("Percent", "EV", lambda c: c.soc, 0),
    "Power.Offered": ("W", "Outlet", lambda c: c.offered_w, 0),
}

#: The measurands this station can sample (SampledDataCtrlr's valuesList).
MEASURANDS = tuple(_READINGS)


def measurands(setting: str | None) -> list[str]:
    """A MemberList setting (``"Energy.Active.Import.Register,SoC"``) as measurands, in order."""
    return [name.strip() for name in (setting or "").split(",") if name.strip()]


def meter_value(connector: ConnectorSnapshot, names: Iterable[str], context: str,
                timestamp: datetime) -> dict[str, Any] | None:
    """One MeterValue (snake_case) with a sampled value per measurand that has a reading (the
    others are skipped); None when none has."""
    sampled: list[dict[str, Any]] = []
    for measurand in names:
        entry = _READINGS.get(measurand)
        if entry is None:
            continue
        unit, location, read, decimals = entry
        reading = read(connector)
        if reading is None:
            continue
        value: float | int = round(reading) if decimals == 0 else round(float(reading), decimals)
        sampled.append({"value": value, "context": context, "measurand": measurand, "location": location,
                        "unit_of_measure": {"unit": unit}})
    if not sampled:
        return None
    return {"timestamp": ocpp_time(timestamp), "sampled_value": sampled}
