"""The station as the OCPP 2.0.1 side reaches it: the neutral port, EVSE ids, and a cycle
run after every change.

The 2.0.1 charge point speaks to the station only through :class:`controller.port.BackendPort`
(sides, tokens, stop reasons).  :class:`StationLink` wraps that port so that each call is
followed by ``changed()`` (the runtime runs a cycle at once, so the screen follows), maps
EVSE ids onto sides (EVSE 1 is the left connector, each EVSE has one connector, id 1), and
reads the station's OCPP snapshot through ``snapshot()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from controller.ocpp.port import StationSnapshot
from controller.port import BackendLink, BackendPort
from controller.types import Side

#: Every EVSE of this charger has one connector, with this id.
CONNECTOR_ID = 1


def side_of(evse_id: int | None, sides: tuple[Side, ...]) -> Side | None:
    """The side of EVSE ``evse_id`` (1 = left), None for 0, None or an EVSE not fitted."""
    if evse_id is None or not 1 <= evse_id <= len(Side):
        return None
    side = Side(evse_id - 1)
    return side if side in sides else None


def evse_of(side: Side) -> int:
    """The EVSE id of ``side``."""
    return side.value + 1


class StationLink:
    """The station's port for the 2.0.1 side (controller loop thread only)."""

    def __init__(self, port: BackendPort, snapshot: Callable[[], StationSnapshot], sides: tuple[Side, ...],
                 changed: Callable[[], None] | None = None) -> None:
        self._port = port
        self._snapshot = snapshot
        self.sides = sides
        self._changed = changed or (lambda: None)

    @property
    def station(self) -> BackendPort:
        """The station's port; each call is followed by a cycle."""
        return _Notifying(self._port, self._changed)  # type: ignore[return-value]

    @property
    def evse_ids(self) -> tuple[int, ...]:
        return tuple(evse_of(side) for side in self.sides)

    def side(self, evse_id: int | None) -> Side | None:
        return side_of(evse_id, self.sides)

    def snapshot(self) -> StationSnapshot:
        return self._snapshot()

    # --- what the shared link (controller.ocpp.link) reports -------------------------

    def set_backend_online(self, online: bool, code: str, connecting: bool = False) -> None:
        link = BackendLink.ONLINE if online else (BackendLink.CONNECTING if connecting else BackendLink.OFFLINE)
        self.station.set_backend_online(link, code)


class _Notifying:
    """``port`` whose every method call is followed by ``changed()``."""

    def __init__(self, port: BackendPort, changed: Callable[[], None]) -> None:
        self._port = port
        self._changed = changed

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._port, name)
        if not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return attribute(*args, **kwargs)
            finally:
                self._changed()
        return call
