"""Every screen, driven to its state through the real controller, in every shipped language at
1024x600 and 800x480: it matches its golden image (``goldens/<language>/<scene>-<size>.png``),
no text is cut, overflowing or overlapping, every character has a glyph in the language's
own fonts (no tofu, no fallback to a font of this machine), and no text is below the size floor.

One rig per scene: the languages are switched on it (as OCPP ``Language`` would switch the
station default), so the world is built once per scene, not once per language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest

from controller import commands as cmd
from controller.engineer import hash_pin
from controller.port import AuthDecision, BackendLink, Reservation, Verdict
from controller.pricing import BackendCost
from controller.types import Side
from hmi.i18n import LANGUAGES
from hmi.screens import Screen
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD, UNKNOWN_CARD
from tests.ui.conftest import RigFactory
from tests.ui.rig import KioskRig, compare_with_golden

SIZES = ((1024, 600), (800, 480))


def charging(rig: KioskRig, side: Side, card: str = KNOWN_CARD) -> None:
    rig.world.station.submit(cmd.PresentToken(card))
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
    rig.world.station.submit(cmd.PresentToken(UNKNOWN_CARD))
    rig.advance(0.1)
    return rig


def plugin(make: RigFactory) -> KioskRig:
    rig = make("J0U").start()
    rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
    rig.advance(3.0)
    return rig


def preparing(make: RigFactory) -> KioskRig:
    rig = make("B0B").start()
    rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
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
    rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished")
    return rig


def status_emergency_stop(make: RigFactory) -> KioskRig:
    rig = make("U00").start()
    charging(rig, Side.LEFT)
    rig.advance(60)
    rig.world.hardware.set_emergency_stop(True)
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished")
    return rig


def status_fault(make: RigFactory) -> KioskRig:
    """011: the left connector's output fuse blew during a session; it is out of service."""
    rig = make("J0U").start()
    charging(rig, Side.LEFT)
    rig.world.hardware.inject_fault(Side.LEFT, 11001)
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished")
    return rig


def status_warning_door(make: RigFactory) -> KioskRig:
    """012: the cabinet door opened during a session; charging waits until it is closed."""
    rig = make("U00").start()
    charging(rig, Side.LEFT)
    rig.world.hardware.set_door_open(True)
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished")
    return rig


def status_ev_message(make: RigFactory) -> KioskRig:
    """023: the EV on the right stopped communicating; its message and the seven steps of 5.3.6."""
    rig = make("J0U").start()
    charging(rig, Side.RIGHT)
    rig.world.hardware.inject_fault(Side.RIGHT, 23701)
    rig.until(lambda v: v.connector(Side.RIGHT).state == "finished")
    return rig


def status_network(make: RigFactory) -> KioskRig:
    """033: the backend is unreachable while the door is open; the pager's second page."""
    rig = status_warning_door(make)
    rig.world.port.attach()
    rig.world.port.set_backend_online(BackendLink.OFFLINE, "033901")
    rig.advance(0.1)
    rig.kiosk.showStatus(1)
    rig.present()
    assert rig.kiosk.value("statusCode") == "033901"
    return rig


def out_of_service(make: RigFactory) -> KioskRig:
    rig = make("J0U")
    rig.world.hardware.boards[Side.RIGHT].silent = True
    rig.start()
    rig.world.hardware.press(left=False)  # right button: look at the right connector
    rig.advance(0.3)
    return rig


def home_language_picker(make: RigFactory) -> KioskRig:
    rig = make("J0U").start()
    rig.touch(str(rig.kiosk.value("languageName")))  # the language button
    return rig


def home_high_contrast(make: RigFactory) -> KioskRig:
    rig = make("J0U").start()
    rig.set_high_contrast(True)
    return rig


def charging_high_contrast(make: RigFactory) -> KioskRig:
    rig = charging_dual(make)
    rig.set_high_contrast(True)
    return rig


