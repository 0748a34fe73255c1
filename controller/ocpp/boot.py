"""BootNotification (§4.2, §5 of the JSON spec) as one transition table.

Until the central system has Accepted, the charge point sends nothing but
BootNotification.  Pending: stay connected and answer the central system (it may
configure the charger), boot again after ``interval``.  Rejected: answer nothing and
boot again after ``interval``.  ``interval`` 0 means "choose yourself": :data:`RETRY_S`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

#: Wait before the next BootNotification when the central system leaves it to us (libocpp: 60 s).
RETRY_S = 60.0


class BootState(enum.Enum):
    NOT_SENT = "not_sent"
    SENT = "sent"  # waiting for BootNotification.conf
    PENDING = "pending"
    REJECTED = "rejected"
    ACCEPTED = "accepted"


class BootEvent(enum.Enum):
    SEND = "send"
    ACCEPTED = "Accepted"
    PENDING = "Pending"
    REJECTED = "Rejected"
    FAILED = "failed"  # no answer in time, a CALLERROR, or the connection dropped


S, E = BootState, BootEvent

#: (state, event) -> next state; a pair not listed leaves the state unchanged.
TRANSITIONS: dict[tuple[BootState, BootEvent], BootState] = {
    (S.NOT_SENT, E.SEND): S.SENT,
    (S.PENDING, E.SEND): S.SENT,
    (S.REJECTED, E.SEND): S.SENT,
    (S.ACCEPTED, E.SEND): S.SENT,  # TriggerMessage(BootNotification)
    (S.SENT, E.ACCEPTED): S.ACCEPTED,
    (S.SENT, E.PENDING): S.PENDING,
    (S.SENT, E.REJECTED): S.REJECTED,
    (S.SENT, E.FAILED): S.NOT_SENT,
}


@dataclass(frozen=True, slots=True)
class Boot:
    """Where the boot stands; ``next_at`` is when (monotonic seconds) the next one may go."""

    state: BootState = BootState.NOT_SENT
    next_at: float = 0.0
    accepted_once: bool = False  # in this power cycle: a reconnect does not boot again

    @property
    def accepted(self) -> bool:
        return self.state is BootState.ACCEPTED or (self.state is BootState.SENT and self.accepted_once)

    @property
    def answering(self) -> bool:
        """Requests from the central system are answered except while Rejected."""
        return self.state is not BootState.REJECTED

    def due(self, now: float) -> bool:
        """Send a BootNotification now?"""
        return self.state in (S.NOT_SENT, S.PENDING, S.REJECTED) and now >= self.next_at


def step(boot: Boot, event: BootEvent, now: float, interval_s: float = 0.0) -> Boot:
    """Apply ``event`` at ``now`` (``interval_s`` from the conf for Pending and Rejected)."""
    target = TRANSITIONS.get((boot.state, event))
    if target is None:
        return boot
    if target is S.ACCEPTED:
        return replace(boot, state=target, accepted_once=True)
    if target in (S.PENDING, S.REJECTED):
        return replace(boot, state=target, next_at=now + (interval_s if interval_s > 0 else RETRY_S))
    if target is S.NOT_SENT:
        return replace(boot, state=target, next_at=now + RETRY_S if event is E.FAILED else boot.next_at)
    return replace(boot, state=target)
