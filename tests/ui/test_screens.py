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

import can
import pytest

from controller import commands as cmd
from controller import security_events as se
from controller.buses import can_errors as ce
from controller.display_messages import DisplayMessage, MessagePriority, MessageState
from controller.engineer import hash_pin
from controller.port import AuthDecision, BackendLink, Reservation, Verdict
from controller.pricing import BackendCost, PriceText
from controller.types import Side
from controller.view import NoticeKind
from hmi.i18n import LANGUAGES
from hmi.screens import Screen
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD, UNKNOWN_CARD
from tests.support.can_wire import error_message
from tests.ui.conftest import RigFactory
from tests.ui.rig import KioskRig, compare_with_golden

SIZES = ((1024, 600), (800, 480))


def charging(rig: KioskRig, side: Side, card: str = KNOWN_CARD) -> None:
    rig.world.station.submit(cmd.PresentToken(card))
    rig.advance(0.1)
    if rig.world.port.awaiting_verdict:  # a central system decides: it accepts the card
        rig.world.port.authorization_decided(card, AuthDecision(Verdict.ACCEPTED))
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


def _right_waits_behind_the_left(rig: KioskRig) -> KioskRig:
    """The right charging, then the left (priority, manual 5.2.3) takes the only module left; the
    screen shows the waiting right."""
    rig.start()
    rig.world.hardware.set_next_ev(Side.LEFT, start_soc=62, target_soc=80)
    charging(rig, Side.RIGHT, OTHER_KNOWN_CARD)
    rig.advance(30)
    charging(rig, Side.LEFT)
    rig.advance(60)
    rig.world.station.submit(cmd.SelectSide(Side.RIGHT))
    rig.until(lambda v: v.focused is Side.RIGHT and v.connector(Side.RIGHT).waiting is not None)
    return rig


def charging_queued_other(make: RigFactory) -> KioskRig:
    """A station with one power module by design: the other connector is charging first."""
    return _right_waits_behind_the_left(make("J0U", limits={"psu_count": 1}))


def charging_queued_psu(make: RigFactory) -> KioskRig:
    """One of the two modules out of service: none left for the right."""
    rig = make("J0U")
    rig.world.hardware.psu_fault(0, 12267)
    return _right_waits_behind_the_left(rig)


def _operator_pause(rig: KioskRig, side: Side | None) -> None:
    """The central system's schedule: nothing until 6 PM at the station (10 AM now)."""
    rig.world.port.set_external_limit(0.0, side, rig.world.clock.now() + timedelta(hours=8))


def charging_queued_operator(make: RigFactory) -> KioskRig:
    rig = make("U00").start()
    _operator_pause(rig, Side.LEFT)
    charging(rig, Side.LEFT)
    rig.advance(20)
    return rig


def preparing_queued_operator(make: RigFactory) -> KioskRig:
    rig = make("B0B").start()
    _operator_pause(rig, None)
    rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
    rig.advance(0.1)
    rig.world.hardware.plug(Side.LEFT)
    rig.advance(2.0)  # communication done, cable check running
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


def failed_start(rig: KioskRig, side: Side, failure: str) -> KioskRig:
    """The EV on ``side`` makes the start fail (controller.sim.failed_starts); 15 s later."""
    rig.world.hardware.boards[side].fail_next_start(failure)
    rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
    rig.advance(0.1)
    rig.world.hardware.plug(side)
    rig.until(lambda v: v.connector(side).state == "finished")
    rig.advance(15)
    return rig


def start_failed_communication(make: RigFactory) -> KioskRig:
    """CHAdeMO 023700 during the handshake: unplug and plug in again, the card kept for 1:45."""
    return failed_start(make("J0U").start(), Side.LEFT, "communication")


def start_failed_isolation(make: RigFactory) -> KioskRig:
    """The insulation test failed twice in a row: no retry here, the other connector or a call."""
    rig = failed_start(make("J0U").start(), Side.LEFT, "isolation")
    rig.world.hardware.unplug(Side.LEFT)
    rig.advance(1)
    rig.world.hardware.boards[Side.LEFT].fail_next_start("isolation")
    rig.world.hardware.plug(Side.LEFT)  # the kept authorization starts the second attempt
    rig.until(lambda v: v.connector(Side.LEFT).state == "preparing")
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished")
    rig.advance(1)
    return rig


