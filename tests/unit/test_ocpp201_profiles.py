"""OCPP 2.0.1 smart charging (controller.ocpp201.profiles): SetChargingProfile's rules, the
stack, Get/ClearChargingProfile, the limits and GetCompositeSchedule, with every payload
checked against the official 2.0.1 schemas."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ocpp.charge_point import camel_to_snake_case, remove_nones, snake_to_camel_case
from ocpp.messages import get_validator

from controller.ocpp import smart_charging as sc
from controller.ocpp201 import profiles as pr

T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
VOLTS = 230.0
CAPS = pr.Capabilities()
TX = pr.RunningTx("3f1c-tx", T0)


def valid(kind: int, action: str, payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` (snake_case, as handed to the library) checked against the 2.0.1 schema."""
    camel = remove_nones(snake_to_camel_case(payload))
    get_validator(kind, action, "2.0.1").validate(camel)
    return camel


def profile(profile_id: int = 1, purpose: str = "TxDefaultProfile", stack: int = 0, kind: str = "Absolute",
            unit: str = "W", periods: list[dict[str, Any]] | None = None, start: datetime | None = T0,
            **extra: Any) -> dict[str, Any]:
    """A chargingProfile as a CSMS sends it (camelCase)."""
    schedule: dict[str, Any] = {"id": profile_id, "chargingRateUnit": unit,
                                "chargingSchedulePeriod": periods or [{"startPeriod": 0, "limit": 11000.0}]}
    if start is not None:
        schedule["startSchedule"] = start.isoformat()
    schedule.update(extra.pop("schedule", {}))
    return {"id": profile_id, "stackLevel": stack, "chargingProfilePurpose": purpose, "chargingProfileKind": kind,
            "chargingSchedule": [schedule], **extra}


def incoming(evse_id: int, camel: dict[str, Any]) -> dict[str, Any]:
    """A SetChargingProfile request checked against its schema, in the library's snake_case."""
    get_validator(2, "SetChargingProfile", "2.0.1").validate({"evseId": evse_id, "chargingProfile": camel})
    return camel_to_snake_case(camel)


def check(evse_id: int, camel: dict[str, Any], installed: tuple[pr.Profile201, ...] = (),
          running: dict[int, pr.RunningTx] | None = None, caps: pr.Capabilities = CAPS) -> pr.Refusal | None:
    refusal = pr.check_profile(evse_id, incoming(evse_id, camel), caps, installed, running)
    if refusal is not None:
        valid(3, "SetChargingProfile", {"status": refusal.status, "status_info": refusal.status_info})
    return refusal


def make(evse_id: int, camel: dict[str, Any], source: str = pr.CSO) -> pr.Profile201:
    return pr.profile_from_201(evse_id, incoming(evse_id, camel), T0, source)


# --- SetChargingProfile ------------------------------------------------------------------


def test_a_plain_tx_default_profile_is_accepted_and_reaches_the_limit() -> None:
    assert check(1, profile()) is None
    installed = pr.install((), make(1, profile()))
    assert pr.limit_w(installed, 1, T0 + timedelta(minutes=5), None, VOLTS) == 11000.0
    assert pr.limit_w(installed, 2, T0, None, VOLTS) is None


def test_external_constraints_cannot_come_from_the_csms() -> None:
    refusal = check(0, profile(purpose="ChargingStationExternalConstraints"))
    assert refusal is not None and refusal.status == "Rejected" and refusal.reason_code == "InvalidValue"


def test_a_tx_profile_needs_a_running_transaction_on_its_evse() -> None:
    tx = profile(purpose="TxProfile", kind="Relative", start=None, transactionId=TX.transaction_id)
    assert check(1, tx).reason_code == "TxNotFound"  # type: ignore[union-attr]
    assert check(1, tx, running={2: TX}).reason_code == "TxNotFound"  # type: ignore[union-attr]
    assert check(1, tx, running={1: pr.RunningTx("other", T0)}).reason_code == "TxNotFound"  # type: ignore[union-attr]
    assert check(1, tx, running={1: TX}) is None


