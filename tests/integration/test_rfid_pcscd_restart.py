"""pcscd restarting under the running kiosk: crashed (SIGKILL), restarted gracefully (SIGTERM),
and restarted with a card lying on the reader. The kiosk is the real process
(``evse-hmi --offscreen --reader``); pcscd and the vpcd reader driver are real, only the
card is emulated. After each restart a tap authorizes (the kiosk exits on the Plug-in screen)
without restarting the kiosk."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from controller.buses.rfid.pcsc import RETRY_S
from controller.sim.card_emulator import CardEmulator
from tests.conftest import KNOWN_CARD
from tests.integration.conftest import CardFactory
from tests.integration.kiosk_process import CARD_LYING, READER_GONE, READER_READY, SELF_TEST_DONE, KioskProcess, tapped
from tests.integration.pcscd import VPCD_READER, PcscDaemon, wait_until_empty

#: Not on the allow-list: its tap shows "Invalid card" and leaves the kiosk on Home.
UNKNOWN_UID = "0455AA0F19FE21"
#: How long after pcscd lists the reader again the kiosk may take to use it: one retry
#: period of the reader thread, plus a margin for a loaded machine.
BACK_WITHIN_S = RETRY_S + 2.0


@pytest.fixture
def start_kiosk(tmp_path: Path) -> Iterator[Callable[[], KioskProcess]]:
    kiosks: list[KioskProcess] = []

    def factory() -> KioskProcess:
        kiosk = KioskProcess(VPCD_READER, tmp_path)
        kiosks.append(kiosk)
        kiosk.wait_for(SELF_TEST_DONE)  # taps before the self-test ends are ignored
        kiosk.wait_for(READER_READY)
        return kiosk

    yield factory
    for kiosk in kiosks:
        kiosk.close()


def restart(pcscd: PcscDaemon, kiosk: KioskProcess, crash: bool) -> float:
    """Stop pcscd (SIGKILL or SIGTERM), see the kiosk notice, start it again; returns the
    seconds from pcscd listing the reader again to the kiosk reporting it ready."""
    mark = kiosk.mark()
    pcscd.kill() if crash else pcscd.stop()
    kiosk.wait_for(READER_GONE, mark)
    mark = kiosk.mark()
    pcscd.start()  # returns once pcscd lists the vpcd reader
    listed = time.monotonic()
    ready = kiosk.wait_for(READER_READY, mark)
    return max(0.0, ready - listed)


def tap_until_plugin(kiosk: KioskProcess, card: CardEmulator) -> None:
    """Put the known card on the reader: the kiosk shows Plug-in and exits (``--exit-on-screen``)."""
    mark = kiosk.mark()
    card.insert()
    try:
        kiosk.wait_for(tapped(KNOWN_CARD), mark)
        assert kiosk.wait_exit() == 0, kiosk.log_tail()
    finally:
        card.remove()
    assert "first plugin frame" in kiosk.stdout


@pytest.mark.parametrize("crash", [True, False], ids=["sigkill", "sigterm"])
def test_the_kiosk_reads_cards_again_after_pcscd_restarts_without_a_restart_of_its_own(
        own_pcscd: PcscDaemon, start_kiosk: Callable[[], KioskProcess], make_card: CardFactory,
        crash: bool) -> None:
    kiosk = start_kiosk()
    for _ in range(2):  # and a second time: nothing is used up
        back_after = restart(own_pcscd, kiosk, crash)
        print(f"reader usable {back_after:.2f} s after pcscd listed it again ({'SIGKILL' if crash else 'SIGTERM'})")
        assert back_after < BACK_WITHIN_S
    tap_until_plugin(kiosk, make_card(KNOWN_CARD))


class LyingCard:
    """A card that stays in the reader's field while pcscd restarts: it is back on the vpcd
    slot as soon as the new reader driver listens, before any client can see the reader."""

    def __init__(self, card: CardEmulator) -> None:
        self.card = card
        self.error: Exception | None = None
        self._thread = threading.Thread(target=self._stay, daemon=True)
        self._stop = threading.Event()

    def start(self) -> None:
        self._thread.start()

    def _stay(self) -> None:
        while not self._stop.is_set():
            try:
                self.card.insert(timeout=10)
                return
            except ConnectionError as exc:  # no reader driver yet: pcscd is still down
                self.error = exc
                self._stop.wait(0.005)

    def join(self, timeout: float = 20) -> None:
        self._thread.join(timeout)
        self._stop.set()
        assert self.card.on_reader, f"the card never got back on the reader: {self.error}"


@pytest.mark.parametrize("crash", [True, False], ids=["sigkill", "sigterm"])
def test_a_card_lying_on_the_reader_while_pcscd_restarts_is_no_new_tap(
        own_pcscd: PcscDaemon, start_kiosk: Callable[[], KioskProcess], make_card: CardFactory,
        crash: bool) -> None:
    kiosk = start_kiosk()
    lying = make_card(UNKNOWN_UID)
    lying.insert()
    kiosk.wait_for(tapped(UNKNOWN_UID))  # one tap: "Invalid card", the kiosk stays on Home
    mark = kiosk.mark()
    own_pcscd.kill() if crash else own_pcscd.stop()  # the vpcd connection goes with pcscd
    kiosk.wait_for(READER_GONE, mark)
    lying.remove()
    stays = LyingCard(lying)
    stays.start()  # before pcscd: the card is in the field when the reader comes up
    own_pcscd.start()
    stays.join()
    kiosk.wait_for(READER_READY, mark)
    # the reader sees the card there and takes it for no tap (a read would be logged instead)
    kiosk.wait_for(re.compile(f"{CARD_LYING.pattern}|{tapped(UNKNOWN_UID).pattern}"), mark)

    lying.remove()  # lifted ...
    wait_until_empty()
    assert len(kiosk.matches(tapped(UNKNOWN_UID))) == 1, "the card lying through the restart was read again"
    mark = kiosk.mark()
    lying.insert()  # ... and tapped again: a new tap
    kiosk.wait_for(tapped(UNKNOWN_UID), mark)
    lying.remove()
    wait_until_empty()
    assert len(kiosk.matches(tapped(UNKNOWN_UID))) == 2
    assert kiosk.matches(re.compile("not read")) == [], "no read of a card that was not tapped"
    tap_until_plugin(kiosk, make_card(KNOWN_CARD))
