"""The simulator panel's power controls reach the station through the real-time runtime."""

from __future__ import annotations

from controller.config import Config
from controller.power import Limit
from controller.runtime import PSU_FAILURE_CODE, ControllerRuntime
from controller.types import Side
from controller.view import StationView
from tests.conftest import KNOWN_CARD
from tests.integration.test_runtime import wait_for


def test_outside_temperature_grid_voltage_and_a_failed_module_from_the_panel() -> None:
    config = Config().with_overrides(
        station={"version": "U00"},
        can={"channel": "runtime-power"},
        simulation={"boot_time_factor": 0.0, "stage_seconds": 0.05},
        storage={"path": ":memory:"},
    )
    runtime = ControllerRuntime(config)
    views: list[StationView] = []
    runtime.subscribe(views.append)
    runtime.start()
    try:
        wait_for(lambda: bool(views) and views[-1].phase.value == "ready")
        runtime.simulate("tap", KNOWN_CARD)
        runtime.simulate("plug", 0)
        wait_for(lambda: views[-1].connector(Side.LEFT).state == "charging")
        runtime.simulate("ambient", 60)
        wait_for(lambda: views[-1].connector(Side.LEFT).limit is Limit.TEMPERATURE)
        assert views[-1].connector(Side.LEFT).max_power_w == 30_000
        runtime.simulate("ambient", 25)
        runtime.simulate("psu_fault", (1, True))
        wait_for(lambda: any(c.code == f"0{PSU_FAILURE_CODE}" for c in views[-1].codes))
        wait_for(lambda: views[-1].connector(Side.LEFT).limit is Limit.PSU)
        runtime.simulate("psu_fault", (1, False))
        runtime.simulate("input_voltage", 380)
        wait_for(lambda: views[-1].connector(Side.LEFT).limit is Limit.INPUT)
        runtime.simulate("input_voltage", 480)
        wait_for(lambda: views[-1].connector(Side.LEFT).limit is Limit.STATION)
    finally:
        runtime.stop()
    assert runtime.error is None
