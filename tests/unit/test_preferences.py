"""The driver's language and high-contrast choices last for their visit; the station default
(configuration, OCPP ``Language``) applies otherwise. Plain Python on the fake clock."""

from __future__ import annotations

import pytest

from controller import commands as cmd
from controller.config import ConfigError, from_dict
from controller.preferences import SUPPORTED_LANGUAGES, DriverPreferences
from controller.types import Side
from tests.conftest import KNOWN_CARD, WorldFactory, charge


def test_the_choice_holds_while_the_charger_is_in_use_and_ends_when_it_is_idle_again() -> None:
    prefs = DriverPreferences("en-US", high_contrast=False)
    assert prefs.choose_language("ja-JP", now=0.0)
    prefs.choose_high_contrast(True, now=0.0)
    prefs.update(idle=True, now=5.0)
    assert prefs.current.language == "ja-JP" and prefs.current.high_contrast
    prefs.update(idle=False, now=10.0)  # plugged in, charging, summary ...
    prefs.update(idle=False, now=3000.0)
    assert prefs.current.language == "ja-JP"
    prefs.update(idle=True, now=3001.0)  # everything Available again: the next driver
    assert prefs.current.language == "en-US" and not prefs.current.high_contrast


def test_a_choice_nobody_follows_up_ends_after_the_timeout() -> None:
    prefs = DriverPreferences("en-US", high_contrast=False, timeout_s=120)
    prefs.choose_language("fr-CA", now=0.0)
    prefs.update(idle=True, now=119.0)
    assert prefs.current.language == "fr-CA"
    prefs.update(idle=True, now=120.0)
    assert prefs.current.language == "en-US"


def test_the_station_default_can_change_at_run_time_but_only_to_an_offered_language() -> None:
    prefs = DriverPreferences("en-US", high_contrast=False, offered=("en-US", "ja-JP"))
    assert not prefs.set_default_language("de-DE")
    assert not prefs.choose_language("zh-CN", now=0.0)
    assert prefs.set_default_language("ja-JP")
    assert prefs.current.language == "ja-JP"


def test_the_station_snapshot_carries_the_drivers_language_for_one_session(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.station.submit(cmd.ChooseLanguage("es-US"))
    world.advance(0.1)
    assert world.view.language == "es-US"
    charge(world, Side.LEFT)
    world.advance(60)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))  # the same card stops the session
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    assert world.view.language == "es-US", "the summary is still in the driver's language"
    world.hardware.unplug(Side.LEFT)
    world.advance(0.5)
    assert world.view.connector(Side.LEFT).state == "available"
    assert world.view.language == "en-US"


def test_ocpp_language_sets_the_station_default(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    assert world.port.set_default_language("zh-TW")
    world.advance(0.1)
    assert world.view.language == "zh-TW"
    assert not world.port.set_default_language("xx-XX")
    assert world.view.languages == SUPPORTED_LANGUAGES


@pytest.mark.parametrize("station,message", [
    ({"language": "de-DE", "languages": ["en-US"]}, "[station].languages"),
    ({"language": "ja-JP", "languages": ["en-US", "es-US"]}, "[station].language: 'ja-JP' is not one of"),
    ({"languages": ["en-US", "xx-XX"]}, "[station].languages: 'xx-XX' is not one of"),
    ({"time_zone": "Mars/Olympus"}, "[station].time_zone"),
])
def test_bad_language_settings_are_refused_naming_the_field(station: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        from_dict({"station": station})