def test_a_tx_profile_names_its_transaction_and_an_evse() -> None:
    without_id = profile(purpose="TxProfile", kind="Relative", start=None)
    assert check(1, without_id, running={1: TX}).reason_code == "MissingParam"  # type: ignore[union-attr]
    on_station = profile(purpose="TxProfile", kind="Relative", start=None, transactionId=TX.transaction_id)
    assert check(0, on_station, running={1: TX}).reason_code == "InvalidValue"  # type: ignore[union-attr]
    default_with_tx = profile(transactionId=TX.transaction_id)
    assert check(1, default_with_tx, running={1: TX}).reason_code == "InvalidValue"  # type: ignore[union-attr]


def test_two_tx_profiles_of_one_transaction_cannot_share_a_stack_level() -> None:
    first = profile(1, "TxProfile", 2, "Relative", start=None, transactionId=TX.transaction_id)
    installed = (make(1, first),)
    second = profile(2, "TxProfile", 2, "Relative", start=None, transactionId=TX.transaction_id)
    assert check(1, second, installed, {1: TX}).reason_code == "InvalidStackLevel"  # type: ignore[union-attr]
    assert check(1, profile(1, "TxProfile", 2, "Relative", start=None, transactionId=TX.transaction_id),
                 installed, {1: TX}) is None  # the same id replaces


def test_a_request_start_profile_is_a_tx_profile_before_its_transaction() -> None:
    tx = incoming(1, profile(purpose="TxProfile", kind="Relative", start=None))
    assert pr.check_profile(1, tx, CAPS, request_start=True) is None
    default = incoming(1, profile())
    assert pr.check_profile(1, default, CAPS, request_start=True).reason_code == "InvalidValue"  # type: ignore[union-attr]
    assert pr.check_profile(1, tx, CAPS).reason_code == "MissingParam"  # type: ignore[union-attr]


def test_an_external_constraint_cannot_be_replaced_through_its_id() -> None:
    external = make(1, profile(4, "ChargingStationExternalConstraints"), source="EMS")
    assert check(1, profile(4), (external,)).reason_code == "DuplicateProfile"  # type: ignore[union-attr]


def test_the_station_maximum_is_for_evse_0_and_never_relative() -> None:
    assert check(0, profile(purpose="ChargingStationMaxProfile")) is None
    assert check(1, profile(purpose="ChargingStationMaxProfile")).reason_code == "InvalidValue"  # type: ignore[union-attr]
    relative = profile(purpose="ChargingStationMaxProfile", kind="Relative", start=None)
    assert check(0, relative).reason_code == "InvalidValue"  # type: ignore[union-attr]


def test_an_evse_that_does_not_exist_is_refused() -> None:
    assert check(3, profile()).reason_code == "UnknownEvse"  # type: ignore[union-attr]


def test_stack_level_and_period_count_stay_within_the_controller_variables() -> None:
    caps = pr.Capabilities(max_stack_level=3, max_periods=2)
    assert check(1, profile(stack=3), caps=caps) is None
    assert check(1, profile(stack=4), caps=caps).reason_code == "InvalidStackLevel"  # type: ignore[union-attr]
    three = [{"startPeriod": s, "limit": 1000.0} for s in (0, 60, 120)]
    assert check(1, profile(periods=three), caps=caps).reason_code == "TooManyElements"  # type: ignore[union-attr]
    assert check(1, profile(periods=three[:2]), caps=caps) is None


def test_only_the_allowed_rate_units_are_accepted() -> None:
    caps = pr.Capabilities(units=("W",))
    assert check(1, profile(unit="A", periods=[{"startPeriod": 0, "limit": 16.0}]),
                 caps=caps).reason_code == "UnsupportedRateUnit"  # type: ignore[union-attr]
    assert check(1, profile(unit="W"), caps=caps) is None


