"""The two physical buttons under the screen, read from the I/O board's level signals.

Left = Home / Stop charge, right = select connector (manual 2.1); both held for
:data:`ENGINEER_HOLD_S` open the engineer PIN pad; the right one held alone for
:data:`READ_ALOUD_HOLD_S` reads the screen aloud (or stops the voice).  A technician pressing both must never stop
the driver's charge, whichever button goes down first, so:

- the **left** button acts when it is *released*, and not at all when the right button was down
  at any moment of its press (a chord: the engineer gesture, or the start of one);
- the **right** button acts when it is *pressed* (moving the focus is harmless and feels
  immediate), unless the left button is already down (then it is part of the gesture).

A driver's ordinary press and release of either button works as before; the left one's action
comes at the release, a fraction of a second later.  Pure: levels and times in, actions out.
"""

from __future__ import annotations

from dataclasses import dataclass

from controller.types import Button

#: Both buttons held this long open the engineer PIN pad (a driver does not do that by accident).
ENGINEER_HOLD_S = 5.0
#: The right button held alone this long reads the screen aloud (its press has moved the focus already).
READ_ALOUD_HOLD_S = 1.5


@dataclass
class Buttons:
    """The buttons' levels as last reported, and what a change of them means."""

    left: bool = False
    right: bool = False
    chord: bool = False  # both have been down together since both were last up
    both_since: float | None = None  # when both went down (the engineer gesture), None while not both
    gesture_done: bool = False  # the current hold already opened the PIN pad: release first
    right_alone_since: float | None = None  # when the right button went down alone; None once it is not

    def update(self, left: bool, right: bool, now: float) -> tuple[Button, ...]:
        """Take the levels of one I/O board frame; returns the buttons that act now."""
        acts: list[Button] = []
        if left and right:
            self.chord = True
        if right and not self.right and not left:
            acts.append(Button.RIGHT)
        if self.left and not left and not self.chord:
            acts.append(Button.LEFT)
        if left and right:
            self.both_since = now if self.both_since is None else self.both_since
        else:
            self.both_since = None
            self.gesture_done = False
        if not left and not right:
            self.chord = False
        if Button.RIGHT in acts:
            self.right_alone_since = now
        elif left or not right:
            self.right_alone_since = None  # let go, or part of the engineer gesture
        self.left, self.right = left, right
        return tuple(acts)

    def read_aloud(self, now: float) -> bool:
        """True once per press, when the right button alone has been held for :data:`READ_ALOUD_HOLD_S`."""
        if self.right_alone_since is None or now - self.right_alone_since < READ_ALOUD_HOLD_S:
            return False
        self.right_alone_since = None
        return True

    def gesture(self, now: float) -> bool:
        """True once per hold, when both buttons have been down for :data:`ENGINEER_HOLD_S`."""
        if self.both_since is None or self.gesture_done or now - self.both_since < ENGINEER_HOLD_S:
            return False
        self.gesture_done = True
        return True
