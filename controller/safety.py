"""The station-wide safety inputs: emergency stop, door, tilt, temperatures and the AC supply.

The I/O board reports them every 100 ms (:class:`~controller.boards.IoBoardStatus`).  An
input that becomes active raises its blocking code at once, which stops every session
(:class:`~controller.active_codes.ActiveCodes` calls back into the station), and the
station then sends its commands at once instead of at the next cycle.  Temperatures have
hysteresis (manual 5.3.4: charging is enabled again after cooling down); an AC supply out
of its rated range raises an information code while the power split keeps the output off.
"""

from __future__ import annotations

import logging

from controller.active_codes import ActiveCodes
from controller.boards import IoBoardStatus
from controller.config import LimitsSection
from controller.limits import input_in_range, over_temperature
from controller.session import StopReason

log = logging.getLogger(__name__)

CODE_EMERGENCY_STOP = "012251"
CODE_DOOR_OPEN = "012252"
CODE_BREAKER_TRIP = "012238"  # the tilt sensor trips the upstream breaker (manual 3.3)
CODE_AMBIENT_OTP = "012223"  # system ambient/inlet over-temperature: stop until it cools down
CODE_CABINET_OTP = "012224"  # system critical point OTP: inside the cabinet; stop until it cools down
CODE_INPUT_OVP = "012294"  # AC input over-voltage: output off until the supply is normal
CODE_INPUT_UVP = "012295"  # AC input under-voltage: output off until the supply is normal


class SafetyInputs:
    """What the I/O board says about the station as a whole, and the codes it raises."""

    def __init__(self, limits: LimitsSection, codes: ActiveCodes) -> None:
        self.limits = limits
        self.codes = codes
        self.estop = False
        self.door_open = False
        self.tilt = False
        self.over_temperature = False  # ambient at [limits].over_temperature_c (012223)
        self.cabinet_hot = False  # inside the cabinet at [limits].cabinet_over_temperature_c (012224)
        self.ambient_c = 25.0
        self.cabinet_c = 25.0
        self.input_voltage_v = 0.0  # AC supply, line to line (0 = not measured)

    @property
    def active(self) -> tuple[str, ...]:
        """The safety inputs in force, as the engineer screen names them."""
        return tuple(name for name, on in (("emergency stop", self.estop), ("door open", self.door_open),
                                           ("tilt", self.tilt)) if on)

    def update_climate(self, status: IoBoardStatus, ready: bool) -> bool:
        """Temperatures and the AC supply from the I/O board's report (``ready``: the self-test
        is over); True when a condition became active, so the output must go off now."""
        limits = self.limits
        self.ambient_c, self.cabinet_c = status.ambient_c, status.cabinet_c
        hysteresis = limits.temperature_hysteresis_c
        hot = over_temperature(status.ambient_c, self.over_temperature, limits.over_temperature_c, hysteresis)
        cabinet = over_temperature(status.cabinet_c, self.cabinet_hot, limits.cabinet_over_temperature_c, hysteresis)
        became_active = self._set("over_temperature", hot, CODE_AMBIENT_OTP, StopReason.FAULT)
        became_active |= self._set("cabinet_hot", cabinet, CODE_CABINET_OTP, StopReason.FAULT)
        self._supply(status.ac_input_v, ready)
        return became_active

    def update_inputs(self, status: IoBoardStatus) -> bool:
        """Emergency stop, door and tilt; True when one became active (output off now)."""
        became_active = self._set("estop", status.emergency_stop, CODE_EMERGENCY_STOP, StopReason.EMERGENCY_STOP)
        became_active |= self._set("door_open", status.door_open, CODE_DOOR_OPEN, StopReason.FAULT)
        return self._set("tilt", status.tilt, CODE_BREAKER_TRIP, StopReason.FAULT) or became_active

    def _set(self, attribute: str, active: bool, code: str, reason: StopReason) -> bool:
        """A station-wide condition: its blocking code stops everything while it is active."""
        if active == getattr(self, attribute):
            return False
        setattr(self, attribute, active)
        if not active:
            self.codes.clear(code, None)
            return False
        log.warning("safety input %s active: raising %s", attribute, code)
        self.codes.raise_code(code, None, True, reason)
        return True

    def _supply(self, volts: float, ready: bool) -> None:
        """The AC supply: out of the rated range, a code says why (the split keeps the output off)."""
        self.input_voltage_v = volts
        if not ready:
            return
        rated = self.limits.input_voltage_v
        in_range = input_in_range(volts, rated)
        low = in_range is False and volts < rated
        high = in_range is False and not low
        for code, active in ((CODE_INPUT_UVP, low), (CODE_INPUT_OVP, high)):
            if active and not self.codes.has(code, None):
                log.warning("AC input at %.0f V is out of range: raising %s", volts, code)
                self.codes.raise_code(code, None, False)
            elif not active:
                self.codes.clear(code, None)
