"""pcscd for the PC/SC tests: the one already running, or one started (and stopped) here.

The tests talk to the real daemon with the real vsmartcard-vpcd reader driver; only the
card is emulated.  A daemon the tests started can be stopped and started again, which is
how "the reader driver gone and back" is exercised.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

#: vpcd's first slot, where the card emulator connects by default.
VPCD_READER = "Virtual PCD 00 00"
SECOND_VPCD_READER = "Virtual PCD 00 01"
VPCD_PORT = 35963


class PcscdError(RuntimeError):
    """pcscd cannot be had: the message says what to install or stop."""


def running_pids() -> list[int]:
    """Live pcscd processes on this machine (any owner)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, state = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:][:1]
        if name == "pcscd" and state != "Z":
            pids.append(int(entry.name))
    return pids


def listed_readers() -> list[str] | None:
    """The reader names pcscd lists now; None when the service does not answer."""
    from smartcard import scard

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return None
    try:
        hresult, readers = scard.SCardListReaders(context, [])
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        return list(readers) if hresult == scard.SCARD_S_SUCCESS else None
    finally:
        scard.SCardReleaseContext(context)


def wait_until_empty(reader: str = VPCD_READER, timeout: float = 10.0) -> None:
    """Until pcscd itself has seen that no card is on ``reader``: a card put back before
    then would be the same card still lying there, not a second tap (pcscd polls vpcd)."""
    from smartcard import scard

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    assert hresult == scard.SCARD_S_SUCCESS, "pcscd does not answer"
    try:
        state = scard.SCARD_STATE_UNAWARE
        deadline = time.monotonic() + timeout
        while True:
            wait_ms = max(0, int((deadline - time.monotonic()) * 1000))
            hresult, changes = scard.SCardGetStatusChange(context, wait_ms, [(reader, state)])
            if hresult == scard.SCARD_S_SUCCESS:
                state = changes[0][1] & ~scard.SCARD_STATE_CHANGED
                if state & scard.SCARD_STATE_EMPTY:
                    return
            elif hresult != scard.SCARD_E_TIMEOUT:
                raise AssertionError(f"{reader!r}: {scard.SCardGetErrorMessage(hresult)}")
            if time.monotonic() >= deadline:
                raise AssertionError(f"{reader!r} still holds a card after {timeout} s")
    finally:
        scard.SCardReleaseContext(context)


class PcscDaemon:
    """Makes sure pcscd runs with the vpcd reader; owns it when it started it."""

    def __init__(self, log_path: Path) -> None:
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self.owned = False  # True when these tests started pcscd (and so may stop it)

    def ensure(self) -> None:
        """pcscd running with the Virtual PCD reader, started here if none runs."""
        if self.process is not None and self.process.poll() is None:
            return
        self.process = None
        if running_pids():
            self._wait_for_reader()
        else:
            self.start()

    def start(self) -> None:
        binary = shutil.which("pcscd") or shutil.which("pcscd", path="/usr/sbin:/sbin")
        if binary is None:
            raise PcscdError("pcscd is not installed: run tools/install-system-packages "
                             "(Debian packages pcscd and vsmartcard-vpcd)")
        if running_pids():
            raise PcscdError(f"another pcscd runs (pid {running_pids()}); these tests cannot start theirs")
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen([binary, "--foreground"], stdin=subprocess.DEVNULL, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        self.owned = True
        self._wait_for_reader()

    def stop(self) -> None:
        """Stop the pcscd these tests started (the reader driver goes with it)."""
        if not self.owned:
            raise PcscdError("the pcscd running was not started by these tests; stop it "
                             "(systemctl stop pcscd.socket pcscd) to run this test")
        process, self.process = self.process, None
        if process is None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def kill(self) -> None:
        """SIGKILL the pcscd these tests started: a crash, no clean-up of its socket or pid file."""
        if not self.owned:
            raise PcscdError("the pcscd running was not started by these tests; it cannot be killed here")
        process, self.process = self.process, None
        if process is not None:
            process.kill()
            process.wait()

    def close(self) -> None:
        if self.owned:
            self.stop()

    def _wait_for_reader(self, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        readers: list[str] | None = None
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise PcscdError(f"pcscd exited with {self.process.returncode}: {self._log_tail()}")
            readers = listed_readers()
            if readers and VPCD_READER in readers:
                return
            time.sleep(0.05)
        if readers is None:
            raise PcscdError(f"pcscd does not answer (are you root?): {self._log_tail()}")
        raise PcscdError(f"pcscd lists no {VPCD_READER!r} reader but {readers}: is vsmartcard-vpcd installed "
                         "(and pcscd restarted since)?")

    def _log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-2000:] or "(no output)"
        except OSError:
            return "(no log)"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
