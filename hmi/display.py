"""Where the kiosk can draw: a real display (``[display]``), or offscreen (decided before Qt is imported)."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from controller.display_config import DisplaySection
    from controller.display_launch import DisplayLaunch

#: How long the controller thread may hold the GIL while the GUI thread waits for it
#: (Python's default is 5 ms): a snapshot is presented within a millisecond of its arrival,
#: even while the controller runs the cycle that follows a driver's intent.
GIL_SWITCH_INTERVAL_S = 0.001


def use_offscreen_rendering() -> None:
    """Deterministic headless rendering: offscreen platform, software Qt Quick, DPR 1."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    os.environ["QT_ENABLE_HIGHDPI_SCALING"] = "0"
    os.environ.setdefault("QT_SCALE_FACTOR", "1")


def has_display() -> bool:
    """Whether a window can be shown here (X11 or Wayland, or an explicit platform)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and platform != "offscreen":
        return True
    if platform == "offscreen":
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def use_low_latency() -> None:
    """Frames as soon as something changes (call before the application is created).

    Where the platform has no vsync to pace frames (offscreen, the software renderer on
    X11), Qt renders a requested frame only after ``QT_QPA_UPDATE_IDLE_TIME`` (5 ms) to
    coalesce updates; the kiosk's updates come coalesced already (one presentation per
    snapshot) and animations are paced by Qt's animation timer, so that wait is only
    latency. Platforms that pace frames themselves ignore it."""
    os.environ.setdefault("QT_QPA_UPDATE_IDLE_TIME", "0")
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)


def prepare_display(section: DisplaySection, kiosk: bool, environ: MutableMapping[str, str] | None = None,
                    sys_root: Path = Path("/sys")) -> DisplayLaunch:
    """Set ``[display]``'s environment (:func:`controller.display_launch.display_environment`)
    before Qt is imported: variables already set win; a KMS mode's configuration is
    written where ``QT_QPA_EGLFS_KMS_CONFIG`` says. Raises DisplayError."""
    from controller.display_launch import display_environment
    from controller.display_probe import connected_outputs

    environ = os.environ if environ is None else environ
    outputs = connected_outputs(sys_root) if section.uses_kms and section.width else []
    launch = display_environment(section, kiosk, environ, outputs)
    for name, value in launch.environment.items():
        environ[name] = value
    if launch.kms_config and "QT_QPA_EGLFS_KMS_CONFIG" in launch.environment:
        path = Path(launch.environment["QT_QPA_EGLFS_KMS_CONFIG"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(launch.kms_config + "\n", encoding="utf-8")
    return launch
