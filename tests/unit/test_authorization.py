"""Authorization rules without a station: tokens, plug-ins, verdicts, reservations, remote starts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from controller.auth import LocalAuthorizer
from controller.authorization import (
    USER_PRICES_KEPT,
    AskBackend,
    Authorization,
    Authorize,
    Refuse,
    ShowSide,
    SideState,
    StopOwnSession,
    WaitForPlug,
)
from controller.port import AuthDecision, Reservation, Verdict
from controller.pricing import PriceText
from controller.session import ConnectorState as S
from controller.types import AuthMethod, Side
from controller.view import NoticeKind

KNOWN = "04A1B2C3D4E5F6"
OTHER = "04B2C3D4E5F607"
UNKNOWN = "0455AA0F19FE21"
EXPIRY = datetime(2030, 1, 1, tzinfo=UTC)
FREE = (SideState(Side.LEFT, S.AVAILABLE), SideState(Side.RIGHT, S.AVAILABLE))
FREE_SIDES = (Side.LEFT, Side.RIGHT)


def make(backend: bool = False) -> Authorization:
    authorization = Authorization(LocalAuthorizer([KNOWN, OTHER]), plug_in_timeout_s=60, authorization_timeout_s=35,
                                  tap_hold_off_s=2)
    authorization.ask_backend = backend
    return authorization


def sides(left: S = S.AVAILABLE, right: S = S.AVAILABLE) -> tuple[SideState, ...]:
    return SideState(Side.LEFT, left), SideState(Side.RIGHT, right)


# --- presented tokens ------------------------------------------------------------------


def test_the_card_that_started_a_session_stops_it() -> None:
    charging = (SideState(Side.LEFT, S.AVAILABLE), SideState(Side.RIGHT, S.CHARGING, session_token=KNOWN))
    assert make().present(KNOWN, AuthMethod.RFID, 0.0, charging, Side.LEFT) == StopOwnSession(Side.RIGHT, KNOWN)


def test_its_card_tapped_again_while_the_session_winds_down_only_brings_it_to_the_front() -> None:
    stopping = (SideState(Side.LEFT, S.STOPPING, session_token=KNOWN), SideState(Side.RIGHT, S.AVAILABLE))
    assert make().present(KNOWN, AuthMethod.RFID, 0.0, stopping, Side.RIGHT) == ShowSide(Side.LEFT)


def test_another_card_does_not_stop_a_session() -> None:
    charging = (SideState(Side.LEFT, S.CHARGING, session_token=KNOWN), SideState(Side.RIGHT, S.AVAILABLE))
    assert make().present(OTHER, AuthMethod.RFID, 0.0, charging, Side.LEFT) == WaitForPlug(OTHER, (Side.RIGHT,))


def test_a_card_left_on_the_reader_counts_once_within_the_hold_off() -> None:
    authorization = make()
    assert authorization.present("04:a1:b2:c3:d4:e5:f6", AuthMethod.RFID, 0.0, FREE, Side.LEFT) is not None
    assert authorization.present(KNOWN, AuthMethod.RFID, 1.5, FREE, Side.LEFT) is None
    authorization.cancel()
    assert authorization.present(KNOWN, AuthMethod.RFID, 2.0, FREE, Side.LEFT) == WaitForPlug(KNOWN, FREE_SIDES)


def test_no_token_at_all_does_nothing() -> None:
    assert make().present("::", AuthMethod.RFID, 0.0, FREE, Side.LEFT) is None


def test_without_a_backend_the_allow_list_refuses_an_unknown_card() -> None:
    assert make().present(UNKNOWN, AuthMethod.RFID, 0.0, FREE, Side.LEFT) == Refuse(NoticeKind.INVALID_CARD)


def test_a_known_card_waits_for_a_cable_on_any_free_connector() -> None:
    authorization = make()
    assert authorization.present(KNOWN, AuthMethod.RFID, 10.0, FREE, Side.LEFT) == WaitForPlug(KNOWN, FREE_SIDES)
    assert authorization.pending is not None and authorization.pending.expires_at == 70.0
    assert authorization.eligible_for_plug_in(FREE) == FREE_SIDES
    assert not authorization.idle


def test_a_known_card_starts_on_the_focused_plugged_connector_first() -> None:
    both = sides(S.PLUGGED, S.PLUGGED)
    assert make().present(KNOWN, AuthMethod.RFID, 0.0, both, Side.RIGHT) == Authorize(Side.RIGHT, KNOWN,
                                                                                      AuthMethod.RFID)
    assert make().present(KNOWN, AuthMethod.RFID, 0.0, both, Side.LEFT) == Authorize(Side.LEFT, KNOWN,
                                                                                     AuthMethod.RFID)


def test_a_blocked_or_out_of_service_connector_is_not_offered() -> None:
    states = (SideState(Side.LEFT, S.AVAILABLE, blocked=True), SideState(Side.RIGHT, S.AVAILABLE, operative=False))
    assert make().present(KNOWN, AuthMethod.RFID, 0.0, states, Side.LEFT) == Refuse(NoticeKind.NO_CONNECTOR_FREE)


def test_with_every_connector_busy_the_card_is_not_for_a_session() -> None:
    busy = (SideState(Side.LEFT, S.CHARGING, session_token=OTHER), SideState(Side.RIGHT, S.FINISHED))
    assert make().present(KNOWN, AuthMethod.RFID, 0.0, busy, Side.LEFT) == Refuse(NoticeKind.CARD_NOT_FOR_SESSION)


# --- the backend's verdict -------------------------------------------------------------


def test_with_a_backend_the_card_is_asked_about_one_card_at_a_time() -> None:
    authorization = make(backend=True)
    plugged = sides(right=S.PLUGGED)
    assert authorization.present(UNKNOWN, AuthMethod.RFID, 0.0, plugged, Side.LEFT) == AskBackend(UNKNOWN, Side.RIGHT)
    assert authorization.awaiting_backend
    assert authorization.present(KNOWN, AuthMethod.RFID, 0.5, plugged, Side.LEFT) is None
    accepted = authorization.decided(UNKNOWN, AuthDecision(Verdict.ACCEPTED), 1.0, plugged, Side.LEFT)
    assert accepted == Authorize(Side.RIGHT, UNKNOWN, AuthMethod.RFID)
    assert authorization.idle


def test_a_verdict_on_a_card_nobody_waits_for_is_ignored() -> None:
    authorization = make(backend=True)
    authorization.present(KNOWN, AuthMethod.RFID, 0.0, FREE, Side.LEFT)
    assert authorization.decided(OTHER, AuthDecision(Verdict.ACCEPTED), 1.0, FREE, Side.LEFT) is None
    assert authorization.cancel()
    assert authorization.decided(KNOWN, AuthDecision(Verdict.ACCEPTED), 1.0, FREE, Side.LEFT) is None


@pytest.mark.parametrize(("verdict", "notice"), [
    (Verdict.INVALID, NoticeKind.INVALID_CARD),
    (Verdict.BLOCKED, NoticeKind.INVALID_CARD),
    (Verdict.EXPIRED, NoticeKind.INVALID_CARD),
    (Verdict.UNCHECKED, NoticeKind.CARD_UNCHECKED),  # unknown here, nobody to ask: not "invalid"
])
def test_a_refused_card_says_why(verdict: Verdict, notice: NoticeKind) -> None:
    authorization = make(backend=True)
    authorization.present(UNKNOWN, AuthMethod.RFID, 0.0, FREE, Side.LEFT)
    assert authorization.decided(UNKNOWN, AuthDecision(verdict), 1.0, FREE, Side.LEFT) == Refuse(notice)


def test_no_verdict_in_time_refuses_the_card_and_says_why() -> None:
    authorization = make(backend=True)
    authorization.present(UNKNOWN, AuthMethod.RFID, 0.0, FREE, Side.LEFT)
    assert authorization.expire(34.9, FREE) == []
    assert authorization.expire(35.0, FREE) == [Refuse(NoticeKind.NO_VERDICT)]  # explained, not "invalid"
    assert authorization.idle


# --- pending plug-ins ------------------------------------------------------------------


def test_the_pending_authorization_starts_where_the_cable_goes_in() -> None:
    authorization = make()
    authorization.present(KNOWN, AuthMethod.QR, 0.0, FREE, Side.LEFT)
    eligible = authorization.eligible_for_plug_in(FREE)
    assert authorization.plugged_in(Side.RIGHT, eligible) == Authorize(Side.RIGHT, KNOWN, AuthMethod.QR)
    assert authorization.pending is None
    assert authorization.plugged_in(Side.LEFT, eligible) is None


def test_a_cable_that_does_not_come_in_time_ends_the_wait_with_a_notice() -> None:
    authorization = make()
    authorization.present(KNOWN, AuthMethod.RFID, 0.0, FREE, Side.LEFT)
    assert authorization.expire(59.0, FREE) == []
    assert authorization.expire(60.0, FREE) == [Refuse(NoticeKind.PLUG_IN_TIMEOUT, error=False)]
    assert authorization.pending is None


def test_a_pending_authorization_with_nowhere_left_to_start_is_dropped_silently() -> None:
    authorization = make()
    authorization.present(KNOWN, AuthMethod.RFID, 0.0, FREE, Side.LEFT)
    gone = (SideState(Side.LEFT, S.INOPERATIVE), SideState(Side.RIGHT, S.AVAILABLE, blocked=True))
    assert authorization.expire(1.0, gone) == []
    assert authorization.pending is None


def test_cancel_forgets_the_pending_authorization() -> None:
    authorization = make()
    assert not authorization.cancel()
    authorization.present(KNOWN, AuthMethod.RFID, 0.0, FREE, Side.LEFT)
    assert authorization.cancel()
    assert authorization.idle


# --- reservations ----------------------------------------------------------------------


def test_a_reserved_connector_takes_only_its_token_or_its_group() -> None:
    authorization = make(backend=True)
    authorization.set_reservation(Side.LEFT, Reservation(7, KNOWN, EXPIRY, group="FLEET"))
    reserved = sides(S.PLUGGED)
    assert authorization.reserved(Side.LEFT) and not authorization.reserved(Side.RIGHT)
    assert authorization.present(OTHER, AuthMethod.RFID, 0.0, reserved, Side.LEFT) == AskBackend(OTHER, None)
    verdict = authorization.decided(OTHER, AuthDecision(Verdict.ACCEPTED), 1.0, reserved, Side.LEFT)
    assert verdict == WaitForPlug(OTHER, (Side.RIGHT,))  # not the reserved one
    authorization.cancel()
    authorization.present(UNKNOWN, AuthMethod.RFID, 5.0, reserved, Side.LEFT)
    in_group = authorization.decided(UNKNOWN, AuthDecision(Verdict.ACCEPTED, group="FLEET"), 6.0, reserved, Side.LEFT)
    assert in_group == Authorize(Side.LEFT, UNKNOWN, AuthMethod.RFID)


def test_with_the_only_free_connector_reserved_for_another_the_driver_is_told_so() -> None:
    authorization = make()
    authorization.set_reservation(Side.RIGHT, Reservation(1, OTHER, EXPIRY))
    states = (SideState(Side.LEFT, S.CHARGING, session_token=UNKNOWN), SideState(Side.RIGHT, S.RESERVED))
    assert authorization.present(KNOWN, AuthMethod.RFID, 0.0, states, Side.LEFT) == Refuse(NoticeKind.RESERVED)
    authorization.set_reservation(Side.RIGHT, None)
    assert not authorization.reserved(Side.RIGHT)


# --- remote starts ---------------------------------------------------------------------


def test_a_remote_start_on_a_plugged_connector_authorizes_it_at_once() -> None:
    outcome = make().remote_start(KNOWN, None, 0.0, sides(S.AVAILABLE, S.PLUGGED))
    assert outcome == Authorize(Side.RIGHT, KNOWN, AuthMethod.QR)


def test_a_remote_start_for_one_connector_waits_for_its_cable_only() -> None:
    authorization = make()
    assert authorization.remote_start(KNOWN, Side.RIGHT, 0.0, FREE) == WaitForPlug(KNOWN, (Side.RIGHT,))
    assert authorization.eligible_for_plug_in(FREE) == (Side.RIGHT,)
    assert authorization.plugged_in(Side.LEFT, (Side.RIGHT,)) is None


def test_a_remote_start_cannot_start_while_a_card_waits_or_nowhere_free() -> None:
    authorization = make()
    authorization.present(KNOWN, AuthMethod.RFID, 0.0, FREE, Side.LEFT)
    assert authorization.remote_start(OTHER, None, 1.0, FREE) is None
    authorization.cancel()
    single = (SideState(Side.LEFT, S.AVAILABLE),)
    assert authorization.remote_start(OTHER, Side.RIGHT, 1.0, single) is None  # not fitted
    assert authorization.remote_start(OTHER, None, 1.0, (SideState(Side.LEFT, S.CHARGING),)) is None


# --- driver prices ---------------------------------------------------------------------


def test_a_driver_price_is_kept_until_the_session_starts() -> None:
    authorization = make()
    text = PriceText((("en-US", "0.50/kWh"),))
    authorization.present(KNOWN, AuthMethod.RFID, 0.0, FREE, Side.LEFT)
    assert authorization.keep_user_price(KNOWN, text)  # the driver is at the charger
    assert not authorization.keep_user_price(OTHER, text)  # kept, but nobody to show it to yet
    assert authorization.user_price(KNOWN) == text
    assert authorization.take_user_price(KNOWN) == text
    assert authorization.user_price(KNOWN) is None


def test_only_the_newest_driver_prices_are_kept() -> None:
    authorization = make()
    for n in range(USER_PRICES_KEPT + 3):
        authorization.keep_user_price(f"{n:04X}", PriceText((("en-US", str(n)),)))
    assert len(authorization.user_prices) == USER_PRICES_KEPT
    assert authorization.user_price("0000") is None and authorization.user_price(f"{USER_PRICES_KEPT + 2:04X}")
