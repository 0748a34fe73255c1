"""Each port's outages and each session's outcome, recorded in the station's store as they happen.

:meth:`ReliabilityLog.observe` is called with every published :class:`StationState`: a port's
outage cause (:func:`controller.reliability.condition`) is compared with the one recorded, and
only a change is written (edge-triggered: closing the old outage and opening the new one is one
transaction).  While energy flows it keeps each session's peak power; when the recorder's
session ends it writes the peak and the status code that ended it into the session's row.

Power cuts, exactly once.  Every ``alive_interval_s`` (and with every change) the log saves when
the station last knew it was running (the ``alive`` row, with the kernel's boot id), with the
running sessions' peaks so far.  At start-up (:class:`ReliabilityLog`'s constructor), in one
transaction:

- every outage still open is closed at that last alive time (its cause was seen until then);
- every port gets an outage from the last alive time, left open: ``power_loss`` (excluded as
  ``grid``) when the boot id changed and the last stop was not clean, i.e. the machine itself lost
  power (a site power loss is a utility interruption; the charger cannot tell its own breaker from
  the grid's, and says so in docs/reliability.md); ``crash`` (counted) when only the controller
  died; ``shutdown`` (counted) after a clean stop;
- alive is saved as now.

That outage stays open through the self-test (its cause is kept while the port is only starting
up) and closes at the first cycle in which the port is up or down for another reason.  A cut
during the transaction rolls it back, so the next start-up does the same work once.  The start of
a power-loss outage is early by at most ``alive_interval_s``.

A write that fails is logged and tried again at the next change or alive save; it never stops
the controller's cycle.
"""

from __future__ import annotations

import logging
import math
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from controller import reliability as rel
from controller import reliability_store as db
from controller.session import ConnectorState
from controller.station_state import StationState
from controller.store import Store
from controller.view import OutageLine, PortReliability, StationPhase

log = logging.getLogger(__name__)

#: Seconds between two saves of the alive time (and of the running sessions' peaks).
ALIVE_INTERVAL_S = 60.0
#: Seconds the engineer screen's Reliability page keeps its figures (an outage's change refreshes them).
PAGE_REFRESH_S = 30.0
#: Outages the engineer screen lists.
PAGE_OUTAGES = 6
BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")


def boot_id() -> str:
    """This boot of the machine ("" where the kernel does not say)."""
    try:
        return BOOT_ID_FILE.read_text().strip()
    except OSError:
        return ""


def port_facts(state: StationState, connector_id: int) -> rel.PortFacts:
    """What decides whether port ``connector_id`` is up, from the station's state."""
    connector = next(c for c in state.connectors if c.side.connector_id == connector_id)
    blocking = tuple(c.code for c in state.codes if c.blocks_charging and c.side in (None, connector.side))
    return rel.PortFacts(blocking_codes=blocking, in_service=connector.operative,
                         software_update=state.software_update,
                         starting_up=state.phase is StationPhase.INITIALIZING,
                         can_authorize=bool(state.methods), in_use=connector.in_session, tilt="tilt" in state.safety)


