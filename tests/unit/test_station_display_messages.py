"""Through the station's port: operator messages and the cost fallbacks reach StationState and the kiosk view."""

from __future__ import annotations

from decimal import Decimal

from controller import commands as cmd
from controller.config import Config
from controller.display_messages import DisplayMessage, MessageFormat, MessagePriority, MessageState
from controller.port import AuthDecision, BackendLink, Verdict
from controller.pricing import BackendCost, PriceText
from controller.sim.world import World
from controller.types import Side
from tests.conftest import KNOWN_CARD


def world() -> World:
    w = World(Config().with_overrides(station={"version": "U00"}))
    w.start()
    w.port.attach()
    w.port.set_backend_online(BackendLink.ONLINE)
    return w


def test_an_idle_message_shows_on_an_idle_station_and_leaves_when_a_session_starts() -> None:
    w = world()
    idle = DisplayMessage(1, "Welcome", MessagePriority.IN_FRONT, state=MessageState.IDLE)
    w.port.set_display_messages((idle,))
    w.advance(0.1)
    assert w.station.state.display_message == idle
    assert w.station.view().operator_message == idle
    w.station.submit(cmd.PresentToken(KNOWN_CARD))
    w.advance(0.1)
    w.port.authorization_decided(KNOWN_CARD, AuthDecision(Verdict.ACCEPTED))
    w.hardware.plug(Side.LEFT)
    assert w.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
    assert w.station.view().operator_message is None


def test_a_message_the_station_cannot_show_is_left_out_and_the_others_kept() -> None:
    w = world()
    ok = DisplayMessage(1, "Hello")
    html = DisplayMessage(2, "<b>Hi</b>", format=MessageFormat.HTML)
    w.port.set_display_messages((html, ok))
    assert w.station.display_messages == (ok,)
    w.port.set_display_messages(())
    w.advance(0.1)
    assert w.station.view().operator_message is None


def test_the_tariff_fallback_stands_in_for_the_tariff_and_the_total_cost_fallback_reaches_the_view() -> None:
    w = world()
    tariff, total = PriceText((("en-US", "Prices in the app"),)), PriceText((("en-US", "See your invoice"),))
    w.port.set_cost_fallbacks(tariff, total)
    w.advance(0.1)
    view = w.station.view()
    assert view.price_text == tariff
    assert view.total_cost_fallback == total
    w.port.set_cost_fallbacks(None, None)
    w.advance(0.1)
    assert w.station.view().price_text is None


def test_a_final_cost_of_zero_reaches_the_session() -> None:
    w = world()
    w.station.submit(cmd.PresentToken(KNOWN_CARD))
    w.advance(0.1)
    w.port.authorization_decided(KNOWN_CARD, AuthDecision(Verdict.ACCEPTED))
    w.hardware.plug(Side.LEFT)
    assert w.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
    assert w.port.set_session_cost(Side.LEFT, BackendCost(Decimal("0.00"), "USD", final=True))
    w.advance(0.1)
    session = w.station.view().connector(Side.LEFT).session
    assert session is not None and session.backend_cost is not None and session.backend_cost.cost == 0
