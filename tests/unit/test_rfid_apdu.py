"""The card identifier: GET DATA answers turned into id tokens, or refused with a reason."""

from __future__ import annotations

import pytest

from controller.buses.rfid.apdu import GET_DATA_UID, CardReadError, uid_token
from controller.buses.rfid.pcsc import match_reader
from controller.sim.card_emulator import ATR_FELICA, ATR_ISO14443A, Behaviour, CardEmulator, atr_for, parse_uid


@pytest.mark.parametrize("answer,token", [
    ("04A1B2C3D4E5F6" "9000", "04A1B2C3D4E5F6"),  # ISO 14443 A double-size UID
    ("0a0b0c0d" "9000", "0A0B0C0D"),  # single size
    ("012E4CD4C1A2B3C4" "9000", "012E4CD4C1A2B3C4"),  # FeliCa IDm
    ("04112233445566778899" "9000", "04112233445566778899"),  # triple size
])
def test_a_uid_answer_becomes_an_upper_case_hex_token(answer: str, token: str) -> None:
    assert uid_token(bytes.fromhex(answer)) == token


@pytest.mark.parametrize("answer,reason", [
    ("", "no answer"),
    ("90", "has no status word"),
    ("6A81", "status word 6A81 (function not supported)"),
    ("04A1B2C3" "6282", "status word 6282"),
    ("6C07", "wrong Le, the UID has 7 bytes"),
    ("9000", "0-byte answer (empty) is not a card UID"),
    ("133742" "9000", "3-byte answer 133742 is not a card UID"),
    ("DEADBEEF0001" "9000", "6-byte answer"),
])
def test_an_answer_without_a_uid_is_refused_with_the_reason(answer: str, reason: str) -> None:
    with pytest.raises(CardReadError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        uid_token(bytes.fromhex(answer))


def test_the_reader_is_picked_by_a_case_insensitive_part_of_its_name() -> None:
    names = ["ACS ACR1252 1S CL Reader [ACR1252 Dual Reader PICC] 00 00", "Virtual PCD 00 00", "Virtual PCD 00 01"]
    assert match_reader(names, "Virtual PCD") == "Virtual PCD 00 00"
    assert match_reader(names, "virtual pcd 00 01") == "Virtual PCD 00 01"
    assert match_reader(names, "acr1252") == names[0]
    assert match_reader(names, "Identiv") is None


def test_the_emulated_card_answers_get_data_like_a_pcsc_reader_would() -> None:
    card = CardEmulator("04:a1:b2:c3:d4:e5:f6")
    assert card.respond(bytes(GET_DATA_UID)) == bytes.fromhex("04A1B2C3D4E5F6" "9000")
    assert card.respond(bytes.fromhex("FFCA000007")) == bytes.fromhex("04A1B2C3D4E5F6" "9000")
    assert card.respond(bytes.fromhex("FFCA000004")) == bytes.fromhex("6C07")
    assert card.respond(bytes.fromhex("FFCA010000")) == bytes.fromhex("6A81")
    assert card.respond(bytes.fromhex("00A4040000")) == bytes.fromhex("6E00")
    assert CardEmulator("0A0B0C0D", behaviour=Behaviour.ERROR_STATUS).respond(bytes(GET_DATA_UID)) == b"\x6a\x81"
    assert CardEmulator("0A0B0C0D", behaviour=Behaviour.PULLED).respond(bytes(GET_DATA_UID)) is None
    assert atr_for(parse_uid("012E4CD4C1A2B3C4")) == ATR_FELICA
    assert atr_for(parse_uid("0A0B0C0D")) == ATR_ISO14443A
    with pytest.raises(ValueError, match="6 bytes"):
        parse_uid("DEADBEEF0001")
