"""A short soak (``make soak`` runs 1,000 sessions; 20 here keep the suite quick): every session finished once, the
invariants hold every cycle, nothing left open."""

from __future__ import annotations

from tests.robustness.soak import soak


def test_twenty_sessions_with_faults_lose_nothing_and_leave_nothing_open() -> None:
    figures = soak(20)
    assert figures.sessions >= 20 and figures.losses == 0
    assert figures.files_end <= figures.files_start
    assert figures.threads_end <= figures.threads_start
