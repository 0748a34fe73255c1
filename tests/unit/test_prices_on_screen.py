"""The price a driver is shown before charging, the cost after, and the receipt QR code: from
the local tariff today, and from a backend's texts and costs (OCA pricing, OCPP) when present."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from urllib.parse import unquote

from controller import commands as cmd
from controller.pricing import BackendCost, PriceText
from controller.types import Side
from hmi.format import Formatter
from hmi.presenter import connector_values, kiosk_values, tariff_lines
from tests.conftest import KNOWN_CARD, WorldFactory, charge


def test_home_lists_every_price_that_will_apply_including_the_idle_fee(make_world: WorldFactory) -> None:
    world = make_world("U00", tariff={"time_price": "0.05"})
    assert tariff_lines(world.view, Formatter()) == [
        "$0.45 per kWh",
        "$0.05 per minute of charging",
        "$1.00 session fee",
        "Idle fee $0.40 per minute, from 10\u00a0min after charging ends",
    ]
    free = make_world("U00", tariff={"energy_price": "", "session_fee": "", "idle_price": ""})
    assert tariff_lines(free.view, Formatter()) == []


def test_a_backend_price_text_replaces_the_local_tariff_in_the_drivers_language(make_world: WorldFactory) -> None:
    world = make_world("U00")
    text = PriceText((("en-US", "$0.30/kWh off-peak"), ("fr-CA", "0,30 $/kWh hors pointe")))
    view = replace(world.view, price_text=text, language="fr-CA")
    assert tariff_lines(view, Formatter("fr-CA")) == ["0,30 $/kWh hors pointe"]
    assert tariff_lines(replace(view, language="ja-JP"), Formatter("ja-JP")) == ["$0.30/kWh off-peak"]


def test_the_summary_shows_a_receipt_qr_code_with_the_session_link(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    world.advance(120)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    connector = world.view.connector(Side.LEFT)
    values = connector_values(connector, world.view, Formatter())
    payload = unquote(values.receiptQrSource.removeprefix("image://qr/"))
    assert payload.startswith("https://charge.example.com/receipt?cp=DSWX601-0001&connector=1&session=DSWX601-0001-1-")
    assert values.startedText.startswith("Nov")
    # A backend's FinalCost replaces the cost and the receipt link.
    final = BackendCost(Decimal("4.20"), "USD", final=True, qr_code_text="https://csms.example/r/42")
    session = replace(connector.session, backend_cost=final)
    values = connector_values(replace(connector, session=session), world.view, Formatter())
    assert values.costText == "$4.20"
    assert unquote(values.receiptQrSource.removeprefix("image://qr/")) == "https://csms.example/r/42"


def test_the_idle_fee_is_charged_after_the_grace_period_while_the_cable_stays_in(make_world: WorldFactory) -> None:
    world = make_world("U00", tariff={"idle_grace_minutes": 1})
    charge(world, Side.LEFT)
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    at_end = world.view.connector(Side.LEFT).session.cost
    world.advance(60)
    assert world.view.connector(Side.LEFT).session.cost == at_end, "the grace period is free"
    world.advance(120)
    assert world.view.connector(Side.LEFT).session.cost > at_end


def test_the_home_screen_offers_the_language_and_contrast_buttons(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    values = kiosk_values(world.view, Formatter())
    assert values.preferencesVisible and values.languageName == "English"
    assert [entry.name for entry in values.languages] == ["English", "Español", "Français", "繁體中文",
                                                               "简体中文", "日本語"]