def start_failed_ev_refused(make: RigFactory) -> KioskRig:
    """The CCS1 EV declined before energy (no code): Try again with the cable in."""
    return failed_start(make("U00").start(), Side.LEFT, "refuse")


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


def updating(make: RigFactory) -> KioskRig:
    """A software update is installing: no new session, back in a few minutes."""
    rig = make("J0U").start()
    rig.world.port.set_software_update(True)
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


def large_text(rig: KioskRig) -> KioskRig:
    rig.set_large_text(True)
    return rig


def home_large_text(make: RigFactory) -> KioskRig:
    return large_text(home_dual(make))


def status_large_text(make: RigFactory) -> KioskRig:
    return large_text(status_ev_message(make))


def summary_large_text(make: RigFactory) -> KioskRig:
    return large_text(summary(make))


def charging_single_large_text(make: RigFactory) -> KioskRig:
    return large_text(charging_single(make))


def charging_dual_large_text(make: RigFactory) -> KioskRig:
    return large_text(charging_dual(make))


def start_failed_large_text(make: RigFactory) -> KioskRig:
    return large_text(start_failed_isolation(make))


def home_backend_offline(make: RigFactory) -> KioskRig:
    """The central system is unreachable: the QR code covered (no phone can read it), the app dimmed,
    033900 in the header."""
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


def home_no_verdict(make: RigFactory) -> KioskRig:
    """The central system's verdict on a card never came: said so (it used to say "Invalid card")."""
    rig = home_checking_card(make)
    rig.until(lambda v: v.notice is not None and v.notice.kind is NoticeKind.NO_VERDICT, 120)
    return rig


def summary_backend_receipt(make: RigFactory) -> KioskRig:
    """The central system's FinalCost (OCA pricing) with its receipt link as a QR code."""
    rig = summary(make)
    cost = BackendCost(Decimal("13.37"), "USD", final=True, qr_code_text="https://csms.example.com/r/1042")
    assert rig.world.port.set_session_cost(Side.LEFT, cost)
    rig.advance(0.1)
    return rig


# --- OCPP 2.0.1: the operator's display messages, the driver's tariff, the cost ------------

#: An operator's notice in each of the kiosk's languages (one message per language, as a
#: central system sends them); the CJK ones use characters the shipped font subsets carry.
MAINTENANCE = {
    "en-US": "Planned maintenance from 6 to 8 am: this charger will be unavailable during that time.",
    "es-US": "Mantenimiento programado de 6 a 8 a. m.: este cargador no estará disponible durante ese tiempo.",
    "fr-CA": "Entretien prévu de 6 h à 8 h : cette borne ne sera pas disponible pendant ce temps.",
    "ja-JP": "本日6時から8時まで点検のため、この充電器は使用できません。",
    "zh-TW": "6點至8點進行維護，其間本充電樁將無法使用。",
    "zh-CN": "6点到8点进行维护，其间本充电桩将无法使用。",
}
MOVE_YOUR_CAR = {
    "en-US": "Please move your car when charging ends: an idle fee applies after 10 minutes.",
    "es-US": "Mueva su auto cuando termine la carga: se cobra una tarifa de inactividad después de 10 minutos.",
    "fr-CA": "Déplacez votre véhicule à la fin de la recharge : des frais d'attente s'appliquent après 10 minutes.",
    "ja-JP": "充電が終わったら、お車を動かしてください。10分後から料金がかかります。",
    "zh-TW": "充電結束後請將車輛移開，10分鐘後開始收費。",
    "zh-CN": "充电结束后请将车辆移开，10分钟后开始收费。",
}
PERSONAL_TARIFF = PriceText((
    ("en-US", "Member price: $0.42 per kWh and $0.05 per minute"),
    ("es-US", "Precio de socio: $0.42 por kWh y $0.05 por minuto"),
    ("fr-CA", "Prix membre : 0,42 $ par kWh et 0,05 $ par minute"),
    ("ja-JP", "あなたの料金：$0.42/kWh、1分あたり$0.05"),
    ("zh-TW", "會員：每度電$0.42，每分鐘$0.05"),
    ("zh-CN", "您的费用：每度电$0.42，每分钟$0.05"),
))
TOTAL_COST_FALLBACK = PriceText((
    ("en-US", "Your final cost will be shown in the app and on your invoice."),
    ("es-US", "El costo final aparecerá en la app y en su factura."),
    ("fr-CA", "Le coût final sera affiché dans l'application et sur votre facture."),
    ("ja-JP", "料金はアプリでご確認ください。"),
    ("zh-TW", "費用請在App中查看。"),
    ("zh-CN", "费用请在App中查看。"),
))


