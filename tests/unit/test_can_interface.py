"""The ``[can]`` section: its checks, the python-can options it gives, and the SocketCAN interface
as the kernel reports it (a sysfs directory in tmp_path and a stand-in ``ip`` executable printing
iproute2's JSON: the doubles at the outermost boundary, since this machine has no CAN interface)."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from controller.buses.can_interface import bus_options, log_interface, parse_ip_details, read_interface
from controller.config import Config, ConfigError

#: ``ip -details -json link show dev can0`` of an MCP2515 on a Raspberry Pi (iproute2 6.1), abridged.
IP_ANSWER = [{
    "ifindex": 3, "ifname": "can0", "flags": ["NOARP", "UP", "LOWER_UP", "ECHO"], "mtu": 16, "qdisc": "pfifo_fast",
    "operstate": "UP", "linkmode": "DEFAULT", "group": "default", "txqlen": 10, "link_type": "can",
    "promiscuity": 0, "min_mtu": 0, "max_mtu": 0,
    "linkinfo": {"info_kind": "can", "info_data": {
        "ctrlmode": ["ONE-SHOT"], "state": "ERROR-ACTIVE", "berr_counter": {"tx": 0, "rx": 0}, "restart_ms": 100,
        "bittiming": {"bitrate": 500000, "sample_point": "0.875", "tq": 125, "prop_seg": 6, "phase_seg1": 7,
                      "phase_seg2": 2, "sjw": 1, "brp": 1},
        "bittiming_const": {"name": "mcp251x", "tseg1": {"min": 3, "max": 16}, "tseg2": {"min": 2, "max": 8},
                            "sjw": {"min": 1, "max": 4}, "brp": {"min": 1, "max": 64}, "brp_inc": 1},
        "clock": 8000000}},
    "num_tx_queues": 1, "num_rx_queues": 1,
}]


def socketcan(**can: object) -> Config:
    return Config().with_overrides(can={"interface": "socketcan", "channel": "can0", **can})


@pytest.mark.parametrize(("can", "message"), [
    ({"interface": "socketcann"}, r"\[can\].interface: 'socketcann' is not a python-can interface"),
    ({"interface": "socketcan", "channel": " "}, r"\[can\].channel: must name the channel"),
    ({"bitrate": 500}, r"\[can\].bitrate: 500 is not one of 10000, 20000"),
])
def test_a_can_section_that_cannot_work_is_refused_in_words(can: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config().with_overrides(can=can)


def test_socketcan_gets_error_frames_and_no_bitrate_a_usb_adapter_gets_its_bitrate() -> None:
    assert bus_options(socketcan().can) == {"receive_own_messages": False, "ignore_rx_error_frames": False}
    assert bus_options(Config().with_overrides(can={"interface": "pcan", "channel": "PCAN_USBBUS1",
                                                    "bitrate": 250_000}).can) == {
        "receive_own_messages": False, "bitrate": 250_000}
    assert bus_options(Config().can) == {"receive_own_messages": False}


def test_the_default_configuration_is_the_simulation_at_500_kbit() -> None:
    config = Config()
    assert (config.can.interface, config.can.bitrate, config.can.receive_own_messages) == ("virtual", 500_000, False)


def test_iproute2s_answer_gives_state_bitrate_and_restart_ms() -> None:
    report = parse_ip_details("can0", IP_ANSWER, None)
    assert (report.operstate, report.can_state, report.bitrate, report.restart_ms) == ("up", "ERROR-ACTIVE",
                                                                                       500_000, 100)
    assert report.problems(500_000) == []


def fake_ip(tmp_path: Path, answer: list[dict]) -> str:
    script = tmp_path / "ip"
    script.write_text(f"#!/bin/sh\ncat <<'EOF'\n{json.dumps(answer)}\nEOF\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def sysfs_with(tmp_path: Path, channel: str, operstate: str) -> Path:
    node = tmp_path / "net" / channel
    node.mkdir(parents=True)
    (node / "operstate").write_text(operstate + "\n")
    return tmp_path / "net"


def test_a_mismatched_bitrate_a_down_interface_and_no_restart_are_each_logged(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    answer = json.loads(json.dumps(IP_ANSWER))
    data = answer[0]["linkinfo"]["info_data"]
    data["bittiming"]["bitrate"], data["restart_ms"], data["state"] = 250_000, 0, "STOPPED"
    caplog.set_level(logging.INFO, logger="controller.buses.can_interface")
    report = log_interface(socketcan().can, sysfs_with(tmp_path, "can0", "down"), fake_ip(tmp_path, answer))
    assert report is not None and (report.operstate, report.bitrate, report.restart_ms) == ("down", 250_000, 0)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 4
    assert "ip link set can0 up" in warnings[0] and "STOPPED" in warnings[1]
    assert "250000 bit/s, [can].bitrate is 500000" in warnings[2] and "restart-ms 0" in warnings[3]


def test_a_missing_interface_is_said_and_ip_is_not_needed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert read_interface("can0", tmp_path / "net", ip=None).exists is False
    sysfs = sysfs_with(tmp_path, "can1", "up")
    report = read_interface("can1", sysfs, ip=str(tmp_path / "no-ip-here"))
    assert (report.exists, report.operstate, report.bitrate) == (True, "up", None)
    log_interface(socketcan().can, sysfs)
    assert "CAN interface can0 does not exist" in caplog.text


def test_only_socketcan_is_looked_at() -> None:
    assert log_interface(Config().can) is None
