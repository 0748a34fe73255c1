"""Random use of the station (hypothesis, stateful), with the central system cut off, killed
and restarted: output only when allowed, the emergency stop wins, each session recorded and
ended once and one transaction at the central system, energy never backwards, the screen
always a known one.  A short run here; ``make fuzz`` runs it at length."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.robustness.invariants import StationInvariants, central_system

#: Kept small so the suite stays quick; ``make fuzz`` runs many more.
EXAMPLES = 12
STEPS = 25


def test_random_use_never_breaks_the_station_invariants() -> None:
    with central_system():
        run_state_machine_as_test(StationInvariants, settings=settings(
            max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None, derandomize=True,
            suppress_health_check=list(HealthCheck)))
