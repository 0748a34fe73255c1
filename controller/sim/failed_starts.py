"""Starts the simulated EV makes fail: at which handshake stage, and with which of its
standard's codes (the catalog's own, controller/data/status_codes.toml), so a scenario sees the
code a real board of that standard would report.

``refuse`` is the EV declining by itself (DBC ``EvStopReason`` EV request, no code): the
vehicle not in Park, or not permitting the charge yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from controller.types import BoardStage, Standard


@dataclass(frozen=True, slots=True)
class PlannedFailure:
    """The next start fails when the handshake reaches ``stage``: the board reports ``code``
    (0: none, the EV stops by itself instead)."""

    stage: BoardStage
    code: int


#: What each failure is, per standard: (stage, code).
FAILURES: dict[str, dict[Standard, PlannedFailure]] = {
    "communication": {  # 023700/023701/023702: EV communication fail (CCS: SLAC, V2G)
        Standard.CHADEMO: PlannedFailure(BoardStage.COMMUNICATION, 23700),
        Standard.CCS1: PlannedFailure(BoardStage.COMMUNICATION, 23701),
        Standard.GBT: PlannedFailure(BoardStage.COMMUNICATION, 23702),
    },
    "isolation": {  # CHAdeMO isolation result fail; CCS cable check (output short circuit); GB/T isolation fail
        Standard.CHADEMO: PlannedFailure(BoardStage.ISOLATION_TEST, 23731),
        Standard.CCS1: PlannedFailure(BoardStage.CABLE_CHECK, 23847),
        Standard.GBT: PlannedFailure(BoardStage.ISOLATION_TEST, 23913),
    },
    "precharge": {  # CHAdeMO EV relay on timeout; CCS precharge timeout; GB/T precharge timeout
        Standard.CHADEMO: PlannedFailure(BoardStage.PRECHARGE, 23722),
        Standard.CCS1: PlannedFailure(BoardStage.PRECHARGE, 23850),
        Standard.GBT: PlannedFailure(BoardStage.PRECHARGE, 23904),
    },
    "refuse": {standard: PlannedFailure(BoardStage.COMMUNICATION, 0) for standard in Standard},
}


def planned(failure: str, standard: Standard) -> PlannedFailure:
    """The failure named ``failure`` for ``standard`` (KeyError: no such failure)."""
    return FAILURES[failure][standard]
