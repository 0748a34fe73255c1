"""What the failed-start screen says in each case (hmi.presenter; English, the source texts)."""

from __future__ import annotations

from dataclasses import replace

from controller.view import StartFailureView
from hmi import preview_samples as samples
from hmi.presenter import button_texts, failed_steps, start_failed_values
from hmi.screens import Screen

KEPT_REPLUG = StartFailureView("communication", "023701", 105, needs_replug=True, cable_in=True)


def test_the_card_kept_with_the_cable_in_says_unplug_and_plug_in_again_and_how_long() -> None:
    view = samples.start_failed()
    values = start_failed_values(view)
    assert values["failedSteps"] == ("Unplug the cable, then plug it in again firmly.",
                                     "Charging starts by itself. You do not need to tap your card again.")
    assert values["failedKeptText"] == "Your card stays valid for 1:45"
    assert values["failedCodeText"] == "Code to quote: 023701"
    assert not values["failedTryAgain"]
    assert button_texts(Screen.START_FAILED, view) == ("Done", "Switch connector")


def test_waiting_for_the_cable_says_plug_in_again() -> None:
    steps = failed_steps(replace(KEPT_REPLUG, cable_in=False), dual=True)
    assert steps[0] == "Plug the cable in again firmly."


def test_a_refusal_without_a_code_offers_try_again_on_the_screen_and_the_right_button() -> None:
    refused = StartFailureView("ev_refused", "", 90, needs_replug=False, cable_in=True)
    view = samples.start_failed()
    view = replace(view, connectors=(view.connectors[0], replace(view.connectors[1], start_failure=refused)))
    values = start_failed_values(view)
    assert values["failedTryAgain"] and values["failedCodeText"] == ""
    assert values["failedSteps"][:2] == ("Check that your vehicle is in Park and ready to charge.",
                                         "Touch Try again, or unplug the cable and plug it in again.")
    assert button_texts(Screen.START_FAILED, view) == ("Done", "Try again")


def test_no_window_asks_to_authorize_again_and_no_retry_sends_the_driver_elsewhere() -> None:
    assert failed_steps(replace(KEPT_REPLUG, seconds_left=None), dual=True) == (
        "Unplug the cable, plug it in again and authorize again.",)
    not_safe = replace(KEPT_REPLUG, kind="isolation", seconds_left=None, retry_safe=False)
    assert failed_steps(not_safe, dual=True) == ("Unplug the cable.",
                                                 "Use the other connector, or call the operator for help.")
    assert failed_steps(replace(not_safe, cable_in=False), dual=False) == (
        "Use another charger, or call the operator for help.",)
