"""The station's rules on a fake clock, through the simulated boards on a real python-can bus."""

from __future__ import annotations

from controller import commands as cmd
from controller.power import Limit
from controller.types import LedColour, Side
from controller.view import NoticeKind
from tests.conftest import KNOWN_CARD, OTHER_KNOWN_CARD, UNKNOWN_CARD, WorldFactory, charge


def test_self_test_passes_and_both_connectors_become_available(make_world: WorldFactory) -> None:
    world = make_world("J0U", start=False)
    assert world.view.phase.value == "initializing"
    world.start()
    assert [c.state for c in world.view.connectors] == ["available", "available"]
    assert world.view.codes == ()
    world.advance(0.2)
    assert world.hardware.led.colours == {Side.LEFT: LedColour.GREEN, Side.RIGHT: LedColour.GREEN}


def test_card_first_then_plug_in_starts_a_session(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    assert world.view.pending is not None and world.view.pending.eligible == (Side.LEFT,)
    world.hardware.plug(Side.LEFT)
    world.advance(0.2)
    assert world.view.connector(Side.LEFT).state == "preparing"
    assert world.view.pending is None
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 20)


def test_left_button_cancels_the_pending_authorization(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    world.hardware.press(left=True)
    world.advance(0.3)
    assert world.view.pending is None
    world.hardware.plug(Side.LEFT)
    world.advance(0.3)
    assert world.view.connector(Side.LEFT).state == "plugged", "the cancelled authorization must not start a session"


def test_plug_in_timeout_returns_home_with_a_notice(make_world: WorldFactory) -> None:
    world = make_world("U00", limits={"plug_in_timeout_s": 20})
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(19.0)
    assert world.view.pending is not None and world.view.pending.seconds_left == 1
    world.advance(1.5)
    assert world.view.pending is None
    assert world.view.notice is not None and world.view.notice.kind is NoticeKind.PLUG_IN_TIMEOUT


def test_plug_in_first_then_card(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.hardware.plug(Side.LEFT)
    world.advance(0.3)
    assert world.view.connector(Side.LEFT).state == "plugged"
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 20)


def test_unknown_card_is_refused_and_the_driver_stays_where_they_were(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.hardware.plug(Side.LEFT)
    world.advance(0.3)
    world.station.submit(cmd.PresentToken(UNKNOWN_CARD))
    world.advance(0.1)
    assert world.view.notice is not None and world.view.notice.kind is NoticeKind.INVALID_CARD
    assert world.view.connector(Side.LEFT).state == "plugged"
    world.advance(5)
    assert world.view.notice is None


def test_the_same_card_stops_its_session(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT, KNOWN_CARD)
    world.advance(30)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 15)
    session = world.view.connector(Side.LEFT).session
    assert session is not None and session.stop_reason == "card"


def test_a_different_card_does_not_stop_the_session_and_says_why(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT, KNOWN_CARD)
    world.advance(5)
    world.station.submit(cmd.PresentToken(OTHER_KNOWN_CARD))
    world.advance(0.2)
    assert world.view.connector(Side.LEFT).state == "charging"
    assert world.view.notice is not None and world.view.notice.kind is NoticeKind.CARD_NOT_FOR_SESSION


def test_with_two_sessions_a_card_stops_the_session_it_started(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT, KNOWN_CARD)
    world.advance(3)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    world.advance(3)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 15)
    assert world.view.connector(Side.RIGHT).state == "charging"


def test_left_button_stops_the_focused_session(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT, KNOWN_CARD)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    assert world.view.focused is Side.RIGHT
    world.hardware.press(left=False)  # right button: select the left connector
    world.advance(0.3)
    assert world.view.focused is Side.LEFT
    world.hardware.press(left=True)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 15)
    assert world.view.connector(Side.RIGHT).state == "charging"
    session = world.view.connector(Side.LEFT).session
    assert session is not None and session.stop_reason == "stop_button"


def test_the_ev_stops_at_its_target_and_the_summary_shows_it(make_world: WorldFactory) -> None:
    world = make_world("U00")
    world.hardware.set_next_ev(Side.LEFT, start_soc=70, target_soc=75)
    charge(world, Side.LEFT)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 1800)
    connector = world.view.connector(Side.LEFT)
    assert connector.session is not None
    assert connector.session.stop_reason == "ev_target_reached"
    assert connector.session.start_soc == 70
    assert connector.session.end_soc == 75
    assert connector.session.energy_wh > 0.04 * 66_000


def test_left_priority_when_both_connectors_are_plugged_at_the_same_moment(make_world: WorldFactory) -> None:
    world = make_world("U0U")
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    world.hardware.plug(Side.RIGHT)
    world.hardware.plug(Side.LEFT)
    world.advance(0.1)
    assert world.view.connector(Side.LEFT).state == "preparing"
    assert world.view.connector(Side.RIGHT).state == "plugged"
    assert world.view.focused is Side.LEFT


