"""The station's safety and bookkeeping invariants, checked after every controller cycle
while hypothesis drives random plug, unplug, card taps, buttons, board faults, emergency
stop, door and time on a :class:`~controller.sim.world.World` (fake clock, virtual CAN bus).

What must always hold:

* **Output only when allowed.**  The simulated hardware acts on the commands of the
  previous cycle, so what it does now is checked against what the controller knew then:
  a power module enabled for a connector, or its DC contactors closed (or asked to close),
  only while a session (authorization) holds it, with the cable in and locked, and the board
  past its isolation test (precharge or later).  The contactors also only close with an EV
  physically there and the lock shut (the board's own interlock).
* **The emergency stop wins.**  One cycle after the controller hears of it, every module
  is off and every contactor open.
* **Each session is recorded once and ended once** (store writes counted), and once the
  charger is left alone every session is finished.
* **Energy never goes backwards**: the connectors' registers, the sessions' energy and the
  stored registers.
* **The screen matches the controller**: every connector view's state is a connector state
  (or ``faulted``) and :func:`hmi.navigation.screen_for` names a known screen.
* **Each transaction is started and stopped exactly once at the central system.**  With
  :func:`central_system` the station talks OCPP to the demo central system (a real process
  over a real websocket) and hypothesis also cuts the link, kills the central system and
  starts it again; once left alone (and the central system back) every session the station
  recorded is one StartTransaction and one StopTransaction there.

:class:`StationInvariants` is the hypothesis state machine; ``tests/robustness/test_invariants.py``
runs it briefly, ``make fuzz`` (``python -m tests.robustness.fuzz``) at length.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import ClassVar

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from controller import commands as cmd
from controller.config import Config
from controller.session import SESSION_STATES, ConnectorState
from controller.sim.world import World
from controller.store import FINISHED, Store
from controller.types import BoardStage, Side
from controller.view import StationView
from hmi.navigation import screen_for
from hmi.screens import Screen
from tests.ocpp.harness import STATION_ID, CentralSystemProcess
from tests.robustness.accounting import account

KNOWN_CARDS = ("04A1B2C3D4E5F6", "04112233445566")
UNKNOWN_CARD = "DEADBEEF0001"
VIEW_STATES = frozenset(s.value for s in ConnectorState) | {"faulted"}
#: Board status codes a test injects: none, an EV/protocol code, a blocking hardware fault.
BOARD_CODES = (0, 23701, 11013, 12283)
#: Stages after which the board has checked the isolation (precharge or energy transfer).
ISOLATION_CHECKED = frozenset({BoardStage.PRECHARGE, BoardStage.CHARGING})


def invariant_config() -> Config:
    """Two connectors (CHAdeMO + CCS1), quick handshakes, EVs that fill fast; with a central
    system, quick reconnects (real time) so that outages cost little."""
    return Config().with_overrides(station={"version": "J0U"},
                                   simulation={"boot_time_factor": 0.0, "stage_seconds": 0.2, "time_factor": 300.0},
                                   limits={"stop_timeout_s": 10, "summary_timeout_s": 5},
                                   ocpp={"response_timeout_s": 5.0, "reconnect_initial_s": 0.1,
                                         "reconnect_max_s": 0.5, "reconnect_jitter_s": 0.1})


class CountingStore(Store):
    """The real SQLite store, counting how often each session is begun and ended."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.begun: list[int] = []
        self.ended: Counter[int] = Counter()

    def begin_session(self, *args: object, **kwargs: object) -> int:
        session_id = super().begin_session(*args, **kwargs)  # type: ignore[arg-type]
        self.begun.append(session_id)
        return session_id

    def end_session(self, session_id: int, *args: object, **kwargs: object) -> None:
        super().end_session(session_id, *args, **kwargs)  # type: ignore[arg-type]
        self.ended[session_id] += 1


