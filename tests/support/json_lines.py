"""Reading a JSON-lines log that another process may be writing at this very moment."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_json_lines(path: Path) -> list[Any]:
    """The complete lines of ``path`` (none when it does not exist yet), parsed: a last line
    without its newline is still being written, and is left for the next read."""
    if not path.exists():
        return []
    text = path.read_text()
    return [json.loads(line) for line in text[:text.rfind("\n") + 1].splitlines() if line.strip()]
