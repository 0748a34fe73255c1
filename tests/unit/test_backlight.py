"""The backlight adapter (controller/backlight.py) against a fake /sys/class/backlight: real
files in a temporary directory, written and read back."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from controller.backlight import FB_BLANK_POWERDOWN, FB_BLANK_UNBLANK, Backlight, find_backlight


def fake_device(root: Path, name: str, kind: str = "raw", maximum: int = 255, bl_power: bool = True) -> Path:
    device = root / name
    device.mkdir(parents=True)
    (device / "max_brightness").write_text(f"{maximum}\n")
    (device / "brightness").write_text(f"{maximum}\n")
    (device / "type").write_text(f"{kind}\n")
    if bl_power:
        (device / "bl_power").write_text("0\n")
    return device


def value(device: Path, name: str) -> int:
    return int((device / name).read_text())


def test_auto_takes_firmware_before_platform_before_raw_as_the_kernel_advises_then_the_name(tmp_path: Path) -> None:
    fake_device(tmp_path, "b-raw", "raw")
    fake_device(tmp_path, "a-raw", "raw")
    assert find_backlight(tmp_path) == tmp_path / "a-raw"
    fake_device(tmp_path, "z-platform", "platform")
    assert find_backlight(tmp_path) == tmp_path / "z-platform"
    fake_device(tmp_path, "acpi_video0", "firmware")
    assert Backlight.open("auto", tmp_path).directory == tmp_path / "acpi_video0"


def test_none_no_device_or_an_unreadable_one_gives_no_backlight(tmp_path: Path, caplog) -> None:
    assert Backlight.open("none", tmp_path) is None
    assert Backlight.open("auto", tmp_path / "absent") is None
    assert Backlight.open("auto", tmp_path) is None
    broken = fake_device(tmp_path, "broken", maximum=0)
    with caplog.at_level(logging.WARNING):
        assert Backlight.open(str(broken)) is None
    assert "max_brightness 0" in caplog.text


def test_a_percent_is_scaled_to_the_devices_range_and_never_reaches_zero(tmp_path: Path) -> None:
    device = fake_device(tmp_path, "10-0045", maximum=31)
    backlight = Backlight.open(str(device))
    assert backlight is not None
    backlight.apply(100)
    assert value(device, "brightness") == 31
    backlight.apply(50)
    assert value(device, "brightness") == 16
    backlight.apply(1)
    assert value(device, "brightness") == 1, "1 % is dim, not dark"
    assert "10-0045 (raw, brightness 0-31)" in backlight.describe()


def test_zero_powers_the_backlight_down_and_any_level_powers_it_up_again(tmp_path: Path) -> None:
    device = fake_device(tmp_path, "pwm-backlight", maximum=255)
    backlight = Backlight.open(str(device))
    backlight.apply(40)
    backlight.apply(0)
    assert value(device, "bl_power") == FB_BLANK_POWERDOWN
    assert value(device, "brightness") == 102, "the level is kept for the wake-up"
    backlight.apply(40)
    assert value(device, "bl_power") == FB_BLANK_UNBLANK


def test_only_a_change_is_written(tmp_path: Path) -> None:
    device = fake_device(tmp_path, "pwm", maximum=100)
    backlight = Backlight.open(str(device))
    backlight.apply(70)
    (device / "brightness").write_text("5\n")  # someone else's write, to see whether we write again
    (device / "bl_power").write_text("1\n")
    backlight.apply(70)
    assert (value(device, "brightness"), value(device, "bl_power")) == (5, 1)
    backlight.apply(71)
    assert value(device, "brightness") == 71


def test_a_driver_without_bl_power_is_dimmed_and_its_power_down_is_a_counted_failure(tmp_path: Path) -> None:
    device = fake_device(tmp_path, "gpio", maximum=1, bl_power=False)
    backlight = Backlight.open(str(device))
    backlight.apply(30)
    assert value(device, "brightness") == 1 and backlight.failures == 0
    (device / "bl_power").mkdir()  # not a file: writing it fails the way a missing attribute would
    backlight.apply(0)
    assert backlight.failures == 1


def test_a_write_that_fails_is_logged_once_counted_every_time_and_never_raised(tmp_path: Path, caplog) -> None:
    device = fake_device(tmp_path, "intel_backlight", maximum=1000)
    backlight = Backlight.open(str(device))
    (device / "brightness").unlink()
    (device / "brightness").mkdir()  # a write fails (EISDIR) for root too
    with caplog.at_level(logging.WARNING):
        for percent in (10, 20, 30):
            backlight.apply(percent)
    assert backlight.failures == 3
    assert caplog.text.count("writing") == 1
    (device / "brightness").rmdir()  # back: the next change goes through
    backlight.apply(30)
    assert value(device, "brightness") == 300 and backlight.failures == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files (the test above fails a write for root)")
def test_a_refused_write_says_which_udev_rule_gives_access(tmp_path: Path, caplog) -> None:
    device = fake_device(tmp_path, "intel_backlight", maximum=1000)
    backlight = Backlight.open(str(device))
    (device / "brightness").chmod(0o444)  # as /sys is without the udev rule
    with caplog.at_level(logging.WARNING):
        backlight.apply(10)
    assert backlight.failures == 1 and "90-evse-backlight.rules" in caplog.text


def test_a_device_that_went_away_is_a_counted_failure(tmp_path: Path) -> None:
    device = fake_device(tmp_path, "usb-panel", maximum=10)
    backlight = Backlight.open(str(device))
    for name in ("brightness", "max_brightness", "type", "bl_power"):
        (device / name).unlink()
    device.rmdir()
    backlight.apply(50)
    assert backlight.failures == 1
