"""Every screen, driven to its state through the real controller, at 1024x600 and 800x480:
it matches its golden image and no text is cut, overflowing or overlapping."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from controller.types import Side
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD, UNKNOWN_CARD
from tests.ui.conftest import RigFactory
from tests.ui.rig import KioskRig, compare_with_golden

SIZES = ((1024, 600), (800, 480))


def charging(rig: KioskRig, side: Side, card: str = KNOWN_CARD) -> None:
    rig.world.station.tap(card)
    rig.advance(0.1)
    rig.world.hardware.plug(side)
    rig.until(lambda v: v.connector(side).state == "charging")


def initializing(make: RigFactory) -> KioskRig:
    rig = make("J0U")
    rig.advance(0.5)  # the I/O board has answered, the connector boards not yet
    return rig


def home_single(make: RigFactory) -> KioskRig:
    return make("U00").start()


def home_dual(make: RigFactory) -> KioskRig:
    return make("J0U").start()


def home_plugged(make: RigFactory) -> KioskRig:
    rig = make("U00").start()
    rig.world.hardware.plug(Side.LEFT)
    rig.advance(0.3)
    return rig


def home_invalid_card(make: RigFactory) -> KioskRig:
    rig = make("U00").start()
    rig.world.station.tap(UNKNOWN_CARD)
    rig.advance(0.1)
    return rig


def plugin(make: RigFactory) -> KioskRig:
    rig = make("J0U").start()
    rig.world.station.tap(KNOWN_CARD)
    rig.advance(3.0)
    return rig


def preparing(make: RigFactory) -> KioskRig:
    rig = make("B0B").start()
    rig.world.station.tap(KNOWN_CARD)
    rig.advance(0.1)
    rig.world.hardware.plug(Side.LEFT)
    rig.advance(2.0)  # communication done, cable check running
    return rig


def charging_single(make: RigFactory) -> KioskRig:
    rig = make("U00").start()
    charging(rig, Side.LEFT)
    rig.advance(300)
    return rig


def charging_dual(make: RigFactory) -> KioskRig:
    rig = make("J0U").start()
    charging(rig, Side.LEFT)
    rig.advance(60)
    charging(rig, Side.RIGHT, OTHER_KNOWN_CARD)
    rig.advance(120)
    return rig


def summary(make: RigFactory) -> KioskRig:
    rig = make("U00").start()
    charging(rig, Side.LEFT)
    rig.advance(600)
    rig.world.station.tap(KNOWN_CARD)
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished")
    return rig


def status_emergency_stop(make: RigFactory) -> KioskRig:
    rig = make("U00").start()
    charging(rig, Side.LEFT)
    rig.advance(60)
    rig.world.hardware.set_emergency_stop(True)
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished")
    return rig


def out_of_service(make: RigFactory) -> KioskRig:
    rig = make("J0U")
    rig.world.hardware.boards[Side.RIGHT].silent = True
    rig.start()
    rig.world.hardware.press(left=False)  # right button: look at the right connector
    rig.advance(0.3)
    return rig


SCENES: dict[str, tuple[Callable[[RigFactory], KioskRig], str]] = {
    "initializing": (initializing, "initializing"),
    "home-single": (home_single, "home"),
    "home-dual": (home_dual, "home"),
    "home-plugged": (home_plugged, "home"),
    "home-invalid-card": (home_invalid_card, "home"),
    "plugin": (plugin, "plugin"),
    "preparing": (preparing, "preparing"),
    "charging-single": (charging_single, "charging"),
    "charging-dual": (charging_dual, "charging"),
    "summary": (summary, "summary"),
    "status-emergency-stop": (status_emergency_stop, "status"),
    "out-of-service": (out_of_service, "outOfService"),
}


@pytest.mark.parametrize("name", SCENES)
def test_screen_matches_its_golden_and_every_text_fits(make_rig: RigFactory, update_goldens: bool, name: str) -> None:
    build, screen = SCENES[name]
    rig = build(make_rig)
    assert rig.screen == screen
    for width, height in SIZES:
        rig.resize(width, height)
        assert rig.text_problems() == [], f"{name} at {width}x{height}"
        compare_with_golden(rig.grab(), f"{name}-{width}x{height}", update_goldens)
