"""Tokens: may this idToken charge?  (OCPP 2.0.1 block C)

The same rules as on 1.6 (:func:`controller.ocpp.authorization.decide`: LocalPreAuthorize,
the local list, the cache, and offline LocalAuthorizeOffline / OfflineTxForUnknownIdEnabled),
on the same tables (one list and one cache for the station whichever version it speaks):
a token the local data cannot judge is sent in an Authorize with its type
(:func:`controller.ocpp201.id_tokens.id_token`), and judged by the offline rules when that
goes unanswered.  Every idTokenInfo updates the cache (never for Central or NoAuthorization
tokens, C10), and a personalMessage becomes the driver's tariff text on the screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from ocpp.v201 import call

from controller.ocpp.authorization import AuthorizationStore, Rules, decide
from controller.ocpp.outbox import CallFailed, CallTimeout, Offline, reason
from controller.ocpp.port import AuthDecision as OcppDecision
from controller.ocpp201.host import Host
from controller.ocpp201.id_tokens import id_token
from controller.ocpp201.local_list import (
    IdToken,
    ListLimits,
    ListStatus,
    cacheable,
    from_201,
    plan_send_local_list,
    to_16,
)
from controller.port import AuthDecision, Side, Verdict
from controller.pricing import PriceText

log = logging.getLogger(__name__)

#: 2.0.1 AuthorizationStatus words for a refused token, as the station's verdicts.
VERDICTS = {"Accepted": Verdict.ACCEPTED, "Blocked": Verdict.BLOCKED, "Expired": Verdict.EXPIRED,
            "ConcurrentTx": Verdict.IN_USE}


def verdict_of(decision: OcppDecision) -> AuthDecision:
    """The local rules' decision in the station's words."""
    if decision.accepted:
        verdict = Verdict.ACCEPTED
    elif decision.source == "offline":
        verdict = Verdict.UNCHECKED  # unknown here and nobody to ask
    else:
        verdict = VERDICTS.get(decision.status, Verdict.INVALID)
    return AuthDecision(verdict, decision.parent_id_tag, f"{decision.status}, {decision.source}")


def personal_text(message: dict[str, Any] | None, default_language: str) -> PriceText | None:
    """A personalMessage (MessageContentType) as the driver's price text."""
    if not message or not str(message.get("content", "")).strip():
        return None
    return PriceText(((str(message.get("language") or default_language), str(message["content"])),))


class Authorizer201:
    """The verdicts on tokens for ``cp``'s station, and its cache kept up."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp
        self.store = AuthorizationStore(cp.storage)

    async def authorize(self, token: str, side: Side | None = None) -> AuthDecision:
        """Judge the station's ``token`` (a card) and tell the station."""
        cp = self.cp
        link = cp.link  # type: ignore[attr-defined]
        if not cp.online and cp.outbox.connected and link.booting():
            # connected, BootNotification going out: a card judged offline now would be
            # refused by a fresh charger's empty cache
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(link.online_event.wait(), cp.settings.response_timeout_s)
        decision = await self.judge(id_token(token), side)
        cp.station_link.station.authorization_decided(token, decision)
        return decision

    async def judge(self, token: dict[str, str], side: Side | None = None) -> AuthDecision:
        """The verdict on ``token`` (an IdTokenType dict): local rules, else Authorize, else offline rules."""
        cp = self.cp
        value = token["id_token"]
        local = self.decide_locally(value, cp.online)
        if local is not None:
            return verdict_of(local)
        evse = None if side is None else side.value + 1
        try:
            conf = await cp.outbox.request(call.Authorize(id_token=token))
        except (Offline, CallTimeout, CallFailed) as exc:
            log.info("Authorize of a token went unanswered (%s): offline rules", reason(exc))
            fallback = self.decide_locally(value, online=False)
            return verdict_of(fallback) if fallback is not None else AuthDecision(Verdict.UNCHECKED,
                                                                                  source="offline")
        info = from_201(conf.id_token_info)
        self.learn(token, conf.id_token_info)
        status = info.status_at(cp.now())
        if status == "Accepted" and not info.valid_on(evse):
            status = "NotAtThisLocation"
        text = personal_text(info.personal_message, cp.settings.language)
        if text is not None:
            cp.station_link.station.set_user_price(value, text)
        group = info.group_id_token.id_token if info.group_id_token else None
        return AuthDecision(VERDICTS.get(status, Verdict.INVALID), group, f"{status}, central")

    async def check(self, token: dict[str, str]) -> bool:
        """Whether ``token`` is accepted (AuthorizeRemoteStart before a remote start)."""
        return (await self.judge(token)).accepted

    def decide_locally(self, token: str, online: bool) -> OcppDecision | None:
        """The offline and pre-authorization rules' verdict (None: ask the central system)."""
        rules = Rules.of(self.cp.config)
        return decide(online, self.store.listed(token), self.store.cached(token), rules, self.cp.now())

    def learn(self, token: dict[str, str], info: dict[str, Any]) -> None:
        """Every idTokenInfo from the central system updates the cache (C10: not for Central
        or NoAuthorization tokens)."""
        if not self.cp.config.flag("AuthorizationCacheEnabled") or not cacheable(IdToken.from_201(token)):
            return
        self.store.remember(str(token["id_token"]).upper(), to_16(from_201(info)), self.cp.now())

    def clear_cache(self) -> None:
        self.store.clear_cache()

    def send_local_list(self, version: int, update_type: str, entries: list[dict[str, Any]]) -> dict[str, Any]:
        """SendLocalList (D01): the plan of :func:`~controller.ocpp201.local_list.plan_send_local_list`
        applied in one transaction; the answer's kwargs."""
        config, storage = self.cp.config, self.cp.storage
        limits = ListLimits(enabled=config.flag("LocalAuthListEnabled"),
                            max_entries=config.number("LocalAuthListMaxLength"),
                            items_per_message=config.number("SendLocalListMaxLength"))
        request = {"version_number": version, "update_type": update_type, "local_authorization_list": entries}
        listed = [row["id_tag"] for row in storage.query("SELECT id_tag FROM local_list")]
        plan = plan_send_local_list(request, self.store.list_version, listed, limits)
        if plan.status != ListStatus.ACCEPTED:
            log.info("SendLocalList refused (%s): %s", plan.status, plan.reason)
            return plan.response
        with storage.transaction() as db:
            if plan.full:
                db.execute("DELETE FROM local_list")
            for tag in plan.deletes:
                db.execute("DELETE FROM local_list WHERE id_tag = ?", (tag,))
            for row in plan.upserts:
                db.execute("INSERT INTO local_list (id_tag, status, expiry, parent_id_tag, info_201) VALUES "
                           "(?, ?, ?, ?, ?) ON CONFLICT(id_tag) DO UPDATE SET status = excluded.status, "
                           "expiry = excluded.expiry, parent_id_tag = excluded.parent_id_tag, "
                           "info_201 = excluded.info_201",
                           (row.id_tag, row.status, row.expiry, row.parent_id_tag, row.info_201))
            storage.put("local_list_version", plan.version)
        log.info("local list %s update to version %s: %d entries", update_type, plan.version, self.store.list_size())
        return plan.response
