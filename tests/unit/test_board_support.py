"""Board support: DBC frames into typed facts (a bad frame dropped whole and counted), typed
commands into frames, repeated while they hold."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from controller.boards import (
    ConnectorBoardCommand,
    ConnectorBoardStatus,
    EvLimits,
    EvRequest,
    IoBoardStatus,
    LedCommand,
    PsuCommand,
    PsuStatus,
    PsuThermal,
    SelfTestAnswer,
    SelfTestRequest,
)
from controller.buses.board_support import COMMAND_REPEAT_S, BoardSupport
from controller.buses.can_link import Codec, Frame
from controller.station import Station
from controller.types import (
    PSU_NOT_ROUTED,
    BoardCommand,
    BoardStage,
    EvStopReason,
    LedColour,
    LedPattern,
    Side,
)
from tests.conftest import WorldFactory

CODEC = Codec.shared()


class RecordingLink:
    """A CanLink stand-in: every send, in order; each one encoded by the real DBC (strict)."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, Any]]] = []

    def send(self, name: str, **signals: Any) -> None:
        CODEC.encode(name, signals, strict=True)  # a name or signal the DBC does not know raises
        self.sent.append((name, signals))


def wire(name: str, **signals: float) -> Frame:
    """``signals`` as a board puts them on the wire (encoded and decoded by the DBC; the
    signals not given are 0)."""
    message = CODEC.db.get_message_by_name(name)
    values = {signal.name: signals.get(signal.name, 0) for signal in message.signals}
    frame = CODEC.decode(CODEC.encode(name, values, strict=False))
    assert frame is not None
    return frame


def connector_status(status_code: int = 0, stage: int = 6, reason: int = 0) -> Frame:
    return wire("CB_RIGHT_Status", Standard=1, Plugged=1, Locked=1, ContactorClosed=1, Stage=stage,
                EvStopReason=reason, StatusCode=status_code, AliveCounter=3)


@pytest.fixture
def boards() -> BoardSupport:
    return BoardSupport(RecordingLink())  # type: ignore[arg-type]


def test_a_connector_board_status_becomes_a_typed_fact(boards: BoardSupport) -> None:
    fact = boards.decode(connector_status(status_code=23_001), 1.0)
    assert fact == ConnectorBoardStatus(Side.RIGHT, plugged=True, locked=True, contactor_closed=True,
                                        stage=BoardStage.CHARGING, ev_stop_reason=EvStopReason.NONE,
                                        status_code="023001")


def test_unknown_stage_and_stop_reason_read_as_faults(boards: BoardSupport) -> None:
    fact = boards.decode(connector_status(stage=14, reason=9), 1.0)
    assert isinstance(fact, ConnectorBoardStatus)
    assert fact.stage is BoardStage.FAULT and fact.ev_stop_reason is EvStopReason.EV_FAULT


