"""What the Charging screen is given: readings that agree with each other, the limit that holds,
and the power chart's data."""

from __future__ import annotations

import dataclasses
import re

from controller.power import Limit
from controller.types import Side
from hmi.format import Formatter
from hmi.presenter import connector_values
from tests.conftest import OTHER_KNOWN_CARD, WorldFactory, charge

FMT = Formatter("en-US", "America/Los_Angeles")


def number(text: str) -> float:
    match = re.search(r"[\d,]+(\.\d+)?", text)
    assert match, text
    return float(match.group(0).replace(",", ""))


def test_power_voltage_and_current_on_screen_agree_within_the_meters_accuracy(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    charge(world, Side.RIGHT, OTHER_KNOWN_CARD)
    for _ in range(20):
        view = world.advance(3.0, step=0.25)
        for connector in view.connectors:
            values = connector_values(connector, view, FMT)
            kw, volts, amps = number(values.powerText), number(values.voltageText), number(values.currentText)
            assert abs(kw * 1000 - volts * amps) <= 0.02 * kw * 1000 + 100, values


def test_the_power_chart_gets_the_session_curve_and_the_scale(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    view = world.advance(65, step=0.25)
    values = connector_values(view.connector(Side.LEFT), view, FMT)
    history = values.powerHistory
    assert len(history) == 7, "six finished 10 s intervals and the live power"
    assert history[-1] == values.powerKw
    assert all(55 < kw <= 61.2 for kw in history[1:])
    assert (values.chartScaleKw, values.chartScaleText) == (60.0, "60\u00a0kW")


def test_the_screen_says_which_limit_holds_unless_it_is_the_ev_or_the_sharing(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    view = world.advance(5)
    connector = view.connector(Side.LEFT)
    texts = {limit: connector_values(dataclasses.replace(connector, limit=limit), view, FMT).limitText
             for limit in Limit}
    assert texts[Limit.EV] == texts[Limit.SHARED] == ""
    assert texts[Limit.TEMPERATURE] == "Reduced power: high outside temperature"
    assert texts[Limit.PSU] == "Reduced power: a power module is out of service"
    assert len({texts[limit] for limit in Limit} - {""}) == len(Limit) - 2, "one text per other limit"
    starved = dataclasses.replace(connector, limit=Limit.PSU, max_power_w=0)
    assert connector_values(starved, view, FMT).limitText == "Waiting for a free power module"
    shared_and_hot = dataclasses.replace(connector, limit=Limit.TEMPERATURE, shared_power=True)
    values = connector_values(shared_and_hot, view, FMT)
    assert values.sharedPower and values.limitText == texts[Limit.TEMPERATURE]
