"""``evse-hmi``: the charger's kiosk, its desktop demo, and headless scenario runs.

    evse-hmi                         desktop demo on simulated hardware (scripted headless demo without a display)
    evse-hmi --offscreen             the real-time kiosk without a window (benchmarks, remote checks)
    evse-hmi --kiosk                 full screen, no cursor, no simulator panel
    evse-hmi --version-code B0B      pick the connector version (manual 2.2)
    evse-hmi --reader "Virtual PCD"  read cards from that PC/SC reader (pcscd) instead of the simulator only
    evse-hmi --scenario FILE --screenshots DIR [--events FILE]
                                     run a scripted scenario offscreen
    evse-hmi codes 012251            a status code's description, family and troubleshooting steps
    evse-hmi codes --search fuse     the status codes whose description mentions a word
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from controller.config import DEFAULT_CONFIG, Config, ConfigError, load
from controller.types import VERSIONS

log = logging.getLogger("evse-hmi")

REPO = Path(__file__).resolve().parent.parent
SCENARIO_DIR = REPO / "scenarios"
DEMO_OUTPUT = Path("out") / "demo"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="evse-hmi", description="DC fast charger kiosk (DSWx601, 60 kW).",
                                     epilog="Status codes: evse-hmi codes CODE, evse-hmi codes --search TEXT "
                                            "(see evse-hmi codes --help).")
    parser.add_argument("--config", type=Path, default=None,
                        help=f"station configuration (TOML); default: {DEFAULT_CONFIG.relative_to(REPO)}")
    parser.add_argument("--version-code", choices=sorted(VERSIONS),
                        help="connector version (manual 2.2): which standard sits left and right")
    parser.add_argument("--time-factor", type=float, help="simulated EV batteries fill this many times faster")
    parser.add_argument("--kiosk", action="store_true", help="full screen, no cursor, no simulator panel")
    parser.add_argument("--reader", metavar="PATTERN",
                        help='RFID reader: part of a PC/SC reader name (e.g. "Virtual PCD"), or "simulated"')
    parser.add_argument("--scenario", type=Path, help="run this scenario file headless and exit")
    parser.add_argument("--screenshots", type=Path, help="write a PNG per screen change here (with --scenario)")
    parser.add_argument("--events", type=Path, help="JSON-lines event log (with --scenario; default: stdout)")
    parser.add_argument("--size", default="1024x600", help="window size WIDTHxHEIGHT (default 1024x600)")
    parser.add_argument("--offscreen", action="store_true",
                        help="run the real-time kiosk without opening a window (benchmarks, remote checks)")
    parser.add_argument("--exit-on-screen", metavar="SCREEN",
                        help="run the kiosk (offscreen without a display), print the time of the first frame "
                             "showing SCREEN and exit (smoke tests, start-up benchmark)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at debug level")
    return parser.parse_args(argv)


def build_config(args: argparse.Namespace) -> Config:
    config = load(args.config or DEFAULT_CONFIG)
    overrides: dict[str, dict] = {}
    if args.version_code:
        overrides["station"] = {"version": args.version_code}
    if args.time_factor is not None:
        overrides["simulation"] = {"time_factor": args.time_factor}
    if args.reader is not None:
        overrides["authorization"] = {"reader": args.reader}
    return config.with_overrides(**overrides) if overrides else config


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"evse-hmi: --size {text!r}: use WIDTHxHEIGHT, e.g. 800x480") from None
    if width < 320 or height < 240:
        raise SystemExit("evse-hmi: --size is too small")
    return width, height


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["codes"]:  # the technicians' look-up: plain Python, no Qt, no configuration
        from controller.codes_cli import main as codes_main

        return codes_main(words[1:])
    args = parse_args(words)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = build_config(args)
    except ConfigError as exc:
        print(f"evse-hmi: configuration error: {exc}", file=sys.stderr)
        return 2
    size = parse_size(args.size)

    from hmi.display import has_display, use_offscreen_rendering

    if args.scenario is not None:
        use_offscreen_rendering()
        return _run_scenario(config, args.scenario, args.screenshots, args.events, size)
    if args.offscreen or (args.exit_on_screen is not None and not has_display()):
        use_offscreen_rendering()
    elif not has_display():
        use_offscreen_rendering()
        return _headless_demo(config, size)
    # Start the controller first: its thread loads the CAN stack while Qt loads the screens.
    from controller.runtime import ControllerRuntime

    runtime = ControllerRuntime(config)
    runtime.start(wait=False)
    from hmi.desktop import run_desktop

    return run_desktop(config, runtime, kiosk_mode=args.kiosk, size=size, exit_on_screen=args.exit_on_screen)


def _run_scenario(config: Config, path: Path, screenshots: Path | None, events: Path | None,
                  size: tuple[int, int]) -> int:
    from hmi.headless import run_scenario

    if events is None:
        return run_scenario(config, path, screenshots, sys.stdout, size)
    events.parent.mkdir(parents=True, exist_ok=True)
    with events.open("w", encoding="utf-8") as handle:
        return run_scenario(config, path, screenshots, handle, size)


def _headless_demo(config: Config, size: tuple[int, int]) -> int:
    """No display: say so, and show a complete session on the configured version offscreen."""
    version = config.station.version
    scenario = SCENARIO_DIR / f"session-{version}.scn"
    out = DEMO_OUTPUT / version
    print(f"evse-hmi: no display found (set DISPLAY, or run under xvfb-run); running the scripted "
          f"{version} demo offscreen instead. Screenshots: {out}/  Events: {out}/events.jsonl", file=sys.stderr)
    return _run_scenario(config, scenario, out, out / "events.jsonl", size)


if __name__ == "__main__":
    sys.exit(main())
