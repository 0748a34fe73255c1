"""The diagnostics bundle carries the internal CAN bus's state and counters (a real link on the
virtual bus, a real bundle on disk)."""

from __future__ import annotations

import json
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import can

from controller.buses import can_errors as ce
from controller.buses.can_link import CanLink
from controller.clock import FakeClock
from controller.config import Config
from controller.diagnostics.collect import LogKind, Sources, Window, collect
from controller.diagnostics.station_data import can_bus_section
from tests.support.can_wire import error_message


def test_the_bundle_has_the_can_bus_state_and_counters(tmp_path: Path) -> None:
    clock = FakeClock()
    link = CanLink(can.Bus(interface="virtual", channel="diagnostics-can"), clock=clock.monotonic)
    peer = can.Bus(interface="virtual", channel="diagnostics-can")
    try:
        peer.send(error_message(ce.CAN_ERR_ACK))
        peer.send(error_message(ce.CAN_ERR_CRTL, bytes([0, ce.CAN_ERR_CRTL_TX_PASSIVE])))
        link.receive()
        clock.advance(12.0)
        section = can_bus_section(link.health(), clock.monotonic())
    finally:
        link.close()
        peer.shutdown()
    config = Config().with_overrides(storage={"path": str(tmp_path / "evse.sqlite3")})
    bundle = collect(LogKind.DIAGNOSTICS, Window(), Sources("CP-1", config, can_bus=section), tmp_path,
                     datetime(2026, 12, 5, tzinfo=UTC))
    with tarfile.open(bundle.path) as tar:
        member = tar.extractfile("can-bus.json")
        assert member is not None
        part = json.load(member)
    assert (part["state"], part["for_s"], part["link_up"]) == ("passive", 12.0, True)
    assert part["counters"]["no_ack"] == 1 and part["counters"]["error_frames"] == 2
    assert "can-bus.json" in [described["name"] for described in bundle.manifest["parts"]]


def test_a_station_not_running_gives_no_can_bus_part(tmp_path: Path) -> None:
    config = Config().with_overrides(storage={"path": str(tmp_path / "evse.sqlite3")})
    bundle = collect(LogKind.DIAGNOSTICS, Window(), Sources("CP-1", config), tmp_path,
                     datetime(2026, 12, 5, tzinfo=UTC))
    with tarfile.open(bundle.path) as tar:
        assert "can-bus.json" not in tar.getnames()
