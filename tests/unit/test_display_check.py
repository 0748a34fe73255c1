"""``evse-hmi display-check`` and what it reads (controller/display_probe.py), on fake /sys,
/proc and /dev trees of a board with a 7-inch DSI panel, a touch controller and a backlight."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from controller.display_check import check
from controller.display_config import DisplaySection
from controller.display_probe import connected_outputs, drm_connectors, input_devices, qt_library_present, qt_plugins

ROOT = Path(__file__).resolve().parents[2]
#: /proc/bus/input/devices: a multi-touch panel (ABS_MT_POSITION_X, bit 53), a single-touch
#: resistive screen (ABS_X and BTN_TOUCH), and a keyboard (keys only); bitmaps in 64-bit longs.
DEVICES = """I: Bus=0018 Vendor=0000 Product=0000 Version=0000
N: Name="generic ft5x06 (79)"
P: Phys=
S: Sysfs=/devices/platform/soc/fe205000.i2c/i2c-10/10-0038/input/input3
H: Handlers=mouse0 event3
B: PROP=2
B: EV=b
B: KEY=400 0 0 0 0 0
B: ABS=260800000000003

I: Bus=0019 Vendor=0001 Product=0001 Version=0100
N: Name="ADS7846 Touchscreen"
H: Handlers=mouse1 event4
B: EV=b
B: KEY=400 0 0 0 0 0
B: ABS=1000003

