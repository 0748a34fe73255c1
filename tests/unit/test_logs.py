"""The log file rotates and cannot fill the disk; a bad [logging] setting names its field."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from controller.config import Config, ConfigError, LoggingSection
from controller.logs import configure


@pytest.fixture
def root_handlers() -> Iterator[None]:
    before = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_a_log_file_rotates_and_never_holds_more_than_its_cap(tmp_path: Path, root_handlers: None) -> None:
    section = LoggingSection(file=str(tmp_path / "logs" / "evse.log"), max_bytes=65_536, backups=2)
    handler = configure(section)
    assert handler is not None
    log = logging.getLogger("controller.test")
    for n in range(20_000):  # about 2 MB of log lines
        log.warning("line %05d %s", n, "x" * 60)
    handler.flush()
    files = sorted((tmp_path / "logs").iterdir())
    assert [f.name for f in files] == ["evse.log", "evse.log.1", "evse.log.2"]
    assert sum(f.stat().st_size for f in files) <= 3 * 65_536
    assert "line 19999" in files[0].read_text(encoding="utf-8"), "the newest lines are kept"


def test_without_a_file_the_log_goes_to_stderr_only(root_handlers: None) -> None:
    assert configure(LoggingSection()) is None


def test_bad_logging_settings_name_the_field(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[logging\].max_bytes"):
        Config().with_overrides(logging={"max_bytes": 10})
    with pytest.raises(ConfigError, match=r"\[logging\].backups"):
        Config().with_overrides(logging={"backups": 0})
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[logging\].file"):
        configure(LoggingSection(file=str(blocker / "evse.log")))
