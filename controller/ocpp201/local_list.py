"""OCPP 2.0.1 local authorization list and cache (functional blocks C and D) in 1.6's tables.

One list for the station: the same card is the same card whichever protocol the central
system speaks, so 2.0.1 keeps its local list and its cache in the 1.6 tables
(``local_list`` and ``auth_cache`` of :mod:`controller.ocpp.storage`, keyed by the token's
string) through a mapping:

* ``status`` holds the 1.6 word (:func:`status_16`: the five words 1.6 shares keep theirs;
  NoCredit, NotAllowedTypeEVSE, NotAtThisLocation, NotAtThisTime and Unknown become
  Invalid), so the 1.6 rules (:func:`controller.ocpp.authorization.decide`) work unchanged
  on either protocol's entries;
* ``expiry`` is cacheExpiryDateTime, ``parent_id_tag`` the groupIdToken's string;
* a new column ``info_201`` (TEXT, NULL for entries a 1.6 CSMS made) keeps the whole
  idTokenInfo as JSON with the token's type: the 2.0.1 status word, chargingPriority,
  languages, personalMessage, the EVSEs it is valid on.  :func:`to_row` / :func:`from_row`
  convert, and an entry without it reads back from the 1.6 columns.

:func:`plan_send_local_list` applies SendLocalList's rules (D01, numbered as EVerest
libocpp does) and returns the rows to write, in one transaction, or the status refusing it.
Two tokens with the same string but different types would share a row: the table's key
is the string (a card's UID is not also a PIN here), so a list naming one string twice is
Failed, like a true duplicate.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ocpp.charge_point import remove_nones, snake_to_camel_case

from controller.ocpp.authorization import IdTagInfo, parse_time
from controller.ocpp.queue import ocpp_time

ACCEPTED = "Accepted"
#: 2.0.1 AuthorizationStatusEnumType words that 1.6 has too; the others are Invalid there.
SHARED_STATUSES = ("Accepted", "Blocked", "ConcurrentTx", "Expired", "Invalid")
#: Token types that are never cached or listed locally (C10, C03: the CSMS or nobody decides).
UNCACHED_TYPES = ("Central", "NoAuthorization")


class ListStatus:
    """SendLocalListStatusEnumType."""

    ACCEPTED = "Accepted"
    FAILED = "Failed"
    VERSION_MISMATCH = "VersionMismatch"


@dataclass(frozen=True, slots=True)
class IdToken:
    """IdTokenType: the token's string and its type (ISO14443, ISO15693, Central, ...)."""

    id_token: str
    type: str

    @classmethod
    def from_201(cls, data: dict[str, Any]) -> IdToken:
        """From the library's snake_case dict."""
        return cls(str(data["id_token"]), str(data["type"]))

    def to_201(self) -> dict[str, Any]:
        return {"id_token": self.id_token, "type": self.type}


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """IdTokenInfoType in the charger's terms (``status`` the 2.0.1 word)."""

    status: str
    cache_expiry: datetime | None = None
    group_id_token: IdToken | None = None
    charging_priority: int | None = None
    language1: str | None = None
    language2: str | None = None
    evse_ids: tuple[int, ...] = ()  # empty: valid on every EVSE
    personal_message: dict[str, Any] | None = None  # MessageContentType, snake_case

    def status_at(self, now: datetime) -> str:
        """Accepted turns Expired once the cache expiry has passed."""
        if self.status == ACCEPTED and self.cache_expiry is not None and self.cache_expiry <= now:
            return "Expired"
        return self.status

    def valid_on(self, evse_id: int | None) -> bool:
        """Whether the token may charge on ``evse_id`` (None: not chosen yet)."""
        return not self.evse_ids or evse_id is None or evse_id in self.evse_ids


# --- conversions ---------------------------------------------------------------------------


def status_16(status: str) -> str:
    """The 1.6 AuthorizationStatus of a 2.0.1 word (Invalid where 1.6 has none)."""
    return status if status in SHARED_STATUSES else "Invalid"