@pytest.mark.parametrize(("evse_id", "camel", "reason"), [
    (1, profile(periods=[{"startPeriod": 10, "limit": 1.0}]), "InvalidSchedule"),  # K01.FR.31
    (1, profile(periods=[{"startPeriod": 0, "limit": 1.0}, {"startPeriod": 0, "limit": 2.0}]), "InvalidSchedule"),
    (1, profile(periods=[{"startPeriod": 0, "limit": -1.0}]), "InvalidSchedule"),
    (1, profile(start=None), "InvalidSchedule"),  # K01.FR.40: Absolute needs startSchedule
    (1, profile(kind="Recurring", recurrencyKind="Daily", start=None), "InvalidSchedule"),
    (1, profile(kind="Relative"), "InvalidSchedule"),  # K01.FR.41: Relative has none
    (1, profile(kind="Recurring"), "InvalidProfile"),  # no recurrencyKind
    (1, profile(periods=[{"startPeriod": 0, "limit": 10.0, "numberPhases": 3}]), "InvalidSchedule"),  # DC EVSE
    (0, profile(purpose="ChargingStationMaxProfile", periods=[{"startPeriod": 0, "limit": 1.0, "numberPhases": 3,
                                                              "phaseToUse": 1}]), "InvalidSchedule"),  # K01.FR.19
    (0, profile(purpose="ChargingStationMaxProfile", periods=[{"startPeriod": 0, "limit": 1.0, "numberPhases": 1,
                                                              "phaseToUse": 1}]), "InvalidSchedule"),  # K01.FR.20
    (1, profile(validFrom=(T0 + timedelta(hours=1)).isoformat(), validTo=T0.isoformat()), "InvalidProfile"),
    (1, profile(schedule={"duration": 0}), "InvalidSchedule"),
])
def test_a_broken_schedule_is_rejected_with_its_reason(evse_id: int, camel: dict[str, Any], reason: str) -> None:
    refusal = check(evse_id, camel)
    assert refusal is not None and (refusal.status, refusal.reason_code) == ("Rejected", reason)


def test_the_station_supply_allows_fewer_phases_on_evse_0() -> None:
    station_max = profile(purpose="ChargingStationMaxProfile", unit="A",
                          periods=[{"startPeriod": 0, "limit": 32.0, "numberPhases": 1}])
    assert check(0, station_max) is None
    limits = pr.limits_w(pr.install((), make(0, station_max)), (1, 2), T0, {}, VOLTS)
    assert limits == {0: 32.0 * VOLTS, 1: None, 2: None}


def test_a_second_profile_with_the_same_level_and_purpose_is_rejected_while_both_are_valid() -> None:
    first = make(1, profile(1, stack=1, validFrom=T0.isoformat(), validTo=(T0 + timedelta(hours=2)).isoformat()))
    overlapping = profile(2, stack=1, validFrom=(T0 + timedelta(hours=1)).isoformat())
    assert check(1, overlapping, (first,)).reason_code == "DuplicateProfile"  # type: ignore[union-attr]
    later = profile(2, stack=1, validFrom=(T0 + timedelta(hours=2)).isoformat())
    assert check(1, later, (first,)) is None  # K01.FR.06: only overlapping validity conflicts
    assert check(2, overlapping, (first,)) is None  # another EVSE
    assert check(1, profile(2, stack=2), (first,)) is None  # another level
    assert check(1, profile(1, stack=1), (first,)) is None  # the same id replaces (K01.FR.05)


def test_a_station_wide_default_and_an_evse_default_cannot_share_a_level() -> None:
    station_default = (make(0, profile(1, stack=1)),)
    assert check(1, profile(2, stack=1), station_default).reason_code == "DuplicateProfile"  # type: ignore[union-attr]
    assert check(1, profile(2, stack=2), station_default) is None


def test_the_number_of_installed_profiles_is_bounded() -> None:
    caps = pr.Capabilities(max_profiles=2)
    installed = (make(1, profile(1, stack=0)), make(1, profile(2, stack=1)))
    assert check(1, profile(3, stack=2), installed, caps=caps).reason_code == "OutOfStorage"  # type: ignore[union-attr]
    assert check(1, profile(2, stack=1), installed, caps=caps) is None  # a replacement takes no room


def test_installing_the_same_id_replaces_it() -> None:
    stack = pr.install((), make(1, profile(7, stack=0)))
    stack = pr.install(stack, make(2, profile(7, stack=3)))
    assert [(p.profile_id, p.evse_id, p.stack_level) for p in stack] == [(7, 2, 3)]