def home_backend_offline(make: RigFactory) -> KioskRig:
    """The central system is unreachable: QR code and app darkened, 033900 in the header."""
    rig = make("J0U").start()
    rig.world.port.attach()
    rig.world.port.set_backend_online(BackendLink.OFFLINE, "033900")
    rig.advance(0.1)
    return rig


def card_unchecked(make: RigFactory, connecting: bool) -> KioskRig:
    """A card in neither the local list nor the cache, and no central system to ask."""
    rig = make("J0U").start()
    rig.world.port.attach()
    rig.world.port.set_backend_online(BackendLink.CONNECTING if connecting else BackendLink.OFFLINE, "033900")
    rig.world.station.submit(cmd.PresentToken(UNKNOWN_CARD))
    rig.world.port.authorization_decided(UNKNOWN_CARD, AuthDecision(Verdict.UNCHECKED))
    rig.advance(0.1)
    return rig


def home_connecting_card_unchecked(make: RigFactory) -> KioskRig:
    """The central system answered the boot Pending: a card it never saw cannot be checked yet."""
    return card_unchecked(make, connecting=True)


def home_offline_card_unchecked(make: RigFactory) -> KioskRig:
    """The central system is unreachable."""
    return card_unchecked(make, connecting=False)


def home_reserved(make: RigFactory) -> KioskRig:
    """The right connector is kept for another driver (OCPP ReserveNow)."""
    rig = make("J0U").start()
    rig.world.port.attach()
    rig.world.port.set_backend_online(BackendLink.ONLINE)
    expiry = rig.world.clock.now() + timedelta(minutes=15)
    rig.world.port.set_reservation(Side.RIGHT, Reservation(1, OTHER_KNOWN_CARD, expiry))
    rig.advance(0.1)
    return rig


def home_checking_card(make: RigFactory) -> KioskRig:
    """A card waits for the central system's verdict."""
    rig = make("U00").start()
    rig.world.port.attach()
    rig.world.port.set_backend_online(BackendLink.ONLINE)
    rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
    rig.advance(0.1)
    return rig


def summary_backend_receipt(make: RigFactory) -> KioskRig:
    """The central system's FinalCost (OCA pricing) with its receipt link as a QR code."""
    rig = summary(make)
    cost = BackendCost(Decimal("13.37"), "USD", final=True, qr_code_text="https://csms.example.com/r/1042")
    assert rig.world.port.set_session_cost(Side.LEFT, cost)
    rig.advance(0.1)
    return rig


ENGINEER = {"engineer": {"pin_hash": hash_pin("2468", salt=b"golden-rig-salt!")}}


def engineer_pin(make: RigFactory) -> KioskRig:
    """The engineer PIN pad after a wrong PIN, the right button moved the selection to 1."""
    rig = make("J0U", **ENGINEER).start()
    rig.world.station.submit(cmd.OpenEngineer())
    for digit in "1111":
        rig.world.station.submit(cmd.PinDigit(digit))
    rig.world.station.submit(cmd.PinSubmit())
    rig.world.station.submit(cmd.PressRight())
    rig.advance(0.1)
    return rig


def engineer(make: RigFactory) -> KioskRig:
    """The engineer screen's overview while the left connector charges and a PSU reports a fault."""
    rig = make("J0U", **ENGINEER).start()
    charging(rig, Side.LEFT)
    rig.advance(60)
    rig.world.hardware.psu_fault(1, 12267)
    rig.advance(1)
    rig.world.station.submit(cmd.OpenEngineer())
    for digit in "2468":
        rig.world.station.submit(cmd.PinDigit(digit))
    rig.world.station.submit(cmd.PinSubmit())
    rig.advance(0.1)
    return rig


def engineer_codes(make: RigFactory) -> KioskRig:
    rig = engineer(make)
    rig.world.station.submit(cmd.EngineerPage(2))
    rig.advance(0.1)
    return rig


