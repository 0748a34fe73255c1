"""The boards' self-test and the watchdog (controller.self_test)."""

from __future__ import annotations

from typing import Any

from controller.active_codes import ActiveCodes
from controller.boards import SelfTestAnswer
from controller.buses.board_support import BoardSupport
from controller.buses.can_link import Frame
from controller.clock import FakeClock
from controller.config import LimitsSection
from controller.power_modules import PowerModules
from controller.self_test import (
    BOARD_SILENCE_S,
    CODE_LED_BOARD_SELF_TEST,
    CODE_MODEL_MISMATCH,
    CODE_PSU_COMMUNICATION,
    CODE_PSU_SELF_TEST,
    SelfTest,
)
from controller.types import Side, Standard

STATUS = {"CB_LEFT": {"Standard": 0, "Plugged": 0, "Locked": 0, "ContactorClosed": 0, "Stage": 0,
                      "EvStopReason": 0, "StatusCode": 0},
          "PSU_1": {"Enabled": 0, "Temperature": 30, "OutputVoltage": 0, "OutputCurrent": 0, "FaultCode": 0},
          "PSU_2": {"Enabled": 0, "Temperature": 30, "OutputVoltage": 0, "OutputCurrent": 0, "FaultCode": 0},
          "IOB": {"LeftButton": 0, "RightButton": 0, "EmergencyStop": 0, "DoorOpen": 0, "Tilt": 0,
                  "AmbientTemperature": 25, "CabinetTemperature": 30}}


class Link:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def send(self, name: str, **signals: Any) -> None:
        self.sent.append(name)


class Connector:
    def __init__(self, standard: Standard) -> None:
        self.standard = standard
        self.reported_standard: Standard | None = None


class Rig:
    """A J00 station's self-test: the left CHAdeMO board, two power modules, I/O and LED boards."""

    def __init__(self) -> None:
        self.link = Link()
        self.boards = BoardSupport(self.link)  # type: ignore[arg-type]
        self.stops: list[tuple[str, Side | None]] = []
        self.codes = ActiveCodes(FakeClock(), lambda code, side: None,
                                 lambda code, side, why: self.stops.append((code, side)))
        self.ready = False
        self.modules = PowerModules(LimitsSection(psu_count=2), self.codes, lambda: self.ready)
        self.connectors = {Side.LEFT: Connector(Standard.CHADEMO)}
        self.test = SelfTest(self.connectors, "J00", 5.0, self.boards, self.codes, self.modules)

    def answer(self, node: str, code: str = "", **given: Any) -> None:
        self.test.on_answer(SelfTestAnswer(node, given.pop("sequence", 1), code, **given))

    def speak(self, node: str, now: float) -> None:
        self.boards.decode(Frame(f"{node}_Status", STATUS[node]), now)

    def active(self) -> dict[str, Side | None]:
        return {c.code: c.side for c in self.codes.active}


def test_the_station_is_ready_once_every_board_has_answered_and_spoken() -> None:
    rig = Rig()
    assert not rig.test.run(0.0) and rig.link.sent == ["CSU_SelfTestRequest"]
    rig.answer("CB_LEFT", side=Side.LEFT, standard=Standard.CHADEMO)
    for node in ("PSU_1", "PSU_2", "IOB", "LEDB"):
        rig.answer(node)
    assert not rig.test.run(0.5), "answered, but no status frame yet"
    for node in ("CB_LEFT", "PSU_1", "PSU_2"):
        rig.speak(node, 0.6)
    assert not rig.test.run(0.7)
    rig.speak("IOB", 0.8)  # the LED board has no status frame to wait for
    assert rig.test.run(0.9)
    assert rig.link.sent == ["CSU_SelfTestRequest"], "asked again only after SELF_TEST_RETRY_S"
    assert rig.test.results == dict.fromkeys(rig.test.expected, "passed") and not rig.active()


def test_answers_to_another_request_or_from_boards_not_expected_are_ignored() -> None:
    rig = Rig()
    rig.answer("IOB", "012280", sequence=2)
    rig.answer("PSU_3", "041002")
    assert not rig.test.answered and not rig.active()


def test_a_failed_answer_raises_its_code_blocking_except_for_a_power_module() -> None:
    rig = Rig()
    rig.answer("PSU_1", "041002", rated_power_w=15_000.0)
    rig.answer("CB_LEFT", "012283", side=Side.LEFT, standard=Standard.CHADEMO)
    assert rig.active() == {"041002": None, "012283": Side.LEFT}
    assert rig.stops == [("012283", Side.LEFT)]
    psu = rig.modules.psus[0]
    assert psu.failed_self_test and psu.rated_w == 15_000.0 and rig.test.results["PSU_1"] == "failed 041002"


def test_a_connector_board_of_another_standard_is_a_model_mismatch() -> None:
    rig = Rig()
    rig.answer("CB_LEFT", side=Side.LEFT, standard=Standard.GBT)
    assert rig.connectors[Side.LEFT].reported_standard is Standard.GBT
    assert rig.active() == {CODE_MODEL_MISMATCH: Side.LEFT}


def test_boards_that_never_answer_raise_their_codes_when_the_time_is_up() -> None:
    rig = Rig()
    rig.test.run(0.0)
    rig.answer("CB_LEFT", side=Side.LEFT, standard=Standard.CHADEMO)
    rig.answer("IOB")
    rig.speak("CB_LEFT", 0.1)
    rig.speak("IOB", 0.1)
    assert not rig.test.run(4.9)
    assert rig.test.run(5.0)
    assert rig.active() == {CODE_PSU_SELF_TEST: None, CODE_LED_BOARD_SELF_TEST: None}
    assert rig.stops == [(CODE_LED_BOARD_SELF_TEST, None)], "a missing power module does not block by itself"


def test_the_power_modules_communication_code_stays_until_every_silent_module_speaks() -> None:
    rig = Rig()
    rig.test.run(0.0)
    for node in ("PSU_1", "PSU_2"):
        rig.answer(node)
        rig.speak(node, 0.1)
        rig.modules.psus[int(node[-1]) - 1].present = True
    rig.test.run(5.0)
    rig.ready = True
    rig.speak("PSU_1", 5.0)
    rig.test.watch(5.0 + BOARD_SILENCE_S)  # PSU_2 last spoke at 0.1
    assert rig.active().get(CODE_PSU_COMMUNICATION, "none") is None
    assert not rig.modules.psus[1].present and rig.modules.psus[0].present
    rig.test.watch(5.0 + BOARD_SILENCE_S + 0.1)  # PSU_1 is silent too now
    rig.speak("PSU_2", 6.2)
    rig.test.watch(6.2)
    assert CODE_PSU_COMMUNICATION in rig.active(), "PSU_1 is still silent"
    rig.speak("PSU_1", 6.3)
    rig.test.watch(6.3)
    assert CODE_PSU_COMMUNICATION not in rig.active()
