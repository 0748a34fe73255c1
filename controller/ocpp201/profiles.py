"""OCPP 2.0.1 smart charging (functional block K) as pure functions of (profiles, request, time).

A 2.0.1 :class:`Profile201` carries the charging profile as the central system sent it
(``data``, snake_case as the ``ocpp`` library hands it over: what GetChargingProfiles
reports back), its EVSE (0 = the station), its chargingLimitSource and a 1.6
:class:`~controller.ocpp.smart_charging.Profile` of its first chargingSchedule (``core``),
on which the 1.6 maths (periods in force, stacking within a purpose, composite schedules)
runs unchanged.  Only the first schedule limits: the other two of a 1..3 list are ISO 15118
offers to the EV, and this charger negotiates none.

* :func:`check_profile` applies SetChargingProfile's rules (K01.FR.xx, numbered as in
  EVerest libocpp) and names the first one broken; :func:`profile_from_201` builds the
  profile; :func:`install` puts it in the stack (the same id replaces, K01.FR.05).
* :func:`get_charging_profiles` / :func:`report_payloads` are GetChargingProfiles and its
  ReportChargingProfiles (K09); :func:`clear` is ClearChargingProfile (K10).
* :func:`limit_w` / :func:`limits_w` are the watts the station must respect now;
  :func:`composite_schedule_201` answers GetCompositeSchedule (K08).

Stacking: within a purpose the highest stack level with a period now wins (an EVSE's
TxDefaultProfile beats the station-wide one at the same level); on an EVSE the running
transaction's TxProfile beats TxDefaultProfile; ChargingStationMaxProfile caps the whole
station; ChargingStationExternalConstraints (never from the CSMS) cap their EVSE or the
station; the limit of an EVSE is the smallest of these.

Amperes become watts as on 1.6: A x ``volts`` (the configured phase voltage) x numberPhases
(3 when absent).  On this DC charger a current limit is read on the AC supply side, per
phase, for every EVSE too: the DC output voltage follows the battery, so a DC-side current
would give a watt limit that changes with every reading, and the supply side is what a
site's operator limits.  numberPhases and phaseToUse on a DC EVSE are refused (K01.FR.44),
so EVSE limits in A always use 3 phases.
"""

from __future__ import annotations

import enum
import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, NamedTuple

from controller.ocpp import smart_charging as sc
from controller.ocpp.queue import ocpp_time

STATION = 0  # evseId of the charging station itself
CSO = "CSO"  # chargingLimitSource of the profiles the CSMS sets
_NO_TIME = datetime.min  # stands for "no installation moment" while the 1.6 parser runs


class Purpose(enum.StrEnum):
    """ChargingProfilePurposeEnumType."""

    STATION_MAX = "ChargingStationMaxProfile"
    TX_DEFAULT = "TxDefaultProfile"
    TX = "TxProfile"
    EXTERNAL = "ChargingStationExternalConstraints"


#: The 1.6 purpose whose maths each 2.0.1 purpose uses (external constraints stack apart).
_CORE_PURPOSE = {Purpose.STATION_MAX: sc.Purpose.CHARGE_POINT_MAX, Purpose.TX_DEFAULT: sc.Purpose.TX_DEFAULT,
                 Purpose.TX: sc.Purpose.TX, Purpose.EXTERNAL: sc.Purpose.CHARGE_POINT_MAX}


@dataclass(frozen=True, slots=True)
class Capabilities:
    """SmartChargingCtrlr and the station's shape: what :func:`check_profile` allows."""

    evse_ids: tuple[int, ...] = (1, 2)
    max_stack_level: int = 10  # SmartChargingCtrlr.ProfileStackLevel
    max_periods: int = 24  # SmartChargingCtrlr.PeriodsPerSchedule
    units: tuple[str, ...] = ("A", "W")  # SmartChargingCtrlr.RateUnit
    max_profiles: int = 20  # SmartChargingCtrlr.Entries[ChargingProfiles]
    supply_phases: int = 3  # ChargingStation.SupplyPhases (the AC supply: evseId 0)
    ac_phase_switching: bool = False  # SmartChargingCtrlr.ACPhaseSwitchingSupported


