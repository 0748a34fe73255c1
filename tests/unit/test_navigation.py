"""Which screen a snapshot shows, and what the two buttons say there (pure functions)."""

from __future__ import annotations

from controller import commands as cmd
from controller.fault_policy import out_of_service
from controller.port import BackendLink
from controller.types import Side
from hmi.format import Formatter
from hmi.navigation import screen_for
from hmi.presenter import button_texts, kiosk_values
from hmi.screens import Screen
from tests.conftest import KNOWN_CARD, WorldFactory, charge


def test_screens_follow_the_focused_connector_through_a_session(make_world: WorldFactory) -> None:
    world = make_world("J0U", start=False)
    assert screen_for(world.view) == Screen.INITIALIZING
    world.start()
    assert screen_for(world.view) == Screen.HOME
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    assert screen_for(world.view) == Screen.PLUGIN
    world.hardware.plug(Side.RIGHT)
    world.advance(0.2)
    assert screen_for(world.view) == Screen.PREPARING
    assert world.run_until(lambda v: screen_for(v) == Screen.CHARGING, 20)
    world.station.submit(cmd.PressRight())  # look at the idle left connector
    assert screen_for(world.station.view()) == Screen.HOME


def test_a_station_wide_warning_shows_the_status_screen_and_a_part_fault_out_of_service(
        make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.hardware.set_door_open(True)
    world.advance(0.3)
    assert screen_for(world.view) == Screen.STATUS
    values = kiosk_values(world.view, Formatter())
    assert (values.statusCode, values.statusScopeText) == ("012252", "Charger")
    assert values.statusSteps[0].startswith("Close the cabinet door")
    world.hardware.set_door_open(False)
    world.hardware.inject_fault(Side.LEFT, 11013)  # CCS output relay welding: a part fault
    world.advance(0.3)
    assert screen_for(world.view) == Screen.OUT_OF_SERVICE


def test_the_fault_policy_says_which_codes_need_a_technician() -> None:
    assert out_of_service("011013") and out_of_service("041005"), "a part fault, and the power cabinet's"
    assert all(out_of_service(f"{code:06d}") for code in (12279, *range(12280, 12288), *range(12291, 12294))), \
        "no power module left, a failed start-up self-test"
    assert not any(out_of_service(code) for code in ("012288", "012251", "012252", "013608", "023701", "033900"))


def test_several_codes_are_all_reachable_on_the_status_screen(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.hardware.set_door_open(True)
    world.hardware.set_emergency_stop(True)
    world.advance(0.3)
    first = kiosk_values(world.view, Formatter(), status_index=0)
    second = kiosk_values(world.view, Formatter(), status_index=1)
    assert first.statusCount == 2
    assert {first.statusCode, second.statusCode} == {"012251", "012252"}


def test_every_code_and_every_step_is_reachable_when_they_take_several_pages(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    world.hardware.inject_fault(Side.LEFT, 23701)  # an EV message: seven steps (manual 5.3.6)
    world.hardware.inject_fault(Side.RIGHT, 13608)  # information on the other connector: not on this screen
    world.hardware.set_door_open(True)
    world.port.attach()
    world.port.set_backend_online(BackendLink.OFFLINE, "033900")  # the network's message
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    assert screen_for(world.view) == Screen.STATUS
    count = kiosk_values(world.view, Formatter()).statusCount
    pages = [kiosk_values(world.view, Formatter(), status_index=i) for i in range(count)]
    seen: dict[str, list[int]] = {}
    for page in pages:
        assert 1 <= len(page.statusSteps) <= 3, "a page holds what fits on the smallest screen"
        numbers = range(page.statusStepOffset + 1, page.statusStepOffset + 1 + len(page.statusSteps))
        seen.setdefault(page.statusCode, []).extend(numbers)
    assert seen == {"012252": [1, 2, 3], "023701": [1, 2, 3, 4, 5, 6, 7], "033900": [1, 2]}
    assert pages[0].statusCode == "012252", "what blocks the station comes first"


def test_the_button_hints_say_what_the_buttons_do_here(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    assert button_texts(Screen.INITIALIZING, world.view) == ("", "")
    assert button_texts(Screen.HOME, world.view) == ("", "Switch connector")
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    assert button_texts(Screen.PLUGIN, world.view) == ("Cancel", "")
    single = make_world("U00")
    charge(single, Side.LEFT)
    assert button_texts(Screen.CHARGING, single.view) == ("Stop", "")