@dataclass(frozen=True, slots=True)
class Known:
    """What the controller knew of one connector at the end of a cycle."""

    state: ConnectorState
    plugged: bool
    locked: bool
    isolation_checked: bool  # this session's board has been through its isolation test
    estop: bool


class InvariantError(AssertionError):
    """An invariant broke; the message says which and where."""


class Checker:
    """Checks one world after every cycle (see the module docstring)."""

    def __init__(self, world: World, store: CountingStore) -> None:
        self.world = world
        self.store = store
        self.previous: dict[Side, Known] = {}
        self.checked_isolation: dict[Side, bool] = dict.fromkeys(world.station.connectors, False)
        self.registers: dict[Side, float] = {side: 0.0 for side in world.station.connectors}
        self.session_energy: dict[Side, tuple[datetime, float]] = {}
        self.cycles = 0

    def cycle(self, view: StationView) -> None:
        self.cycles += 1
        self._hardware_obeys(self.previous)
        self._energy()
        self._screen(view)
        self._books()
        self.previous = self._known()

    def _known(self) -> dict[Side, Known]:
        station = self.world.station
        known = {}
        for side, connector in station.connectors.items():
            state = connector.machine.state
            if state not in SESSION_STATES:
                self.checked_isolation[side] = False
            elif connector.stage in ISOLATION_CHECKED:
                self.checked_isolation[side] = True
            known[side] = Known(state, connector.plugged, connector.locked, self.checked_isolation[side],
                                station.estop)
        return known

    def _hardware_obeys(self, previous: dict[Side, Known]) -> None:
        hardware = self.world.hardware
        for side, board in hardware.boards.items():
            modules_on = [psu.index for psu in hardware.psus if psu.enabled and psu.routed_to == side]
            contactor = board.contactor_closed
            asked_to_close = board.close_requested
            if contactor and not (board.plugged and board.locked):
                raise InvariantError(f"{side.label}: contactors closed without an EV locked in")
            if not (modules_on or contactor or asked_to_close):
                continue
            known = previous.get(side)
            what = f"{side.label}: modules {modules_on} on, contactor closed={contactor}, asked={asked_to_close}"
            if known is None:
                raise InvariantError(f"{what} before the controller ran a cycle")
            if known.estop:
                raise InvariantError(f"{what} after the emergency stop")
            if known.state not in SESSION_STATES:
                raise InvariantError(f"{what} with no session ({known.state.value})")
            if not (known.plugged and known.locked):
                raise InvariantError(f"{what}, but plugged={known.plugged}, locked={known.locked}")
            if not known.isolation_checked:
                raise InvariantError(f"{what} before the isolation test passed")
            if modules_on and known.state is ConnectorState.STOPPING:
                raise InvariantError(f"{what} while stopping")

    def _energy(self) -> None:
        station = self.world.station
        for side, connector in station.connectors.items():
            register = connector.meter.register_wh
            if register < self.registers[side]:
                raise InvariantError(f"{side.label}: register went back {self.registers[side]} -> {register}")
            self.registers[side] = register
            session = connector.machine.session
            if session is None:
                self.session_energy.pop(side, None)
                continue
            last = self.session_energy.get(side)
            if last is not None and last[0] == session.authorized_wall and session.energy_wh < last[1]:
                raise InvariantError(f"{side.label}: session energy went back {last[1]} -> {session.energy_wh}")
            self.session_energy[side] = (session.authorized_wall, session.energy_wh)
        for connector_id, stored in self.store.meter_registers().items():
            side = Side(connector_id - 1)
            if stored > self.registers[side] + 1e-6:
                raise InvariantError(f"{side.label}: stored register {stored} ahead of the meter")

    def _screen(self, view: StationView) -> None:
        for connector in view.connectors:
            if connector.state not in VIEW_STATES:
                raise InvariantError(f"{connector.side.label}: view state {connector.state!r}")
        screen = screen_for(view)
        if not isinstance(screen, Screen):
            raise InvariantError(f"unknown screen {screen!r}")

    def _books(self) -> None:
        twice = [session_id for session_id, count in self.store.ended.items() if count > 1]
        if twice:
            raise InvariantError(f"sessions ended more than once: {twice}")
        if len(set(self.store.begun)) != len(self.store.begun):
            raise InvariantError("a session id was begun twice")
        unknown = set(self.store.ended) - set(self.store.begun)
        if unknown:
            raise InvariantError(f"sessions ended that never began: {sorted(unknown)}")

    def all_finished(self) -> None:
        """Once left alone, every session that began has ended, once, and is stored finished."""
        for session_id in self.store.begun:
            if self.store.ended[session_id] != 1:
                raise InvariantError(f"session {session_id} ended {self.store.ended[session_id]} times")
            record = self.store.session(session_id)
            if record.status != FINISHED:
                raise InvariantError(f"session {session_id} stored as {record.status}")


