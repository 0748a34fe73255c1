"""Who may charge where: presented tokens, pending plug-ins, the backend's verdict, reservations,
remote starts, and the driver prices kept for tokens that have not started yet.

:class:`Authorization` decides and the station acts.  Each entry point takes the connectors as
the station sees them now (:class:`SideState`, left first) and returns an :data:`Outcome`:
stop that side's session, bring a side to the front, ask the backend, authorize a side, wait
for a cable, or refuse with a notice.  The station applies it to its connector machines, its
screen and its events; nothing here touches hardware, a machine or a protocol, so every rule
is testable with plain values (``tests/unit/test_authorization.py``).

What it keeps between calls: the authorization waiting for a cable (:attr:`pending`, the
Plug-in screen), the card waiting for the backend's verdict (:attr:`authorizing`,
"Authorizing ..."), the reservations per side, the tap hold-off per token, the driver
prices that came before their session (SetUserPrice), and whether new sessions may start
at all (:attr:`new_sessions`: not while the charger's software is being updated).

(:mod:`controller.auth` is the local allow-list this module asks when no backend is
configured; :mod:`controller.ocpp.authorization` is the OCPP side's cache and local list.)
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from controller.auth import AuthStatus, LocalAuthorizer, normalise_token
from controller.port import AuthDecision, Reservation, Token, Verdict
from controller.pricing import PriceText
from controller.retry_hold import RetryHolds
from controller.session import SESSION_STATES, ConnectorState
from controller.types import AuthMethod, Side
from controller.view import NoticeKind

log = logging.getLogger(__name__)

#: Driver-specific prices (SetUserPrice) kept for tokens that have not started yet.
USER_PRICES_KEPT = 16

_RUNNING = (ConnectorState.PREPARING, ConnectorState.CHARGING)
_FREE = (ConnectorState.AVAILABLE, ConnectorState.RESERVED)


@dataclass(frozen=True, slots=True)
class SideState:
    """One connector as authorization needs to see it."""

    side: Side
    state: ConnectorState
    blocked: bool = False  # a blocking status code concerns it
    operative: bool = True  # in service
    session_token: Token | None = None  # the token of its session, until the summary is dismissed


@dataclass(frozen=True, slots=True)
class Pending:
    """Authorized, waiting for a cable: the Plug-in screen."""

    id_token: Token
    method: AuthMethod
    expires_at: float
    group: Token | None = None  # from the backend: may use a connector reserved for the group
    sides: tuple[Side, ...] | None = None  # a remote start for these connectors; None: any free one


@dataclass(frozen=True, slots=True)
class Authorizing:
    """A card waiting for the backend's verdict ("Authorizing ..." on screen)."""

    id_token: Token
    method: AuthMethod
    expires_at: float


# --- outcomes: what the station does ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class StopOwnSession:
    """The card that started the session on ``side`` stops it (and brings it to the front)."""

    side: Side
    token: Token


@dataclass(frozen=True, slots=True)
class ShowSide:
    """Bring ``side`` to the front (its card tapped again while its session winds down)."""

    side: Side


@dataclass(frozen=True, slots=True)
class AskBackend:
    """Ask the backend about ``token`` ("Authorizing ..." meanwhile); ``side``: the connector
    plugged and waiting for it, if any."""

    token: Token
    side: Side | None = None


@dataclass(frozen=True, slots=True)
class Authorize:
    """Start on ``side``: it is plugged and waiting (and comes to the front)."""

    side: Side
    token: Token
    method: AuthMethod


@dataclass(frozen=True, slots=True)
class WaitForPlug:
    """Authorized, waiting for a cable on one of ``sides`` (see :attr:`Authorization.pending`)."""

    token: Token
    sides: tuple[Side, ...]


@dataclass(frozen=True, slots=True)
class Refuse:
    """No start: tell the driver why with ``notice`` (``error``: shown as an error)."""

    notice: NoticeKind
    error: bool = True


