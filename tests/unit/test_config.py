"""Configuration: the shipped file, overrides and errors that name the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from controller.config import DEFAULT_CONFIG, Config, ConfigError, load


def test_the_shipped_file_states_exactly_the_defaults() -> None:
    assert load(DEFAULT_CONFIG) == Config()


def test_overrides_pick_the_version() -> None:
    config = Config().with_overrides(station={"version": "B0B"})
    assert config.station.version == "B0B"
    assert config.limits == Config().limits


@pytest.mark.parametrize("text,message", [
    ('[station]\nversion = "X1X"', "[station].version: 'X1X' is not one of J00, J0U, U00, U0U, B0B"),
    ("[limits]\npsu_count = 0", "[limits].psu_count: must be between 1 and 4, got 0"),
    ('[limits]\npsu_count = "two"', "[limits].psu_count: expected a whole number, got 'two'"),
    ("[limits]\nmax_power_kw = 90", "[limits].max_power_kw: must be between 1 and 60"),
    ("[limits]\nwatts = 1", "[limits].watts: unknown key"),
    ("[stations]\nversion = 1", "[stations]: unknown section"),
    ('[tariff]\nenergy_price = "cheap"', "[tariff].energy_price: 'cheap' is not a decimal number"),
    ('[tariff]\ncurrency = "dollars"', "[tariff].currency: 'dollars' is not an ISO 4217 code"),
    ('[authorization]\nmethods = ["rfid", "nfc"]', "[authorization].methods: 'nfc' is not one of"),
    ('[authorization]\nlocal_allow_list = ["04:a1"]', "[authorization].local_allow_list: '04:a1' is not an upper-case"),
    ('[authorization]\nqr_url_template = "https://x/{site}"', "[authorization].qr_url_template: unknown placeholder"),
    ('[authorization]\nreader = ""', "[authorization].reader: '' is neither \"simulated\" nor part of a"),
    ("[authorization]\nreader = 1", "[authorization].reader: expected a string, got 1"),
    ("[simulation]\nenabled = 1", "[simulation].enabled: expected true or false, got 1"),
    ("[limits]\nderating_end_c = 45", "[limits].derating_end_c: must be between 51.0 and 100, got 45"),
    ("[limits]\nmax_input_current_a = 120", "[limits].max_input_current_a: must be between 1 and 92"),
    ('[storage]\npath = " "', "[storage].path: must name a file"),
    ("[storage]\ncheckpoint_interval_s = 0", "[storage].checkpoint_interval_s: must be between 1 and 60"),
    ("[storage]\nsession_retention_days = -1", "[storage].session_retention_days: must be between 0 and 36500"),
    ("[storage]\nsession_retention_rows = 1.5", "[storage].session_retention_rows: expected a whole number, got 1.5"),
    ("[can\n", "not valid TOML"),
])
def test_bad_values_are_refused_naming_the_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "station.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load(tmp_path / "nope.toml")