def test_tx_profiles_end_with_their_transaction() -> None:
    tx = make(1, profile(1, "TxProfile", kind="Relative", start=None, transactionId=TX.transaction_id))
    default = make(1, profile(2))
    assert pr.end_transaction((tx, default), TX.transaction_id) == (default,)


def test_a_request_start_profile_gets_its_transaction_later() -> None:
    started = pr.with_transaction(make(1, profile(1, "TxProfile", kind="Relative", start=None)), "tx-9")
    assert started.transaction_id == "tx-9" and started.data["transaction_id"] == "tx-9"


# --- the limits --------------------------------------------------------------------------


def test_the_running_transactions_profile_beats_the_default_and_the_station_caps_all() -> None:
    stack = pr.install((), make(1, profile(1, stack=5, periods=[{"startPeriod": 0, "limit": 20000.0}])))
    stack = pr.install(stack, make(1, profile(2, "TxProfile", 0, "Relative", start=None,
                                              transactionId=TX.transaction_id,
                                              periods=[{"startPeriod": 0, "limit": 30000.0},
                                                       {"startPeriod": 600, "limit": 8000.0}])))
    stack = pr.install(stack, make(0, profile(3, "ChargingStationMaxProfile",
                                              periods=[{"startPeriod": 0, "limit": 25000.0}])))
    at = T0 + timedelta(minutes=1)
    assert pr.limit_w(stack, 1, at, TX, VOLTS) == 25000.0  # TxProfile 30 kW, capped by the station
    assert pr.limit_w(stack, 1, T0 + timedelta(minutes=11), TX, VOLTS) == 8000.0
    assert pr.limit_w(stack, 1, at, None, VOLTS) == 20000.0  # no transaction: the default
    other = pr.RunningTx("another", T0)
    assert pr.limit_w(stack, 1, at, other, VOLTS) == 20000.0  # another transaction's profile does not apply
    assert pr.limits_w(stack, (1, 2), at, {1: TX}, VOLTS) == {0: 25000.0, 1: 30000.0, 2: None}


def test_the_highest_stack_level_wins_and_an_evse_default_beats_the_station_wide_one() -> None:
    stack = (make(0, profile(1, stack=1, periods=[{"startPeriod": 0, "limit": 5000.0}])),
             make(1, profile(2, stack=0, periods=[{"startPeriod": 0, "limit": 9000.0}])),
             make(1, profile(3, stack=2, periods=[{"startPeriod": 0, "limit": 7000.0}]), ))
    assert pr.limit_w(stack, 1, T0, None, VOLTS) == 7000.0
    assert pr.limit_w(stack, 2, T0, None, VOLTS) == 5000.0


def test_amperes_become_watts_with_the_phase_voltage_and_three_phases() -> None:
    stack = (make(1, profile(unit="A", periods=[{"startPeriod": 0, "limit": 16.0}])),)
    assert pr.limit_w(stack, 1, T0, None, VOLTS) == pytest.approx(16 * VOLTS * 3)


def test_external_constraints_cap_their_evse_and_the_station() -> None:
    evse_cap = make(1, profile(1, "ChargingStationExternalConstraints", periods=[{"startPeriod": 0, "limit": 4000.0}]),
                    source="EMS")
    station_cap = make(0, profile(2, "ChargingStationExternalConstraints",
                                  periods=[{"startPeriod": 0, "limit": 6000.0}]), source="EMS")
    default = make(1, profile(3, periods=[{"startPeriod": 0, "limit": 9000.0}]))
    stack = (evse_cap, station_cap, default)
    assert pr.limits_w(stack, (1, 2), T0, {}, VOLTS) == {0: 6000.0, 1: 4000.0, 2: None}
    assert pr.limit_w(stack, 2, T0, None, VOLTS) == 6000.0


def test_a_profile_outside_its_validity_does_not_limit() -> None:
    stack = (make(1, profile(validFrom=(T0 + timedelta(hours=1)).isoformat())),)
    assert pr.limit_w(stack, 1, T0, None, VOLTS) is None
    assert pr.limit_w(stack, 1, T0 + timedelta(hours=1), None, VOLTS) == 11000.0


