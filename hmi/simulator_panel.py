"""The simulator panel's view model (desktop demo only): the presenter's controls of the
simulated hardware and of the demo central system.

Only the demo path (:mod:`hmi.desktop`, and :mod:`hmi.preview` which draws the panel)
imports this module; the kiosk's own modules never do, so a kiosk does not even register
the ``SimulatorControl`` QML type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtQml import QmlElement, QmlSingleton

from hmi.values import ViewValues
from hmi.viewmodel import SingletonValues

QML_IMPORT_NAME = "Evse"
QML_IMPORT_MAJOR_VERSION = 1


@dataclass(frozen=True, slots=True)
class SimulatorValues(ViewValues):
    """What the simulator panel shows (``SimulatorControl``)."""

    connectorCount: int = 2
    leftStandard: str = ""
    rightStandard: str = ""
    leftPlugged: bool = False
    rightPlugged: bool = False
    leftStartSoc: int = 20
    leftTargetSoc: int = 80
    rightStartSoc: int = 35
    rightTargetSoc: int = 90
    emergencyStop: bool = False
    doorOpen: bool = False
    knownCard: str = ""  # uid of a card on the allow-list
    unknownCard: str = ""  # uid of a card nobody knows
    timeFactor: float = 1.0  # how much faster than real time the EV battery fills
    psuCount: int = 2  # power modules fitted
    ambientC: int = 25  # inlet air temperature (°C)
    inputVoltage: int = 480  # AC supply, line to line (V)
    csmsAvailable: bool = False  # the demo central system runs beside the demo (evse-hmi --demo-csms)
    csmsRunning: bool = False  # switched on (off: the charger goes offline)
    csmsUrl: str = ""  # where the charger connects
    csmsStatus: str = ""  # the answer to the last button
    csmsLog: tuple[str, ...] = ()  # the latest frames, one line each, newest last


@QmlElement
@QmlSingleton
class SimulatorControl(SingletonValues):
    """The presenter's control panel of the simulated hardware (desktop demo only).

    Sides are 0 = left, 1 = right.  Every slot turns into an action on the simulated
    boards, which then talk to the controller over the CAN bus like real hardware.
    """

    changed = Signal()
    VALUES = SimulatorValues

    @staticmethod
    def create(engine: Any) -> SimulatorControl:
        """QML singleton factory: the application installs the instance first."""
        return SimulatorControl.current()

    @Slot(int)
    def plug(self, side: int) -> None:
        self._emit("plug", side)

    @Slot(int)
    def unplug(self, side: int) -> None:
        self._emit("unplug", side)

    @Slot()
    def tapKnownCard(self) -> None:
        self._emit("tap", self._values.knownCard)

    @Slot()
    def tapUnknownCard(self) -> None:
        self._emit("tap", self._values.unknownCard)

    @Slot(int, int, int)
    def setEvSoc(self, side: int, start: int, target: int) -> None:
        """Start and target SOC (%) of the EV that will be plugged on ``side``."""
        self._emit("ev_soc", (side, start, target))

    @Slot(bool)
    def setEmergencyStop(self, pressed: bool) -> None:
        self._emit("estop", pressed)

    @Slot(bool)
    def setDoorOpen(self, opened: bool) -> None:
        self._emit("door", opened)

    @Slot()
    def pressLeftButton(self) -> None:
        self._emit("button_left")

    @Slot()
    def pressRightButton(self) -> None:
        self._emit("button_right")

    @Slot(int, str)
    def injectFault(self, side: int, code: str) -> None:
        """Make the connector board on ``side`` report status ``code`` ("" clears)."""
        self._emit("fault", (side, code))

    @Slot(int)
    def setAmbient(self, celsius: int) -> None:
        """Inlet air temperature (°C): the station derates from 50 °C."""
        self._emit("ambient", celsius)

    @Slot(int)
    def setInputVoltage(self, volts: int) -> None:
        """AC supply, line to line (V): outside 408..528 V the output stops."""
        self._emit("input_voltage", volts)

    @Slot(int, bool)
    def setPsuFailed(self, index: int, failed: bool) -> None:
        """Power module ``index`` (0-based) reports a failure (012267) or recovers."""
        self._emit("psu_fault", (index, failed))

    # --- the demo central system (its HTTP door; the charger hears it over OCPP) ----------

    @Slot(int)
    def csmsRemoteStart(self, side: int) -> None:
        """RemoteStartTransaction for the known card on ``side`` (the QR code / app path)."""
        self._emit("csms_remote_start", side)

    @Slot(int)
    def csmsRemoteStop(self, side: int) -> None:
        self._emit("csms_remote_stop", side)

    @Slot(bool)
    def csmsReset(self, hard: bool) -> None:
        self._emit("csms_reset", hard)

    @Slot(bool)
    def csmsSetRunning(self, running: bool) -> None:
        """Switch the central system off (the charger goes offline) or on again."""
        self._emit("csms_running", running)

    @Slot(int)
    def csmsReserve(self, side: int) -> None:
        """ReserveNow for the known card on ``side`` (15 minutes)."""
        self._emit("csms_reserve", side)

    @Slot()
    def csmsCancelReservation(self) -> None:
        self._emit("csms_cancel_reservation")

    @Slot(int, bool)
    def csmsSetAvailable(self, side: int, available: bool) -> None:
        """ChangeAvailability of the connector on ``side``."""
        self._emit("csms_available", (side, available))

    @Slot(int)
    def csmsLimit(self, kilowatts: int) -> None:
        """A station limit (ChargePointMaxProfile) of ``kilowatts``; 0 clears it."""
        self._emit("csms_limit", kilowatts)

    @Slot(str, str)
    def csmsDisplayMessage(self, text: str, priority: str) -> None:
        """An operator message on the kiosk (OCPP 2.0.1 SetDisplayMessage) with ``priority``
        (AlwaysFront, InFront or NormalCycle)."""
        self._emit("csms_display_message", (text, priority))

    @Slot()
    def csmsPushCost(self) -> None:
        """The running cost of the charging session, now (OCPP 2.0.1 CostUpdated)."""
        self._emit("csms_push_cost")
