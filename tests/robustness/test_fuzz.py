"""Hostile input, briefly (``make fuzz`` runs the same targets at length): CAN frames, OCPP
frames, RFID answers and configuration files never crash the charger, are answered or
refused with a clear error, and never make it command what its state does not allow."""

from __future__ import annotations

import json

import pytest

from controller import commands as cmd
from controller import config as config_module
from controller.config import ConfigError
from controller.sim.world import World
from tests.robustness.fuzz import TARGETS, Ocpp201Target, OcppTarget, fuzz, handled_201

#: Examples per target in the suite (seeded, so a run is repeatable).
EXAMPLES = {"CAN into the station": 25, "OCPP frames": 40, "OCPP 2.0.1 frames": 40}


@pytest.mark.parametrize("name", [name for name, _, _ in TARGETS])
def test_hostile_input_finds_nothing(name: str) -> None:
    inputs, findings, first = fuzz(name, EXAMPLES.get(name, 150))
    assert findings == 0, first
    assert inputs > 0


def test_a_deeply_nested_frame_is_dropped_and_the_charger_keeps_answering() -> None:
    target = OcppTarget()
    try:
        target(["[" * 50_000 + "]" * 50_000, json.dumps([2, "after", "GetLocalListVersion", {}])])
    finally:
        target.close()


def test_stray_results_do_not_pile_up_until_a_call_overflows() -> None:
    target = OcppTarget()
    try:
        target([json.dumps([3, f"stray-{i}", {}]) for i in range(3000)])
    finally:
        target.close()


def test_the_201_target_drops_deep_nesting_and_answers_a_real_request_afterwards() -> None:
    target = Ocpp201Target()
    try:
        target(["[" * 50_000 + "]" * 50_000, json.dumps([2, "after", "GetVariables", {"getVariableData": [
            {"component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"}}]}]),
                *[json.dumps([3, f"stray-{i}", {}]) for i in range(2000)]])
    finally:
        target.close()


def test_the_201_target_fuzzes_the_actions_the_station_handles() -> None:
    handled = handled_201()
    assert {"GetVariables", "SetVariables", "RequestStartTransaction", "Reset", "TriggerMessage"} <= set(handled)


@pytest.mark.parametrize(("frame", "sent", "finding"), [
    ([2, "a", "Heartbeat", {}], [], "0 answers"),
    ([2, "a", "GetVariables", {}], [[4, "a", "OccurrenceConstraintViolation", ""], [3, "a", {}]], "2 answers"),
    ([2, "a", "GetVariables", {}], [[4, "a", "OccurenceConstraintViolation", "", {}]], "Occurence"),
    ([2, "a", "Nonsense", {}], [[4, "a", "NotSupported", "", {}]], "NotSupported"),
    ([2, "a", "Reset", {"type": "Immediate"}], [[4, "a", "InternalError", "boom", {}]], "a handler raised"),
    ([3, "x", {}], [[3, "x", {}]], "[3, 'x', {}]"),
])
def test_the_201_checks_name_a_missing_double_or_wrong_answer(frame: list, sent: list, finding: str) -> None:
    """The 2.0.1 target's judge on answers written by hand: each mistake is a finding."""
    with pytest.raises(AssertionError, match=finding.replace("[", r"\[").replace("]", r"\]")):
        Ocpp201Target._check_answer(json.dumps(frame), sent)
    Ocpp201Target._check_answer(json.dumps([2, "a", "Heartbeat", {}]), [[3, "a", {}]])  # and a sound one passes


def test_a_configuration_file_that_is_not_utf8_is_a_config_error(tmp_path) -> None:
    path = tmp_path / "station.toml"
    path.write_bytes(b"\xff\xfe[station]\n")
    with pytest.raises(ConfigError, match=r"station\.toml"):
        config_module.load(path)


@pytest.mark.parametrize("template", ["{charge_point_id.x}", "{connector_id[0]}", "{charge_point_id[99]}"])
def test_a_qr_template_that_cannot_be_filled_names_its_field(template: str) -> None:
    with pytest.raises(ConfigError, match=r"\[authorization\]\.qr_url_template"):
        config_module.from_dict({"authorization": {"qr_url_template": template}})
    with pytest.raises(ConfigError, match=r"\[tariff\]\.receipt_url_template"):
        config_module.from_dict({"tariff": {"receipt_url_template": template}})


def test_a_board_reporting_a_fault_stage_while_preparing_gets_no_contactor_close() -> None:
    """Stage FAULT (15) or STOPPING (7) is numerically past PRECHARGE (5): it is no precharge."""
    import can

    from controller.buses.can_link import Codec
    from controller.types import Side
    from tests.robustness.invariants import KNOWN_CARDS, invariant_config

    world = World(invariant_config())
    wire = can.Bus(interface="virtual", channel=world.channel)
    try:
        world.start()
        world.station.submit(cmd.PresentToken(KNOWN_CARDS[0]))
        world.hardware.plug(Side.LEFT)
        assert world.run_until(lambda v: v.connector(Side.LEFT).stage == 2, 10)  # communication
        codec = Codec.shared()
        for stage in (15, 7, 8):
            wire.send(codec.encode("CB_LEFT_Status", {"Standard": 1, "Plugged": 1, "Locked": 1, "ContactorClosed": 0,
                                                      "Stage": stage, "EvStopReason": 0, "StatusCode": 0,
                                                      "AliveCounter": 0}))
            world.station.poll()
            world.station.tick()
            closes = []
            while (message := wire.recv(timeout=0)) is not None:
                frame = codec.decode(message)
                if frame is not None and frame.name == "CSU_CbLeftCommand":
                    closes.append(frame.signals["CloseContactor"])
            assert not any(closes), f"stage {stage}: {closes}"
    finally:
        wire.shutdown()
        world.close()


def test_a_call_whose_connection_drops_under_it_still_gets_an_answer() -> None:
    """The send raising ConnectionClosed left the caller's future unsettled: an Authorize in
    flight at that moment was never decided (the driver saw "Authorizing ..." until the
    station gave up and refused the card, even when the offline rules would accept it)."""
    import asyncio

    from ocpp.v16 import call
    from websockets.exceptions import ConnectionClosedError

    from controller.clock import SystemClock
    from controller.ocpp.client import OcppClient
    from controller.ocpp.connection import endpoint
    from controller.ocpp.memory_port import MemoryStation
    from controller.ocpp.outbox import Offline
    from controller.ocpp.rpc import RpcChargePoint
    from controller.ocpp.settings import ClientSettings, Identity
    from controller.ocpp.storage import Storage

    class DeadWire:
        async def send(self, message: str) -> None:
            raise ConnectionClosedError(None, None)

    async def scenario() -> None:
        storage = Storage(":memory:")
        station = MemoryStation(2)
        client = OcppClient(ClientSettings(endpoint=endpoint("ws://127.0.0.1:9/ocpp", "CP")),
                            Identity("DS", "DSWx601", "1", "0.1.0"), station, storage, SystemClock())
        rpc = RpcChargePoint("CP", DeadWire(), client.handler_map(), 1.0)
        future = asyncio.get_running_loop().create_future()
        with pytest.raises(ConnectionClosedError):
            await client._deliver(rpc, call.Authorize(id_tag="04A1B2C3D4E5F6"), future)
        assert future.done() and isinstance(future.exception(), Offline)
        storage.close()

    asyncio.run(scenario())
