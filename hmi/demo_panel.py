"""The desktop demo's simulator panel wired up: its actions onto the simulated hardware on the
controller's bus, and (with ``--demo-csms``) the demo central system's buttons and log.

The panel's view model is :mod:`hmi.simulator_panel`. Only the demo loads this module,
after the kiosk's first frame (:mod:`hmi.desktop`); the kiosk itself never does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from controller.config import Config
from controller.sim import panel as sim
from controller.sim.csms_control import CentralSystemError, DemoCentralSystem, summary
from controller.sim.ev import DEFAULT_EVS
from controller.types import Side, connectors_of
from hmi.simulator_panel import SimulatorControl

log = logging.getLogger(__name__)

#: Lines of the central system's log on the panel.
CSMS_LOG_LINES = 12


class CsmsButtons(QObject):
    """The panel's central-system buttons: each a blocking HTTP call to the demo central
    system on a worker thread, its answer (and the latest frames) back on the GUI thread."""

    answered = Signal(str)
    framesArrived = Signal(list, int)
    switched = Signal(bool)

    def __init__(self, csms: DemoCentralSystem, control: SimulatorControl, card: str, charge_point_id: str) -> None:
        super().__init__()
        self.csms = csms
        self.control = control
        self.card = card
        self._next = 0
        self._lines: list[str] = []
        self._polling = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="csms-door")
        self.answered.connect(lambda text: control.update(csmsStatus=text))
        self.switched.connect(self._on_switched)
        self.framesArrived.connect(self._on_frames)
        control.update(csmsAvailable=True, csmsRunning=csms.running, csmsUrl=csms.charge_point_url(charge_point_id))
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._poll)
        self._timer.start(1000)

    def act(self, name: str, argument: Any) -> None:
        actions: dict[str, Callable[[], Any]] = {
            "csms_remote_start": lambda: self.csms.remote_start(int(argument) + 1, self.card),
            "csms_remote_stop": lambda: self.csms.remote_stop(int(argument) + 1),
            "csms_reset": lambda: self.csms.reset(bool(argument)),
            "csms_reserve": lambda: self.csms.reserve(int(argument) + 1, self.card),
            "csms_cancel_reservation": self.csms.cancel_reservation,
            "csms_available": lambda: self.csms.set_available(int(argument[0]) + 1, bool(argument[1])),
            "csms_limit": lambda: self.csms.limit_station(int(argument) * 1000 if int(argument) else None),
            "csms_running": lambda: self._switch(bool(argument)),
            "csms_display_message": lambda: self.csms.display_message(str(argument[0]), str(argument[1])),
            "csms_push_cost": lambda: self.csms.push_cost(None),
        }
        if name in actions:
            self._pool.submit(self._run, name, actions[name])

    def _switch(self, running: bool) -> dict[str, Any]:
        if running:
            self.csms.start()
        else:
            self.csms.stop()
        self.switched.emit(self.csms.running)
        return {"response": {"status": "on" if self.csms.running else "off"}}

    def _run(self, name: str, action: Callable[[], Any]) -> None:
        try:
            answer = action()
        except CentralSystemError as exc:
            self.answered.emit(f"{name.removeprefix('csms_')}: {exc}")
            return
        response = answer.get("response") if isinstance(answer, dict) else None
        outcome = (response or {}).get("status") if isinstance(response, dict) else None
        self.answered.emit(f"{name.removeprefix('csms_')}: {outcome or answer.get('error', 'done')}")

    def _poll(self) -> None:
        if self._polling or not self.csms.running:
            return
        self._polling = True
        self._pool.submit(self._fetch)

    def _fetch(self) -> None:
        try:
            entries, following = self.csms.messages(self._next)
            self.framesArrived.emit([summary(entry) for entry in entries], following)
        except CentralSystemError:
            self.framesArrived.emit([], self._next)

    def _on_switched(self, running: bool) -> None:
        if running:
            self._next = 0  # a new process: its frame numbers start again
        self.control.update(csmsRunning=running)

    def _on_frames(self, lines: list[str], following: int) -> None:
        self._polling = False
        self._next = following
        if lines:
            self._lines = (self._lines + lines)[-CSMS_LOG_LINES:]
            self.control.update(csmsLog=tuple(self._lines))

    def close(self) -> None:
        self._timer.stop()
        self._pool.shutdown(wait=False, cancel_futures=True)


def panel_action(name: str, argument: Any) -> sim.PanelAction | None:
    """The simulator panel's slot (``SimulatorControl``: a name and its argument, sides 0 = left,
    1 = right) as a typed action on the simulated hardware; None for a name it does not know."""
    match name:
        case "plug":
            return sim.Plug(Side(int(argument)))
        case "unplug":
            return sim.Unplug(Side(int(argument)))
        case "tap":
            return sim.TapCard(str(argument))
        case "ev_soc":
            side, start, target = argument
            return sim.SetNextEv(Side(int(side)), start_soc=start, target_soc=target)
        case "estop":
            return sim.SetEmergencyStop(bool(argument))
        case "door":
            return sim.SetDoorOpen(bool(argument))
        case "button_left" | "button_right":
            return sim.PressButton(left=name == "button_left")
        case "fault":
            side, code = argument
            return sim.BoardFault(Side(int(side)), int(code) if str(code).strip() else 0)
        case "ambient":
            return sim.SetAmbient(float(argument))
        case "input_voltage":
            return sim.SetInputVoltage(float(argument))
        case "psu_fault":
            index, failed = argument
            return sim.PsuFault(int(index), sim.PSU_FAILURE_CODE if failed else 0)
    return None


def shown_on_panel(action: sim.PanelAction) -> dict[str, Any]:
    """What the panel shows after ``action`` (its switches and fields follow the hardware)."""
    match action:
        case sim.Plug(side) | sim.Unplug(side):
            return {f"{side.label}Plugged": isinstance(action, sim.Plug)}
        case sim.SetEmergencyStop(pressed):
            return {"emergencyStop": pressed}
        case sim.SetDoorOpen(opened):
            return {"doorOpen": opened}
        case sim.SetAmbient(celsius):
            return {"ambientC": int(celsius)}
        case sim.SetInputVoltage(volts):
            return {"inputVoltage": int(volts)}
        case sim.SetNextEv(side, start, target):
            shown = {f"{side.label}StartSoc": start, f"{side.label}TargetSoc": target}
            return {key: int(value) for key, value in shown.items() if value is not None}
    return {}


def simulator_control(config: Config, panel: sim.SimulatorPanel,
                      csms: DemoCentralSystem | None = None) -> tuple[SimulatorControl, CsmsButtons | None]:
    """The presenter's panel, wired to the simulated hardware on the controller's bus (and to
    the demo central system's HTTP door when there is one)."""
    control = SimulatorControl()
    connectors = connectors_of(config.station.version)
    cards = config.authorization.local_allow_list
    left_ev = DEFAULT_EVS[connectors[Side.LEFT]]
    right_ev = DEFAULT_EVS[connectors[Side.RIGHT]] if Side.RIGHT in connectors else left_ev
    control.update(
        connectorCount=len(connectors),
        leftStandard=connectors[Side.LEFT].display_name,
        rightStandard=connectors[Side.RIGHT].display_name if Side.RIGHT in connectors else "",
        knownCard=cards[0] if cards else "",
        unknownCard="0455AA0F19FE21",
        timeFactor=config.simulation.time_factor,
        psuCount=config.limits.psu_count,
        leftStartSoc=int(left_ev.start_soc),
        leftTargetSoc=int(left_ev.target_soc),
        rightStartSoc=int(right_ev.start_soc),
        rightTargetSoc=int(right_ev.target_soc),
    )

    buttons = CsmsButtons(csms, control, cards[0] if cards else "04A1B2C3D4E5F6",
                          config.station.charge_point_id) if csms is not None else None

    def act(name: str, argument: Any = None) -> None:  # the buttons' slots give no argument
        if name.startswith("csms_"):
            if buttons is not None:
                buttons.act(name, argument)
            return
        action = panel_action(name, argument)
        if action is None:
            log.warning("unknown simulator action %r", name)
            return
        panel.act(action)
        control.update(**shown_on_panel(action))

    control.set_sink(act)
    return control, buttons
