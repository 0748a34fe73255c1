"""Which screen a snapshot taken during a software update shows, and what the buttons say there."""

from __future__ import annotations

from dataclasses import replace

from controller.session import ConnectorState
from controller.types import Side, Standard
from controller.view import ActiveCode, PinPad, StationPhase
from hmi.navigation import screen_for
from hmi.presenter import button_texts
from hmi.preview_samples import charging, connector, session, station, updating
from hmi.screens import Screen


def test_an_update_shows_the_updating_screen_and_no_other_snapshot_does() -> None:
    view = updating()
    assert screen_for(view) == Screen.UPDATING
    assert screen_for(replace(view, software_update=False)) == Screen.HOME


def test_a_session_still_on_its_connector_keeps_its_screen_and_the_other_one_says_updating() -> None:
    view = station(charging(Side.LEFT, Standard.CHADEMO),
                   connector(Side.RIGHT, Standard.CCS1, ConnectorState.INOPERATIVE), software_update=True)
    assert screen_for(view) == Screen.CHARGING
    assert button_texts(Screen.CHARGING, view) == ("Stop", "Switch connector")
    other = replace(view, focused=Side.RIGHT)
    assert screen_for(other) == Screen.UPDATING
    assert button_texts(Screen.UPDATING, other) == ("", "Switch connector"), "back to the running session"


def test_a_summary_stays_until_dismissed_then_updating() -> None:
    done = session(30, 20_000, 20, end_soc=80, stop_reason="ev_target_reached")
    finished = connector(Side.LEFT, Standard.CCS1, ConnectorState.FINISHED, session=done)
    view = station(finished, software_update=True, version="U00")
    assert screen_for(view) == Screen.SUMMARY
    dismissed = replace(finished, session=replace(done, summary_dismissed=True))
    assert screen_for(replace(view, connectors=(dismissed,))) == Screen.UPDATING


def test_with_nobody_charging_the_switch_button_has_nothing_to_show() -> None:
    assert button_texts(Screen.UPDATING, updating()) == ("", "")


def test_technicians_and_the_self_test_come_first_and_a_fault_does_not_hide_the_update() -> None:
    view = updating()
    assert screen_for(replace(view, pin_pad=PinPad(0, 0))) == Screen.ENGINEER_PIN
    assert screen_for(replace(view, phase=StationPhase.INITIALIZING)) == Screen.INITIALIZING
    faulted = replace(view, codes=(ActiveCode("012279", None, True),))
    assert screen_for(faulted) == Screen.UPDATING
