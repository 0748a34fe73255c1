"""Every failed start, in every version (J00 ... B0B), through the scenario language: the
simulated EV makes the start fail at its handshake stage with its own standard's code, the kiosk
explains it, and the driver retries without a second tap where it is safe, or is sent to the
other connector (or a call) where it is not."""

from __future__ import annotations

import pytest

from controller.sim.failed_starts import planned
from controller.sim.scenario import Scenario, ScenarioRunner
from controller.types import VERSIONS, Side, connectors_of
from tests.integration.test_scenarios import run as run_scenario

CARD = "04A1B2C3D4E5F6"
#: Each version's connectors (J0U's right is its CCS1).
SIDES = [(version, side) for version in VERSIONS for side in connectors_of(version)
         if side is Side.LEFT or version == "J0U"]


def run(text: str) -> ScenarioRunner:
    return run_scenario(Scenario.parse(text))


def start_that_fails(version: str, side: Side, failure: str) -> str:
    code = planned(failure, connectors_of(version)[side]).code
    return "\n".join([
        f"version {version}",
        "expect screen home within 10s",
        f"ev {side.label} fail {failure}",
        f"tap {CARD}",
        f"plug {side.label}",
        "expect screen startFailed within 30s",
        f"expect code {code:06d} within 1s" if code else "",
        "",
    ])


@pytest.mark.parametrize(("version", "side"), SIDES, ids=[f"{v}-{s.label}" for v, s in SIDES])
@pytest.mark.parametrize("failure", ["communication", "isolation", "precharge"])
def test_a_failed_start_is_retried_by_plugging_in_again_without_a_tap(version: str, side: Side,
                                                                      failure: str) -> None:
    runner = run(start_that_fails(version, side, failure) + "\n".join([
        f"unplug {side.label}",
        "expect screen startFailed within 2s",  # still explained: the card is kept, plug in again
        f"plug {side.label}",
        f"expect state {side.label} charging within 30s",
        "expect screen charging within 1s",
    ]))
    assert runner.screens_seen.count("startFailed") >= 1


@pytest.mark.parametrize(("version", "side"), SIDES, ids=[f"{v}-{s.label}" for v, s in SIDES])
def test_the_ev_refusing_is_tried_again_on_the_screen_with_the_cable_in(version: str, side: Side) -> None:
    run(start_that_fails(version, side, "refuse") + "\n".join([
        f"touch retry {side.label}",
        f"expect state {side.label} charging within 30s",
    ]))


@pytest.mark.parametrize("version", sorted(VERSIONS))
def test_the_ev_refusing_is_tried_again_with_the_right_button(version: str) -> None:
    run(start_that_fails(version, Side.LEFT, "refuse") + "\n".join([
        "press right",  # "Try again" on this screen, not "Switch connector"
        "expect state left charging within 30s",
    ]))


@pytest.mark.parametrize(("version", "side"), SIDES, ids=[f"{v}-{s.label}" for v, s in SIDES])
def test_a_second_isolation_failure_in_a_row_sends_the_driver_elsewhere(version: str, side: Side) -> None:
    run(start_that_fails(version, side, "isolation") + "\n".join([
        f"unplug {side.label}",
        f"ev {side.label} fail isolation",
        f"plug {side.label}",
        f"expect state {side.label} preparing within 2s",  # the first retry is allowed, without a tap
        "expect screen startFailed within 30s",
        f"unplug {side.label}",
        "expect screen home within 2s",  # nothing kept: no retry here
        f"plug {side.label}",
        "wait 3s",
        f"expect state {side.label} plugged within 1s",
    ]))
