"""Authorization of id tags (§3.5): the cache, the local list, and the offline rules.

The cache learns from every IdTagInfo the central system sends and survives reboots; the
local list changes only through SendLocalList and wins over the cache.  :func:`decide`
is pure: online it answers from local data only under LocalPreAuthorize (otherwise the
central system is asked), offline it applies LocalAuthorizeOffline and
AllowOfflineTxForUnknownId, and an id known as Invalid, Blocked or Expired is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from controller.ocpp.port import AuthDecision
from controller.ocpp.storage import Storage

ACCEPTED = "Accepted"


@dataclass(frozen=True, slots=True)
class IdTagInfo:
    status: str
    expiry: datetime | None = None
    parent_id_tag: str | None = None

    @classmethod
    def from_ocpp(cls, info: dict[str, object]) -> IdTagInfo:
        """From the snake_case dict the ``ocpp`` library hands over."""
        expiry = info.get("expiry_date")
        return cls(str(info["status"]), parse_time(str(expiry)) if expiry else None,
                   str(info["parent_id_tag"]) if info.get("parent_id_tag") else None)

    def status_at(self, now: datetime) -> str:
        """Accepted turns Expired once ``expiry`` has passed."""
        if self.status == ACCEPTED and self.expiry is not None and self.expiry <= now:
            return "Expired"
        return self.status


class Flags(Protocol):
    """Where the rules' keys are read (:class:`controller.ocpp.configuration.Configuration`)."""

    def flag(self, name: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class Rules:
    """The configuration keys that govern :func:`decide`."""

    local_pre_authorize: bool = False
    local_authorize_offline: bool = True
    allow_offline_tx_for_unknown_id: bool = False
    cache_enabled: bool = True
    local_list_enabled: bool = True

    @classmethod
    def of(cls, config: Flags) -> Rules:
        """The rules as the configuration keys say now (one setting for 1.6 and 2.0.1)."""
        return cls(
            local_pre_authorize=config.flag("LocalPreAuthorize"),
            local_authorize_offline=config.flag("LocalAuthorizeOffline"),
            allow_offline_tx_for_unknown_id=config.flag("AllowOfflineTxForUnknownId"),
            cache_enabled=config.flag("AuthorizationCacheEnabled"),
            local_list_enabled=config.flag("LocalAuthListEnabled"),
        )


def decide(online: bool, local: IdTagInfo | None, cached: IdTagInfo | None, rules: Rules,
           now: datetime) -> AuthDecision | None:
    """The decision from local data, or ``None`` when the central system must be asked."""
    known, source = None, ""
    if rules.local_list_enabled and local is not None:
        known, source = local, "local_list"
    elif rules.cache_enabled and cached is not None:
        known, source = cached, "cache"
    if online:
        if rules.local_pre_authorize and known is not None and known.status_at(now) == ACCEPTED:
            return _decision(known, now, source)
        return None
    if known is not None:
        status = known.status_at(now)
        if status != ACCEPTED:
            return _decision(known, now, source)
        if rules.local_authorize_offline:
            return _decision(known, now, source)
    if rules.allow_offline_tx_for_unknown_id:
        return AuthDecision(True, ACCEPTED, source="offline_unknown")
    return AuthDecision(False, "Invalid", source="offline")


def _decision(info: IdTagInfo, now: datetime, source: str) -> AuthDecision:
    status = info.status_at(now)
    return AuthDecision(status == ACCEPTED, status, info.parent_id_tag, info.expiry, source)


class ListUpdate:
    """SendLocalList results (UpdateStatus)."""

    ACCEPTED = "Accepted"
    FAILED = "Failed"
    NOT_SUPPORTED = "NotSupported"
    VERSION_MISMATCH = "VersionMismatch"


class AuthorizationStore:
    """The cache and the local list in SQLite."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    # --- cache --------------------------------------------------------------------

    def cached(self, id_tag: str) -> IdTagInfo | None:
        rows = self._storage.query("SELECT status, expiry, parent_id_tag FROM auth_cache WHERE id_tag = ?", (id_tag,))
        return _info(rows[0]) if rows else None

    def remember(self, id_tag: str, info: IdTagInfo, now: datetime) -> None:
        self._storage.execute(
            "INSERT INTO auth_cache (id_tag, status, expiry, parent_id_tag, updated) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(id_tag) DO UPDATE SET status = excluded.status, expiry = excluded.expiry, "
            "parent_id_tag = excluded.parent_id_tag, updated = excluded.updated, info_201 = NULL",
            (id_tag, info.status, _time(info.expiry), info.parent_id_tag, now.isoformat()))

    def clear_cache(self) -> None:
        self._storage.execute("DELETE FROM auth_cache")

    # --- local list ---------------------------------------------------------------

    def listed(self, id_tag: str) -> IdTagInfo | None:
        rows = self._storage.query("SELECT status, expiry, parent_id_tag FROM local_list WHERE id_tag = ?", (id_tag,))
        return _info(rows[0]) if rows else None

    @property
    def list_version(self) -> int:
        return int(self._storage.get("local_list_version", 0))

    def list_size(self) -> int:
        return int(self._storage.query("SELECT COUNT(*) AS n FROM local_list")[0]["n"])

    def send_local_list(self, version: int, update_type: str, entries: Iterable[dict[str, object]],
                        max_length: int) -> str:
        """Apply SendLocalList (``entries`` as the library hands them: snake_case dicts)."""
        items = list(entries)
        parsed: list[tuple[str, IdTagInfo | None]] = []
        for entry in items:
            info = entry.get("id_tag_info")
            if update_type == "Full" and info is None:
                return ListUpdate.FAILED
            parsed.append((str(entry["id_tag"]), IdTagInfo.from_ocpp(info) if isinstance(info, dict) else None))
        if len({tag for tag, _ in parsed}) != len(parsed):
            return ListUpdate.FAILED
        if update_type == "Differential" and version <= self.list_version:
            return ListUpdate.VERSION_MISMATCH
        try:
            with self._storage.transaction() as db:
                if update_type == "Full":
                    db.execute("DELETE FROM local_list")
                for tag, info in parsed:
                    if info is None:
                        db.execute("DELETE FROM local_list WHERE id_tag = ?", (tag,))
                    else:
                        db.execute("INSERT INTO local_list (id_tag, status, expiry, parent_id_tag) VALUES (?, ?, ?, ?) "
                                   "ON CONFLICT(id_tag) DO UPDATE SET status = excluded.status, "
                                   "expiry = excluded.expiry, parent_id_tag = excluded.parent_id_tag, info_201 = NULL",
                                   (tag, info.status, _time(info.expiry), info.parent_id_tag))
                if self.list_size() > max_length:
                    raise _TooLongError
                self._storage.put("local_list_version", version)
        except _TooLongError:
            return ListUpdate.FAILED
        return ListUpdate.ACCEPTED


class _TooLongError(Exception):
    """The list would exceed LocalAuthListMaxLength (rolls the update back)."""

    pass


def parse_time(text: str) -> datetime:
    """An OCPP dateTime (``...Z`` or with an offset)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _info(row: object) -> IdTagInfo:
    status, expiry, parent = row["status"], row["expiry"], row["parent_id_tag"]  # type: ignore[index]
    return IdTagInfo(status, datetime.fromisoformat(expiry) if expiry else None, parent)
