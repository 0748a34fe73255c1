"""Who to call ([station] operator, helpdesk phone, site address) reaches the kiosk's view, checked
as configured; the larger text is a driver's choice for one visit, like high contrast."""

from __future__ import annotations

import pytest

from controller import commands as cmd
from controller.config import Config, ConfigError, from_dict
from controller.preferences import DriverPreferences
from controller.sim.world import World
from controller.types import Side
from controller.view import Contact
from tests.conftest import charge

CONTACT = {"operator_name": "Pacific Charge Co.", "helpdesk_phone": "+1 (800) 555-0142",
           "site_address": "1200 Harbor Blvd, Oakland, CA"}


def started(**station: object) -> World:
    world = World(Config().with_overrides(station={"version": "U00", **station}))
    world.start()
    return world


def test_the_configured_contact_is_on_the_view_and_nothing_when_none_is_configured() -> None:
    world = started(**CONTACT)
    try:
        assert world.view.contact == Contact("Pacific Charge Co.", "+1 (800) 555-0142", "1200 Harbor Blvd, Oakland, CA")
    finally:
        world.close()
    bare = started()
    try:
        assert bare.view.contact is None
    finally:
        bare.close()


@pytest.mark.parametrize("phone", ["+1 (800) 555-0142", "0800 123 456", "+33 1 23 45 67 89", "112", "+49-30-1234567"])
def test_phone_numbers_as_printed_are_accepted(phone: str) -> None:
    assert from_dict({"station": {"helpdesk_phone": phone}}).station.helpdesk_phone == phone


@pytest.mark.parametrize("station,field", [
    ({"helpdesk_phone": "call us"}, "helpdesk_phone"),
    ({"helpdesk_phone": "+1 (800) 555-0142 ext 12"}, "helpdesk_phone"),
    ({"helpdesk_phone": "+1 800 555 0142 0000 000"}, "helpdesk_phone"),  # 23 characters
    ({"helpdesk_phone": "--"}, "helpdesk_phone"),
    ({"operator_name": "A" * 41}, "operator_name"),
    ({"operator_name": " Pacific"}, "operator_name"),
    ({"site_address": "1200 Harbor Blvd\nOakland"}, "site_address"),
])
def test_bad_contact_settings_are_refused_naming_the_field(station: dict, field: str) -> None:
    with pytest.raises(ConfigError, match=rf"\[station\]\.{field}"):
        from_dict({"station": station})


def test_larger_text_holds_for_the_visit_and_returns_to_the_default_when_idle() -> None:
    prefs = DriverPreferences("en-US", high_contrast=False)
    assert not prefs.current.large_text
    prefs.choose_large_text(True, now=0.0)
    prefs.update(idle=False, now=5.0)
    assert prefs.current.large_text and not prefs.current.high_contrast
    prefs.update(idle=True, now=6.0)
    assert not prefs.current.large_text
    always = DriverPreferences("en-US", high_contrast=False, large_text=True)
    always.choose_large_text(False, now=0.0)
    assert not always.current.large_text
    always.update(idle=True, now=200.0)
    assert always.current.large_text, "the station default is back after the timeout"


def test_the_drivers_larger_text_reaches_the_view_for_one_session() -> None:
    world = started()
    try:
        assert not world.view.large_text
        world.station.submit(cmd.ChooseLargeText(True))
        world.advance(0.1)
        assert world.view.large_text
        charge(world, Side.LEFT)
        world.station.submit(cmd.PressLeft())
        assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
        assert world.view.large_text, "the summary is still in larger text"
        world.hardware.unplug(Side.LEFT)
        assert world.run_until(lambda v: not v.large_text, 5)
    finally:
        world.close()
    configured = started(large_text=True)
    try:
        assert configured.view.large_text
    finally:
        configured.close()
