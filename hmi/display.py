"""Where the kiosk can draw: a real display, or offscreen (decided before Qt is imported)."""

from __future__ import annotations

import os


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
