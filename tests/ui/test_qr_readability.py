"""No phone can read a start link that cannot start this charger.

While the central system is unreachable (offline, or still connecting) a QR start would
take the driver to a payment page that can never start a session here, so Home must not
show a code a phone can decode. A real QR decoder (ZXing, an implementation independent of
the ``qrcode`` library that draws the codes) reads the Home goldens of every language and
size: the online ones give the start link of the selected connector, the offline ones
give nothing. The goldens are what the screenshot tests hold the live scene to; the last
test decodes the live scene too, offline and back online.
"""

from __future__ import annotations

import io

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice

from controller.port import BackendLink
from hmi.i18n import LANGUAGES
from tests.ui.conftest import RigFactory
from tests.ui.rig import GOLDEN_DIR

START_LINK = "https://charge.example.com/start?cp=DSWX601-0001&connector=1"
SIZES = ("1024x600", "800x480")
ONLINE_HOMES = ("home-dual", "home-single", "home-plugged", "home-large-text")  # large text: the compact code
OFFLINE_HOMES = ("home-backend-offline", "home-offline-card-unchecked", "home-connecting-card-unchecked")


def decoded(image: Image.Image) -> list[str]:
    """Every QR code ZXing finds in the picture."""
    return [barcode.text for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_phone_reads_the_start_link_on_the_online_home_screens(language: str) -> None:
    for scene in ONLINE_HOMES:
        for size in SIZES:
            texts = decoded(Image.open(GOLDEN_DIR / language / f"{scene}-{size}.png"))
            assert len(texts) == 1, f"{language} {scene} {size}: {texts}"
            assert texts[0].startswith("https://charge.example.com/start?cp=DSWX601-0001&connector=")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_phone_reads_a_code_on_the_offline_home_screens(language: str) -> None:
    for scene in OFFLINE_HOMES:
        for size in SIZES:
            assert decoded(Image.open(GOLDEN_DIR / language / f"{scene}-{size}.png")) == [], \
                f"{language} {scene} {size}: a phone can still scan the start link"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_receipt_code_still_reads_in_larger_text(language: str) -> None:
    """Larger text draws the Summary's receipt code at the compact size: a phone still reads it."""
    for size in SIZES:
        texts = decoded(Image.open(GOLDEN_DIR / language / f"summary-large-text-{size}.png"))
        assert len(texts) == 1 and texts[0].startswith("https://charge.example.com/receipt?"), (language, size, texts)


def grabbed(rig) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    rig.grab().save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")


def test_the_live_home_screen_covers_the_code_while_offline_and_shows_it_again_online(
        make_rig: RigFactory) -> None:
    rig = make_rig("J0U").start()
    rig.resize(800, 480)
    rig.world.port.attach()
    rig.world.port.set_backend_online(BackendLink.ONLINE)
    rig.until(lambda view: view.online)
    assert decoded(grabbed(rig)) == [START_LINK]
    rig.world.port.set_backend_online(BackendLink.OFFLINE, "033900")
    rig.until(lambda view: not view.online)
    assert decoded(grabbed(rig)) == []
    assert rig.kiosk.value("qrCaption") != ""  # the explanation stays
    rig.world.port.set_backend_online(BackendLink.ONLINE)
    rig.until(lambda view: view.online)
    assert decoded(grabbed(rig)) == [START_LINK]
