"""Operator display messages: what a central system asks the screen to show, which one shows
now, and what the station cannot show.

A protocol adapter (OCPP 2.0.1's SetDisplayMessage, block O) keeps the operator's messages
and pushes the whole set to the station in its words: :class:`DisplayMessage`.  Before it
accepts one it asks :func:`check`, whose :class:`Refusal` it maps onto its own status
(``Refusal.FORMAT`` -> NotSupportedMessageFormat, ``Refusal.CONTENT`` -> Rejected).

The selection, :func:`shown`, picks the one message the kiosk's message area shows now:

1. **Eligible**: inside its time window (``start <= now < end``, either bound optional);
   bound to a side (a transaction's connector): only while a session runs there and that
   connector is the one in front; its ``state`` condition holds (:class:`Activity`).
2. **Priority**: an eligible AlwaysFront message beats every InFront one, which beats
   every NormalCycle one.  Of several AlwaysFront messages the newest (last in the set,
   which the adapter keeps in the order received) is shown, never cycled.
3. **Language**: within that priority, the messages in the driver's language (its exact
   tag), with those that have none; else those of the same primary language (``fr-FR``
   for an ``fr-CA`` driver), with those that have none; else those that have none; and
   when no message is any of these, the others are still shown.
4. **Rotation**: InFront and NormalCycle messages take turns by ascending ``message_id``,
   :data:`ROTATION_S` seconds each on the station's monotonic clock:
   ``candidates[int(clock_s // ROTATION_S) % len(candidates)]``.

Pure: no clock, no I/O; the caller hands in the wall time, the monotonic seconds and what
the station is doing.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from controller.types import Side

__all__ = [
    "MAX_QR_CHARS",
    "MAX_TEXT_WIDTH",
    "MAX_URI_CHARS",
    "ROTATION_S",
    "Activity",
    "DisplayMessage",
    "MessageFormat",
    "MessagePriority",
    "MessageState",
    "Refusal",
    "check",
    "display_width",
    "shown",
]

#: Seconds each InFront or NormalCycle message stays before the next one of its tier.
ROTATION_S = 8.0
#: Widest text the message area shows whole, in columns (a full-width CJK character is two):
#: its two lines at the legible size on the 800x480 panel hold about 80 columns each.
MAX_TEXT_WIDTH = 150
#: Longest link (URI format): it is drawn as a QR code the phone must still read at arm's length.
MAX_URI_CHARS = 200
#: Longest content of a QR-format message.
MAX_QR_CHARS = 200
#: Link schemes a driver's phone opens.
URI_SCHEMES = frozenset({"http", "https"})


class MessagePriority(enum.Enum):
    """OCPP MessagePriorityEnumType, highest first."""

    ALWAYS_FRONT = "always_front"
    IN_FRONT = "in_front"
    NORMAL_CYCLE = "normal_cycle"


class MessageState(enum.Enum):
    """When a message may show (OCPP MessageStateEnumType); None on a message: always."""

    CHARGING = "charging"  # a session runs (on the message's side, else on any side)
    FAULTED = "faulted"  # a status code that stops charging is in force
    IDLE = "idle"  # nothing going on: no session, no such code, every connector in service
    UNAVAILABLE = "unavailable"  # a connector or the whole station is out of service


class MessageFormat(enum.Enum):
    """How the content is meant (OCPP MessageFormatEnumType; ASCII and UTF8 are TEXT; QR is
    2.1's QRCODE).  HTML is named so that :func:`check` can refuse it."""

    TEXT = "text"
    URI = "uri"  # a link: shown as its text and as a QR code
    QR = "qr"  # shown as a QR code with a caption
    HTML = "html"


class Refusal(enum.Enum):
    """Why the station cannot show a message."""

    FORMAT = "format"  # not a format it draws (OCPP NotSupportedMessageFormat)
    CONTENT = "content"  # empty, too long for the area, control characters, a bad link (OCPP Rejected)


@dataclass(frozen=True, slots=True)
class DisplayMessage:
    """One operator message.  ``start`` / ``end``: UTC, either may be None (no bound);
    ``side``: the connector of the transaction it belongs to (shown only while that session
    runs); ``language``: BCP 47, None for any."""

    message_id: int
    content: str
    priority: MessagePriority = MessagePriority.NORMAL_CYCLE
    format: MessageFormat = MessageFormat.TEXT
    state: MessageState | None = None
    start: datetime | None = None
    end: datetime | None = None
    side: Side | None = None
    language: str | None = None

    def __post_init__(self) -> None:
        for bound in (self.start, self.end):
            if bound is not None and bound.tzinfo is None:
                raise ValueError(f"message {self.message_id}: a time bound must be aware (UTC), got {bound!r}")

    def in_window(self, now: datetime) -> bool:
        """Whether ``now`` (UTC) is within ``start <= now < end``."""
        return (self.start is None or self.start <= now) and (self.end is None or now < self.end)


@dataclass(frozen=True, slots=True)
class Activity:
    """What the station is doing, for the messages' state conditions."""

    in_session: frozenset[Side] = frozenset()  # sides where a session runs (preparing to stopping)
    faulted: bool = False  # a code that stops charging is in force
    unavailable: bool = False  # a connector or the whole station is out of service

    @property
    def idle(self) -> bool:
        return not (self.in_session or self.faulted or self.unavailable)

    def holds(self, state: MessageState | None, side: Side | None) -> bool:
        """Whether a message's ``state`` condition holds (``side``: the message's connector)."""
        match state:
            case None:
                return True
            case MessageState.CHARGING:
                return side in self.in_session if side is not None else bool(self.in_session)
            case MessageState.FAULTED:
                return self.faulted
            case MessageState.IDLE:
                return self.idle
            case MessageState.UNAVAILABLE:
                return self.unavailable
        raise AssertionError(state)


def display_width(text: str) -> int:
    """Columns ``text`` takes: a wide or full-width character (CJK) two, any other one."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def check(message: DisplayMessage) -> Refusal | None:
    """None when the station can show ``message``, else why not."""
    if message.format is MessageFormat.HTML:
        return Refusal.FORMAT
    content = message.content
    if not content.strip() or any(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") and char != "\n"
                                  for char in content):
        return Refusal.CONTENT
    if message.end is not None and message.start is not None and message.end <= message.start:
        return Refusal.CONTENT
    match message.format:
        case MessageFormat.TEXT:
            return Refusal.CONTENT if display_width(content) > MAX_TEXT_WIDTH else None
        case MessageFormat.URI:
            return None if _is_link(content) else Refusal.CONTENT
        case MessageFormat.QR:
            return Refusal.CONTENT if len(content) > MAX_QR_CHARS or "\n" in content else None
    raise AssertionError(message.format)


def _is_link(content: str) -> bool:
    if len(content) > MAX_URI_CHARS or any(char.isspace() for char in content):
        return False
    parts = urlsplit(content)
    return parts.scheme.lower() in URI_SCHEMES and bool(parts.netloc)


def shown(messages: Iterable[DisplayMessage], now: datetime, clock_s: float, activity: Activity,
          language: str, focus: Side) -> DisplayMessage | None:
    """The message the kiosk shows now (see the module docstring), or None.  ``now``: UTC wall
    time; ``clock_s``: the station's monotonic seconds (the rotation); ``language``: the
    driver's; ``focus``: the connector in front."""
    eligible = [m for m in messages if m.in_window(now) and activity.holds(m.state, m.side)
                and (m.side is None or (m.side == focus and m.side in activity.in_session))]
    for priority in MessagePriority:
        tier = [m for m in eligible if m.priority is priority]
        if not tier:
            continue
        tier = _in_language(tier, language)
        if priority is MessagePriority.ALWAYS_FRONT:
            return tier[-1]
        tier.sort(key=lambda m: m.message_id)
        return tier[int(clock_s // ROTATION_S) % len(tier)]
    return None


def _in_language(messages: list[DisplayMessage], language: str) -> list[DisplayMessage]:
    def primary(tag: str) -> str:
        return tag.split("-", maxsplit=1)[0].lower()

    untagged = [m for m in messages if m.language is None]
    for same in (lambda tag: tag.lower() == language.lower(), lambda tag: primary(tag) == primary(language)):
        matching = [m for m in messages if m.language is not None and same(m.language)]
        if matching:
            return [m for m in messages if m in matching or m.language is None]
    return untagged or messages
