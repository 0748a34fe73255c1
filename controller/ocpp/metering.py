"""Meter values (§3.16): samples of the measurands a key lists, and clock-aligned times."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from controller.ocpp.port import ConnectorSnapshot, StationSnapshot
from controller.ocpp.queue import ocpp_time
from controller.session import ConnectorState

# measurand -> (unit, location, reading, text)
_READINGS: dict[str, tuple[str, str, Callable[[ConnectorSnapshot], float | None], str]] = {
    "Energy.Active.Import.Register": ("Wh", "Outlet", lambda c: c.energy_wh, "{:.0f}"),
    "Power.Active.Import": ("W", "Outlet", lambda c: c.power_w, "{:.0f}"),
    "Current.Import": ("A", "Outlet", lambda c: c.current_a, "{:.1f}"),
    "Voltage": ("V", "Outlet", lambda c: c.voltage_v, "{:.1f}"),
    "SoC": ("Percent", "EV", lambda c: c.soc, "{:.0f}"),
    "Power.Offered": ("W", "Outlet", lambda c: c.offered_w, "{:.0f}"),
}


def meter_value(connector: ConnectorSnapshot, measurands: Iterable[str], context: str,
                timestamp: datetime) -> dict[str, Any] | None:
    """One MeterValue (snake_case) with a sampled value per measurand that has a reading;
    None when none has."""
    sampled: list[dict[str, Any]] = []
    for measurand in measurands:
        entry = _READINGS.get(measurand)
        if entry is None:
            continue
        unit, location, read, text = entry
        reading = read(connector)
        if reading is None:
            continue
        sampled.append({"value": text.format(reading), "context": context, "format": "Raw",
                        "measurand": measurand, "location": location, "unit": unit})
    if not sampled:
        return None
    return {"timestamp": ocpp_time(timestamp), "sampled_value": sampled}


def station_total(snapshot: StationSnapshot) -> ConnectorSnapshot:
    """Connector 0 for clock-aligned values: the sum of the connectors (no SoC, no voltage)."""
    connectors = snapshot.connectors
    return ConnectorSnapshot(
        connector_id=0,
        state=ConnectorState.AVAILABLE,
        energy_wh=sum(c.energy_wh for c in connectors),
        power_w=sum(c.power_w for c in connectors),
        current_a=sum(c.current_a for c in connectors),
        voltage_v=max((c.voltage_v for c in connectors), default=0.0),
        soc=None,
        offered_w=sum(c.offered_w for c in connectors),
    )


def next_aligned(now: datetime, interval_s: int) -> datetime:
    """The first clock-aligned moment after ``now``: multiples of ``interval_s`` from midnight UTC."""
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    elapsed = (now - midnight).total_seconds()
    steps = math.floor(elapsed / interval_s) + 1
    return midnight + timedelta(seconds=steps * interval_s)
