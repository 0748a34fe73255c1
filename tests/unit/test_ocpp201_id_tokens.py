"""The idToken type of a station token (issue 15: FeliCa as ISO14443, QR/app as Central)."""

from __future__ import annotations

import pytest

from controller.ocpp201.id_tokens import id_token, token_type


@pytest.mark.parametrize(("token", "expected"), [
    ("04A1B2C3", "ISO14443"),  # 4-byte MIFARE Classic UID
    ("04A1B2C3D4E5F6", "ISO14443"),  # 7-byte UID
    ("04A1B2C3D4E5F60718AA", "ISO14443"),  # 10-byte UID
    ("E004010012345678", "ISO15693"),  # 8-byte UID with the E0 prefix
    ("0114B3C4D5E6F708", "ISO14443"),  # FeliCa IDm (8 bytes, not E0)
    ("APP-7f3a9c", "Central"),  # an app's id
    ("QR4711", "Central"),  # a QR code's id: not hex
    ("04A1B2", "Central"),  # 3 bytes is no UID
    ("04A1B2C3D", "Central"),  # odd number of hex digits
])
def test_a_token_gets_the_type_its_card_or_channel_has(token: str, expected: str) -> None:
    assert token_type(token) == expected


def test_a_remote_start_keeps_the_type_the_central_system_gave() -> None:
    assert id_token("04A1B2C3D4E5F6", "eMAID") == {"id_token": "04A1B2C3D4E5F6", "type": "eMAID"}
    assert id_token("E004010012345678") == {"id_token": "E004010012345678", "type": "ISO15693"}


def test_an_overlong_token_is_cut_to_the_wire_limit() -> None:
    assert len(id_token("X" * 50)["id_token"]) == 36
