"""Power cut at any moment of a session, with the real process (``python -m controller``)
killed with SIGKILL and started again, once at each moment (see :mod:`tests.robustness.power_cut`;
``make powercut`` kills many more times)."""

from __future__ import annotations

from pathlib import Path

import pytest

from controller.store import FINISHED, INTERRUPTED
from tests.robustness.power_cut import MOMENTS, power_cut


@pytest.mark.slow
def test_a_charger_killed_at_any_moment_of_a_session_loses_nothing_after_restart(tmp_path: Path) -> None:
    figures = power_cut(len(MOMENTS), seed=8, directory=tmp_path)
    assert figures.problems == []
    assert all(figures.kills[moment] == 1 for moment in MOMENTS)
    assert figures.transactions == figures.stopped_once == len(MOMENTS), "each started and stopped once"
    # cut while running (preparing, charging, perhaps stopping): PowerLoss; the summary's: the driver's stop
    assert figures.sessions[FINISHED] >= 1 and figures.sessions[INTERRUPTED] >= 2
    assert figures.power_loss_stops == figures.sessions[INTERRUPTED]
