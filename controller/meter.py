"""Metering: energy integrated from measured voltage and current, and the power history.

The station measures each connector's output (the power modules' reported voltage and
current, ±2 % per manual 2.1) every controller cycle.  :class:`EnergyMeter` integrates
those readings at a fixed sample rate, whatever the cycle's jitter: between readings
the last one holds, and every :data:`SAMPLE_PERIOD_S` adds ``U · I · period``.  Its
register only ever grows and is persisted (:mod:`controller.store`), so it is the
connector's lifetime energy counter; a session's energy is the register's growth.

:class:`PowerHistory` keeps a bounded, evenly sampled power curve of one session for
the chart on the Charging screen.
"""

from __future__ import annotations

import math

#: The meter integrates at this fixed rate (seconds per sample).
SAMPLE_PERIOD_S = 0.1


class EnergyMeter:
    """A monotonic energy register (Wh) fed with voltage and current readings."""

    def __init__(self, register_wh: float = 0.0, period_s: float = SAMPLE_PERIOD_S) -> None:
        if register_wh < 0 or not math.isfinite(register_wh):
            raise ValueError(f"an energy register cannot start at {register_wh!r} Wh")
        self.register_wh = register_wh
        self.period_s = period_s
        self._power_w = 0.0  # the reading that holds until the next one
        self._next_sample: float | None = None

    @property
    def power_w(self) -> float:
        """The power of the latest reading."""
        return self._power_w

    def read(self, now: float, volts: float, amps: float) -> float:
        """Take a reading at monotonic time ``now``; returns the energy (Wh) added since the last one.

        Samples due up to ``now`` are integrated with the previous reading first, so a
        reading counts from the moment it was taken.  Negative or invalid readings count
        as zero: the register never goes backwards.
        """
        added = 0.0
        if self._next_sample is None:
            self._next_sample = now + self.period_s
        elif now >= self._next_sample:
            samples = math.floor((now - self._next_sample) / self.period_s) + 1
            added = self._power_w * samples * self.period_s / 3600.0
            self._next_sample += samples * self.period_s
            self.register_wh += added
        power = volts * amps
        self._power_w = power if math.isfinite(power) and volts > 0 and amps > 0 else 0.0
        return added


class PowerHistory:
    """Average power per interval since the session started, at most ``capacity`` points.

    When the curve is full, neighbouring points merge and the interval doubles, so the
    chart always spans the whole session at an even spacing (10 s per point for the
    first 10 minutes, then 20 s, 40 s, ...).
    """

    def __init__(self, capacity: int = 60, interval_s: float = 10.0) -> None:
        if capacity < 2 or capacity % 2:
            raise ValueError("the capacity must be an even number of at least 2")
        self.capacity = capacity
        self.interval_s = interval_s
        self._points: list[float] = []  # average watts of each finished interval
        self._start: float | None = None
        self._energy_wh = 0.0  # energy of the interval in progress

    def reset(self) -> None:
        self._points.clear()
        self._start = None
        self._energy_wh = 0.0

    def add(self, now: float, energy_wh: float) -> None:
        """``energy_wh`` was delivered in the cycle that ended at ``now``."""
        if self._start is None:
            self._start = now
        self._energy_wh += max(energy_wh, 0.0)
        while now - self._start >= self.interval_s:
            self._points.append(self._energy_wh * 3600.0 / self.interval_s)
            self._energy_wh = 0.0
            self._start += self.interval_s
            if len(self._points) >= self.capacity:
                self._points = [(a + b) / 2 for a, b in zip(self._points[::2], self._points[1::2], strict=True)]
                self.interval_s *= 2

    def points(self, live_w: float | None = None) -> tuple[int, ...]:
        """The finished intervals in watts (rounded to 100 W), then ``live_w`` if given."""
        values = [*self._points, *([] if live_w is None else [live_w])]
        return tuple(round(value / 100.0) * 100 for value in values)
