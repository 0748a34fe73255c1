"""The card identifier over PC/SC: the GET DATA command and its answer as an id token."""

from __future__ import annotations

from collections.abc import Sequence

#: PC/SC part 3, 3.2.2.1.3: GET DATA, P1 = 00 (the UID; a FeliCa card's IDm), Le = 00 (all of it).
GET_DATA_UID = (0xFF, 0xCA, 0x00, 0x00, 0x00)

#: Identifier lengths a contactless card can have: ISO 14443 A single, double and triple
#: size UIDs (4, 7, 10 bytes), ISO 14443 B PUPI (4), FeliCa IDm and ISO 15693 UID (8).
UID_LENGTHS = frozenset({4, 7, 8, 10})

SW_SUCCESS = (0x90, 0x00)
_SW_MEANINGS = {
    0x6281: "part of the UID is corrupted",
    0x6700: "wrong length",
    0x6A81: "function not supported",
    0x6B00: "wrong parameter",
}


class CardReadError(Exception):
    """The card's answer carries no usable identifier."""


def uid_token(response: Sequence[int]) -> str:
    """The id token (upper-case hex) from the raw answer to :data:`GET_DATA_UID`.

    ``response`` is the data followed by the two status-word bytes.  Raises
    :class:`CardReadError` for an error status word or an answer that is no UID.
    """
    raw = bytes(response)
    if not raw:
        raise CardReadError("no answer (the card left the reader during the read?)")
    if len(raw) < 2:
        raise CardReadError(f"answer {raw.hex().upper()} has no status word")
    data, sw = raw[:-2], (raw[-2], raw[-1])
    if sw != SW_SUCCESS:
        word = sw[0] << 8 | sw[1]
        meaning = f"wrong Le, the UID has {sw[1]} bytes" if sw[0] == 0x6C else _SW_MEANINGS.get(word, "error")
        raise CardReadError(f"status word {word:04X} ({meaning})")
    if len(data) not in UID_LENGTHS:
        raise CardReadError(f"{len(data)}-byte answer {data.hex().upper() or '(empty)'} is not a card UID")
    return data.hex().upper()