# --- GetCompositeSchedule ------------------------------------------------------------------


def test_the_composite_schedule_follows_the_limits_over_time() -> None:
    two_periods = [{"startPeriod": 0, "limit": 20000.0}, {"startPeriod": 1800, "limit": 9000.0}]
    stack = (make(1, profile(1, periods=two_periods)),
             make(0, profile(2, "ChargingStationMaxProfile", periods=[{"startPeriod": 0, "limit": 15000.0}])))
    answer = pr.composite_schedule_201(stack, 1, 3600, None, T0 + timedelta(microseconds=400), CAPS, VOLTS, 60000.0)
    valid(3, "GetCompositeSchedule", answer)
    assert answer["status"] == "Accepted"
    schedule = answer["schedule"]
    assert (schedule["evse_id"], schedule["duration"], schedule["charging_rate_unit"]) == (1, 3600, "W")
    assert schedule["schedule_start"].startswith("2026-11-25T08:00:00")
    assert schedule["charging_schedule_period"] == [{"start_period": 0, "limit": 15000.0},
                                                     {"start_period": 1800, "limit": 9000.0}]


def test_the_composite_schedule_in_amperes_and_where_nothing_limits() -> None:
    answer = pr.composite_schedule_201((), 0, 600, "A", T0, CAPS, VOLTS, 60000.0)
    valid(3, "GetCompositeSchedule", answer)
    assert answer["schedule"]["charging_schedule_period"] == [
        {"start_period": 0, "limit": round(60000.0 / (VOLTS * 3), 1)}]


def test_the_composite_schedule_includes_external_constraints() -> None:
    stack = (make(1, profile(1, "ChargingStationExternalConstraints", periods=[{"startPeriod": 0, "limit": 3000.0}]),
                  source="EMS"),)
    answer = pr.composite_schedule_201(stack, 1, 600, "W", T0, CAPS, VOLTS, 60000.0)
    assert answer["schedule"]["charging_schedule_period"] == [{"start_period": 0, "limit": 3000.0}]


@pytest.mark.parametrize(("evse_id", "unit", "reason"), [(5, "W", "UnknownEvse"), (1, "A", "UnsupportedRateUnit")])
def test_the_composite_schedule_is_rejected_for_an_unknown_evse_or_unit(evse_id: int, unit: str, reason: str) -> None:
    answer = pr.composite_schedule_201((), evse_id, 600, unit, T0, pr.Capabilities(units=("W",)), VOLTS, 60000.0)
    valid(3, "GetCompositeSchedule", answer)
    assert answer["status"] == "Rejected" and answer["status_info"]["reason_code"] == reason


def test_the_1_6_composite_is_unchanged_without_a_limit_function() -> None:
    core = make(1, profile(periods=[{"startPeriod": 0, "limit": 5000.0}])).core
    plain = sc.composite([core], 1, T0, 600, "W", None, VOLTS, 60000.0)
    hooked = sc.composite([core], 1, T0, 600, "W", None, VOLTS, 60000.0, limit_at=lambda at: 1000.0)
    assert plain["charging_schedule_period"] == [{"start_period": 0, "limit": 5000.0}]
    assert hooked["charging_schedule_period"] == [{"start_period": 0, "limit": 1000.0}]


# --- GetChargingProfiles and ClearChargingProfile -----------------------------------------


def stack_of_four() -> tuple[pr.Profile201, ...]:
    return (make(0, profile(1, "ChargingStationMaxProfile", stack=0)),
            make(1, profile(2, stack=1)),
            make(2, profile(3, stack=2)),
            make(1, profile(4, "ChargingStationExternalConstraints", stack=0), source="EMS"))


def get(request: dict[str, Any]) -> list[pr.ProfileReport]:
    get_validator(2, "GetChargingProfiles", "2.0.1").validate(request)
    reports = pr.get_charging_profiles(stack_of_four(), camel_to_snake_case(request))
    valid(3, "GetChargingProfiles", {"status": pr.get_status(reports)})
    for payload in pr.report_payloads(request["requestId"], reports):
        valid(2, "ReportChargingProfiles", payload)
    return reports