def test_two_sessions_share_the_station_and_the_survivor_gets_it_all_back(make_world: WorldFactory) -> None:
    world = make_world("U0U")
    charge(world, Side.LEFT, KNOWN_CARD)
    world.advance(5)
    assert world.view.connector(Side.LEFT).max_power_w == 60_000
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    world.advance(5)
    left, right = world.view.connectors
    assert (left.max_power_w, right.max_power_w) == (30_000, 30_000)
    assert left.shared_power and right.shared_power
    assert left.power_w <= 30_000 + 200 and right.power_w <= 30_000 + 200
    assert left.limit is Limit.SHARED
    world.station.submit(cmd.PresentToken(OTHER_KNOWN_CARD))  # the right driver leaves
    assert world.run_until(lambda v: v.connector(Side.RIGHT).state == "finished", 15)
    world.advance(3)
    left = world.view.connector(Side.LEFT)
    assert left.max_power_w == 60_000 and not left.shared_power
    assert left.power_w > 30_000


def test_after_unplugging_the_screen_returns_to_the_other_charging_connector(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT, KNOWN_CARD)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    world.station.submit(cmd.PresentToken(OTHER_KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(Side.RIGHT).state == "finished", 15)
    assert world.view.focused is Side.RIGHT
    world.hardware.unplug(Side.RIGHT)
    world.advance(0.3)
    assert world.view.focused is Side.LEFT
    assert world.view.connector(Side.RIGHT).state == "available"


def test_self_test_failure_of_one_board_takes_only_its_connector_out_of_service(make_world: WorldFactory) -> None:
    world = make_world("J0U", start=False)
    world.hardware.boards[Side.RIGHT].silent = True
    world.start()
    assert [(c.code, c.side) for c in world.view.codes] == [("012284", Side.RIGHT)]
    assert world.view.connector(Side.RIGHT).state == "faulted"
    assert world.view.connector(Side.LEFT).state == "available"
    charge(world, Side.LEFT)


def test_a_board_fitted_for_another_standard_is_reported(make_world: WorldFactory) -> None:
    world = make_world("J0U", start=False)
    from controller.types import Standard

    world.hardware.boards[Side.LEFT].reported_standard = Standard.GBT
    world.start()
    assert any(c.code == "012287" and c.side is Side.LEFT for c in world.view.codes)


def test_failed_psu_leaves_the_station_charging_on_the_rest(make_world: WorldFactory) -> None:
    world = make_world("U00", start=False)
    world.hardware.psus[1].silent = True
    world.start()
    assert [c.code for c in world.view.codes] == ["013629", "012286"]  # quantity not match, which one
    charge(world, Side.LEFT)
    world.advance(5)
    assert world.view.connector(Side.LEFT).max_power_w == 30_000


def test_no_psu_at_all_blocks_charging(make_world: WorldFactory) -> None:
    world = make_world("U00", start=False)
    for psu in world.hardware.psus:
        psu.silent = True
    world.start()
    assert {c.code for c in world.view.codes} == {"012286", "013629", "012279"}
    assert world.view.connector(Side.LEFT).state == "faulted"
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    assert world.view.pending is None
    assert world.view.notice is not None and world.view.notice.kind is NoticeKind.NO_CONNECTOR_FREE


def test_power_modules_that_missed_the_self_test_are_used_once_they_speak(make_world: WorldFactory) -> None:
    world = make_world("U00", start=False)
    for psu in world.hardware.psus:
        psu.silent = True  # still booting when the self-test ends
    world.start()
    assert "012279" in {c.code for c in world.view.codes}
    for psu in world.hardware.psus:
        psu.silent = False
    world.advance(0.5)
    assert "012279" not in {c.code for c in world.view.codes}
    charge(world, Side.LEFT)


def test_cost_follows_the_tariff_in_exact_money(make_world: WorldFactory) -> None:
    world = make_world("U00", tariff={"energy_price": "0.50", "session_fee": "2.00", "time_price": "0.00"})
    charge(world, Side.LEFT)
    world.advance(120)
    session = world.view.connector(Side.LEFT).session
    assert session is not None and session.cost is not None
    from decimal import Decimal

    expected = (Decimal("2.00") + Decimal(session.energy_wh) / 1000 * Decimal("0.50")).quantize(Decimal("0.01"))
    assert session.cost == expected


def test_a_free_charger_shows_no_cost(make_world: WorldFactory) -> None:
    world = make_world("U00", tariff={"energy_price": "0", "session_fee": "0", "time_price": "0",
                                      "idle_price": "0"})
    charge(world, Side.LEFT)
    world.advance(10)
    session = world.view.connector(Side.LEFT).session
    assert session is not None and session.cost is None
