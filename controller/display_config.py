"""``[display]``: the panel the kiosk draws on without a desktop (Qt platform, mode, size,
rotation, touch, cursor, caches, backlight), checked like every other section.

The kiosk is laid out landscape (docs/charger.md, "Bring-up"): the two physical buttons sit
under the display, left and right, and every screen puts its button hints at those edges. A
panel may be *mounted* rotated, but the screen the driver sees after the rotation must be
landscape; a portrait configuration is refused. The kiosk turns its own scene for a panel
mounted rotated (``qml/Evse/Main.qml``, ``panelRotation``), on every platform: the wheels'
linuxfb plugin cannot rotate, eglfs rotates only raster windows, and a turned scene maps the
touch points through the same turn, so the touch screen needs no rotation of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from controller.config_error import ConfigError

#: ``platform``: "auto" leaves it to the environment (a desktop window, or QT_QPA_PLATFORM).
PLATFORMS = ("auto", "eglfs", "linuxfb", "wayland", "xcb")
ROTATIONS = (0, 90, 180, 270)
#: Platforms that draw on the panel themselves (no window system): Qt reads touch from evdev.
DIRECT_PLATFORMS = ("eglfs", "linuxfb")
EVDEV_PREFIX = "evdev:"


@dataclass(frozen=True, slots=True)
class DisplaySection:
    """How the kiosk reaches the panel; every key's meaning is in config/default.toml."""

    platform: str = "auto"
    linuxfb_drm: bool = True  # linuxfb through DRM dumb buffers (page-flipped); false: the legacy /dev/fb0
    output: str = ""  # the KMS output (Qt's name: HDMI1, DSI1, ...) for a mode; "": the connected one
    width: int = 0  # the output mode in pixels; 0: the panel's preferred mode
    height: int = 0
    physical_width_mm: int = 0  # 0: unknown (the connector's EDID, if any, is used)
    physical_height_mm: int = 0
    rotation: int = 0  # how the panel is mounted, clockwise; the screen seen is always landscape
    touch: str = "auto"  # "auto", "evdev:/dev/input/by-path/...", "libinput" (wayland only), "none"
    hide_cursor: bool = True  # in kiosk mode
    font_cache_dir: str = ""  # "": Qt's and fontconfig's defaults ($XDG_CACHE_HOME or ~/.cache)
    backlight: str = "auto"  # "auto": the first /sys/class/backlight device, a directory, or "none"

    @property
    def landscape_size(self) -> tuple[int, int] | None:
        """The screen the driver sees, after the rotation (None: the mode is the panel's own)."""
        if not (self.width and self.height):
            return None
        if self.rotation in (90, 270):
            return self.height, self.width
        return self.width, self.height

    @property
    def uses_kms(self) -> bool:
        """Qt drives the output through KMS/DRM itself (eglfs, or linuxfb on dumb buffers)."""
        return self.platform == "eglfs" or (self.platform == "linuxfb" and self.linuxfb_drm)

    @property
    def touch_device(self) -> str:
        """The evdev node of ``touch = "evdev:..."`` ("" otherwise)."""
        return self.touch[len(EVDEV_PREFIX):] if self.touch.startswith(EVDEV_PREFIX) else ""

    def check(self) -> None:
        if self.platform not in PLATFORMS:
            raise ConfigError(f"[display].platform: {self.platform!r} is not one of {', '.join(PLATFORMS)}")
        if self.rotation not in ROTATIONS:
            raise ConfigError(f"[display].rotation: {self.rotation} is not one of 0, 90, 180, 270 (degrees "
                              "clockwise, how the panel is mounted)")
        for name in ("width", "height", "physical_width_mm", "physical_height_mm"):
            value = getattr(self, name)
            if not 0 <= value <= 10_000:
                raise ConfigError(f"[display].{name}: must be between 0 and 10000, got {value}")
        if bool(self.width) != bool(self.height):
            raise ConfigError("[display].width and height: give both (the output mode) or neither (0: the panel's "
                              "preferred mode)")
        if bool(self.physical_width_mm) != bool(self.physical_height_mm):
            raise ConfigError("[display].physical_width_mm and physical_height_mm: give both or neither")
        seen = self.landscape_size
        if seen is not None and seen[0] < seen[1]:
            raise ConfigError(f"[display].rotation: a {self.width}x{self.height} mode with rotation {self.rotation} "
                              f"gives a portrait screen ({seen[0]}x{seen[1]}), and the kiosk is landscape (the two "
                              f"buttons sit under the display): set rotation so that the screen seen is landscape "
                              f"({'0 or 180' if self.rotation in (90, 270) else '90 or 270'})")
        self._check_touch()
        if self.output and (not self.uses_kms or not self.output.isalnum()):
            raise ConfigError(f"[display].output: {self.output!r}: a KMS output name such as HDMI1 or DSI1, only "
                              "with platform = \"eglfs\", or \"linuxfb\" with linuxfb_drm = true")
        if self.backlight not in ("auto", "none") and not self.backlight.startswith("/"):
            raise ConfigError(f"[display].backlight: {self.backlight!r} is not \"auto\", \"none\" or an absolute "
                              "directory such as /sys/class/backlight/10-0045")
        if self.font_cache_dir and not self.font_cache_dir.startswith("/"):
            raise ConfigError(f"[display].font_cache_dir: {self.font_cache_dir!r} must be an absolute directory "
                              "(or \"\" for the default)")

    def _check_touch(self) -> None:
        if self.touch == "libinput":
            if self.platform != "wayland":
                raise ConfigError("[display].touch: \"libinput\" only with platform = \"wayland\" (the compositor "
                                  "reads touch through libinput); the PySide6 wheels carry no libinput plugin, so "
                                  "eglfs and linuxfb read touch through evdev: use \"auto\" or "
                                  "\"evdev:/dev/input/by-path/...\"")
        elif self.touch.startswith(EVDEV_PREFIX):
            if not self.touch_device.startswith("/dev/input/"):
                raise ConfigError(f"[display].touch: {self.touch!r}: name the device, e.g. "
                                  "\"evdev:/dev/input/by-path/platform-...-event\"")
            if self.platform not in DIRECT_PLATFORMS:
                raise ConfigError(f"[display].touch: an evdev device only with eglfs or linuxfb (with "
                                  f"{self.platform}, the window system reads the touch screen)")
        elif self.touch not in ("auto", "none"):
            raise ConfigError(f"[display].touch: {self.touch!r} is not \"auto\", \"none\", \"libinput\" or "
                              "\"evdev:/dev/input/...\"")
