"""Keeps the store in step with the connectors' meters and sessions (used by the station).

A session is written when it opens (authorized and plugged: Preparing), at every state
change, every ``interval_s`` while it runs, and when it ends (Finished).  A connector's
register is written with each of those, and also every ``interval_s`` while it grows
outside a session (it should not, but energy is never dropped).  What a killed process
loses is at most the last interval; a clean shutdown (:meth:`Recorder.flush`) loses
nothing.

A write that fails (disk full, a broken card) is logged and counted in ``failures`` and
never stops the controller's cycle: charging control matters more than the record, and
the next checkpoint tries again.
"""

from __future__ import annotations

import logging
import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from controller.session import ConnectorState, Machine, Session, StopReason
from controller.store import SessionRecord, Store
from controller.types import AuthMethod

log = logging.getLogger(__name__)


@dataclass
class _Track:
    session_id: int | None = None
    last_at: float = -math.inf
    saved_register_wh: float = 0.0


@dataclass(frozen=True, slots=True)
class MeterState:
    """What one connector's record needs at a checkpoint."""

    connector_id: int
    machine: Machine
    register_wh: float
    soc: int | None


class Recorder:
    """Writes checkpoints of the connectors' meters and sessions to a :class:`Store`."""

    def __init__(self, store: Store, interval_s: float) -> None:
        self.store = store
        self.interval_s = interval_s
        self._tracks: dict[int, _Track] = {}
        self.failures = 0  # writes that failed since start-up
        self.backend = False  # a backend is attached: sessions are recorded as owed to it
        self.interrupted: tuple[SessionRecord, ...] = tuple(store.recover_interrupted())
        for record in self.interrupted:
            log.warning("session %d on connector %d was interrupted (last checkpoint %s, %.0f Wh): recorded as "
                        "interrupted", record.id, record.connector_id, record.updated_at.isoformat(),
                        record.energy_wh)

    def registers(self) -> dict[int, float]:
        """Each connector's register at the last checkpoint (Wh)."""
        registers = self.store.meter_registers()
        for connector_id, value in registers.items():
            self._track(connector_id).saved_register_wh = value
        return registers

    def session_id(self, connector_id: int) -> int | None:
        """The store's id of the connector's open session (None: none, or its write failed)."""
        return self._track(connector_id).session_id

    def changed(self, state: MeterState, now: float, wall: datetime) -> None:
        """The connector's machine has just changed state: open, checkpoint or end its session record."""
        track = self._track(state.connector_id)
        machine = state.machine
        session = machine.session
        if track.session_id is None and session is not None and machine.state is ConnectorState.PREPARING:
            start_soc = session.start_soc if session.start_soc is not None else state.soc
            track.session_id = self._write(
                "begin a session", self.store.begin_session, state.connector_id, session.id_token,
                session.method.value, session.authorized_wall, state.register_wh - session.energy_wh, start_soc,
                self.backend)
            self._saved(track, state.register_wh, now)
            return
        if track.session_id is not None and (session is None or machine.state is ConnectorState.FINISHED):
            energy = session.energy_wh if session is not None else 0.0
            soc = session.end_soc if session is not None and session.end_soc is not None else state.soc
            reason = session.stop_reason.key if session is not None and session.stop_reason else ""
            self._write("end a session", self.store.end_session, track.session_id, state.connector_id,
                        state.register_wh, energy, soc, reason, wall)
            track.session_id = None
            self._saved(track, state.register_wh, now)
            return
        self._checkpoint(track, state, now, wall)

    def tick(self, state: MeterState, now: float, wall: datetime) -> None:
        """Checkpoint if the interval has passed and there is something new to save."""
        track = self._track(state.connector_id)
        if now - track.last_at < self.interval_s:
            return
        if track.session_id is None and state.register_wh == track.saved_register_wh:
            return
        self._checkpoint(track, state, now, wall)

    def flush(self, states: list[MeterState], now: float, wall: datetime) -> None:
        """Save everything now (clean shutdown)."""
        for state in states:
            self._checkpoint(self._track(state.connector_id), state, now, wall)

    def _checkpoint(self, track: _Track, state: MeterState, now: float, wall: datetime) -> None:
        session = state.machine.session
        if track.session_id is not None and session is not None:
            self._write("checkpoint", self.store.checkpoint, state.connector_id, state.register_wh, wall,
                        track.session_id, session.energy_wh, state.soc, session.start_soc)
        else:
            self._write("checkpoint", self.store.checkpoint, state.connector_id, state.register_wh, wall)
        self._saved(track, state.register_wh, now)

    def _write(self, what: str, write: Callable[..., int | None], *args: object) -> int | None:
        try:
            return write(*args)
        except sqlite3.Error:
            self.failures += 1
            log.exception("station database: cannot %s (connector %s; failure %d since start-up)", what, args[0],
                          self.failures)
            return None

    @staticmethod
    def _saved(track: _Track, register_wh: float, now: float) -> None:
        track.saved_register_wh = register_wh
        track.last_at = now

    def _track(self, connector_id: int) -> _Track:
        return self._tracks.setdefault(connector_id, _Track())


def interrupted_session(record: SessionRecord, now: float) -> Session:
    """A session a power cut ended, as its summary shows it (energy and time up to its last
    checkpoint; ``now`` monotonic: when the station came back)."""
    charged_s = max(0.0, (record.updated_at - record.started_at).total_seconds())
    try:
        method = AuthMethod(record.method)
    except ValueError:
        method = AuthMethod.RFID
    return Session(id_token=record.id_token, method=method, authorized_at=now - charged_s,
                   authorized_wall=record.started_at, charging_since=now - charged_s,
                   start_soc=record.start_soc, end_soc=record.soc, energy_wh=record.energy_wh,
                   stop_reason=StopReason.POWER_LOSS, ended_at=now, ended_wall=record.updated_at)
