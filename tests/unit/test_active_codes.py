"""The status codes in force (controller.active_codes): raised once, a blocking one stops the
sessions it concerns, cleared into the history with its reading, latched across a soft reset."""

from __future__ import annotations

from controller.active_codes import ActiveCodes, Readings, measurement
from controller.clock import FakeClock
from controller.session import StopReason
from controller.store import LatchedCode
from controller.types import Side
from controller.view import ActiveCode, Measurement

READINGS = Readings(input_voltage_v=531.4, ambient_c=71.26, cabinet_c=30.0, psu_inlet_c=(30.0, 77.04),
                    psu_heatsink_c=(), output_v=(398.96, 401.2), output_a=(12.0, 3.0))


class Codes:
    """ActiveCodes with the stops it asked for recorded."""

    def __init__(self) -> None:
        self.clock = FakeClock()
        self.stops: list[tuple[str, Side | None, StopReason]] = []
        self.codes = ActiveCodes(self.clock, lambda code, side: measurement(code, READINGS),
                                 lambda *stop: self.stops.append(stop))


def test_a_code_is_raised_once_newest_first() -> None:
    codes = Codes().codes
    codes.raise_code("013602", Side.LEFT, blocking=False)
    codes.raise_code("012294", None, blocking=False)
    codes.raise_code("013602", Side.LEFT, blocking=False)
    assert codes.active == [ActiveCode("012294", None, False), ActiveCode("013602", Side.LEFT, False)]
    assert codes.for_side(Side.LEFT) == ("012294", "013602") and codes.for_side(Side.RIGHT) == ("012294",)
    assert len(codes.history) == 2


def test_a_blocking_code_stops_the_sessions_it_concerns_and_blocks_its_side() -> None:
    codes = Codes()
    codes.codes.raise_code("013602", Side.LEFT, blocking=False)
    codes.codes.raise_code("012248", Side.RIGHT, blocking=True)
    codes.codes.raise_code("012251", None, blocking=True, reason=StopReason.EMERGENCY_STOP)
    assert codes.stops == [("012248", Side.RIGHT, StopReason.FAULT), ("012251", None, StopReason.EMERGENCY_STOP)]
    codes.codes.clear("012251", None)
    assert codes.codes.blocked(Side.RIGHT) and not codes.codes.blocked(Side.LEFT)


def test_a_cleared_code_goes_into_the_history_with_the_reading_it_was_raised_for() -> None:
    codes = Codes()
    codes.codes.raise_code("012294", None, blocking=False)
    assert codes.codes.reading("012294", None) == Measurement("input", 531, "V")
    codes.clock.advance(60)
    codes.codes.clear("012294", None)
    codes.codes.clear("012294", None)  # not in force: nothing more
    raised, cleared = codes.codes.history
    assert (raised.raised, cleared.raised) == (True, False)
    assert cleared.measurement == Measurement("input", 531, "V") and (cleared.at - raised.at).seconds == 60
    assert codes.codes.reading("012294", None) is None and not codes.codes.active


def test_what_each_code_is_about() -> None:
    assert measurement("012223", READINGS) == Measurement("ambient", 71.3, "C")
    assert measurement("012225", READINGS) == Measurement("PSU inlet", 77.0, "C")
    assert measurement("012226", READINGS) is None, "no module present: no reading"
    assert measurement("012288", READINGS) == Measurement("output", 401.2, "V")
    assert measurement("012299", READINGS) == Measurement("output", 12.0, "A")
    assert measurement("013602", READINGS) is None


def test_latching_codes_are_kept_across_a_soft_reset_as_they_were() -> None:
    before = Codes().codes
    before.raise_code("011011", Side.LEFT, blocking=True)  # relay welding: latches
    before.raise_code("041000", None, blocking=False)  # a module's fault: latches, names its modules
    before.raise_code("013602", Side.LEFT, blocking=False)  # information: does not latch
    kept = before.latched(["041000", "", "041000"])
    assert kept == [LatchedCode("011011", 1, 0, True, None), LatchedCode("041000", 0, 1, False, None),
                    LatchedCode("041000", 0, 3, False, None)]
    after = Codes()
    for latched in kept:
        after.codes.restore(latched)
    assert after.codes.active == [ActiveCode("041000", None, False), ActiveCode("011011", Side.LEFT, True)]
    assert after.stops == [], "restored before the self-test: no session to stop"
