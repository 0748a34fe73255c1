"""Find text that a driver could not read in full on a rendered kiosk window.

``find_text_problems(window)`` walks the ``QQuickItem`` tree of a window that has been
laid out (and usually rendered) and reports every visible ``Text`` / ``Label`` whose
text is elided or truncated, overflows its own box, is cut by the window edge or a
clipping ancestor, spills out of the panel (filled or bordered ``Rectangle``) it sits
in, or overlaps another text.  ``hmi.preview`` runs it on every screen it renders;
tests can too.

``find_contrast_problems(engine)`` checks every text/background colour pair the
``Theme`` singleton lists in ``textPairs`` against the WCAG 2 minimum of 4.5:1 (7:1 is
asked of the high-contrast Theme).

``find_missing_glyphs(window)`` reports characters that the text's own (shipped) fonts
cannot draw, and ``find_small_text(window, floor)`` texts smaller than the Theme's floor.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QRawFont
from PySide6.QtQml import QQmlEngine, QQmlExpression, qmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

#: Overflow smaller than this (pixels) is rounding, not a problem.
TOLERANCE = 1.0
#: WCAG 2 AA minimum contrast for normal-size text.
MINIMUM_CONTRAST = 4.5
#: How much of a text to quote in a report.
QUOTE_CHARS = 40
#: objectName of an overlay that covers the screen: texts under it are not checked.
MODAL_LAYER = "modalLayer"

# Text.horizontalAlignment / verticalAlignment values (Qt::AlignmentFlag).
_ALIGN_RIGHT = 0x2
_ALIGN_HCENTER = 0x4
_ALIGN_BOTTOM = 0x40
_ALIGN_VCENTER = 0x80


def find_text_problems(window: QQuickWindow) -> list[str]:
    """Problems with the visible texts of ``window``, one line each (empty = all good)."""
    problems: list[str] = []
    window_rect = QRectF(0, 0, window.width(), window.height())
    texts = _visible_texts(window)
    placed: list[tuple[QQuickItem, QRectF]] = []
    for item in texts:
        problems.extend(_problems_of(item, window_rect))
        placed.append((item, item.mapRectToScene(_content_rect(item))))
    for index, (item, rect) in enumerate(placed):
        for other, other_rect in placed[index + 1 :]:
            overlap = rect.intersected(other_rect)
            if overlap.width() > TOLERANCE and overlap.height() > TOLERANCE:
                problems.append(f"{_describe(item)}: overlaps {_describe(other)}")
    return problems


def _visible_items(root: QQuickItem) -> list[QQuickItem]:
    """``root`` and its descendants that are visible and not fully transparent."""
    found: list[QQuickItem] = []
    stack = [root]
    while stack:
        item = stack.pop()
        if not item.isVisible() or item.opacity() <= 0.0:
            continue
        found.append(item)
        stack.extend(reversed(item.childItems()))
    return found


def _describe(item: QQuickItem) -> str:
    text = " ".join(str(item.property("text")).split())
    if len(text) > QUOTE_CHARS:
        text = text[: QUOTE_CHARS - 1] + "…"
    origin = item.mapToScene(item.boundingRect().topLeft())
    name = item.objectName() or _type_name(item)
    parent = item.parentItem()
    while not item.objectName() and parent is not None and not parent.objectName():
        parent = parent.parentItem()
    context = f" in {parent.objectName()}" if parent is not None and parent.objectName() else ""
    return f'"{text}" ({name}{context} at {origin.x():.0f},{origin.y():.0f})'


def _type_name(item: QQuickItem) -> str:
    """QML type name of an item, e.g. ``KioskText`` for ``KioskText_QMLTYPE_3``."""
    return item.metaObject().className().split("_QML")[0]


def _qml_number(item: QQuickItem, expression: str) -> float:
    """Evaluate a numeric QML ``expression`` on ``item``: PySide cannot convert some
    property types (QQuickText's enums, QQuickPen) itself.  0 when it cannot."""
    engine = qmlEngine(item)
    context = QQmlEngine.contextForObject(item) or (engine.rootContext() if engine else None)
    if context is None:
        return 0.0
    value, failed = QQmlExpression(context, item, f"+({expression})").evaluate()
    return 0.0 if failed or value is None else float(value)


def _content_rect(item: QQuickItem) -> QRectF:
    """Where the text's content sits inside the item, in item coordinates."""
    width, height = item.width(), item.height()
    content_w = min(float(item.property("contentWidth")), width)
    content_h = min(float(item.property("contentHeight")), height)
    h_align = int(_qml_number(item, "effectiveHorizontalAlignment"))
    v_align = int(_qml_number(item, "verticalAlignment"))
    x = 0.0
    if h_align & _ALIGN_RIGHT:
        x = width - content_w
    elif h_align & _ALIGN_HCENTER:
        x = (width - content_w) / 2
    y = 0.0
    if v_align & _ALIGN_BOTTOM:
        y = height - content_h
    elif v_align & _ALIGN_VCENTER:
        y = (height - content_h) / 2
    return QRectF(x, y, content_w, content_h)


def _enclosing_panel(item: QQuickItem) -> QQuickItem | None:
    """Nearest ancestor drawn as a visible box: a Rectangle with a fill or a border."""
    ancestor = item.parentItem()
    while ancestor is not None:
        if ancestor.inherits("QQuickRectangle"):
            fill_alpha = _qml_number(ancestor, "color.a")
            if fill_alpha > 0 or _qml_number(ancestor, "border.width") > 0:
                return ancestor
        ancestor = ancestor.parentItem()
    return None


def _outside(inner: QRectF, outer: QRectF) -> bool:
    return (
        inner.left() < outer.left() - TOLERANCE
        or inner.top() < outer.top() - TOLERANCE
        or inner.right() > outer.right() + TOLERANCE
        or inner.bottom() > outer.bottom() + TOLERANCE
    )


def _problems_of(item: QQuickItem, window_rect: QRectF) -> list[str]:
    problems: list[str] = []
    what = _describe(item)
    if item.property("truncated"):
        problems.append(f"{what}: truncated (elided or line limit)")
    content_w = float(item.property("contentWidth"))
    content_h = float(item.property("contentHeight"))
    if content_w > item.width() + TOLERANCE:
        problems.append(f"{what}: {content_w:.0f} px wide in a {item.width():.0f} px box")
    if content_h > item.height() + TOLERANCE:
        problems.append(f"{what}: {content_h:.0f} px high in a {item.height():.0f} px box")

    scene_rect = item.mapRectToScene(_content_rect(item))
    if _outside(scene_rect, window_rect):
        problems.append(f"{what}: lies partly outside the window")
    panel = _enclosing_panel(item)
    if panel is not None:
        panel_rect = panel.mapRectToScene(QRectF(0, 0, panel.width(), panel.height()))
        if _outside(scene_rect, panel_rect):
            problems.append(f"{what}: spills out of its panel {_type_name(panel)}")
    ancestor = item.parentItem()
    while ancestor is not None:
        if ancestor.clip():
            clip_rect = ancestor.mapRectToScene(QRectF(0, 0, ancestor.width(), ancestor.height()))
            if _outside(scene_rect, clip_rect):
                clipper = ancestor.objectName() or _type_name(ancestor)
                problems.append(f"{what}: cut by clipping ancestor {clipper}")
                break
        ancestor = ancestor.parentItem()
    return problems


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio between two opaque colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def find_contrast_problems(engine: QQmlEngine, minimum: float = MINIMUM_CONTRAST) -> list[str]:
    """Text/background pairs of ``Theme.textPairs`` below ``minimum`` contrast."""
    theme = engine.singletonInstance("Evse", "Theme")
    pairs = theme.property("textPairs").toVariant()
    problems = []
    for pair in pairs:
        ratio = contrast_ratio(QColor(pair["fg"]), QColor(pair["bg"]))
        if ratio < minimum:
            problems.append(f"{pair['role']}: contrast {ratio:.2f}:1 is below {minimum}:1")
    return problems


def _visible_texts(window: QQuickWindow) -> list[QQuickItem]:
    """The visible, non-empty texts; while a modal layer (an item named ``MODAL_LAYER``, e.g.
    the language picker over a dimmed screen) is shown, only the texts on it."""
    items = _visible_items(window.contentItem())
    modal = next((item for item in items if item.objectName() == MODAL_LAYER), None)
    if modal is not None:
        items = _visible_items(modal)
    return [item for item in items if item.inherits("QQuickText") and str(item.property("text") or "").strip()]


def find_missing_glyphs(window: QQuickWindow) -> list[str]:
    """Characters of visible texts that none of the text's own fonts can draw ("tofu").

    A text's fonts are its family and that family's ``QFont`` substitutions (for the CJK
    families: Inter); each is asked with ``QRawFont.supportsCharacter``, so a glyph that
    only a font of this machine (not shipped in ``assets/fonts``) could draw counts as missing.
    """
    problems: list[str] = []
    raw_fonts: dict[str, QRawFont] = {}
    for item in _visible_texts(window):
        family = item.property("font").family()
        chain = [family, *QFont.substitutes(family)]
        for name in chain:
            if name not in raw_fonts:
                raw_fonts[name] = QRawFont.fromFont(QFont(name))
        fonts = [raw_fonts[name] for name in chain]
        missing = sorted({char for char in str(item.property("text"))
                          if char.isprintable() and not char.isspace()
                          and not any(font.supportsCharacter(ord(char)) for font in fonts)})
        if missing:
            shown = " ".join(f"{char} U+{ord(char):04X}" for char in missing)
            problems.append(f"{_describe(item)}: no glyph in {' / '.join(chain)} for {shown}")
    return problems


def find_small_text(window: QQuickWindow, floor: int) -> list[str]:
    """Visible texts set (or allowed to shrink) below ``floor`` pixels."""
    problems: list[str] = []
    for item in _visible_texts(window):
        size = item.property("font").pixelSize()
        if 0 < size < floor:
            problems.append(f"{_describe(item)}: {size} px is below the {floor} px floor")
        if int(_qml_number(item, "fontSizeMode")) != 0 and item.property("minimumPixelSize") < floor:
            problems.append(f"{_describe(item)}: may shrink to {item.property('minimumPixelSize')} px, "
                            f"below the {floor} px floor")
    return problems
