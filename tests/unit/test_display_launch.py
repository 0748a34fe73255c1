"""``[display]``: its checks, and the environment it turns into for each platform and rotation
(controller/display_launch.py, a pure function), with the operator's environment winning."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from controller.config import ConfigError, from_dict, load
from controller.display_config import DisplaySection
from controller.display_launch import DisplayError, display_environment

PANEL = {"width": 1024, "height": 600, "physical_width_mm": 154, "physical_height_mm": 86}


def section(**values: object) -> DisplaySection:
    """A checked section, built the way the TOML file builds it."""
    return from_dict({"display": values}).display


def launch(base_env: dict[str, str] | None = None, kiosk: bool = True, outputs: tuple[str, ...] = ("HDMI1",),
           **values: object):
    return display_environment(section(**values), kiosk, base_env or {}, outputs, "/run/kms.json")


# -- the section's checks ----------------------------------------------------------------------

def test_the_default_configuration_leaves_the_display_to_the_environment(tmp_path) -> None:
    config = load(None)
    assert config.display == DisplaySection()
    result = display_environment(config.display, kiosk=True, base_env={})
    assert (result.platform, result.environment, result.kms_config) == ("", {}, "")


@pytest.mark.parametrize(("values", "words"), [
    ({"platform": "directfb"}, "is not one of auto, eglfs, linuxfb, wayland, xcb"),
    ({"platform": "eglfs", "rotation": 45}, "is not one of 0, 90, 180, 270"),
    ({"platform": "eglfs", "width": 1024}, "give both"),
    ({"platform": "eglfs", "physical_width_mm": 154}, "give both or neither"),
    ({"platform": "eglfs", "width": 600, "height": 1024}, "portrait screen (600x1024), and the kiosk is landscape"),
    ({"platform": "eglfs", "width": 1024, "height": 600, "rotation": 90}, "set rotation so that the screen seen is "
                                                                           "landscape (0 or 180)"),
    ({"platform": "eglfs", "touch": "libinput"}, "the PySide6 wheels carry no libinput plugin"),
    ({"platform": "eglfs", "touch": "evdev:event3"}, "name the device"),
    ({"platform": "wayland", "touch": "evdev:/dev/input/event3"}, "the window system reads the touch screen"),
    ({"platform": "eglfs", "touch": "tslib"}, "is not \"auto\", \"none\""),
    ({"platform": "wayland", "output": "HDMI1"}, "only with platform = \"eglfs\""),
    ({"backlight": "intel_backlight"}, "an absolute directory"),
    ({"font_cache_dir": "cache"}, "must be an absolute directory"),
])
def test_a_display_the_kiosk_cannot_use_is_refused_with_what_to_change(values: dict, words: str) -> None:
    with pytest.raises(ConfigError, match=r"^\[display\]") as refused:
        section(**values)
    assert words in str(refused.value)


def test_a_panel_mounted_on_its_side_that_gives_a_landscape_screen_is_fine() -> None:
    mounted = section(platform="eglfs", width=600, height=1024, rotation=90)
    assert mounted.landscape_size == (1024, 600)
    assert section(platform="wayland", touch="libinput").touch == "libinput"


# -- eglfs, every rotation -----------------------------------------------------------------------

@pytest.mark.parametrize(("rotation", "mode"), [(0, "1024x600"), (90, "600x1024"), (180, "1024x600"),
                                              (270, "600x1024")])
def test_eglfs_gets_kms_the_mode_and_the_size_and_the_kiosk_turns_its_scene_for_the_rotation(
        rotation: int, mode: str) -> None:
    width, height = (int(n) for n in mode.split("x"))
    result = launch(platform="eglfs", width=width, height=height, physical_width_mm=154, physical_height_mm=86,
                    rotation=rotation)
    env = result.environment
    assert env["QT_QPA_PLATFORM"] == "eglfs" and env["QT_QPA_EGLFS_INTEGRATION"] == "eglfs_kms"
    assert (env["QT_QPA_EGLFS_PHYSICAL_WIDTH"], env["QT_QPA_EGLFS_PHYSICAL_HEIGHT"]) == ("154", "86")
    assert env["QT_QPA_EGLFS_HIDECURSOR"] == "1" and env["QT_ENABLE_HIGHDPI_SCALING"] == "0"
    # the scene turns (touch points turn with it): neither Qt's platform nor evdev is told to rotate
    assert result.scene_rotation == rotation
    assert "QT_QPA_EGLFS_ROTATION" not in env and "QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS" not in env
    assert env["QT_QPA_EGLFS_KMS_CONFIG"] == "/run/kms.json"
    assert json.loads(result.kms_config) == {"hwcursor": False, "outputs": [
        {"name": "HDMI1", "mode": mode, "physicalWidth": 154, "physicalHeight": 86}]}


@pytest.mark.parametrize("platform", ["auto", "linuxfb", "wayland", "xcb"])
@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_every_platform_takes_a_rotation_as_a_turn_of_the_kiosks_own_scene(platform: str, rotation: int) -> None:
    result = launch(platform=platform, rotation=rotation)
    assert result.scene_rotation == rotation
    assert not any("ROTATION" in name or "rotate" in value for name, value in result.environment.items())
    assert f"turns its scene {rotation} degrees clockwise" in "\n".join(result.describe())


def test_eglfs_at_the_panels_own_mode_needs_no_kms_file_and_a_named_touch_device_is_the_only_one() -> None:
    result = launch(platform="eglfs", rotation=180, touch="evdev:/dev/input/by-path/platform-ft5x06-event",
                    outputs=())
    assert result.kms_config == "" and "QT_QPA_EGLFS_KMS_CONFIG" not in result.environment
    assert result.environment["QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS"] == "/dev/input/by-path/platform-ft5x06-event"


def test_eglfs_mode_goes_to_the_configured_output_or_the_one_connected_else_it_asks_which() -> None:
    named = launch(platform="eglfs", output="DSI1", outputs=("HDMI1", "DSI1"), **PANEL)
    assert json.loads(named.kms_config)["outputs"][0]["name"] == "DSI1"
    with pytest.raises(DisplayError, match=r"connected outputs: HDMI1, DSI1\); set output"):
        launch(platform="eglfs", outputs=("HDMI1", "DSI1"), **PANEL)
    with pytest.raises(DisplayError, match="none found"):
        launch(platform="eglfs", outputs=(), **PANEL)


def test_outside_kiosk_mode_the_cursor_stays_and_the_hardware_cursor_with_it() -> None:
    result = launch(kiosk=False, platform="eglfs", **PANEL)
    assert "QT_QPA_EGLFS_HIDECURSOR" not in result.environment
    assert json.loads(result.kms_config)["hwcursor"] is True


# -- linuxfb, wayland, xcb, touch none ---------------------------------------------------------

def test_linuxfb_draws_on_drm_dumb_buffers_with_the_mode_in_the_kms_file_and_software_rendering() -> None:
    result = launch(platform="linuxfb", **PANEL)
    env = result.environment
    assert (env["QT_QPA_PLATFORM"], env["QT_QPA_FB_DRM"]) == ("linuxfb", "1")
    assert (env["QT_QPA_PHYSICAL_WIDTH"], env["QT_QPA_PHYSICAL_HEIGHT"]) == ("154", "86")
    assert (env["QT_QPA_FB_HIDECURSOR"], env["QT_QUICK_BACKEND"], env["QT_ENABLE_HIGHDPI_SCALING"]) == ("1", "software",
                                                                                                       "0")
    assert env["QT_QPA_EGLFS_KMS_CONFIG"] == "/run/kms.json", "Qt's KMS screen reads it for linuxfb too"
    assert json.loads(result.kms_config) == {"outputs": [{"name": "HDMI1", "mode": "1024x600", "physicalWidth": 154,
                                                          "physicalHeight": 86}]}
    assert "QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS" not in env


def test_linuxfb_on_the_legacy_frame_buffer_gets_its_size_and_physical_size_as_plugin_parameters() -> None:
    result = launch(platform="linuxfb", linuxfb_drm=False, **PANEL)
    assert result.environment["QT_QPA_PLATFORM"] == "linuxfb:size=1024x600:mmsize=154x86"
    assert "QT_QPA_FB_DRM" not in result.environment and result.kms_config == ""
    assert launch(platform="linuxfb", linuxfb_drm=False).environment["QT_QPA_PLATFORM"] == "linuxfb"
    with pytest.raises(ConfigError, match="only with platform"):
        section(platform="linuxfb", linuxfb_drm=False, output="HDMI1")


@pytest.mark.parametrize(("platform", "owner"), [("wayland", "compositor"), ("xcb", "X server")])
def test_under_a_window_system_only_the_platform_is_set_and_the_rest_is_said_to_be_its_job(
        platform: str, owner: str) -> None:
    result = launch(platform=platform, **PANEL)
    expected = {"QT_QPA_PLATFORM": platform}
    if platform == "wayland":
        expected["QT_WAYLAND_DISABLE_WINDOWDECORATION"] = "1"
    assert result.environment == expected and result.kms_config == ""
    assert any(owner in note and "width, height" in note for note in result.notes)


@pytest.mark.parametrize(("platform", "disable"), [("eglfs", "QT_QPA_EGLFS_DISABLE_INPUT"),
                                                   ("linuxfb", "QT_QPA_FB_DISABLE_INPUT")])
def test_touch_none_switches_the_built_in_input_off_and_keeps_the_keys(platform: str, disable: str) -> None:
    env = launch(platform=platform, touch="none").environment
    assert env[disable] == "1" and env["QT_QPA_GENERIC_PLUGINS"] == "evdevkeyboard"


# -- caches and precedence -----------------------------------------------------------------------

def test_the_caches_go_to_the_configured_directory_else_systemds_cache_directory() -> None:
    env = launch(font_cache_dir="/srv/cache/").environment
    assert env == {"XDG_CACHE_HOME": "/srv/cache", "QML_DISK_CACHE_PATH": "/srv/cache/qmlcache"}
    env = launch({"CACHE_DIRECTORY": "/var/cache/evse-hmi"}, platform="eglfs", **PANEL).environment
    assert env["XDG_CACHE_HOME"] == "/var/cache/evse-hmi"
    assert env["QML_DISK_CACHE_PATH"] == "/var/cache/evse-hmi/qmlcache"
    result = display_environment(section(platform="eglfs", **PANEL), True, {"CACHE_DIRECTORY": "/var/cache/evse-hmi"},
                                 ("HDMI1",))
    assert result.environment["QT_QPA_EGLFS_KMS_CONFIG"] == "/var/cache/evse-hmi/evse-hmi-kms.json"


def test_a_variable_the_operator_set_wins_over_the_configuration_one_by_one() -> None:
    operator = {"QT_QPA_PLATFORM": "offscreen", "QT_QPA_EGLFS_PHYSICAL_WIDTH": "155", "QT_QUICK_BACKEND": "software"}
    result = launch(operator, platform="eglfs", rotation=180, **PANEL)
    assert not set(operator) & set(result.environment)
    assert result.environment["QT_QPA_EGLFS_PHYSICAL_HEIGHT"] == "86"  # the rest still comes from [display]
    assert set(result.kept) == {"QT_QPA_PLATFORM", "QT_QPA_EGLFS_PHYSICAL_WIDTH"}  # the same value is no conflict
    assert "kept from the environment: QT_QPA_PLATFORM" in "\n".join(result.describe())


# -- real starts ---------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
SCREEN_PROBE = """
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(["probe"])
screen = app.primaryScreen()
size, mm = screen.geometry().size(), screen.physicalSize()
print(size.width(), size.height(), round(mm.width()), round(mm.height()), screen.devicePixelRatio())
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_linuxfb_parameters_are_the_ones_a_real_qt_frame_buffer_screen_takes() -> None:
    """No frame buffer here: the vnc plugin (a QFbScreen like linuxfb) parses the same ``size=``
    and ``mmsize=`` parameters, so the generated spec is given to it in a real QGuiApplication."""
    env = launch(platform="linuxfb", linuxfb_drm=False, **PANEL).environment
    spec = env["QT_QPA_PLATFORM"].replace("linuxfb", "vnc", 1) + f":port={free_port()}"
    result = subprocess.run([sys.executable, "-c", SCREEN_PROBE], capture_output=True, text=True, timeout=60,
                            env={**os.environ, **env, "QT_QPA_PLATFORM": spec}, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1024", "600", "154", "86", "1.0"]


def test_the_kiosk_prepares_the_panel_from_its_configuration_before_qt_starts(tmp_path: Path) -> None:
    """``evse-hmi --kiosk`` with an eglfs panel: the KMS file is written to the service's cache
    and the kiosk starts; here the operator's QT_QPA_PLATFORM=offscreen wins over eglfs."""
    cache = tmp_path / "cache"
    config = tmp_path / "station.toml"
    config.write_text(f'[storage]\npath = "{tmp_path / "evse.sqlite3"}"\n[simulation]\nboot_time_factor = 0.0\n'
                      '[display]\nplatform = "eglfs"\noutput = "DSI1"\nwidth = 1024\nheight = 600\n'
                      'physical_width_mm = 154\nphysical_height_mm = 86\n')
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_QUICK_BACKEND": "software", "PYTHONPATH": str(ROOT),
           "CACHE_DIRECTORY": str(cache)}
    env.pop("XDG_CACHE_HOME", None)
    env.pop("QML_DISK_CACHE_PATH", None)
    result = subprocess.run([sys.executable, "-m", "hmi.app", "--kiosk", "--config", str(config),
                             "--exit-on-screen", "initializing"], capture_output=True, text=True, timeout=120,
                            cwd=ROOT, env=env, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "first initializing frame" in result.stdout
    assert json.loads((cache / "evse-hmi-kms.json").read_text())["outputs"][0] == {
        "name": "DSI1", "mode": "1024x600", "physicalWidth": 154, "physicalHeight": 86}
    assert "QT_QPA_PLATFORM from the environment kept over [display]" in result.stderr
    assert (cache / "qmlcache").is_dir(), "the QML disk cache went to the service's cache directory"


def test_a_display_that_cannot_be_set_up_stops_the_kiosk_with_what_to_change(tmp_path: Path) -> None:
    config = tmp_path / "station.toml"
    config.write_text('[display]\nplatform = "eglfs"\nwidth = 1024\nheight = 600\n')
    result = subprocess.run([sys.executable, "-m", "hmi.app", "--kiosk", "--config", str(config)],
                            capture_output=True, text=True, timeout=60, cwd=ROOT, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert "evse-hmi: [display]: [display].output: a 1024x600 mode needs the KMS output" in result.stderr
