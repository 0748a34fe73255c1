"""A short soak (``make soak`` runs 1,000 sessions; a few here keep the suite quick): every
session finished once and accounted for at the central system across its outages (on OCPP
1.6 and on 2.0.1), the invariants hold every cycle, nothing left open."""

from __future__ import annotations

from tests.robustness.soak import soak


def test_sessions_with_faults_and_backend_outages_lose_nothing_and_leave_nothing_open() -> None:
    figures = soak(25, seed=2, backend=True)
    assert figures.sessions >= 25 and figures.losses == 0
    assert figures.transactions == figures.sessions, "every session a transaction at the central system"
    assert figures.files_end <= figures.files_start + 1  # the central system's log pipe may still close
    assert figures.threads_end <= figures.threads_start + 1
    assert figures.tasks_end <= figures.tasks_start
    assert figures.power_cycles > 0, "the run cleared a latched fault by power-cycling"


def test_on_ocpp201_sessions_with_faults_and_backend_outages_lose_nothing() -> None:
    figures = soak(25, seed=2, backend=True, version="2.0.1")
    assert figures.sessions >= 25 and figures.losses == 0
    assert figures.transactions == figures.sessions, "every session one transaction: Started, one Ended, no gap"
    assert figures.outages > 0 and figures.power_cycles > 0
    assert figures.files_end <= figures.files_start + 1
    assert figures.threads_end <= figures.threads_start + 1
    assert figures.tasks_end <= figures.tasks_start
