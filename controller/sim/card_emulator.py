"""A contactless card for the ``vsmartcard-vpcd`` virtual reader of pcscd.

The vpcd reader driver listens on 127.0.0.1:35963 (its first slot, "Virtual PCD 00 00";
35964 is the second).  A card is "on the reader" while its TCP connection is open.
Each message either way is a 2-byte big-endian length, then the payload.  The driver
sends a 1-byte control code (0 power off, 1 power on, 2 reset, 4 get ATR: only the ATR
is answered) or a command APDU, which the card answers with a response APDU.

The card answers the PC/SC part 3 GET DATA command (``FF CA 00 00 00``) with its UID and
``90 00``; the tests can also make it answer garbage, an error status word, or vanish
in the middle of the read.  By hand, for the demo (pcscd running)::

    python -m controller.sim.card_emulator --uid 04A1B2C3D4E5F6          # one tap
    python -m controller.sim.card_emulator --uid 04A1B2C3D4E5F6 --hold 5 # left on the reader
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import logging
import socket
import struct
import sys
import threading
import time
from collections.abc import Sequence

from controller.buses.rfid.apdu import UID_LENGTHS

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 35963  # vpcd's first slot: "Virtual PCD 00 00"

POWER_OFF, POWER_ON, RESET, GET_ATR = 0, 1, 2, 4

#: ATRs a PC/SC reader builds for contactless cards (PC/SC part 3, 3.1.3.2.3):
#: ISO 14443 A (MIFARE Ultralight / NTAG) and FeliCa.
ATR_ISO14443A = bytes.fromhex("3B8F8001804F0CA0000003060300030000000068")
ATR_FELICA = bytes.fromhex("3B8F8001804F0CA00000030611003B0000000042")

SW_OK = b"\x90\x00"
SW_FUNCTION_NOT_SUPPORTED = b"\x6a\x81"
SW_INS_NOT_SUPPORTED = b"\x6d\x00"
SW_CLA_NOT_SUPPORTED = b"\x6e\x00"


class Behaviour(enum.Enum):
    """How the card answers GET DATA."""

    NORMAL = "normal"  # its UID and 90 00
    GARBAGE = "garbage"  # three bytes that are no UID, and 90 00
    ERROR_STATUS = "error"  # 6A 81 (function not supported), no data
    PULLED = "pulled"  # leaves the field (closes the connection) instead of answering


def parse_uid(text: str) -> bytes:
    """``"04:a1:b2:c3"`` or ``"04A1B2C3"`` -> bytes: a UID of 4, 7 or 10 bytes or an 8-byte IDm."""
    digits = "".join(ch for ch in text if ch not in " :-")
    try:
        uid = bytes.fromhex(digits)
    except ValueError:
        raise ValueError(f"{text!r} is not a hexadecimal UID") from None
    if len(uid) not in UID_LENGTHS:
        raise ValueError(f"{text!r} has {len(uid)} bytes; a card identifier has 4, 7, 8 (FeliCa) or 10")
    return uid


def atr_for(uid: bytes) -> bytes:
    """An 8-byte identifier is a FeliCa IDm; the rest are ISO 14443 A UIDs."""
    return ATR_FELICA if len(uid) == 8 else ATR_ISO14443A


class CardEmulator:
    """One card; ``insert()`` puts it on the reader, ``remove()`` takes it away.

    The conversation with the reader driver runs on a thread of its own.
    """

    def __init__(self, uid: str | bytes, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 behaviour: Behaviour = Behaviour.NORMAL, atr: bytes | None = None) -> None:
        self.uid = uid if isinstance(uid, bytes) else parse_uid(uid)
        self.host = host
        self.port = port
        self.behaviour = behaviour
        self.atr = atr or atr_for(self.uid)
        self.apdus: list[bytes] = []  # every command APDU received, for tests
        self.powered = False
        self.read = threading.Event()  # set once GET DATA has been received
        self._talked = threading.Event()  # the reader driver sent its first message
        self._socket: socket.socket | None = None
        self._thread: threading.Thread | None = None

    @property
    def on_reader(self) -> bool:
        return self._socket is not None

    def insert(self, timeout: float = 5.0) -> None:
        """Bring the card into the field and wait until the reader driver talks to it.

        Raises ``ConnectionError`` when no reader driver listens (pcscd not running,
        vsmartcard-vpcd not installed) or when it does not ask for the card in time.
        """
        if self._socket is not None:
            return
        self._talked.clear()
        self.read.clear()
        try:
            sock = socket.create_connection((self.host, self.port), timeout=timeout)
        except OSError as exc:
            raise ConnectionError(f"no vpcd reader driver at {self.host}:{self.port} ({exc.strerror or exc}): "
                                  "is pcscd running with vsmartcard-vpcd installed?") from None
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="card-emulator", daemon=True)
        self._thread.start()
        if not self._talked.wait(timeout):
            self.remove()
            raise ConnectionError(f"the reader driver at {self.host}:{self.port} did not talk to the card "
                                  f"within {timeout:g} s (is another card on that slot?)")

    def remove(self) -> None:
        """Take the card out of the field (close the connection)."""
        sock, self._socket = self._socket, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)
        self._thread = None
        self.powered = False

    def tap(self, hold_s: float = 0.5, timeout: float = 5.0) -> None:
        """Insert, leave the card on the reader ``hold_s`` seconds, remove."""
        self.insert(timeout)
        try:
            time.sleep(hold_s)
        finally:
            self.remove()

    def __enter__(self) -> CardEmulator:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    # --- the wire -------------------------------------------------------------------

    def respond(self, apdu: bytes) -> bytes | None:
        """The response APDU to ``apdu``; None to leave the field instead of answering."""
        if len(apdu) >= 4 and apdu[:2] == b"\xff\xca":
            self.read.set()
            return self._get_data(apdu)
        if apdu[:1] == b"\xff":
            return SW_INS_NOT_SUPPORTED
        return SW_CLA_NOT_SUPPORTED

    def _get_data(self, apdu: bytes) -> bytes | None:
        if self.behaviour is Behaviour.PULLED:
            return None
        if self.behaviour is Behaviour.ERROR_STATUS:
            return SW_FUNCTION_NOT_SUPPORTED
        if self.behaviour is Behaviour.GARBAGE:
            return b"\x13\x37\x42" + SW_OK
        if apdu[2:4] != b"\x00\x00":  # P1 = 01: historical bytes, not supported here
            return SW_FUNCTION_NOT_SUPPORTED
        le = apdu[4] if len(apdu) > 4 else 0
        if le not in (0, len(self.uid)):
            return bytes([0x6C, len(self.uid)])  # wrong Le: here is the right one
        return self.uid + SW_OK

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                message = _receive(sock)
                if message is None:
                    break
                self._talked.set()
                answer = self._handle(message)
                if answer is _LEAVE:
                    log.info("card %s leaves the field mid-read", self.uid.hex().upper())
                    break
                if answer is not None:
                    sock.sendall(struct.pack(">H", len(answer)) + answer)
        except OSError:
            pass  # removed: the socket was closed under us
        finally:
            if self._socket is sock:
                self._socket = None
                with contextlib.suppress(OSError):
                    sock.close()

    def _handle(self, message: bytes) -> bytes | object | None:
        if len(message) == 1:
            code = message[0]
            if code == GET_ATR:
                return self.atr
            if code in (POWER_ON, RESET):
                self.powered = True
            elif code == POWER_OFF:
                self.powered = False
            else:
                log.warning("unknown vpcd control code %d", code)
            return None
        self.apdus.append(message)
        answer = self.respond(message)
        return _LEAVE if answer is None else answer


_LEAVE = object()


def _receive(sock: socket.socket) -> bytes | None:
    header = _exactly(sock, 2)
    if header is None:
        return None
    (length,) = struct.unpack(">H", header)
    return _exactly(sock, length)


def _exactly(sock: socket.socket, count: int) -> bytes | None:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m controller.sim.card_emulator",
                                     description="Tap a virtual contactless card on pcscd's vpcd reader.")
    parser.add_argument("--uid", default="04A1B2C3D4E5F6",
                        help="card UID in hex (8 bytes = a FeliCa IDm); default 04A1B2C3D4E5F6")
    parser.add_argument("--hold", type=float, default=1.0, help="seconds the card stays on the reader (default 1)")
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"vpcd host (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"vpcd port: {DEFAULT_PORT} = 'Virtual PCD 00 00', {DEFAULT_PORT + 1} = '... 00 01'")
    parser.add_argument("--behaviour", choices=[b.value for b in Behaviour], default=Behaviour.NORMAL.value,
                        help="how the card answers GET DATA (default: its UID)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        card = CardEmulator(args.uid, args.host, args.port, Behaviour(args.behaviour))
        card.insert()
    except (ValueError, ConnectionError) as exc:
        print(f"card_emulator: {exc}", file=sys.stderr)
        return 1
    print(f"card {card.uid.hex().upper()} on the reader at {args.host}:{args.port}", flush=True)
    try:
        time.sleep(args.hold)
    except KeyboardInterrupt:
        pass
    finally:
        card.remove()
    print("card removed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