I: Bus=0011 Vendor=0001 Product=0001 Version=ab41
N: Name="AT Translated Set 2 keyboard"
H: Handlers=sysrq kbd event0 leds
B: EV=120013
B: KEY=402000000 3803078f800d001 feffffdfffefffff fffffffffffffffe
"""
PLUGINS = {"platforms": ["eglfs", "linuxfb", "offscreen", "wayland", "xcb"],
           "generic": ["evdevkeyboard", "evdevtouch"], "egldeviceintegrations": ["eglfs_kms"]}
ALL_GROUPS = {"evse", "video", "render", "input"}


def board(root: Path, panel: bool = True, touch: bool = True, backlight: bool = True) -> tuple[Path, Path, Path]:
    sys_root, proc_root, dev_root = root / "sys", root / "proc", root / "dev"
    drm = sys_root / "class" / "drm"
    for name, status, modes in (("card0-HDMI-A-1", "disconnected", ""),
                                ("card1-DSI-1", "connected" if panel else "disconnected", "1024x600\n800x480\n")):
        (drm / name).mkdir(parents=True)
        (drm / name / "status").write_text(f"{status}\n")
        (drm / name / "modes").write_text(modes)
    fb = sys_root / "class" / "graphics" / "fb0"
    fb.mkdir(parents=True)
    (fb / "name").write_text("vc4drmfb\n")
    (fb / "virtual_size").write_text("1024,600\n")
    (proc_root / "bus" / "input").mkdir(parents=True)
    (proc_root / "bus" / "input" / "devices").write_text(DEVICES if touch else DEVICES.split("\n\n")[2])
    by_path = dev_root / "input" / "by-path"
    by_path.mkdir(parents=True)
    (dev_root / "input" / "event3").write_text("")
    (by_path / "platform-fe205000.i2c-event").symlink_to("../event3")
    if backlight:
        device = sys_root / "class" / "backlight" / "10-0045"
        device.mkdir(parents=True)
        (device / "max_brightness").write_text("255\n")
        (device / "type").write_text("raw\n")
        (device / "brightness").write_text("255\n")
    return sys_root, proc_root, dev_root


def run_check(tmp_path: Path, display: DisplaySection, groups: set[str] = ALL_GROUPS, **parts: bool) -> tuple[int, str]:
    out = io.StringIO()
    sys_root, proc_root, dev_root = board(tmp_path, **parts)
    missing = check(display, out, sys_root, proc_root, dev_root, environ={}, member_of=groups, plugins=PLUGINS,
                    library_present=lambda name: True)
    return missing, out.getvalue()


def test_the_probe_reads_connectors_in_qts_names_and_finds_the_touch_screens(tmp_path: Path) -> None:
    sys_root, proc_root, _ = board(tmp_path)
    assert [c.qt_name for c in drm_connectors(sys_root)] == ["HDMI1", "DSI1"]
    assert connected_outputs(sys_root) == ["DSI1"]
    assert drm_connectors(sys_root)[1].modes == ("1024x600", "800x480")
    found = {device.name: device.touch for device in input_devices(proc_root)}
    assert found == {"generic ft5x06 (79)": True, "ADS7846 Touchscreen": True, "AT Translated Set 2 keyboard": False}


def test_the_installed_pyside6_carries_eglfs_kms_linuxfb_and_evdev_touch_but_no_libinput() -> None:
    plugins = qt_plugins()
    assert {"eglfs", "linuxfb", "wayland", "xcb", "offscreen"} <= set(plugins["platforms"])
    assert "eglfs_kms" in plugins["egldeviceintegrations"]
    assert "evdevtouch" in plugins["generic"] and not any("libinput" in name for name in plugins["generic"])


def test_a_ready_board_passes_and_the_report_names_what_a_technician_needs(tmp_path: Path) -> None:
    display = DisplaySection(platform="eglfs", width=1024, height=600, physical_width_mm=154, physical_height_mm=86)
    missing, text = run_check(tmp_path, display)
    assert missing == 0, text
    for line in ("QT_QPA_PLATFORM=eglfs", '"name": "DSI1"', "card1-DSI-1 (Qt: DSI1): connected; modes 1024x600, "
                 "800x480", "/dev/fb0: vc4drmfb 1024,600", "10-0045 (raw, brightness 0-255)",
                 "generic ft5x06 (79): /dev/input/by-path/platform-fe205000.i2c-event", "ADS7846 Touchscreen: "
                 "/dev/input/event4", "ok: input", "Everything the configured display needs is here."):
        assert line in text


def test_no_panel_no_touch_screen_and_missing_groups_are_each_a_missing_line(tmp_path: Path) -> None:
    missing, text = run_check(tmp_path, DisplaySection(platform="eglfs"), groups={"evse", "video"}, panel=False,
                              touch=False, backlight=False)
    assert missing == 4, text
    assert "MISSING: no connected DRM output" in text
    assert "MISSING: no touch screen found" in text
    assert "MISSING: this user is not in group render" in text and "not in group input" in text
    assert "none (brightness stays as the firmware left it)" in text
    assert text.rstrip().endswith("4 thing(s) MISSING: the kiosk will not reach the panel as configured.")


def test_eglfs_without_the_kms_library_the_wheels_leave_out_is_missing_and_linuxfb_on_drm_is_not(
        tmp_path: Path) -> None:
    sys_root, proc_root, dev_root = board(tmp_path)
    results = {}
    for platform in ("eglfs", "linuxfb"):
        out = io.StringIO()
        results[platform] = check(DisplaySection(platform=platform), out, sys_root, proc_root, dev_root, environ={},
                                  member_of=ALL_GROUPS, plugins=PLUGINS, library_present=lambda name: False)
        text = out.getvalue()
    assert results == {"eglfs": 1, "linuxfb": 0}
    assert "ok: a connected DRM output" in text, "linuxfb on DRM dumb buffers needs the DRM output"


def test_the_installed_wheels_lack_the_library_eglfs_kms_needs() -> None:
    """What the check above stands for: ``ldd libqeglfs-kms-integration.so`` says "not found"."""
    assert not qt_library_present("libQt6EglFsKmsGbmSupport.so.6")
    assert qt_library_present("libQt6EglFsKmsSupport.so.6") and qt_library_present("libQt6Gui.so.6")


def test_a_configured_touch_device_that_is_not_there_is_missing(tmp_path: Path) -> None:
    display = DisplaySection(platform="linuxfb", touch="evdev:/dev/input/by-path/platform-usb-event")
    missing, text = run_check(tmp_path, display)
    assert missing == 1 and "MISSING: /dev/input/by-path/platform-usb-event does not exist" in text


def test_display_check_is_an_evse_hmi_subcommand_with_an_exit_status(tmp_path: Path) -> None:
    config = tmp_path / "station.toml"
    config.write_text('[display]\nplatform = "eglfs"\n')
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    words = ["display-check", "--config", str(config), "--sys", str(tmp_path / "no-sys"), "--proc",
             str(tmp_path / "no-proc"), "--dev", str(tmp_path / "no-dev")]
    program = (f"import sys; from hmi.app import main; code = main({words!r}); "
               "print('PySide6 imported:', 'PySide6' in sys.modules); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60,
                            cwd=ROOT, env=env, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "MISSING: no connected DRM output" in result.stdout
    assert "platforms: " in result.stdout and "eglfs" in result.stdout
    assert "PySide6 imported: False" in result.stdout, "plain Python: the plugins are found on disk"
    config.write_text('[display]\nplatform = "linuxfb"\nwidth = 1024\nheight = 600\nrotation = 90\n')
    refused = subprocess.run([sys.executable, "-m", "hmi.app", "display-check", "--config", str(config)],
                             capture_output=True, text=True, timeout=60, cwd=ROOT, env=env, check=False)
    assert refused.returncode == 2 and "gives a portrait screen (600x1024)" in refused.stderr
