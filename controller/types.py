"""Vocabulary shared by the controller, the simulators and the HMI (manual words)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Side(enum.IntEnum):
    """Connector position, seen from the driver facing the charger (manual 2.2)."""

    LEFT = 0
    RIGHT = 1

    @property
    def connector_id(self) -> int:
        """OCPP connector id (1 = left, 2 = right)."""
        return self.value + 1

    @property
    def label(self) -> str:
        return self.name.lower()

    @property
    def can_node(self) -> str:
        """Node name of this side's connector board in the DBC."""
        return f"CB_{self.name}"


@dataclass(frozen=True, slots=True)
class Envelope:
    """Output envelope of one DC standard (manual 2.1)."""

    min_voltage: float
    max_voltage: float
    max_current: float
    max_power_w: float = 60_000.0

    def current_limit_at(self, voltage: float) -> float:
        """Maximum current at ``voltage``: 120 A up to 500 V, then constant 60 kW
        (63 A at 950 V for CCS, 80 A at 750 V for GB/T), zero outside the range
        (below 150 V the output cannot regulate).  0 V means "not known yet"."""
        if voltage > self.max_voltage or 0 < voltage < self.min_voltage:
            return 0.0
        if voltage <= 0:
            return self.max_current
        return min(self.max_current, self.max_power_w / voltage)


class Standard(enum.IntEnum):
    """DC charging standard of a connector; values match the DBC ``Standard`` signal."""

    CHADEMO = 0
    CCS1 = 1
    GBT = 2

    @property
    def display_name(self) -> str:
        return {Standard.CHADEMO: "CHAdeMO", Standard.CCS1: "CCS1", Standard.GBT: "GB/T"}[self]

    @property
    def envelope(self) -> Envelope:
        return _ENVELOPES[self]

    @property
    def board_name(self) -> str:
        """Board name used in the manual's status codes (CHAdeMO / CCS / GB)."""
        return {Standard.CHADEMO: "CHAdeMO", Standard.CCS1: "CCS", Standard.GBT: "GB"}[self]


_ENVELOPES = {
    Standard.CHADEMO: Envelope(150.0, 500.0, 120.0),
    Standard.CCS1: Envelope(150.0, 950.0, 120.0),
    Standard.GBT: Envelope(150.0, 750.0, 120.0),
}

#: Manual 2.2: which standard sits left and right for each version code.
VERSIONS: dict[str, tuple[Standard, Standard | None]] = {
    "J00": (Standard.CHADEMO, None),
    "J0U": (Standard.CHADEMO, Standard.CCS1),
    "U00": (Standard.CCS1, None),
    "U0U": (Standard.CCS1, Standard.CCS1),
    "B0B": (Standard.GBT, Standard.GBT),
}


def connectors_of(version: str) -> dict[Side, Standard]:
    """Connectors fitted to a version, left first."""
    left, right = VERSIONS[version]
    fitted = {Side.LEFT: left}
    if right is not None:
        fitted[Side.RIGHT] = right
    return fitted


class BoardStage(enum.IntEnum):
    """Charging sequence stage reported by a connector board (DBC ``Stage``)."""

    IDLE = 0
    CONNECTED = 1
    COMMUNICATION = 2
    CABLE_CHECK = 3
    ISOLATION_TEST = 4
    PRECHARGE = 5
    CHARGING = 6
    STOPPING = 7
    FINISHED = 8
    FAULT = 15


class EvStopReason(enum.IntEnum):
    """Why the EV ended energy transfer (DBC ``EvStopReason``)."""

    NONE = 0
    TARGET_REACHED = 1
    BATTERY_FULL = 2
    EV_REQUEST = 3
    EV_FAULT = 4


class BoardCommand(enum.IntEnum):
    """Session command from the CSU to a connector board (DBC ``Command``)."""

    IDLE = 0
    START_SESSION = 1
    STOP_SESSION = 2
    EMERGENCY_STOP = 3


class LedColour(enum.IntEnum):
    OFF = 0
    GREEN = 1
    BLUE = 2
    YELLOW = 3
    RED = 4
    WHITE = 5


class LedPattern(enum.IntEnum):
    STEADY = 0
    BLINK = 1
    BREATHE = 2


class AuthMethod(enum.Enum):
    """Authorization methods of manual 5.2.2."""

    RFID = "rfid"
    QR = "qr"
    APP = "app"


class Button(enum.Enum):
    """The two physical buttons under the screen."""

    LEFT = "left"  # Home / Stop charge
    RIGHT = "right"  # Select connector


#: Output connector value in PSU commands meaning "not routed".
PSU_NOT_ROUTED = 3
