"""Scripted scenarios rendered offscreen: a PNG on every screen change, a JSON-lines log.

The station and its simulated hardware run on a fake clock in this thread, so a
40-minute session takes seconds and every run renders the same pixels.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from controller.config import Config
from controller.sim.scenario import Scenario, ScenarioError, ScenarioRunner
from controller.sim.world import World
from controller.view import StationView
from hmi.bridge import KioskBridge
from hmi.format import Formatter
from hmi.navigation import screen_name
from hmi.scene import Scene, load_fonts
from hmi.viewmodel import Kiosk


class ScreenshotWriter:
    """Presents snapshots into the scene and saves numbered PNGs."""

    def __init__(self, bridge: KioskBridge, scene: Scene, directory: Path | None) -> None:
        self.bridge = bridge
        self.scene = scene
        self.directory = directory
        self.count = 0
        self.files: list[Path] = []
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
            for old in directory.glob("[0-9][0-9][0-9]-*.png"):
                old.unlink()

    def __call__(self, view: StationView, screen: str, reason: str) -> None:
        if reason == "state":
            return
        self.bridge.present(view)
        settle()
        if self.directory is None:
            return
        self.count += 1
        path = self.directory / f"{self.count:03d}-{screen}.png"
        self.scene.window.grabWindow().save(str(path))
        self.files.append(path)


def settle() -> None:
    """Let bindings and loaders catch up (no animation runs in deterministic mode)."""
    for _ in range(3):
        QCoreApplication.processEvents()


def run_scenario(config: Config, scenario_path: Path, screenshots: Path | None, events: IO[str] | None,
                 size: tuple[int, int], csms_url: str | None = None) -> int:
    """Run ``scenario_path`` headless; returns the process exit code.  With a central system
    (``csms_url`` or ``[ocpp].url``) the station talks to it as it runs (see
    :class:`controller.sim.world.World`)."""
    try:
        scenario = Scenario.load(scenario_path)
    except ScenarioError as exc:
        print(f"evse-hmi: {exc}", file=sys.stderr)
        return 2
    if scenario.version is not None:
        config = config.with_overrides(station={"version": scenario.version})
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    load_fonts(app)  # type: ignore[arg-type]
    kiosk = Kiosk()
    kiosk.set_animated(False)  # the same pixels on every run
    scene = Scene(kiosk)
    scene.window.resize(*size)
    world = World(config, csms_url=csms_url)
    bridge = KioskBridge(kiosk, Formatter(config.station.language, config.station.time_zone), world.submit,
                         scene.translations)
    writer = ScreenshotWriter(bridge, scene, screenshots)
    runner = ScenarioRunner(world, screen_name, on_change=writer, log=events)
    try:
        runner.run(scenario)
    except ScenarioError as exc:
        print(f"evse-hmi: {scenario_path}: {exc}", file=sys.stderr)
        return 1
    finally:
        world.close()
        scene.dispose()  # before interpreter shutdown, which may free the view models first
    where = f" in {screenshots}" if screenshots else ""
    print(f"{scenario_path.name}: passed, {len(runner.screens_seen)} screens, {writer.count} screenshots{where}")
    return 0
