"""Where the charger's log goes: stderr always, and a size-capped rotating file when
``[logging].file`` is set, so the log can never fill the disk.  Secrets are kept out by
the OCPP side's redacting filter (:mod:`controller.ocpp.connection`), which sits on the
loggers that could see them, before any handler."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from controller.config import ConfigError, LoggingSection

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure(section: LoggingSection, level: int = logging.INFO) -> RotatingFileHandler | None:
    """Log to stderr at ``level`` and, when configured, to a rotating file; returns the file
    handler (None for stderr only).  Raises ConfigError naming the field when the file
    cannot be opened."""
    logging.basicConfig(level=level, format=FORMAT)
    if not section.file:
        return None
    from logging.handlers import RotatingFileHandler  # socket, pickle, queue: only for a log file

    path = Path(section.file)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=section.max_bytes, backupCount=section.backups,
                                      encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"[logging].file: cannot write {path}: {exc.strerror or exc}") from None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    logging.getLogger().addHandler(handler)
    return handler
