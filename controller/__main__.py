"""The controller without a screen: ``python -m controller [--config FILE] [--csms URL]``.

Runs :class:`~controller.runtime.ControllerRuntime` (the station, the OCPP client when a central
system is configured) in real time, with no Qt at all: for a charger without a kiosk, and for
tests that kill the real process.  With ``[simulation].enabled`` the simulated hardware is on
its bus (the configuration picks it: :func:`controller.sim.panel.build_runtime`).

Standard input then takes the simulator panel's hands, one per line: ``plug SIDE``, ``unplug SIDE``
(0 = left, 1 = right), ``tap UID``, ``estop 0|1``, ``quit``.  Standard output gets one JSON
line whenever a connector's state changes: ``{"states": ["charging", "available"], "energy_wh":
[1234, 0]}``.  SIGTERM or ``quit`` shuts down cleanly (the last readings saved).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from controller.config import Config, ConfigError, load
from controller.logs import configure as configure_logging
from controller.runtime import ControllerRuntime
from controller.view import StationView

#: Carries out one line of standard input, split into words (ValueError: not a command).
LineHandler = Callable[[list[str]], None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m controller", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, help="station configuration (TOML)")
    parser.add_argument("--csms", help="central system URL; the last path segment is the charge point id")
    parser.add_argument("--log-level", default="WARNING")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=arguments.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load(arguments.config)
        configure_logging(config.logging, logging.getLevelName(arguments.log_level.upper()))
    except ConfigError as exc:
        print(f"controller: {exc}", file=sys.stderr)
        return 2
    runtime, hands = _runtime(config, arguments.csms)
    last: list[tuple[str, ...]] = []

    def report(view: StationView) -> None:
        states = tuple(c.state for c in view.connectors)
        if last and last[0] == states:
            return
        last[:] = [states]
        energy = [c.session.energy_wh if c.session else 0 for c in view.connectors]
        print(json.dumps({"phase": view.phase.value, "states": states, "energy_wh": energy}), flush=True)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    runtime.subscribe(report)
    runtime.start()
    reader = threading.Thread(target=_read_commands, args=(hands, done), daemon=True)
    reader.start()
    with contextlib.suppress(KeyboardInterrupt):
        done.wait()
    runtime.stop()
    return 0


def _runtime(config: Config, csms_url: str | None) -> tuple[ControllerRuntime, LineHandler | None]:
    """The controller; with ``[simulation].enabled`` the simulated hardware on its bus too, and
    the panel's hands for standard input (the simulator is loaded only then)."""
    if not config.simulation.enabled:
        return ControllerRuntime(config, csms_url=csms_url), None
    from controller.sim.panel import build_runtime, parse_action

    runtime, panel = build_runtime(config, csms_url)
    assert panel is not None

    def hands(words: list[str]) -> None:
        panel.act(parse_action(words))

    return runtime, hands


def _read_commands(hands: LineHandler | None, done: threading.Event) -> None:
    """The simulator panel's hands from standard input, one per line, until ``quit`` or its end."""
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if hands is None:
            print("controller: no simulated hardware ([simulation].enabled = false)", file=sys.stderr)
            continue
        try:
            hands(words)
        except ValueError:
            print(f"controller: unknown command {line.strip()!r}", file=sys.stderr)
    done.set()


if __name__ == "__main__":
    sys.exit(main())
