"""``evse-hmi display-check``: what a technician needs to see on site before the kiosk can
own the panel. Plain Python: no Qt application, nothing is drawn.

    evse-hmi display-check                              the charger's configuration
    evse-hmi display-check --config /etc/evse-hmi/config.toml
    sudo -u evse evse-hmi display-check --config ...    ... with the service user's groups

Exit status 0 when everything the configured platform needs is there, 1 when something is
missing (each such line starts with "MISSING"), 2 for a configuration error.
"""

from __future__ import annotations

import argparse
import grp
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from controller.backlight import Backlight
from controller.display_config import DisplaySection
from controller.display_launch import DisplayError, display_environment
from controller.display_probe import (
    by_path_links,
    drm_connectors,
    framebuffers,
    input_devices,
    qt_library_present,
    qt_plugins,
)

#: What eglfs_kms needs and the PySide6 6.11.3 wheels leave out (ldd libqeglfs-kms-integration.so).
EGLFS_KMS_LIBRARY = "libQt6EglFsKmsGbmSupport.so.6"
#: The groups the kiosk's devices belong to on Debian (udev's 50-udev-default.rules).
GROUPS = {"video": "/dev/fb*, the backlight (deploy/90-evse-backlight.rules)", "render": "/dev/dri/renderD*",
          "input": "/dev/input/event* (touch, keys)"}


