"""Cards: may this id tag charge?

A card the station asks about (an :class:`~controller.ocpp.port.AuthorizeRequest`) is
judged by the local rules first (LocalPreAuthorize, the local list, the cache, and while
offline LocalAuthorizeOffline and AllowOfflineTxForUnknownId; see
:func:`controller.ocpp.authorization.decide`), else by an Authorize to the central system,
and by the offline rules again when that goes unanswered.  Every IdTagInfo the central
system sends updates the cache.  Connected with the BootNotification on its way, a card
waits for its answer rather than be judged offline by a fresh charger's empty cache.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from ocpp.v16 import call

from controller.ocpp.authorization import IdTagInfo, Rules, decide
from controller.ocpp.central_time import CentralTime
from controller.ocpp.handler_port import ChargePoint
from controller.ocpp.link import Link
from controller.ocpp.outbox import CallFailed, CallTimeout, Offline, reason
from controller.ocpp.port import AuthDecision

log = logging.getLogger(__name__)


class Authorizer:
    """The verdicts on id tags for ``cp``'s station, and its authorization cache kept up."""

    def __init__(self, cp: ChargePoint, time: CentralTime, link: Link) -> None:
        self.cp = cp
        self.time = time
        self.link = link

    async def authorize(self, id_tag: str) -> AuthDecision:
        """Judge ``id_tag`` and tell the station (``authorization_decided``)."""
        cp = self.cp
        if not cp.online and cp.outbox.connected and self.link.booting():
            # connected, BootNotification going out: its answer is a moment off, and a card
            # judged offline now would be refused by a fresh charger's empty cache
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.link.online_event.wait(), cp.settings.response_timeout_s)
        decision = self.decide_locally(id_tag, cp.online)
        if decision is None:
            try:
                conf = await cp.outbox.request(call.Authorize(id_tag=id_tag))
            except (Offline, CallTimeout, CallFailed) as exc:
                log.info("Authorize of an id tag went unanswered (%s): offline rules", reason(exc))
                decision = self.decide_locally(id_tag, online=False)
            else:
                info = IdTagInfo.from_ocpp(conf.id_tag_info)
                self.learn(id_tag, info)
                status = info.status_at(self.time.now())
                decision = AuthDecision(status == "Accepted", status, info.parent_id_tag, info.expiry, "central")
        assert decision is not None
        cp.port.authorization_decided(id_tag, decision)
        return decision

    def decide_locally(self, id_tag: str, online: bool) -> AuthDecision | None:
        """The offline and pre-authorization rules' verdict (None: ask the central system)."""
        rules = Rules.of(self.cp.config)
        auth = self.cp.auth
        return decide(online, auth.listed(id_tag), auth.cached(id_tag), rules, self.time.now())

    def learn(self, id_tag: str, info: IdTagInfo) -> None:
        """Every IdTagInfo from the central system updates the cache (§3.5.1)."""
        if id_tag and self.cp.config.flag("AuthorizationCacheEnabled"):
            self.cp.auth.remember(id_tag, info, self.time.now())
