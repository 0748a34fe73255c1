"""``[display]`` -> the environment Qt reads before its application starts (a pure function).

Everything is said through environment variables, which Qt reads when the application is
created (``QT_QPA_PLATFORM`` carries a platform's parameters: ``linuxfb:size=1024x600:...``),
so :mod:`hmi.desktop` creates its application as before. A variable already in the
environment wins over the configuration, one by one (a technician's
``QT_QPA_PLATFORM=linuxfb evse-hmi --kiosk`` is a quick experiment that needs no edit);
:attr:`DisplayLaunch.kept` lists them.

What each platform gets (docs/charger.md, "Bring-up on an ARM board"):

- **eglfs** (KMS/DRM, OpenGL ES): the ``eglfs_kms`` integration; the physical size. The
  PySide6 6.11.3 wheels lack the library eglfs_kms needs (libQt6EglFsKmsGbmSupport.so.6):
  ``evse-hmi display-check`` says so;
- **linuxfb** (software rendering): by default through DRM dumb buffers (``QT_QPA_FB_DRM``,
  page-flipped), otherwise the legacy ``/dev/fb0`` with ``size=`` and ``mmsize=``
  parameters;
- eglfs, and linuxfb on DRM: a mode other than the panel's own through a KMS configuration
  file (its JSON is returned, the caller writes it where ``QT_QPA_EGLFS_KMS_CONFIG`` says);
- both: evdev touch (``QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS``, the device), no cursor,
  device pixel ratio 1 (the layout scales itself from its 1024x600 design to the window, in
  panel pixels, exactly as the screenshot tests render it);
- **wayland**, **xcb**: the platform only; mode, cursor and touch are the window system's.

The rotation is not Qt's on any platform: the kiosk turns its own scene
(:attr:`DisplayLaunch.scene_rotation`, ``panelRotation`` in ``Main.qml``), which turns the
touch points with it, so neither the platform nor the touch screen is told to rotate (a
compositor's output must stay unrotated, or the turn happens twice).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from controller.display_config import DisplaySection

#: Qt's KMS/DRM integration for eglfs (the wheels also carry eglfs_kms_egldevice, for NVIDIA).
EGLFS_INTEGRATION = "eglfs_kms"


class DisplayError(ValueError):
    """The display cannot be set up as configured (the message says what to change)."""


@dataclass(frozen=True, slots=True)
class DisplayLaunch:
    """What the kiosk sets before Qt starts."""

    platform: str  # the Qt platform plugin the configuration asks for ("" : the environment's choice)
    environment: dict[str, str] = field(default_factory=dict)  # to set; none of them is set already
    kms_config: str = ""  # eglfs: the JSON for the file named by QT_QPA_EGLFS_KMS_CONFIG ("": none)
    kept: tuple[str, ...] = ()  # variables the environment set already, kept over the configuration
    notes: tuple[str, ...] = ()  # what the configuration leaves to others (the compositor, the kernel)
    scene_rotation: int = 0  # degrees clockwise the kiosk turns its scene (Main.qml's panelRotation)

    def describe(self) -> list[str]:
        """Lines for a technician (``evse-hmi display-check``)."""
        lines = [f"platform: {self.platform or 'the environment decides (QT_QPA_PLATFORM, DISPLAY, WAYLAND_DISPLAY)'}"]
        lines += [f"  {name}={value}" for name, value in sorted(self.environment.items())]
        if self.kms_config:
            lines.append(f"  KMS configuration: {self.kms_config}")
        lines += [f"  kept from the environment: {name}" for name in self.kept]
        if self.scene_rotation:
            lines.append(f"  the kiosk turns its scene {self.scene_rotation} degrees clockwise (touch turns with it)")
        lines += [f"  note: {note}" for note in self.notes]
        return lines


def display_environment(section: DisplaySection, kiosk: bool, base_env: Mapping[str, str],
                        outputs: Sequence[str] = (), kms_config_path: str = "") -> DisplayLaunch:
    """The environment for ``section`` (``kiosk``: the cursor is hidden), given the current
    environment ``base_env`` (whose variables win), the connected KMS ``outputs`` in Qt's
    names (``HDMI1``; only needed for a KMS mode without ``[display].output``) and where
    the caller will write the KMS configuration (default: in the cache, else ``/tmp``)."""
    wanted: dict[str, str] = {}
    notes: list[str] = []
    kms_config = ""
    cache = cache_directory(section, base_env)
    if cache:
        wanted["XDG_CACHE_HOME"] = cache  # fontconfig: $XDG_CACHE_HOME/fontconfig
        wanted["QML_DISK_CACHE_PATH"] = f"{cache}/qmlcache"
    platform = "" if section.platform == "auto" else section.platform
    if platform == "eglfs":
        _eglfs(section, kiosk, wanted)
    elif platform == "linuxfb":
        _linuxfb(section, kiosk, wanted)
    elif platform:
        wanted["QT_QPA_PLATFORM"] = platform
        if platform == "wayland" and kiosk:
            wanted["QT_WAYLAND_DISABLE_WINDOWDECORATION"] = "1"
        if section.width or section.physical_width_mm:
            notes.append(f"width, height and the physical size are the {_WINDOW_SYSTEM[platform]}'s, not set here")
        notes.append(f"the cursor and the touch screen are the {_WINDOW_SYSTEM[platform]}'s")
    if platform == "eglfs" or (platform == "linuxfb" and section.linuxfb_drm):
        kms_config = _kms_config(section, outputs, hwcursor=not (kiosk and section.hide_cursor)
                                 if platform == "eglfs" else None)
        if kms_config:  # linuxfb reads QT_QPA_EGLFS_KMS_CONFIG too (QKmsScreenConfig)
            wanted["QT_QPA_EGLFS_KMS_CONFIG"] = kms_config_path or f"{cache or '/tmp'}/evse-hmi-kms.json"
    if platform in ("eglfs", "linuxfb"):
        wanted["QT_ENABLE_HIGHDPI_SCALING"] = "0"  # panel pixels: the layout scales itself
        _touch(section, platform, wanted)
    environment = {name: value for name, value in wanted.items() if name not in base_env}
    kept = tuple(name for name in wanted if name in base_env and base_env[name] != wanted[name])
    return DisplayLaunch(platform, environment, kms_config, kept, tuple(notes), section.rotation)


def cache_directory(section: DisplaySection, base_env: Mapping[str, str]) -> str:
    """Where the font and QML caches go: ``[display].font_cache_dir``, else systemd's
    ``CacheDirectory=`` (``$CACHE_DIRECTORY``: /var/cache/evse-hmi), else "" (the defaults)."""
    chosen = section.font_cache_dir or base_env.get("CACHE_DIRECTORY", "").split(":")[0]
    return chosen.rstrip("/") if chosen != "/" else chosen


_WINDOW_SYSTEM = {"wayland": "compositor", "xcb": "X server"}


def _eglfs(section: DisplaySection, kiosk: bool, wanted: dict[str, str]) -> None:
    wanted["QT_QPA_PLATFORM"] = "eglfs"
    wanted["QT_QPA_EGLFS_INTEGRATION"] = EGLFS_INTEGRATION
    if kiosk and section.hide_cursor:
        wanted["QT_QPA_EGLFS_HIDECURSOR"] = "1"
    if section.physical_width_mm:
        wanted["QT_QPA_EGLFS_PHYSICAL_WIDTH"] = str(section.physical_width_mm)
        wanted["QT_QPA_EGLFS_PHYSICAL_HEIGHT"] = str(section.physical_height_mm)


def _linuxfb(section: DisplaySection, kiosk: bool, wanted: dict[str, str]) -> None:
    if section.linuxfb_drm:  # DRM dumb buffers, page-flipped: the mode comes from the KMS file
        wanted["QT_QPA_PLATFORM"] = "linuxfb"
        wanted["QT_QPA_FB_DRM"] = "1"
        if section.physical_width_mm:  # read by Qt's KMS screen, whichever platform
            wanted["QT_QPA_PHYSICAL_WIDTH"] = str(section.physical_width_mm)
            wanted["QT_QPA_PHYSICAL_HEIGHT"] = str(section.physical_height_mm)
    else:  # the legacy /dev/fb0: size and physical size as plugin parameters
        wanted["QT_QPA_PLATFORM"] = _linuxfb_spec(section)
    wanted["QT_QUICK_BACKEND"] = "software"  # no OpenGL on a bare framebuffer
    if kiosk and section.hide_cursor:
        wanted["QT_QPA_FB_HIDECURSOR"] = "1"


def _kms_config(section: DisplaySection, outputs: Sequence[str], hwcursor: bool | None) -> str:
    """The KMS configuration's JSON for a mode other than the panel's own ("" for that)."""
    if not section.width:
        return ""
    names = [section.output] if section.output else list(outputs)
    if len(names) != 1:
        found = ", ".join(outputs) if outputs else "none found"
        raise DisplayError(f"[display].output: a {section.width}x{section.height} mode needs the KMS output it is "
                           f"for (connected outputs: {found}); set output = \"HDMI1\" (or DSI1, ...)")
    output: dict[str, object] = {"name": names[0], "mode": f"{section.width}x{section.height}"}
    if section.physical_width_mm:
        output |= {"physicalWidth": section.physical_width_mm, "physicalHeight": section.physical_height_mm}
    document: dict[str, object] = {"outputs": [output]}
    if hwcursor is not None:
        document["hwcursor"] = hwcursor
    return json.dumps(document, sort_keys=True)


def _linuxfb_spec(section: DisplaySection) -> str:
    spec = "linuxfb"
    if section.width:
        spec += f":size={section.width}x{section.height}"
    if section.physical_width_mm:
        spec += f":mmsize={section.physical_width_mm}x{section.physical_height_mm}"
    return spec


def _touch(section: DisplaySection, platform: str, wanted: dict[str, str]) -> None:
    if section.touch == "none":  # no touch handler; the keys (the buttons on a keyboard interface) stay
        wanted["QT_QPA_EGLFS_DISABLE_INPUT" if platform == "eglfs" else "QT_QPA_FB_DISABLE_INPUT"] = "1"
        wanted["QT_QPA_GENERIC_PLUGINS"] = "evdevkeyboard"
        return
    if section.touch_device:  # not rotated: the turned scene maps the panel's touch points itself
        wanted["QT_QPA_EVDEV_TOUCHSCREEN_PARAMETERS"] = section.touch_device
