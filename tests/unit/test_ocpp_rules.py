"""The OCPP side's pure rules: back-off, boot table, keys, offline authorization, the queue,
the station-to-OCPP mapping, log redaction and the [ocpp] configuration."""

from __future__ import annotations

import logging
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ocpp.v16.enums import ChargePointErrorCode, ChargePointStatus

from controller.config import ConfigError, load
from controller.ocpp import boot as bootfsm
from controller.ocpp.authorization import AuthorizationStore, IdTagInfo, Rules, decide
from controller.ocpp.configuration import ChangeResult, Configuration, standard_keys
from controller.ocpp.connection import Backoff, EndpointError, endpoint, endpoint_from_override, redact
from controller.ocpp.mapping import (
    connector_status,
    error_code_of,
    error_report,
    reason_of,
    stop_reason,
    stop_reason_of,
)
from controller.ocpp.metering import next_aligned
from controller.ocpp.port import ConnectorSnapshot, ReportedCode, StationSnapshot
from controller.ocpp.queue import TransactionQueue
from controller.ocpp.storage import Storage
from controller.session import ConnectorState, StopReason
from controller.status_codes import known_codes

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


# --- connection -------------------------------------------------------------------------


@given(st.integers(0, 2**32 - 1))
def test_the_back_off_doubles_up_to_its_maximum_plus_bounded_jitter(seed: int) -> None:
    backoff = Backoff(3.0, 90.0, 10.0, random.Random(seed))
    delays = [backoff.next_delay() for _ in range(10)]
    bases = [min(90.0, 3.0 * 2**n) for n in range(10)]
    assert all(base <= delay <= base + 10.0 for base, delay in zip(bases, delays, strict=True))
    backoff.reset()
    assert backoff.next_delay() <= 13.0


def test_the_same_seed_gives_the_same_back_off() -> None:
    first, second = (Backoff(1, 60, 5, random.Random(42)) for _ in range(2))
    assert [first.next_delay() for _ in range(5)] == [second.next_delay() for _ in range(5)]


def test_the_charge_point_id_is_the_last_path_segment() -> None:
    assert endpoint("ws://csms.example:9000/ocpp/", "CP-1").url == "ws://csms.example:9000/ocpp/CP-1"
    override = endpoint_from_override("wss://csms.example/ocpp/CP-7")
    assert (override.charge_point_id, override.secure) == ("CP-7", True)
    for bad in ("http://csms.example/CP", "ws://user:pw@csms.example/CP", "ws://csms.example"):
        with pytest.raises(EndpointError):
            endpoint_from_override(bad)


def test_secrets_are_redacted_from_frames_and_headers() -> None:
    frame = '[2,"1","ChangeConfiguration",{"key":"AuthorizationKey","value":"s3cr3t-s3cr3t-s3cr3t"}]'
    assert "s3cr3t" not in redact(frame)
    assert "s3cr3t" not in redact("{'value': 's3cr3t', 'key': 'AuthorizationKey'}")
    assert redact("Authorization: Basic QUJDOkRFRg==") == "Authorization: Basic ***"
    assert redact('{"key":"HeartbeatInterval","value":"60"}').endswith('"60"}')


def test_frame_logs_never_show_the_authorization_key(caplog: pytest.LogCaptureFixture) -> None:
    from controller.ocpp.connection import FRAME_LOG

    caplog.set_level(logging.INFO)
    FRAME_LOG.info("%s: receive message %s", "CP", '[2,"1","ChangeConfiguration",'
                   '{"key":"AuthorizationKey","value":"topsecretpassword"}]')
    assert "topsecretpassword" not in caplog.text


# --- boot ---------------------------------------------------------------------------------


def test_every_boot_transition_is_in_one_table() -> None:
    boot = bootfsm.step(bootfsm.Boot(), bootfsm.BootEvent.SEND, 0.0)
    assert boot.state is bootfsm.BootState.SENT and not boot.due(0.0)
    pending = bootfsm.step(boot, bootfsm.BootEvent.PENDING, 10.0, 30.0)
    assert pending.state is bootfsm.BootState.PENDING and not pending.due(39.0) and pending.due(40.0)
    rejected = bootfsm.step(boot, bootfsm.BootEvent.REJECTED, 10.0, 0.0)
    assert not rejected.answering and rejected.next_at == 10.0 + bootfsm.RETRY_S
    accepted = bootfsm.step(boot, bootfsm.BootEvent.ACCEPTED, 10.0, 300.0)
    assert accepted.accepted and not accepted.due(1e9)
    assert bootfsm.step(accepted, bootfsm.BootEvent.PENDING, 11.0) == accepted  # not in the table: no change