class Report:
    """Lines for the technician, and whether anything required is missing."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.missing = 0

    def line(self, text: str = "") -> None:
        print(text, file=self.out)

    def require(self, ok: bool, text: str, missing: str) -> None:
        if ok:
            self.line(f"  ok: {text}")
        else:
            self.missing += 1
            self.line(f"  MISSING: {missing}")


def check(section: DisplaySection, out: TextIO, sys_root: Path = Path("/sys"), proc_root: Path = Path("/proc"),
          dev_root: Path = Path("/dev"), environ: Mapping[str, str] = os.environ,
          member_of: set[str] | None = None, plugins: dict[str, list[str]] | None = None,
          library_present: Callable[[str], bool] = qt_library_present) -> int:
    """Print the report for ``section`` on this board (roots and the user's groups are
    parameters for tests); the number of missing things."""
    report = Report(out)
    connectors = drm_connectors(sys_root)
    outputs = [c.qt_name for c in connectors if c.status == "connected"]
    report.line("Configuration ([display]) and what the kiosk sets before Qt starts:")
    try:
        launch = display_environment(section, kiosk=True, base_env=environ, outputs=outputs)
    except DisplayError as exc:
        report.require(False, "", str(exc))
        launch = None
    if launch is not None:
        for text in launch.describe():
            report.line(f"  {text}")
    platform = section.platform
    direct = platform in ("eglfs", "linuxfb")
    _plugins(report, platform, qt_plugins() if plugins is None else plugins, library_present)
    _outputs(report, section, connectors, framebuffers(sys_root))
    _touch(report, section, direct, proc_root, dev_root)
    _backlight(report, section, sys_root)
    _groups(report, direct, member_of)
    report.line()
    report.line("Everything the configured display needs is here." if not report.missing
                else f"{report.missing} thing(s) MISSING: the kiosk will not reach the panel as configured.")
    return report.missing


def _plugins(report: Report, platform: str, plugins: dict[str, list[str]],
             library_present: Callable[[str], bool]) -> None:
    report.line("Qt plugins in the installed PySide6:")
    for kind, names in plugins.items():
        report.line(f"  {kind}: {', '.join(names) or 'none'}")
    if platform != "auto":
        report.require(platform in plugins.get("platforms", []), f"the {platform} platform plugin",
                       f"the {platform} platform plugin is not in this PySide6")
    if platform == "eglfs":
        report.require("eglfs_kms" in plugins.get("egldeviceintegrations", []), "eglfs_kms (KMS/DRM)",
                       "eglfs_kms is not in this PySide6")
        report.require(library_present(EGLFS_KMS_LIBRARY), f"{EGLFS_KMS_LIBRARY} (eglfs_kms needs it)",
                       f"{EGLFS_KMS_LIBRARY}: eglfs_kms cannot load without it and the PySide6 wheels leave it "
                       "out; use platform = \"linuxfb\" (DRM dumb buffers) or \"wayland\" under cage")


def _outputs(report: Report, section: DisplaySection, connectors: Sequence, fbs: dict[str, str]) -> None:
    report.line("DRM connectors (/sys/class/drm):")
    for connector in connectors:
        modes = ", ".join(connector.modes[:4]) + (" ..." if len(connector.modes) > 4 else "")
        report.line(f"  {connector.card}-{connector.kernel_name} (Qt: {connector.qt_name}): {connector.status}"
                    f"{'; modes ' + modes if modes else ''}")
    if not connectors:
        report.line("  none")
    report.line("Framebuffers (/sys/class/graphics):")
    for name, text in fbs.items():
        report.line(f"  /dev/{name}: {text}")
    if not fbs:
        report.line("  none")
    if section.uses_kms:
        report.require(any(c.status == "connected" for c in connectors), "a connected DRM output",
                       "no connected DRM output (is the panel's KMS driver loaded? dmesg | grep -i drm)")
    elif section.platform == "linuxfb":
        report.require(bool(fbs), "a framebuffer", "no /dev/fb* (the KMS driver's fbdev emulation, "
                       "CONFIG_DRM_FBDEV_EMULATION; or linuxfb_drm = true)")


def _touch(report: Report, section: DisplaySection, direct: bool, proc_root: Path, dev_root: Path) -> None:
    report.line("Touch screens (/proc/bus/input/devices):")
    links = by_path_links(dev_root)
    screens = [device for device in input_devices(proc_root) if device.touch]
    for device in screens:
        names = ", ".join(links.get(event, f"/dev/input/{event}") for event in device.events)
        report.line(f"  {device.name}: {names}")
    if not screens:
        report.line("  none")
    if section.touch_device:
        report.require((dev_root / section.touch_device.removeprefix("/dev/")).exists(),
                       f"{section.touch_device}", f"{section.touch_device} does not exist")
    elif direct and section.touch == "auto":
        report.require(bool(screens), "a touch screen", "no touch screen found (a USB or I2C touch controller; "
                       "or set touch = \"none\" for a charger driven by its buttons only)")


def _backlight(report: Report, section: DisplaySection, sys_root: Path) -> None:
    report.line("Backlight (/sys/class/backlight):")
    backlight = Backlight.open(section.backlight, sys_root / "class" / "backlight")
    report.line(f"  {backlight.describe() if backlight else 'none (brightness stays as the firmware left it)'}")
    if backlight is not None:
        writable = os.access(backlight.directory / "brightness", os.W_OK)
        report.line(f"  brightness writable by this user: {'yes' if writable else 'no (udev rule, group video)'}")


def _groups(report: Report, direct: bool, member_of: set[str] | None) -> None:
    report.line("Groups (the service runs as evse with SupplementaryGroups=video render input):")
    if member_of is None:
        if os.geteuid() == 0:
            report.line("  root: every device is open to it (run as evse to check: sudo -u evse evse-hmi "
                        "display-check ...)")
            return
        member_of = {grp.getgrgid(gid).gr_name for gid in os.getgroups()} | {grp.getgrgid(os.getegid()).gr_name}
    for group, why in GROUPS.items():
        if direct:
            report.require(group in member_of, f"{group} ({why})", f"this user is not in group {group} ({why})")
        else:
            report.line(f"  {group}: {'yes' if group in member_of else 'no'} ({why})")


def main(argv: Sequence[str]) -> int:
    from controller.config import DEFAULT_CONFIG, ConfigError, load

    parser = argparse.ArgumentParser(prog="evse-hmi display-check",
                                     description="What the panel, touch screen and backlight offer the kiosk.")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="station configuration (TOML)")
    parser.add_argument("--sys", type=Path, default=Path("/sys"), help=argparse.SUPPRESS)
    parser.add_argument("--proc", type=Path, default=Path("/proc"), help=argparse.SUPPRESS)
    parser.add_argument("--dev", type=Path, default=Path("/dev"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        section = load(args.config).display
    except ConfigError as exc:
        print(f"evse-hmi display-check: configuration error: {exc}", file=sys.stderr)
        return 2
    return 1 if check(section, sys.stdout, args.sys, args.proc, args.dev) else 0
