"""What the board offers a kiosk, read from sysfs, procfs and /dev (roots are parameters, so
tests read fake trees): DRM connectors and their modes, framebuffers, touch screens, and the
Qt plugins the installed PySide6 carries (found on disk, PySide6 is not imported)."""

from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

#: linux/input-event-codes.h
ABS_X, ABS_MT_POSITION_X, BTN_TOUCH = 0x00, 0x35, 0x14A
#: The kernel's connector type names (drm_connector.c) -> Qt's (qkmsdevice.cpp): Qt names
#: an output by its type and the kernel's per-type number, "HDMI-A-1" -> "HDMI1".
QT_CONNECTOR_TYPES = {"Unknown": "None", "DVI-I": "DVI", "DVI-D": "DVI", "DVI-A": "DVI", "SVIDEO": "TV",
                      "Component": "CTV", "HDMI-A": "HDMI", "HDMI-B": "HDMI", "9PinDIN": "DIN"}


@dataclass(frozen=True, slots=True)
class Connector:
    """A DRM connector (``/sys/class/drm/card0-HDMI-A-1``)."""

    card: str  # card0
    kernel_name: str  # HDMI-A-1
    status: str  # connected, disconnected, unknown
    modes: tuple[str, ...]  # 1024x600, ... (the first is the preferred one)

    @property
    def qt_name(self) -> str:
        """The output's name in Qt's KMS configuration (``HDMI1``)."""
        kind, _, number = self.kernel_name.rpartition("-")
        return f"{QT_CONNECTOR_TYPES.get(kind, kind)}{number}"


@dataclass(frozen=True, slots=True)
class InputDevice:
    """An input device from ``/proc/bus/input/devices``."""

    name: str
    events: tuple[str, ...]  # event3
    touch: bool  # multi-touch axes, or a single-touch screen (absolute X and BTN_TOUCH)


def drm_connectors(sys_root: Path = Path("/sys")) -> list[Connector]:
    """Every DRM connector, by card and name."""
    found = []
    for entry in sorted((sys_root / "class" / "drm").glob("card*-*")):
        card, _, name = entry.name.partition("-")
        modes = tuple(line for line in _read(entry / "modes").splitlines() if line)
        found.append(Connector(card, name, _read(entry / "status") or "unknown", modes))
    return found


def connected_outputs(sys_root: Path = Path("/sys")) -> list[str]:
    """The connected connectors' names in Qt's words (``HDMI1``, ``DSI1``)."""
    return [connector.qt_name for connector in drm_connectors(sys_root) if connector.status == "connected"]


def framebuffers(sys_root: Path = Path("/sys")) -> dict[str, str]:
    """``fb0`` -> its driver name and ``virtual_size`` (``"vc4drmfb 1024,600"``)."""
    return {entry.name: f"{_read(entry / 'name') or '?'} {_read(entry / 'virtual_size') or '?'}"
            for entry in sorted((sys_root / "class" / "graphics").glob("fb[0-9]*"))}


def input_devices(proc_root: Path = Path("/proc")) -> list[InputDevice]:
    """Every input device the kernel lists, and whether it is a touch screen."""
    devices = []
    for block in _read(proc_root / "bus" / "input" / "devices").split("\n\n"):
        fields: dict[str, str] = {}
        for line in block.splitlines():
            kind, _, rest = line.partition(": ")
            if kind == "N":
                fields["name"] = rest.removeprefix("Name=").strip('"')
            elif kind == "H":
                fields["handlers"] = rest.removeprefix("Handlers=")
            elif kind == "B":
                key, _, value = rest.partition("=")
                fields[key] = value
        if "name" not in fields:
            continue
        events = tuple(word for word in fields.get("handlers", "").split() if word.startswith("event"))
        abs_bits, key_bits = fields.get("ABS", ""), fields.get("KEY", "")
        touch = _bit(abs_bits, ABS_MT_POSITION_X) or (_bit(abs_bits, ABS_X) and _bit(key_bits, BTN_TOUCH))
        devices.append(InputDevice(fields["name"], events, touch))
    return devices


def by_path_links(dev_root: Path = Path("/dev")) -> dict[str, str]:
    """``eventN`` -> its stable ``/dev/input/by-path/...-event`` name (what ``touch = "evdev:..."`` wants)."""
    links = {}
    for link in sorted((dev_root / "input" / "by-path").glob("*event*")):
        try:
            links[Path(link.readlink()).name] = f"/dev/input/by-path/{link.name}"
        except OSError:
            continue
    return links


def qt_plugins() -> dict[str, list[str]]:
    """The installed PySide6's Qt plugins by kind (``platforms``: eglfs, linuxfb, ...;
    ``generic``: evdevtouch, ...; ``egldeviceintegrations``: eglfs_kms, ...); empty without PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return {}
    root = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins"
    found = {}
    for kind in ("platforms", "generic", "egldeviceintegrations"):
        names = []
        for library in sorted((root / kind).glob("lib*.so")):
            name = library.name.removeprefix("libq").removesuffix(".so").removesuffix("plugin")
            names.append(name.removesuffix("-integration").replace("-", "_"))
        found[kind] = names
    return found


def qt_library_present(name: str) -> bool:
    """Whether the installed PySide6 ships ``Qt/lib/<name>`` (False without PySide6)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return False
    return (Path(next(iter(spec.submodule_search_locations))) / "Qt" / "lib" / name).exists()


def _bit(words: str, bit: int) -> bool:
    """Whether ``bit`` is set in a /proc bitmap (hex longs, most significant first)."""
    if not words:
        return False
    width = struct.calcsize("l") * 8
    values = [int(word, 16) for word in reversed(words.split())]
    index, offset = divmod(bit, width)
    return index < len(values) and bool(values[index] >> offset & 1)


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""