@dataclass(frozen=True, slots=True)
class RunningTx:
    """The transaction running on an EVSE (TxProfile, and Relative schedules' start)."""

    transaction_id: str
    started: datetime


@dataclass(frozen=True, slots=True)
class Profile201:
    """An installed 2.0.1 charging profile."""

    evse_id: int
    purpose: Purpose
    transaction_id: str | None
    core: sc.Profile  # the first schedule, in the 1.6 maths' terms
    data: dict[str, Any] = field(hash=False)  # the chargingProfile as received (snake_case)
    source: str = CSO  # chargingLimitSource: CSO, EMS, SO, Other
    installed_at: datetime | None = None

    @property
    def profile_id(self) -> int:
        return self.core.profile_id

    @property
    def stack_level(self) -> int:
        return self.core.stack_level


class Refusal(NamedTuple):
    """Why a request is refused: the status and the statusInfo (reasonCode, additionalInfo)."""

    status: str
    reason_code: str
    info: str

    @property
    def status_info(self) -> dict[str, str]:
        """statusInfo (snake_case) for the response."""
        return {"reason_code": self.reason_code, "additional_info": self.info[:512]}


class ProfileReport(NamedTuple):
    """The profiles of one ReportChargingProfiles: one EVSE, one chargingLimitSource."""

    evse_id: int
    source: str
    profiles: list[dict[str, Any]]


def _rejected(reason_code: str, info: str) -> Refusal:
    return Refusal("Rejected", reason_code, info)


# --- building and checking ---------------------------------------------------------------


def profile_from_201(evse_id: int, data: dict[str, Any], installed_at: datetime | None = None,
                     source: str = CSO) -> Profile201:
    """The profile of a SetChargingProfile (``data``: its snake_case chargingProfile).

    An Absolute schedule without startSchedule (refused by :func:`check_profile`, but a
    RequestStartTransaction profile may come so) starts at ``installed_at``.  Raises
    :class:`~controller.ocpp.smart_charging.ProfileError` when a field is missing or malformed.
    """
    try:
        schedule = data["charging_schedule"][0]
        core = sc.parse(evse_id, {
            "charging_profile_id": data["id"],
            "stack_level": data["stack_level"],
            "charging_profile_purpose": _CORE_PURPOSE[Purpose(data["charging_profile_purpose"])].value,
            "charging_profile_kind": data["charging_profile_kind"],
            "recurrency_kind": data.get("recurrency_kind"),
            "valid_from": data.get("valid_from"),
            "valid_to": data.get("valid_to"),
            "charging_schedule": schedule,
        }, installed_at or _NO_TIME)
        if core.start == _NO_TIME:
            core = replace(core, start=None)  # Absolute without startSchedule and no moment to start
        transaction_id = data.get("transaction_id")
        return Profile201(evse_id, Purpose(data["charging_profile_purpose"]),
                          str(transaction_id) if transaction_id is not None else None, core, data, source,
                          installed_at)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise sc.ProfileError(f"malformed charging profile: {exc}") from None


def check_profile(evse_id: int, data: dict[str, Any], capabilities: Capabilities,
                  installed: Iterable[Profile201] = (),
                  running: Mapping[int, RunningTx] | None = None, *, request_start: bool = False) -> Refusal | None:
    """None when SetChargingProfile(``evse_id``, ``data``) may be installed, else the refusal.

    ``installed``: the profiles in force; ``running``: the transaction of each EVSE that has one.
    ``request_start``: the profile of a RequestStartTransaction, a TxProfile whose
    transaction does not exist yet (give it its id with :func:`with_transaction`).
    """
    running = running or {}
    try:
        purpose = Purpose(data["charging_profile_purpose"])
    except (KeyError, ValueError):
        return _rejected("InvalidValue", "unknown chargingProfilePurpose")
    if purpose is Purpose.EXTERNAL:  # K01.FR.22
        return _rejected("InvalidValue", "ChargingStationExternalConstraints cannot be set by the CSMS")
    if request_start and purpose is not Purpose.TX:
        return _rejected("InvalidValue", "RequestStartTransaction carries a TxProfile")
    if evse_id != STATION and evse_id not in capabilities.evse_ids:  # K01.FR.28
        return _rejected("UnknownEvse", f"EVSE {evse_id} does not exist")
    try:
        new = profile_from_201(evse_id, data)
    except sc.ProfileError as exc:
        return _rejected("InvalidProfile", str(exc))
    refusal = _check_schedules(new, capabilities) or _check_fields(new, capabilities)
    if refusal is not None:
        return refusal
    installed = list(installed)
    if any(p.profile_id == new.profile_id and p.purpose is Purpose.EXTERNAL for p in installed):
        return _rejected("DuplicateProfile", f"profile {new.profile_id} is an external constraint")
    others = [p for p in installed if p.profile_id != new.profile_id]
    refusal = _check_purpose(new, others, running, request_start)
    if refusal is not None:
        return refusal
    if len(others) + 1 > capabilities.max_profiles:
        return _rejected("OutOfStorage", f"at most {capabilities.max_profiles} charging profiles")
    return None


