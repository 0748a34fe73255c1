"""Failed starts: a session that ended before energy flowed, what kind of failure it was, and
whether the driver's authorization may be kept for another attempt.  Pure rules, one table.

A *failed start* is a session that went from Preparing to Stopping without ever charging, for a
reason that is neither the driver's own (stop button, card, the backend's stop) nor a fault the
charger itself must be looked at for.  :func:`classify` names its :class:`Kind` from the stop
reason, the status code and the furthest handshake stage the board reported, and :func:`rule`
says what the driver may do next:

======================  =========  ============  ==================================================
kind                    retry      re-plug       why
======================  =========  ============  ==================================================
COMMUNICATION           yes        yes           manual 5.3.6 step 1: unplug, plug in again; the
                                                 023 code blocks the connector until the cable is out
ISOLATION               once       yes           IEC 61851-23: an insulation fault is never retried
                                                 without the cable re-plugged; a second one in a row
                                                 is not retried at all (the cable or the EV is
                                                 suspect: the other connector, or call)
PRECHARGE               yes        yes           023 code: blocks until the cable is out
EV_REFUSED              yes        only a code   the EV declined (park, permission, temperature):
                                                 without a code the cable may stay in ("Try again")
OTHER                   yes        only a code   an EV message we cannot name more precisely
PLUG_IN_TIMEOUT         no         -             authorized, no cable came: the driver may have
                                                 left, so nobody's card is kept; tap again
AUTHORIZATION_TIMEOUT   no         -             no verdict on the card ever came: nothing was
                                                 accepted that could be kept; tap again
======================  =========  ============  ==================================================

Never a failed start (:func:`classify` returns None): the driver stopped it (stop button, card,
remote stop, the cable pulled), an emergency stop, a reset, a power loss, the backend's unlock or
refusal, the time limit, the EV already full or at its target, and every status code whose family
is not the EV's (023): 011/041 latch and take the connector out of service, 012/042 pause it
(door, tilt, temperatures, supply), so the Status and Out-of-service screens keep those.
After :data:`MAX_ATTEMPTS` failed starts in a row the authorization is no longer kept either.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from controller import fault_policy as policy
from controller.session import StopReason
from controller.status_codes import format_code
from controller.types import BoardStage


class Kind(enum.Enum):
    """What went wrong before energy flowed (the value names it on screen and in logs)."""

    COMMUNICATION = "communication"
    ISOLATION = "isolation"
    PRECHARGE = "precharge"
    EV_REFUSED = "ev_refused"
    PLUG_IN_TIMEOUT = "plug_in_timeout"
    AUTHORIZATION_TIMEOUT = "authorization_timeout"
    OTHER = "other"


#: Failed starts in a row (one connector, one driver) after which the authorization is not kept.
MAX_ATTEMPTS = 3


def _run(first: int, last: int) -> frozenset[str]:
    return frozenset(f"{n:06d}" for n in range(first, last + 1))


#: The EV's (023) codes by kind, per the catalog (controller/data/status_codes.toml).
CODES: dict[Kind, frozenset[str]] = {
    Kind.COMMUNICATION: (
        _run(23700, 23702)  # CHAdeMO / CCS / GB EV communication fail
        | {"023718"}  # CHAdeMO: d1 on no receive
        | _run(23809, 23836) | _run(23841, 23846) | _run(23848, 23849)  # CCS SLAC, SDP, V2G timeouts
        | _run(23855, 23872) | _run(23875, 23878) | _run(23881, 23889)  # CCS CAN timeouts, decode, CP state
        | _run(23892, 23893)  # CCS modem (QCA7000)
        | {"023900", "023903"} | _run(23930, 23947)  # GB/T: CC1 lost, BRO timeout, CEM/BEM timeouts
    ),
    Kind.ISOLATION: frozenset({
        "023721",  # CHAdeMO: wait ground fault timeout (output short circuit)
        "023731",  # CHAdeMO: isolation result fail
        "023839", "023847",  # CCS: cable check timeout (output short circuit)
        "023873", "023874",  # CCS: isolation status timeout
        "023908", "023913",  # GB/T: wait ground fault timeout, isolation result fail
        "023954", "023976",  # GB/T: the BMS stops for isolation
    }),
    Kind.PRECHARGE: frozenset({
        "023722",  # CHAdeMO: the EV's relay did not close after the voltage check
        "023840", "023850", "023879", "023880",  # CCS: precharge timeouts
        "023904",  # GB/T: precharge timeout
    }),
    Kind.EV_REFUSED: frozenset({
        "023705", "023706", "023712", "023720",  # CHAdeMO: no permission, incompatible, shift position, no allow
        "023737", "023738", "023743",  # CCS: RESS temperature inhibit, shift position, system incompatibility
        "023902",  # GB/T: battery incompatible
        "023715", "023728",  # CHAdeMO: the EV stopped (normal stop, stop before charging)
    }),
}

#: The EV's codes for "full" or "at its target": not a failure, the Summary says it.
EV_DONE_CODES = frozenset({"023950", "023951", "023952", "023979"})

#: Stop reasons that are never a failed start (the driver, the operator, safety, time).
EXCLUDED_REASONS = frozenset({
    StopReason.STOP_BUTTON, StopReason.CARD, StopReason.REMOTE, StopReason.EV_DISCONNECTED,
    StopReason.EMERGENCY_STOP, StopReason.SOFT_RESET, StopReason.HARD_RESET, StopReason.UNLOCK_COMMAND,
    StopReason.DEAUTHORIZED, StopReason.TIME_LIMIT, StopReason.POWER_LOSS,
    StopReason.EV_TARGET_REACHED, StopReason.EV_BATTERY_FULL,
})

#: Without a code we know, the furthest handshake stage names the kind.
_BY_STAGE = {
    BoardStage.CONNECTED: Kind.COMMUNICATION,
    BoardStage.COMMUNICATION: Kind.COMMUNICATION,
    BoardStage.CABLE_CHECK: Kind.ISOLATION,
    BoardStage.ISOLATION_TEST: Kind.ISOLATION,
    BoardStage.PRECHARGE: Kind.PRECHARGE,
}


@dataclass(frozen=True, slots=True)
class Rule:
    """What the driver may do after a failed start of one kind."""

    retry_safe: bool  # the authorization may be kept for another attempt
    needs_replug: bool  # the next attempt starts by unplugging and plugging in again (else "Try again")


def classify(reason: StopReason, code: str = "", stage: BoardStage = BoardStage.IDLE) -> Kind | None:
    """The kind of a session that ended before energy flowed, or None when it is no failed start
    (see the module's table); ``stage``: the furthest handshake stage the board reported."""
    if reason in EXCLUDED_REASONS:
        return None
    text = format_code(code) if code else ""
    if text and policy.action_for(text) is not policy.Action.END_SESSION:
        return None  # the charger's own fault: the Status / Out-of-service screens, never retried
    for kind, codes in CODES.items():
        if text in codes:
            return kind
    if text in EV_DONE_CODES:
        return None
    if reason is StopReason.EV_REQUEST:
        return Kind.EV_REFUSED
    return _BY_STAGE.get(stage, Kind.OTHER)


def rule(kind: Kind, code: str = "", failures_in_a_row: int = 1, isolation_in_a_row: int = 0) -> Rule:
    """Whether ``kind`` may be retried on the kept authorization, and how.  ``failures_in_a_row``
    counts this one; ``isolation_in_a_row``: isolation failures in a row, this one included."""
    if kind in (Kind.PLUG_IN_TIMEOUT, Kind.AUTHORIZATION_TIMEOUT):
        return Rule(False, False)
    # the EV's codes block the connector until the cable is out (controller.fault_policy); an
    # isolation fault is never retried without re-plugging (IEC 61851-23)
    replug = bool(code) or kind in (Kind.COMMUNICATION, Kind.ISOLATION, Kind.PRECHARGE)
    if failures_in_a_row >= MAX_ATTEMPTS or (kind is Kind.ISOLATION and isolation_in_a_row >= 2):
        return Rule(False, replug)
    return Rule(True, replug)
