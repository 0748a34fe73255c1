"""Which screen a snapshot shows, and what the two buttons say there (pure functions)."""

from __future__ import annotations

from controller.types import Side
from hmi.format import Formatter
from hmi.navigation import screen_for
from hmi.presenter import button_texts, kiosk_values
from tests.conftest import KNOWN_CARD, WorldFactory, charge


def test_screens_follow_the_focused_connector_through_a_session(make_world: WorldFactory) -> None:
    world = make_world("J0U", start=False)
    assert screen_for(world.view) == "initializing"
    world.start()
    assert screen_for(world.view) == "home"
    world.station.tap(KNOWN_CARD)
    world.advance(0.1)
    assert screen_for(world.view) == "plugin"
    world.hardware.plug(Side.RIGHT)
    world.advance(0.2)
    assert screen_for(world.view) == "preparing"
    assert world.run_until(lambda v: screen_for(v) == "charging", 20)
    world.station.submit("press_right")  # look at the idle left connector
    assert screen_for(world.station.view()) == "home"


def test_a_station_wide_warning_shows_the_status_screen_and_a_part_fault_out_of_service(
        make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.hardware.set_door_open(True)
    world.advance(0.3)
    assert screen_for(world.view) == "status"
    values = kiosk_values(world.view, Formatter())
    assert (values["statusCode"], values["statusScopeText"]) == ("012252", "Charger")
    assert values["statusSteps"][0].startswith("Close the cabinet door")
    world.hardware.set_door_open(False)
    world.hardware.inject_fault(Side.LEFT, 11013)  # CCS output relay welding: a part fault
    world.advance(0.3)
    assert screen_for(world.view) == "outOfService"


def test_several_codes_are_all_reachable_on_the_status_screen(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.hardware.set_door_open(True)
    world.hardware.set_emergency_stop(True)
    world.advance(0.3)
    first = kiosk_values(world.view, Formatter(), status_index=0)
    second = kiosk_values(world.view, Formatter(), status_index=1)
    assert first["statusCount"] == 2
    assert {first["statusCode"], second["statusCode"]} == {"012251", "012252"}


def test_the_button_hints_say_what_the_buttons_do_here(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    assert button_texts("initializing", world.view) == ("", "")
    assert button_texts("home", world.view) == ("", "Switch connector")
    world.station.tap(KNOWN_CARD)
    world.advance(0.1)
    assert button_texts("plugin", world.view) == ("Cancel", "")
    single = make_world("U00")
    charge(single, Side.LEFT)
    assert button_texts("charging", single.view) == ("Stop", "")
