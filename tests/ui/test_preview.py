"""``python -m hmi.preview``: the design preview renders its sample snapshots through the real
bridge and presenter (hmi/preview_samples.py), and the simulator panel beside them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_preview_renders_samples_and_the_simulator_panel_without_problems(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    result = subprocess.run(
        [sys.executable, "-m", "hmi.preview", "--out", str(tmp_path), "--size", "800x480",
         "--only", "charging-dual", "--only", "out-of-service", "--only", "simulator-panel"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "charging-dual-800x480.png", "out-of-service-800x480.png", "simulator-panel.png"]
    assert "0 problem(s)" in result.stdout
