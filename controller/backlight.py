"""The panel's backlight through Linux's backlight class (``/sys/class/backlight/<name>/``).

``brightness`` takes 0 .. ``max_brightness``; ``bl_power`` takes the framebuffer blanking
levels (0 = FB_BLANK_UNBLANK, 4 = FB_BLANK_POWERDOWN). The display power logic says a
percent; :meth:`Backlight.apply` turns it into those writes, and only writes what changed.
Nothing here raises into the controller: a write that fails (EACCES without the udev rule,
a device that went away) is logged once per kind and counted, and the next change tries
again.

Which device ``auto`` picks: the kernel's ABI document (sysfs-class-backlight, ``type``)
says to prefer ``firmware`` over ``platform`` over ``raw`` when several control one panel,
as firmware knows the panel best; on an ARM board the firmware kind (ACPI) hardly exists and
a board with two backlights has two panels. We follow the kernel's order, then the name.
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path

log = logging.getLogger(__name__)

SYS_BACKLIGHT = Path("/sys/class/backlight")
#: sysfs-class-backlight ``type``, most preferred first.
TYPE_PREFERENCE = ("firmware", "platform", "raw")
FB_BLANK_UNBLANK = 0
FB_BLANK_POWERDOWN = 4


class Backlight:
    """One backlight device. ``apply(percent)``: 1-100 lights it (at least one step), 0 powers it down."""

    def __init__(self, directory: Path, max_brightness: int) -> None:
        self.directory = directory
        self.max_brightness = max_brightness
        self.failures = 0  # writes that failed (each kind is logged once)
        self._written: dict[str, int] = {}
        self._logged: set[tuple[str, int]] = set()

    @classmethod
    def open(cls, spec: str, root: Path = SYS_BACKLIGHT) -> Backlight | None:
        """The backlight ``spec`` names: "auto" (the preferred device under ``root``), a
        directory, or "none"; None (logged) when there is none or it cannot be read."""
        if spec == "none":
            return None
        directory = find_backlight(root) if spec == "auto" else Path(spec)
        if directory is None:
            log.info("no backlight device under %s: brightness is left as it is", root)
            return None
        try:
            maximum = int((directory / "max_brightness").read_text().strip())
        except (OSError, ValueError) as exc:
            log.warning("backlight %s cannot be read (%s): brightness is left as it is", directory, exc)
            return None
        if maximum <= 0:
            log.warning("backlight %s has max_brightness %d: brightness is left as it is", directory, maximum)
            return None
        return cls(directory, maximum)

    def describe(self) -> str:
        """The device, its kind and range, for logs and ``evse-hmi display-check``."""
        kind = _read(self.directory / "type") or "unknown type"
        return f"{self.directory} ({kind}, brightness 0-{self.max_brightness})"

    def level(self, percent: int) -> int:
        """The ``brightness`` value for 1-100 % (never 0: some panels go dark at 0)."""
        percent = min(max(percent, 1), 100)
        return max(1, round(self.max_brightness * percent / 100))

    def apply(self, percent: int) -> None:
        """Light the panel at ``percent`` (1-100), or power the backlight down (0 or less)."""
        if percent <= 0:
            self._write("bl_power", FB_BLANK_POWERDOWN)
            return
        self._write("brightness", self.level(percent))
        self._write("bl_power", FB_BLANK_UNBLANK)

    def _write(self, name: str, value: int) -> None:
        if self._written.get(name) == value:
            return
        path = self.directory / name
        if name == "bl_power" and not path.exists() and value == FB_BLANK_UNBLANK:
            self._written[name] = value  # a driver without bl_power: nothing to unblank
            return
        try:
            path.write_text(f"{value}\n")
        except OSError as exc:
            self.failures += 1
            kind = (name, exc.errno or 0)
            if kind not in self._logged:
                self._logged.add(kind)
                hint = " (the udev rule deploy/90-evse-backlight.rules gives the video group write access)" \
                    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else ""
                log.warning("backlight: writing %s to %s failed: %s%s", value, path, exc, hint)
            self._written.pop(name, None)  # try again at the next change
            return
        self._written[name] = value


def find_backlight(root: Path = SYS_BACKLIGHT) -> Path | None:
    """The preferred backlight under ``root`` (by ``type``, then name), or None."""
    try:
        devices = [entry for entry in root.iterdir() if (entry / "max_brightness").exists()]
    except OSError:
        return None
    if not devices:
        return None

    def rank(device: Path) -> tuple[int, str]:
        kind = _read(device / "type")
        order = TYPE_PREFERENCE.index(kind) if kind in TYPE_PREFERENCE else len(TYPE_PREFERENCE)
        return order, device.name

    return min(devices, key=rank)


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""