# --- configuration keys ---------------------------------------------------------------------


@pytest.fixture
def configuration() -> Configuration:
    return Configuration(Storage(":memory:"), standard_keys(2))


@pytest.mark.parametrize("key,value,result", [
    ("HeartbeatInterval", "120", ChangeResult.ACCEPTED),
    ("HeartbeatInterval", "-1", ChangeResult.REJECTED),
    ("HeartbeatInterval", "1.5", ChangeResult.REJECTED),
    ("AllowOfflineTxForUnknownId", "yes", ChangeResult.REJECTED),
    ("AllowOfflineTxForUnknownId", "True", ChangeResult.ACCEPTED),
    ("MeterValuesSampledData", "SoC,Voltage", ChangeResult.ACCEPTED),
    ("MeterValuesSampledData", "Energy.Reactive.Import.Register", ChangeResult.REJECTED),
    ("MeterValuesSampledData", ",".join(["SoC"] * 7), ChangeResult.REJECTED),
    ("ConnectorPhaseRotation", "0.RST,1.NotApplicable", ChangeResult.ACCEPTED),
    ("ConnectorPhaseRotation", "1.XYZ", ChangeResult.REJECTED),
    ("TransactionMessageAttempts", "0", ChangeResult.REJECTED),
    ("SupportedFeatureProfiles", "Core", ChangeResult.REJECTED),
    ("WebSocketPingInterval", "15", ChangeResult.REBOOT_REQUIRED),
    ("AuthorizationKey", "short", ChangeResult.REJECTED),
    ("AuthorizationKey", "a-long-enough-key-0001", ChangeResult.ACCEPTED),
    ("SecurityProfile", "3", ChangeResult.ACCEPTED),
    ("Unknown", "1", ChangeResult.NOT_SUPPORTED),
])
def test_changes_are_validated_by_type_access_and_range(configuration: Configuration, key: str, value: str,
                                                        result: ChangeResult) -> None:
    assert configuration.change(key, value) is result


def test_values_survive_a_restart_and_the_key_is_write_only(tmp_path: Path) -> None:
    storage = Storage(tmp_path / "cp.sqlite")
    Configuration(storage, standard_keys(2)).change("MeterValueSampleInterval", "15")
    Configuration(storage, standard_keys(2)).change("AuthorizationKey", "a-long-enough-key-0001")
    storage.close()
    again = Configuration(Storage(tmp_path / "cp.sqlite"), standard_keys(2))
    assert again.number("MeterValueSampleInterval") == 15
    known, unknown = again.get_configuration(["AuthorizationKey", "Nope"])
    assert known == [{"key": "AuthorizationKey", "readonly": False}] and unknown == ["Nope"]


def test_a_security_profile_is_never_lowered(configuration: Configuration) -> None:
    configuration.max_security_profile = 2
    configuration.set_internal("SecurityProfile", "1")
    assert configuration.change("SecurityProfile", "0") is ChangeResult.REJECTED
    assert configuration.change("SecurityProfile", "3") is ChangeResult.REJECTED
    assert configuration.change("SecurityProfile", "2") is ChangeResult.ACCEPTED


# --- authorization -------------------------------------------------------------------------

ACCEPTED = IdTagInfo("Accepted")
BLOCKED = IdTagInfo("Blocked")
EXPIRED = IdTagInfo("Accepted", expiry=NOW - timedelta(seconds=1))


@pytest.mark.parametrize("online,local,cached,rules,accepted,source", [
    (True, None, ACCEPTED, Rules(), None, None),  # online: ask the central system
    (True, ACCEPTED, None, Rules(local_pre_authorize=True), True, "local_list"),
    (True, EXPIRED, None, Rules(local_pre_authorize=True), None, None),
    (False, None, ACCEPTED, Rules(), True, "cache"),
    (False, ACCEPTED, BLOCKED, Rules(), True, "local_list"),  # the local list wins over the cache
    (False, None, ACCEPTED, Rules(cache_enabled=False), False, "offline"),
    (False, None, None, Rules(allow_offline_tx_for_unknown_id=True), True, "offline_unknown"),
    (False, None, BLOCKED, Rules(allow_offline_tx_for_unknown_id=True), False, "cache"),
    (False, EXPIRED, None, Rules(allow_offline_tx_for_unknown_id=True), False, "local_list"),
    (False, None, ACCEPTED, Rules(local_authorize_offline=False), False, "offline"),
])
def test_offline_rules(online: bool, local: IdTagInfo | None, cached: IdTagInfo | None, rules: Rules,
                       accepted: bool | None, source: str | None) -> None:
    decision = decide(online, local, cached, rules, NOW)
    if accepted is None:
        assert decision is None
    else:
        assert decision is not None and (decision.accepted, decision.source) == (accepted, source)


