"""``evse-hmi``: the charger's kiosk, its desktop demo, and headless scenario runs.

    evse-hmi                         desktop demo on simulated hardware (scripted headless demo without a display)
    evse-hmi --offscreen             the real-time kiosk without a window (benchmarks, remote checks)
    evse-hmi --kiosk                 full screen, no cursor, no simulator panel
    evse-hmi --version-code B0B      pick the connector version (manual 2.2)
    evse-hmi --reader "Virtual PCD"  read cards from that PC/SC reader (pcscd) instead of the simulator only
    evse-hmi --scenario FILE --screenshots DIR [--events FILE]
                                     run a scripted scenario offscreen
    evse-hmi --csms ws://host:9000/ocpp/CP-1
                                     connect to this central system (OCPP 1.6J) as charge point CP-1
    evse-hmi --demo-csms             start the demo central system too and connect to it (make demo)
    evse-hmi --demo-csms --ocpp-version 2.0.1
                                     ... speaking only OCPP 2.0.1 (make demo OCPP_VERSION=2.0.1)
    evse-hmi codes 012251            a status code's description, family and troubleshooting steps
    evse-hmi codes --search fuse     the status codes whose description mentions a word
    evse-hmi engineer-pin            the [engineer].pin_hash line for a new engineer PIN
    evse-hmi display-check           what the panel, touch screen and backlight offer ([display])
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hmi import startup

if TYPE_CHECKING:  # imported in main(), once garbage collection is held
    from controller.config import Config

log = logging.getLogger("evse-hmi")

REPO = Path(__file__).resolve().parent.parent
SCENARIO_DIR = REPO / "scenarios"
DEMO_OUTPUT = Path("out") / "demo"
DEMO_CSMS_LOG = Path("out") / "csms.jsonl"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from controller.config import DEFAULT_CONFIG
    from controller.types import VERSIONS

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
    parser.add_argument("--csms", metavar="URL",
                        help="central system (OCPP 2.0.1 or 1.6J) ws:// or wss:// URL whose last path segment is the "
                             "charge point id; replaces [ocpp].url (also with --scenario)")
    parser.add_argument("--demo-csms", action="store_true",
                        help="desktop demo: start the demo central system (controller.sim.csms) and connect to it, "
                             "with its buttons on the simulator panel (ignored with --csms, --kiosk or no display)")
    parser.add_argument("--ocpp-version", choices=["auto", "1.6", "2.0.1"],
                        help="the OCPP version: the charger's [ocpp].version, and the one the demo central system "
                             "speaks (auto: both, the charger's first offer wins)")
    parser.add_argument("--size", default="1024x600", help="window size WIDTHxHEIGHT (default 1024x600)")
    parser.add_argument("--offscreen", action="store_true",
                        help="run the real-time kiosk without opening a window (benchmarks, remote checks)")
    parser.add_argument("--exit-on-screen", metavar="SCREEN",
                        help="run the kiosk (offscreen without a display), print the time of the first frame "
                             "showing SCREEN and exit (smoke tests, start-up benchmark)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log at debug level")
    return parser.parse_args(argv)


def build_config(args: argparse.Namespace) -> Config:
    from controller.config import DEFAULT_CONFIG, load

    config = load(args.config or DEFAULT_CONFIG)
    overrides: dict[str, dict] = {}
    if args.version_code:
        overrides["station"] = {"version": args.version_code}
    if args.time_factor is not None:
        overrides["simulation"] = {"time_factor": args.time_factor}
    if args.reader is not None:
        overrides["authorization"] = {"reader": args.reader}
    if args.ocpp_version is not None:
        overrides["ocpp"] = {"version": args.ocpp_version}
    return config.with_overrides(**overrides) if overrides else config


def demo_csms_version(ocpp_version: str | None) -> str:
    """What the demo central system speaks for ``--ocpp-version`` (none or auto: both)."""
    return ocpp_version if ocpp_version in ("1.6", "2.0.1") else "both"


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
    if words[:1] == ["report"]:  # the NEVI data from the store: plain Python, read-only
        from controller.report_cli import main as report_main

        return report_main(words[1:])
    if words[:1] == ["engineer-pin"]:
        from controller.engineer_cli import main as pin_main

        return pin_main(words[1:])
    if words[:1] == ["display-check"]:  # on site, before the kiosk owns the panel: no Qt application
        from controller.display_check import main as display_check_main

        return display_check_main(words[1:])
    # The start-up allocates a lot and the collector would walk it again and again: held until
    # the kiosk's self-test ends (hmi/startup.py), released at once for a scenario run.
    startup.hold_garbage_collection()
    try:
        return _run(words)
    finally:
        startup.release_garbage_collection()  # if nothing did (an error, a scenario)


def _run(words: list[str]) -> int:
    from controller.config import ConfigError
    from controller.logs import FORMAT as LOG_FORMAT
    from controller.logs import configure as configure_logging

    args = parse_args(words)
    level = logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format=LOG_FORMAT)
    try:
        config = build_config(args)
        configure_logging(config.logging, level)
    except ConfigError as exc:
        print(f"evse-hmi: configuration error: {exc}", file=sys.stderr)
        return 2
    startup.mark("configuration loaded")
    if args.csms is not None:
        from controller.ocpp.connection import EndpointError, endpoint_from_override

        try:
            endpoint_from_override(args.csms)
        except EndpointError as exc:
            print(f"evse-hmi: --csms: {exc}", file=sys.stderr)
            return 2
    size = parse_size(args.size)

    from hmi.display import has_display, use_offscreen_rendering

    if args.scenario is None and not args.offscreen:
        # [display] (the panel without a desktop): before Qt is imported; what is set wins
        from controller.display_launch import DisplayError
        from hmi.display import prepare_display

        try:
            launch = prepare_display(config.display, kiosk=args.kiosk)
        except (DisplayError, OSError) as exc:
            print(f"evse-hmi: [display]: {exc}", file=sys.stderr)
            return 2
        for name in launch.kept:
            log.info("display: %s from the environment kept over [display]", name)
    if args.scenario is not None:
        startup.release_garbage_collection()
        use_offscreen_rendering()
        return _run_scenario(config, args.scenario, args.screenshots, args.events, size, args.csms)
    if args.offscreen or (args.exit_on_screen is not None and not has_display()):
        use_offscreen_rendering()
    elif not has_display():
        startup.release_garbage_collection()
        use_offscreen_rendering()
        return _headless_demo(config, size)
    demo_csms = None
    csms_url = args.csms
    if args.demo_csms and csms_url is None and not args.kiosk:
        from controller.sim.csms_control import DemoCentralSystem

        demo_csms = DemoCentralSystem(DEMO_CSMS_LOG, ocpp_version=demo_csms_version(args.ocpp_version))
        try:
            demo_csms.start()
        except RuntimeError as exc:
            print(f"evse-hmi: the demo central system did not start ({exc}); going on without it", file=sys.stderr)
            demo_csms = None
        else:
            csms_url = demo_csms.charge_point_url(config.station.charge_point_id)
            # back within seconds when the presenter switches the central system on again
            config = config.with_overrides(ocpp={"reconnect_initial_s": 1.0, "reconnect_max_s": 5.0,
                                                 "reconnect_jitter_s": 1.0})
            print(f"evse-hmi: demo central system at {csms_url} (HTTP door on port {demo_csms.http_port}, "
                  f"frames in {DEMO_CSMS_LOG})", file=sys.stderr)
    # The kiosk builds and starts the controller after its first frame (hmi/desktop.py): the
    # controller's imports (python-can, cantools, the station) would hold the GIL the GUI needs.
    from hmi.desktop import run_desktop

    startup.mark("Qt and the kiosk's modules imported")
    try:
        return run_desktop(config, kiosk_mode=args.kiosk, size=size, exit_on_screen=args.exit_on_screen,
                           csms_url=csms_url, demo_csms=demo_csms)
    finally:
        if demo_csms is not None:
            demo_csms.stop()


def _run_scenario(config: Config, path: Path, screenshots: Path | None, events: Path | None,
                  size: tuple[int, int], csms_url: str | None = None) -> int:
    from hmi.headless import run_scenario

    if events is None:
        return run_scenario(config, path, screenshots, sys.stdout, size, csms_url)
    events.parent.mkdir(parents=True, exist_ok=True)
    with events.open("w", encoding="utf-8") as handle:
        return run_scenario(config, path, screenshots, handle, size, csms_url)


def _headless_demo(config: Config, size: tuple[int, int]) -> int:
    """No display: say so, and show a complete session on the configured version offscreen."""
    version = config.station.version
    scenario = SCENARIO_DIR / f"session-{version}.scn"
    out = DEMO_OUTPUT / version
    print(f"evse-hmi: no display found (set DISPLAY, or run under xvfb-run); running the scripted "
          f"{version} demo offscreen instead. Screenshots: {out}/  Events: {out}/events.jsonl", file=sys.stderr)
    # The scenario runs on a fake clock, which compresses time already; the live demo's time
    # factor (smaller batteries) would fill the EV before the script stops it.
    config = config.with_overrides(simulation={"time_factor": 1.0})
    return _run_scenario(config, scenario, out, out / "events.jsonl", size)


if __name__ == "__main__":
    sys.exit(main())
