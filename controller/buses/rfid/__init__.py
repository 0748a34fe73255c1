"""The RFID reader: a PC/SC reader watched by pyscard, or none ("simulated").

Card taps and the reader's availability reach the station through the runtime's
thread-safe doors; the PC/SC stack is only imported when a reader is configured.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from controller.config import AuthorizationSection

log = logging.getLogger(__name__)


class CardReader(Protocol):
    """A running reader; ``stop()`` ends its thread."""

    def stop(self) -> None: ...


def open_reader(authorization: AuthorizationSection, on_token: Callable[[str], None],
                on_available: Callable[[bool], None]) -> CardReader | None:
    """Start watching the configured reader; None when taps are simulated or RFID is not offered."""
    if not authorization.uses_pcsc:
        return None
    if "rfid" not in authorization.methods:
        log.info("RFID is not among the authorization methods: reader %r not used", authorization.reader)
        return None
    try:
        from controller.buses.rfid.pcsc import PcscReader
    except ImportError as exc:  # pyscard or libpcsclite missing: the reader cannot work
        log.error("RFID reader unavailable: the PC/SC stack cannot be loaded (%s)", exc)
        on_available(False)
        return None
    reader = PcscReader(authorization.reader, on_token, on_available)
    reader.start()
    return reader
