"""The per-connector session machine on its own: the table, guards and recorded data."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from controller import session as sm
from controller.session import ConnectorState as S
from controller.session import Facts, Machine, StopReason, step
from controller.types import AuthMethod, BoardStage, EvStopReason

WALL = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def run(machine: Machine, event: sm.Event, now: float = 0.0, **facts: object) -> Machine:
    return step(machine, event, Facts(**facts), now, WALL)  # type: ignore[arg-type]


def charging_machine() -> Machine:
    m = run(Machine(), sm.Ready())
    m = run(m, sm.Plugged(), plugged=True)
    m = run(m, sm.Authorized("CARD", AuthMethod.RFID), 1.0, plugged=True, soc=20)
    return run(m, sm.StageReported(BoardStage.CHARGING), 9.0, plugged=True, contactor_closed=True, soc=21)


def test_every_transition_is_in_one_table_and_targets_a_real_state() -> None:
    assert len(sm.TRANSITIONS) >= 14
    for transition in sm.TRANSITIONS:
        assert transition.sources, transition
        assert transition.target is None or isinstance(transition.target, S)
        assert transition.note, "every transition says why it exists"


def test_every_state_is_reachable_and_left() -> None:
    targets = {t.target for t in sm.TRANSITIONS if t.target is not None}
    sources = set().union(*(t.sources for t in sm.TRANSITIONS))
    assert targets | {S.UNAVAILABLE} == set(S)
    assert sources == set(S), "no state is a dead end"


def test_ready_goes_to_available_or_plugged() -> None:
    assert run(Machine(), sm.Ready()).state is S.AVAILABLE
    assert run(Machine(), sm.Ready(), plugged=True).state is S.PLUGGED


def test_plug_in_first_waits_for_authorization_and_unplug_returns_home() -> None:
    m = run(run(Machine(), sm.Ready()), sm.Plugged(), plugged=True)
    assert m.state is S.PLUGGED
    assert run(m, sm.Unplugged()).state is S.AVAILABLE


def test_authorization_opens_a_session_with_token_and_start_soc() -> None:
    m = run(run(run(Machine(), sm.Ready()), sm.Plugged(), plugged=True), sm.Authorized("AB", AuthMethod.RFID),
            5.0, plugged=True, soc=33)
    assert m.state is S.PREPARING
    assert m.session is not None
    assert (m.session.id_token, m.session.method, m.session.start_soc, m.session.authorized_at) == (
        "AB", AuthMethod.RFID, 33, 5.0)


def test_blocked_connector_refuses_authorization() -> None:
    m = run(run(Machine(), sm.Ready()), sm.Plugged(), plugged=True)
    assert run(m, sm.Authorized("AB", AuthMethod.RFID), plugged=True, blocked=True).state is S.PLUGGED


def test_charging_starts_only_when_the_board_reports_energy_transfer_with_contactors_closed() -> None:
    m = run(run(run(Machine(), sm.Ready()), sm.Plugged(), plugged=True), sm.Authorized("A", AuthMethod.RFID),
            plugged=True)
    assert run(m, sm.StageReported(BoardStage.PRECHARGE), plugged=True).state is S.PREPARING
    assert run(m, sm.StageReported(BoardStage.CHARGING), plugged=True, contactor_closed=False).state is S.PREPARING
    charging = run(m, sm.StageReported(BoardStage.CHARGING), 7.0, plugged=True, contactor_closed=True)
    assert charging.state is S.CHARGING
    assert charging.session is not None and charging.session.charging_since == 7.0


@pytest.mark.parametrize("event,reason", [
    (sm.StopRequested(StopReason.STOP_BUTTON), StopReason.STOP_BUTTON),
    (sm.StopRequested(StopReason.CARD), StopReason.CARD),
    (sm.StopRequested(StopReason.EMERGENCY_STOP, "012251"), StopReason.EMERGENCY_STOP),
    (sm.EvStopped(EvStopReason.TARGET_REACHED), StopReason.EV_TARGET_REACHED),
    (sm.EvStopped(EvStopReason.BATTERY_FULL), StopReason.EV_BATTERY_FULL),
    (sm.EvStopped(EvStopReason.EV_FAULT, "023701"), StopReason.FAULT),
    (sm.Unplugged(), StopReason.EV_DISCONNECTED),
])
def test_every_stop_goes_through_stopping_and_records_why(event: sm.Event, reason: StopReason) -> None:
    m = run(charging_machine(), event, 100.0, plugged=True, contactor_closed=True, output_current=80.0)
    assert m.state is S.STOPPING
    assert m.session is not None and m.session.stop_reason is reason


def test_stopping_unlocks_only_at_zero_current_with_contactors_open() -> None:
    m = run(charging_machine(), sm.StopRequested(StopReason.STOP_BUTTON), 100.0, plugged=True)
    assert run(m, sm.Tick(), 101.0, plugged=True, output_current=40.0).state is S.STOPPING
    assert run(m, sm.Tick(), 101.0, plugged=True, output_current=0.0, contactor_closed=True).state is S.STOPPING
    finished = run(m, sm.Tick(), 102.0, plugged=True, output_current=0.2, contactor_closed=False, soc=80)
    assert finished.state is S.FINISHED
    assert finished.session is not None
    assert (finished.session.ended_at, finished.session.end_soc) == (102.0, 80)
    assert finished.session.duration_s(500.0) == pytest.approx(102.0 - 9.0)


def test_summary_ends_on_unplug_or_by_timeout_when_the_cable_is_already_out() -> None:
    m = run(charging_machine(), sm.StopRequested(StopReason.STOP_BUTTON), 100.0, plugged=True)
    finished = run(m, sm.Tick(), 101.0, plugged=True)
    assert run(finished, sm.Unplugged(), 102.0).state is S.AVAILABLE
    assert run(finished, sm.Tick(), 120.0, plugged=False, summary_timeout_s=30).state is S.FINISHED
    assert run(finished, sm.Tick(), 131.0, plugged=False, summary_timeout_s=30).state is S.AVAILABLE


def test_dismissing_the_summary_while_plugged_keeps_the_connector_waiting_for_unplug() -> None:
    finished = run(run(charging_machine(), sm.StopRequested(StopReason.CARD), 100.0), sm.Tick(), 101.0, plugged=True)
    dismissed = run(finished, sm.Dismissed(), 102.0, plugged=True)
    assert dismissed.state is S.FINISHED
    assert dismissed.session is not None and dismissed.session.summary_dismissed
    assert run(finished, sm.Dismissed(), 102.0, plugged=False).state is S.AVAILABLE


def test_events_without_a_transition_change_nothing() -> None:
    m = run(Machine(), sm.Ready())
    for event in (sm.Unplugged(), sm.StopRequested(StopReason.CARD), sm.Dismissed(), sm.Tick(),
                  sm.StageReported(BoardStage.CHARGING)):
        assert run(m, event) == m
