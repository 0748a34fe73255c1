"""The failed-start table (controller.start_failure) and the kept authorization (controller.retry_hold)."""

from __future__ import annotations

import pytest

from controller import fault_policy as policy
from controller import start_failure as sf
from controller.retry_hold import RetryHolds
from controller.session import StopReason
from controller.status_codes import lookup
from controller.types import AuthMethod, BoardStage, Side

Kind = sf.Kind


@pytest.mark.parametrize(("reason", "code", "stage", "kind"), [
    # communication: each standard's EV communication fail, CCS SLAC / V2G timeouts, GB/T handshake timeouts
    (StopReason.FAULT, "023700", BoardStage.COMMUNICATION, Kind.COMMUNICATION),
    (StopReason.FAULT, "023701", BoardStage.COMMUNICATION, Kind.COMMUNICATION),
    (StopReason.FAULT, "023702", BoardStage.COMMUNICATION, Kind.COMMUNICATION),
    (StopReason.FAULT, "023809", BoardStage.COMMUNICATION, Kind.COMMUNICATION),
    (StopReason.FAULT, "023844", BoardStage.COMMUNICATION, Kind.COMMUNICATION),
    (StopReason.FAULT, "023931", BoardStage.COMMUNICATION, Kind.COMMUNICATION),
    # isolation: by code whatever the stage, and by the stage reached for an EV code we cannot name
    (StopReason.FAULT, "023731", BoardStage.ISOLATION_TEST, Kind.ISOLATION),
    (StopReason.FAULT, "023847", BoardStage.CABLE_CHECK, Kind.ISOLATION),
    (StopReason.FAULT, "023913", BoardStage.COMMUNICATION, Kind.ISOLATION),
    (StopReason.FAULT, "023713", BoardStage.ISOLATION_TEST, Kind.ISOLATION),
    # precharge
    (StopReason.FAULT, "023722", BoardStage.PRECHARGE, Kind.PRECHARGE),
    (StopReason.FAULT, "023850", BoardStage.PRECHARGE, Kind.PRECHARGE),
    (StopReason.FAULT, "023904", BoardStage.PRECHARGE, Kind.PRECHARGE),
    (StopReason.FAULT, "023713", BoardStage.PRECHARGE, Kind.PRECHARGE),
    # the EV refused: its codes, and the EV stopping by itself before energy
    (StopReason.FAULT, "023705", BoardStage.COMMUNICATION, Kind.EV_REFUSED),
    (StopReason.FAULT, "023706", BoardStage.COMMUNICATION, Kind.EV_REFUSED),
    (StopReason.FAULT, "023712", BoardStage.PRECHARGE, Kind.EV_REFUSED),
    (StopReason.FAULT, "023738", BoardStage.COMMUNICATION, Kind.EV_REFUSED),
    (StopReason.FAULT, "023743", BoardStage.COMMUNICATION, Kind.EV_REFUSED),
    (StopReason.FAULT, "023737", BoardStage.COMMUNICATION, Kind.EV_REFUSED),
    (StopReason.FAULT, "023902", BoardStage.COMMUNICATION, Kind.EV_REFUSED),
    (StopReason.EV_REQUEST, "", BoardStage.CABLE_CHECK, Kind.EV_REFUSED),
    # other: an EV message before the handshake, or a stop we cannot name
    (StopReason.FAULT, "023713", BoardStage.IDLE, Kind.OTHER),
    (StopReason.OTHER, "", BoardStage.IDLE, Kind.OTHER),
])
def test_each_kind_is_named_from_the_reason_the_code_and_the_stage(
        reason: StopReason, code: str, stage: BoardStage, kind: Kind) -> None:
    assert sf.classify(reason, code, stage) is kind


@pytest.mark.parametrize(("reason", "code"), [
    (StopReason.STOP_BUTTON, ""), (StopReason.CARD, ""), (StopReason.REMOTE, "033904"),
    (StopReason.EV_DISCONNECTED, ""), (StopReason.EMERGENCY_STOP, "012251"), (StopReason.SOFT_RESET, ""),
    (StopReason.HARD_RESET, ""), (StopReason.UNLOCK_COMMAND, ""), (StopReason.DEAUTHORIZED, ""),
    (StopReason.TIME_LIMIT, "013601"), (StopReason.POWER_LOSS, ""), (StopReason.EV_BATTERY_FULL, ""),
    (StopReason.EV_TARGET_REACHED, ""),
    (StopReason.FAULT, "011013"),  # a welded CCS relay: latched, out of service
    (StopReason.FAULT, "041013"),  # the power cabinet's twin
    (StopReason.FAULT, "012252"),  # the cabinet door
    (StopReason.FAULT, "012238"),  # tilt
    (StopReason.FAULT, "012279"),  # no power module left: out of service
    (StopReason.FAULT, "023979"),  # CCS EV full: the Summary says it
])
def test_the_driver_the_operator_safety_and_the_chargers_own_faults_are_no_failed_start(
        reason: StopReason, code: str) -> None:
    assert sf.classify(reason, code, BoardStage.PRECHARGE) is None


