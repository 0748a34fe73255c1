"""The simulated charger as a process: ``python -m controller.sim [--config FILE] [--csms URL]``.

The controller of ``python -m controller`` with the simulated hardware on its bus
(:func:`controller.sim.panel.build_runtime`): the process the power-cut tests kill.
Standard input takes the simulator panel's hands, one per line: ``plug SIDE``, ``unplug
SIDE`` (0 = left, 1 = right), ``tap UID``, ``estop 0|1``, ``quit``; and, for the watchdog
tests, ``stall SECONDS``: the controller's loop hangs that long (a blocking call on it).
Standard output, SIGTERM and systemd's notifications: see :mod:`controller.service`.
"""

from __future__ import annotations

import dataclasses
import sys
import time

from controller.service import load_arguments, serve
from controller.sim.panel import build_runtime, parse_action


def main(argv: list[str] | None = None) -> int:
    loaded = load_arguments("python -m controller.sim", __doc__.splitlines()[0], argv)
    if loaded is None:
        return 2
    config, csms_url = loaded
    if not config.simulation.enabled:
        config = dataclasses.replace(config, simulation=dataclasses.replace(config.simulation, enabled=True))
    runtime, panel = build_runtime(config, csms_url)
    assert panel is not None

    def hands(words: list[str]) -> None:
        if words[0] == "stall" and len(words) == 2:
            seconds = float(words[1])
            runtime.call(lambda: time.sleep(seconds))  # blocks the loop, as a hung cycle would
            return
        panel.act(parse_action(words))

    return serve(runtime, hands)


if __name__ == "__main__":
    sys.exit(main())
