"""Authorization decisions for id tokens (cards, QR code, app)."""

from __future__ import annotations

import enum
from collections.abc import Iterable


class AuthStatus(enum.Enum):
    ACCEPTED = "Accepted"
    INVALID = "Invalid"


def normalise_token(raw: str) -> str:
    """Upper-case hex without separators: ``"04:a1:b2"`` -> ``"04A1B2"``."""
    return "".join(ch for ch in raw.upper() if ch in "0123456789ABCDEF")


class LocalAuthorizer:
    """Accepts the tokens on a local allow-list; works with no backend at all."""

    def __init__(self, allow_list: Iterable[str]) -> None:
        self._allowed = {normalise_token(token) for token in allow_list}

    def authorize(self, id_token: str) -> AuthStatus:
        return AuthStatus.ACCEPTED if normalise_token(id_token) in self._allowed else AuthStatus.INVALID
