"""The RFID reader over the real PC/SC stack: pcscd, the vpcd reader driver, pyscard.

Only the card is emulated (controller/sim/card_emulator.py, on vpcd's socket).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from controller.buses.rfid.apdu import GET_DATA_UID
from controller.sim.card_emulator import Behaviour
from tests.conftest import KNOWN_CARD
from tests.integration.conftest import CardFactory, ReaderEvents
from tests.integration.pcscd import VPCD_PORT, wait_until_empty

Watch = Callable[..., ReaderEvents]

#: Longer than several pcscd presence polls (400 ms): time enough for a wrong extra event.
SETTLE_S = 1.5


def test_a_tap_gives_the_cards_uid_as_one_upper_case_hex_token(watch: Watch, make_card: CardFactory) -> None:
    events = watch()
    assert events.wait(lambda: events.availability == [True])
    card = make_card("04a1b2c3d4e5f6")
    card.insert()
    assert events.wait(lambda: bool(events.tokens))
    card.remove()
    assert events.tokens == [KNOWN_CARD]
    assert card.apdus == [bytes(GET_DATA_UID)], "the UID is read with PC/SC part 3 GET DATA"


def test_a_felica_idm_is_read_the_same_way(watch: Watch, make_card: CardFactory) -> None:
    events = watch()
    card = make_card("012E4CD4C1A2B3C4")
    card.insert()
    assert events.wait(lambda: events.tokens == ["012E4CD4C1A2B3C4"])


def test_a_card_left_on_the_reader_taps_once_and_tapped_again_taps_again(watch: Watch,
                                                                        make_card: CardFactory) -> None:
    events = watch()
    card = make_card()
    card.insert()
    assert events.wait(lambda: bool(events.tokens))
    time.sleep(SETTLE_S)
    assert events.tokens == [KNOWN_CARD], "a card held on the reader is one tap"
    card.remove()
    wait_until_empty()
    card.insert()
    assert events.wait(lambda: len(events.tokens) == 2)
    assert events.tokens == [KNOWN_CARD, KNOWN_CARD]


@pytest.mark.parametrize("behaviour,logged", [
    (Behaviour.GARBAGE, "3-byte answer 133742 is not a card UID"),
    (Behaviour.ERROR_STATUS, "status word 6A81"),
    (Behaviour.PULLED, "card on 'Virtual PCD 00 00' not read"),
], ids=["garbage", "error-status-word", "pulled-mid-read"])
def test_a_card_that_cannot_be_read_gives_a_logged_error_and_no_tap(
        watch: Watch, make_card: CardFactory, caplog: pytest.LogCaptureFixture, behaviour: Behaviour,
        logged: str) -> None:
    events = watch()
    bad = make_card("04112233445566", behaviour=behaviour)
    bad.insert()
    assert bad.read.wait(5), "the reader asked the card for its UID"
    time.sleep(SETTLE_S)
    bad.remove()
    assert events.tokens == []
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR" and "not read" in r.getMessage()]
    assert len(errors) == 1 and logged in errors[0], errors
    good = make_card()
    good.insert()
    assert events.wait(lambda: events.tokens == [KNOWN_CARD]), "the reader keeps working after a bad card"
    assert events.availability == [True]


def test_only_the_configured_reader_is_watched(watch: Watch, make_card: CardFactory) -> None:
    events = watch("virtual pcd 00 00")  # the pattern is a case-insensitive part of the name
    other_slot = make_card(port=VPCD_PORT + 1)  # "Virtual PCD 00 01"
    other_slot.insert()
    time.sleep(SETTLE_S)
    assert events.tokens == []
    make_card("0A0B0C0D").insert()
    assert events.wait(lambda: events.tokens == ["0A0B0C0D"])


def test_no_matching_reader_is_reported_unavailable(watch: Watch) -> None:
    events = watch("No Such Reader")
    assert events.wait(lambda: events.availability == [False])
