"""The engineer screen's lock: a PIN stored only as a salted scrypt hash, wrong PINs rate-limited.

There is no default PIN: without ``[engineer].pin_hash`` the screen cannot be opened at all.
``evse-hmi engineer-pin`` makes the line to put in the configuration.  :class:`EngineerLock`
is pure (time is passed in), so its rules are tested without a clock.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import secrets
from dataclasses import dataclass

#: scrypt cost: n = 2**14, r = 8, p = 1 (16 MiB, some tens of ms on the kiosk's CPU).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
PIN_MIN, PIN_MAX = 4, 8


class PinError(ValueError):
    """Not a usable PIN or not a hash of ours."""


def check_pin(pin: str) -> None:
    """A PIN is 4 to 8 digits (entered with the PIN pad or the two buttons)."""
    if not (PIN_MIN <= len(pin) <= PIN_MAX and pin.isascii() and pin.isdigit()):
        raise PinError(f"a PIN is {PIN_MIN} to {PIN_MAX} digits")


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$<salt hex>$<hash hex>`` of ``pin`` with a fresh random salt."""
    check_pin(pin)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored`` (constant-time compare); False for an empty hash."""
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            raise ValueError(scheme)
        expected = bytes.fromhex(digest)
        actual = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected))
    except ValueError as exc:
        raise PinError(f"[engineer].pin_hash is not a hash made by `evse-hmi engineer-pin` ({exc})") from None
    return hmac.compare_digest(actual, expected)


class PinResult(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"  # too many wrong PINs: wait
    NOT_CONFIGURED = "not_configured"


@dataclass
class EngineerLock:
    """Verifies PINs; after ``max_attempts`` wrong ones in a row it refuses every PIN for
    ``lockout_s`` seconds, doubled for each further wrong PIN (a right one resets it)."""

    pin_hash: str
    max_attempts: int = 3
    lockout_s: float = 60.0
    failures: int = 0
    locked_until: float = 0.0

    @property
    def configured(self) -> bool:
        return bool(self.pin_hash)

    def seconds_locked(self, now: float) -> int:
        return max(0, int(self.locked_until - now + 0.999))

    def try_pin(self, pin: str, now: float) -> PinResult:
        if not self.configured:
            return PinResult.NOT_CONFIGURED
        if now < self.locked_until:
            return PinResult.LOCKED
        if verify_pin(pin, self.pin_hash):
            self.failures = 0
            return PinResult.ACCEPTED
        self.failures += 1
        beyond = self.failures - self.max_attempts
        if beyond >= 0:
            self.locked_until = now + self.lockout_s * 2 ** min(beyond, 10)
            return PinResult.LOCKED
        return PinResult.WRONG