def test_a_status_code_of_more_than_six_digits_drops_the_frame_whole_and_is_counted(
        boards: BoardSupport, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert boards.decode(connector_status(status_code=1_040_000), 1.0) is None
        assert boards.decode(wire("PSU_2_Status", Enabled=1, AliveCounter=0, Temperature=30, OutputVoltage=400,
                                  OutputCurrent=10, FaultCode=1_048_575), 1.0) is None
        assert boards.decode(wire("IOB_SelfTest", Sequence=1, Result=1_000_000), 1.0) is None
    assert boards.rejected_frames == 3
    assert "dropped CB_RIGHT_Status frame" in caplog.text and "(3 rejected since start-up)" in caplog.text


def test_a_rejected_status_frame_still_says_its_board_is_alive(boards: BoardSupport) -> None:
    assert boards.last_heard("CB_RIGHT") is None
    boards.decode(connector_status(status_code=1_040_000), 7.5)
    assert boards.last_heard("CB_RIGHT") == 7.5


def test_frames_the_station_does_not_listen_to_are_ignored_not_rejected(boards: BoardSupport) -> None:
    assert boards.decode(wire("LEDB_Status", AliveCounter=1, LeftColour=1, RightColour=2), 1.0) is None
    assert boards.decode(wire("CSU_LedCommand", LeftColour=1, LeftPattern=0, RightColour=0, RightPattern=0),
                         1.0) is None
    assert boards.rejected_frames == 0
    assert boards.last_heard("LEDB") is None and not boards.sends_status("LEDB")
    assert boards.sends_status("IOB") and boards.sends_status("PSU_4") and boards.sends_status("CB_LEFT")


def test_every_board_frame_becomes_its_fact_in_si_units(boards: BoardSupport) -> None:
    facts = [boards.decode(frame, 0.0) for frame in (
        wire("CB_LEFT_EvRequest", EvTargetVoltage=390.5, EvTargetCurrent=110.0, EvSoc=54, EvTargetSoc=80),
        wire("CB_LEFT_EvLimits", EvMaxVoltage=410.0, EvMaxCurrent=125.0, EvBatteryCapacity=40.0),
        wire("PSU_3_Status", Enabled=1, AliveCounter=2, Temperature=41, OutputVoltage=388.5, OutputCurrent=55.5,
             FaultCode=41_000),
        wire("PSU_1_Thermal", InletTemperature=-5),
        wire("IOB_Status", LeftButton=1, RightButton=0, EmergencyStop=1, DoorOpen=0, Tilt=1, AliveCounter=1,
             AmbientTemperature=24, CabinetTemperature=31, AcInputVoltage=480),
    )]
    assert facts == [
        EvRequest(Side.LEFT, 390.5, 110.0, 54, 80),
        EvLimits(Side.LEFT, 410.0, 125.0, 40.0),
        PsuStatus(2, enabled=True, output_voltage_v=388.5, output_current_a=55.5, heatsink_c=41.0,
                  fault_code="041000"),
        PsuThermal(0, -5.0),
        IoBoardStatus(left_button=True, right_button=False, emergency_stop=True, door_open=False, tilt=True,
                      ambient_c=24.0, cabinet_c=31.0, ac_input_v=480.0),
    ]


def test_self_test_answers_name_their_board(boards: BoardSupport) -> None:
    left = boards.decode(wire("CB_LEFT_SelfTest", Sequence=4, Result=12_283, Standard=3), 0.0)
    assert left == SelfTestAnswer("CB_LEFT", 4, "012283", side=Side.LEFT, standard=None)  # 3: no standard
    psu = boards.decode(wire("PSU_2_SelfTest", Sequence=1, Result=0, RatedPower=15.0), 0.0)
    assert psu == SelfTestAnswer("PSU_2", 1, "", rated_power_w=15_000.0)
    unrated = boards.decode(wire("PSU_2_SelfTest", Sequence=1, Result=0, RatedPower=0), 0.0)
    assert isinstance(unrated, SelfTestAnswer) and unrated.rated_power_w is None
    assert boards.decode(wire("LEDB_SelfTest", Sequence=1, Result=0), 0.0) == SelfTestAnswer("LEDB", 1, "")


def test_commands_become_their_frames(boards: BoardSupport) -> None:
    link: RecordingLink = boards.link  # type: ignore[assignment]
    boards.send(ConnectorBoardCommand(Side.LEFT, BoardCommand.START_SESSION, lock=True, close_contactor=True,
                                      max_current_a=80.04, max_power_w=29_996.0, max_voltage_v=500.0), 0.0)
    boards.send(PsuCommand(1, enable=True, connector=Side.RIGHT, voltage_v=400.04, current_a=50.06), 0.0)
    boards.send(PsuCommand(0), 0.0)
    boards.send(LedCommand((LedColour.BLUE, LedPattern.BREATHE)), 0.0)
    assert link.sent == [
        ("CSU_CbLeftCommand", {"Command": 1, "Lock": 1, "CloseContactor": 1, "EvseMaxCurrent": 80.0,
                               "EvseMaxPower": 30.0, "EvseMaxVoltage": 500.0}),
        ("CSU_Psu2Command", {"Enable": 1, "OutputConnector": 1, "VoltageSetpoint": 400.0, "CurrentLimit": 50.1}),
        ("CSU_Psu1Command", {"Enable": 0, "OutputConnector": PSU_NOT_ROUTED, "VoltageSetpoint": 0.0,
                             "CurrentLimit": 0.0}),
        ("CSU_LedCommand", {"LeftColour": 2, "LeftPattern": 2, "RightColour": 0, "RightPattern": 0}),
    ]


def test_a_command_that_holds_is_repeated_every_period_and_a_change_or_force_goes_at_once(
        boards: BoardSupport) -> None:
    link: RecordingLink = boards.link  # type: ignore[assignment]
    idle = ConnectorBoardCommand(Side.RIGHT)
    boards.send(idle, 0.0)
    boards.send(idle, COMMAND_REPEAT_S / 2)  # unchanged, too soon
    assert len(link.sent) == 1
    boards.send(idle, COMMAND_REPEAT_S)  # unchanged, due again
    assert len(link.sent) == 2
    boards.send(ConnectorBoardCommand(Side.RIGHT, lock=True), COMMAND_REPEAT_S + 0.01)  # changed
    boards.send(ConnectorBoardCommand(Side.RIGHT, lock=True), COMMAND_REPEAT_S + 0.02, force=True)
    boards.send(ConnectorBoardCommand(Side.LEFT), COMMAND_REPEAT_S + 0.02)  # another message: its own level
    assert [name for name, _ in link.sent] == ["CSU_CbRightCommand"] * 4 + ["CSU_CbLeftCommand"]


def test_the_self_test_request_is_an_event_sent_every_time(boards: BoardSupport) -> None:
    link: RecordingLink = boards.link  # type: ignore[assignment]
    boards.send(SelfTestRequest(1), 0.0)
    boards.send(SelfTestRequest(1), 0.0)
    assert link.sent == [("CSU_SelfTestRequest", {"Sequence": 1})] * 2


def take(station: Station, frame: Frame) -> None:
    """A frame through the station's board support, as its poll takes it."""
    fact = station.boards.decode(frame, 0.0)
    if fact is not None:
        station.take_fact(fact)


def test_the_station_drops_a_frame_that_makes_no_sense_whole_and_counts_it(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    station = world.station
    take(station, wire("CB_LEFT_Status", Standard=0, Plugged=1, Locked=1, ContactorClosed=1, Stage=6,
                       StatusCode=1_040_000))
    left = station.connectors[Side.LEFT]
    assert station.rejected_frames == 1
    assert not left.plugged and not left.edges and not left.contactor_closed and left.board_code == ""
    take(station, wire("CB_LEFT_Status", Standard=0, Plugged=1, StatusCode=23_001))
    assert station.rejected_frames == 1 and left.plugged and left.board_code == "023001"
