"""OCPP 2.0.1 local authorization list and cache (controller.ocpp201.local_list): the mapping
onto the 1.6 tables, SendLocalList's rules and its answers against the official schemas."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ocpp.charge_point import camel_to_snake_case, remove_nones, snake_to_camel_case
from ocpp.messages import get_validator

from controller.ocpp.authorization import IdTagInfo, Rules, decide
from controller.ocpp201 import local_list as ll

T0 = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
LIMITS = ll.ListLimits()
STATUSES_201 = ("Accepted", "Blocked", "ConcurrentTx", "Expired", "Invalid", "NoCredit", "NotAllowedTypeEVSE",
                "NotAtThisLocation", "NotAtThisTime", "Unknown")


def valid(kind: int, action: str, payload: dict[str, Any]) -> dict[str, Any]:
    camel = remove_nones(snake_to_camel_case(payload))
    get_validator(kind, action, "2.0.1").validate(camel)
    return camel


def entry(token: str, status: str | None = "Accepted", **info: Any) -> dict[str, Any]:
    """An AuthorizationData as a CSMS sends it (camelCase); ``status`` None: no idTokenInfo."""
    data: dict[str, Any] = {"idToken": {"idToken": token, "type": "ISO14443"}}
    if status is not None:
        data["idTokenInfo"] = {"status": status, **info}
    return data


def send(version: int, update: str, entries: list[dict[str, Any]] | None, current_version: int = 0,
         listed: tuple[str, ...] = (), limits: ll.ListLimits = LIMITS) -> ll.ListPlan:
    request: dict[str, Any] = {"versionNumber": version, "updateType": update}
    if entries is not None:
        request["localAuthorizationList"] = entries
    get_validator(2, "SendLocalList", "2.0.1").validate(request)
    plan = ll.plan_send_local_list(camel_to_snake_case(request), current_version, listed, limits)
    valid(3, "SendLocalList", plan.response)
    return plan


RICH = {"status": "NoCredit", "cacheExpiryDateTime": "2026-12-01T00:00:00Z", "chargingPriority": 3,
        "language1": "de", "language2": "en", "evseId": [2],
        "groupIdToken": {"idToken": "FLEET-7", "type": "Central"},
        "personalMessage": {"format": "UTF8", "language": "de", "content": "Guthaben aufgebraucht"}}


# --- conversions ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", STATUSES_201)
def test_every_2_0_1_status_has_a_1_6_word(status: str) -> None:
    expected = status if status in ("Accepted", "Blocked", "ConcurrentTx", "Expired", "Invalid") else "Invalid"
    assert ll.status_16(status) == expected
    get_validator(3, "Authorize", "1.6").validate({"idTagInfo": {"status": ll.status_16(status)}})


def test_group_id_token_is_the_parent_and_the_cache_expiry_the_expiry() -> None:
    info = ll.from_201(camel_to_snake_case(RICH))
    legacy = ll.to_16(info)
    assert legacy == IdTagInfo("Invalid", datetime(2026, 12, 1, tzinfo=UTC), "FLEET-7")
    back = ll.from_16(IdTagInfo("Accepted", T0, "FLEET-7"))
    assert back == ll.TokenInfo("Accepted", T0, ll.IdToken("FLEET-7", "ISO14443"))


def test_an_id_token_info_goes_back_as_it_came() -> None:
    info = ll.from_201(camel_to_snake_case(RICH))
    payload = ll.id_token_info_201(info)
    camel = valid(3, "Authorize", {"id_token_info": payload})["idTokenInfo"]
    assert camel == {**RICH, "cacheExpiryDateTime": camel["cacheExpiryDateTime"]}
    assert ll.from_201(payload) == info


def test_a_cache_entry_without_expiry_lives_for_the_cache_lifetime() -> None:
    info = ll.from_201({"status": "Accepted"}, now=T0, cache_lifetime_s=3600)
    assert info.cache_expiry == T0 + timedelta(hours=1)
    assert info.status_at(T0 + timedelta(minutes=59)) == "Accepted"
    assert info.status_at(T0 + timedelta(hours=1)) == "Expired"
    assert ll.from_201({"status": "Accepted"}).cache_expiry is None


def test_a_token_limited_to_some_evses_is_valid_only_there() -> None:
    info = ll.from_201(camel_to_snake_case(RICH))
    assert info.valid_on(2) and not info.valid_on(1) and info.valid_on(None)
    assert ll.TokenInfo("Accepted").valid_on(1)


def test_central_and_no_authorization_tokens_are_not_cached() -> None:
    assert ll.cacheable(ll.IdToken("04A2", "ISO14443")) and ll.cacheable(ll.IdToken("E0", "ISO15693"))
    assert not ll.cacheable(ll.IdToken("app-1", "Central")) and not ll.cacheable(ll.IdToken("", "NoAuthorization"))


def test_a_row_keeps_the_2_0_1_entry_and_the_1_6_rules_read_its_columns() -> None:
    token = ll.IdToken("04A2B3", "ISO14443")
    info = ll.from_201(camel_to_snake_case(RICH))
    row = ll.to_row(token, info)
    assert (row.id_tag, row.status, row.parent_id_tag) == ("04A2B3", "Invalid", "FLEET-7")
    assert datetime.fromisoformat(row.expiry or "") == datetime(2026, 12, 1, tzinfo=UTC)
    assert ll.from_row(row.status, row.expiry, row.parent_id_tag, row.info_201) == info
    assert ll.row_type(row.info_201) == "ISO14443"
    decision = decide(False, ll.to_16(info), None, Rules(), T0)  # offline, listed: refused as 1.6 would
    assert decision is not None and not decision.accepted and decision.status == "Invalid"


def test_a_row_a_1_6_csms_wrote_reads_as_2_0_1() -> None:
    info = ll.from_row("Blocked", T0.isoformat(), "PARENT", None)
    assert info == ll.TokenInfo("Blocked", T0, ll.IdToken("PARENT", "ISO14443"))
    assert ll.row_type(None) is None
    valid(3, "Authorize", {"id_token_info": ll.id_token_info_201(info)})


# --- SendLocalList -------------------------------------------------------------------------


def test_a_full_update_replaces_the_list() -> None:
    plan = send(3, "Full", [entry("A"), entry("B", "Blocked", groupIdToken={"idToken": "G", "type": "Central"})],
                current_version=5, listed=("OLD",))
    assert plan.status == "Accepted" and plan.full and plan.version == 3
    assert [(r.id_tag, r.status, r.parent_id_tag) for r in plan.upserts] == [("A", "Accepted", None),
                                                                              ("B", "Blocked", "G")]
    assert plan.deletes == ()


def test_an_empty_full_update_empties_the_list() -> None:
    plan = send(2, "Full", None, listed=("A", "B"))
    assert (plan.status, plan.full, plan.upserts, plan.version) == ("Accepted", True, (), 2)


def test_a_full_update_entry_without_id_token_info_fails() -> None:
    assert send(2, "Full", [entry("A"), entry("B", None)]).status == "Failed"


def test_a_differential_update_adds_changes_and_deletes() -> None:
    plan = send(6, "Differential", [entry("A", "Expired"), entry("B", None)], current_version=5, listed=("B", "C"))
    assert plan.status == "Accepted" and not plan.full and plan.version == 6
    assert [(r.id_tag, r.status) for r in plan.upserts] == [("A", "Expired")]
    assert plan.deletes == ("B",)


def test_an_empty_differential_update_only_sets_the_version() -> None:
    plan = send(6, "Differential", None, current_version=5, listed=("B",))
    assert (plan.status, plan.version, plan.upserts, plan.deletes) == ("Accepted", 6, (), ())


@pytest.mark.parametrize("version", [5, 4])
def test_a_differential_update_not_above_the_version_is_a_mismatch(version: int) -> None:
    plan = send(version, "Differential", [entry("A")], current_version=5)
    assert plan.status == "VersionMismatch" and plan.upserts == ()


def test_version_0_is_refused() -> None:
    assert send(0, "Full", [entry("A")]).status == "Failed"


def test_a_token_twice_fails() -> None:
    assert send(1, "Full", [entry("A"), entry("A", "Blocked")]).status == "Failed"


def test_the_list_cannot_outgrow_its_entries() -> None:
    limits = ll.ListLimits(max_entries=2)
    assert send(1, "Full", [entry("A"), entry("B")], limits=limits).status == "Accepted"
    assert send(1, "Full", [entry("A"), entry("B"), entry("C")], limits=limits).status == "Failed"
    assert send(2, "Differential", [entry("C")], 1, ("A", "B"), limits).status == "Failed"
    assert send(2, "Differential", [entry("C"), entry("A", None)], 1, ("A", "B"), limits).status == "Accepted"
    assert send(2, "Differential", [entry("A", "Blocked")], 1, ("A", "B"), limits).status == "Accepted"


def test_a_message_beyond_items_or_bytes_per_message_fails() -> None:
    three = [entry("A"), entry("B"), entry("C")]
    assert send(1, "Full", three, limits=ll.ListLimits(items_per_message=2)).status == "Failed"
    assert send(1, "Full", three, limits=ll.ListLimits(items_per_message=3)).status == "Accepted"
    request = {"version_number": 1, "update_type": "Full",
               "local_authorization_list": [camel_to_snake_case(e) for e in three]}
    size = ll.message_bytes(request)
    assert send(1, "Full", three, limits=ll.ListLimits(bytes_per_message=size)).status == "Accepted"
    assert send(1, "Full", three, limits=ll.ListLimits(bytes_per_message=size - 1)).status == "Failed"


def test_a_disabled_list_fails_and_reports_version_0() -> None:
    off = ll.ListLimits(enabled=False)
    assert send(1, "Full", [entry("A")], limits=off).status == "Failed"
    assert valid(3, "GetLocalListVersion", ll.local_list_version(7, off)) == {"versionNumber": 0}
    assert valid(3, "GetLocalListVersion", ll.local_list_version(7, LIMITS)) == {"versionNumber": 7}
