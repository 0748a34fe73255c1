"""The simulator panel's power controls reach the station through the real-time runtime."""

from __future__ import annotations

from controller.config import Config
from controller.power import Limit
from controller.sim.panel import PSU_FAILURE_CODE, Plug, PsuFault, SetAmbient, SetInputVoltage, TapCard, build_runtime
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
    runtime, panel = build_runtime(config)
    assert panel is not None
    views: list[StationView] = []
    runtime.subscribe(views.append)
    runtime.start()
    try:
        wait_for(lambda: bool(views) and views[-1].phase.value == "ready")
        panel.act(TapCard(KNOWN_CARD))
        panel.act(Plug(Side.LEFT))
        wait_for(lambda: views[-1].connector(Side.LEFT).state == "charging")
        panel.act(SetAmbient(60))
        wait_for(lambda: views[-1].connector(Side.LEFT).limit is Limit.TEMPERATURE)
        assert views[-1].connector(Side.LEFT).max_power_w == 30_000
        panel.act(SetAmbient(25))
        panel.act(PsuFault(1, PSU_FAILURE_CODE))
        wait_for(lambda: any(c.code == f"0{PSU_FAILURE_CODE}" for c in views[-1].codes))
        wait_for(lambda: views[-1].connector(Side.LEFT).limit is Limit.PSU)
        panel.act(PsuFault(1, 0))
        panel.act(SetInputVoltage(380))
        wait_for(lambda: views[-1].connector(Side.LEFT).limit is Limit.INPUT)
        panel.act(SetInputVoltage(480))
        wait_for(lambda: views[-1].connector(Side.LEFT).limit is Limit.STATION)
    finally:
        runtime.stop()
    assert runtime.error is None