def from_201(info: dict[str, Any], now: datetime | None = None, cache_lifetime_s: int | None = None) -> TokenInfo:
    """An idTokenInfo (Authorize, TransactionEvent or SendLocalList; the library's snake_case).

    For the cache, an entry without cacheExpiryDateTime expires after AuthCacheCtrlr.LifeTime
    (``cache_lifetime_s`` from ``now``) when both are given.
    """
    expiry_text = info.get("cache_expiry_date_time")
    expiry = parse_time(str(expiry_text)) if expiry_text else None
    if expiry is None and now is not None and cache_lifetime_s:
        expiry = now + timedelta(seconds=cache_lifetime_s)
    group = info.get("group_id_token")
    return TokenInfo(
        status=str(info["status"]),
        cache_expiry=expiry,
        group_id_token=IdToken.from_201(group) if group else None,
        charging_priority=int(info["charging_priority"]) if info.get("charging_priority") is not None else None,
        language1=info.get("language1"),
        language2=info.get("language2"),
        evse_ids=tuple(int(e) for e in info.get("evse_id") or ()),
        personal_message=dict(info["personal_message"]) if info.get("personal_message") else None,
    )


def id_token_info_201(info: TokenInfo) -> dict[str, Any]:
    """The idTokenInfo (snake_case, for the library) of ``info``."""
    payload: dict[str, Any] = {
        "status": info.status,
        "cache_expiry_date_time": ocpp_time(info.cache_expiry) if info.cache_expiry else None,
        "charging_priority": info.charging_priority,
        "language1": info.language1,
        "language2": info.language2,
        "evse_id": list(info.evse_ids) or None,
        "group_id_token": info.group_id_token.to_201() if info.group_id_token else None,
        "personal_message": info.personal_message,
    }
    return {key: value for key, value in payload.items() if value is not None}


def to_16(info: TokenInfo) -> IdTagInfo:
    """The 1.6 record of ``info``: the status mapped, groupIdToken as parentIdTag,
    cacheExpiryDateTime as expiryDate."""
    parent = info.group_id_token.id_token if info.group_id_token else None
    return IdTagInfo(status_16(info.status), info.cache_expiry, parent)


def from_16(info: IdTagInfo, group_type: str = "ISO14443") -> TokenInfo:
    """A 1.6 record in 2.0.1 terms (a parentIdTag becomes a groupIdToken of ``group_type``)."""
    group = IdToken(info.parent_id_tag, group_type) if info.parent_id_tag else None
    return TokenInfo(info.status, info.expiry, group)


def cacheable(token: IdToken) -> bool:
    """Whether answers about ``token`` go into the cache (not Central, not NoAuthorization)."""
    return token.type not in UNCACHED_TYPES


# --- the shared tables' rows ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """A row of ``local_list`` or ``auth_cache`` (``info_201`` the new column)."""

    id_tag: str
    status: str
    expiry: str | None
    parent_id_tag: str | None
    info_201: str | None


def to_row(token: IdToken, info: TokenInfo) -> Row:
    """The row of ``token`` (1.6 columns mapped, the whole 2.0.1 entry as JSON)."""
    record = {"type": token.type, "info": id_token_info_201(info)}
    legacy = to_16(info)
    return Row(token.id_token, legacy.status, legacy.expiry.isoformat() if legacy.expiry else None,
               legacy.parent_id_tag, json.dumps(record, sort_keys=True))


def from_row(status: str, expiry: str | None, parent_id_tag: str | None, info_201: str | None) -> TokenInfo:
    """An entry of the shared tables in 2.0.1 terms: its 2.0.1 record when it has one,
    else what a 1.6 CSMS stored."""
    if info_201:
        return from_201(json.loads(info_201)["info"])
    return from_16(IdTagInfo(status, datetime.fromisoformat(expiry) if expiry else None, parent_id_tag))


def row_type(info_201: str | None) -> str | None:
    """The token type of a row (None: a 1.6 entry, which matches any type)."""
    return str(json.loads(info_201)["type"]) if info_201 else None


# --- SendLocalList and GetLocalListVersion -------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListLimits:
    """LocalAuthListCtrlr: whether the list is on and how big it and a message may be."""

    enabled: bool = True  # LocalAuthListCtrlr.Enabled
    max_entries: int = 1000  # LocalAuthListCtrlr.Entries (its maxLimit)
    items_per_message: int = 250  # LocalAuthListCtrlr.ItemsPerMessage
    bytes_per_message: int = 65_536  # LocalAuthListCtrlr.BytesPerMessage


