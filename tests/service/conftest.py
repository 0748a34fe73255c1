"""A real notification socket per test (a short path: a Unix socket's path has 107 bytes at most)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.service.notify_listener import NotifyListener


@pytest.fixture
def listener() -> Iterator[NotifyListener]:
    with tempfile.TemporaryDirectory(prefix="sdnotify-") as directory:
        notify = NotifyListener(Path(directory) / "notify.sock")
        try:
            yield notify
        finally:
            notify.close()
