"""The status codes in force: raised and cleared, what they block, what they were about.

:class:`ActiveCodes` keeps the codes in force (newest first), the reading each one is about
as measured when it was raised, and the recent history for the engineer screen.  A blocking
code stops the sessions it concerns: the station hands in how (``stop``); this module knows
nothing of sessions.  Codes that latch until a power cycle (:mod:`controller.fault_policy`)
are kept across a soft reset through the store (:class:`~controller.store.LatchedCode`).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from controller import fault_policy as policy
from controller.clock import Clock
from controller.session import StopReason
from controller.store import LatchedCode
from controller.types import Side
from controller.view import ActiveCode, CodeEvent, Measurement

log = logging.getLogger(__name__)

#: Status codes raised and cleared kept for the engineer screen (the oldest go first).
CODE_HISTORY = 50

#: Which reading a status code is about (StatusNotification.info, the engineer screen):
#: the AC input voltage, the inlet air, the hottest power module, or the connector's output.
INPUT_VOLTAGE_CODES = frozenset({*(f"0122{n:02d}" for n in range(15)), "012270", "012271", "012276", "012294",
                                 "012295", "012313"})
AMBIENT_CODES = frozenset({"012223", "012227", "012228"})
CABINET_CODES = frozenset({"012224"})
PSU_INLET_CODES = frozenset({"012225"})
PSU_TEMPERATURE_CODES = frozenset({"012226", "012315", "012330"})
OUTPUT_VOLTAGE_CODES = frozenset({"012215", "012217", "012219", "012221", "012288", "012289", "012290"})
OUTPUT_CURRENT_CODES = frozenset({"012216", "012218", "012220", "012222", "012299", "012300"})

#: Stop the sessions a blocking code concerns: (code, side or None for every connector, why).
StopSessions = Callable[[str, Side | None, StopReason], None]
#: The reading a code is about, now.
Measure = Callable[[str, Side | None], Measurement | None]


@dataclass(frozen=True, slots=True)
class Readings:
    """What the station measures now, for :func:`measurement`."""

    input_voltage_v: float
    ambient_c: float
    cabinet_c: float
    psu_inlet_c: tuple[float, ...]  # the power modules present
    psu_heatsink_c: tuple[float, ...]
    output_v: tuple[float, ...]  # the connectors the code is about (all of them for a station's code)
    output_a: tuple[float, ...]


def measurement(code: str, readings: Readings) -> Measurement | None:
    """The reading ``code`` is about (None when it is about none)."""
    if code in INPUT_VOLTAGE_CODES:
        return Measurement("input", round(readings.input_voltage_v), "V")
    if code in AMBIENT_CODES:
        return Measurement("ambient", round(readings.ambient_c, 1), "C")
    if code in CABINET_CODES:
        return Measurement("cabinet", round(readings.cabinet_c, 1), "C")
    if code in PSU_INLET_CODES:
        return _hottest("PSU inlet", readings.psu_inlet_c)
    if code in PSU_TEMPERATURE_CODES:
        return _hottest("PSU", readings.psu_heatsink_c)
    if code in OUTPUT_VOLTAGE_CODES:
        return Measurement("output", round(max(readings.output_v), 1), "V")
    if code in OUTPUT_CURRENT_CODES:
        return Measurement("output", round(max(readings.output_a), 1), "A")
    return None


def _hottest(label: str, celsius: Sequence[float]) -> Measurement | None:
    return Measurement(label, round(max(celsius), 1), "C") if celsius else None


class ActiveCodes:
    """The codes in force (``active``, newest first), their readings and their history."""

    def __init__(self, clock: Clock, measure: Measure, stop: StopSessions) -> None:
        self.clock = clock
        self.measure = measure
        self.stop = stop
        self.active: list[ActiveCode] = []
        self.history: deque[CodeEvent] = deque(maxlen=CODE_HISTORY)  # raised and cleared, newest last
        self._readings: dict[tuple[str, Side | None], Measurement | None] = {}  # at raise time
        self.on_raised: Callable[[str, Side | None], None] | None = None  # told of each code raised (not restored)

    def has(self, code: str, side: Side | None) -> bool:
        return any(c.code == code and c.side == side for c in self.active)

    def blocked(self, side: Side) -> bool:
        """A code in force stops charging on ``side`` (its own, or the station's)."""
        return any(c.blocks_charging and c.side in (None, side) for c in self.active)

    def for_side(self, side: Side) -> tuple[str, ...]:
        """The codes in force on ``side`` and the station's, newest first."""
        return tuple(c.code for c in self.active if c.side in (None, side))

    def reading(self, code: str, side: Side | None) -> Measurement | None:
        """The reading an active code is about, as measured when it was raised (None: none)."""
        return self._readings.get((code, side))

    def raise_code(self, code: str, side: Side | None, blocking: bool,
                   reason: StopReason = StopReason.FAULT) -> None:
        """Put ``code`` in force (once); a blocking one stops the sessions it concerns for ``reason``."""
        if self.has(code, side):
            return
        self._add(ActiveCode(code, side, blocking), self.measure(code, side))
        log.warning("status code %s raised (%s, %s)", code, side.label if side is not None else "station",
                    "blocking" if blocking else "information")
        if self.on_raised is not None:
            self.on_raised(code, side)
        if blocking:
            self.stop(code, side, reason)

    def clear(self, code: str, side: Side | None) -> None:
        before = len(self.active)
        self.active = [c for c in self.active if not (c.code == code and c.side == side)]
        if len(self.active) != before:
            log.info("status code %s cleared", code)
            self.history.append(CodeEvent(self.clock.now(), code, side, False, self._readings.pop((code, side), None)))

    def _add(self, active: ActiveCode, reading: Measurement | None) -> None:
        """Put ``active`` in force (newest first) with the reading it is about."""
        self.active.insert(0, active)
        self._readings[(active.code, active.side)] = reading
        self.history.append(CodeEvent(self.clock.now(), active.code, active.side, True, reading))

    def latched(self, psu_fault_codes: Sequence[str]) -> list[LatchedCode]:
        """The codes in force that latch until a power cycle (controller.fault_policy), as kept
        across a soft reset: with their connector, their reading, and each power module they
        keep out of the split (``psu_fault_codes``: each module's code, by index; a module's
        code is the station's, so the kept code names the module)."""
        kept = []
        for active in reversed(self.active):  # oldest first: restored in turn, the newest is first again
            if not policy.latches(active.code):
                continue
            connector_id = active.side.connector_id if active.side is not None else 0
            reading = self._readings.get((active.code, active.side))
            values = (reading.label, reading.value, reading.unit) if reading is not None else None
            psus = [index + 1 for index, fault in enumerate(psu_fault_codes)
                    if active.side is None and fault == active.code]
            kept += [LatchedCode(active.code, connector_id, psu, active.blocks_charging, values) for psu in psus or [0]]
        return kept

    def restore(self, latched: LatchedCode) -> None:
        """At start-up: a code a soft reset kept is in force again before the self-test, as it
        was (its connector, its reading); its power module is the caller's to restore."""
        side = Side(latched.connector_id - 1) if latched.connector_id else None
        if self.has(latched.code, side):
            return  # a second module with the same code
        reading = Measurement(*latched.reading) if latched.reading is not None else None
        self._add(ActiveCode(latched.code, side, latched.blocking), reading)
        log.warning("status code %s (%s) kept by the soft reset: in force until the charger is power-cycled",
                    latched.code, side.label if side is not None else "station")

    def board_code_changed(self, side: Side, old: str, new: str, plugged: bool,
                           end_session: Callable[[], None]) -> None:
        """A connector board on ``side`` changed its status code: the fault policy
        (controller.fault_policy) says what goes, what comes, and whether the session ends
        (``end_session()``, before the new code is in force)."""
        if old:
            self._board_code_gone(side, old, plugged)
        if not new:
            return
        action = policy.action_for(new)
        if action is policy.Action.END_SESSION:
            end_session()
        self.raise_code(new, None if policy.station_wide(new) else side, policy.blocks_charging(action))

    def _board_code_gone(self, side: Side, code: str, plugged: bool) -> None:
        """The board stopped reporting ``code``: a fault stays until the charger is power-cycled,
        an EV message until the cable is out; everything else clears now."""
        action = policy.action_for(code)
        where = None if policy.station_wide(code) else side
        if action is policy.Action.OUT_OF_SERVICE:
            if self.has(code, where):
                log.warning("status code %s no longer reported: stays until the charger is power-cycled", code)
            return
        if action is policy.Action.END_SESSION and plugged:
            return  # cleared when the cable comes out (manual 5.3.6, step 1)
        self.clear(code, where)