def _check_schedules(profile: Profile201, capabilities: Capabilities) -> Refusal | None:
    kind = profile.core.kind
    for schedule in profile.data["charging_schedule"]:
        unit = schedule.get("charging_rate_unit")
        if unit not in capabilities.units:  # K01.FR.26
            return _rejected("UnsupportedRateUnit", f"chargingRateUnit {unit} is not supported")
        periods = schedule.get("charging_schedule_period") or []
        if not periods:
            return _rejected("InvalidSchedule", "a schedule needs a period")
        if len(periods) > capabilities.max_periods:
            return _rejected("TooManyElements", f"at most {capabilities.max_periods} periods per schedule")
        starts = [int(p["start_period"]) for p in periods]
        if starts[0] != 0:  # K01.FR.31
            return _rejected("InvalidSchedule", "the first period starts at 0")
        if any(after <= before for before, after in itertools.pairwise(starts)):  # K01.FR.35
            return _rejected("InvalidSchedule", "period starts must increase")
        for period in periods:
            refusal = _check_period(profile.evse_id, period, capabilities)
            if refusal is not None:
                return refusal
        has_start = schedule.get("start_schedule") is not None
        if kind in (sc.Kind.ABSOLUTE, sc.Kind.RECURRING) and not has_start:  # K01.FR.40
            return _rejected("InvalidSchedule", f"an {kind.value} profile needs startSchedule")
        if kind is sc.Kind.RELATIVE and has_start:  # K01.FR.41
            return _rejected("InvalidSchedule", "a Relative profile has no startSchedule")
        if schedule.get("duration") is not None and int(schedule["duration"]) <= 0:
            return _rejected("InvalidSchedule", "duration must be positive")
    return None


def _check_period(evse_id: int, period: dict[str, Any], capabilities: Capabilities) -> Refusal | None:
    limit = float(period["limit"])
    if limit < 0 or not math.isfinite(limit):
        return _rejected("InvalidSchedule", "a limit cannot be negative")
    phases, phase_to_use = period.get("number_phases"), period.get("phase_to_use")
    if evse_id != STATION and (phases is not None or phase_to_use is not None):  # K01.FR.44: DC
        return _rejected("InvalidSchedule", "numberPhases and phaseToUse do not apply to a DC EVSE")
    if phases is not None and not 1 <= int(phases) <= capabilities.supply_phases:  # K01.FR.45
        return _rejected("InvalidSchedule", f"numberPhases is 1 to {capabilities.supply_phases}")
    if phase_to_use is not None:
        if phases != 1:  # K01.FR.19
            return _rejected("InvalidSchedule", "phaseToUse needs numberPhases 1")
        if not capabilities.ac_phase_switching:  # K01.FR.20
            return _rejected("InvalidSchedule", "phase switching is not supported")
    return None


def _check_fields(profile: Profile201, capabilities: Capabilities) -> Refusal | None:
    core = profile.core
    if not 0 <= core.stack_level <= capabilities.max_stack_level:
        return _rejected("InvalidStackLevel", f"stackLevel is 0 to {capabilities.max_stack_level}")
    if core.kind is sc.Kind.RECURRING and core.recurrency is None:
        return _rejected("InvalidProfile", "a Recurring profile needs recurrencyKind")
    if core.valid_from and core.valid_to and core.valid_from >= core.valid_to:
        return _rejected("InvalidProfile", "validFrom must be before validTo")
    if profile.purpose is not Purpose.TX and profile.transaction_id is not None:
        return _rejected("InvalidValue", "only a TxProfile names a transaction")
    return None


