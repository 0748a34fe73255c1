"""The station's backend port: what a central system may ask of the station, and what the
station tells it, in the station's own words.

The station speaks of sides (:class:`~controller.types.Side`), tokens (a card's UID, a QR
code's or an app's id, normalised by :func:`controller.auth.normalise_token`) and stop reasons
(:class:`~controller.session.StopReason`); it knows no protocol.  A protocol adapter (OCPP 1.6
in :mod:`controller.backend`, OCPP 2.0.1 next) maps its own words onto these: connector or
EVSE ids onto sides, Reason or stoppedReason strings onto stop reasons, its authorization
statuses onto a :class:`Verdict`.  This module imports nothing of any protocol, and no
protocol module is imported by the station.

What the station pushes (``Station.take_port_events`` after every tick, oldest first):

* :class:`AuthorizeRequest` when a driver presents a token that does not stop a running
  session; the answer comes back through :meth:`BackendPort.authorization_decided`.
* :class:`SessionStarted` when a session begins (authorized and plugged: the connector
  locks), :class:`SessionStopped` when it has ended (current back to zero).

What a protocol asks of the station: :class:`BackendPort` (every method returns at once; the
screen and the hardware follow on the next tick).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from controller.display_messages import DisplayMessage
from controller.pricing import BackendCost, DefaultPrice, PriceText, TimeOffset
from controller.session import StopReason
from controller.types import Side

__all__ = [
    "AuthDecision",
    "AuthorizeRequest",
    "BackendLink",
    "BackendPort",
    "Reservation",
    "SessionStarted",
    "SessionStopped",
    "Side",
    "StationEvent",
    "StopReason",
    "Token",
    "Verdict",
]

#: A driver's id: a card's UID (upper-case hex), a QR code's or an app's id.
Token = str


# --- what the station pushes ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuthorizeRequest:
    """A driver presented ``token``; answer with :meth:`BackendPort.authorization_decided`.
    ``side``: the connector already plugged and waiting for it, when there is one."""

    token: Token
    side: Side | None = None


@dataclass(frozen=True, slots=True)
class SessionStarted:
    """A session began on ``side`` for ``token``.  ``session_id`` is the station's record of it
    (its store's id, which only grows; None when not recorded)."""

    side: Side
    token: Token
    meter_start_wh: int
    timestamp: datetime  # UTC
    session_id: int | None = None


@dataclass(frozen=True, slots=True)
class SessionStopped:
    """The session on ``side`` ended for ``reason``; ``token``: the card that stopped it, if a card did."""

    side: Side
    meter_stop_wh: int
    timestamp: datetime  # UTC
    reason: StopReason
    token: Token | None = None


StationEvent = AuthorizeRequest | SessionStarted | SessionStopped


# --- what a protocol hands to the station ---------------------------------------------


class Verdict(enum.Enum):
    """The backend's answer on a token."""

    ACCEPTED = "accepted"
    INVALID = "invalid"  # unknown to the backend, or refused for no more specific reason
    BLOCKED = "blocked"
    EXPIRED = "expired"
    IN_USE = "in_use"  # already charging elsewhere
    UNCHECKED = "unchecked"  # unknown here and nobody to ask (offline): the card may well be good


@dataclass(frozen=True, slots=True)
class AuthDecision:
    """The verdict on a token.  ``group``: the token's group (a card of the same group may
    stop its session, or use a connector reserved for the group); ``source``: where the
    verdict came from, for the log only."""

    verdict: Verdict
    group: Token | None = None
    source: str = ""

    @property
    def accepted(self) -> bool:
        return self.verdict is Verdict.ACCEPTED


@dataclass(frozen=True, slots=True)
class Reservation:
    """A connector kept for ``token`` (or any token of ``group``) until ``expiry``."""

    reservation_id: int
    token: Token
    expiry: datetime
    group: Token | None = None


class BackendLink(enum.Enum):
    """The link to the backend, as the kiosk shows it."""

    NONE = "none"  # no backend configured: the station decides alone
    ONLINE = "online"
    OFFLINE = "offline"
    CONNECTING = "connecting"  # linked, but the backend has not accepted the charger yet


class BackendPort(Protocol):
    """What a protocol adapter may ask of the station.  Every method returns at once."""

    def authorization_decided(self, token: Token, decision: AuthDecision) -> None:
        """The answer to an :class:`AuthorizeRequest`: start (or wait for the plug) or refuse."""
        ...

    def remote_start(self, side: Side | None, token: Token) -> bool:
        """Treat ``token`` as authorized on ``side`` (None: the station picks, left first).
        False when that cannot start (busy, faulted, out of service, reserved for another)."""
        ...

    def stop_session(self, side: Side, reason: StopReason) -> bool:
        """Stop the session on ``side``; False when none runs there.  Its
        :class:`SessionStopped` carries ``reason``."""
        ...

    def unlock(self, side: Side) -> bool:
        """Release the lock (a running session is stopped first); False when it stays shut."""
        ...

    def set_available(self, side: Side, available: bool) -> None:
        """In service or out of service (no new session; a running one finishes)."""
        ...

    def request_reset(self, hard: bool) -> None:
        """Restart now (the sessions are already stopped)."""
        ...

    def set_reservation(self, side: Side, reservation: Reservation | None) -> None:
        """Keep ``side`` for a reservation (None: free again)."""
        ...

    def set_external_limit(self, power_w: float | None, side: Side | None = None,
                           until: datetime | None = None) -> None:
        """A smart-charging limit for ``side`` (None: the whole station); None watts: no limit.
        ``until``: when a zero limit ends by the schedule (UTC), if it says (shown to the driver)."""
        ...

    def set_connection_timeout(self, seconds: float) -> None:
        """Seconds a driver has to plug in after authorizing."""
        ...

    def set_backend_online(self, link: BackendLink, code: str = "") -> None:
        """The link changed; while it is not online the station shows status code ``code``."""
        ...

    def show_code(self, code: str, side: Side | None) -> None:
        """Show an information code briefly (``side`` None: the whole station)."""
        ...

    def set_default_language(self, language: str) -> bool:
        """The station's default language; False when the kiosk does not offer it."""
        ...

    def set_default_price(self, price: DefaultPrice | None) -> None:
        """The backend's default price (None: the local tariff again)."""
        ...

    def set_user_price(self, token: Token, text: PriceText) -> bool:
        """The price of the driver presenting ``token``; False when that driver is not at the charger."""
        ...

    def set_session_cost(self, side: Side, cost: BackendCost) -> bool:
        """The running or final cost of the session on ``side``; False when there is none."""
        ...

    def set_time_offset(self, offset: TimeOffset | None) -> None:
        """The local time the screen shows (None: the configured time zone)."""
        ...

    def set_display_messages(self, messages: tuple[DisplayMessage, ...]) -> None:
        """The operator's display messages, the whole set, oldest first (pushed at start-up and
        whenever it changes); each one already passed :func:`controller.display_messages.check`."""
        ...

    def set_cost_fallbacks(self, tariff: PriceText | None, total_cost: PriceText | None) -> None:
        """Texts that stand in for a tariff the backend has not given (shown before charging
        and while it is unreachable) and for a total cost that has not come (on the Summary);
        None: none."""
        ...

    def set_software_update(self, active: bool) -> None:
        """A software install begins (True: no new session, the Updating screen, the LEDs show
        it; a running session finishes) or is over (False).  Not kept across a restart."""
        ...

    def is_idle(self) -> bool:
        """No session running, stopping or being started on any side (an update waits for this)."""
        ...
