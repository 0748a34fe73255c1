"""Image provider that draws QR codes for QML: ``image://qr/<percent-encoded payload>``.

The kiosk shows the start-charging QR code with ``Image { source: Kiosk.qrSource }``.
The payload is percent-encoded into the URL by the view model; this provider decodes
it, builds the module matrix with the ``qrcode`` library and paints the dark modules
in black on white, with the standard four-module quiet zone, on whole-pixel edges and
without antialiasing, so the code stays crisp at any size.
"""

from __future__ import annotations

import functools
from urllib.parse import quote, unquote

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickImageProvider

#: Name under which the provider is installed: URLs start with ``image://qr/``.
PROVIDER_ID = "qr"
#: Light modules around the code, as the QR specification requires.
QUIET_ZONE_MODULES = 4
#: Pixels per module when QML does not ask for a size.
DEFAULT_MODULE_PIXELS = 8


def qr_url(payload: str) -> str:
    """The ``image://qr/...`` URL that shows ``payload`` as a QR code."""
    return f"image://{PROVIDER_ID}/{quote(payload, safe='')}"


@functools.lru_cache(maxsize=16)
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """Dark (True) and light modules of the QR code for ``payload``, without border.

    Cached: the payloads are a handful of per-connector URLs, and building a code takes
    tens of milliseconds that would otherwise delay every switch to the Home screen."""
    import qrcode  # only when a code is first drawn: keeps it off the start-up path

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=0,
    )
    code.add_data(payload)
    code.make(fit=True)
    return tuple(tuple(bool(module) for module in row) for row in code.get_matrix())


def render_qr(payload: str, requested: QSize | None = None) -> QImage:
    """Paint the QR code for ``payload`` filling ``requested`` (a square side).

    Module edges are rounded to whole pixels, so modules differ by at most one pixel
    and nothing is blurred; without a requested size each module is
    ``DEFAULT_MODULE_PIXELS`` wide.
    """
    side = min(requested.width(), requested.height()) if requested is not None and requested.isValid() else 0
    return QImage(_render_qr(payload, side))  # a copy: QML may keep the image it gets


@functools.lru_cache(maxsize=16)
def _render_qr(payload: str, side: int) -> QImage:
    """The cached drawing behind :func:`render_qr`."""
    # Qt's namespace takes tens of milliseconds to load in PySide: not before the first frame
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QPainter

    matrix = qr_matrix(payload)
    modules = len(matrix) + 2 * QUIET_ZONE_MODULES
    side_px = max(modules, side) if side else modules * DEFAULT_MODULE_PIXELS
    edges = [round(i * side_px / modules) for i in range(modules + 1)]

    image = QImage(side_px, side_px, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(Qt.GlobalColor.black))
    for row, cells in enumerate(matrix):
        top, bottom = edges[row + QUIET_ZONE_MODULES], edges[row + QUIET_ZONE_MODULES + 1]
        for column, dark in enumerate(cells):
            if dark:
                left = edges[column + QUIET_ZONE_MODULES]
                right = edges[column + QUIET_ZONE_MODULES + 1]
                painter.drawRect(QRect(left, top, right - left, bottom - top))
    painter.end()
    return image


def warm_up() -> None:
    """Load the QR code library and Qt's painting path (both take tens of milliseconds the
    first time), so that the first code drawn costs only its own matrix."""
    render_qr(PROVIDER_ID)


class QrImageProvider(QQuickImageProvider):
    """Serves ``image://qr/<percent-encoded payload>`` to QML ``Image`` items."""

    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:  # noqa: N803
        """Qt's callback; ``id`` is the URL part after ``image://qr/``."""
        image = render_qr(unquote(id), requestedSize)
        if size is not None:
            size.setWidth(image.width())
            size.setHeight(image.height())
        return image


def install(engine: object) -> QrImageProvider:
    """Register the provider on a ``QQmlEngine`` as ``image://qr``."""
    provider = QrImageProvider()
    engine.addImageProvider(PROVIDER_ID, provider)  # type: ignore[attr-defined]
    return provider
