"""Secrets kept out of the diagnostics bundle: by field name and by value.

A field whose name says it holds a secret (key, password, token, PIN, secret, credential) is
replaced by :data:`REDACTED` wherever it is; every value known to be secret (the
AuthorizationKey, the PIN hash, a URL's password, ...) is replaced wherever it appears in
any text, log lines included, and so is the password of any ``scheme://user:password@`` URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

REDACTED = "<redacted>"
#: Field names that hold a secret (matched case-insensitively anywhere in the name).
SECRET_NAME = re.compile(r"key|password|passwd|secret|token|pin|credential", re.IGNORECASE)
#: Field names that match the pattern but hold no secret.
NOT_SECRET = frozenset({"pin_pad", "shipping", "mapping"})
_URL_PASSWORD = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*:)(?P<password>[^@\s/]+)@")
#: Values shorter than this are not redacted by value (too likely to be an ordinary word).
MIN_SECRET_LENGTH = 4


def secret_name(name: str) -> bool:
    """``name`` is the name of a field that holds a secret."""
    return name.lower() not in NOT_SECRET and bool(SECRET_NAME.search(name))


class Redactor:
    """Replaces secrets in texts and nested data."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets = sorted({s for s in secrets if s and len(s) >= MIN_SECRET_LENGTH}, key=len, reverse=True)

    def learn(self, value: str) -> None:
        """One more value that must never appear."""
        if value and len(value) >= MIN_SECRET_LENGTH and value not in self.secrets:
            self.secrets = sorted([*self.secrets, value], key=len, reverse=True)

    def text(self, text: str) -> str:
        """``text`` with every known secret and every URL password replaced."""
        text = _URL_PASSWORD.sub(lambda m: m.group("head") + REDACTED + "@", text)
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def data(self, value: Any) -> Any:
        """A copy of ``value`` (dicts, lists, scalars) with secret fields and secret values replaced."""
        if isinstance(value, dict):
            return {k: (REDACTED if secret_name(str(k)) and v not in (None, "", [], {}) else self.data(v))
                    for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value