def online(rig: KioskRig) -> KioskRig:
    """A central system is configured and has accepted the charger."""
    rig.world.port.attach()
    rig.world.port.set_backend_online(BackendLink.ONLINE)
    rig.advance(0.1)
    return rig


def per_language(texts: dict[str, str], first_id: int, **fields: object) -> tuple[DisplayMessage, ...]:
    return tuple(DisplayMessage(first_id + n, text, language=tag, **fields)  # type: ignore[arg-type]
                 for n, (tag, text) in enumerate(texts.items()))


def home_operator_message(make: RigFactory) -> KioskRig:
    """An InFront notice while the charger is idle, in the driver's language (a NormalCycle one waits)."""
    rig = online(make("J0U").start())
    rig.world.port.set_display_messages((
        DisplayMessage(1, "Welcome!", MessagePriority.NORMAL_CYCLE),
        *per_language(MAINTENANCE, 10, priority=MessagePriority.IN_FRONT, state=MessageState.IDLE),
    ))
    rig.advance(0.1)
    return rig


def charging_operator_message(make: RigFactory) -> KioskRig:
    """A message of the running transaction, shown while it charges."""
    rig = online(make("U00").start())
    charging(rig, Side.LEFT)
    rig.world.port.set_display_messages(per_language(
        MOVE_YOUR_CAR, 20, priority=MessagePriority.IN_FRONT, state=MessageState.CHARGING, side=Side.LEFT))
    rig.advance(300)
    return rig


def plugin_personal_tariff(make: RigFactory) -> KioskRig:
    """The driver's own tariff (2.0.1 idTokenInfo.personalMessage) came with the card's verdict."""
    rig = online(make("J0U").start())
    rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
    rig.advance(0.1)
    rig.world.port.set_user_price(KNOWN_CARD, PERSONAL_TARIFF)
    rig.world.port.authorization_decided(KNOWN_CARD, AuthDecision(Verdict.ACCEPTED))
    rig.advance(3.0)
    return rig


def charging_running_cost(make: RigFactory) -> KioskRig:
    """The backend's running cost (2.0.1 CostUpdated) instead of the local tariff's."""
    rig = online(make("U00").start())
    charging(rig, Side.LEFT)
    rig.advance(300)
    assert rig.world.port.set_session_cost(Side.LEFT, BackendCost(Decimal("7.42"), "USD"))
    rig.advance(0.1)
    return rig


def summary_total_cost(make: RigFactory, cost: str | None) -> KioskRig:
    rig = make("U00").start()
    online(rig)
    rig.world.port.set_cost_fallbacks(None, TOTAL_COST_FALLBACK)
    charging(rig, Side.LEFT)
    rig.advance(600)
    rig.world.station.submit(cmd.PresentToken(KNOWN_CARD))
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished")
    if cost is not None:
        assert rig.world.port.set_session_cost(Side.LEFT, BackendCost(Decimal(cost), "USD", final=True))
    rig.advance(0.1)
    return rig


def summary_total_cost_amount(make: RigFactory) -> KioskRig:
    """The total cost of the Ended answer (2.0.1 totalCost)."""
    return summary_total_cost(make, "18.40")


def summary_total_cost_free(make: RigFactory) -> KioskRig:
    """A total cost of 0.00: free, and said so."""
    return summary_total_cost(make, "0.00")


def summary_total_cost_fallback(make: RigFactory) -> KioskRig:
    """No total cost came: the operator's TotalCostFallbackMessage, no amount (absent is not free)."""
    return summary_total_cost(make, None)


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


