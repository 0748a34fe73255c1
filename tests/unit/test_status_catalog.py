"""The status-code catalog (manual 5.4 with the guidance of 5.3) and ``evse-hmi codes``."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from controller import codes_cli
from controller.status_codes import CATALOG_FILE, SEVERITIES, all_codes, known_codes, lookup, search

REPO = Path(__file__).resolve().parents[2]

#: Codes per family after reconstruction (see the header of status_codes.toml):
#: 011001-011040; 012200-012333, 012343-012348, 012352-012357; 013600-013629;
#: 023700-023893, 023900-023921, 023930-023947, 023950-023964, 023970-023977, 023979-023984;
#: 033900-033905; the 04 twins.
FAMILY_COUNTS = {"011": 40, "012": 146, "013": 30, "023": 263, "033": 6, "041": 18, "042": 93, "043": 22}


@pytest.fixture(scope="module")
def raw() -> dict:
    with CATALOG_FILE.open("rb") as handle:
        return tomllib.load(handle)


def test_counts_per_family() -> None:
    assert Counter(code[:3] for code in known_codes()) == FAMILY_COUNTS
    assert len(known_codes()) == 618


def test_no_duplicate_codes_and_every_code_is_six_digits_of_a_known_family(raw: dict) -> None:
    keys = re.findall(r"^(\d+) = \{", CATALOG_FILE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert len(keys) == len(set(keys)) == len(raw["codes"])
    for code in keys:
        assert re.fullmatch(r"0\d{5}", code), code
        assert code[:3] in raw["families"], code
    for info in all_codes():
        assert info.known and info.severity in SEVERITIES
        assert info.description.strip() == info.description and "  " not in info.description
        assert not re.search(r"[<>|·]", info.description), info.code


@pytest.mark.parametrize(("code", "description", "family_name", "severity"), [
    ("011001", "CHAdeMO output fuse blew", "Fault", "fault"),
    ("011031", "PSU module broken", "Fault", "fault"),  # R1: code column lost
    ("011040", "Parallel output relay driving fault", "Fault", "fault"),  # R1
    ("012200", "System L1 input OVP", "Warning", "warning"),  # R2
    ("012221", "System GB output OVP", "Warning", "warning"),  # R2
    ("012222", "System GB output OCP", "Warning", "warning"),
    ("012271", "PSU Input OVP", "Warning", "warning"),  # R3: read 6 times as UVP
    ("012281", "Self test Failed due to communication of Fanboard failure", "Warning", "warning"),  # R3
    ("012283", "Self test Failed due to communication of Chademoboard failure", "Warning", "warning"),  # R3
    ("012285", "Self test Failed due to AC Contact failure", "Warning", "warning"),  # R3: HTML debris
    ("012357", "Meter Get Transaction Ocmf Error", "Warning", "warning"),
    ("013629", "PSU quantity not match", "Information", "info"),
    ("023705", "CHAdeMO: no charging permission", "Message from the EV", "ev"),  # R4
    ("023740", "CCS_EVCC_EVErrorCode_FAILED_EVRESSMalfunction", "Message from the EV", "ev"),  # R5
    ("023766", "CCS_SECC_ResponseCode_FAILED_CertificateNotYetValid", "Message from the EV", "ev"),  # R5
    ("023762", "CCS_SECC_ResponseCode_FAILED_PaymentSelectionInvalid", "Message from the EV", "ev"),  # R5, R7
    ("023920", "ERROR_CODE_GBT_BMS_BROAA_NO_VOLTAGE_TIMEOUT", "Message from the EV", "ev"),  # R6
    ("023921", "ERROR_CODE_GBT_BMS_BROAA_TO_BRO00_ERROR", "Message from the EV", "ev"),  # R6: the duplicate
    ("023984", "STOP by EVSE condition (Config or OCPP)", "Message from the EV", "ev"),
    ("033905", "Remote reset by backend", "Network", "network"),
    ("041031", "PSU module broken", "Fault (power cabinet)", "fault"),
    ("042304", "disconnected from dispenser", "Warning (power cabinet)", "warning"),
    ("043629", "PSU quantity not match", "Information (power cabinet)", "info"),
])
def test_spot_checks(code: str, description: str, family_name: str, severity: str) -> None:
    info = lookup(code)
    assert (info.description, info.family, info.family_name, info.severity) == (
        description, code[:3], family_name, severity)


def test_reconstructions_are_recorded_and_explained(raw: dict) -> None:
    notes = raw["reconstructions"]
    used = Counter(ref for entry in raw["codes"].values() for ref in entry.get("reconstructed", ()))
    assert set(used) == set(notes)
    assert (used["R1"], used["R2"], used["R3"], used["R4"], used["R5"], used["R6"]) == (10, 22, 32, 11, 32, 2)
    assert lookup("011031").reconstruction[0].startswith("R1: 011031-011040")
    assert lookup("011030").reconstruction == ()
    assert lookup("023762").reconstruction[1].startswith("R7:")


def test_gaps_of_the_table_are_not_invented() -> None:
    for code in ("012334", "012342", "012349", "023894", "023922", "023978", "023985", "042243"):
        assert not lookup(code).known, code


def test_the_04_series_mirrors_011_012_013() -> None:
    """Every 04 code has a twin with the same last four digits (the header's conclusion)."""
    codes = set(known_codes())
    twins = [code for code in codes if code.startswith("04")]
    assert len(twins) == 133
    assert all("01" + code[2:] in codes for code in twins)
    for code in ("042251", "042252", "042200"):
        assert lookup(code).steps == lookup("01" + code[2:]).steps


def test_guidance_covers_each_code_at_most_once_and_names_real_codes(raw: dict) -> None:
    codes = set(known_codes())
    spans = []
    for entry in raw["guidance"]:
        assert entry["steps"] and entry["technician_steps"] and entry["source"] and entry["summary"]
        for span in entry["codes"]:
            first, _, last = span.partition("-")
            last = last or first
            assert first in codes and last in codes and first <= last, span
            spans.append((first, last))
    for code in codes:
        assert sum(first <= code <= last for first, last in spans) <= 1, code


def test_driver_guidance_stays_short_and_keeps_the_screen_texts() -> None:
    for info in all_codes():
        assert 1 <= len(info.steps) <= 7 and info.technician_steps, info.code
        assert all(len(step) <= 140 for step in info.steps), info.code
        assert info.driver_text and len(info.driver_text) <= 120, info.code
    # driver texts written for the charging flow stay as they were
    assert lookup("012251").driver_text == "The emergency stop button has been pressed. Charging has stopped."
    assert lookup("011013").driver_text == "The charger could not open its output relay. Do not use this connector."
    assert lookup("023950").driver_text == "The vehicle reached its charging target."
    assert lookup("012287").driver_text == "The connectors fitted do not match the charger's configuration."
    # codes without their own text get their guidance's or family's summary
    assert lookup("012300").driver_text == "Charging is paused until the condition clears."
    assert lookup("012243").driver_text == "The card reader is not working."


def test_manual_5_3_guidance_reaches_its_codes() -> None:
    assert lookup("012205").steps[0] == "Charging is enabled again when the grid supply is normal."
    assert lookup("042205").steps == lookup("012205").steps
    assert lookup("012304").source == "manual 5.3.4"
    ev = lookup("023758")
    assert ev.source.startswith("manual 5.3.6") and len(ev.steps) == 2
    assert ev.technician_steps[2:] == lookup("023700").technician_steps  # "then follow steps 1-7"
    assert lookup("023891").about == "The charger was not ready for charging."
    assert lookup("033901").technician_steps[-1] == "Contact the dealer."
    # the self-test guidance no longer reaches the output-UVP codes between the self-test runs
    assert lookup("012288").source == lookup("012300").source


def test_search_finds_words_and_the_manuals_misspellings() -> None:
    assert [info.code for info in search("fuse")] == ["011001", "011002", "011003", "012307", "042307"]
    assert [info.code for info in search("ccs FUSE")] == ["011002"]
    firmware = search("firmware")  # printed "fimrware" in the manual
    assert len(firmware) == 21 and firmware[0].code == "013607"  # 013607-013618, 023892, eight 0436xx
    assert search("no such thing") == [] and search("   ") == []


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hmi.app", "codes", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60, check=False)


def test_cli_describes_a_code() -> None:
    result = _cli("012251")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("012251  Emergency stop\n")
    assert "012 Warning; severity warning, blocks charging" in out
    assert "The emergency stop button has been pressed." in out
    assert "1. Release the emergency stop button" in out and "Technician steps:" in out


def test_cli_search_prints_one_line_per_match() -> None:
    result = _cli("--search", "fuse")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and lines[0] == "011001  fault    CHAdeMO output fuse blew"
    unquoted = _cli("--search", "psu", "fan")  # the words of a search need no quotes
    assert unquoted.returncode == 0 and unquoted.stdout.splitlines() == [
        "012269  warning  PSU FanFailure Alarm", "012314  warning  Psu Fault : Fan Full Speed",
        "042269  warning  Psu Fault : Fan Fault", "042314  warning  Psu Fan Full Speed"]


@pytest.mark.parametrize(("args", "status", "message"), [
    (("011999",), 1, "011999 is not in the catalog"),
    (("--search", "no such thing"), 1, "no description contains"),
    (("12x",), 2, "'12x' is not a status code"),
    (("1234567",), 2, "is not a status code"),
    ((), 2, "give one or more CODEs"),
])
def test_cli_exit_status(args: tuple[str, ...], status: int, message: str) -> None:
    result = _cli(*args)
    assert result.returncode == status and message in result.stderr
    assert result.stdout == ""


def test_cli_accepts_the_manuals_ways_of_writing_a_code_and_does_not_load_qt() -> None:
    out = io.StringIO()
    assert codes_cli.main(["23758", "012-251", "042304"], out=out) == 0
    assert [line[:6] for line in out.getvalue().splitlines() if line[:1].isdigit()] == ["023758", "012251", "042304"]
    probe = ("import sys; from hmi.app import main; status = main(['codes', '011031']); "
             "sys.exit(status or any(name.startswith('PySide6') for name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert "Reconstructed:    R1: 011031-011040" in result.stdout


def test_cli_says_what_the_charger_does_with_a_code() -> None:
    from io import StringIO

    from controller.codes_cli import main

    for code, words in (("012242", "does not block charging"), ("041005", "power-cycled"),
                        ("023701", "until the cable is unplugged")):
        out = StringIO()
        assert main([code], out=out) == 0
        assert words in " ".join(out.getvalue().split()), code
