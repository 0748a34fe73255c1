"""Power allocation: which PSU feeds which connector, and how much each connector may draw.

Manual 2.1, "simultaneously output mode 0 %, 50 %, 100 %": one connector alone gets
the whole station, two at once get half each, and the survivor gets everything again
when the other finishes.  Pure functions of the demand; the caller sends the commands.
"""

from __future__ import annotations

from dataclasses import dataclass

from controller.types import Envelope, Side
from controller.view import Limit


@dataclass(frozen=True, slots=True)
class Demand:
    """A connector that wants output now."""

    side: Side
    envelope: Envelope
    ev_voltage: float  # EV target voltage (V)
    ev_current: float  # EV requested current (A)
    precharge: bool = False  # precharge: match the battery voltage at a small current


@dataclass(frozen=True, slots=True)
class Grant:
    """What one connector gets."""

    side: Side
    psus: tuple[int, ...]  # PSU indexes routed to this connector
    power_limit_w: float
    voltage: float  # setpoint (V)
    current: float  # limit (A), shared equally by its PSUs
    limit: Limit
    shared: bool


#: Current used to bring the output up to the battery voltage before the contactors close.
PRECHARGE_CURRENT_A = 2.0


def allocate(demands: list[Demand], healthy_psus: list[int], psu_rated_w: float, station_max_w: float) -> list[Grant]:
    """Split the healthy PSUs and the station power among ``demands`` (left first).

    With two demands the PSUs are split half and half (the left connector gets the
    odd one out, manual 5.2.3: the left connector has priority); one demand gets all.
    """
    demands = sorted(demands, key=lambda d: d.side)
    if not demands or not healthy_psus:
        return []
    count = len(demands)
    shared = count > 1
    grants: list[Grant] = []
    per_connector = (len(healthy_psus) + count - 1) // count
    remaining = list(healthy_psus)
    for demand in demands:
        psus = tuple(remaining[:per_connector])
        remaining = remaining[per_connector:]
        if not psus:
            continue
        station_share = station_max_w / count
        psu_capacity = psu_rated_w * len(psus)
        power_limit = min(station_share, psu_capacity)
        grants.append(_grant(demand, psus, power_limit, shared, station_share, psu_capacity))
    return grants


def _grant(demand: Demand, psus: tuple[int, ...], power_limit: float, shared: bool,
           station_share: float, psu_capacity: float) -> Grant:
    envelope = demand.envelope
    voltage = min(max(demand.ev_voltage, 0.0), envelope.max_voltage)
    if demand.precharge:
        return Grant(demand.side, psus, power_limit, voltage, PRECHARGE_CURRENT_A, Limit.EV, shared)
    connector_limit = envelope.current_limit_at(voltage)
    power_current = power_limit / voltage if voltage > 0 else 0.0
    current = min(demand.ev_current, connector_limit, power_current)
    if current >= demand.ev_current:
        limit = Limit.EV
    elif connector_limit <= power_current:
        limit = Limit.CONNECTOR
    elif shared and station_share <= psu_capacity:
        limit = Limit.SHARED
    else:
        limit = Limit.STATION
    return Grant(demand.side, psus, power_limit, voltage, max(current, 0.0), limit, shared)
