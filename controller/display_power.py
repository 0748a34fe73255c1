"""Display power: when the panel dims, sleeps (blank or attract) and wakes, and how bright it is.

A pure state machine on the station's clock.  It is told what the screen is about (a
:class:`Situation`, decided by the station from its state), when a driver was last active
(:meth:`DisplayPower.activity`: a touch, a button, a command from the kiosk) and when
something happened a driver must see (:meth:`DisplayPower.wake`: a plug-in, a card, a
remote start, a state change).  It answers with a :class:`DisplayState`: the level, what
the panel presents at that level, the backlight's brightness and the attract screen's drift.

The rules, as a table (idle = seconds since the last activity or wake):

================  ===============================  ==================================  ======
situation         DIM from                         ASLEEP from                         look when dim
================  ===============================  ==================================  ======
HOME              ``dim_after_s``                  ``sleep_after_s`` (attract / blank)  NORMAL
CHARGING          ``charging_dim_after_s``         never                               GLANCE
ATTENTION         ``dim_after_s``                  never                               NORMAL
TECHNICIAN        never                            never                               -
================  ===============================  ==================================  ======

ATTENTION is every screen a driver must be able to read at a glance even when nobody
touches the charger: a status or out-of-service code, a summary, a cable waiting for a
card, the Plug-in screen, a software update.  It dims (the code stays on screen, only the
backlight is lower) but never sleeps, so nothing hides a code.  While a level is not
AWAKE the station swallows every touch and button (:func:`swallowed`): the first one only
wakes.  A card, a plug-in and a remote start act *and* wake.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from controller import commands as cmd
from controller.config import DisplayPowerSection


class DisplayLevel(enum.Enum):
    """How awake the panel is."""

    AWAKE = "awake"
    DIM = "dim"  # lower backlight; a session's glance layout, or the screen as it is
    ASLEEP = "asleep"  # the attract screen at low brightness, or the backlight off


class Situation(enum.Enum):
    """What the screen is about, for display power (the station decides it each cycle)."""

    HOME = "home"  # nothing going on: may dim and sleep
    CHARGING = "charging"  # a session runs on a connector: may dim to the glance, never sleeps
    ATTENTION = "attention"  # a code, a summary, a cable waiting, Plug-in, updating: may dim, never sleeps
    TECHNICIAN = "technician"  # the engineer PIN pad or screen (or the self-test): never dims


class Look(enum.Enum):
    """What the panel presents."""

    NORMAL = "normal"  # the screen as navigation says (awake, or dimmed by the backlight only)
    GLANCE = "glance"  # a session's large state of charge and power, readable from a step away
    ATTRACT = "attract"  # the price and "touch or tap a card", drifting around the panel
    BLANK = "blank"  # nothing: the backlight is off


@dataclass(frozen=True, slots=True)
class DisplayState:
    """The display now, as plain values (the kiosk's and the backlight's)."""

    level: DisplayLevel = DisplayLevel.AWAKE
    look: Look = Look.NORMAL
    brightness_percent: int = 100  # what the backlight is set to (0 with the backlight off)
    backlight_on: bool = True
    drift: tuple[float, float] = (0.0, 0.0)  # the attract content's offset, -1..1 of the free space (x, y)
    home_returns: int = 0  # how often the kiosk went back to Home after inactivity (overlays close)


#: The attract screen's positions: a 5 x 4 grid walked row by row, every other row backwards,
#: so that each step moves one cell (20 positions, then the walk starts over).
_COLUMNS, _ROWS = 5, 4
_DRIFT_PATH = tuple((column if row % 2 == 0 else _COLUMNS - 1 - column, row)
                    for row in range(_ROWS) for column in range(_COLUMNS))

#: Commands that act even while the display is not awake (they are deliberate and wake it).
_DELIBERATE = (cmd.PresentToken,)


def swallowed(command: cmd.Command, level: DisplayLevel) -> bool:
    """Is ``command`` only a wake-up at ``level``?  Every touch and button while not AWAKE is;
    a card is not (it acts and wakes), nor a backend's command."""
    if level is DisplayLevel.AWAKE or isinstance(command, _DELIBERATE):
        return False
    return isinstance(command, cmd.DriverCommand | cmd.EngineerCommand)