@dataclass(frozen=True, slots=True)
class ListPlan:
    """What a SendLocalList does: its status, and when Accepted the rows to write (after
    deleting every row when ``full``) and the id tags to delete, then the new version."""

    status: str
    version: int | None = None
    full: bool = False
    upserts: tuple[Row, ...] = ()
    deletes: tuple[str, ...] = ()
    reason: str = ""  # why it failed, for statusInfo.additionalInfo and the log

    @property
    def response(self) -> dict[str, Any]:
        """SendLocalListResponse (snake_case kwargs for ``call_result.SendLocalList``)."""
        if self.status == ListStatus.ACCEPTED:
            return {"status": self.status}
        code = "InvalidValue" if self.status == ListStatus.VERSION_MISMATCH else "Unspecified"
        return {"status": self.status, "status_info": {"reason_code": code, "additional_info": self.reason[:512]}}


def message_bytes(request: dict[str, Any]) -> int:
    """The size of a request's JSON payload as sent (camelCase, no spaces)."""
    return len(json.dumps(remove_nones(snake_to_camel_case(request)), separators=(",", ":")).encode())


def plan_send_local_list(request: dict[str, Any], current_version: int, listed: Collection[str],
                         limits: ListLimits) -> ListPlan:
    """SendLocalList (``request``: its snake_case kwargs) against the list ``listed`` (its id
    tags) at ``current_version``.

    Failed: the list is disabled, versionNumber <= 0 (D01.FR.18), more entries than
    ItemsPerMessage or bytes than BytesPerMessage, an idToken twice, a Full entry without
    idTokenInfo, or a list beyond LocalAuthListCtrlr.Entries.  VersionMismatch: a
    Differential update not above the current version (D01.FR.19).  In a Differential
    update an entry without idTokenInfo deletes the token; an empty one only sets the
    version (D01.FR.05); an empty Full update empties the list.
    """
    version = int(request["version_number"])
    full = request["update_type"] == "Full"
    entries = list(request.get("local_authorization_list") or ())
    if not limits.enabled:
        return ListPlan(ListStatus.FAILED, reason="the local authorization list is disabled")
    if version <= 0:
        return ListPlan(ListStatus.FAILED, reason="versionNumber must be above 0")
    if len(entries) > limits.items_per_message:
        return ListPlan(ListStatus.FAILED, reason=f"more than {limits.items_per_message} entries in one message")
    if message_bytes(request) > limits.bytes_per_message:
        return ListPlan(ListStatus.FAILED, reason=f"more than {limits.bytes_per_message} bytes in one message")
    if not full and version <= current_version:
        return ListPlan(ListStatus.VERSION_MISMATCH, reason=f"version {version} is not above {current_version}")
    tokens = [IdToken.from_201(entry["id_token"]) for entry in entries]
    if len({t.id_token for t in tokens}) != len(tokens):
        return ListPlan(ListStatus.FAILED, reason="an idToken appears twice")
    upserts: list[Row] = []
    deletes: list[str] = []
    for token, entry in zip(tokens, entries, strict=True):
        info = entry.get("id_token_info")
        if info is None:
            if full:
                return ListPlan(ListStatus.FAILED, reason=f"{token.id_token} has no idTokenInfo in a Full update")
            deletes.append(token.id_token)
        else:
            upserts.append(to_row(token, from_201(info)))
    remaining = set() if full else set(listed) - set(deletes)
    size = len(remaining | {row.id_tag for row in upserts})
    if size > limits.max_entries:
        return ListPlan(ListStatus.FAILED, reason=f"the list would hold {size} entries, more than {limits.max_entries}")
    return ListPlan(ListStatus.ACCEPTED, version, full, tuple(upserts), tuple(deletes))


def local_list_version(version: int, limits: ListLimits) -> dict[str, Any]:
    """GetLocalListVersionResponse: the version, 0 while the list is disabled (or empty of versions)."""
    return {"version_number": version if limits.enabled else 0}