def _overlaps(a: sc.Profile, b: sc.Profile) -> bool:
    """The validity periods meet (an absent bound is open)."""
    a_before_b = a.valid_to is not None and b.valid_from is not None and a.valid_to <= b.valid_from
    b_before_a = b.valid_to is not None and a.valid_from is not None and b.valid_to <= a.valid_from
    return not (a_before_b or b_before_a)


def _check_purpose(new: Profile201, others: list[Profile201], running: Mapping[int, RunningTx],
                   request_start: bool) -> Refusal | None:
    if new.purpose is not Purpose.TX:  # K01.FR.06: no two alike valid at the same time
        for other in others:
            if (other.evse_id == new.evse_id and other.purpose is new.purpose
                    and other.stack_level == new.stack_level and _overlaps(other.core, new.core)):
                return _rejected("DuplicateProfile", f"profile {other.profile_id} has this stackLevel and purpose")
    if new.purpose is Purpose.STATION_MAX:
        if new.evse_id != STATION:
            return _rejected("InvalidValue", "ChargingStationMaxProfile is only for evseId 0")
        if new.core.kind is sc.Kind.RELATIVE:  # K01.FR.38
            return _rejected("InvalidValue", "ChargingStationMaxProfile cannot be Relative")
    elif new.purpose is Purpose.TX_DEFAULT:  # K01.FR.52/53: station-wide and per EVSE at one level
        for other in others:
            if (other.purpose is Purpose.TX_DEFAULT and other.stack_level == new.stack_level
                    and (other.evse_id == STATION) != (new.evse_id == STATION)):
                return _rejected("DuplicateProfile", f"TxDefaultProfile {other.profile_id} has this stackLevel")
    elif new.purpose is Purpose.TX:
        if new.evse_id == STATION:  # K01.FR.16
            return _rejected("InvalidValue", "a TxProfile needs an EVSE")
        if request_start:
            return None
        if new.transaction_id is None:  # K01.FR.03
            return _rejected("MissingParam", "a TxProfile needs a transactionId")
        transaction = running.get(new.evse_id)
        if transaction is None:  # K01.FR.09
            return _rejected("TxNotFound", f"no transaction on EVSE {new.evse_id}")
        if transaction.transaction_id != new.transaction_id:  # K01.FR.33
            return _rejected("TxNotFound", f"transaction {new.transaction_id} is not on EVSE {new.evse_id}")
        for other in others:  # K01.FR.39
            if (other.purpose is Purpose.TX and other.transaction_id == new.transaction_id
                    and other.stack_level == new.stack_level):
                return _rejected("InvalidStackLevel", f"profile {other.profile_id} has this stackLevel")
    return None


def install(profiles: Iterable[Profile201], new: Profile201) -> tuple[Profile201, ...]:
    """The stack with ``new`` (checked): it replaces the profile with its id (K01.FR.05)."""
    return (*(p for p in profiles if p.profile_id != new.profile_id), new)


def with_transaction(profile: Profile201, transaction_id: str) -> Profile201:
    """A RequestStartTransaction TxProfile once its transaction has an id."""
    return replace(profile, transaction_id=transaction_id, data={**profile.data, "transaction_id": transaction_id})


def end_transaction(profiles: Iterable[Profile201], transaction_id: str) -> tuple[Profile201, ...]:
    """TxProfiles end with their transaction."""
    return tuple(p for p in profiles if not (p.purpose is Purpose.TX and p.transaction_id == transaction_id))


# --- GetChargingProfiles and ClearChargingProfile ----------------------------------------


