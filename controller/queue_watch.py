"""Which of the station's sessions wait for power, and why (controller.queue), once per split.

The station calls :func:`mark_waiting` right after the power split with the same demands and
supply; it sets each connector's ``waiting``: one granted 0 W, or one still preparing that
would get 0 W if it asked now.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from controller.connectors import ConnectorRuntime
from controller.estimate import time_to_target_s
from controller.power import Demand, Supply
from controller.queue import Horizon, waiting_reason
from controller.session import ConnectorState
from controller.types import Side


def mark_waiting(connectors: Sequence[ConnectorRuntime], demands: list[Demand], supply: Supply, now: datetime,
                 station_limit_until: datetime | None, modules_out: int, blocked: Callable[[Side], bool]) -> None:
    """Set ``waiting`` on each of ``connectors`` (in the split's order, left first)."""
    horizon = Horizon(now, {c.side: c.external_limit_until for c in connectors}, station_limit_until,
                      {c.side: remaining_s(c) for c in connectors})
    for connector in connectors:
        connector.waiting = None
        state = connector.machine.state
        if state not in (ConnectorState.PREPARING, ConnectorState.CHARGING) or not connector.plugged \
                or blocked(connector.side):
            continue
        if connector.grant is not None:
            sessions = demands
        elif state is ConnectorState.PREPARING:
            sessions = [*demands, connector.demand()]
        else:
            continue  # charging with the contactors open: the board's business
        connector.waiting = waiting_reason(connector.side, sessions, supply, horizon, modules_out)


def remaining_s(connector: ConnectorRuntime) -> float | None:
    """How long the connector's session still needs to its target (None: not charging, unknown)."""
    if connector.machine.state is not ConnectorState.CHARGING or connector.soc is None \
            or connector.target_soc is None:
        return None
    granted = connector.grant.power_limit_w if connector.grant else None
    return time_to_target_s(connector.soc, connector.target_soc, connector.capacity_kwh,
                            connector.output_voltage * connector.output_current, granted)
