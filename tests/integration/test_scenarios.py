"""Every shipped scenario passes, and the headless command line behaves as documented."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from controller.config import Config
from controller.sim.scenario import Scenario, ScenarioError, ScenarioRunner
from controller.sim.world import World
from hmi.navigation import screen_name

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((REPO / "scenarios").glob("*.scn"))


def run(scenario: Scenario) -> ScenarioRunner:
    config = Config()
    if scenario.version:
        config = config.with_overrides(station={"version": scenario.version})
    world = World(config)
    runner = ScenarioRunner(world, screen_name)
    try:
        runner.run(scenario)
    finally:
        world.close()
    return runner


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_shipped_scenario_passes(path: Path) -> None:
    runner = run(Scenario.load(path))
    assert runner.screens_seen[0] in ("home", "initializing")


def test_every_version_has_a_session_scenario() -> None:
    from controller.types import VERSIONS

    assert {p.stem for p in SCENARIOS} >= {f"session-{version}" for version in VERSIONS}


def test_a_waiting_expectation_that_never_comes_fails_with_its_line() -> None:
    scenario = Scenario.parse("version U00\nexpect screen home within 10s\nexpect waiting left operator within 1s\n")
    with pytest.raises(ScenarioError, match=r"line 3: expected left connector waiting for 'operator' within 1 s"):
        run(scenario)


def test_an_expectation_that_never_comes_fails_with_its_line() -> None:
    scenario = Scenario.parse("version U00\nexpect screen home within 10s\nexpect screen charging within 2s\n")
    expected = r"line 3: expected screen 'charging' within 2 s, but the screen stayed on 'home'"
    with pytest.raises(ScenarioError, match=expected):
        run(scenario)


@pytest.mark.parametrize("text,message", [
    ("fly left", "line 1: unknown command 'fly'"),
    ("plug middle", "line 1: 'middle' is not a connector"),
    ("advance soon", "line 1: 'soon' is not a duration"),
    ("tap\n", "line 1: 'tap' takes 1..1 arguments"),
    ("tap A\nversion U00", "line 2: 'version' takes one of"),
    ("fault left 23", "line 1: '23' is not a six-digit status code"),
    ("limit left lots", "line 1: 'limit <left|right|station> <watts|none>"),
    ("limit left 0 after 10m", "line 1: 'limit <left|right|station> <watts|none>"),
    ("expect waiting left bored", "line 1: 'expect waiting <side> <other_connector|psu_down|operator"),
])
def test_bad_scenarios_are_refused_with_the_line(text: str, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        run(Scenario.parse(text))


def evse_hmi(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    return subprocess.run([sys.executable, "-m", "hmi.app", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def test_command_line_runs_a_scenario_with_screenshots_and_an_event_log(tmp_path: Path) -> None:
    shots, events = tmp_path / "shots", tmp_path / "events.jsonl"
    result = evse_hmi("--scenario", "scenarios/session-U00.scn", "--screenshots", str(shots), "--events", str(events))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names[0] == "001-home.png"
    assert {"preparing", "charging", "summary"} <= {name.split("-", 1)[1][:-4] for name in names}
    records = [json.loads(line) for line in events.read_text().splitlines()]
    screens = [r["screen"] for r in records if r["event"] == "screen"]
    assert screens == ["home", "preparing", "charging", "summary", "home"]
    assert records[-1]["event"] == "done"


def test_command_line_fails_clearly_when_a_screen_never_comes(tmp_path: Path) -> None:
    scenario = tmp_path / "never.scn"
    scenario.write_text("version U00\nexpect screen charging within 3s\n")
    result = evse_hmi("--scenario", str(scenario))
    assert result.returncode == 1
    assert "line 2: expected screen 'charging' within 3 s" in result.stderr


def test_command_line_refuses_a_bad_configuration_naming_the_field(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[limits]\npsu_count = 9\n")
    result = evse_hmi("--config", str(config), "--scenario", "scenarios/invalid-card.scn")
    assert result.returncode == 2
    assert "[limits].psu_count: must be between 1 and 4, got 9" in result.stderr


def test_without_a_display_the_demo_says_so_and_runs_the_scripted_session(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    # the arguments of `make demo` (its live time factor must not leak into the scripted run)
    result = subprocess.run([sys.executable, "-m", "hmi.app", "--time-factor", "30", "--demo-csms"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "no display found" in result.stderr
    assert (tmp_path / "out/demo/J0U/events.jsonl").exists()
    assert len(list((tmp_path / "out/demo/J0U").glob("*-charging.png"))) >= 1
