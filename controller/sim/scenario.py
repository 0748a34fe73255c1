"""Scripted scenarios: a small line-based language that drives a simulated station.

One command per line, ``#`` starts a comment, durations are ``500ms``, ``5s``, ``2m``
or ``1h``.  The format is documented in ``scenarios/README.md``::

    version J0U                     # must come first if present
    ev right start 20 target 80     # the next EV plugged on the right
    ev left fail isolation          # its next start fails (communication|isolation|precharge|refuse)
    tap 04A1B2C3D4E5F6              # card on the reader
    expect screen plugin within 5s
    plug right
    expect state right charging within 30s
    advance 10m
    press left                      # physical button (over CAN)
    expect screen summary
    unplug right
    expect screen home

The runner knows nothing about Qt: a ``screen_of`` function maps a snapshot to a
screen name, and an ``on_change`` callback sees every snapshot in which the screen or
a connector state changed (the headless HMI takes its screenshots there).
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import IO, Any

from controller import commands as cmd
from controller.queue import WaitReason
from controller.sim import panel
from controller.sim.failed_starts import FAILURES
from controller.sim.world import World
from controller.types import VERSIONS, AuthMethod, Side
from controller.view import StationView

DEFAULT_WAIT_S = 10.0
#: Step used for ``advance`` of more than a minute (seconds of simulated time).
LONG_STEP_S = 0.25

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(ms|s|m|h)$")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


class ScenarioError(Exception):
    """A scenario file that cannot be parsed, or an expectation that failed."""


@dataclass(frozen=True, slots=True)
class Step:
    line: int
    words: tuple[str, ...]
    text: str


def parse_duration(text: str, line: int) -> float:
    match = _DURATION.match(text)
    if not match:
        raise ScenarioError(f"line {line}: {text!r} is not a duration (use 500ms, 5s, 2m or 1h)")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse_side(text: str, line: int) -> Side:
    try:
        return Side[text.upper()]
    except KeyError:
        raise ScenarioError(f"line {line}: {text!r} is not a connector (left or right)") from None


#: Boards a ``silent`` line can switch off before start-up (to show a failed self-test).
SILENT_NODES = ("left", "right", "io", "led", "psu1", "psu2", "psu3", "psu4")


@dataclass(frozen=True, slots=True)
class Scenario:
    steps: tuple[Step, ...]
    version: str | None
    name: str
    silent: tuple[str, ...] = ()

    @classmethod
    def load(cls, path: Path | str) -> Scenario:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ScenarioError(f"{path}: cannot read scenario: {exc.strerror}") from None
        return cls.parse(text, name=path.stem)

    @classmethod
    def parse(cls, text: str, name: str = "scenario") -> Scenario:
        steps: list[Step] = []
        silent: list[str] = []
        version = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            try:
                words = tuple(shlex.split(line))
            except ValueError as exc:
                raise ScenarioError(f"line {number}: {exc}") from None
            if words[0] == "version":
                if steps or len(words) != 2 or words[1] not in VERSIONS:
                    raise ScenarioError(f"line {number}: 'version' takes one of {', '.join(VERSIONS)} "
                                        "and must be the first command")
                version = words[1]
                continue
            if words[0] == "silent":
                if steps or len(words) != 2 or words[1] not in SILENT_NODES:
                    raise ScenarioError(f"line {number}: 'silent' takes one of {', '.join(SILENT_NODES)} "
                                        "and must come before the first step")
                silent.append(words[1])
                continue
            _check(words, number)
            steps.append(Step(number, words, line))
        return cls(tuple(steps), version, name, tuple(silent))


_ARITY = {
    "tap": (1, 1), "plug": (1, 1), "unplug": (1, 1), "press": (1, 1), "touch": (1, 2),
    "ev": (3, 5), "expect": (2, 5), "advance": (1, 1), "wait": (1, 1), "estop": (1, 1), "door": (1, 1),
    "tilt": (1, 1), "fault": (2, 2), "psu": (2, 3), "ambient": (1, 1), "screenshot": (0, 0), "limit": (2, 4),
}


def _check(words: tuple[str, ...], line: int) -> None:
    verb, args = words[0], words[1:]
    if verb not in _ARITY:
        raise ScenarioError(f"line {line}: unknown command {verb!r} (known: {', '.join(sorted(_ARITY))})")
    low, high = _ARITY[verb]
    if not low <= len(args) <= high:
        raise ScenarioError(f"line {line}: {verb!r} takes {low}..{high} arguments, got {len(args)}")


ScreenOf = Callable[[StationView], str]
#: ``on_change(view, screen, reason)``; reason is "screen", "state" or "screenshot".
ChangeHook = Callable[[StationView, str, str], None]


class ScenarioRunner:
    """Executes a scenario against a :class:`World` on a fake clock."""

    def __init__(self, world: World, screen_of: ScreenOf, on_change: ChangeHook | None = None,
                 log: IO[str] | None = None) -> None:
        self.world = world
        self.screen_of = screen_of
        self.on_change = on_change
        self.log = log
        self.screen = ""
        self._states: tuple[str, ...] = ()
        self.screens_seen: list[str] = []

    # --- observation ---------------------------------------------------------------------

    def _observe(self, view: StationView) -> None:
        screen = self.screen_of(view)
        states = tuple(c.state for c in view.connectors)
        reason = "state"
        if screen != self.screen:
            self.screen = screen
            self.screens_seen.append(screen)
            self._emit("screen", screen=screen)
            reason = "screen"
        if states != self._states:
            for connector, old in zip(view.connectors, self._states or ("",) * len(states), strict=True):
                if connector.state != old:
                    self._emit("state", side=connector.side.label, state=connector.state)
            self._states = states
        if self.on_change is not None:
            self.on_change(view, screen, reason)

    def _emit(self, event: str, **fields: Any) -> None:
        if self.log is None:
            return
        record = {"t": round(self.world.clock.monotonic(), 3), "event": event, **fields}
        self.log.write(json.dumps(record) + "\n")

    def _advance(self, seconds: float, step: float | None = None) -> None:
        self.world.advance(seconds, on_step=self._observe_if_changed, step=step)

    def _observe_if_changed(self, view: StationView) -> None:
        screen = self.screen_of(view)
        states = tuple(c.state for c in view.connectors)
        if screen != self.screen or states != self._states:
            self._observe(view)

    def _wait_for(self, predicate: Callable[[StationView], bool], timeout: float, what: str, step: Step) -> None:
        waited = 0.0
        cycle = self.world.cycle_s
        while not predicate(self.world.view):
            if waited >= timeout:
                states = ", ".join(f"{c.side.label} {c.state}" for c in self.world.view.connectors)
                raise ScenarioError(f"line {step.line}: expected {what} within {timeout:g} s, "
                                    f"but the screen stayed on {self.screen!r} (connectors: {states})")
            dt = LONG_STEP_S if timeout > 60 else cycle
            self._advance(dt, step=dt)
            waited += dt

    # --- execution -----------------------------------------------------------------------

    def run(self, scenario: Scenario) -> None:
        self._emit("scenario", name=scenario.name, version=self.world.config.station.version)
        for node in scenario.silent:
            self._silence(node)
        self.world.start()
        self._observe(self.world.view)
        for step in scenario.steps:
            self._emit("step", line=step.line, command=step.text)
            self._execute(step)
            self._advance(self.world.cycle_s)
        self._emit("done", screens=self.screens_seen)

    def _silence(self, node: str) -> None:
        hardware = self.world.hardware
        if node in ("left", "right"):
            board = hardware.boards.get(Side[node.upper()])
            if board is None:
                raise ScenarioError(f"'silent {node}': this version has no {node} connector")
            board.silent = True
        elif node == "io":
            hardware.io.silent = True
        elif node == "led":
            hardware.led.silent = True
        else:
            index = int(node[3:]) - 1
            if index >= len(hardware.psus):
                raise ScenarioError(f"'silent {node}': the station has {len(hardware.psus)} PSUs")
            hardware.psus[index].silent = True

    def _execute(self, step: Step) -> None:
        verb, args = step.words[0], step.words[1:]
        line = step.line
        match verb:
            case "tap":
                self.world.submit(cmd.PresentToken(args[0], AuthMethod.RFID))
            case "plug":
                self._act(*(panel.Plug(side) for side in self._sides(args[0], line)))
            case "unplug":
                self._act(*(panel.Unplug(side) for side in self._sides(args[0], line)))
            case "press":
                if args[0] not in ("left", "right"):
                    raise ScenarioError(f"line {line}: press left or press right")
                self._act(panel.PressButton(left=args[0] == "left"))
            case "touch":
                self._touch(args, line)
            case "ev":
                self._ev(args, line)
            case "advance" | "wait":
                seconds = parse_duration(args[0], line)
                # long stretches of steady charging run in coarser steps; short waits stay exact
                self._advance(seconds, step=LONG_STEP_S if seconds > 60 else None)
            case "estop":
                self._act(panel.SetEmergencyStop(_on_off(args[0], ("press", "release"), line)))
            case "door":
                self._act(panel.SetDoorOpen(_on_off(args[0], ("open", "close"), line)))
            case "tilt":
                self._act(panel.SetTilt(_on_off(args[0], ("on", "off"), line)))
            case "fault":
                code = 0 if args[1] == "clear" else _code(args[1], line)
                self._act(panel.BoardFault(parse_side(args[0], line), code))
            case "psu":
                self._psu(args, line)
            case "ambient":
                self._act(panel.SetAmbient(float(args[0])))
            case "limit":
                self._limit(args, line)
            case "screenshot":
                if self.on_change is not None:
                    self.on_change(self.world.view, self.screen, "screenshot")
            case "expect":
                self._expect(step)

    def _act(self, *actions: panel.HardwareAction) -> None:
        """Hands on the world's simulated hardware, in order (the demo panel's actions)."""
        for action in actions:
            panel.apply(self.world.hardware, action)

    def _sides(self, word: str, line: int) -> list[Side]:
        """``left``, ``right`` or ``both`` (both in the same instant, right first)."""
        if word == "both":
            return sorted(self.world.hardware.boards, reverse=True)
        return [parse_side(word, line)]

    def _touch(self, args: tuple[str, ...], line: int) -> None:
        action = args[0]
        side = parse_side(args[1], line) if len(args) > 1 else Side.LEFT
        commands: dict[str, cmd.Command] = {
            "stop": cmd.TouchStop(side), "select": cmd.SelectSide(side), "cancel": cmd.CancelPending(),
            "dismiss": cmd.Dismiss(), "left": cmd.PressLeft(), "right": cmd.PressRight(), "retry": cmd.TryAgain(side)}
        if action not in commands:
            raise ScenarioError(f"line {line}: touch takes one of {', '.join(commands)}")
        self.world.submit(commands[action])

    def _ev(self, args: tuple[str, ...], line: int) -> None:
        side = parse_side(args[0], line)
        if args[1] == "fail":
            if len(args) != 3 or args[2] not in FAILURES:
                raise ScenarioError(f"line {line}: use 'ev <side> fail {'|'.join(FAILURES)}'")
            self._act(panel.FailNextStart(side, args[2]))
            return
        pairs = dict(zip(args[1::2], args[2::2], strict=False))
        unknown = set(pairs) - {"start", "target"}
        if unknown or len(args[1:]) % 2:
            raise ScenarioError(f"line {line}: use 'ev <side> start <soc> target <soc>'")
        try:
            start = float(pairs["start"]) if "start" in pairs else None
            target = float(pairs["target"]) if "target" in pairs else None
        except ValueError:
            raise ScenarioError(f"line {line}: SOC values must be numbers") from None
        for value in (start, target):
            if value is not None and not 0 <= value <= 100:
                raise ScenarioError(f"line {line}: SOC must be between 0 and 100")
        self._act(panel.SetNextEv(side, start_soc=start, target_soc=target))

    def _psu(self, args: tuple[str, ...], line: int) -> None:
        try:
            index = int(args[0]) - 1
        except ValueError:
            raise ScenarioError(f"line {line}: 'psu <number> fault <code>|clear'") from None
        if not 0 <= index < len(self.world.hardware.psus) or len(args) != 3 or args[1] != "fault":
            raise ScenarioError(f"line {line}: 'psu <number> fault <code>|clear' with an existing PSU")
        self._act(panel.PsuFault(index, 0 if args[2] == "clear" else _code(args[2], line)))

    def _limit(self, args: tuple[str, ...], line: int) -> None:
        """``limit <left|right|station> <watts|none> [until <duration>]``: the central system's
        smart-charging limit as the station hears it (a zero limit's end, as its schedule says)."""
        usage = f"line {line}: 'limit <left|right|station> <watts|none> [until <duration>]'"
        if len(args) not in (2, 4) or (len(args) == 4 and args[2] != "until"):
            raise ScenarioError(usage)
        side = None if args[0] == "station" else parse_side(args[0], line)
        try:
            watts = None if args[1] == "none" else float(args[1])
        except ValueError:
            raise ScenarioError(usage) from None
        if watts is not None and watts < 0:
            raise ScenarioError(usage)
        until = self.world.clock.now() + timedelta(seconds=parse_duration(args[3], line)) if len(args) == 4 else None
        self.world.port.set_external_limit(watts, side, until)

    def _expect(self, step: Step) -> None:
        args = list(step.words[1:])
        timeout = DEFAULT_WAIT_S
        if len(args) >= 2 and args[-2] == "within":
            timeout = parse_duration(args[-1], step.line)
            args = args[:-2]
        if args[0] == "screen" and len(args) == 2:
            wanted = args[1]
            self._wait_for(lambda v: self.screen_of(v) == wanted, timeout, f"screen {wanted!r}", step)
        elif args[0] == "state" and len(args) == 3:
            side = parse_side(args[1], step.line)
            wanted = args[2]
            self._wait_for(lambda v: v.connector(side).state == wanted, timeout,
                           f"{side.label} connector in state {wanted!r}", step)
        elif args[0] == "waiting" and len(args) == 3:
            side = parse_side(args[1], step.line)
            reasons = {reason.value: reason for reason in WaitReason} | {"none": None}
            if args[2] not in reasons:
                raise ScenarioError(f"line {step.line}: 'expect waiting <side> <{'|'.join(reasons)}>'")
            reason = reasons[args[2]]
            self._wait_for(lambda v: _waiting(v, side) is reason, timeout,
                           f"{side.label} connector waiting for {args[2]!r}", step)
        elif args[0] == "code" and len(args) == 2:
            wanted = args[1]
            self._wait_for(lambda v: any(c.code == wanted for c in v.codes), timeout, f"status code {wanted}", step)
        else:
            raise ScenarioError(f"line {step.line}: expect screen <name> | expect state <side> <state> | "
                                "expect code <code> | expect waiting <side> <reason|none>, optionally followed "
                                "by 'within <duration>'")


def _waiting(view: StationView, side: Side) -> WaitReason | None:
    """Why the session on ``side`` gets no power yet (None: it gets some, or there is none)."""
    waiting = view.connector(side).waiting
    return waiting.reason if waiting is not None else None


def _on_off(word: str, choices: tuple[str, str], line: int) -> bool:
    if word not in choices:
        raise ScenarioError(f"line {line}: expected {choices[0]} or {choices[1]}, got {word!r}")
    return word == choices[0]


def _code(text: str, line: int) -> int:
    if not (text.isdigit() and len(text) == 6):
        raise ScenarioError(f"line {line}: {text!r} is not a six-digit status code")
    return int(text)
