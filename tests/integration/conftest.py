"""Fixtures for the PC/SC tests: pcscd (started here when none runs), cards, a watched reader."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from controller.buses.rfid.pcsc import PcscReader
from controller.sim.card_emulator import Behaviour, CardEmulator
from tests.conftest import KNOWN_CARD
from tests.integration.pcscd import VPCD_PORT, VPCD_READER, PcscDaemon, PcscdError, in_ci

CardFactory = Callable[..., CardEmulator]


@pytest.fixture(scope="session")
def pcscd_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscDaemon]:
    daemon = PcscDaemon(tmp_path_factory.mktemp("pcscd") / "pcscd.log")
    yield daemon
    daemon.close()


@pytest.fixture
def pcscd(pcscd_daemon: PcscDaemon) -> PcscDaemon:
    """pcscd up with the vpcd reader for this test (failing, never skipping, when it cannot be)."""
    try:
        pcscd_daemon.ensure()
    except PcscdError as exc:
        pytest.fail(str(exc))
    return pcscd_daemon


@pytest.fixture
def own_pcscd(pcscd: PcscDaemon) -> PcscDaemon:
    """A pcscd these tests may stop and start again (in CI always: they started it)."""
    if not pcscd.owned:
        message = "a pcscd not started by the tests is running; stop it (systemctl stop pcscd.socket pcscd)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return pcscd


@pytest.fixture
def make_card(pcscd: PcscDaemon) -> Iterator[CardFactory]:
    """``make_card(uid, behaviour=..., port=...)``: a card emulator, taken off the reader afterwards."""
    cards: list[CardEmulator] = []

    def factory(uid: str = KNOWN_CARD, behaviour: Behaviour = Behaviour.NORMAL, port: int = VPCD_PORT) -> CardEmulator:
        card = CardEmulator(uid, port=port, behaviour=behaviour)
        cards.append(card)
        return card

    yield factory
    for card in cards:
        card.remove()


class ReaderEvents:
    """What a watched reader reported, in order, from its own thread."""

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.availability: list[bool] = []
        self._changed = threading.Condition()

    def on_token(self, token: str) -> None:
        with self._changed:
            self.tokens.append(token)
            self._changed.notify_all()

    def on_available(self, available: bool) -> None:
        with self._changed:
            self.availability.append(available)
            self._changed.notify_all()

    def wait(self, condition: Callable[[], bool], timeout: float = 5.0) -> bool:
        with self._changed:
            return self._changed.wait_for(condition, timeout)


@pytest.fixture
def watch(pcscd: PcscDaemon) -> Iterator[Callable[..., ReaderEvents]]:
    """``watch(pattern)``: a started PcscReader on that reader and the events it reports."""
    readers: list[PcscReader] = []

    def factory(pattern: str = VPCD_READER) -> ReaderEvents:
        events = ReaderEvents()
        reader = PcscReader(pattern, events.on_token, events.on_available, retry_s=0.2)
        readers.append(reader)
        reader.start()
        return events

    yield factory
    for reader in readers:
        reader.stop()