def engineer_connectors(make: RigFactory) -> KioskRig:
    """The connectors page beside the internal CAN bus, which saw no acknowledgement three times,
    went to warning, and once dropped a frame of an unknown id."""
    rig = engineer(make)
    peer = can.Bus(interface="virtual", channel=rig.world.channel)
    try:
        for _ in range(3):
            peer.send(error_message(ce.CAN_ERR_ACK))
        peer.send(error_message(ce.CAN_ERR_CRTL, bytes([0, ce.CAN_ERR_CRTL_TX_WARNING])))
        peer.send(can.Message(arbitration_id=0x7F0, data=b"\x01"))
    finally:
        peer.shutdown()
    rig.world.station.submit(cmd.EngineerPage(1))
    rig.advance(2)
    return rig


def engineer_security(make: RigFactory) -> KioskRig:
    """The security log: the start-up (confirmed by a central system), the engineer's login, the
    cabinet door (pending), the time set, a refused handshake and an invalid frame (only logged)."""
    rig = engineer(make)
    log = rig.world.station.security_log
    log.delivered(log.recent(10)[-1].seq)  # StartupOfTheDevice, as a central system confirms it
    rig.world.hardware.set_door_open(True)
    rig.advance(1)
    log.record(se.SETTING_SYSTEM_TIME, "time moved by +3600 s to the central system's 2026-11-25T19:01:03.000Z")
    log.delivered(log.recent(1)[0].seq)
    log.record(se.FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM, "HTTP 401 Unauthorized on the handshake")
    log.record(se.INVALID_MESSAGES, "Reset breaks its schema (PropertyConstraintViolation): 'Sideways' is not "
                                    "one of ['Hard', 'Soft']")
    rig.world.station.submit(cmd.EngineerPage(4))
    rig.advance(0.1)
    return rig


def engineer_reliability(make: RigFactory) -> KioskRig:
    """The Reliability page: the left connector charged once and charges again; the cabinet door
    was open for ten minutes meanwhile (the right port was down, the left one in use was not)."""
    rig = make("J0U", **ENGINEER).start()
    charging(rig, Side.LEFT)
    rig.advance(60)
    rig.world.hardware.press(left=True)  # stop: a successful session
    rig.until(lambda v: v.connector(Side.LEFT).state == "finished")
    rig.world.hardware.unplug(Side.LEFT)
    rig.advance(5)
    charging(rig, Side.LEFT)
    rig.advance(30)
    rig.world.hardware.set_door_open(True)
    rig.advance(600)
    rig.world.hardware.set_door_open(False)
    rig.advance(1)
    rig.world.station.submit(cmd.OpenEngineer())
    for digit in "2468":
        rig.world.station.submit(cmd.PinDigit(digit))
    rig.world.station.submit(cmd.PinSubmit())
    rig.world.station.submit(cmd.EngineerPage(5))
    rig.advance(0.1)
    return rig


#: Display power on, with short timers (controller.display_power).
DISPLAY_POWER = {"enabled": True, "dim_after_s": 20.0, "sleep_after_s": 40.0, "charging_dim_after_s": 20.0}


def home_attract(make: RigFactory) -> KioskRig:
    """Nobody came for a while: the attract screen (price and how to start) at low brightness."""
    rig = make("J0U", display_power=DISPLAY_POWER).start()
    rig.advance(45)
    return rig


def home_attract_shifted(make: RigFactory) -> KioskRig:
    """... and some minutes later, moved elsewhere on the panel (no burn-in)."""
    rig = home_attract(make)
    rig.advance(180)
    return rig


def charging_glance_single(make: RigFactory) -> KioskRig:
    """A long charge nobody watches: the dimmed glance, state of charge and power."""
    rig = make("U00", display_power=DISPLAY_POWER).start()
    charging(rig, Side.LEFT)
    rig.advance(300)
    return rig


