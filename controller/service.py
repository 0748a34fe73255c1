"""The controller without a screen, as a process: its arguments, its state on standard output.

Shared by the two headless entry points: ``python -m controller`` (the charger's own
hardware) and ``python -m controller.sim`` (the simulated hardware, driven from standard
input: the power-cut tests' process).  Standard output gets one JSON line whenever a
connector's state changes: ``{"phase": "ready", "states": ["charging", "available"],
"energy_wh": [1234, 0]}``.  SIGTERM or ``quit`` on standard input shuts down cleanly (the
last readings saved).

Under systemd (``deploy/evse-controller.service``, ``Type=notify``) the process says READY=1
once the self-test has ended, keeps a STATUS= line, feeds the watchdog while the controller
loop cycles (:mod:`controller.service_watchdog`) and says STOPPING=1 when a signal stops it
(not when it ends by itself: under the release launcher, which runs the next version, that
would make systemd stop the whole service). Standard input at ``/dev/null`` (a service's) is
no input: only a signal stops the process then.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from controller.config import Config, ConfigError, load
from controller.logs import configure as configure_logging
from controller.runtime import ControllerRuntime
from controller.service_status import ServiceNotifier
from controller.service_watchdog import Liveness, WatchdogPinger, controller_age
from controller.view import StationView

#: How often the process looks whether the controller asked to end (an installed update).
EXIT_POLL_S = 0.5

#: Carries out one line of standard input, split into words (ValueError: not a command).
LineHandler = Callable[[list[str]], None]


def load_arguments(prog: str, description: str, argv: list[str] | None) -> tuple[Config, str | None] | None:
    """``--config FILE --csms URL --log-level LEVEL``: the configuration and the central
    system's URL, logging set up; None (after saying why) when the configuration is refused."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
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
        print(f"{prog}: {exc}", file=sys.stderr)
        return None
    return config, arguments.csms


def serve(runtime: ControllerRuntime, hands: LineHandler | None = None) -> int:
    """Run ``runtime`` until SIGTERM or ``quit`` on standard input, reporting state changes;
    other input lines go to ``hands`` (the simulated hardware), when there are any."""
    last: list[tuple[str, ...]] = []

    def report(view: StationView) -> None:
        states = tuple(c.state for c in view.connectors)
        if last and last[0] == states:
            return
        last[:] = [states]
        energy = [c.session.energy_wh if c.session else 0 for c in view.connectors]
        print(json.dumps({"phase": view.phase.value, "states": states, "energy_wh": energy}), flush=True)

    done = threading.Event()
    signalled = threading.Event()  # systemd (or a person) asked it to stop, as opposed to `quit`

    def on_sigterm(*_: object) -> None:
        signalled.set()
        done.set()

    signal.signal(signal.SIGTERM, on_sigterm)
    notifier = ServiceNotifier()
    pinger = WatchdogPinger([Liveness("the controller loop", lambda: controller_age(runtime))])
    runtime.subscribe(report)
    runtime.subscribe(notifier.view)
    pinger.start()
    try:
        runtime.start()
        reader = threading.Thread(target=_read_commands, args=(hands, done), daemon=True)
        reader.start()
        try:
            while not done.wait(EXIT_POLL_S) and runtime.exit_code is None:
                pass
        except KeyboardInterrupt:
            signalled.set()
        if signalled.is_set():
            notifier.stopping()
        runtime.stop()
    finally:
        pinger.stop()
    return runtime.exit_code or 0


def _read_commands(hands: LineHandler | None, done: threading.Event) -> None:
    """Standard input, one command per line, until ``quit`` or its end; none at all when it
    is ``/dev/null`` (under systemd), whose immediate end must not stop the charger."""
    if _no_input():
        return
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if hands is None:
            print("controller: no simulated hardware here (python -m controller.sim has it)", file=sys.stderr)
            continue
        try:
            hands(words)
        except ValueError:
            print(f"controller: unknown command {line.strip()!r}", file=sys.stderr)
    done.set()


def _no_input() -> bool:
    """Standard input is closed or ``/dev/null``."""
    try:
        return os.path.samestat(os.fstat(sys.stdin.fileno()), os.stat(os.devnull))
    except (OSError, ValueError, AttributeError):
        return True
