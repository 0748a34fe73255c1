"""Render every kiosk screen with realistic sample data to PNG files.

    python -m hmi.preview --out DIR [--size 1024x600] [--size 800x480] [--only NAME]
                          [--expand]

Loads the Inter fonts and the QR image provider like the application does, fills the
view model (``Kiosk``, ``ConnectorViewModel``, ``SimulatorControl``) with sample data
for each screen, writes ``<scene>-<W>x<H>.png`` per scene and size plus
``simulator-panel.png``, and checks every render with
:func:`hmi.layout_check.find_text_problems` (and the Theme's colour pairs with
:func:`hmi.layout_check.find_contrast_problems`).  Exits non-zero on any problem.

``--expand`` pseudo-translates: every ``qsTr()`` text and every translated sample text
grows by 40 %, as Spanish or French would, and the files are named ``*-expanded.png``.
Runs headless by default (offscreen platform, software Qt Quick backend).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

from hmi.layout_check import find_contrast_problems, find_text_problems  # noqa: E402
from hmi.qr_provider import qr_url  # noqa: E402
from hmi.scene import Scene, load_fonts  # noqa: E402
from hmi.viewmodel import ConnectorViewModel, Kiosk, SimulatorControl  # noqa: E402

# ---------------------------------------------------------------------------
# Sample data, as the Python side formats it
# ---------------------------------------------------------------------------

STATION: dict[str, Any] = {
    "chargePointId": "EVSE-0042",
    "modelName": "DC Fast Charger 60 kW",
    "versionCode": "J0U",
    "clockText": "14:32",
    "online": True,
    "qrSource": qr_url("https://charge.example.com/start?cp=EVSE-0042&connector=1"),
    "qrCaption": "Scan with your phone camera to pay and start",
    "tariffLines": ["$0.45 per kWh", "$1.00 session fee", "Idle fee $0.40 per minute, from 10 min after charging ends"],
    "leftButtonText": "Home",
    "rightButtonText": "Select connector",
}

AVAILABLE = {"state": "available", "stateText": "Available", "ledColour": "green"}
PLUGGED = {"state": "plugged", "stateText": "Cable connected", "ledColour": "blue", "ledBlinking": True}
UNAVAILABLE = {"state": "unavailable", "stateText": "Unavailable", "ledColour": "off"}
FAULTED = {"state": "faulted", "stateText": "Fault", "ledColour": "red"}
PREPARING = {"state": "preparing", "stateText": "Preparing", "ledColour": "blue", "ledBlinking": True}
FINISHED = {"state": "finished", "stateText": "Charging complete", "ledColour": "green"}

CHARGING = {
    "state": "charging",
    "stateText": "Charging",
    "ledColour": "blue",
    "socPercent": 64,
    "socText": "64 %",
    "targetSocText": "80 %",
    "powerText": "45.2",
    "powerKw": 45.2,
    "voltageText": "398 V",
    "currentText": "113.6 A",
    "energyText": "12.84 kWh",
    "elapsedText": "0:23:10",
    "etaText": "18 min",
    "costText": "$6.78",
    "canStop": True,
    # the power chart: 23 minutes at one point per 20 s, the last one live
    "maxPowerKw": 60.0,
    "powerHistory": [40.5, *[45.0] * 68, 45.2],
    "chartScaleText": "60 kW",
}

SECOND_SESSION = {
    **CHARGING,
    "socPercent": 31,
    "socText": "31 %",
    "targetSocText": "90 %",
    "powerText": "14.8",
    "powerKw": 14.8,
    "voltageText": "372 V",
    "currentText": "39.8 A",
    "energyText": "3.12 kWh",
    "elapsedText": "0:09:42",
    "etaText": "1 h 05 min",
    "costText": "$2.40",
    "powerHistory": [29.5] * 29 + [14.8],
}

SIDE_TEXTS = ("Left", "Right")


def make_connector(index: int, standard: str, **values: Any) -> ConnectorViewModel:
    """A connector view model at ``index`` (0 = left) with ``values`` applied."""
    connector = ConnectorViewModel()
    connector.update(
        index=index,
        side=("left", "right")[index],
        sideText=SIDE_TEXTS[index],
        standard=standard,
        **values,
    )
    return connector


def set_station(kiosk: Kiosk, connectors: Sequence[ConnectorViewModel], **values: Any) -> None:
    """Put ``connectors`` on the kiosk with the common station texts plus ``values``."""
    focused = values.get("focusedIndex", 0)
    for connector in connectors:
        connector.update(focused=connector.value("index") == focused)
    kiosk.set_connectors(list(connectors))
    kiosk.update(**{**STATION, "connectorCount": len(connectors), **values})


# ---------------------------------------------------------------------------
# One function per scene
# ---------------------------------------------------------------------------


def initializing(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [make_connector(0, "CHAdeMO", **UNAVAILABLE), make_connector(1, "CCS1", **UNAVAILABLE)],
        screen="initializing",
        initProgress=0.45,
        initStepText="Checking power modules (3 of 6)",
        leftButtonText="",
        rightButtonText="",
        online=False,
    )


def home_single(kiosk: Kiosk) -> None:
    set_station(kiosk, [make_connector(0, "CCS1", **AVAILABLE)], screen="home", versionCode="U00", rightButtonText="")


def home_dual(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [make_connector(0, "CHAdeMO", **AVAILABLE), make_connector(1, "CCS1", **CHARGING)],
        screen="home",
        appEnabled=False,
    )


def home_plugged(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [make_connector(0, "CHAdeMO", **UNAVAILABLE), make_connector(1, "CCS1", **PLUGGED)],
        screen="home",
        focusedIndex=1,
        qrSource=qr_url("https://charge.example.com/start?cp=EVSE-0042&connector=2"),
        noticeText="Card not recognised. Try another card or use the QR code.",
        noticeIsError=True,
    )


def home_gbt_no_tariff(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [make_connector(0, "GB/T", **FAULTED), make_connector(1, "GB/T", **AVAILABLE)],
        screen="home",
        versionCode="B0B",
        focusedIndex=1,
        tariffLines=[],
        qrEnabled=False,
        qrSource="",
    )


def plugin(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [make_connector(0, "CHAdeMO", **AVAILABLE), make_connector(1, "CCS1", **AVAILABLE)],
        screen="plugin",
        plugInSecondsLeft=87,
        plugInText="Plug in the CHAdeMO or CCS1 connector",
        leftButtonText="Cancel",
        rightButtonText="",
    )


def plugin_one_free(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [make_connector(0, "CHAdeMO", **AVAILABLE), make_connector(1, "CCS1", **CHARGING)],
        screen="plugin",
        plugInSecondsLeft=9,
        plugInText="Plug in the CHAdeMO connector",
        leftButtonText="Cancel",
        rightButtonText="",
        noticeText="Card accepted",
    )


def preparing(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [make_connector(0, "CHAdeMO", **AVAILABLE), make_connector(1, "CCS1", **PREPARING, prepareStage=3)],
        screen="preparing",
        focusedIndex=1,
        leftButtonText="Stop",
        rightButtonText="",
    )


def charging_single(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [make_connector(0, "CCS1", **CHARGING, limitText="Limited by the vehicle")],
        screen="charging",
        versionCode="U00",
        leftButtonText="Stop charging",
        rightButtonText="",
    )


def charging_dual(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [
            make_connector(0, "CHAdeMO", **CHARGING, sharedPower=True),
            make_connector(1, "CCS1", **SECOND_SESSION, sharedPower=True),
        ],
        screen="charging",
        leftButtonText="Stop charging",
        rightButtonText="Select connector",
    )


def charging_dual_other_idle(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [
            make_connector(0, "CHAdeMO", **PREPARING, prepareStage=2),
            make_connector(
                1, "CCS1", **{**SECOND_SESSION, "costText": "", "limitText": "Limited by cable temperature"}
            ),
        ],
        screen="charging",
        focusedIndex=1,
        tariffLines=[],
        leftButtonText="Stop charging",
        rightButtonText="Select connector",
    )


def summary(kiosk: Kiosk) -> None:
    session = {
        **FINISHED,
        "energyText": "24.61 kWh",
        "durationText": "0:38:12",
        "startSocText": "22 %",
        "endSocText": "80 %",
        "stopReasonText": "Target charge level reached",
        "costText": "$12.07",
    }
    set_station(
        kiosk,
        [make_connector(0, "CHAdeMO", **session), make_connector(1, "CCS1", **AVAILABLE)],
        screen="summary",
        leftButtonText="Home",
        rightButtonText="",
    )


def summary_with_code(kiosk: Kiosk) -> None:
    session = {
        **FINISHED,
        "stateText": "Charging stopped",
        "energyText": "8.40 kWh",
        "durationText": "0:14:55",
        "startSocText": "35 %",
        "endSocText": "51 %",
        "stopReasonText": "Emergency stop pressed",
        "costText": "",
        "statusCode": "012251",
        "statusText": "Emergency stop",
    }
    set_station(
        kiosk,
        [make_connector(0, "CCS1", **session)],
        screen="summary",
        versionCode="U00",
        tariffLines=[],
        leftButtonText="Home",
        rightButtonText="",
    )


def status(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [make_connector(0, "CHAdeMO", **FAULTED), make_connector(1, "CCS1", **AVAILABLE)],
        screen="status",
        statusCode="012251",
        statusText="Emergency stop",
        statusScopeText="Charger",
        statusSteps=[
            "Make sure nobody is in danger and the cables are not damaged.",
            "Turn the emergency stop button clockwise to release it.",
            "If the code stays on the screen, contact the operator.",
        ],
        statusCount=3,
        statusIndex=0,
        leftButtonText="Home",
        rightButtonText="Next code",
    )


def out_of_service(kiosk: Kiosk) -> None:
    set_station(
        kiosk,
        [make_connector(0, "CHAdeMO", **FAULTED), make_connector(1, "CCS1", **FAULTED)],
        screen="outOfService",
        statusCode="023700",
        statusText="Power module over-temperature",
        online=False,
        leftButtonText="",
        rightButtonText="",
    )


def simulator(control: SimulatorControl) -> None:
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
#: View-model texts Python translates (the rest are numbers, codes and names).
TRANSLATED_KIOSK_TEXTS = (
    "initStepText",
    "qrCaption",
    "plugInText",
    "noticeText",
    "statusText",
    "statusScopeText",
    "leftButtonText",
    "rightButtonText",
)
TRANSLATED_CONNECTOR_TEXTS = ("sideText", "stateText", "limitText", "stopReasonText", "statusText")


def expand(text: str, factor: float = EXPANSION) -> str:
    """``text`` made ``factor`` longer by repeating its own words (cut to length)."""
    words = " ".join(word for word in text.split() if "%" not in word)
    if not words:
        return text
    wanted = max(1, math.ceil(len(text) * factor))
    filler = " ".join([words] * (wanted // len(words) + 1))
    return f"{text} {filler[: wanted - 1]}".rstrip()


class ExpandingTranslator(QTranslator):
    """Translates every ``qsTr()`` text into a 40 % longer one of the same words."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1) -> str:
        return expand(source_text)

    def isEmpty(self) -> bool:
        return False


