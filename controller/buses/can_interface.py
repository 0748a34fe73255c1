"""The ``[can]`` section as python-can options, and what the kernel says of a SocketCAN interface.

An unprivileged process cannot set a SocketCAN interface's bit rate or bring it up: that is
``ip link`` (or systemd-networkd) before the controller starts (docs/charger.md, "CAN").  At
start-up the controller reads, and only reads, what was set: the interface's ``operstate``
in sysfs, and its CAN state, bit rate and ``restart-ms`` from ``ip -details -json link show``
(iproute2 asks the kernel over netlink).  What does not fit ``[can]`` is logged; nothing here
refuses to start, since the bus itself says the rest when it is opened.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from controller.config import CanSection

log = logging.getLogger(__name__)

#: Interfaces whose bit rate is not python-can's to set (the kernel's, the daemon's, or none).
BITRATE_SET_ELSEWHERE = frozenset({"socketcan", "socketcand", "virtual", "udp_multicast"})
SYSFS_NET = Path("/sys/class/net")
#: How long ``ip`` may take to answer (s).
IP_TIMEOUT_S = 2.0


def bus_options(section: CanSection) -> dict[str, Any]:
    """The keyword arguments for ``can.Bus(interface=..., channel=..., **options)``."""
    options: dict[str, Any] = {"receive_own_messages": section.receive_own_messages}
    if section.interface == "socketcan":
        options["ignore_rx_error_frames"] = False  # error frames wanted (CAN_RAW_ERR_FILTER: all classes)
    if section.interface not in BITRATE_SET_ELSEWHERE:
        options["bitrate"] = section.bitrate
    return options


@dataclass(frozen=True, slots=True)
class InterfaceReport:
    """What the kernel says of a SocketCAN interface (None: not told)."""

    channel: str
    exists: bool
    operstate: str | None = None  # "up", "down", "unknown" (sysfs)
    can_state: str | None = None  # "ERROR-ACTIVE", "ERROR-WARNING", "ERROR-PASSIVE", "BUS-OFF", "STOPPED"
    bitrate: int | None = None
    restart_ms: int | None = None

    def problems(self, bitrate: int) -> list[str]:
        """What stands in the way of the internal bus at ``bitrate``, in words for the log."""
        if not self.exists:
            return [f"CAN interface {self.channel} does not exist (adapter missing, or its driver not loaded)"]
        found = []
        if self.operstate not in (None, "up", "unknown"):
            found.append(f"CAN interface {self.channel} is {self.operstate}: ip link set {self.channel} up")
        if self.can_state is not None and self.can_state != "ERROR-ACTIVE":
            found.append(f"CAN interface {self.channel} reports {self.can_state}")
        if self.bitrate is not None and self.bitrate != bitrate:
            found.append(f"CAN interface {self.channel} runs at {self.bitrate} bit/s, [can].bitrate is {bitrate}: "
                         f"the boards will not be heard")
        if self.restart_ms == 0:
            found.append(f"CAN interface {self.channel} has restart-ms 0: after a bus-off it stays off until "
                         f"someone runs ip link (set restart-ms 100)")
        return found


def read_interface(channel: str, sysfs: Path = SYSFS_NET, ip: str | None = "ip") -> InterfaceReport:
    """The interface ``channel`` as sysfs and ``ip`` report it (``ip`` None or missing: sysfs only)."""
    node = sysfs / channel
    if not node.exists():
        return InterfaceReport(channel, exists=False)
    operstate = _read(node / "operstate")
    details = _ip_details(channel, ip) if ip else None
    if details is None:
        return InterfaceReport(channel, True, operstate)
    return parse_ip_details(channel, details, operstate)


def parse_ip_details(channel: str, answer: list[dict[str, Any]], operstate: str | None) -> InterfaceReport:
    """The report from ``ip -details -json link show dev CHANNEL``'s answer (iproute2's JSON)."""
    link = answer[0] if answer else {}
    data = link.get("linkinfo", {}).get("info_data", {})
    bitrate = data.get("bittiming", {}).get("bitrate")
    restart_ms = data.get("restart_ms")
    return InterfaceReport(
        channel=channel,
        exists=True,
        operstate=operstate or (str(link["operstate"]).lower() if "operstate" in link else None),
        can_state=data.get("state"),
        bitrate=int(bitrate) if bitrate is not None else None,
        restart_ms=int(restart_ms) if restart_ms is not None else None,
    )


def log_interface(section: CanSection, sysfs: Path = SYSFS_NET, ip: str | None = "ip") -> InterfaceReport | None:
    """On socketcan: log the interface as the kernel has it, and each way it does not fit ``[can]``."""
    if section.interface != "socketcan":
        return None
    report = read_interface(section.channel, sysfs, ip)
    if report.exists:
        log.info("CAN interface %s: %s, %s, %s bit/s, restart-ms %s", report.channel, report.operstate or "?",
                 report.can_state or "state unknown", report.bitrate or "?",
                 "?" if report.restart_ms is None else report.restart_ms)
    for problem in report.problems(section.bitrate):
        log.warning("%s", problem)
    return report


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        return None


def _ip_details(channel: str, ip: str) -> list[dict[str, Any]] | None:
    executable = shutil.which(ip)
    if executable is None:
        return None
    try:
        done = subprocess.run([executable, "-details", "-json", "link", "show", "dev", channel], capture_output=True,
                              text=True, timeout=IP_TIMEOUT_S, check=True)
        answer = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        log.info("ip -details link show %s gave nothing usable: %s", channel, exc)
        return None
    return answer if isinstance(answer, list) else None
