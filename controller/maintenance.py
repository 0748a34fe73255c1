"""Maintenance against its limits: plug-ins per connector and hours for the air filters.

The counts live in :class:`~controller.counters.Counters` (the station's store); this module
knows the limits of ``[maintenance]`` and says which information codes (013602-013605) are
due.  The station raises and clears them; a technician's reset starts a count from zero.
"""

from __future__ import annotations

from datetime import datetime

from controller import counters as ctr
from controller.active_codes import ActiveCodes
from controller.config import MaintenanceSection
from controller.types import Side, Standard


class Maintenance:
    """The station's maintenance counters and their limits."""

    def __init__(self, counters: ctr.Counters, limits: MaintenanceSection, standards: dict[Side, Standard]) -> None:
        self.counters = counters
        self.limits = limits
        self.standards = dict(sorted(standards.items()))

    def operated(self, seconds: float) -> None:
        """The station ran for ``seconds`` (a long gap, a suspended machine, counts as at most
        :data:`~controller.counters.MAX_STEP_S`)."""
        self.counters.add(ctr.AIR_FILTER, min(max(0.0, seconds), ctr.MAX_STEP_S))

    def plugged_in(self, side: Side, now: float, wall: datetime) -> None:
        """A cable went into ``side``: counted and saved at once."""
        self.counters.add(ctr.plugs(side.connector_id), 1)
        self.save(now, wall, force=True)

    def reset(self, name: str, now: float, wall: datetime) -> None:
        """A technician did the work: ``name`` starts from zero again (saved at once)."""
        self.counters.reset(name)
        self.save(now, wall, force=True)

    def save(self, now: float, wall: datetime, force: bool = False) -> None:
        self.counters.save(now, wall, force)

    def information_codes(self) -> list[tuple[str, Side | None, bool]]:
        """Each maintenance code with its connector (None: the station) and whether it is due."""
        codes = []
        for side, standard in self.standards.items():
            limit = self._plug_limit(side)
            reached = limit > 0 and self.counters.get(ctr.plugs(side.connector_id)) >= limit
            codes.append((ctr.PLUG_LIMIT_CODES[standard], side, reached))
        hours = self.limits.air_filter_hours
        codes.append((ctr.CODE_AIR_FILTER, None, hours > 0 and self.counters.get(ctr.AIR_FILTER) >= hours * 3600))
        return codes

    def report(self, codes: ActiveCodes) -> None:
        """Put the information codes that are due in force, and clear those that are not."""
        for code, side, due in self.information_codes():
            if due:
                codes.raise_code(code, side, False)
            elif codes.has(code, side):
                codes.clear(code, side)

    def lines(self) -> tuple[tuple[str, int, int], ...]:
        """(what, count, limit; 0 = none) for the engineer screen."""
        lines = []
        for side, standard in self.standards.items():
            count = int(self.counters.get(ctr.plugs(side.connector_id)))
            lines.append((f"{side.label} plug-ins ({standard.display_name})", count, self._plug_limit(side)))
        lines.append(("air-filter hours", int(self.counters.get(ctr.AIR_FILTER) // 3600), self.limits.air_filter_hours))
        return tuple(lines)

    def _plug_limit(self, side: Side) -> int:
        return self.limits.plug_limit_left if side is Side.LEFT else self.limits.plug_limit_right
