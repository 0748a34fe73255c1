"""Larger text on the Status screen: fewer steps on a page (their larger lines would not fit three),
the same steps in the same order over the pages, and the pager counting the extra pages."""

from __future__ import annotations

from dataclasses import replace

from controller.status_codes import lookup
from hmi.format import Formatter
from hmi.presenter import STEPS_PER_PAGE, STEPS_PER_PAGE_LARGE_TEXT, kiosk_values
from hmi.preview_samples import status


def pages(large_text: bool) -> list[tuple[str, int, tuple[str, ...]]]:
    view = replace(status(), large_text=large_text)
    count = kiosk_values(view, Formatter()).statusCount
    shown = [kiosk_values(view, Formatter(), status_index=index) for index in range(count)]
    return [(page.statusCode, page.statusStepOffset, page.statusSteps) for page in shown]


def test_larger_text_shows_fewer_steps_a_page_and_every_step_in_order() -> None:
    normal, large = pages(False), pages(True)
    assert STEPS_PER_PAGE_LARGE_TEXT < STEPS_PER_PAGE
    assert len(large) > len(normal)
    assert all(len(steps) <= STEPS_PER_PAGE_LARGE_TEXT for _, _, steps in large)
    for code in {code for code, _, _ in normal}:
        in_order = [step for page_code, _, steps in normal if page_code == code for step in steps]
        assert [step for page_code, _, steps in large if page_code == code for step in steps] == in_order
        assert len(in_order) == len(lookup(code).steps)
        offsets = [offset for page_code, offset, _ in large if page_code == code]
        assert offsets == list(range(0, len(in_order), STEPS_PER_PAGE_LARGE_TEXT))
