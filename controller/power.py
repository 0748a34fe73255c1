"""Power allocation: which PSU feeds which connector, and how much each connector may draw.

Manual 2.1, "simultaneously output mode 0 %, 50 %, 100 %": one connector alone gets
the whole station, two at once get half each, and the survivor gets everything again
when the other finishes.  The output comes from pluggable power modules (PSUs) behind a
relay matrix: a module feeds one connector at a time, so the modules are split between
the connectors (the left one gets the odd one out, manual 5.2.3: the left connector has
priority) and a station with fewer healthy modules keeps charging on what is left.

Limits stack and the smallest wins:

- the station's maximum (60 kW), lowered by ambient-temperature derating, by the grid
  supply, and by an external station-wide limit (the backend's smart-charging schedule);
- that station power split evenly between the connectors being served;
- the capacity of the modules routed to the connector;
- an external per-connector limit (the backend's schedule for that connector);
- the connector's envelope at the EV's voltage (120 A, then constant 60 kW up to 950 V
  for CCS, 750 V for GB/T, 500 V for CHAdeMO);
- the EV's own request.

The grant says which of them holds (:class:`Limit`) so the screen can tell the driver.
Pure functions of the demand; the caller sends the commands.

Routing (:func:`route`) then says what each module is told: a module changes connector
break before make, switched off on the old one until its current is zero.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

from controller.boards import PsuCommand
from controller.session import ZERO_CURRENT_A
from controller.types import Envelope, Side


class Limit(enum.Enum):
    """What currently caps a connector's power: the smallest of the stacked limits wins
    (EV = the EV's own request, nothing on the charger's side)."""

    EV = "ev"
    CONNECTOR = "connector"  # the standard's output envelope (manual 2.1)
    SHARED = "shared"  # half the station each while both connectors charge
    STATION = "station"  # the station's maximum (60 kW)
    PSU = "psu"  # the power modules routed to this connector (fewer after a module failed)
    TEMPERATURE = "temperature"  # ambient-temperature derating (from 50 °C)
    INPUT = "input"  # the grid supply: input voltage out of range or the input current limit
    SCHEDULE = "schedule"  # an external limit: the backend's smart-charging schedule


@dataclass(frozen=True, slots=True)
class Demand:
    """A connector that wants output now."""

    side: Side
    envelope: Envelope
    ev_voltage: float  # EV target voltage (V)
    ev_current: float  # EV requested current (A)
    precharge: bool = False  # precharge: match the battery voltage at a small current
    external_limit_w: float | None = None  # e.g. the backend's schedule for this connector; None = none


@dataclass(frozen=True, slots=True)
class Psu:
    """A healthy power module that may be routed to either connector."""

    index: int
    rated_w: float


@dataclass(frozen=True, slots=True)
class Supply:
    """What the station as a whole can give now, before it is split between connectors."""

    psus: tuple[Psu, ...]  # healthy modules only
    max_power_w: float  # the station's maximum (configuration, manual 2.1: 60 kW)
    temperature_limit_w: float = math.inf  # ambient-temperature derating
    input_limit_w: float = math.inf  # grid supply (input voltage range and input current)
    external_limit_w: float | None = None  # e.g. the backend's station-wide schedule; None = none

    def limit(self) -> tuple[float, Limit]:
        """The station's power now and what sets it (the station maximum on a tie)."""
        external = math.inf if self.external_limit_w is None else self.external_limit_w
        return _smallest([
            (self.max_power_w, Limit.STATION),
            (self.temperature_limit_w, Limit.TEMPERATURE),
            (self.input_limit_w, Limit.INPUT),
            (external, Limit.SCHEDULE),
        ])


@dataclass(frozen=True, slots=True)
class Grant:
    """What one connector gets."""

    side: Side
    psus: tuple[int, ...]  # PSU indexes routed to this connector (none: no module left for it)
    power_limit_w: float
    voltage: float  # setpoint (V)
    current: float  # limit (A), shared equally by its PSUs
    limit: Limit  # which limit holds the current
    shared: bool  # both connectors want power (manual 2.1: 50 % each)
    offered_current: float = 0.0  # what the charger could give at this voltage, whatever the EV asks (A)


#: Current used to bring the output up to the battery voltage before the contactors close.
PRECHARGE_CURRENT_A = 2.0


