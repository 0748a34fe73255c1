"""Split a report into NotifyReport requests that respect the items and bytes limits.

Sizes are those of the whole CALL frame as the ocpp library sends it (camelCase, no Nones,
compact separators, ``ensure_ascii``): ``[2,"<uuid4>","NotifyReport",{payload}]``, with the
payload's header at its longest (a 10-digit requestId and seqNo, a microsecond timestamp,
``"tbc":false``).  So a page fits whatever requestId, seqNo and unique id the sender uses.
EVerest libocpp measures the same frame (its NotifyReportRequestsSplitter, PR #295).
"""

from __future__ import annotations

import json
from typing import Any

from ocpp.charge_point import remove_nones, snake_to_camel_case

_WORST_HEADER = {"requestId": -2**31, "generatedAt": "2000-01-01T00:00:00.000000+00:00", "seqNo": 2**31 - 1,
                 "tbc": False}
_FRAME_ID = "00000000-0000-0000-0000-000000000000"  # a uuid4 string's length


class PageTooSmall(ValueError):  # noqa: N818
    """One ReportData alone is larger than BytesPerMessage."""


def frame_size(report_data: list[dict[str, Any]]) -> int:
    """Bytes of the NotifyReport CALL frame carrying ``report_data`` (snake_case dicts)."""
    payload = dict(_WORST_HEADER, reportData=remove_nones(snake_to_camel_case(report_data)))
    return len(json.dumps([2, _FRAME_ID, "NotifyReport", payload], separators=(",", ":")))


def pages(report_data: list[dict[str, Any]], items_per_message: int, bytes_per_message: int) -> list[list[dict]]:
    """``report_data`` in order, in pages of at most ``items_per_message`` entries whose frame is at
    most ``bytes_per_message`` bytes; never an empty page (no data: no page).  Raises
    :class:`PageTooSmall` when one entry does not fit on its own."""
    if items_per_message < 1:
        raise ValueError("items_per_message must be at least 1")
    empty = frame_size([])
    result: list[list[dict]] = []
    page: list[dict] = []
    size = empty
    for entry in report_data:
        entry_size = frame_size([entry]) - empty  # its JSON
        if empty + entry_size > bytes_per_message:
            raise PageTooSmall(f"one ReportData needs {empty + entry_size} bytes, the limit is {bytes_per_message}")
        added = entry_size + (1 if page else 0)  # the comma before it
        if page and (len(page) >= items_per_message or size + added > bytes_per_message):
            result.append(page)
            page, size, added = [], empty, entry_size
        page.append(entry)
        size += added
    if page:
        result.append(page)
    return result