@pytest.mark.parametrize(("kind", "code", "failures", "isolations", "retry", "replug"), [
    (Kind.COMMUNICATION, "023701", 1, 0, True, True),
    (Kind.PRECHARGE, "023850", 2, 0, True, True),
    (Kind.ISOLATION, "023731", 1, 1, True, True),
    (Kind.ISOLATION, "023731", 2, 2, False, True),  # a second isolation failure in a row: never again
    (Kind.EV_REFUSED, "", 1, 0, True, False),  # no code: "Try again" with the cable in
    (Kind.EV_REFUSED, "023712", 1, 0, True, True),  # the 023 code blocks until the cable is out
    (Kind.OTHER, "", 1, 0, True, False),
    (Kind.OTHER, "023713", 1, 0, True, True),
    (Kind.COMMUNICATION, "023701", sf.MAX_ATTEMPTS, 0, False, True),
    (Kind.PLUG_IN_TIMEOUT, "", 1, 0, False, False),
    (Kind.AUTHORIZATION_TIMEOUT, "", 1, 0, False, False),
])
def test_each_kind_has_its_retry_rule(kind: Kind, code: str, failures: int, isolations: int, retry: bool,
                                      replug: bool) -> None:
    assert sf.rule(kind, code, failures, isolations) == sf.Rule(retry, replug)


def test_every_code_named_is_an_ev_code_of_the_catalog() -> None:
    for kind, codes in sf.CODES.items():
        for code in codes:
            assert policy.action_for(code) is policy.Action.END_SESSION, (kind, code)
            assert lookup(code).description, (kind, code)
    named = [code for codes in sf.CODES.values() for code in codes]
    assert len(named) == len(set(named)), "a code belongs to one kind"


def test_a_hold_keeps_the_token_for_its_window_on_its_connector_only() -> None:
    holds = RetryHolds(120)
    failure = holds.failed(Side.LEFT, Kind.COMMUNICATION, "023701", "AA", AuthMethod.RFID, 10.0)
    assert failure.until == 130.0 and failure.seconds_left(10.5) == 120
    assert holds.held(Side.LEFT, 129.9) == failure
    assert holds.held(Side.RIGHT, 20.0) is None
    holds.expire(130.0)
    assert holds.held(Side.LEFT, 130.0) is None and Side.LEFT in holds.shown, "shown until the station forgets it"


def test_a_hold_counts_failures_in_a_row_of_one_driver() -> None:
    holds = RetryHolds(120)
    for attempt in range(1, sf.MAX_ATTEMPTS):
        assert holds.failed(Side.LEFT, Kind.PRECHARGE, "023850", "AA", AuthMethod.RFID, attempt).until is not None
        holds.began(Side.LEFT, "AA")
    assert holds.failed(Side.LEFT, Kind.PRECHARGE, "023850", "AA", AuthMethod.RFID, 9.0).until is None
    holds.began(Side.LEFT, "BB")  # another driver starts afresh
    assert holds.failed(Side.LEFT, Kind.PRECHARGE, "023850", "BB", AuthMethod.RFID, 10.0).in_a_row == 1


def test_energy_ends_the_streak_and_a_window_of_zero_keeps_nothing() -> None:
    holds = RetryHolds(120)
    holds.failed(Side.LEFT, Kind.ISOLATION, "023731", "AA", AuthMethod.RFID, 0.0)
    holds.began(Side.LEFT, "AA")
    holds.charging(Side.LEFT)
    assert holds.failed(Side.LEFT, Kind.ISOLATION, "023731", "AA", AuthMethod.RFID, 5.0).until is not None
    assert RetryHolds(0).failed(Side.LEFT, Kind.COMMUNICATION, "023701", "AA", AuthMethod.RFID, 0.0).until is None
