"""The power modules as the station knows them (controller.power_modules): hot ones left out
with hysteresis, faults that latch, and the codes about the modules as a whole."""

from __future__ import annotations

from controller.active_codes import ActiveCodes
from controller.boards import PsuStatus, PsuThermal
from controller.clock import FakeClock
from controller.config import LimitsSection
from controller.power_modules import CODE_NO_PSU, CODE_PSU_INLET_OTP, CODE_PSU_OTP, CODE_PSU_QUANTITY, PowerModules


class Modules:
    """Two configured modules, their codes, and whether the self-test is over."""

    def __init__(self, count: int = 2) -> None:
        self.ready = False
        self.stops: list[str] = []
        self.codes = ActiveCodes(FakeClock(), lambda code, side: None, lambda code, side, why: self.stops.append(code))
        self.modules = PowerModules(LimitsSection(psu_count=count), self.codes, lambda: self.ready)

    def status(self, index: int, heatsink_c: float = 40.0, fault: str = "") -> None:
        self.modules.on_status(PsuStatus(index, True, 400.0, 50.0, heatsink_c, fault))

    def active(self) -> set[str]:
        return {c.code for c in self.codes.active}


def test_a_hot_module_is_left_out_until_it_is_cooler_by_the_hysteresis() -> None:
    m = Modules()
    m.status(0)
    m.status(1)
    assert m.modules.healthy() == [0, 1]
    m.status(0, heatsink_c=95.0)  # at [limits].psu_over_temperature_c
    assert m.modules.healthy() == [1] and CODE_PSU_OTP in m.active()
    m.status(0, heatsink_c=91.0)  # below the limit, within the 5 °C hysteresis
    assert m.modules.healthy() == [1]
    m.status(0, heatsink_c=90.0)
    assert m.modules.healthy() == [0, 1] and CODE_PSU_OTP not in m.active()


def test_the_inlet_code_clears_only_when_no_module_is_hot_for_it() -> None:
    m = Modules()
    m.modules.on_thermal(PsuThermal(0, 80.0))
    m.modules.on_thermal(PsuThermal(1, 80.0))
    m.modules.on_thermal(PsuThermal(0, 30.0))
    assert CODE_PSU_INLET_OTP in m.active()
    m.modules.on_thermal(PsuThermal(1, 30.0))
    assert CODE_PSU_INLET_OTP not in m.active()


def test_a_modules_fault_keeps_it_out_until_a_power_cycle_and_a_warning_clears() -> None:
    m = Modules()
    m.status(0, fault="012315")  # a warning: clears with the module's report
    m.status(0)
    assert m.modules.healthy() == [0] and not m.active()
    m.status(1, fault="041000")  # a fault: latches
    m.status(1)
    assert m.modules.healthy() == [0] and "041000" in m.active()
    assert m.modules.fault_codes() == ["", "041000"]


def test_the_codes_about_the_modules_as_a_whole_wait_for_the_end_of_the_self_test() -> None:
    m = Modules()
    m.status(0, fault="041000")
    m.modules.update_resource()
    m.modules.check_quantity()
    assert not m.active() - {"041000"}, "still testing: nothing about the modules as a whole"
    m.ready = True
    m.modules.update_resource()
    m.modules.check_quantity()
    assert {CODE_NO_PSU, CODE_PSU_QUANTITY} <= m.active()
    assert CODE_NO_PSU in m.stops, "no module left: a blocking code"


def test_a_module_beyond_the_configured_count_is_not_used_and_raises_the_quantity_code() -> None:
    m = Modules(count=1)
    m.ready = True
    m.status(0)
    m.status(2)
    assert m.modules.healthy() == [0] and len(m.modules.psus) == 1
    assert CODE_PSU_QUANTITY in m.active()
