"""Status-code readings: the measurement a status code is about.

An input over-voltage is about the AC input voltage, an over-temperature about the air
or a power module's heatsink.  The station takes the reading when it raises the code;
the engineer screen shows it with the code and the backend sends it in
StatusNotification.info.  Pure data: no I/O, nothing above the cores.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Measurement:
    """The reading a status code is about (the AC input voltage of an input OVP, ...)."""

    label: str  # what was measured: "input", "ambient", "PSU", "output"
    value: float
    unit: str  # "V", "A" or "C"

    def __str__(self) -> str:
        return f"{self.label} {self.value:g} {self.unit}"
