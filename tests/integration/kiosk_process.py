"""The real kiosk process (``evse-hmi --offscreen --reader ...``) and its log, line by line as it comes.

Tests wait on what the kiosk logs (the reader ready or gone, a card tapped, the self-test
complete) and on its exit with ``--exit-on-screen``; never on a sleep.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

READER_READY = re.compile(r"RFID reader '.*' ready")
READER_GONE = re.compile(r"RFID reader unavailable")
SELF_TEST_DONE = re.compile(r"self-test complete")
#: The reader found a card already on it when it (re)appeared: no tap.
CARD_LYING = re.compile(r"a card lies on '.*' since before the reader was seen")


def tapped(token: str) -> re.Pattern[str]:
    """The reader's log line for one read of ``token``."""
    return re.compile(rf"card {token} tapped on ")


class KioskProcess:
    """``evse-hmi --offscreen --reader READER --exit-on-screen SCREEN`` with its stderr log watched."""

    def __init__(self, reader: str, directory: Path, exit_on_screen: str = "plugin") -> None:
        config = directory / "station.toml"  # the defaults, with the station's database out of the repository
        config.write_text(f'[storage]\npath = "{directory / "evse.sqlite3"}"\n')
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "hmi.app", "--offscreen", "--reader", reader, "--config", str(config),
             "--exit-on-screen", exit_on_screen],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[tuple[float, str]] = []  # (time.monotonic() on arrival, line)
        self.stdout = ""
        self._changed = threading.Condition()
        self._readers = [threading.Thread(target=self._read_log, daemon=True),
                         threading.Thread(target=self._read_stdout, daemon=True)]
        for thread in self._readers:
            thread.start()

    def _read_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.lines.append((time.monotonic(), line.rstrip("\n")))
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        self.stdout = self.process.stdout.read()

    def mark(self) -> int:
        """The number of log lines so far: wait for what comes after it."""
        with self._changed:
            return len(self.lines)

    def matches(self, pattern: re.Pattern[str], start: int = 0) -> list[tuple[float, str]]:
        with self._changed:
            return [(at, line) for at, line in self.lines[start:] if pattern.search(line)]

    def wait_for(self, pattern: re.Pattern[str], start: int = 0, timeout: float = 60.0) -> float:
        """The arrival time of the first line from ``start`` on matching ``pattern``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [at for at, line in self.lines[start:] if pattern.search(line)]
                if found:
                    return found[0]
                left = deadline - time.monotonic()
                if left <= 0 or (self.process.poll() is not None and not self._readers[0].is_alive()):
                    raise AssertionError(f"no log line {pattern.pattern!r} (exit {self.process.poll()}); "
                                         f"log:\n{self.log_tail()}")
                self._changed.wait(min(left, 0.5))

    def wait_exit(self, timeout: float = 30.0) -> int:
        try:
            return self.process.wait(timeout)
        finally:
            for thread in self._readers:
                thread.join(5)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(line for _, line in self.lines[-lines:])

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.wait_exit()
