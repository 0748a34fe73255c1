"""Named moments where the power-cut tests kill the controller, deterministically.

``EVSE_CRASH_AT=<name>`` in the environment of ``python -m controller.sim`` makes the process
SIGKILL itself when it reaches :func:`crash_point` with that name: a power cut at
an exact instruction instead of a random one.  Without the variable (every charger) a crash
point is one comparison against None.  The names in use are the constants below.
"""

from __future__ import annotations

import os
import signal

ENVIRONMENT = "EVSE_CRASH_AT"
#: A session is recorded in the station's store; its StartTransaction is not yet queued.
SESSION_RECORDED = "session-recorded"
#: A session is recorded as finished in the station's store; its StopTransaction is not yet queued.
SESSION_FINISHED = "session-finished"

_ARMED = os.environ.get(ENVIRONMENT) or None


def crash_point(name: str) -> None:
    """Die here, as a power cut would, if the environment names this point."""
    if name == _ARMED:
        os.kill(os.getpid(), signal.SIGKILL)
