"""The operator's display messages: which one the kiosk shows now, and what the station refuses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from controller.display_messages import (
    MAX_QR_CHARS,
    MAX_TEXT_WIDTH,
    MAX_URI_CHARS,
    ROTATION_S,
    Activity,
    DisplayMessage,
    MessageFormat,
    MessagePriority,
    MessageState,
    Refusal,
    check,
    display_width,
    shown,
)
from controller.types import Side

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
IDLE = Activity()
LEFT_CHARGING = Activity(in_session=frozenset({Side.LEFT}))
ALWAYS, IN_FRONT, NORMAL = MessagePriority.ALWAYS_FRONT, MessagePriority.IN_FRONT, MessagePriority.NORMAL_CYCLE


def msg(message_id: int, priority: MessagePriority = NORMAL, **fields: object) -> DisplayMessage:
    return DisplayMessage(message_id, f"message {message_id}", priority, **fields)  # type: ignore[arg-type]


def pick(messages: list[DisplayMessage], activity: Activity = IDLE, clock_s: float = 0.0, language: str = "en-US",
         focus: Side = Side.LEFT, now: datetime = NOW) -> int | None:
    chosen = shown(messages, now, clock_s, activity, language, focus)
    return chosen.message_id if chosen else None


# --- priority -------------------------------------------------------------------------------


def test_always_front_beats_in_front_which_beats_normal_cycle() -> None:
    assert pick([msg(1, NORMAL), msg(2, IN_FRONT), msg(3, ALWAYS)]) == 3
    assert pick([msg(1, NORMAL), msg(2, IN_FRONT)]) == 2
    assert pick([msg(1, NORMAL)]) == 1
    assert pick([]) is None


def test_the_newest_always_front_message_shows_and_never_cycles() -> None:
    messages = [msg(9, ALWAYS), msg(4, ALWAYS)]  # the set is oldest first: 4 came after 9
    assert {pick(messages, clock_s=t * ROTATION_S) for t in range(5)} == {4}


def test_a_higher_priority_message_outside_its_window_leaves_the_lower_one_showing() -> None:
    later = msg(2, ALWAYS, start=NOW + timedelta(minutes=1))
    assert pick([msg(1, NORMAL), later]) == 1
    assert pick([msg(1, NORMAL), later], now=NOW + timedelta(minutes=1)) == 2


# --- rotation -------------------------------------------------------------------------------


def test_normal_cycle_messages_take_turns_by_id_every_rotation_period() -> None:
    messages = [msg(30), msg(10), msg(20)]
    turns = [pick(messages, clock_s=s) for s in (0, ROTATION_S - 0.01, ROTATION_S, 2 * ROTATION_S, 3 * ROTATION_S)]
    assert turns == [10, 10, 20, 30, 10]


def test_in_front_messages_cycle_among_themselves_and_hide_the_normal_cycle() -> None:
    messages = [msg(1, NORMAL), msg(2, IN_FRONT), msg(3, IN_FRONT)]
    assert [pick(messages, clock_s=t * ROTATION_S) for t in range(4)] == [2, 3, 2, 3]


# --- time window ----------------------------------------------------------------------------


def test_a_message_shows_from_its_start_until_just_before_its_end() -> None:
    window = [msg(1, start=NOW, end=NOW + timedelta(hours=1))]
    assert pick(window, now=NOW - timedelta(seconds=1)) is None
    assert pick(window, now=NOW) == 1
    assert pick(window, now=NOW + timedelta(minutes=59, seconds=59)) == 1
    assert pick(window, now=NOW + timedelta(hours=1)) is None


def test_open_ended_bounds_mean_no_bound() -> None:
    assert pick([msg(1, end=NOW + timedelta(seconds=1))], now=NOW - timedelta(days=365)) == 1
    assert pick([msg(1, start=NOW)], now=NOW + timedelta(days=365)) == 1


def test_a_naive_time_bound_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        DisplayMessage(1, "x", start=datetime(2026, 1, 1))


# --- state conditions -----------------------------------------------------------------------


@pytest.mark.parametrize(("state", "activity", "expected"), [
    (MessageState.IDLE, IDLE, True),
    (MessageState.IDLE, LEFT_CHARGING, False),
    (MessageState.IDLE, Activity(faulted=True), False),
    (MessageState.IDLE, Activity(unavailable=True), False),
    (MessageState.CHARGING, LEFT_CHARGING, True),
    (MessageState.CHARGING, Activity(in_session=frozenset({Side.RIGHT})), True),  # any side, without a side
    (MessageState.CHARGING, IDLE, False),
    (MessageState.FAULTED, Activity(faulted=True), True),
    (MessageState.FAULTED, LEFT_CHARGING, False),
    (MessageState.UNAVAILABLE, Activity(unavailable=True), True),
    (MessageState.UNAVAILABLE, IDLE, False),
    (None, Activity(faulted=True, unavailable=True, in_session=frozenset({Side.LEFT})), True),
])
def test_a_message_shows_only_while_its_state_condition_holds(
        state: MessageState | None, activity: Activity, expected: bool) -> None:
    assert (pick([msg(1, state=state)], activity) == 1) is expected


# --- a transaction's connector ---------------------------------------------------------------


def test_a_message_of_a_session_shows_only_while_it_runs_and_only_on_its_connector() -> None:
    mine = [msg(1, side=Side.LEFT)]
    assert pick(mine, LEFT_CHARGING, focus=Side.LEFT) == 1
    assert pick(mine, LEFT_CHARGING, focus=Side.RIGHT) is None  # the other connector is in front
    assert pick(mine, Activity(in_session=frozenset({Side.RIGHT})), focus=Side.LEFT) is None
    assert pick(mine, IDLE) is None  # the session has ended


def test_a_charging_message_of_a_session_needs_that_session_not_any() -> None:
    mine = [msg(1, state=MessageState.CHARGING, side=Side.RIGHT)]
    assert pick(mine, LEFT_CHARGING, focus=Side.RIGHT) is None
    assert pick(mine, Activity(in_session=frozenset({Side.RIGHT})), focus=Side.RIGHT) == 1


# --- language -------------------------------------------------------------------------------


def test_the_drivers_language_is_preferred_within_a_priority() -> None:
    messages = [msg(1, language="en-US"), msg(2, language="fr-CA"), msg(3, language="ja-JP")]
    assert pick(messages, language="fr-CA") == 2
    assert pick(messages, language="fr-FR") == 2  # same primary language
    assert pick(messages, language="ja-JP") == 3


def test_the_exact_language_beats_the_same_primary_language() -> None:
    messages = [msg(1, language="zh-TW"), msg(2, language="zh-CN")]
    assert [pick(messages, language="zh-CN", clock_s=t * ROTATION_S) for t in range(2)] == [2, 2]
    assert [pick(messages, language="zh-HK", clock_s=t * ROTATION_S) for t in range(2)] == [1, 2]


def test_messages_in_other_languages_give_way_to_one_without_a_language() -> None:
    assert pick([msg(1, language="en-US"), msg(2)], language="ja-JP") == 2


def test_a_message_without_a_language_suits_every_driver() -> None:
    messages = [msg(1, language="en-US"), msg(2)]
    assert [pick(messages, language="es-US", clock_s=t * ROTATION_S) for t in range(2)] == [2, 2]
    assert [pick(messages, language="en-US", clock_s=t * ROTATION_S) for t in range(2)] == [1, 2]


def test_a_message_in_another_language_still_shows_when_none_is_in_the_drivers() -> None:
    assert pick([msg(1, language="en-US")], language="zh-TW") == 1


def test_priority_comes_before_language() -> None:
    assert pick([msg(1, ALWAYS, language="en-US"), msg(2, IN_FRONT, language="fr-CA")], language="fr-CA") == 1


# --- what the station cannot show ------------------------------------------------------------


def test_html_is_not_a_format_the_station_draws() -> None:
    assert check(DisplayMessage(1, "<b>Hi</b>", format=MessageFormat.HTML)) is Refusal.FORMAT


@pytest.mark.parametrize("content", ["", "   ", "\n", "bell\x07", "zero\u200bwidth", "nul\x00"])
def test_empty_or_control_character_content_is_refused(content: str) -> None:
    assert check(DisplayMessage(1, content)) is Refusal.CONTENT


def test_text_up_to_the_area_width_is_shown_and_longer_is_refused() -> None:
    assert check(DisplayMessage(1, "a" * MAX_TEXT_WIDTH)) is None
    assert check(DisplayMessage(1, "a" * (MAX_TEXT_WIDTH + 1))) is Refusal.CONTENT
    assert check(DisplayMessage(1, "Two lines\nof text")) is None


def test_wide_characters_count_twice() -> None:
    assert display_width("充電 OK") == 7
    assert check(DisplayMessage(1, "充" * (MAX_TEXT_WIDTH // 2))) is None
    assert check(DisplayMessage(1, "充" * (MAX_TEXT_WIDTH // 2 + 1))) is Refusal.CONTENT


@pytest.mark.parametrize(("link", "refusal"), [
    ("https://operator.example/help", None),
    ("HTTP://operator.example", None),
    ("https://operator.example/" + "a" * (MAX_URI_CHARS - 25), None),
    ("https://operator.example/" + "a" * (MAX_URI_CHARS - 24), Refusal.CONTENT),
    ("operator.example/help", Refusal.CONTENT),  # no scheme
    ("javascript:alert(1)", Refusal.CONTENT),
    ("https:///no-host", Refusal.CONTENT),
    ("https://operator.example/a b", Refusal.CONTENT),
])
def test_a_link_must_be_a_web_address_a_phone_opens(link: str, refusal: Refusal | None) -> None:
    assert check(DisplayMessage(1, link, format=MessageFormat.URI)) is refusal


def test_qr_content_fits_a_code_read_at_arms_length() -> None:
    assert check(DisplayMessage(1, "x" * MAX_QR_CHARS, format=MessageFormat.QR)) is None
    assert check(DisplayMessage(1, "x" * (MAX_QR_CHARS + 1), format=MessageFormat.QR)) is Refusal.CONTENT


def test_a_window_that_ends_before_it_starts_is_refused() -> None:
    assert check(DisplayMessage(1, "x", start=NOW, end=NOW)) is Refusal.CONTENT
    assert check(DisplayMessage(1, "x", start=NOW, end=NOW + timedelta(seconds=1))) is None