def drift(now: float, period_s: float) -> tuple[float, float]:
    """The attract content's offset at monotonic ``now``: one step every ``period_s``."""
    column, row = _DRIFT_PATH[int(now // period_s) % len(_DRIFT_PATH)]
    return (2 * column / (_COLUMNS - 1) - 1, 2 * row / (_ROWS - 1) - 1)


def is_night(wall: datetime, zone: ZoneInfo, night_from: time, day_from: time) -> bool:
    """Is ``wall`` (aware) within the night, local time, from ``night_from`` to ``day_from``?"""
    local = wall.astimezone(zone).time()
    if night_from <= day_from:
        return night_from <= local < day_from
    return local >= night_from or local < day_from


class DisplayPower:
    """The display's level from activity, wake events and the situation (see the module docstring)."""

    def __init__(self, config: DisplayPowerSection, time_zone: str, now: float) -> None:
        self.config = config
        self.zone = ZoneInfo(time_zone)
        self.night_from = time.fromisoformat(config.night_from)
        self.day_from = time.fromisoformat(config.day_from)
        self._last_activity = now
        self._level = DisplayLevel.AWAKE
        self._home_returns = 0
        self._returned = False  # already went Home in this quiet spell

    @property
    def level(self) -> DisplayLevel:
        """The level as of the last :meth:`observe` (or the wake since)."""
        return self._level

    def activity(self, now: float) -> None:
        """A driver touched the screen or pressed a button (or the kiosk sent a command)."""
        self.wake(now)

    def wake(self, now: float) -> None:
        """Something a driver must see happened, or a driver is there: awake, timers from ``now``."""
        self._last_activity = max(self._last_activity, now)
        self._level = DisplayLevel.AWAKE
        self._returned = False

    def idle_for(self, now: float) -> float:
        """Seconds since the last activity or wake."""
        return max(0.0, now - self._last_activity)

    def home_due(self, now: float) -> bool:
        """Time to go back to Home (``home_after_s`` without activity), once per quiet spell."""
        return (self.config.enabled and self.config.home_after_s > 0 and not self._returned
                and self.idle_for(now) >= self.config.home_after_s)

    def returned_home(self) -> None:
        """The station went back to Home: overlays close (counted in the state), once per quiet spell."""
        self._returned = True
        self._home_returns += 1

    def observe(self, situation: Situation, now: float, wall: datetime) -> DisplayState:
        """The display at ``now`` for ``situation`` (updates :attr:`level`)."""
        self._level = level = self._level_for(situation, self.idle_for(now))
        look = self._look(situation, level)
        night = self.config.enabled and self.night(wall)
        full = self.config.night_brightness if night else self.config.day_brightness
        brightness = {
            Look.NORMAL: full if level is DisplayLevel.AWAKE else min(full, self.config.dim_brightness),
            Look.GLANCE: min(full, self.config.dim_brightness),
            Look.ATTRACT: min(full, self.config.attract_brightness),
            Look.BLANK: 0,
        }[look]
        offset = drift(now, self.config.drift_period_s) if look is Look.ATTRACT else (0.0, 0.0)
        return DisplayState(level, look, brightness, look is not Look.BLANK, offset, self._home_returns)

    def night(self, wall: datetime) -> bool:
        return is_night(wall, self.zone, self.night_from, self.day_from)

    def _level_for(self, situation: Situation, idle: float) -> DisplayLevel:
        config = self.config
        if not config.enabled or situation is Situation.TECHNICIAN:
            return DisplayLevel.AWAKE
        if situation is Situation.HOME and idle >= config.sleep_after_s:
            return DisplayLevel.ASLEEP
        dim_after = config.charging_dim_after_s if situation is Situation.CHARGING else config.dim_after_s
        return DisplayLevel.DIM if idle >= dim_after else DisplayLevel.AWAKE

    def _look(self, situation: Situation, level: DisplayLevel) -> Look:
        if level is DisplayLevel.ASLEEP:
            return Look.ATTRACT if self.config.sleep_mode == "attract" else Look.BLANK
        if level is DisplayLevel.DIM and situation is Situation.CHARGING:
            return Look.GLANCE
        return Look.NORMAL