def test_send_local_list_rules() -> None:
    store = AuthorizationStore(Storage(":memory:"))
    entry = {"id_tag": "A1", "id_tag_info": {"status": "Accepted"}}
    assert store.send_local_list(1, "Full", [{"id_tag": "A1"}], 10) == "Failed"  # Full needs idTagInfo
    assert store.send_local_list(1, "Full", [entry, entry], 10) == "Failed"  # twice the same id
    assert store.send_local_list(2, "Full", [entry], 10) == "Accepted"
    assert store.send_local_list(2, "Differential", [], 10) == "VersionMismatch"
    many = [{"id_tag": f"T{i}", "id_tag_info": {"status": "Accepted"}} for i in range(3)]
    assert store.send_local_list(3, "Differential", many, 3) == "Failed"  # over LocalAuthListMaxLength
    assert store.list_version == 2 and store.listed("T0") is None  # nothing of a failed update stays


# --- the queue ---------------------------------------------------------------------------


def test_queued_messages_carry_the_real_id_once_known(tmp_path: Path) -> None:
    ids = iter(f"u{i}" for i in range(100))
    queue = TransactionQueue(Storage(tmp_path / "q.sqlite"), lambda: next(ids))
    local = queue.start(1, "TAG", 100, NOW)
    queue.meter_values(local, {"connector_id": 1, "meter_value": []})
    queue.stop(local, {"meter_stop": 200, "timestamp": "x", "reason": "Local"})
    start, _ = queue.head(NOW)
    assert start is not None and start.action == "StartTransaction" and start.unique_id == "u0"
    queue.delivered(start, {"transaction_id": 42, "id_tag_info": {"status": "Accepted"}})
    meter, _ = queue.head(NOW)
    assert meter is not None and queue.wire_payload(meter)["transaction_id"] == 42


def test_a_failed_message_waits_longer_each_attempt_then_is_dropped() -> None:
    queue = TransactionQueue(Storage(":memory:"))
    queue.start(1, "TAG", 0, NOW)
    message, _ = queue.head(NOW)
    assert message is not None
    assert not queue.failed(message, NOW, 60, 3)
    assert queue.head(NOW + timedelta(seconds=59))[1] == pytest.approx(1.0)
    message, _ = queue.head(NOW + timedelta(seconds=60))
    assert message is not None and message.attempts == 1
    assert not queue.failed(message, NOW, 60, 3)
    assert queue.head(NOW + timedelta(seconds=119))[0] is None  # 60 s x 2 attempts
    message, _ = queue.head(NOW + timedelta(seconds=120))
    assert queue.failed(message, NOW, 60, 3) and len(queue) == 0


# --- mapping -----------------------------------------------------------------------------


def test_every_status_code_maps_to_an_ocpp_error_code() -> None:
    for code in known_codes():
        report = error_report(code)
        assert isinstance(report.error_code, ChargePointErrorCode)
        assert report.error_code is not ChargePointErrorCode.no_error
        assert report.vendor_error_code == code and report.info is not None and len(report.info) <= 50


@pytest.mark.parametrize("code,error", [
    ("011025", "ConnectorLockFailure"), ("012229", "HighTemperature"), ("012234", "GroundFailure"),
    ("012218", "OverCurrentFailure"), ("012200", "OverVoltage"), ("012203", "UnderVoltage"),
    ("011011", "PowerSwitchFailure"), ("012243", "ReaderFailure"), ("012241", "WeakSignal"),
])
def test_status_codes_map_by_their_meaning(code: str, error: str) -> None:
    assert error_code_of(code).value == error


def _snapshot(state: ConnectorState, *codes: ReportedCode, offered: float = 30_000.0) -> StationSnapshot:
    return StationSnapshot((ConnectorSnapshot(1, state, 0.0, offered_w=offered),), codes)


