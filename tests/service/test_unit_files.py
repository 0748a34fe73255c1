"""The systemd units in deploy/: systemd's own checker accepts them, their hardening score stays
where it is, what they start is what our programs accept, and the headless controller really
runs with W^X memory (the kernel's MDWE, the same refusal as the unit's MemoryDenyWriteExecute)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hmi.app import parse_args
from tests.service.test_headless_notify import write_config

ROOT = Path(__file__).resolve().parents[2]
KIOSK_UNIT = ROOT / "deploy" / "evse-hmi.service"
HEADLESS_UNIT = ROOT / "deploy" / "evse-controller.service"
UNITS = (KIOSK_UNIT, HEADLESS_UNIT)
#: systemd-analyze security's exposure (0 safest .. 10), times ten, that each unit must not exceed
#: (measured 2.5 and 2.0 with systemd 252: the kiosk needs the display's devices and a JIT).
EXPOSURE_LIMITS = {KIOSK_UNIT: 25, HEADLESS_UNIT: 20}
needs_systemd_analyze = pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                                           reason="systemd-analyze is not installed (Debian: apt-get install systemd)")


def settings(unit: Path) -> dict[str, list[str]]:
    """Every ``Key=value`` of the unit, by key, in order (a key may repeat)."""
    found: dict[str, list[str]] = {}
    for line in unit.read_text().splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


@needs_systemd_analyze
@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_systemd_accepts_the_unit(unit: Path) -> None:
    # verify returns 0 even for an unknown key ("ignoring"): any line about the unit is a complaint
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60,
                            check=False)
    complaints = [line for line in (result.stdout + result.stderr).splitlines() if unit.name in line]
    assert result.returncode == 0 and not complaints, result.stdout + result.stderr


@needs_systemd_analyze
@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_the_hardening_score_does_not_slip(unit: Path) -> None:
    result = subprocess.run(["systemd-analyze", "security", "--offline=true", f"--threshold={EXPOSURE_LIMITS[unit]}",
                             str(unit)], capture_output=True, text=True, timeout=60, check=False)
    if "--offline" in result.stderr and "unrecognized" in result.stderr:
        pytest.skip("systemd-analyze security --offline needs systemd 250 or later")
    assert result.returncode == 0, result.stdout[-600:] + result.stderr


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_the_unit_is_a_notify_service_with_a_watchdog_run_by_the_launcher_as_evse(unit: Path) -> None:
    found = settings(unit)
    assert found["Type"] == ["notify"]
    assert found["NotifyAccess"] == ["all"], "the launcher's child does the notifying"
    assert int(found["WatchdogSec"][0]) >= 10
    assert found["Restart"] == ["on-failure"]
    assert (found["User"], found["Group"]) == (["evse"], ["evse"])
    assert found["CapabilityBoundingSet"] == [""] and found["NoNewPrivileges"] == ["yes"]
    assert found["ProtectSystem"] == ["strict"] and found["ReadWritePaths"][0] == "/opt/evse-hmi"
    assert found["ReadWritePaths"][1:] == (["-/sys/devices"] if unit == KIOSK_UNIT else [])
    command = shlex.split(found["ExecStart"][0])
    assert command[:4] == ["/usr/bin/python3", "/opt/evse-hmi/launcher.py", "--root", "/opt/evse-hmi"]
    assert "--" in command


def test_the_kiosk_unit_starts_the_kiosk_with_the_chargers_configuration() -> None:
    command = shlex.split(settings(KIOSK_UNIT)["ExecStart"][0])
    program = command[command.index("--") + 1:]
    assert program[0] == "evse-hmi"
    arguments = parse_args(program[1:])  # what evse-hmi accepts (SystemExit on an unknown option)
    assert arguments.kiosk and arguments.config == Path("/etc/evse-hmi/config.toml")
    assert settings(KIOSK_UNIT).get("MemoryDenyWriteExecute") is None, "QML's JIT maps executable memory"


def test_the_kiosk_unit_leaves_the_display_to_the_configuration_and_can_reach_the_backlight_and_a_cache() -> None:
    found = settings(KIOSK_UNIT)
    assert not [value for value in found.get("Environment", []) if value.startswith("QT_")], \
        "a QT_ variable here would win over [display] (controller/display_launch.py)"
    assert found["CacheDirectory"] == ["evse-hmi"], "fontconfig and QML caches: the user has no home"
    # /sys stays read-only but for /sys/devices, where /sys/class/backlight/* lead, and there the
    # files' permissions decide: the udev rule gives the group video brightness and bl_power
    assert found["ProtectKernelTunables"] == ["yes"] and "video" in found["SupplementaryGroups"][0].split()
    rule = (ROOT / "deploy" / "90-evse-backlight.rules").read_text()
    action = next(line for line in rule.splitlines() if line and not line.startswith("#"))
    assert 'SUBSYSTEM=="backlight"' in action and 'ACTION=="add"' in action
    assert "chgrp video /sys%p/brightness /sys%p/bl_power" in action and "chmod g+w /sys%p/brightness" in action


def test_the_headless_unit_starts_the_controller_with_the_chargers_configuration() -> None:
    command = shlex.split(settings(HEADLESS_UNIT)["ExecStart"][0])
    program = command[command.index("--") + 1:]
    assert program[:3] == ["python", "-m", "controller"]
    result = subprocess.run([sys.executable, "-m", "controller", *program[3:], "--help"], capture_output=True,
                            text=True, timeout=60, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    assert result.returncode == 0, result.stderr
    assert settings(HEADLESS_UNIT)["MemoryDenyWriteExecute"] == ["yes"]


#: prctl(2): refuse to map memory writable and executable, or to make it executable later.
PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1
UNDER_MDWE = f"""
import ctypes, runpy, sys
if ctypes.CDLL(None).prctl({PR_SET_MDWE}, {PR_MDWE_REFUSE_EXEC_GAIN}, 0, 0, 0) != 0:
    sys.exit(77)
sys.argv = ["controller.sim", *sys.argv[1:]]
runpy.run_module("controller.sim", run_name="__main__", alter_sys=True)
"""


def test_the_controller_charges_with_write_xor_execute_memory(tmp_path: Path) -> None:
    probe = subprocess.run([sys.executable, "-c", "import ctypes, sys; sys.exit(ctypes.CDLL(None).prctl("
                            f"{PR_SET_MDWE}, {PR_MDWE_REFUSE_EXEC_GAIN}, 0, 0, 0) != 0)"], timeout=30, check=False)
    if probe.returncode != 0:
        pytest.skip("the kernel has no PR_SET_MDWE (Linux 6.3 or later)")
    process = subprocess.Popen([sys.executable, "-c", UNDER_MDWE, "--config", str(write_config(tmp_path))],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert process.stdin is not None and process.stdout is not None
    try:
        states = iter(process.stdout)
        assert '"phase": "ready"' in next(line for line in states if '"ready"' in line)
        process.stdin.write("tap 04A1B2C3D4E5F6\nplug 0\n")
        process.stdin.flush()
        next(line for line in states if '"charging"' in line)  # StopIteration if the process died
        process.stdin.write("quit\n")
        process.stdin.flush()
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        process.stdin.close()
        process.stdout.close()
