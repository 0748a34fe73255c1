"""The RFID reader on PC/SC (pcscd) through pyscard: one thread watches, reads and reports.

pyscard's ``CardMonitor`` is a process-wide singleton whose thread ends for good when
pcscd goes away, and its ``ReaderMonitor`` lists the readers every second; a charger
must survive a pcscd restart, so both monitors are built here on pyscard's PC/SC API:

- the reader monitor finds the configured reader and watches it and the service.  A
  missing or failing reader, or no pcscd, is reported unavailable; the watcher
  reconnects every ``retry_s`` and reports the reader back when it answers again.
- the card monitor blocks in ``SCardGetStatusChange`` (woken by a card, the reader list
  changing, or ``stop()``) on this thread, never on the controller's loop.  Each card
  arrival is one tap; a card left on the reader is not a new one.  The UID is read here
  with GET DATA, so a slow or broken card never holds up the controller or the screen.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from smartcard import scard

from controller.buses.rfid.apdu import GET_DATA_UID, CardReadError, uid_token

log = logging.getLogger(__name__)

#: PC/SC's pseudo-reader whose state changes when a reader is plugged or unplugged.
PNP_NOTIFICATION = "\\\\?PnP?\\Notification"
#: Seconds between attempts to reach pcscd or the reader while it is unavailable.
RETRY_S = 1.0
_GONE = scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE | scard.SCARD_STATE_IGNORE


class PcscError(Exception):
    """The PC/SC service or the reader failed: the reader is unavailable."""


def match_reader(names: Sequence[str], pattern: str) -> str | None:
    """The first reader whose name contains ``pattern`` (case-insensitive)."""
    wanted = pattern.casefold()
    return next((name for name in names if wanted in name.casefold()), None)


def read_uid(context: int, reader: str) -> str:
    """Connect to the card on ``reader``, send GET DATA and return its id token."""
    hresult, card, protocol = scard.SCardConnect(context, reader, scard.SCARD_SHARE_SHARED,
                                                 scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
    if hresult != scard.SCARD_S_SUCCESS:
        raise CardReadError(f"connect failed: {_message(hresult)}")
    try:
        hresult, response = scard.SCardTransmit(card, protocol, list(GET_DATA_UID))
        if hresult != scard.SCARD_S_SUCCESS:
            raise CardReadError(f"GET DATA failed: {_message(hresult)}")
        return uid_token(response)
    finally:
        scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)


@dataclass
class _Slot:
    """What the card monitor knows of the watched reader."""

    name: str
    state: int = scard.SCARD_STATE_UNAWARE  # passed back to SCardGetStatusChange
    seen: bool = False
    present: bool = False
    counter: int = 0  # pcsc-lite counts insertions and removals in the upper 16 bits

    def card_arrived(self, event: int) -> bool:
        """Record ``event``; True when a card was put on the reader since the last one.

        A card already there when the reader is first seen (start-up, pcscd back) is no tap.
        """
        present = bool(event & scard.SCARD_STATE_PRESENT)
        counter = event >> 16 & 0xFFFF
        arrived = present and self.seen and (not self.present or counter != self.counter)
        self.state = event & ~scard.SCARD_STATE_CHANGED
        self.seen, self.present, self.counter = True, present, counter
        return arrived


class PcscReader:
    """Watches the first PC/SC reader matching ``pattern`` on a thread of its own.

    ``on_token(token)`` gets each tapped card's id token (upper-case hex) and
    ``on_available(available)`` each change of the reader's availability; both are
    called on the reader thread and must return at once.
    """

    def __init__(self, pattern: str, on_token: Callable[[str], None], on_available: Callable[[bool], None],
                 retry_s: float = RETRY_S) -> None:
        self.pattern = pattern
        self.on_token = on_token
        self.on_available = on_available
        self.retry_s = retry_s
        self._available: bool | None = None
        self._context: int | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="rfid-reader", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        """End the thread: wake it from its wait (``SCardCancel``) and join it."""
        self._stop.set()
        thread = self._thread
        deadline = time.monotonic() + timeout
        while thread is not None and thread.is_alive() and time.monotonic() < deadline:
            context = self._context
            if context is not None:
                scard.SCardCancel(context)
            thread.join(0.05)
        if thread is not None and thread.is_alive():
            log.warning("the RFID reader thread did not stop within %g s", timeout)

    # --- the thread -----------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._watch()
            except PcscError as exc:
                self._report(False, str(exc))
            except Exception:  # the watcher must outlive any surprise from the stack
                log.exception("RFID reader watcher failed")
                self._report(False, "internal error")
            self._stop.wait(self.retry_s)

    def _watch(self) -> None:
        """One PC/SC context's life: until stopped, or until the service fails (raises)."""
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult != scard.SCARD_S_SUCCESS:
            raise PcscError(f"no PC/SC service: {_message(hresult)}")
        self._context = context
        try:
            slot: _Slot | None = None
            pnp = scard.SCARD_STATE_UNAWARE
            while not self._stop.is_set():
                name = match_reader(self._list_readers(context), self.pattern)
                if name is None:
                    self._report(False, f"no PC/SC reader matching {self.pattern!r}")
                    slot = None
                elif slot is None or slot.name != name:
                    slot = _Slot(name)
                states = [(PNP_NOTIFICATION, pnp)] + ([(slot.name, slot.state)] if slot else [])
                # Without plug-and-play notification a missing reader is looked for every retry_s.
                timeout = int(self.retry_s * 1000) if pnp & scard.SCARD_STATE_UNKNOWN else scard.INFINITE
                hresult, changes = scard.SCardGetStatusChange(context, timeout, states)
                if hresult in (scard.SCARD_E_CANCELLED, scard.SCARD_E_TIMEOUT, scard.SCARD_E_UNKNOWN_READER):
                    continue
                if hresult != scard.SCARD_S_SUCCESS:
                    raise PcscError(f"PC/SC failed: {_message(hresult)}")
                for reader, event, _atr in changes:
                    if reader == PNP_NOTIFICATION:
                        pnp = event & ~scard.SCARD_STATE_CHANGED
                    elif slot is not None and reader == slot.name:
                        self._on_reader_event(context, slot, event)
        finally:
            self._context = None
            scard.SCardReleaseContext(context)

    def _list_readers(self, context: int) -> list[str]:
        hresult, names = scard.SCardListReaders(context, [])
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        if hresult != scard.SCARD_S_SUCCESS:
            raise PcscError(f"cannot list the PC/SC readers: {_message(hresult)}")
        return list(names)

    def _on_reader_event(self, context: int, slot: _Slot, event: int) -> None:
        if event & _GONE:
            slot.state = event & ~scard.SCARD_STATE_CHANGED
            slot.seen = slot.present = False
            self._report(False, f"reader {slot.name!r} is unavailable")
            return
        self._report(True, slot.name)
        first_look = not slot.seen
        if slot.card_arrived(event):
            self._read(context, slot.name)
        elif first_look and slot.present:
            log.info("a card lies on %r since before the reader was seen: no tap until it is lifted and tapped "
                     "again", slot.name)

    def _read(self, context: int, reader: str) -> None:
        try:
            token = read_uid(context, reader)
        except CardReadError as exc:
            log.error("card on %r not read: %s", reader, exc)
            return
        log.info("card %s tapped on %r", token, reader)
        self._emit(self.on_token, token)

    def _report(self, available: bool, detail: str) -> None:
        if available == self._available:
            return
        self._available = available
        if available:
            log.info("RFID reader %r ready", detail)
        else:
            log.error("RFID reader unavailable: %s", detail)
        self._emit(self.on_available, available)

    @staticmethod
    def _emit(callback: Callable[[object], None], value: object) -> None:
        try:
            callback(value)
        except Exception:
            log.exception("RFID reader callback failed")


def _message(hresult: int) -> str:
    return f"{scard.SCardGetErrorMessage(hresult)} (0x{hresult & 0xFFFFFFFF:08X})"
