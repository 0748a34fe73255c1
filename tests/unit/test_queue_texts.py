"""What the screens say of a session waiting for power (hmi.presenter.waiting_texts): the reason,
and when it starts by itself as a clock time (a schedule) or "about" a duration (another session)."""

from __future__ import annotations

from dataclasses import replace

from controller.queue import Waiting, WaitReason
from controller.types import Side, Standard
from hmi.format import Formatter
from hmi.presenter import connector_values, waiting_texts
from hmi.preview_samples import charging, charging_queued_operator, charging_queued_other
from hmi.speech_text import spoken_text

FMT = Formatter("en-US", "America/Los_Angeles")
FR = Formatter("fr-CA", "America/Los_Angeles")


def test_the_other_session_gives_an_estimate_in_minutes_and_the_state_says_waiting() -> None:
    view = charging_queued_other()
    values = connector_values(view.connector(Side.RIGHT), view, FMT)
    assert values.waitingText == "The other connector is charging first"
    assert values.waitingUntilText == "Charging starts by itself in about 18\u00a0min"
    assert values.stateText == "Waiting for power" and not values.sharedPower and values.limitText == ""
    assert connector_values(view.connector(Side.LEFT), view, FMT).waitingText == ""


def test_a_schedule_gives_the_local_clock_time() -> None:
    view = charging_queued_operator()
    assert waiting_texts(view.connector(Side.LEFT), FMT) == (
        "The operator has paused charging for now", "Charging starts by itself at 6:00\u202fPM")
    assert waiting_texts(view.connector(Side.LEFT), FR)[1].endswith("18\u00a0h\u00a000")  # the locale's clock


def test_without_an_estimate_each_reason_says_what_it_waits_for() -> None:
    base = charging(Side.LEFT, Standard.CCS1)
    expected = {
        WaitReason.OTHER_CONNECTOR: "Charging starts by itself when the other session ends",
        WaitReason.PSU_DOWN: "Charging starts by itself when power is free again",
        WaitReason.OPERATOR: "Charging starts by itself when the operator allows it",
        WaitReason.TEMPERATURE: "Charging starts by itself when it is cooler",
        WaitReason.GRID: "Charging starts by itself when the supply is normal",
    }
    for reason, text in expected.items():
        reason_text, when = waiting_texts(replace(base, waiting=Waiting(reason)), FMT)
        assert reason_text and when == text


def test_an_estimate_under_a_minute_still_reads_one_minute_and_a_finished_session_says_nothing() -> None:
    soon = replace(charging(Side.LEFT, Standard.CCS1), waiting=Waiting(WaitReason.OTHER_CONNECTOR, 0))
    assert waiting_texts(soon, FMT)[1] == "Charging starts by itself in about 1\u00a0min"
    done = replace(soon, state="finished")
    assert waiting_texts(done, FMT) == ("", "")


def test_the_voice_says_why_and_when() -> None:
    spoken = spoken_text(charging_queued_operator(), FMT)
    assert "The operator has paused charging for now." in spoken
    assert "Charging starts by itself at 6:00" in spoken