@pytest.mark.parametrize("state,operative,reserved,codes,status", [
    (ConnectorState.AVAILABLE, True, False, (), ChargePointStatus.available),
    (ConnectorState.AVAILABLE, True, True, (), ChargePointStatus.reserved),
    (ConnectorState.AVAILABLE, False, False, (), ChargePointStatus.unavailable),
    (ConnectorState.UNAVAILABLE, True, False, (), ChargePointStatus.unavailable),
    (ConnectorState.PLUGGED, True, False, (), ChargePointStatus.preparing),
    (ConnectorState.CHARGING, False, False, (), ChargePointStatus.charging),  # finishes first
    (ConnectorState.STOPPING, True, False, (), ChargePointStatus.finishing),
    (ConnectorState.AVAILABLE, True, False, (ReportedCode("012251", 0, True),), ChargePointStatus.faulted),
    (ConnectorState.AVAILABLE, True, False, (ReportedCode("013600", 1, False),), ChargePointStatus.available),
    (ConnectorState.RESERVED, True, True, (), ChargePointStatus.reserved),
    (ConnectorState.INOPERATIVE, True, False, (), ChargePointStatus.unavailable),
    (ConnectorState.INOPERATIVE, False, False, (), ChargePointStatus.unavailable),
    (ConnectorState.FINISHED, False, False, (), ChargePointStatus.finishing),  # Unavailable once unplugged
])
def test_connector_states_map_to_ocpp_statuses(state: ConnectorState, operative: bool, reserved: bool,
                                               codes: tuple[ReportedCode, ...], status: ChargePointStatus) -> None:
    snapshot = _snapshot(state, *codes)
    assert connector_status(snapshot.connectors[0], snapshot, operative, reserved)[0] is status


def test_charging_with_nothing_offered_is_suspended_by_the_charger() -> None:
    snapshot = _snapshot(ConnectorState.CHARGING, offered=0.0)
    assert connector_status(snapshot.connectors[0], snapshot, True, False)[0] is ChargePointStatus.suspended_evse


def test_every_stop_reason_has_an_ocpp_reason() -> None:
    assert all(stop_reason(r).value == reason_of(r) for r in StopReason)
    assert all(reason_of(stop_reason_of(reason_of(r))) == reason_of(r) for r in StopReason
               if reason_of(r) not in ("Local", "EVDisconnected"))
    assert stop_reason_of("HardReset") is StopReason.HARD_RESET
    assert stop_reason_of("Local") is StopReason.OTHER  # a station's own reason, never asked for
    assert stop_reason("DeAuthorized").value == "DeAuthorized"
    assert stop_reason("Nonsense").value == "Other"


@given(st.integers(0, 86_400 * 3), st.sampled_from([60, 300, 900, 3600]))
def test_clock_aligned_moments_are_multiples_of_the_interval_from_midnight(seconds: int, interval: int) -> None:
    now = datetime(2026, 11, 25, tzinfo=UTC) + timedelta(seconds=seconds)
    aligned = next_aligned(now, interval)
    midnight = aligned.replace(hour=0, minute=0, second=0, microsecond=0)
    assert aligned > now and (aligned - now).total_seconds() <= interval
    assert (aligned - midnight).total_seconds() % interval == 0


# --- [ocpp] in the station configuration -------------------------------------------------------


@pytest.mark.parametrize("text,message", [
    ('[ocpp]\nurl = "http://x/ocpp"', "[ocpp].url: 'http://x/ocpp' is not ws://"),
    ('[ocpp]\nurl = "ws://u:p@x/ocpp"', "[ocpp].url: must not contain credentials"),
    ('[ocpp]\nauthorization_key = "short"', "[ocpp].authorization_key: must be 16 to 40"),
    ('[ocpp]\nurl = "ws://x/ocpp"\nca_file = "ca.pem"', "[ocpp].ca_file: only used with a wss:// url"),
    ('[ocpp]\nnetwork = "lora"', "[ocpp].network: 'lora' is not one of"),
    ("[ocpp]\nresponse_timeout_s = 0", "[ocpp].response_timeout_s: must be between 1 and 300"),
])
def test_bad_ocpp_settings_are_refused_naming_the_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "station.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load(path)
    assert message in str(error.value)
    assert "short" not in str(error.value), "a refused key is not echoed"