def get_charging_profiles(profiles: Iterable[Profile201], request: dict[str, Any]) -> list[ProfileReport]:
    """The profiles GetChargingProfiles asks for (``request``: its snake_case kwargs), one
    report per EVSE and source; empty: answer NoProfiles.

    ``evse_id`` 0 means the station's own profiles, absent every EVSE's; chargingProfileId,
    when given, selects alone (with the EVSE), otherwise purpose, stackLevel and
    chargingLimitSource must all match.
    """
    evse_id = request.get("evse_id")
    criteria = request.get("charging_profile") or {}
    ids = criteria.get("charging_profile_id") or []
    sources = criteria.get("charging_limit_source") or []
    purpose, stack_level = criteria.get("charging_profile_purpose"), criteria.get("stack_level")
    groups: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for profile in profiles:
        if evse_id is not None and profile.evse_id != evse_id:
            continue
        if ids:
            if profile.profile_id not in ids:
                continue
        elif ((purpose is not None and profile.purpose.value != purpose)
              or (stack_level is not None and profile.stack_level != stack_level)
              or (sources and profile.source not in sources)):
            continue
        groups.setdefault((profile.evse_id, profile.source), []).append(profile.data)
    return [ProfileReport(evse, source, found) for (evse, source), found in sorted(groups.items())]


def get_status(reports: list[ProfileReport]) -> str:
    """GetChargingProfilesResponse status: Accepted, or NoProfiles when nothing matches."""
    return "Accepted" if reports else "NoProfiles"


def report_payloads(request_id: int, reports: list[ProfileReport]) -> list[dict[str, Any]]:
    """ReportChargingProfilesRequest payloads (snake_case), ``tbc`` on all but the last."""
    return [{"request_id": request_id, "charging_limit_source": report.source, "evse_id": report.evse_id,
             "charging_profile": report.profiles, "tbc": index < len(reports) - 1}
            for index, report in enumerate(reports)]


def clear(profiles: Iterable[Profile201], request: dict[str, Any]) -> tuple[tuple[Profile201, ...], str]:
    """ClearChargingProfile (``request``: its snake_case kwargs): the profiles left and the
    status, Accepted when one was cleared, else Unknown.

    chargingProfileId selects alone (K10.FR.03); otherwise every given criterion (evseId,
    purpose, stackLevel) must match, and none given clears all.  External constraints are
    not the CSMS's to clear (K10.FR.04).
    """
    profile_id = request.get("charging_profile_id")
    criteria = request.get("charging_profile_criteria") or {}
    evse_id, purpose = criteria.get("evse_id"), criteria.get("charging_profile_purpose")
    stack_level = criteria.get("stack_level")
    profiles = list(profiles)
    remaining: list[Profile201] = []
    for profile in profiles:
        if profile.purpose is Purpose.EXTERNAL:
            match = False
        elif profile_id is not None:
            match = profile.profile_id == profile_id
        else:
            match = ((evse_id is None or profile.evse_id == evse_id)
                     and (purpose is None or profile.purpose.value == purpose)
                     and (stack_level is None or profile.stack_level == stack_level))
        if not match:
            remaining.append(profile)
    return tuple(remaining), "Accepted" if len(remaining) < len(profiles) else "Unknown"


# --- limits and GetCompositeSchedule -----------------------------------------------------


def _core_tx(running: RunningTx | None) -> sc.Transaction | None:
    return sc.Transaction(None, running.started) if running is not None else None


def _cap_w(profiles: Iterable[Profile201], at: datetime, volts: float) -> float | None:
    """One purpose's cap: the highest stack level with a period now."""
    return sc.station_limit_w([p.core for p in profiles], at, volts)


def _smallest(*limits: float | None) -> float | None:
    known = [x for x in limits if x is not None]
    return min(known) if known else None


def station_limit_w(profiles: Iterable[Profile201], at: datetime, volts: float) -> float | None:
    """The station's cap now (ChargingStationMaxProfile and station-wide external
    constraints); None: no limit."""
    profiles = [p for p in profiles if p.evse_id == STATION]
    return _smallest(_cap_w([p for p in profiles if p.purpose is Purpose.STATION_MAX], at, volts),
                     _cap_w([p for p in profiles if p.purpose is Purpose.EXTERNAL], at, volts))


