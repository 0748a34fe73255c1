"""The OCPP 2.0.1 idToken of a station token: its value and its IdTokenEnumType.

A card's UID (upper-case hex, :func:`controller.auth.normalise_token`) is ISO14443 for the
4-, 7- and 10-byte UIDs of ISO/IEC 14443 cards, ISO15693 for an 8-byte UID starting E0
(the ISO/IEC 15693 manufacturer prefix), and ISO14443 for any other UID, a FeliCa IDm
(8 bytes) among them: 2.0.1 has no FeliCa type, and issue 15 agrees ISO14443 with the
central system.  A token that is not a UID (a QR code's or an app's id) is Central; a
remote start keeps the type the central system gave in its RequestStartTransaction.
"""

from __future__ import annotations

import re

ISO14443 = "ISO14443"
ISO15693 = "ISO15693"
CENTRAL = "Central"

_UID = re.compile(r"(?:[0-9A-F]{2}){4,10}")
#: idToken is IdentifierString[36] on the wire.
MAX_LENGTH = 36


def token_type(token: str) -> str:
    """The IdTokenEnumType of a station token (a card UID or a QR/app id)."""
    if not _UID.fullmatch(token):
        return CENTRAL
    if len(token) == 16 and token.startswith("E0"):
        return ISO15693
    return ISO14443


def id_token(token: str, given_type: str | None = None) -> dict[str, str]:
    """The idToken (snake_case, as ``ocpp.v201`` payloads take it) of ``token``; ``given_type``:
    the type the central system gave (a remote start), which wins."""
    return {"id_token": token[:MAX_LENGTH], "type": given_type or token_type(token)}
