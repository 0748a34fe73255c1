"""When to try re-opening a CAN bus that was lost: a growing pause, never a give-up.

A lost handle (interface down, adapter unplugged, bus-off that does not end) is re-opened
after :data:`REOPEN_BACKOFF_S` seconds, then the next pause in the list, the last one
repeated for as long as it takes.  The pauses start again from the first once the bus has
carried a frame (:meth:`Backoff.proven`): a bus that opens but stays down is not retried
every second.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Pauses before each re-open attempt (s); the last is repeated.
REOPEN_BACKOFF_S: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0)


@dataclass(slots=True)
class Backoff:
    """The next re-open attempt's time, by the failed attempts since the bus last carried a frame."""

    pauses: tuple[float, ...] = REOPEN_BACKOFF_S
    attempts: int = 0  # re-opens tried since the bus last carried a frame
    next_at: float | None = None  # None: nothing lost

    def lost(self, now: float) -> None:
        """The handle is of no use: plan the next attempt (unless one is planned already)."""
        if self.next_at is None:
            self.next_at = now + self.pause

    def due(self, now: float) -> bool:
        return self.next_at is not None and now >= self.next_at

    def tried(self, now: float, opened: bool) -> None:
        """An attempt was made: done when ``opened``, else the next one is planned."""
        self.attempts += 1
        self.next_at = None if opened else now + self.pause

    def proven(self) -> None:
        """The bus carried a frame: the next loss starts with the shortest pause again."""
        self.attempts = 0

    @property
    def pause(self) -> float:
        return self.pauses[min(self.attempts, len(self.pauses) - 1)]
