"""The boards' self-test at start-up, and the watchdog that listens to them afterwards.

At start-up the station asks every board it expects (its connector boards, the configured
power modules, the I/O board and the LED board) to test itself, again every
:data:`SELF_TEST_RETRY_S`, until all have answered and sent their status, or
``[limits].self_test_timeout_s`` has passed.  A failed answer raises the board's code, a
connector board of the wrong standard 012287, and a board that never answered its
self-test code.  After that the watchdog raises a board's communication code when its
status frames stop for :data:`BOARD_SILENCE_S`, and clears it when they come again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Protocol

from controller.active_codes import ActiveCodes
from controller.boards import (
    IO_BOARD,
    LED_BOARD,
    BoardBus,
    SelfTestAnswer,
    SelfTestRequest,
    connector_node,
    node_psu,
    node_side,
    psu_node,
)
from controller.power_modules import PowerModules
from controller.types import Side, Standard

log = logging.getLogger(__name__)

CODE_PSU_SELF_TEST = "012286"
CODE_IO_BOARD_SELF_TEST = "012280"
CODE_MODEL_MISMATCH = "012287"
CODE_LED_BOARD_SELF_TEST = "012293"
CODE_PSU_COMMUNICATION = "012240"  # a power module fell silent: it is not used until it speaks again
CODE_IO_BOARD_COMMUNICATION = "012247"  # the I/O board (relay control / smart box) fell silent
#: A connector board fell silent: its plug, lock and contactor state are unknown.
BOARD_COMMUNICATION_CODES = {Standard.CHADEMO: "012249", Standard.CCS1: "012248", Standard.GBT: "012250"}
BOARD_SELF_TEST_CODES = {Standard.CHADEMO: "012283", Standard.CCS1: "012284", Standard.GBT: "012291"}

#: Watchdog: a board whose status frame (every 0.1 s) has not come for this long is silent.
BOARD_SILENCE_S = 1.0
#: The self-test request is repeated this often until every board has answered.
SELF_TEST_RETRY_S = 1.0


class Connector(Protocol):
    """What the self-test needs of a connector: its standard, and where to note the reported one."""

    standard: Standard
    reported_standard: Standard | None


class SelfTest:
    """The self-test (``expected``, ``answered``, ``results``) and then the watchdog."""

    def __init__(self, connectors: Mapping[Side, Connector], version: str, timeout_s: float,
                 boards: BoardBus, codes: ActiveCodes, modules: PowerModules) -> None:
        self.connectors = connectors
        self.version = version
        self.timeout_s = timeout_s
        self.boards = boards
        self.codes = codes
        self.modules = modules
        self.sequence = 1
        self.started_at: float | None = None
        self.last_request_at = -1e9
        self.expected = ({connector_node(side) for side in connectors}
                         | {psu_node(index) for index in range(len(modules.psus))} | {IO_BOARD, LED_BOARD})
        self.answered: set[str] = set()
        self.results: dict[str, str] = {}  # board -> "passed" / "failed 012284" (the engineer screen)
        self.ready_at = 0.0
        self.silent: set[str] = set()  # boards the watchdog has reported silent

    # --- the self-test ----------------------------------------------------------------------

    def on_answer(self, answer: SelfTestAnswer) -> None:
        """A board's answer while the self-test runs (one per board, to this run's request)."""
        node = answer.node
        if answer.sequence != self.sequence or node not in self.expected or node in self.answered:
            return
        code = answer.result_code
        self.answered.add(node)
        self.results[node] = f"failed {code}" if code else "passed"
        index = node_psu(node)
        if index is not None:
            psu = self.modules.psus[index]
            psu.answered_self_test = True
            psu.failed_self_test = bool(code)
            if answer.rated_power_w:
                psu.rated_w = answer.rated_power_w
        if code:
            self.codes.raise_code(code, answer.side, blocking=index is None)
        if answer.side is not None:
            connector = self.connectors[answer.side]
            connector.reported_standard = answer.standard
            if answer.standard is not connector.standard:
                log.error("%s reports %s but version %s fits %s", node, answer.standard, self.version,
                          connector.standard.display_name)
                self.codes.raise_code(CODE_MODEL_MISMATCH, answer.side, blocking=True)

    def run(self, now: float) -> bool:
        """Ask (again) when due; True once every board has answered and spoken, or the time is up
        (the missing ones' codes raised)."""
        if self.started_at is None:
            self.started_at = now
        if now - self.last_request_at >= SELF_TEST_RETRY_S:
            self.boards.send(SelfTestRequest(self.sequence), now)
            self.last_request_at = now
        done = self.answered >= self.expected and self._heard_from_answered()
        if not done and now - self.started_at < self.timeout_s:
            return False
        for node in sorted(self.expected - self.answered):
            self._raise_missing(node)
        self.ready_at = now
        return True

    def _heard_from_answered(self) -> bool:
        """Every board that answered the self-test has also sent its status frame: the station
        knows its plugs, codes, modules and safety inputs before it says Ready.  A self-test can
        answer faster than a status period (a restart, a fast cycle, a busy bus), and Ready before
        that would report a broken connector Available, or no power module (012279), for a moment."""
        return all(self.boards.last_heard(node) is not None for node in self.answered
                   if self.boards.sends_status(node))

    def _raise_missing(self, node: str) -> None:
        log.error("board %s did not answer the self-test", node)
        side = node_side(node)
        if side is not None:
            self.codes.raise_code(BOARD_SELF_TEST_CODES[self.connectors[side].standard], side, blocking=True)
        elif node_psu(node) is not None:
            self.codes.raise_code(CODE_PSU_SELF_TEST, None, blocking=False)
        elif node == IO_BOARD:
            self.codes.raise_code(CODE_IO_BOARD_SELF_TEST, None, blocking=True)
        elif node == LED_BOARD:
            self.codes.raise_code(CODE_LED_BOARD_SELF_TEST, None, blocking=True)

    # --- the watchdog -----------------------------------------------------------------------

    def watch(self, now: float) -> None:
        """A board that answered the self-test and then sends no status frame for
        :data:`BOARD_SILENCE_S` raises its communication code (a connector board's or the I/O
        board's stops charging there: plug, lock or emergency stop can no longer be seen; a
        silent power module is left out of the split); the code clears when frames come again."""
        started = self.started_at or 0.0
        for node in self.answered:
            if node == LED_BOARD:
                continue
            heard = self.boards.last_heard(node)
            silent = now - (max(started, self.ready_at) if heard is None else heard) > BOARD_SILENCE_S
            if silent == (node in self.silent):
                continue
            side = node_side(node)
            index = node_psu(node)
            if side is not None and side in self.connectors:
                code, blocking = BOARD_COMMUNICATION_CODES[self.connectors[side].standard], True
            elif index is not None:
                code, blocking = CODE_PSU_COMMUNICATION, False
            else:
                code, blocking = CODE_IO_BOARD_COMMUNICATION, True
            if silent:
                log.error("board %s silent for %.1f s: raising %s", node, BOARD_SILENCE_S, code)
                self.silent.add(node)
                if index is not None:
                    self.modules.lost(index)
                self.codes.raise_code(code, side, blocking)
            else:
                log.warning("board %s speaks again: clearing %s", node, code)
                self.silent.discard(node)
                if not (code == CODE_PSU_COMMUNICATION and any(node_psu(n) is not None for n in self.silent)):
                    self.codes.clear(code, side)
            self.modules.update_resource()