Outcome = StopOwnSession | ShowSide | AskBackend | Authorize | WaitForPlug | Refuse


class Authorization:
    """The station's authorization rules and what they keep between calls.

    ``ask_backend``: a backend is configured and decides on cards (online, cache, local list,
    offline rules); otherwise ``local`` (the allow-list) does.
    """

    def __init__(self, local: LocalAuthorizer, plug_in_timeout_s: float, authorization_timeout_s: float,
                 tap_hold_off_s: float, retry_window_s: float = 0.0) -> None:
        self.local = local
        self.ask_backend = False
        self.plug_in_timeout_s = float(plug_in_timeout_s)
        self.authorization_timeout_s = float(authorization_timeout_s)
        self.tap_hold_off_s = float(tap_hold_off_s)
        self.pending: Pending | None = None
        self.authorizing: Authorizing | None = None
        self.reservations: dict[Side, Reservation] = {}
        self.user_prices: dict[Token, PriceText] = {}
        self._last_taps: dict[Token, float] = {}
        self.new_sessions = True  # False: no token starts anything (a software update is installing)
        self.holds = RetryHolds(retry_window_s)  # failed starts and the authorizations kept for a retry

    # --- what the station asks ---------------------------------------------------------

    def allow_new_sessions(self, allowed: bool) -> None:
        """Whether a token may start a session (False during a software update).  Closing drops
        a pending authorization and a verdict on its way: their driver cannot start here now.
        A running session's own card still stops it."""
        if not allowed and self.new_sessions:
            self.cancel()
        self.new_sessions = allowed

    @property
    def idle(self) -> bool:
        """Nothing waits for a cable or a verdict."""
        return self.pending is None and self.authorizing is None

    @property
    def awaiting_backend(self) -> bool:
        """A card waits for the backend's verdict."""
        return self.authorizing is not None

    def reserved(self, side: Side) -> bool:
        return side in self.reservations

    def may_use(self, side: Side, token: Token, group: Token | None) -> bool:
        """A reserved connector takes only its reservation's token (or one of the same group)."""
        reservation = self.reservations.get(side)
        if reservation is None:
            return True
        return token == reservation.token or (group is not None and group == reservation.group)

    def eligible(self, token: Token, group: Token | None, sides: Sequence[SideState]) -> tuple[Side, ...]:
        """Free connectors (not plugged, in service, not blocked) where this token may start."""
        return tuple(s.side for s in sides if s.state in _FREE and s.operative and not s.blocked
                     and self.may_use(s.side, token, group))

    def eligible_for_plug_in(self, sides: Sequence[SideState]) -> tuple[Side, ...]:
        """Where the pending authorization may start (the Plug-in screen lists them)."""
        pending = self.pending
        if pending is None:
            return ()
        eligible = self.eligible(pending.id_token, pending.group, sides)
        return tuple(side for side in eligible if pending.sides is None or side in pending.sides)

    def user_price(self, token: Token) -> PriceText | None:
        """The price kept for ``token`` before its session started."""
        return self.user_prices.get(token)

    # --- tokens ------------------------------------------------------------------------

    def present(self, raw_token: str, method: AuthMethod, now: float, sides: Sequence[SideState],
                focus: Side) -> Outcome | None:
        """A card (or a QR code / app authorization) presented to the charger; None: nothing to do
        (no token, the same card again within the hold-off, or one verdict already on its way)."""
        token = normalise_token(raw_token)
        if not token:
            return None
        last = self._last_taps.get(token)
        if last is not None and now - last < self.tap_hold_off_s:
            return None
        self._last_taps = {t: at for t, at in self._last_taps.items() if now - at < self.tap_hold_off_s}
        self._last_taps[token] = now
        # 1. The card that started a running session stops it (manual 5.2.5); tapped
        #    again while that session winds down, it only brings its connector to front.
        for state in sides:
            if state.session_token != token:
                continue
            return StopOwnSession(state.side, token) if state.state in _RUNNING else ShowSide(state.side)
        if not self.new_sessions:
            log.info("card %s: no new session while the software is updated", token)
            return None
        if self.authorizing is not None:
            return None  # one card at a time: the first one's verdict is on its way
        # 2. Otherwise it must be a valid card: the backend decides when there is one (online,
        #    cache, local list, offline rules; "Authorizing ..." meanwhile), else the allow-list.
        if self.ask_backend:
            waiting = self._waiting_for(token, None, sides, focus)
            self.authorizing = Authorizing(token, method, now + self.authorization_timeout_s)
            log.info("card %s: asking the backend", token)
            return AskBackend(token, waiting[0] if waiting else None)
        if self.local.authorize(token) is not AuthStatus.ACCEPTED:
            log.info("card %s rejected", token)
            return Refuse(NoticeKind.INVALID_CARD)
        return self._grant(token, method, now, None, sides, focus)

    def decided(self, token: Token, decision: AuthDecision, now: float, sides: Sequence[SideState],
                focus: Side) -> Outcome | None:
        """The backend's verdict on the card being authorized: proceed, or say why not (None: a
        verdict nobody waits for any more)."""
        authorizing = self.authorizing
        if authorizing is None or authorizing.id_token != token:
            log.info("a verdict on a card nobody waits for any more: ignored")
            return None
        self.authorizing = None
        if not decision.accepted:
            log.info("card %s refused by the backend (%s, %s)", token, decision.verdict.value, decision.source)
            unchecked = decision.verdict is Verdict.UNCHECKED  # unknown here, nobody to ask: not "invalid"
            return Refuse(NoticeKind.CARD_UNCHECKED if unchecked else NoticeKind.INVALID_CARD)
        log.info("card %s accepted by the backend (%s)", token, decision.source)
        return self._grant(token, authorizing.method, now, decision.group, sides, focus)

    def remote_start(self, token: Token, side: Side | None, now: float,
                     sides: Sequence[SideState]) -> Authorize | WaitForPlug | None:
        """A start the backend asks for (the QR code / app path) on ``side`` (None: any, left
        first): at once on a plugged connector, else after the cable as after a card; None when
        it cannot start (a card pending or being checked, nowhere free for it)."""
        if not self.idle or not self.new_sessions:
            return None
        self.holds.drop_all()
        candidates = [s for s in sides if side is None or s.side == side]
        if not candidates:
            return None
        for state in candidates:
            if state.state is ConnectorState.PLUGGED and self.may_use(state.side, token, None) and not state.blocked:
                return Authorize(state.side, token, AuthMethod.QR)
        allowed = {s.side for s in candidates}
        eligible = tuple(s for s in self.eligible(token, None, sides) if s in allowed)
        if not eligible:
            return None
        self.pending = Pending(token, AuthMethod.QR, now + self.plug_in_timeout_s, sides=eligible)
        log.info("remote start for %s: waiting for plug-in on %s", token, ", ".join(s.label for s in eligible))
        return WaitForPlug(token, eligible)

    def plugged_in(self, side: Side, eligible: tuple[Side, ...], now: float | None = None) -> Authorize | None:
        """A cable went in on ``side`` (now waiting for authorization); ``eligible``: where the
        pending authorization could start just before.  The pending one starts there; without
        one, the authorization kept after a failed start there (``now``: to check its window)."""
        pending = self.pending
        held = self.holds.held(side, now) if now is not None and pending is None else None
        if held is not None and self.new_sessions and self.may_use(side, held.token, None):
            log.info("%s connector plugged in again: the next attempt for %s, no tap", side.label, held.token)
            return Authorize(side, held.token, held.method)
        if pending is None or side not in eligible or not self.new_sessions:
            return None
        self.pending = None
        return Authorize(side, pending.id_token, pending.method)

    def cancel(self) -> bool:
        """Cancel on the Plug-in screen, or while a card is checked (its verdict is then ignored);
        whether there was anything to cancel."""
        cancelled = not self.idle
        if cancelled:
            log.info("pending authorization cancelled")
        self.pending = None
        self.authorizing = None
        return cancelled

    def expire(self, now: float, sides: Sequence[SideState]) -> list[Refuse]:
        """Time passed: a cable that did not come in time, a pending authorization with nowhere
        left to start, a verdict that never came (refused)."""
        outcomes = []
        self.holds.expire(now)
        if self.pending is not None and now >= self.pending.expires_at:
            log.info("no connector plugged in time: back to Home")
            self.pending = None
            outcomes.append(Refuse(NoticeKind.PLUG_IN_TIMEOUT, error=False))
        if self.pending is not None and not self.eligible_for_plug_in(sides):
            self.pending = None
        if self.authorizing is not None and now >= self.authorizing.expires_at:
            log.warning("no verdict on card %s from the backend: refused", self.authorizing.id_token)
            self.authorizing = None
            outcomes.append(Refuse(NoticeKind.NO_VERDICT))
        return outcomes

    # --- what the backend sets ---------------------------------------------------------

    def set_reservation(self, side: Side, reservation: Reservation | None) -> None:
        """Keep ``side`` for one driver (None: free again)."""
        if reservation is None:
            self.reservations.pop(side, None)
        else:
            self.reservations[side] = reservation

    def keep_user_price(self, token: Token, text: PriceText) -> bool:
        """A driver's price before their session starts (the oldest of :data:`USER_PRICES_KEPT`
        go first); whether that driver is at the charger now (pending or being checked)."""
        known = (self.pending is not None and self.pending.id_token == token) or (
            self.authorizing is not None and self.authorizing.id_token == token)
        self.user_prices[token] = text
        while len(self.user_prices) > USER_PRICES_KEPT:
            del self.user_prices[next(iter(self.user_prices))]
        return known

    def take_user_price(self, token: Token) -> PriceText | None:
        """The price kept for ``token``, now that its session starts (no longer kept)."""
        return self.user_prices.pop(token, None)

    # --- rules ---------------------------------------------------------------------------

    def _grant(self, token: Token, method: AuthMethod, now: float, group: Token | None,
               sides: Sequence[SideState], focus: Side) -> Outcome:
        """An authorized token: start on a connector already plugged and waiting, else wait for a cable.
        A card accepted now (another driver, or the same one tapping again) follows the normal
        rules: the authorization kept after a failed start is dropped."""
        if self.holds.drop_all():
            log.info("card %s accepted: the authorization kept after a failed start is dropped", token)
        # 3. A connector already plugged and waiting: the focused one, else left first.
        waiting = self._waiting_for(token, group, sides, focus)
        if waiting:
            return Authorize(waiting[0], token, method)
        # 4. A free connector: authorize first, plug in next (Plug-in screen).
        eligible = self.eligible(token, group, sides)
        if eligible:
            self.pending = Pending(token, method, now + self.plug_in_timeout_s, group)
            log.info("authorized %s, waiting for plug-in", token)
            return WaitForPlug(token, eligible)
        if any(s.side in self.reservations and not s.blocked for s in sides):
            return Refuse(NoticeKind.RESERVED)
        busy = any(s.state in SESSION_STATES for s in sides)
        return Refuse(NoticeKind.CARD_NOT_FOR_SESSION if busy else NoticeKind.NO_CONNECTOR_FREE)

    def _waiting_for(self, token: Token, group: Token | None, sides: Sequence[SideState],
                     focus: Side) -> list[Side]:
        """Connectors plugged in and waiting for an authorization this token may give (focused first)."""
        waiting = [s.side for s in sides if s.state is ConnectorState.PLUGGED and not s.blocked
                   and self.may_use(s.side, token, group)]
        waiting.sort(key=lambda side: side != focus)
        return waiting
