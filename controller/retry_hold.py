"""The failed start each connector shows, and the driver's authorization kept for the next attempt.

After a failed start (:mod:`controller.start_failure`) that is safe to retry, the driver's token
stays authorized on that connector for ``[authorization].retry_window_s``: plugging the cable in
again there (or "Try again" while it is still in, where the kind allows it) starts the next
attempt without a second tap.  The hold is memory only: a power cut or a restart forgets it (the
safe default: a new station never starts a session on a card it has not seen).  Another card,
a remote start, the driver's Done or the window's end drop it.  Failed starts in a row of one
driver on one connector are counted (:data:`controller.start_failure.MAX_ATTEMPTS`, a second
isolation failure), so a start that keeps failing stops being offered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from controller.start_failure import Kind, rule
from controller.types import AuthMethod, Side


@dataclass(frozen=True, slots=True)
class FailedStart:
    """A failed start on ``side``, as the screen shows it; ``until``: the end of the window in which
    ``token`` may start again there without a tap (None: not kept)."""

    side: Side
    kind: Kind
    code: str
    token: str
    method: AuthMethod
    until: float | None
    needs_replug: bool
    in_a_row: int = 1
    retry_safe: bool = True  # the rules allow a retry (kept only when the window is not 0)

    def held(self, now: float) -> bool:
        """The authorization is still kept."""
        return self.until is not None and now < self.until

    def seconds_left(self, now: float) -> int | None:
        """Whole seconds left in the window (None: not kept)."""
        if not self.held(now) or self.until is None:
            return None
        return max(0, math.ceil(round(self.until - now, 6)))  # float noise must not add a second


@dataclass(frozen=True, slots=True)
class _Streak:
    token: str
    failures: int
    isolations: int


class RetryHolds:
    """Failed starts shown per connector, and the authorizations kept for a retry."""

    def __init__(self, window_s: float) -> None:
        self.window_s = float(window_s)
        self.shown: dict[Side, FailedStart] = {}
        self._streaks: dict[Side, _Streak] = {}

    def failed(self, side: Side, kind: Kind, code: str, token: str, method: AuthMethod, now: float) -> FailedStart:
        """A start failed on ``side``: show it, and keep ``token`` authorized if the rules allow."""
        streak = self._streaks.get(side)
        if streak is None or streak.token != token:
            streak = _Streak(token, 0, 0)
        isolated = kind is Kind.ISOLATION
        streak = _Streak(token, streak.failures + 1, streak.isolations + 1 if isolated else 0)
        self._streaks[side] = streak
        allowed = rule(kind, code, streak.failures, streak.isolations)
        keep = allowed.retry_safe and self.window_s > 0
        failure = FailedStart(side, kind, code, token, method, now + self.window_s if keep else None,
                              allowed.needs_replug, streak.failures, allowed.retry_safe)
        self.shown[side] = failure
        return failure

    def held(self, side: Side, now: float) -> FailedStart | None:
        """The failed start on ``side`` whose authorization is still kept, if any."""
        failure = self.shown.get(side)
        return failure if failure is not None and failure.held(now) else None

    def began(self, side: Side, token: str) -> None:
        """A session began on ``side``: its screen goes; the streak goes on only for the same token."""
        self.shown.pop(side, None)
        streak = self._streaks.get(side)
        if streak is not None and streak.token != token:
            del self._streaks[side]

    def charging(self, side: Side) -> None:
        """Energy flows on ``side``: the start succeeded, the streak ends."""
        self.shown.pop(side, None)
        self._streaks.pop(side, None)

    def forget(self, side: Side) -> None:
        """The driver closed the screen (Done), or the cable left a connector holding nothing."""
        self.shown.pop(side, None)
        self._streaks.pop(side, None)

    def drop_all(self) -> bool:
        """Another card or a remote start: every kept authorization goes (the normal rules apply);
        whether one was kept."""
        had = bool(self.shown)
        self.shown.clear()
        self._streaks.clear()
        return had

    def expire(self, now: float) -> None:
        """Windows that ended: no longer kept (the station forgets them once the cable is out)."""
        for side, failure in list(self.shown.items()):
            if failure.until is not None and now >= failure.until:
                self.shown[side] = replace(failure, until=None)
