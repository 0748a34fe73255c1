"""The whole simulated charger hardware: boards, power modules and EVs on one CAN bus.

Each board has its own python-can bus handle, so the simulators and the controller
share nothing but the wire.  ``step()`` runs one slice of time: boards read the
commands waiting for them, the plant moves current from the PSUs into the EVs, and
boards send their status frames.
"""

from __future__ import annotations

from collections.abc import Callable

import can

from controller.buses.can_link import CanLink
from controller.config import Config
from controller.sim.boards import SimulatedConnectorBoard, SimulatedIoBoard, SimulatedLedBoard
from controller.sim.ev import DEFAULT_EVS, EvParameters, SimulatedEv
from controller.sim.node import SimulatedNode
from controller.sim.psu import Load, SimulatedPsu
from controller.types import Side, Standard, connectors_of

BusFactory = Callable[[], can.BusABC]


class SimulatedHardware:
    """Connector boards (per version), PSUs, I/O board, LED board and the EVs."""

    def __init__(self, config: Config, bus_factory: BusFactory, psu_count: int | None = None) -> None:
        self.config = config
        sim = config.simulation
        # simulated boards encode without range checks: they are the test fixture, and
        # the controller's own (strict) link is what must never put garbage on the bus
        self.link = CanLink(bus_factory(), strict=False)
        self.boards: dict[Side, SimulatedConnectorBoard] = {
            side: SimulatedConnectorBoard(side, standard, self.link, stage_seconds=sim.stage_seconds)
            for side, standard in connectors_of(config.station.version).items()
        }
        count = config.limits.psu_count if psu_count is None else psu_count
        self.psus = [SimulatedPsu(i, self.link, rated_kw=config.limits.psu_rated_power_kw, seed=sim.seed)
                     for i in range(count)]
        self.io = SimulatedIoBoard(self.link)
        self.led = SimulatedLedBoard(self.link)
        self.next_ev: dict[Side, EvParameters] = {
            side: DEFAULT_EVS[board.standard] for side, board in self.boards.items()
        }
        self._listeners: dict[str, list[SimulatedNode]] = {}
        for node in self.nodes:
            node.boot_seconds *= sim.boot_time_factor
            for name in ("CSU_SelfTestRequest", *node.listens):
                self._listeners.setdefault(name, []).append(node)
        self.now = 0.0

    @property
    def nodes(self) -> list[SimulatedNode]:
        return [*self.boards.values(), *self.psus, self.io, self.led]

    # --- the presenter's (and the tests') hands --------------------------------------

    def plug(self, side: Side, params: EvParameters | None = None) -> SimulatedEv:
        """Plug an EV into ``side`` (the next EV's parameters unless given)."""
        board = self.boards[side]
        ev = SimulatedEv(params or self.next_ev[side], time_factor=self.config.simulation.time_factor)
        board.plug(ev)
        return ev

    def unplug(self, side: Side) -> None:
        self.boards[side].unplug()

    def set_next_ev(self, side: Side, start_soc: float | None = None, target_soc: float | None = None,
                    standard: Standard | None = None) -> None:
        """Parameters of the EV that will be plugged into ``side`` next (and of the one plugged now)."""
        base = DEFAULT_EVS[standard] if standard is not None else self.next_ev[side]
        self.next_ev[side] = base.with_soc(start_soc, target_soc)
        ev = self.boards[side].ev
        if ev is not None and target_soc is not None:
            ev.params = ev.params.with_soc(target=target_soc)

    def press(self, left: bool) -> None:
        self.io.press(left)

    def hold_button(self, left: bool, held: bool) -> None:
        """Hold the left (True) or right button down (True) until released (False)."""
        self.io.hold(left, held)

    def hold_both_buttons(self, held: bool) -> None:
        """Hold both buttons down (True) until released (False)."""
        self.io.hold_both(held)

    def set_emergency_stop(self, pressed: bool) -> None:
        self.io.emergency_stop = pressed

    def set_door_open(self, opened: bool) -> None:
        self.io.door_open = opened

    def set_tilt(self, tilted: bool) -> None:
        self.io.tilt = tilted

    def set_ambient(self, celsius: float) -> None:
        self.io.ambient_c = celsius

    def set_cabinet_temperature(self, celsius: float) -> None:
        """The air inside the cabinet, as the I/O board's cabinet sensor reads it."""
        self.io.cabinet_c = celsius

    def set_psu_inlet(self, index: int, celsius: float) -> None:
        """The air power module ``index`` takes in."""
        self.psus[index].inlet_c = celsius

    def heat_psu(self, index: int, celsius: float) -> None:
        """Power module ``index``'s hottest point reads ``celsius`` now (a failed fan, a blocked
        heatsink); from there it moves back towards what its inlet air and its load make it."""
        self.psus[index].temperature = celsius

    def set_input_voltage(self, volts: float) -> None:
        """The AC supply's line-to-line voltage the I/O board measures."""
        self.io.ac_input_v = volts

    def inject_fault(self, side: Side, code: int) -> None:
        """The connector board on ``side`` reports status ``code`` (0 clears it)."""
        self.boards[side].status_code = code

    def psu_fault(self, index: int, code: int) -> None:
        self.psus[index].fault_code = code

    # --- time --------------------------------------------------------------------------

    def step(self, now: float) -> None:
        dt = max(0.0, now - self.now)
        self.now = now
        for node in self.nodes:
            node.now = now
        for frame in self.link.receive():
            for node in self._listeners.get(frame.name, ()):
                node.receive(frame)
        for psu in self.psus:
            psu.physics(dt, self._load_of)
        self._feed_evs(dt)
        for node in self.nodes:
            node.tick(now, dt)

    def _load_of(self, side: Side) -> Load | None:
        board = self.boards.get(side)
        if board is None or board.ev is None:
            return None
        fed = [psu for psu in self.psus if psu.routed_to == side]
        share = sum(1 for psu in fed if psu.enabled) or 1
        flowing = sum(psu.current for psu in fed) if board.contactor_closed else 0.0
        ev = board.ev
        return Load(board.contactor_closed, ev.terminal_voltage(flowing), ev.requested_current / share, flowing)

    def _feed_evs(self, dt: float) -> None:
        for side, board in self.boards.items():
            if board.ev is None or not board.contactor_closed:
                continue
            board.ev.charge(sum(psu.current for psu in self.psus if psu.routed_to == side), dt)

    def close(self) -> None:
        self.link.close()
