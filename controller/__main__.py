"""The controller without a screen: ``python -m controller [--config FILE] [--csms URL]``.

Runs :class:`~controller.runtime.ControllerRuntime` (the station, the OCPP client when a central
system is configured) in real time on the charger's own hardware, with no Qt at all: for a
charger without a kiosk.  The simulated charger is ``python -m controller.sim``.  Standard
output and SIGTERM: see :mod:`controller.service`.
"""

from __future__ import annotations

import sys

from controller.runtime import ControllerRuntime
from controller.service import load_arguments, serve


def main(argv: list[str] | None = None) -> int:
    loaded = load_arguments("python -m controller", __doc__.splitlines()[0], argv)
    if loaded is None:
        return 2
    config, csms_url = loaded
    if config.simulation.enabled:
        print("python -m controller: [simulation].enabled is set: run the simulated charger with "
              "python -m controller.sim", file=sys.stderr)
        return 2
    return serve(ControllerRuntime(config, csms_url=csms_url))


if __name__ == "__main__":
    sys.exit(main())
