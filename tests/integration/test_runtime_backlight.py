"""The real-time runtime drives the panel's backlight from display power (a fake sysfs
backlight directory: the kernel's files, written as the kernel would take them)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from controller.config import Config
from controller.sim.panel import build_runtime
from controller.view import StationPhase, StationView


def fake_backlight(root: Path, maximum: int = 255, level: int = 7) -> Path:
    device = root / "panel-backlight"
    device.mkdir(parents=True)
    (device / "max_brightness").write_text(f"{maximum}\n")
    (device / "brightness").write_text(f"{level}\n")
    (device / "bl_power").write_text("0\n")
    (device / "type").write_text("raw\n")
    return device


def wait_for(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


def run_until(config: Config, condition: Callable[[], bool]) -> None:
    runtime, _ = build_runtime(config)
    runtime.start()
    try:
        wait_for(condition)
    finally:
        runtime.stop()
    assert runtime.error is None


def station_config(tmp_path: Path, device: Path, **display_power: object) -> Config:
    return Config().with_overrides(
        can={"channel": f"backlight-{tmp_path.name}"}, simulation={"boot_time_factor": 0.0},
        storage={"path": ":memory:"}, display={"backlight": str(device)},
        display_power={"enabled": True, **display_power})


def brightness(device: Path) -> int:
    return int((device / "brightness").read_text())


def test_the_backlight_follows_the_day_level_once_the_station_runs(tmp_path: Path) -> None:
    device = fake_backlight(tmp_path, maximum=255)
    # "night" from 00:00 to 00:00: an empty night, so it is day whatever the time of the run
    config = station_config(tmp_path, device, day_brightness=80, night_from="00:00", day_from="00:00")
    run_until(config, lambda: brightness(device) == round(255 * 0.8))
    assert (device / "bl_power").read_text().strip() == "0"


def test_at_night_the_backlight_takes_the_night_level(tmp_path: Path) -> None:
    device = fake_backlight(tmp_path, maximum=1000)
    # night from 00:00 to 23:59 UTC: the run's minute is night unless it is 23:59 UTC
    if datetime.now(UTC).strftime("%H:%M") == "23:59":
        time.sleep(61 - datetime.now(UTC).second)
    config = station_config(tmp_path, device, night_brightness=30, night_from="00:00", day_from="23:59")
    run_until(config.with_overrides(station={"time_zone": "UTC"}), lambda: brightness(device) == 300)


def test_without_display_power_the_backlight_is_left_alone(tmp_path: Path) -> None:
    device = fake_backlight(tmp_path, level=7)
    config = station_config(tmp_path, device).with_overrides(display_power={"enabled": False})
    views: list[StationView] = []
    runtime, _ = build_runtime(config)
    runtime.subscribe(views.append)
    runtime.start()
    try:
        wait_for(lambda: any(view.phase is not StationPhase.INITIALIZING for view in views))
    finally:
        runtime.stop()
    assert brightness(device) == 7
