"""Display power's rules on a fake clock: dim, sleep, wake, brightness by day and night, and
what each situation allows (controller.display_power); the station's first touch swallowed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from controller import commands as cmd
from controller.config import Config, ConfigError, DisplayPowerSection
from controller.display_power import DisplayLevel, DisplayPower, Look, Situation, drift, swallowed
from controller.port import BackendLink
from controller.session import StopReason
from controller.types import Side
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD, WorldFactory, charge

ON = DisplayPowerSection(enabled=True)
NOON = datetime(2026, 6, 1, 19, 0, tzinfo=UTC)  # 12:00 in Los Angeles
MIDNIGHT = datetime(2026, 6, 2, 7, 0, tzinfo=UTC)  # 00:00 in Los Angeles
ZONE = "America/Los_Angeles"


def power(section: DisplayPowerSection = ON) -> DisplayPower:
    return DisplayPower(section, ZONE, 0.0)


# --- the core -------------------------------------------------------------------------


def test_home_dims_after_dim_after_s_then_shows_the_attract_screen_after_sleep_after_s() -> None:
    display = power()
    assert display.observe(Situation.HOME, 59.9, NOON).level is DisplayLevel.AWAKE
    dim = display.observe(Situation.HOME, 60.0, NOON)
    assert (dim.level, dim.look, dim.brightness_percent, dim.backlight_on) == (DisplayLevel.DIM, Look.NORMAL, 25, True)
    asleep = display.observe(Situation.HOME, 300.0, NOON)
    assert (asleep.level, asleep.look, asleep.brightness_percent) == (DisplayLevel.ASLEEP, Look.ATTRACT, 10)
    assert asleep.backlight_on


def test_blank_mode_turns_the_backlight_off() -> None:
    display = power(DisplayPowerSection(enabled=True, sleep_mode="blank"))
    asleep = display.observe(Situation.HOME, 300.0, NOON)
    assert (asleep.look, asleep.brightness_percent, asleep.backlight_on) == (Look.BLANK, 0, False)


def test_a_running_session_dims_to_the_glance_later_and_never_sleeps() -> None:
    display = power()
    assert display.observe(Situation.CHARGING, 119.0, NOON).level is DisplayLevel.AWAKE
    glance = display.observe(Situation.CHARGING, 120.0, NOON)
    assert (glance.level, glance.look, glance.brightness_percent) == (DisplayLevel.DIM, Look.GLANCE, 25)
    assert display.observe(Situation.CHARGING, 86_400.0, NOON).look is Look.GLANCE


def test_a_code_a_summary_or_a_waiting_cable_dims_but_never_sleeps() -> None:
    display = power()
    assert display.observe(Situation.ATTENTION, 60.0, NOON).level is DisplayLevel.DIM
    state = display.observe(Situation.ATTENTION, 86_400.0, NOON)
    assert (state.level, state.look, state.backlight_on) == (DisplayLevel.DIM, Look.NORMAL, True)


def test_the_engineer_screen_never_dims() -> None:
    assert power().observe(Situation.TECHNICIAN, 86_400.0, NOON).level is DisplayLevel.AWAKE


def test_activity_and_wake_events_restart_the_timers() -> None:
    display = power()
    assert display.observe(Situation.HOME, 400.0, NOON).level is DisplayLevel.ASLEEP
    display.activity(400.0)
    assert display.level is DisplayLevel.AWAKE
    assert display.observe(Situation.HOME, 459.0, NOON).level is DisplayLevel.AWAKE
    assert display.observe(Situation.HOME, 460.0, NOON).level is DisplayLevel.DIM
    display.wake(470.0)
    assert display.observe(Situation.HOME, 471.0, NOON).level is DisplayLevel.AWAKE


def test_brightness_follows_day_and_night_in_the_station_time_zone() -> None:
    display = power(DisplayPowerSection(enabled=True, night_brightness=20, dim_brightness=25))
    assert display.observe(Situation.HOME, 1.0, NOON).brightness_percent == 100
    assert display.observe(Situation.HOME, 1.0, MIDNIGHT).brightness_percent == 20
    assert display.observe(Situation.HOME, 61.0, MIDNIGHT).brightness_percent == 20, "dim is never brighter"
    # 21:00 to 06:30 local: 05:00 UTC is 22:00 in Los Angeles, 14:00 UTC is 07:00
    assert display.night(datetime(2026, 6, 2, 5, 0, tzinfo=UTC))
    assert not display.night(datetime(2026, 6, 2, 14, 0, tzinfo=UTC))


def test_a_night_within_one_day_is_understood_too() -> None:
    display = power(DisplayPowerSection(enabled=True, night_from="01:00", day_from="05:00"))
    assert display.night(datetime(2026, 6, 2, 9, 0, tzinfo=UTC))  # 02:00 local
    assert not display.night(MIDNIGHT)


def test_switched_off_the_display_stays_awake_at_day_brightness() -> None:
    display = power(DisplayPowerSection())
    state = display.observe(Situation.HOME, 86_400.0, MIDNIGHT)
    assert (state.level, state.look, state.brightness_percent) == (DisplayLevel.AWAKE, Look.NORMAL, 100)
    assert not display.home_due(86_400.0)


def test_the_attract_content_moves_a_step_every_period_and_stays_within_the_panel() -> None:
    offsets = [drift(minute * 60.0, 60.0) for minute in range(20)]
    assert len(set(offsets)) == 20, "20 distinct positions before it repeats"
    assert drift(20 * 60.0, 60.0) == offsets[0]
    assert drift(0.0, 60.0) == drift(59.9, 60.0) != drift(60.0, 60.0)
    assert all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in offsets)
    state = power().observe(Situation.HOME, 360.0, NOON)
    assert state.drift == drift(360.0, 60.0)


@pytest.mark.parametrize("command", [cmd.PressLeft(), cmd.PressRight(), cmd.SelectSide(Side.RIGHT),
                                     cmd.TouchStop(Side.LEFT), cmd.CancelPending(), cmd.Dismiss(),
                                     cmd.ChooseLanguage("fr-CA"), cmd.ChooseHighContrast(True), cmd.OpenEngineer()])
def test_every_touch_and_button_only_wakes_a_dim_or_sleeping_display(command: cmd.Command) -> None:
    assert swallowed(command, DisplayLevel.DIM)
    assert swallowed(command, DisplayLevel.ASLEEP)
    assert not swallowed(command, DisplayLevel.AWAKE)


def test_a_card_and_the_backends_commands_act_at_any_level() -> None:
    for command in (cmd.PresentToken(KNOWN_CARD), cmd.RemoteStart(KNOWN_CARD), cmd.StopSession(Side.LEFT,
                                                                                                StopReason.REMOTE)):
        assert not swallowed(command, DisplayLevel.ASLEEP)


def test_home_is_due_once_per_quiet_spell() -> None:
    display = power()
    assert not display.home_due(89.0)
    assert display.home_due(90.0)
    display.returned_home()
    assert not display.home_due(500.0)
    assert display.observe(Situation.HOME, 500.0, NOON).home_returns == 1
    display.activity(600.0)
    assert display.home_due(690.0)


@pytest.mark.parametrize(("values", "message"), [
    ({"sleep_after_s": 30.0}, "sleep_after_s: must be longer"),
    ({"sleep_mode": "off"}, "sleep_mode"),
    ({"night_from": "9pm"}, "night_from"),
    ({"day_from": "24:00"}, "day_from"),
    ({"dim_brightness": 0}, "dim_brightness"),
    ({"home_after_s": 5.0}, "home_after_s"),
])
def test_the_configuration_is_checked(values: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Config().with_overrides(display_power=values)


# --- the station ----------------------------------------------------------------------

FAST = {"enabled": True, "dim_after_s": 5.0, "sleep_after_s": 10.0, "charging_dim_after_s": 5.0,
        "home_after_s": 12.0}


def test_home_dims_and_sleeps_in_the_station_and_a_plug_in_wakes_it(make_world: WorldFactory) -> None:
    world = make_world("U00", display_power=FAST)
    world.advance(5.1)
    assert world.view.display.level is DisplayLevel.DIM
    world.advance(5.0)
    assert world.view.display.look is Look.ATTRACT
    world.hardware.plug(Side.LEFT)
    world.advance(0.3)
    assert world.view.display.level is DisplayLevel.AWAKE


def test_a_card_tap_acts_and_wakes(make_world: WorldFactory) -> None:
    world = make_world("U00", display_power=FAST)
    world.advance(11)
    assert world.view.display.level is DisplayLevel.ASLEEP
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    assert world.view.pending is not None, "the card was taken"
    assert world.view.display.level is DisplayLevel.AWAKE


def test_a_remote_start_acts_and_wakes(make_world: WorldFactory) -> None:
    world = make_world("U00", display_power=FAST)
    world.advance(11)
    assert world.port.submit(cmd.RemoteStart(KNOWN_CARD, Side.LEFT))
    world.advance(0.1)
    assert world.view.pending is not None
    assert world.view.display.level is DisplayLevel.AWAKE


def test_a_new_status_code_wakes_the_display(make_world: WorldFactory) -> None:
    world = make_world("U00", display_power=FAST)
    world.advance(11)
    world.hardware.set_door_open(True)
    world.advance(0.3)
    assert world.view.display.level is DisplayLevel.AWAKE
    world.advance(60)
    assert world.view.display.level is DisplayLevel.DIM, "a code on screen dims but never sleeps"


def test_the_left_button_on_a_dimmed_charging_screen_only_wakes(make_world: WorldFactory) -> None:
    world = make_world("U00", display_power=FAST)
    charge(world, Side.LEFT)
    world.advance(6)
    assert world.view.display.look is Look.GLANCE
    world.hardware.press(left=True)
    world.advance(0.3)
    assert world.view.connector(Side.LEFT).state == "charging", "the first press only wakes"
    assert world.view.display.level is DisplayLevel.AWAKE
    world.hardware.press(left=True)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10), "the second press stops"


def test_a_touch_arriving_while_dim_never_acts_even_when_the_kiosk_still_looked_awake(
        make_world: WorldFactory) -> None:
    world = make_world("U00", display_power=FAST)
    charge(world, Side.LEFT)
    world.advance(6)
    world.station.submit(cmd.ScreenActivity())  # a passive report from a screen not yet dark: no wake
    assert world.station.display_power.level is DisplayLevel.DIM
    world.station.submit(cmd.TouchStop(Side.LEFT))
    world.advance(0.3)
    assert world.view.connector(Side.LEFT).state == "charging"
    world.station.submit(cmd.WakeDisplay())  # the kiosk's catcher, the frame still dark: nothing else
    world.station.submit(cmd.TouchStop(Side.LEFT))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)


def test_screen_activity_keeps_an_awake_display_awake(make_world: WorldFactory) -> None:
    world = make_world("U00", display_power=FAST)
    for _ in range(4):
        world.advance(3)
        world.station.submit(cmd.ScreenActivity())
    world.advance(0.1)
    assert world.view.display.level is DisplayLevel.AWAKE


def test_the_right_button_on_a_dim_home_only_wakes(make_world: WorldFactory) -> None:
    world = make_world("J0U", display_power=FAST)
    world.advance(6)
    world.hardware.press(left=False)
    world.advance(0.3)
    assert world.view.focused is Side.LEFT
    assert world.view.display.level is DisplayLevel.AWAKE


def test_back_home_after_inactivity_on_the_other_connector_and_the_status_paging_resets(
        make_world: WorldFactory) -> None:
    world = make_world("J0U", display_power=FAST)
    world.station.submit(cmd.PressRight())
    world.advance(11.9)
    assert world.view.focused is Side.RIGHT
    world.advance(0.2)
    assert world.view.focused is Side.LEFT
    assert world.view.display.home_returns == 1


def test_back_to_the_session_after_inactivity_on_the_free_connector(make_world: WorldFactory) -> None:
    world = make_world("J0U", display_power=FAST)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    world.station.submit(cmd.SelectSide(Side.LEFT))
    world.advance(12.1)
    assert world.view.focused is Side.RIGHT


def test_never_back_home_from_a_live_session(make_world: WorldFactory) -> None:
    world = make_world("J0U", display_power=FAST)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    world.advance(30)
    assert world.view.focused is Side.RIGHT
    assert world.view.display.home_returns == 0


def test_switched_off_nothing_changes(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    world.station.submit(cmd.PressRight())
    world.advance(400)
    assert world.view.focused is Side.RIGHT
    assert world.view.display.level is DisplayLevel.AWAKE


def test_back_to_a_cable_waiting_for_a_card_rather_than_the_first_connector(make_world: WorldFactory) -> None:
    world = make_world("J0U", display_power=FAST)
    world.hardware.plug(Side.RIGHT)
    world.advance(0.3)
    assert world.view.focused is Side.RIGHT
    world.station.submit(cmd.SelectSide(Side.LEFT))
    world.advance(12.1)
    assert world.view.focused is Side.RIGHT
    assert world.view.display.level is DisplayLevel.DIM, "a cable waiting for a card dims but never sleeps"


def test_the_central_systems_link_coming_and_going_does_not_wake_the_panel(make_world: WorldFactory) -> None:
    world = make_world("U00", display_power=FAST)
    world.port.attach()
    world.advance(11)
    assert world.view.display.level is DisplayLevel.ASLEEP
    world.port.set_backend_online(BackendLink.OFFLINE, "033900")
    world.advance(0.3)
    assert world.view.display.level is DisplayLevel.ASLEEP
