"""Power allocation (manual 2.1): 100 % alone, 50/50 together, never beyond the envelope."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from controller.power import PRECHARGE_CURRENT_A, Demand, allocate
from controller.types import Side, Standard
from controller.view import Limit

PSU_W = 30_000.0
STATION_W = 60_000.0


def demand(side: Side, standard: Standard = Standard.CCS1, volts: float = 400.0, amps: float = 200.0) -> Demand:
    return Demand(side, standard.envelope, volts, amps)


def test_one_connector_alone_gets_all_power_modules() -> None:
    (grant,) = allocate([demand(Side.RIGHT)], [0, 1], PSU_W, STATION_W)
    assert grant.psus == (0, 1)
    assert grant.power_limit_w == STATION_W
    assert not grant.shared


def test_two_connectors_share_half_and_half_left_first() -> None:
    left, right = allocate([demand(Side.RIGHT), demand(Side.LEFT)], [0, 1], PSU_W, STATION_W)
    assert (left.side, left.psus, left.power_limit_w) == (Side.LEFT, (0,), 30_000)
    assert (right.side, right.psus, right.power_limit_w) == (Side.RIGHT, (1,), 30_000)
    assert left.shared and right.shared
    assert left.limit is Limit.SHARED


def test_with_one_power_module_left_the_left_connector_is_served() -> None:
    grants = allocate([demand(Side.LEFT), demand(Side.RIGHT)], [1], PSU_W, STATION_W)
    assert [(g.side, g.psus) for g in grants] == [(Side.LEFT, (1,))]


def test_the_connector_envelope_limits_the_current() -> None:
    (grant,) = allocate([demand(Side.LEFT, Standard.CHADEMO, 350, 200)], [0, 1], PSU_W, STATION_W)
    assert grant.current == 120
    assert grant.limit is Limit.CONNECTOR


def test_the_evs_own_request_wins_when_it_is_smallest() -> None:
    (grant,) = allocate([demand(Side.LEFT, amps=40)], [0, 1], PSU_W, STATION_W)
    assert grant.current == 40
    assert grant.limit is Limit.EV


def test_precharge_uses_a_small_current_at_the_battery_voltage() -> None:
    (grant,) = allocate([Demand(Side.LEFT, Standard.GBT.envelope, 380, 150, precharge=True)], [0, 1], PSU_W, STATION_W)
    assert (grant.voltage, grant.current) == (380, PRECHARGE_CURRENT_A)


def test_ccs_envelope_falls_to_63_amps_at_950_volts() -> None:
    assert round(Standard.CCS1.envelope.current_limit_at(950)) == 63
    assert round(Standard.GBT.envelope.current_limit_at(750)) == 80
    assert Standard.CHADEMO.envelope.current_limit_at(400) == 120
    assert Standard.CHADEMO.envelope.current_limit_at(501) == 0


@given(
    sides=st.sets(st.sampled_from(list(Side)), min_size=0, max_size=2),
    standards=st.lists(st.sampled_from(list(Standard)), min_size=2, max_size=2),
    volts=st.lists(st.floats(0, 1000), min_size=2, max_size=2),
    amps=st.lists(st.floats(0, 500), min_size=2, max_size=2),
    psus=st.sets(st.integers(0, 3), max_size=4),
    station_kw=st.floats(1, 60),
)
def test_no_grant_ever_exceeds_envelope_station_or_modules(sides, standards, volts, amps, psus, station_kw) -> None:  # type: ignore[no-untyped-def]
    demands = [Demand(side, standards[side].envelope, volts[side], amps[side]) for side in sides]
    grants = allocate(demands, sorted(psus), PSU_W, station_kw * 1000)
    used_psus = [index for grant in grants for index in grant.psus]
    assert len(used_psus) == len(set(used_psus)), "a PSU feeds one connector at a time"
    assert set(used_psus) <= psus
    total = 0.0
    for grant in grants:
        envelope = standards[grant.side].envelope
        assert grant.voltage <= envelope.max_voltage
        assert grant.current <= envelope.current_limit_at(grant.voltage) + 1e-9
        assert grant.current <= amps[grant.side] + 1e-9
        assert grant.power_limit_w <= PSU_W * len(grant.psus) + 1e-6
        total += grant.voltage * grant.current
    assert total <= station_kw * 1000 + 1e-6
    if Side.LEFT in sides and psus:
        assert any(g.side is Side.LEFT for g in grants), "the left connector is never starved first"