def charging_glance_dual(make: RigFactory) -> KioskRig:
    rig = make("J0U", display_power=DISPLAY_POWER).start()
    charging(rig, Side.LEFT)
    rig.advance(60)
    charging(rig, Side.RIGHT, OTHER_KNOWN_CARD)
    rig.advance(120)
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
    # The queue: why a session gets no power yet, and when it starts by itself.
    "charging-queued-other": Scene(charging_queued_other, Screen.CHARGING),
    "charging-queued-psu": Scene(charging_queued_psu, Screen.CHARGING),
    "charging-queued-operator": Scene(charging_queued_operator, Screen.CHARGING),
    "preparing-queued-operator": Scene(preparing_queued_operator, Screen.PREPARING),
    "status-emergency-stop": Scene(status_emergency_stop, Screen.STATUS),
    "status-fault": Scene(status_fault, Screen.OUT_OF_SERVICE),
    "status-warning-door": Scene(status_warning_door, Screen.STATUS),
    "status-ev-message": Scene(status_ev_message, Screen.STATUS),
    "status-network": Scene(status_network, Screen.STATUS),
    "start-failed-communication": Scene(start_failed_communication, Screen.START_FAILED),
    "start-failed-isolation": Scene(start_failed_isolation, Screen.START_FAILED),
    "start-failed-ev-refused": Scene(start_failed_ev_refused, Screen.START_FAILED),
    "out-of-service": Scene(out_of_service, Screen.OUT_OF_SERVICE),
    "updating": Scene(updating, Screen.UPDATING),
    "home-backend-offline": Scene(home_backend_offline, Screen.HOME),
    "home-connecting-card-unchecked": Scene(home_connecting_card_unchecked, Screen.HOME),
    "home-offline-card-unchecked": Scene(home_offline_card_unchecked, Screen.HOME),
    "home-reserved": Scene(home_reserved, Screen.HOME),
    "home-checking-card": Scene(home_checking_card, Screen.HOME),
    "home-no-verdict": Scene(home_no_verdict, Screen.HOME),
    "summary-backend-receipt": Scene(summary_backend_receipt, Screen.SUMMARY),
    "home-operator-message": Scene(home_operator_message, Screen.HOME),
    "charging-operator-message": Scene(charging_operator_message, Screen.CHARGING),
    "plugin-personal-tariff": Scene(plugin_personal_tariff, Screen.PLUGIN),
    "charging-running-cost": Scene(charging_running_cost, Screen.CHARGING),
    "summary-total-cost": Scene(summary_total_cost_amount, Screen.SUMMARY),
    "summary-total-cost-free": Scene(summary_total_cost_free, Screen.SUMMARY),
    "summary-total-cost-fallback": Scene(summary_total_cost_fallback, Screen.SUMMARY),
    # Display power: what the dimmed or sleeping panel shows (the backlight does the dimming).
    "home-attract": Scene(home_attract, Screen.HOME),
    "home-attract-shifted": Scene(home_attract_shifted, Screen.HOME, ("en-US", "ja-JP")),
    "charging-glance-single": Scene(charging_glance_single, Screen.CHARGING),
    "charging-glance-dual": Scene(charging_glance_dual, Screen.CHARGING),
    # High contrast: one Latin and one CJK language are enough to see the palette.
    "home-high-contrast": Scene(home_high_contrast, Screen.HOME, ("en-US", "zh-TW")),
    "charging-high-contrast": Scene(charging_high_contrast, Screen.CHARGING, ("en-US", "zh-TW")),
    # Larger text: the driver's button on Home; every driver screen shows less at once, larger.
    "home-large-text": Scene(home_large_text, Screen.HOME),
    "charging-single-large-text": Scene(charging_single_large_text, Screen.CHARGING),
    "charging-dual-large-text": Scene(charging_dual_large_text, Screen.CHARGING),
    "status-large-text": Scene(status_large_text, Screen.STATUS),
    "summary-large-text": Scene(summary_large_text, Screen.SUMMARY),
    "start-failed-large-text": Scene(start_failed_large_text, Screen.START_FAILED),
    # Technicians: the PIN pad is translated; the engineer pages are English in every language.
    "engineer-pin": Scene(engineer_pin, Screen.ENGINEER_PIN),
    "engineer": Scene(engineer, Screen.ENGINEER, ("en-US", "zh-TW")),
    "engineer-codes": Scene(engineer_codes, Screen.ENGINEER, ("en-US",)),
    "engineer-lookup": Scene(engineer_lookup, Screen.ENGINEER, ("en-US",)),
    "engineer-security": Scene(engineer_security, Screen.ENGINEER, ("en-US",)),
    "engineer-connectors": Scene(engineer_connectors, Screen.ENGINEER, ("en-US",)),
    "engineer-reliability": Scene(engineer_reliability, Screen.ENGINEER, ("en-US",)),
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
