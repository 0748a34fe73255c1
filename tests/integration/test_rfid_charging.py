"""Card taps on the real PC/SC stack drive the real-time controller: authorize, stop, refuse,
and status code 012243 while the reader driver is gone."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from controller.config import Config
from controller.runtime import ControllerRuntime
from controller.sim.card_emulator import CardEmulator
from controller.sim.panel import Plug, SimulatorPanel, TapCard, build_runtime
from controller.station import CODE_RFID_COMMUNICATION
from controller.types import AuthMethod, Side
from controller.view import NoticeKind, StationView
from tests.conftest import KNOWN_CARD
from tests.integration.conftest import CardFactory
from tests.integration.pcscd import VPCD_READER, PcscDaemon, wait_until_empty


class LiveStation:
    """The controller in its own thread, seen through its snapshots like the HMI sees it."""

    def __init__(self, runtime: ControllerRuntime, panel: SimulatorPanel) -> None:
        self.runtime = runtime
        self.panel = panel  # the simulated hardware's (and the demo's card's) hands
        self._views: list[StationView] = []
        self._changed = threading.Condition()
        runtime.subscribe(self._push)

    def _push(self, view: StationView) -> None:
        with self._changed:
            self._views.append(view)
            self._changed.notify_all()

    @property
    def view(self) -> StationView:
        with self._changed:
            return self._views[-1]

    def until(self, condition: Callable[[StationView], bool], timeout: float = 10.0) -> StationView:
        with self._changed:
            reached = self._changed.wait_for(lambda: bool(self._views) and condition(self._views[-1]), timeout)
            assert reached, f"condition not reached; last snapshot: {self._views[-1] if self._views else None}"
            return self._views[-1]

    def tap(self, card: CardEmulator, until: Callable[[StationView], bool]) -> StationView:
        """Put ``card`` on the reader until the controller shows ``until``, then take it away."""
        card.insert()
        try:
            return self.until(until)
        finally:
            card.remove()
            wait_until_empty()  # the next insert is a new tap


#: Not on the allow-list (the conftest's UNKNOWN_CARD has 6 bytes, which no card has).
UNKNOWN_UID = "0455AA0F19FE21"


def rfid_code(view: StationView) -> bool:
    return any(c.code == CODE_RFID_COMMUNICATION for c in view.codes)


@pytest.fixture
def start_station() -> Iterator[Callable[..., LiveStation]]:
    runtimes: list[ControllerRuntime] = []

    def factory(reader: str = VPCD_READER, channel: str = "rfid") -> LiveStation:
        config = Config().with_overrides(
            station={"version": "U00"},
            authorization={"reader": reader, "tap_hold_off_s": 0.5},
            can={"channel": f"{channel}-{len(runtimes)}"},
            simulation={"boot_time_factor": 0.0, "stage_seconds": 0.05, "time_factor": 50.0},
            storage={"path": ":memory:"},
        )
        runtime, panel = build_runtime(config)
        assert panel is not None
        runtimes.append(runtime)
        station = LiveStation(runtime, panel)
        runtime.start()
        station.until(lambda v: v.phase.value == "ready")
        return station

    yield factory
    for runtime in runtimes:
        runtime.stop()
        assert runtime.error is None


def test_a_tapped_card_authorizes_a_session_and_the_same_card_stops_it(
        pcscd: PcscDaemon, start_station: Callable[..., LiveStation], make_card: CardFactory) -> None:
    station = start_station()
    assert AuthMethod.RFID in station.view.methods and not rfid_code(station.view)
    card = make_card(KNOWN_CARD)
    view = station.tap(card, until=lambda v: v.pending is not None)
    assert view.pending is not None and view.pending.method is AuthMethod.RFID
    station.panel.act(Plug(Side.LEFT))
    station.until(lambda v: v.connectors[0].state == "charging")
    time.sleep(0.6)  # past the tap hold-off
    station.tap(card, until=lambda v: v.connectors[0].state in ("stopping", "finished"))
    view = station.until(lambda v: v.connectors[0].state == "finished")
    session = view.connectors[0].session
    assert session is not None and session.stop_reason == "card" and session.authorized_by_card


def test_an_unknown_card_says_invalid_card_and_the_driver_stays_where_they_were(
        pcscd: PcscDaemon, start_station: Callable[..., LiveStation], make_card: CardFactory) -> None:
    station = start_station()
    station.panel.act(Plug(Side.LEFT))
    station.until(lambda v: v.connectors[0].state == "plugged")
    view = station.tap(make_card(UNKNOWN_UID), until=lambda v: v.notice is not None)
    assert view.notice is not None and view.notice.kind is NoticeKind.INVALID_CARD and view.notice.is_error
    assert view.connectors[0].state == "plugged" and view.pending is None
    station.until(lambda v: v.notice is None, timeout=6)
    assert station.view.connectors[0].state == "plugged"


def test_a_card_held_on_the_reader_is_one_tap(pcscd: PcscDaemon, start_station: Callable[..., LiveStation],
                                              make_card: CardFactory) -> None:
    station = start_station()
    card = make_card(KNOWN_CARD)
    card.insert()
    station.until(lambda v: v.pending is not None)
    station.panel.act(Plug(Side.LEFT))
    station.until(lambda v: v.connectors[0].state == "charging")
    time.sleep(2.0)  # four hold-offs with the card still on the reader
    card.remove()
    assert station.view.connectors[0].state == "charging", "a card left on the reader must not stop the session"


def test_no_reader_at_start_up_raises_012243_and_the_other_methods_still_work(
        pcscd: PcscDaemon, start_station: Callable[..., LiveStation]) -> None:
    station = start_station(reader="No Such Reader")
    view = station.until(rfid_code)
    code = next(c for c in view.codes if c.code == CODE_RFID_COMMUNICATION)
    assert code.side is None and not code.blocks_charging
    assert AuthMethod.RFID not in view.methods and AuthMethod.QR in view.methods
    assert view.connectors[0].state == "available"
    station.panel.act(TapCard(KNOWN_CARD))  # the demo panel's card keeps working
    station.until(lambda v: v.pending is not None)


def test_the_reader_driver_gone_and_back_raises_and_clears_012243_without_a_restart(
        own_pcscd: PcscDaemon, start_station: Callable[..., LiveStation], make_card: CardFactory) -> None:
    own_pcscd.stop()
    try:
        station = start_station()  # no pcscd at start-up
        view = station.until(rfid_code)
        assert AuthMethod.RFID not in view.methods
    finally:
        own_pcscd.start()
    view = station.until(lambda v: not rfid_code(v))
    assert AuthMethod.RFID in view.methods
    station.panel.act(Plug(Side.LEFT))
    station.until(lambda v: v.connectors[0].state == "plugged")
    station.tap(make_card(KNOWN_CARD), until=lambda v: v.connectors[0].state in ("preparing", "charging"))
    station.until(lambda v: v.connectors[0].state == "charging")

    own_pcscd.stop()  # the reader driver goes away in the middle of a session
    try:
        view = station.until(rfid_code)
        assert AuthMethod.RFID not in view.methods
        assert view.connectors[0].state == "charging", "012243 does not stop charging"
    finally:
        own_pcscd.start()
    view = station.until(lambda v: not rfid_code(v))
    assert AuthMethod.RFID in view.methods


def test_the_kiosk_started_with_a_reader_shows_plug_in_when_a_known_card_is_tapped(
        pcscd: PcscDaemon, make_card: CardFactory, tmp_path: Path) -> None:
    """``evse-hmi --reader``: the desktop app wires the reader in; the tap reaches the screen."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_QUICK_BACKEND="software")
    config = tmp_path / "station.toml"  # the defaults, with the station's database out of the repository
    config.write_text(f'[storage]\npath = "{tmp_path / "evse.sqlite3"}"\n')
    kiosk = subprocess.Popen([sys.executable, "-m", "hmi.app", "--offscreen", "--reader", VPCD_READER,
                              "--config", str(config), "--exit-on-screen", "plugin"],
                             cwd=Path(__file__).parents[2], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    card = make_card(KNOWN_CARD)
    try:
        deadline = time.monotonic() + 60
        while kiosk.poll() is None and time.monotonic() < deadline:
            card.tap(hold_s=0.5)  # taps before the self-test ends are ignored: tap until it shows
            time.sleep(0.5)
        out, err = kiosk.communicate(timeout=10)
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.communicate()
    assert kiosk.returncode == 0, err
    assert "first plugin frame" in out
    assert "card 04A1B2C3D4E5F6 tapped on 'Virtual PCD 00 00'" in err
