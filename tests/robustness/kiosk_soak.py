"""Kiosk soak: the real kiosk scene (World on a fake clock + bridge + QML scene, offscreen, the
UI rig's way, with Home and the notice banner preloaded as the kiosk does) through simulated
days of idle and charging, measured as it goes.

First a warm-up shows everything the run will show (every language, every screen, each
fault). Then each simulated day brings visits at random times between 6:00 and 22:00: sessions
on both connectors (some side by side), started by card, stopped by the card, the Stop key or
the EV being full; some with an EV fault, an emergency stop or the door opened; invalid
cards; a driver's language picked on the picker by touch; the right key switching between
the connectors' screens; and long idle stretches on Home between them. The snapshots are
presented at a realistic rate: every two simulated seconds while charging, every second
around starts and stops and on every screen change, every simulated minute while the
charger idles; what QML lets go is deleted as the kiosk's event loop would.

It samples at the start, after the warm-up and a few times a simulated day (always on Home,
nothing plugged, the default language): RSS and its anonymous part (the heap), CPU time of
the process, live QObjects of the scene (the window's, the QML engine's and the
application's object trees), PySide wrappers and all Python objects the garbage collector
tracks, open files and threads (the process's, Qt's included). :func:`flatness` says
whether those stayed flat after the warm-up (``FLAT_*`` below; README, "Robustness figures").

``python -m tests.robustness.kiosk_soak`` (``make soak-kiosk``) runs a simulated week and prints
the figures (exit status 1 when not flat); ``tests/robustness/test_kiosk_soak.py`` runs a short
form of it as a process of its own (its memory is then the kiosk's alone).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import logging
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtQuick import QQuickWindow
from shiboken6 import Shiboken

from controller import commands as cmd
from controller.fault_policy import Action, action_for
from controller.types import Side
from controller.view import StationView
from tests.robustness.invariants import KNOWN_CARDS
from tests.ui.rig import KioskRig

#: Not on the allow-list: "Invalid card".
UNKNOWN_CARD = "0455AA0F19FE21"
#: The language picker's options, by their own names (the same in every UI language).
LANGUAGE_NAMES = {"en-US": "English", "es-US": "Español", "fr-CA": "Français", "zh-TW": "繁體中文",
                  "zh-CN": "简体中文", "ja-JP": "日本語"}
DAY_S = 24 * 3600.0
_LIBC = ctypes.CDLL("libc.so.6")
IDLE_STEP_S = 60.0  # presented once a simulated minute on an idle Home
SESSION_STEP_S = 2.0  # presented every two simulated seconds while charging

#: Flat after the warm-up (a scripted visit that shows everything the run will show: every
#: language, every screen, the notice, each fault): the scene's QObjects, open files and
#: threads do not move at all (every sample is taken in the same state: Home, nothing
#: plugged, the default language); over the last third of the samples the heap (anonymous
#: RSS: RSS less the pages of mapped files, the fonts among them, which grow as more glyphs
#: are drawn and are no leak; measured after Python's and QML's garbage collections and
#: malloc_trim) grows by less than this ...
FLAT_RSS_GROWTH = 0.02
#: ... the Python objects the garbage collector tracks, and the PySide wrappers among them,
#: by less than this ...
FLAT_PY_OBJECTS_GROWTH = 0.01
#: ... and the CPU time per session of the last third is at most this times the middle third's.
FLAT_CPU_RATIO = 1.5


@dataclass(frozen=True)
class Sample:
    label: str
    sim_hours: float
    sessions: int
    rss_kib: int
    anon_kib: int  # RssAnon: the heap and other anonymous memory (RSS less mapped files: fonts, libraries)
    cpu_s: float
    qobjects: int
    wrappers: int
    py_objects: int
    open_files: int
    threads: int

    def line(self) -> str:
        return (f"{self.label:>8} {self.sim_hours:7.1f} h {self.sessions:4d} sessions"
                f"  RSS {self.rss_kib / 1024:6.1f} MiB (anonymous {self.anon_kib / 1024:6.1f})"
                f"  CPU {self.cpu_s:7.1f} s  QObjects {self.qobjects:5d}  PySide wrappers {self.wrappers:5d}"
                f"  Python objects {self.py_objects:7d}  files {self.open_files:3d}  threads {self.threads:3d}")


@dataclass
class KioskSoakFigures:
    samples: list[Sample] = field(default_factory=list)
    sessions: int = 0
    faults: int = 0
    invalid_cards: int = 0
    language_changes: int = 0
    connector_switches: int = 0
    power_cycles: int = 0
    screens: Counter[str] = field(default_factory=Counter)  # screen changes presented, by screen
    presented: int = 0
    seconds: float = 0.0
    wake_ups: int = 0  # a driver's first touch or press on a dimmed or dark screen (display power)
    looks: Counter[str] = field(default_factory=Counter)  # display power's looks shown: glance, attract, ...


def sample(label: str, rig: KioskRig, figures: KioskSoakFigures, sim_s: float) -> Sample:
    rig.scene.engine.collectGarbage()  # the QML engine's JavaScript heap, as gc.collect() is Python's
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    _LIBC.malloc_trim(0)  # memory freed but kept by malloc is no growth: RSS is then what is held
    window, engine = rig.window, rig.scene.engine
    qobjects = live_qobjects(window, engine)
    gc.collect()
    objects = gc.get_objects()
    wrappers = [o for o in objects if type(o).__module__.startswith(("PySide6", "shiboken6"))]
    # Not counted: wrappers of deleted objects that this count itself leaves behind (shiboken
    # keeps a wrapper made by findChildren() for as long as its parent's wrapper lives; 21 for
    # each language picker replaced). The kiosk makes no such wrappers.
    dead = sum(1 for o in wrappers if isinstance(o, Shiboken.Object) and not Shiboken.isValid(o))
    taken = Sample(label, sim_s / 3600, figures.sessions, _status_kib("VmRSS"), _status_kib("RssAnon"),
                   time.process_time(), qobjects, len(wrappers) - dead, len(objects) - dead,
                   len(os.listdir("/proc/self/fd")), len(os.listdir("/proc/self/task")))
    del objects
    figures.samples.append(taken)
    return taken


def live_qobjects(window: QQuickWindow, engine: QObject) -> int:
    """The scene's QObjects: the window's, the engine's and the application's object trees and
    every item of the visual tree with its own QObject children (a Loader's screen, its
    handlers, ...)."""
    roots = (window, engine, QCoreApplication.instance())
    seen = {id(o): o for root in roots for o in (root, *root.findChildren(QObject))}
    stack = [window.contentItem()]
    while stack:
        item = stack.pop()
        for obj in (item, *item.findChildren(QObject)):
            seen.setdefault(id(obj), obj)
        stack.extend(item.childItems())
    return len(seen)


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(f"{field}:"))


class KioskDriver:
    """The rig driven like a charger's day: presents at a realistic rate and counts what it showed."""

    def __init__(self, rig: KioskRig, rng: random.Random, figures: KioskSoakFigures,
                 charge_minutes: tuple[float, float] = (15.0, 50.0)) -> None:
        self.rig = rig
        self.charge_minutes = charge_minutes
        self.world = rig.world
        self.rng = rng
        self.figures = figures
        self._screen = ""
        self._look = ""
        self.cards: dict[Side, str] = {}  # the card that started each connector's session

    @property
    def now(self) -> float:
        return self.world.clock.monotonic()

    def present(self, _view: StationView | None = None) -> None:
        """Show the latest snapshot; then, as the kiosk's event loop would, delete what QML let go."""
        self.rig.present()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.figures.presented += 1
        screen = str(self.rig.screen)
        if screen != self._screen:
            self._screen = screen
            self.figures.screens[screen] += 1
        look = str(self.rig.kiosk.value("displayLook"))
        if look != self._look:
            self._look = look
            self.figures.looks[look] += 1

    def run(self, seconds: float, step: float | None = None) -> None:
        """``seconds`` of simulated time; presented every ``step`` (every controller cycle when None)."""
        if step is None:
            self.world.advance(seconds, on_step=self._every_second())
        else:
            self.world.advance(seconds, on_step=self.present, step=step)

    def _every_second(self) -> Callable[[StationView], None]:
        last = [self.now]

        def on_step(_view: StationView) -> None:
            if self.now - last[0] >= 1.0 or str(self.rig.screen) != self._screen:
                last[0] = self.now
                self.present()
        return on_step

    def until(self, predicate: Callable[[StationView], bool], timeout: float) -> bool:
        """Cycle by cycle until ``predicate(view)``, presenting every second and every screen change."""
        on_step = self._every_second()
        waited = 0.0
        while not predicate(self.world.view):
            if waited >= timeout:
                return False
            self.world.advance(self.world.cycle_s, on_step=on_step)
            waited += self.world.cycle_s
        self.present()
        return True

    def state(self, side: Side) -> str:
        return self.world.view.connector(side).state

    # --- what drivers do ---------------------------------------------------------------

    def idle(self, seconds: float) -> None:
        self.run(seconds, IDLE_STEP_S)

    def tap(self, token: str) -> None:
        self.world.station.submit(cmd.PresentToken(token))
        self.run(0.2)

    def key(self, key: Qt.Key) -> None:
        """A button: on a dimmed or dark screen the driver's first press only wakes it (display
        power), so they press again, as they would."""
        if self.dark():
            self.rig.key(key)
            self.figures.wake_ups += 1
        self.rig.key(key)
        self.figures.presented += 1

    def dark(self) -> bool:
        return self.rig.kiosk.value("displayLevel") != "awake"

    def wake(self) -> None:
        """A touch on a dimmed or dark screen: it only wakes it."""
        if self.dark():
            self.rig.touch_point(self.rig.window.width() // 2, self.rig.window.height() // 2)
            self.figures.wake_ups += 1

    def pick_language(self, tag: str) -> None:
        """On Home: the language button, then the language's name on the picker (touches)."""
        self.wake()
        self.rig.touch(str(self.rig.kiosk.value("languageName")))
        self.rig.touch(LANGUAGE_NAMES[tag])
        self.figures.language_changes += 1
        self.run(0.5)

    def start(self, side: Side) -> bool:
        """A known card, then the cable in ``side``: True once it charges."""
        if self.world.view.focused is not side:
            self.key(Qt.Key.Key_Right)  # the right button: the other connector
            self.figures.connector_switches += 1
        self.world.hardware.set_next_ev(side, start_soc=self.rng.uniform(10, 60), target_soc=self.rng.uniform(70, 95))
        self.cards[side] = self.rng.choice(KNOWN_CARDS)
        self.tap(self.cards[side])
        self.run(self.rng.uniform(2, 20))  # walking to the cable
        self.world.hardware.plug(side)
        return self.until(lambda v: v.connector(side).state == "charging", 120)

    def stop(self, side: Side) -> None:
        """The same card, the Stop key or nothing (the EV is full or charges on); then the summary
        for a while, the cable out, Home."""
        connector = self.world.view.connector(side)
        roll = self.rng.random()
        if connector.state == "charging" and roll < 0.4:
            self.tap(self.cards[side])
        elif connector.state == "charging" and roll < 0.8:
            if self.world.view.focused is not side:
                self.key(Qt.Key.Key_Right)
                self.figures.connector_switches += 1
            self.key(Qt.Key.Key_Left)  # Stop
        else:  # the driver waits: the EV stops by itself when full (within three hours)
            self.charge([side], 180)
        self.until(lambda v: v.connector(side).state not in ("charging", "stopping", "preparing"), 600)
        self.run(self.rng.uniform(10, 120), 1.0)  # the driver reads the summary
        self.world.hardware.unplug(side)
        self.until(lambda v: v.connector(side).state == "available", 60)

    def trouble(self, side: Side) -> None:
        """Now and then an EV fault, an emergency stop or the door: on, a while, off."""
        roll = self.rng.random()
        hardware = self.world.hardware
        if roll < 0.06:
            hardware.inject_fault(side, 23701)
        elif roll < 0.09:
            hardware.set_emergency_stop(True)
        elif roll < 0.12:
            hardware.set_door_open(True)
        else:
            return
        self.figures.faults += 1
        self.run(self.rng.uniform(2, 30))
        hardware.set_emergency_stop(False)
        hardware.set_door_open(False)
        hardware.inject_fault(side, 0)
        self.run(2.0)

    def charge(self, sides: list[Side], minutes: float) -> None:
        """Sessions on ``sides`` charge ``minutes`` side by side, the right key now and then."""
        end = self.now + minutes * 60
        while self.now < end and any(self.state(side) == "charging" for side in sides):
            self.run(min(300.0, end - self.now), SESSION_STEP_S)
            if len(sides) > 1 and self.rng.random() < 0.3:
                self.key(Qt.Key.Key_Right)
                self.figures.connector_switches += 1

    def visit(self) -> None:
        """One visit: one session, or two side by side, with what drivers do around them."""
        rng = self.rng
        if rng.random() < 0.15:
            self.tap(UNKNOWN_CARD)  # someone's hotel key card
            self.figures.invalid_cards += 1
            self.run(6.0)
        if rng.random() < 0.3:
            self.pick_language(rng.choice([tag for tag in LANGUAGE_NAMES if tag != self.world.view.language]))
        sides = [rng.choice(list(Side))]
        if rng.random() < 0.3:
            sides = list(Side)
        started = [side for side in sides if self.start(side)]
        self.figures.sessions += len(started)
        if started:
            self.trouble(started[0])
            self.charge(started, rng.uniform(*self.charge_minutes))
        for side in sides:
            self.stop(side)
        self.home()

    def warm_up(self) -> None:
        """Everything the run will show, once: in every language (so that every screen's glyphs
        are drawn in each font) an invalid card, two sessions side by side, and one of an EV
        fault, an emergency stop and the door; then Home."""
        hardware = self.world.hardware
        troubles = [lambda on: hardware.inject_fault(Side.LEFT, 23701 if on else 0),
                    hardware.set_emergency_stop, hardware.set_door_open]
        for number, tag in enumerate((*LANGUAGE_NAMES, "en-US")):
            if tag != self.world.view.language:
                self.pick_language(tag)
            self.tap(UNKNOWN_CARD)
            self.figures.invalid_cards += 1
            self.run(6.0)
            sides = list(Side)
            started = [side for side in sides if self.start(side)]
            self.figures.sessions += len(started)
            self.charge(started, 2)
            trouble = troubles[number % len(troubles)]
            trouble(True)
            self.figures.faults += 1
            self.run(10.0)
            trouble(False)
            self.run(2.0)
            for side in sides:
                self.stop(side)
            self.home()
        self.idle(600)

    def home(self) -> None:
        """Back to Home, nothing plugged, nothing latched (a technician power-cycles a latched fault)."""
        for side in Side:
            self.world.hardware.unplug(side)
        self.run(3.0)
        if any(action_for(code.code) is Action.OUT_OF_SERVICE for code in self.world.view.codes):
            self.figures.power_cycles += 1
            self.world.restart()
            self.world.start()
        self.until(lambda v: all(c.state == "available" for c in v.connectors) and v.pending is None, 120)


def kiosk_soak(days: int = 7, visits_per_day: int = 12, seed: int = 1, progress: bool = False,
               charge_minutes: tuple[float, float] = (15.0, 50.0), samples_per_day: int = 1,
               display_power: bool = True) -> KioskSoakFigures:
    """Run the kiosk scene through ``days`` simulated days of about ``visits_per_day`` visits
    each (half to one and a half times as many), each session charging ``charge_minutes``;
    sampled at the start and ``samples_per_day`` times a day (after a visit, back on Home; the
    last one at the end of the day). ``display_power``: as on the charger (tools/install-charger
    turns it on), Home dims and shows the attract screen between visits, sessions dim to the
    glance, and a driver's first touch or press on a dark screen only wakes it."""
    _application()
    figures = KioskSoakFigures()
    rng = random.Random(seed)
    started = time.monotonic()
    rig = KioskRig("J0U", display_power={"enabled": display_power})
    rig.scene.preload()  # as the kiosk does after its first frame (Home, the notice banner made ahead)
    rig.start()
    driver = KioskDriver(rig, rng, figures, charge_minutes)
    origin = driver.now
    try:
        driver.present()
        _report(sample("start", rig, figures, 0.0), progress)
        driver.warm_up()
        _report(sample("warm", rig, figures, driver.now - origin), progress)
        for day in range(1, int(days) + 1):
            day_end = origin + day * DAY_S
            visits = sorted(rng.uniform(day_end - DAY_S + 6 * 3600, day_end - 2 * 3600)
                            for _ in range(rng.randint(visits_per_day // 2, visits_per_day * 3 // 2)))
            sample_after = {len(visits) * k // samples_per_day for k in range(1, samples_per_day)}
            for number, at in enumerate(visits, 1):
                if at > driver.now:
                    driver.idle(at - driver.now)
                driver.visit()
                if number in sample_after:
                    driver.idle(IDLE_STEP_S)
                    _report(sample(f"day {day}.{number}", rig, figures, driver.now - origin), progress)
            driver.idle(max(0.0, day_end - driver.now))
            _report(sample(f"day {day}", rig, figures, driver.now - origin), progress)
    finally:
        rig.close()
    figures.seconds = time.monotonic() - started
    return figures


def flatness(figures: KioskSoakFigures, memory_growth: float = FLAT_RSS_GROWTH) -> list[str]:
    """What did not stay flat after the warm-up (empty: all flat); see the ``FLAT_*`` figures.

    The samples are [start, warm, ...]: the scene's QObjects, open files and threads must not
    move from "warm" on; the heap (anonymous RSS), Python objects and PySide wrappers must grow
    by less than their bound over the last third of the samples (its first to the last one);
    the CPU time per session of the last third must stay within a factor of the middle third's."""
    samples = figures.samples
    assert len(samples) >= 5, "start, warm and three more samples at least"
    measured = samples[1:]
    middle, last = measured[len(measured) // 3: 2 * len(measured) // 3 + 1], measured[2 * len(measured) // 3:]
    problems = []
    for name in ("qobjects", "open_files", "threads"):
        values = [getattr(s, name) for s in measured]
        if max(values) != min(values):
            problems.append(f"{name} moved after the warm-up: {values}")
    for name, limit in (("anon_kib", memory_growth), ("py_objects", FLAT_PY_OBJECTS_GROWTH),
                        ("wrappers", FLAT_PY_OBJECTS_GROWTH)):
        before, after = getattr(last[0], name), getattr(last[-1], name)
        if after > before * (1 + limit):
            problems.append(f"{name} grew {before} -> {after} ({after / before - 1:+.1%}) in the last third")
    cpu_middle, cpu_last = _cpu_per_session(middle), _cpu_per_session(last)
    if cpu_middle and cpu_last > cpu_middle * FLAT_CPU_RATIO:
        problems.append(f"CPU per session {cpu_middle * 1000:.0f} -> {cpu_last * 1000:.0f} ms")
    return problems


def _cpu_per_session(samples: list[Sample]) -> float:
    sessions = samples[-1].sessions - samples[0].sessions
    return (samples[-1].cpu_s - samples[0].cpu_s) / sessions if sessions > 0 else 0.0


def _application() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    from PySide6.QtWidgets import QApplication

    from hmi.scene import load_fonts

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        load_fonts(app)  # type: ignore[arg-type]


def _report(taken: Sample, progress: bool) -> None:
    if progress:
        print(taken.line(), flush=True)


def print_figures(f: KioskSoakFigures, memory_growth: float = FLAT_RSS_GROWTH) -> None:
    print(f"simulated {f.samples[-1].sim_hours / 24:.1f} days in {f.seconds:.0f} s: {f.sessions} sessions, "
          f"{f.faults} faults, {f.invalid_cards} invalid cards, {f.language_changes} languages picked, "
          f"{f.connector_switches} connector switches, {f.power_cycles} power cycles, "
          f"{f.presented} snapshots presented")
    print("screens shown: " + ", ".join(f"{screen} {n}" for screen, n in f.screens.most_common()))
    print(f"display power: {f.wake_ups} wake-up touches or presses; looks shown: "
          + ", ".join(f"{look} {n}" for look, n in f.looks.most_common()))
    problems = flatness(f, memory_growth)
    print("flat after the warm-up" if not problems else "NOT FLAT: " + "; ".join(problems))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The kiosk scene through simulated days; prints its figures.")
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--visits-per-day", type=int, default=18)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--samples-per-day", type=int, default=2)
    parser.add_argument("--memory-growth", type=float, default=FLAT_RSS_GROWTH,
                        help="the heap's growth allowed over the last two thirds (a short run's caches still fill)")
    parser.add_argument("--charge-minutes", type=float, nargs=2, default=(15.0, 50.0), metavar=("MIN", "MAX"),
                        help="how long a session charges before its driver stops it (or waits for a full EV)")
    parser.add_argument("--no-display-power", action="store_true",
                        help="keep the screen awake (the desktop's default) instead of the charger's display power")
    arguments = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # the station's log of a week; the figures are what counts
    print("   label   simulated    sessions ...")
    figures = kiosk_soak(arguments.days, arguments.visits_per_day, arguments.seed, progress=True,
                         charge_minutes=tuple(arguments.charge_minutes), samples_per_day=arguments.samples_per_day,
                         display_power=not arguments.no_display_power)
    print_figures(figures, arguments.memory_growth)
    return 1 if flatness(figures, arguments.memory_growth) else 0


if __name__ == "__main__":
    sys.exit(main())
