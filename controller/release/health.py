"""The running application's side of a trial: it says it is healthy, the launcher keeps it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from controller.release.launcher import ENV_ROOT, ENV_TRIAL, ENV_VERSION, confirm_trial
from controller.release.version import running_version

log = logging.getLogger(__name__)


def confirm_healthy() -> None:
    """Called once the self-test passed and (when a backend is configured) the backend accepted
    the charger: a version on trial is confirmed and will not be rolled back. A no-op outside a
    managed install (no ``EVSE_RELEASE_ROOT``) or when this version is not on trial."""
    root = os.environ.get(ENV_ROOT)
    if not root:
        return
    version = os.environ.get(ENV_VERSION) or running_version()
    if confirm_trial(Path(root), version):
        log.info("version %s confirmed healthy: the trial is over", version)
    elif os.environ.get(ENV_TRIAL):
        log.warning("version %s was started as a trial that is no longer pending", version)
