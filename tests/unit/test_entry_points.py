"""The two headless entry points: the charger's own hardware, and the simulated charger."""

from __future__ import annotations

from pathlib import Path

import pytest

from controller.__main__ import main as controller_main


def test_the_production_entry_point_refuses_the_simulator(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    config = tmp_path / "station.toml"
    config.write_text("[simulation]\nenabled = true\n")
    assert controller_main(["--config", str(config)]) == 2
    assert "python -m controller.sim" in capsys.readouterr().err


def test_a_refused_configuration_says_why(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    config = tmp_path / "station.toml"
    config.write_text("[station]\nversion = \"XYZ\"\n")
    assert controller_main(["--config", str(config)]) == 2
    assert "python -m controller" in capsys.readouterr().err