class StationInvariants(RuleBasedStateMachine):
    """Random use of a two-connector station; the invariants are checked every cycle."""

    #: The central system every example talks to (see :func:`central_system`), or None.
    central: ClassVar[CentralSystemProcess | None] = None

    def __init__(self) -> None:
        super().__init__()
        self.store = CountingStore(":memory:")
        central, csms_url, self.mark = self.central, None, 0
        if central is not None:
            if central.process is None:
                central.start_again()
            self.mark = len(central.messages())  # this example's frames come after
            csms_url = f"{central.url}/{STATION_ID}"
        self.world = World(invariant_config(), store=self.store, csms_url=csms_url)
        self.checker = Checker(self.world, self.store)
        self.world.start()
        self.world.advance(0.1, on_step=self.checker.cycle)

    # --- the driver's and the site's hands ----------------------------------------------

    @rule(side=st.sampled_from(Side))
    def plug(self, side: Side) -> None:
        if not self.world.hardware.boards[side].plugged:
            self.world.hardware.plug(side)
        self.world.advance(2.0, on_step=self.checker.cycle)  # through the handshake

    @rule(side=st.sampled_from(Side))
    def unplug(self, side: Side) -> None:
        self.world.hardware.unplug(side)

    @rule(card=st.sampled_from((*KNOWN_CARDS, UNKNOWN_CARD)))
    def tap(self, card: str) -> None:
        self.world.station.submit(cmd.PresentToken(card))

    @rule(left=st.booleans())
    def press_button(self, left: bool) -> None:
        self.world.hardware.press(left)

    @rule(side=st.sampled_from(Side), failure=st.sampled_from(("communication", "isolation", "precharge", "refuse")))
    def start_fails(self, side: Side, failure: str) -> None:
        """The EV's next start on ``side`` fails in its handshake (a retry on the kept card may follow)."""
        self.world.hardware.boards[side].fail_next_start(failure)

    @rule(command=st.sampled_from((cmd.TouchStop, cmd.SelectSide, cmd.TryAgain)), side=st.sampled_from(Side))
    def touch_side(self, command: type[cmd.TouchStop | cmd.SelectSide | cmd.TryAgain], side: Side) -> None:
        self.world.station.submit(command(side))

    @rule(command=st.sampled_from((cmd.Dismiss(), cmd.CancelPending())))
    def touch(self, command: cmd.Dismiss | cmd.CancelPending) -> None:
        self.world.station.submit(command)

    @rule(side=st.sampled_from(Side), card=st.sampled_from(KNOWN_CARDS))
    def drive_up_and_charge(self, side: Side, card: str) -> None:
        """The common case, so that sessions run often: a known card and a cable."""
        self.world.station.submit(cmd.PresentToken(card))
        self.world.advance(0.1, on_step=self.checker.cycle)
        if not self.world.hardware.boards[side].plugged:
            self.world.hardware.plug(side)
        self.world.advance(2.0, on_step=self.checker.cycle)  # through the handshake

    @rule(side=st.sampled_from(Side), card=st.sampled_from(KNOWN_CARDS),
          minutes=st.sampled_from((0.1, 0.5, 2.0)))
    def a_whole_visit(self, side: Side, card: str, minutes: float) -> None:
        """A driver who comes, charges a while and drives off, so that sessions end often
        (whatever the backend is doing meanwhile)."""
        if self.world.hardware.boards[side].plugged:
            return
        self.drive_up_and_charge(side, card)
        self.world.advance(minutes * 60.0, on_step=self.checker.cycle, step=0.5)
        self.world.hardware.unplug(side)
        self.world.advance(2.0, on_step=self.checker.cycle)

    @rule(trouble=st.sampled_from(("fault", "estop", "door")), side=st.sampled_from(Side),
          code=st.sampled_from(BOARD_CODES), active=st.booleans())
    def site_trouble(self, trouble: str, side: Side, code: int, active: bool) -> None:
        """A board fault (or its end), the emergency stop pressed or released, the door."""
        hardware = self.world.hardware
        if trouble == "fault":
            hardware.inject_fault(side, code if active else 0)
        elif trouble == "estop":
            hardware.set_emergency_stop(active)
        else:
            hardware.set_door_open(active)

    @precondition(lambda self: self.central is not None)
    @rule(what=st.sampled_from(("cut", "kill", "up")))
    def backend(self, what: str) -> None:
        """The link to the central system cut, the central system killed, or started again."""
        central = self.central
        assert central is not None and self.world.backend is not None
        if what == "up":
            if central.process is None:
                central.start_again()
        elif what == "kill":
            central.kill()
        elif central.process is not None:
            central.cut()

    @rule(seconds=st.sampled_from((0.05, 0.2, 0.5, 1.0, 3.0, 8.0)))
    def wait(self, seconds: float) -> None:
        self.world.advance(seconds, on_step=self.checker.cycle)

    @precondition(lambda self: any(c.machine.state is ConnectorState.CHARGING
                                   for c in self.world.station.connectors.values()))
    @rule()
    def charge_a_while(self) -> None:
        self.world.advance(20.0, on_step=self.checker.cycle)

    @invariant()
    def checked_now(self) -> None:
        self.checker.cycle(self.world.step())

    def teardown(self) -> None:
        try:
            self.leave_alone()
        finally:
            self.world.close()

    def leave_alone(self) -> None:
        """Release every input, take the cables out, wait: every session must be finished."""
        hardware = self.world.hardware
        hardware.set_emergency_stop(False)
        hardware.set_door_open(False)
        for side in hardware.boards:
            hardware.inject_fault(side, 0)
        self.world.advance(1.0, on_step=self.checker.cycle)
        for side in hardware.boards:
            hardware.unplug(side)
        self.world.advance(20.0, on_step=self.checker.cycle)
        self.checker.all_finished()
        if self.central is not None:
            self.books_at_the_central_system()

    def books_at_the_central_system(self) -> None:
        """With the central system back, every recorded session is one transaction there."""
        central, backend = self.central, self.world.backend
        assert central is not None and backend is not None
        if central.process is None:
            central.start_again()
        client = backend.client
        if not self.world.settle(lambda: client.online and len(client.queue) == 0, 60.0):
            raise InvariantError(f"{len(client.queue)} transaction messages not delivered to the central system")
        books = account(central.messages()[self.mark:], len(self.store.begun))
        if books.losses:
            raise InvariantError(f"not every session accounted for at the central system: {books}")


@contextmanager
def central_system() -> Iterator[CentralSystemProcess]:
    """A demo central system process for :class:`StationInvariants` (killed at the end)."""
    with TemporaryDirectory() as directory:
        central = CentralSystemProcess(Path(directory) / "csms.jsonl", "--heartbeat-interval", "300")
        central.start()
        StationInvariants.central = central
        try:
            yield central
        finally:
            StationInvariants.central = None
            central.kill()
