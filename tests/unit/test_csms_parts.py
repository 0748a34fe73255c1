"""The demo central system's pure parts: the version choice, the settings' checks, the
independent frame check, energy readings and paged answers."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from controller.sim.csms201 import register_wh
from controller.sim.csms_base import Settings, choose_version, exact_json
from controller.sim.csms_door import paged
from controller.sim.frame_check import FrameChecker, payload_errors

V201, V16 = "ocpp2.0.1", "ocpp1.6"


@pytest.mark.parametrize(("versions", "prefer", "offered", "chosen"), [
    (["2.0.1", "1.6"], "", [V201, V16], V201),
    (["2.0.1", "1.6"], "", [V16, V201], V16),
    (["2.0.1", "1.6"], "1.6", [V201, V16], V16),
    (["2.0.1", "1.6"], "1.6", [V201], V201),
    (["1.6"], "2.0.1", [V201, V16], V16),
    (["1.6"], "", [V201], None),
    (["2.0.1"], "", [V16, "ocpp2.1"], None),
    (["2.0.1"], "", [], None),
])
def test_the_version_is_the_preferred_one_or_the_chargers_first_spoken_one(
        versions: list[str], prefer: str, offered: list[str], chosen: str | None) -> None:
    assert choose_version(Settings(versions=versions, prefer=prefer), offered) == chosen


def test_a_wrong_setting_changes_nothing() -> None:
    settings = Settings()
    with pytest.raises(ValueError, match="versions"):
        settings.update({"boot_status": "Pending", "versions": []})
    with pytest.raises(LookupError):
        settings.update({"boot_status": "Pending", "nonsense": 1})
    with pytest.raises(ValueError, match="running_cost"):
        settings.update({"running_cost": "sometimes"})
    assert settings == Settings()
    settings.update({"versions": ["1.6"], "on_mismatch": "reject"})
    assert (settings.versions, settings.on_mismatch) == (["1.6"], "reject")


def test_the_frame_check_reads_the_official_schemas_with_formats_and_exact_numbers() -> None:
    checker = FrameChecker("2.0.1")
    good = {"timestamp": "2025-05-01T10:00:00+02:00", "connectorStatus": "Available", "evseId": 1, "connectorId": 1}
    assert checker.received(json.dumps([2, "1", "StatusNotification", good])) is None
    for stamp in ("2025-05-01 10:00:00Z", "2025-05-01T10:00:00", "2025-02-30T10:00:00Z"):
        violation = checker.received(json.dumps([2, "2", "StatusNotification", {**good, "timestamp": stamp}]))
        assert violation is not None and "is not a 'date-time'" in violation.errors[0], stamp
    assert checker.checked == 4
    old = FrameChecker("1.6")
    period = {"startPeriod": 0, "limit": 20000.1}
    schedule = {"chargingRateUnit": "W", "chargingSchedulePeriod": [period]}
    old.sent(json.dumps([2, "q1", "GetCompositeSchedule", {"connectorId": 0, "duration": 60}]))
    assert old.received(json.dumps([3, "q1", {"status": "Accepted", "chargingSchedule": schedule}])) is None
    old.sent(json.dumps([2, "q2", "GetCompositeSchedule", {"connectorId": 0, "duration": 60}]))
    off = {**schedule, "chargingSchedulePeriod": [{**period, "limit": 20000.15}]}
    violation = old.received(json.dumps([3, "q2", {"status": "Accepted", "chargingSchedule": off}]))
    assert violation is not None and "multiple of" in violation.errors[0]


@pytest.mark.parametrize(("frame", "error"), [
    ("not json", "not JSON"),
    ('{"a": 1}', "not a CALL, CALLRESULT or CALLERROR array"),
    ('[2, "1", "Heartbeat"]', "3 elements, not 4"),
    ('[2, 7, "Heartbeat", {}]', "the message id is not a non-empty string"),
    ('[3, "nobody", {}]', "a CALLRESULT to no open CALL"),
    ('[4, "nobody", "NotSupported", "", {}]', "a CALLERROR to no open CALL"),
    ('[4, "1", "FormationViolation", "", {}]', "'FormationViolation' is not an OCPP 2.0.1 error code"),
    ('[2, "1", "StartTransaction", {}]', "no StartTransactionRequest schema in OCPP 2.0.1"),
])
def test_the_frame_check_names_what_breaks_the_rpc_framing(frame: str, error: str) -> None:
    violation = FrameChecker("2.0.1").received(frame)
    assert violation is not None and violation.errors[0] == error


def test_a_request_payload_is_checked_before_it_is_sent() -> None:
    assert payload_errors("2.0.1", "CostUpdated", {"totalCost": Decimal("3.25"), "transactionId": "t"}) == []
    assert payload_errors("2.0.1", "Reset", {"type": "Soon"}) == [
        "type: 'Soon' is not one of ['Immediate', 'OnIdle']"]


def test_a_cost_is_written_exactly() -> None:
    assert exact_json([2, "1", "CostUpdated", {"totalCost": Decimal("6.10"), "transactionId": "t"}]) == \
        '[2, "1", "CostUpdated", {"totalCost": 6.10, "transactionId": "t"}]'


def test_the_energy_register_is_read_in_wh_whatever_the_unit() -> None:
    def sampled(value: float, **extra: object) -> list[dict[str, object]]:
        return [{"timestamp": "t", "sampled_value": [{"value": value, **extra}]}]

    assert register_wh(sampled(1234.5)) == Decimal("1234.5")
    assert register_wh(sampled(12.3456, unit_of_measure={"unit": "kWh"})) == Decimal("12345.6000")
    assert register_wh(sampled(5.0, unit_of_measure={"unit": "Wh", "multiplier": 3})) == Decimal("5000.0")
    assert register_wh(sampled(230.0, measurand="Voltage")) is None
    assert register_wh(sampled(100.0, phase="L1")) is None
    assert register_wh(None) is None


def test_a_paged_answer_is_complete_with_every_page_and_the_last_without_tbc() -> None:
    def pages(*seq: tuple[int, bool]) -> list[dict[str, object]]:
        return [{"seq_no": s, "tbc": t} for s, t in seq]

    assert paged(1, pages((0, True), (1, False)))["complete"] is True
    assert paged(1, pages((0, True), (2, False)))["complete"] is False
    assert paged(1, pages((0, True), (1, True)))["complete"] is False
    assert paged(1, pages((0, False), (0, False)))["complete"] is False
    assert paged(1, [])["complete"] is False