def allocate(demands: Sequence[Demand], supply: Supply) -> list[Grant]:
    """Split the healthy PSUs and the station power among ``demands`` (left first).

    Every demand gets a grant; one that no module is left for (a single healthy module
    and two sessions) gets none routed and zero current, with :attr:`Limit.PSU`.
    """
    ordered = sorted(demands, key=lambda d: d.side)
    if not ordered:
        return []
    shared = len(ordered) > 1
    modules = sorted(supply.psus, key=lambda p: p.index)
    served = ordered[: len(modules)]
    station_w, station_limit = supply.limit()
    station_w = max(station_w, 0.0)
    share_w = station_w / max(len(served), 1)
    share_limit = Limit.SHARED if len(served) > 1 and station_limit is Limit.STATION else station_limit
    grants: list[Grant] = []
    remaining = modules
    for position, demand in enumerate(ordered):
        if position >= len(served):
            grants.append(Grant(demand.side, (), 0.0, _voltage(demand), 0.0, Limit.PSU, shared))
            continue
        count = math.ceil(len(remaining) / (len(served) - position))  # the left one gets the odd one out
        mine, remaining = remaining[:count], remaining[count:]
        caps = [(share_w, share_limit), (sum(p.rated_w for p in mine), Limit.PSU)]
        if demand.external_limit_w is not None:
            caps.append((max(demand.external_limit_w, 0.0), Limit.SCHEDULE))
        power_w, power_limit = _smallest(caps)
        grants.append(_grant(demand, tuple(p.index for p in mine), power_w, power_limit, shared))
    return grants


def _voltage(demand: Demand) -> float:
    return min(max(demand.ev_voltage, 0.0), demand.envelope.max_voltage)


def _grant(demand: Demand, psus: tuple[int, ...], power_w: float, power_limit: Limit, shared: bool) -> Grant:
    voltage = _voltage(demand)
    power_current = power_w / voltage if voltage > 0 else 0.0
    connector_current = demand.envelope.current_limit_at(voltage)
    offered, offered_limit = _smallest([(power_current, power_limit), (connector_current, Limit.CONNECTOR)])
    if demand.precharge:  # a small current at the battery voltage, if the station has any power at all
        current = min(PRECHARGE_CURRENT_A, power_current) if voltage > 0 else PRECHARGE_CURRENT_A * (power_w > 0)
        return Grant(demand.side, psus, power_w, voltage, current, Limit.EV, shared, offered)
    current, limit = _smallest([(max(demand.ev_current, 0.0), Limit.EV), (offered, offered_limit)])
    return Grant(demand.side, psus, power_w, voltage, current, limit, shared, offered)


def _smallest(candidates: list[tuple[float, Limit]]) -> tuple[float, Limit]:
    """The smallest value and its limit; on a tie the one listed first."""
    best = candidates[0]
    for candidate in candidates[1:]:
        if candidate[0] < best[0]:
            best = candidate
    return best


@dataclass(frozen=True, slots=True)
class Relay:
    """A power module as the relay matrix has it now: where its relay is, what it delivers."""

    index: int
    routed_to: Side | None  # None: routed nowhere
    current_a: float


def route(modules: Sequence[Relay], grants: Sequence[Grant],
          zero_current_a: float = ZERO_CURRENT_A) -> list[PsuCommand]:
    """What each module is told this cycle (in the order of ``modules``), break before make.

    A module granted to a connector is switched on there, with the grant's voltage and an
    equal share of its current among the modules that feed it now.  A module granted to
    nothing, or granted to the other connector while its relay is still on the old one, is
    switched off; its relay stays where it is until its current is below ``zero_current_a``,
    and only then is it free (routed nowhere, ready to be routed again next cycle).  The
    command's ``connector`` is where the module's relay is after this cycle.
    """
    routed: dict[int, Grant] = {}
    for grant in grants:
        for index in grant.psus:
            routed[index] = grant
    moving = {module.index for module in modules
              if module.index in routed and module.routed_to not in (None, routed[module.index].side)}
    feeding = {side: sum(1 for index, grant in routed.items() if grant.side is side and index not in moving)
               for side in Side}
    commands: list[PsuCommand] = []
    for module in modules:
        grant = routed.get(module.index)
        if grant is None or module.index in moving:
            connector = None if module.current_a < zero_current_a else module.routed_to
            commands.append(PsuCommand(module.index, enable=False, connector=connector))
        else:
            commands.append(PsuCommand(module.index, enable=True, connector=grant.side, voltage_v=grant.voltage,
                                       current_a=grant.current / max(feeding[grant.side], 1)))
    return commands
