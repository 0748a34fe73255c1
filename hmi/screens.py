"""The kiosk's screens: the one place their names are written.

Plain Python (no Qt), so the controller's tests and the robustness invariants can name
screens without loading Qt.  :mod:`hmi.viewmodel` exposes the same members to QML as the
``Kiosk.Screen`` enum (``Kiosk.Screen.OutOfService``), and ``Main.qml`` maps each to its
file in ``qml/Evse/screens``.
"""

from __future__ import annotations

import enum
import re


class Screen(enum.StrEnum):
    """A screen of the kiosk.

    The value is the name scenarios (``expect screen plugin``), event logs and screenshot
    files use, so a ``Screen`` compares equal to it; QML knows each member by
    :attr:`qml_name` with the number :attr:`qml_value`.
    """

    INITIALIZING = "initializing"
    HOME = "home"
    PLUGIN = "plugin"
    PREPARING = "preparing"
    CHARGING = "charging"
    SUMMARY = "summary"
    STATUS = "status"
    OUT_OF_SERVICE = "outOfService"
    ENGINEER_PIN = "engineerPin"  # technicians: the PIN pad
    ENGINEER = "engineer"  # technicians: versions, bus values, codes, network, look-up
    UPDATING = "updating"  # a software update is installing: no new session
    START_FAILED = "startFailed"  # a start failed before energy flowed: why, what to do (controller.start_failure)

    @property
    def qml_name(self) -> str:
        """The enum key QML uses: ``OutOfService`` in ``Kiosk.Screen.OutOfService``."""
        return self.value[:1].upper() + self.value[1:]

    @property
    def slug(self) -> str:
        """The name in file names: ``out-of-service``."""
        return re.sub(r"(?<!^)(?=[A-Z])", "-", self.value).lower()

    @property
    def qml_value(self) -> int:
        """The number QML sees for this screen (its position in the declaration)."""
        return _POSITIONS[self]


_POSITIONS = {screen: position for position, screen in enumerate(Screen)}
