"""A short kiosk soak (``make soak-kiosk`` runs a simulated week): two simulated days of the real
kiosk scene, idle and charging, in a process of its own; after the warm-up the scene's QObjects,
open files and threads do not move and memory stays flat (tests/robustness/kiosk_soak.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_two_simulated_days_of_the_kiosk_scene_stay_flat_after_the_warm_up() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    run = subprocess.run([sys.executable, "-m", "tests.robustness.kiosk_soak", "--days", "2", "--visits-per-day", "4",
                          "--charge-minutes", "2", "6", "--samples-per-day", "2"],
                         check=False, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    assert "flat after the warm-up" in run.stdout
    summary = re.search(r"(\d+) sessions, (\d+) faults, (\d+) invalid cards, (\d+) languages picked", run.stdout)
    assert summary is not None, run.stdout
    sessions, faults, invalid, languages = map(int, summary.groups())
    assert sessions >= 10 and faults >= 3 and invalid >= 6 and languages >= 5
    samples = [line for line in run.stdout.splitlines() if re.match(r"\s+(start|warm|day \S+)\s", line)]
    assert len(samples) == 2 + 2 * 2, "start, warm, two a day"
    assert re.search(r"screens shown: .*status \d+", run.stdout), "the status screen was among them"