class ReliabilityLog:
    """Records outages and session outcomes of the ports ``ports`` (connector ids) in ``store``."""

    def __init__(self, store: Store, ports: Sequence[int], wall: datetime, boot: str | None = None,
                 door_is_vandalism: bool = False, alive_interval_s: float = ALIVE_INTERVAL_S) -> None:
        self.db = store.connection
        self.ports = tuple(ports)
        self.boot = boot_id() if boot is None else boot
        self.door_is_vandalism = door_is_vandalism
        self.alive_interval_s = alive_interval_s
        self.failures = 0  # writes that failed since start-up
        self._open: dict[int, tuple[int, rel.Outage]] = {}
        self._startup: tuple[str, rel.Exclusion] | None = None  # the outage a start-up continues
        self._alive_at = -math.inf
        self._peaks: dict[int, float] = {}  # session id -> W
        self._sessions: dict[int, int] = {}  # port -> the recorder's open session id
        self._changes = 0  # outage changes written since start-up
        self._page: tuple[float, int, tuple[tuple[PortReliability, ...], tuple[OutageLine, ...]]] | None = None
        try:
            self._recover(wall)
        except sqlite3.Error:  # a broken disk must not stop the charger: it runs without the record
            self.failures += 1
            log.exception("station database: reliability record not recovered at start-up")

    def _recover(self, wall: datetime) -> None:
        """Close what a stop left open and open the outage of the time the station was off (once)."""
        db.ensure_schema(self.db)
        alive = db.last_alive(self.db)
        left_open = db.open_outages(self.db)
        opening = []
        since = wall
        if alive is not None:
            since = min(alive.at, wall)
            if alive.clean:
                self._startup = (rel.CAUSE_SHUTDOWN, rel.Exclusion.NONE)
            elif alive.boot_id != self.boot or not self.boot:
                self._startup = (rel.CAUSE_POWER_LOSS, rel.Exclusion.GRID)
            else:
                self._startup = (rel.CAUSE_CRASH, rel.Exclusion.NONE)
            opening = [(port, *self._startup) for port in self.ports]
            log.warning("reliability: the station was off since %s (%s)", since.isoformat(), self._startup[0])
        ids = db.change_outages(self.db, since, [outage_id for outage_id, _ in left_open.values()], opening,
                                db.Alive(wall, self.boot, False))
        self._open = {port: (ids[port], rel.Outage(port, since, None, cause, exclusion))
                      for port, cause, exclusion in opening}

    def observe(self, state: StationState, session_ids: Mapping[int, int | None]) -> None:
        """The station's state of this cycle, and each port's open session in the store
        (``Recorder.session_id``): write what changed."""
        changes: list[tuple[int, tuple[str, rel.Exclusion] | None]] = []
        for port in self.ports:
            now = self._cause(state, port)
            current = self._open.get(port)
            recorded = (current[1].cause, current[1].exclusion) if current is not None else None
            if recorded != now:
                changes.append((port, now))
        self._watch_sessions(state, session_ids)
        if changes:
            self._change(changes, state.wall)
        elif state.now - self._alive_at >= self.alive_interval_s:
            self._write(db.save_alive, self.db, db.Alive(state.wall, self.boot, False),
                        {sid: peak for sid, peak in self._peaks.items()})
        else:
            return
        self._alive_at = state.now

    def _cause(self, state: StationState, port: int) -> tuple[str, rel.Exclusion] | None:
        found = rel.condition(port_facts(state, port), self.door_is_vandalism)
        if found is None:
            self._startup = None if state.phase is StationPhase.READY else self._startup
            return None
        if found[0] == rel.CAUSE_STARTING_UP and self._startup is not None:
            return self._startup  # still coming back from the stop
        return found

    def _change(self, changes: list[tuple[int, tuple[str, rel.Exclusion] | None]], wall: datetime) -> None:
        close = [self._open[port][0] for port, _ in changes if port in self._open]
        opening = [(port, *cause) for port, cause in changes if cause is not None]
        ids = self._write(db.change_outages, self.db, wall, close, opening, db.Alive(wall, self.boot, False))
        if ids is None:
            return  # tried again at the next cycle: nothing was written
        self._changes += 1
        for port, cause in changes:
            if port in self._open:
                _, old = self._open.pop(port)
                if cause is None:
                    log.info("reliability: port %d back up after %s", port, old.cause)
            if cause is not None:
                self._open[port] = (ids[port], rel.Outage(port, wall, None, *cause))
                log.warning("reliability: port %d down since %s: %s%s", port, wall.isoformat(), cause[0],
                            f" (excluded: {cause[1].value})" if cause[1].excluded else "")

    def _watch_sessions(self, state: StationState, session_ids: Mapping[int, int | None]) -> None:
        """Keep each running session's peak; write peak and stop code when it ends."""
        for connector in state.connectors:
            port = connector.side.connector_id
            current = session_ids.get(port)
            previous = self._sessions.get(port)
            if previous is not None and previous != current:
                session = connector.session
                code = session.stop_code if session is not None else ""
                self._write(db.record_outcome, self.db, previous, self._peaks.pop(previous, None), code)
                del self._sessions[port]
            if current is not None:
                self._sessions[port] = current
                if connector.state is ConnectorState.CHARGING:
                    self._peaks[current] = max(self._peaks.get(current, 0.0), connector.power_w)

    def close(self, wall: datetime) -> None:
        """A clean shutdown: open outages stay open (the next start-up closes them at this time)."""
        self._write(db.save_alive, self.db, db.Alive(wall, self.boot, True), dict(self._peaks))

    def open_outages(self) -> dict[int, rel.Outage]:
        """Each port's outage in progress."""
        return {port: outage for port, (_, outage) in self._open.items()}

    def summary(self, now: datetime, recent: int = 5) -> dict[str, Any]:
        """μ and rates over 30 and 365 days, and the latest outages (controller.reliability_store.summary)."""
        return db.summary(self.db, now, self.ports, recent)

    def engineer_page(self, state: StationState) -> tuple[tuple[PortReliability, ...], tuple[OutageLine, ...]]:
        """The engineer screen's Reliability page: each port's μ over 30 and 365 days and its
        success rates over 30 days, and the latest outages (read again every PAGE_REFRESH_S, or
        at once after an outage changed)."""
        if self._page is not None and self._page[1] == self._changes and state.now - self._page[0] < PAGE_REFRESH_S:
            return self._page[2]
        try:
            page = self._read_page(state.wall)
        except sqlite3.Error:
            log.exception("station database: reliability figures not read")
            page = ((), ())
        self._page = (state.now, self._changes, page)
        return page

    def _read_page(self, wall: datetime) -> tuple[tuple[PortReliability, ...], tuple[OutageLine, ...]]:
        ports = []
        for port in self.ports:
            month = db.port_summary(self.db, port, wall - timedelta(days=30), wall, wall)
            year = db.port_summary(self.db, port, wall - timedelta(days=365), wall, wall)
            current = self._open.get(port)
            ports.append(PortReliability(
                port, month["uptime_percent"], year["uptime_percent"], month["outage_minutes"],
                month["excluded_minutes"], month["sessions"], month["session_success_percent"],
                month["first_attempts"], month["first_attempt_success_percent"],
                current[1].cause if current is not None else ""))
        outages = tuple(OutageLine(o.port, o.start, round(o.minutes(wall), 1), o.cause, o.exclusion.value,
                                   o.end is None) for o in db.recent_outages(self.db, PAGE_OUTAGES))
        return tuple(ports), outages

    def _write(self, write: Any, *args: Any) -> Any:
        try:
            return write(*args)
        except sqlite3.Error:
            self.failures += 1
            log.exception("station database: reliability record not written (failure %d since start-up)",
                          self.failures)
            return None
