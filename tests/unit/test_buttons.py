"""The physical buttons' rule (controller.buttons): the left button acts on release unless the
right one was down during its press, the right one on press unless the left one is down, and
both held for five seconds make the engineer gesture once per hold."""

from __future__ import annotations

import pytest

from controller.buttons import ENGINEER_HOLD_S, READ_ALOUD_HOLD_S, Buttons
from controller.types import Button

Levels = tuple[bool, bool]  # (left, right) as one I/O board frame reports them


def feed(frames: list[Levels], step_s: float = 0.1) -> list[Button]:
    """Every action the frames cause, in order."""
    buttons = Buttons()
    acts: list[Button] = []
    for index, (left, right) in enumerate(frames):
        acts.extend(buttons.update(left, right, index * step_s))
    return acts


UP, LEFT, RIGHT, BOTH = (False, False), (True, False), (False, True), (True, True)


def test_a_left_press_acts_once_when_it_is_released() -> None:
    assert feed([UP, LEFT]) == []
    assert feed([UP, LEFT, LEFT, LEFT, UP, UP]) == [Button.LEFT]


def test_a_right_press_acts_at_once_and_only_once() -> None:
    assert feed([UP, RIGHT]) == [Button.RIGHT]
    assert feed([UP, RIGHT, RIGHT, UP, UP]) == [Button.RIGHT]


@pytest.mark.parametrize("frames", [
    [UP, LEFT, BOTH, BOTH, RIGHT, UP],  # left first, left let go first
    [UP, LEFT, BOTH, BOTH, LEFT, UP],  # left first, right let go first
    [UP, BOTH, BOTH, UP],  # both in the same instant
    [UP, BOTH, LEFT, UP],  # both at once, right let go first
], ids=["left-first", "left-first-right-up-first", "together", "together-right-up-first"])
def test_pressing_both_never_makes_the_left_button_act(frames: list[Levels]) -> None:
    assert feed(frames) == []


def test_right_first_moves_the_focus_but_the_left_button_never_acts() -> None:
    assert feed([UP, RIGHT, BOTH, BOTH, LEFT, UP]) == [Button.RIGHT]
    assert feed([UP, RIGHT, BOTH, BOTH, RIGHT, UP]) == [Button.RIGHT]


def test_presses_one_after_the_other_each_act() -> None:
    assert feed([UP, LEFT, RIGHT, UP]) == [Button.RIGHT, Button.LEFT]  # left up as right goes down
    assert feed([UP, LEFT, UP, LEFT, UP]) == [Button.LEFT, Button.LEFT]
    assert feed([UP, BOTH, UP, LEFT, UP]) == [Button.LEFT], "a chord is over once both are up"


def test_the_gesture_comes_after_five_seconds_of_both_and_once_per_hold() -> None:
    buttons = Buttons()
    buttons.update(True, True, 10.0)
    assert not buttons.gesture(10.0 + ENGINEER_HOLD_S - 0.1)
    assert buttons.gesture(10.0 + ENGINEER_HOLD_S)
    assert not buttons.gesture(20.0), "once per hold"
    buttons.update(True, False, 20.0)
    buttons.update(True, True, 21.0)
    assert not buttons.gesture(21.0 + ENGINEER_HOLD_S - 0.1), "the hold starts again"
    assert buttons.gesture(21.0 + ENGINEER_HOLD_S)
    assert buttons.update(False, False, 30.0) == ()


def held(frames: list[Levels], step_s: float = 0.1) -> list[int]:
    """The frames at which the right button's hold asks to read the screen aloud."""
    buttons = Buttons()
    asks = []
    for index, (left, right) in enumerate(frames):
        buttons.update(left, right, index * step_s)
        if buttons.read_aloud(index * step_s):
            asks.append(index)
    return asks


def test_the_right_button_held_alone_reads_aloud_once_per_hold() -> None:
    steps = round(READ_ALOUD_HOLD_S / 0.1)
    assert held([UP, *[RIGHT] * (steps + 20), UP]) == [1 + steps], "once, when the hold time is reached"
    assert held([UP, *[RIGHT] * steps, UP, *[RIGHT] * (steps + 1)]) == [2 + 2 * steps], "a release starts over"
    assert held([UP, *[RIGHT] * (steps - 2), UP, UP]) == [], "a short press only moves the focus"


def test_the_engineer_gesture_is_never_a_read_aloud() -> None:
    steps = round(READ_ALOUD_HOLD_S / 0.1)
    assert held([UP, RIGHT, *[BOTH] * (steps + 60), UP]) == []
    assert held([UP, LEFT, *[BOTH] * (steps + 60), RIGHT, *[RIGHT] * (steps + 5), UP]) == [], \
        "the right button left over from the gesture is not a new press"