def expand_samples(kiosk: Kiosk) -> None:
    """Lengthen the texts Python would translate, as ``ExpandingTranslator`` does."""
    values = {key: expand(kiosk.value(key)) for key in TRANSLATED_KIOSK_TEXTS if kiosk.value(key)}
    values["statusSteps"] = [expand(step) for step in kiosk.value("statusSteps")]
    kiosk.update(**values)
    for index in range(kiosk.value("connectorCount")):
        connector = kiosk.connector(index)
        connector.update(
            **{key: expand(connector.value(key)) for key in TRANSLATED_CONNECTOR_TEXTS if connector.value(key)}
        )


@dataclass(frozen=True)
class Sample:
    """One preview: the PNG name and the function that fills the view model for it."""

    name: str
    fill: Callable[[Kiosk], None]


SCENES = (
    Sample("initializing", initializing),
    Sample("home-single", home_single),
    Sample("home-dual", home_dual),
    Sample("home-plugged", home_plugged),
    Sample("home-gbt-no-tariff", home_gbt_no_tariff),
    Sample("plugin", plugin),
    Sample("plugin-one-free", plugin_one_free),
    Sample("preparing", preparing),
    Sample("charging-single", charging_single),
    Sample("charging-dual", charging_dual),
    Sample("charging-dual-other-idle", charging_dual_other_idle),
    Sample("summary", summary),
    Sample("summary-with-code", summary_with_code),
    Sample("status", status),
    Sample("out-of-service", out_of_service),
)

# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def settle(milliseconds: int = SETTLE_MS) -> None:
    """Let bindings, loaders and short animations finish."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def reset(kiosk: Kiosk) -> None:
    """Back to the view model defaults, so scenes do not leak into each other."""
    kiosk.update(**Kiosk._DEFAULTS)


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
    scenes = [scene for scene in SCENES if not args.only or scene.name in args.only]
    args.out.mkdir(parents=True, exist_ok=True)

    app = QGuiApplication(sys.argv[:1])
    load_fonts(app)
    translator = ExpandingTranslator()
    if args.expand:
        app.installTranslator(translator)
    suffix = "-expanded" if args.expand else ""
    kiosk = Kiosk()
    control = SimulatorControl()
    view = Scene(kiosk, control)
    window = view.window
    failures = report("theme contrast", find_contrast_problems(view.engine))
    for width, height in sizes:
        window.resize(width, height)
        for scene in scenes:
            reset(kiosk)
            scene.fill(kiosk)
            if args.expand:
                expand_samples(kiosk)
            path = args.out / f"{scene.name}-{width}x{height}{suffix}.png"
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