def engineer_lookup(make: RigFactory) -> KioskRig:
    rig = engineer(make)
    rig.world.station.submit(cmd.EngineerLookup("012251"))
    rig.advance(0.1)
    return rig


ALL_LANGUAGES = tuple(LANGUAGES)


@dataclass(frozen=True)
class Scene:
    build: Callable[[RigFactory], KioskRig]
    screen: Screen
    languages: tuple[str, ...] = ALL_LANGUAGES


SCENES: dict[str, Scene] = {
    "initializing": Scene(initializing, Screen.INITIALIZING),
    "home-single": Scene(home_single, Screen.HOME),
    "home-dual": Scene(home_dual, Screen.HOME),
    "home-plugged": Scene(home_plugged, Screen.HOME),
    "home-invalid-card": Scene(home_invalid_card, Screen.HOME),
    "home-language-picker": Scene(home_language_picker, Screen.HOME),
    "plugin": Scene(plugin, Screen.PLUGIN),
    "preparing": Scene(preparing, Screen.PREPARING),
    "charging-single": Scene(charging_single, Screen.CHARGING),
    "charging-dual": Scene(charging_dual, Screen.CHARGING),
    "summary": Scene(summary, Screen.SUMMARY),
    "status-emergency-stop": Scene(status_emergency_stop, Screen.STATUS),
    "status-fault": Scene(status_fault, Screen.OUT_OF_SERVICE),
    "status-warning-door": Scene(status_warning_door, Screen.STATUS),
    "status-ev-message": Scene(status_ev_message, Screen.STATUS),
    "status-network": Scene(status_network, Screen.STATUS),
    "out-of-service": Scene(out_of_service, Screen.OUT_OF_SERVICE),
    "home-backend-offline": Scene(home_backend_offline, Screen.HOME),
    "home-connecting-card-unchecked": Scene(home_connecting_card_unchecked, Screen.HOME),
    "home-offline-card-unchecked": Scene(home_offline_card_unchecked, Screen.HOME),
    "home-reserved": Scene(home_reserved, Screen.HOME),
    "home-checking-card": Scene(home_checking_card, Screen.HOME),
    "summary-backend-receipt": Scene(summary_backend_receipt, Screen.SUMMARY),
    # High contrast: one Latin and one CJK language are enough to see the palette.
    "home-high-contrast": Scene(home_high_contrast, Screen.HOME, ("en-US", "zh-TW")),
    "charging-high-contrast": Scene(charging_high_contrast, Screen.CHARGING, ("en-US", "zh-TW")),
    # Technicians: the PIN pad is translated; the engineer pages are English in every language.
    "engineer-pin": Scene(engineer_pin, Screen.ENGINEER_PIN),
    "engineer": Scene(engineer, Screen.ENGINEER, ("en-US", "zh-TW")),
    "engineer-codes": Scene(engineer_codes, Screen.ENGINEER, ("en-US",)),
    "engineer-lookup": Scene(engineer_lookup, Screen.ENGINEER, ("en-US",)),
}


@pytest.mark.parametrize("name", SCENES)
def test_screen_matches_its_golden_in_every_language_and_every_text_fits(
        make_rig: RigFactory, update_goldens: bool, name: str) -> None:
    scene = SCENES[name]
    rig = scene.build(make_rig)
    assert rig.screen == scene.screen
    failures: list[str] = []
    for tag in scene.languages:
        rig.set_language(tag)
        assert rig.kiosk.value("language") == tag
        for width, height in SIZES:
            rig.resize(width, height)
            failures += [f"{tag} {width}x{height}: {problem}" for problem in rig.text_problems()]
            try:
                compare_with_golden(rig.grab(), f"{tag}/{name}-{width}x{height}", update_goldens)
            except AssertionError as exc:
                failures.append(str(exc))
        assert rig.screen == scene.screen, f"{tag}: the language switch changed the screen"
    assert not failures, "\n".join(failures)
