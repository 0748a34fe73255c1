"""Render every kiosk screen from sample station snapshots to PNG files.

    python -m hmi.preview --out DIR [--size 1024x600] [--size 800x480] [--only NAME]
                          [--expand]

Loads the fonts and the QR image provider like the application does, presents each sample
snapshot of :mod:`hmi.preview_samples` (a :class:`~controller.view.StationView`, as the
controller publishes it) through the real bridge and presenter, and writes
``<scene>-<W>x<H>.png`` per scene and size plus ``simulator-panel.png`` (the demo's panel,
filled by hand: it shows the simulator, not the station).  Every render is checked with
:func:`hmi.layout_check.find_text_problems` (and the Theme's colour pairs with
:func:`hmi.layout_check.find_contrast_problems`).  Exits non-zero on any problem.

``--expand`` pseudo-translates: every text, QML's ``qsTr()`` and the presenter's, grows by
40 %, as Spanish or French would, and the files are named ``*-expanded.png``.
Runs headless by default (offscreen platform, software Qt Quick backend).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_SIZES = ("1024x600", "800x480")
#: Long enough for screen fades and banner animations to finish before a grab.
SETTLE_MS = 450


def _headless_defaults() -> None:
    """Render without a display unless the caller chose otherwise."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    os.environ.setdefault("QT_QUICK_CONTROLS_STYLE", "Basic")


_headless_defaults()

# Qt imports after the environment is set; QtQuick before any window is cast/grabbed.
from PySide6.QtCore import QEventLoop, QTimer, QTranslator  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickWindow  # noqa: E402

from hmi.bridge import KioskBridge  # noqa: E402
from hmi.format import Formatter  # noqa: E402
from hmi.layout_check import find_contrast_problems, find_text_problems  # noqa: E402
from hmi.preview_samples import SAMPLES, TIME_ZONE  # noqa: E402
from hmi.scene import Scene, load_fonts  # noqa: E402
from hmi.simulator_panel import SimulatorControl  # noqa: E402
from hmi.viewmodel import Kiosk  # noqa: E402


def simulator(control: SimulatorControl) -> None:
    """The simulator panel's sample: a dual charger with the left EV plugged in."""
    control.update(
        connectorCount=2,
        leftStandard="CHAdeMO",
        rightStandard="CCS1",
        leftPlugged=True,
        knownCard="04A2B9C1D2E380",
        unknownCard="0455AA0F19FE21",
    )


# ---------------------------------------------------------------------------
# Pseudo-translation: how the screens cope with 40 % longer texts
# ---------------------------------------------------------------------------

EXPANSION = 0.4


def expand(text: str, factor: float = EXPANSION) -> str:
    """``text`` made ``factor`` longer by repeating its own words (cut to length)."""
    words = " ".join(word for word in text.split() if "%" not in word)
    if not words:
        return text
    wanted = max(1, math.ceil(len(text) * factor))
    filler = " ".join([words] * (wanted // len(words) + 1))
    return f"{text} {filler[: wanted - 1]}".rstrip()


class ExpandingTranslator(QTranslator):
    """Translates every text (QML's ``qsTr()``, the presenter's ``translate``, the status-code
    catalog's) into a 40 % longer one of the same words."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return expand(source_text)

    def isEmpty(self) -> bool:
        return False


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def settle(milliseconds: int = SETTLE_MS) -> None:
    """Let bindings, loaders and short animations finish."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def parse_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def render(window: QQuickWindow, path: Path) -> list[str]:
    """Grab ``window`` to ``path`` and return its text problems."""
    settle()
    window.grabWindow().save(str(path))
    return find_text_problems(window)


def report(what: str, problems: list[str]) -> int:
    """Print ``problems`` under ``what``; return how many there are."""
    print(f"{what}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    for problem in problems:
        print(f"    {problem}")
    return len(problems)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for the PNG files")
    parser.add_argument("--size", action="append", help="WIDTHxHEIGHT, repeatable (default: both)")
    parser.add_argument("--only", action="append", help="render only these scenes (repeatable)")
    parser.add_argument("--expand", action="store_true", help="pseudo-translate: texts 40 %% longer")
    args = parser.parse_args(argv)
    sizes = [parse_size(size) for size in (args.size or DEFAULT_SIZES)]
    samples = [sample for sample in SAMPLES if not args.only or sample.name in args.only]
    args.out.mkdir(parents=True, exist_ok=True)

    app = QGuiApplication(sys.argv[:1])
    load_fonts(app)
    translator = ExpandingTranslator()
    if args.expand:
        app.installTranslator(translator)  # the presenter's texts go through it too
    suffix = "-expanded" if args.expand else ""
    kiosk = Kiosk()
    control = SimulatorControl()
    view = Scene(kiosk, control)
    bridge = KioskBridge(kiosk, Formatter("en-US", TIME_ZONE), lambda command: None)
    window = view.window
    failures = report("theme contrast", find_contrast_problems(view.engine))
    for width, height in sizes:
        window.resize(width, height)
        for sample in samples:
            bridge.present(sample.view())
            path = args.out / f"{sample.name}-{width}x{height}{suffix}.png"
            failures += report(path.name, render(window, path))

    if not args.only or "simulator-panel" in args.only:
        simulator(control)
        panel = view.panel
        assert panel is not None
        path = args.out / f"simulator-panel{suffix}.png"
        failures += report(path.name, render(panel, path))

    print(f"{failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