def evse_limit_w(profiles: Iterable[Profile201], evse_id: int, at: datetime, running: RunningTx | None,
                 volts: float, idle_start: datetime | None = None) -> float | None:
    """An EVSE's own limit now, without the station's cap: the running transaction's
    TxProfile, else TxDefaultProfile (its own or the station-wide one), and its external
    constraints; None: no limit.  Relative schedules start with the transaction, or at
    ``idle_start`` (default ``at``) when none runs."""
    profiles = list(profiles)
    tx_id = running.transaction_id if running is not None else None
    cores = [p.core for p in profiles if
             (p.purpose is Purpose.TX and p.evse_id == evse_id and p.transaction_id == tx_id)
             or (p.purpose is Purpose.TX_DEFAULT and p.evse_id in (STATION, evse_id))]
    own = sc.connector_limit_w(cores, evse_id, at, _core_tx(running), volts, idle_start)
    external = _cap_w([p for p in profiles if p.purpose is Purpose.EXTERNAL and p.evse_id == evse_id], at, volts)
    return _smallest(own, external)


def limit_w(profiles: Iterable[Profile201], evse_id: int, at: datetime, running: RunningTx | None,
            volts: float, idle_start: datetime | None = None) -> float | None:
    """The composite limit at ``at``: evseId 0 the station's cap, an EVSE the smaller of its
    own limit and the station's cap."""
    profiles = list(profiles)
    station = station_limit_w(profiles, at, volts)
    if evse_id == STATION:
        return station
    return _smallest(station, evse_limit_w(profiles, evse_id, at, running, volts, idle_start))


def limits_w(profiles: Iterable[Profile201], evse_ids: Iterable[int], at: datetime,
             running: Mapping[int, RunningTx], volts: float) -> dict[int, float | None]:
    """What the station's limit stack needs now: 0 the station's cap, each EVSE its own limit
    (the stack applies the station's cap itself), as ``PowerLimit(evse_id, watts)``."""
    profiles = list(profiles)
    limits: dict[int, float | None] = {STATION: station_limit_w(profiles, at, volts)}
    for evse_id in evse_ids:
        limits[evse_id] = evse_limit_w(profiles, evse_id, at, running.get(evse_id), volts)
    return limits


def composite_schedule_201(profiles: Iterable[Profile201], evse_id: int, duration: int, rate_unit: str | None,
                           now: datetime, capabilities: Capabilities, volts: float, max_w: float,
                           running: RunningTx | None = None) -> dict[str, Any]:
    """GetCompositeScheduleResponse (snake_case kwargs for ``call_result.GetCompositeSchedule``).

    Rejected for an EVSE that does not exist or a unit not in RateUnit; otherwise the
    schedule from ``now`` (whole seconds) over ``duration`` in ``rate_unit`` (absent: W when
    allowed, else the first allowed unit), ``max_w`` where nothing limits (what the EVSE, or
    the station, can deliver).
    """
    if evse_id != STATION and evse_id not in capabilities.evse_ids:
        return {"status": "Rejected", "status_info": _rejected("UnknownEvse", f"EVSE {evse_id} does not exist")
                .status_info}
    unit = rate_unit or ("W" if "W" in capabilities.units else capabilities.units[0])
    if unit not in capabilities.units:
        return {"status": "Rejected", "status_info": _rejected("UnsupportedRateUnit", f"{unit} is not supported")
                .status_info}
    profiles = list(profiles)
    begin = now.replace(microsecond=0)

    def limit_at(at: datetime) -> float | None:
        return limit_w(profiles, evse_id, at, running, volts, idle_start=begin)

    schedule = sc.composite([p.core for p in profiles], evse_id, begin, duration, unit, _core_tx(running), volts,
                            max_w, limit_at=limit_at)
    return {"status": "Accepted", "schedule": {
        "evse_id": evse_id, "duration": duration, "schedule_start": ocpp_time(begin), "charging_rate_unit": unit,
        "charging_schedule_period": schedule["charging_schedule_period"]}}


# --- persistence -------------------------------------------------------------------------


def to_record(profile: Profile201) -> dict[str, Any]:
    """A JSON-able record (the storage's form; :func:`from_record` reads it back)."""
    return {"evse_id": profile.evse_id, "source": profile.source, "profile": profile.data,
            "installed_at": profile.installed_at.isoformat() if profile.installed_at else None}


def from_record(record: dict[str, Any]) -> Profile201:
    installed = record.get("installed_at")
    return profile_from_201(record["evse_id"], record["profile"],
                            datetime.fromisoformat(installed) if installed else None, record.get("source", CSO))