def ids(reports: list[pr.ProfileReport]) -> list[tuple[int, str, list[int]]]:
    return [(r.evse_id, r.source, [p["id"] for p in r.profiles]) for r in reports]


def test_get_charging_profiles_reports_per_evse_and_source() -> None:
    assert ids(get({"requestId": 1, "chargingProfile": {}})) == [
        (0, "CSO", [1]), (1, "CSO", [2]), (1, "EMS", [4]), (2, "CSO", [3])]
    payloads = pr.report_payloads(1, get({"requestId": 1, "chargingProfile": {}}))
    assert [p["tbc"] for p in payloads] == [True, True, True, False]


def test_get_charging_profiles_filters_by_its_criteria() -> None:
    assert ids(get({"requestId": 2, "evseId": 0, "chargingProfile": {}})) == [(0, "CSO", [1])]
    assert ids(get({"requestId": 3, "chargingProfile": {"chargingProfilePurpose": "TxDefaultProfile"}})) == [
        (1, "CSO", [2]), (2, "CSO", [3])]
    assert ids(get({"requestId": 4, "chargingProfile": {"stackLevel": 2}})) == [(2, "CSO", [3])]
    assert ids(get({"requestId": 5, "chargingProfile": {"chargingLimitSource": ["EMS"]}})) == [(1, "EMS", [4])]
    assert ids(get({"requestId": 6, "evseId": 1, "chargingProfile": {"chargingProfileId": [2, 3, 4]}})) == [
        (1, "CSO", [2]), (1, "EMS", [4])]
    by_id = {"chargingProfileId": [3], "stackLevel": 0}  # ids select alone
    assert ids(get({"requestId": 7, "chargingProfile": by_id})) == [(2, "CSO", [3])]


def test_get_charging_profiles_answers_no_profiles_when_nothing_matches() -> None:
    reports = get({"requestId": 8, "chargingProfile": {"stackLevel": 9}})
    assert reports == [] and pr.get_status(reports) == "NoProfiles"
    assert pr.report_payloads(8, reports) == []


def test_a_reported_profile_is_the_one_that_was_set() -> None:
    camel = profile(5, stack=1, validFrom=T0.isoformat(), schedule={"duration": 3600, "minChargingRate": 1000.0})
    report = pr.report_payloads(9, pr.get_charging_profiles((make(1, camel),), {"charging_profile": {}}))[0]
    assert valid(2, "ReportChargingProfiles", report)["chargingProfile"] == [camel]


def clear(request: dict[str, Any]) -> tuple[list[int], str]:
    get_validator(2, "ClearChargingProfile", "2.0.1").validate(request)
    remaining, status = pr.clear(stack_of_four(), camel_to_snake_case(request))
    valid(3, "ClearChargingProfile", {"status": status})
    return [p.profile_id for p in remaining], status


def test_clear_by_id_or_by_criteria() -> None:
    assert clear({"chargingProfileId": 2}) == ([1, 3, 4], "Accepted")
    assert clear({"chargingProfileId": 99}) == ([1, 2, 3, 4], "Unknown")
    assert clear({"chargingProfileCriteria": {"evseId": 2}}) == ([1, 2, 4], "Accepted")
    assert clear({"chargingProfileCriteria": {"chargingProfilePurpose": "TxDefaultProfile", "stackLevel": 1}}) == (
        [1, 3, 4], "Accepted")
    assert clear({"chargingProfileCriteria": {"evseId": 0, "stackLevel": 1}}) == ([1, 2, 3, 4], "Unknown")
    assert clear({}) == ([4], "Accepted")


def test_external_constraints_are_never_cleared_by_the_csms() -> None:
    assert clear({"chargingProfileId": 4}) == ([1, 2, 3, 4], "Unknown")
    assert clear({"chargingProfileCriteria": {"chargingProfilePurpose": "ChargingStationExternalConstraints"}}) == (
        [1, 2, 3, 4], "Unknown")


def test_a_profile_survives_its_record() -> None:
    original = make(1, profile(5, stack=1, schedule={"duration": 600}), source="CSO")
    assert pr.from_record(pr.to_record(original)) == original
