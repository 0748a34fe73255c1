"""The power modules (PSUs) as the station knows them: present, healthy, hot, faulted.

:class:`PowerModules` applies the modules' status and thermal facts, keeps the over-temperature
codes with their hysteresis (manual 5.3.4: a hot module is switched off and left out of the
split, and charging goes on with the others at less power), the modules' own fault codes (a
fault keeps its module out until the charger is power-cycled, manual 5.3.3), and two codes
about the modules as a whole once the self-test is over: none healthy (012279) and fewer or
more answering than configured (013629).  Which module goes where is
:func:`controller.power.route`'s business.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from controller import fault_policy as policy
from controller.active_codes import ActiveCodes
from controller.boards import PsuStatus, PsuThermal, psu_node
from controller.config import LimitsSection
from controller.limits import ambient_derating, input_power_limit_w, over_temperature
from controller.power import Psu, Supply
from controller.safety import SafetyInputs
from controller.store import LatchedCode
from controller.types import Side

log = logging.getLogger(__name__)

CODE_NO_PSU = "012279"  # no power module left to charge with
CODE_PSU_QUANTITY = "013629"  # PSU quantity not match: the modules found differ from [limits].psu_count
CODE_PSU_INLET_OTP = "012225"  # PSU ambient/inlet OTP: that module is left out until it cools down
CODE_PSU_OTP = "012226"  # PSU critical point OTP (its heatsink): likewise


@dataclass
class PsuRuntime:
    """Everything the station knows about one power module (mutable, owned by PowerModules)."""

    index: int
    rated_w: float
    present: bool = False
    enabled: bool = False
    voltage: float = 0.0
    current: float = 0.0
    temperature: float = 25.0  # its hottest point, the heatsink (012226)
    inlet_temperature: float = 25.0  # the air it takes in (012225)
    fault_code: str = ""
    failed_self_test: bool = False
    answered_self_test: bool = False
    routed_to: Side | None = None
    hot: set[str] = field(default_factory=set)  # its over-temperature codes in force: left out meanwhile


class PowerModules:
    """The configured modules (``psus``) and the ones answering beyond them."""

    def __init__(self, limits: LimitsSection, codes: ActiveCodes, ready: Callable[[], bool]) -> None:
        self.limits = limits
        self.codes = codes
        self.ready = ready  # the self-test is over: the codes about the modules as a whole apply
        rated_w = limits.psu_rated_power_kw * 1000
        self.psus = [PsuRuntime(i, rated_w) for i in range(limits.psu_count)]
        self.extra: set[int] = set()  # modules answering beyond [limits].psu_count

    def on_status(self, fact: PsuStatus) -> None:
        """A module's status frame: its output, its heatsink, its fault code."""
        if fact.index >= len(self.psus):
            if fact.index not in self.extra:  # fitted but not configured: not used
                self.extra.add(fact.index)
                log.warning("%s answers but [limits].psu_count is %d: not used", psu_node(fact.index),
                            len(self.psus))
                self.check_quantity()
            return
        psu = self.psus[fact.index]
        # its first frame counts too: a module that missed the self-test (still booting) is used
        # when it comes, and the "no power module" it caused (012279) clears
        changed = not psu.present
        psu.present = True
        psu.enabled = fact.enabled
        psu.voltage = fact.output_voltage_v
        psu.current = fact.output_current_a
        psu.temperature = fact.heatsink_c
        changed |= self._temperature(psu, CODE_PSU_OTP, psu.temperature, self.limits.psu_over_temperature_c)
        # a fault (011/041) keeps the module out until the charger is power-cycled (manual 5.3.3)
        latched = bool(psu.fault_code) and policy.latches(psu.fault_code)
        code = fact.fault_code
        if code != psu.fault_code and not latched:
            if psu.fault_code:
                self.codes.clear(psu.fault_code, None)
            if code:
                self.codes.raise_code(code, None, blocking=False)
            psu.fault_code = code
            changed = True
        if changed:
            self.update_resource()

    def on_thermal(self, fact: PsuThermal) -> None:
        """A module's inlet air."""
        if fact.index >= len(self.psus):
            return  # fitted but not configured: not used (see on_status)
        psu = self.psus[fact.index]
        psu.inlet_temperature = fact.inlet_c
        if self._temperature(psu, CODE_PSU_INLET_OTP, psu.inlet_temperature, self.limits.psu_inlet_over_temperature_c):
            self.update_resource()

    def _temperature(self, psu: PsuRuntime, code: str, celsius: float, limit_c: float) -> bool:
        """A module's temperature against its limit, with hysteresis (manual 5.3.4: charging is
        enabled again after cooling down).  While ``code`` is in force for it the module is
        switched off and left out of the split (none left: 012279); the code clears when no
        module is hot for it any more.  Returns whether the module's state changed."""
        was_hot = code in psu.hot
        hot = over_temperature(celsius, was_hot, limit_c, self.limits.temperature_hysteresis_c)
        if hot == was_hot:
            return False
        if hot:
            log.warning("PSU_%d at %.0f °C (limit %.0f °C): raising %s", psu.index + 1, celsius, limit_c, code)
            psu.hot.add(code)
            self.codes.raise_code(code, None, blocking=False)
        else:
            log.info("PSU_%d cooled down to %.0f °C", psu.index + 1, celsius)
            psu.hot.discard(code)
            if not any(code in other.hot for other in self.psus):
                self.codes.clear(code, None)
        return True

    def lost(self, index: int) -> None:
        """The watchdog hears nothing from module ``index`` any more: not present, no current."""
        psu = self.psus[index]
        psu.present, psu.current = False, 0.0

    def healthy(self) -> list[int]:
        """The modules that may be routed: present, no fault, self-test passed, not hot."""
        return [psu.index for psu in self.psus
                if psu.present and not psu.fault_code and not psu.failed_self_test and not psu.hot]

    def supply(self, safety: SafetyInputs, external_limit_w: float | None) -> Supply:
        """What the station can give now: its healthy modules and the station-wide limits
        (the maximum, ambient derating, the AC supply, the backend's schedule)."""
        limits = self.limits
        max_w = limits.max_power_kw * 1000
        healthy = set(self.healthy())
        return Supply(
            psus=tuple(Psu(psu.index, psu.rated_w) for psu in self.psus if psu.index in healthy),
            max_power_w=max_w,
            temperature_limit_w=max_w * ambient_derating(safety.ambient_c, limits.derating_start_c,
                                                         limits.derating_end_c),
            input_limit_w=input_power_limit_w(safety.input_voltage_v, limits.input_voltage_v,
                                              limits.max_input_current_a),
            external_limit_w=external_limit_w,
        )

    def update_resource(self) -> None:
        """After the self-test: 012279 while no module is healthy."""
        if not self.ready():
            return
        if self.healthy():
            self.codes.clear(CODE_NO_PSU, None)
        elif not self.codes.has(CODE_NO_PSU, None):
            self.codes.raise_code(CODE_NO_PSU, None, blocking=True)

    def check_quantity(self) -> None:
        """After the self-test: 013629 when the modules found differ from the configured count
        (012286 names the missing ones)."""
        if not self.ready():
            return
        found = sum(1 for psu in self.psus if psu.present or psu.answered_self_test) + len(self.extra)
        if found != len(self.psus):
            log.warning("%d power modules found, %d configured: raising %s", found, len(self.psus),
                        CODE_PSU_QUANTITY)
            self.codes.raise_code(CODE_PSU_QUANTITY, None, blocking=False)

    def fault_codes(self) -> list[str]:
        """Each module's fault code ("" for none), by index."""
        return [psu.fault_code for psu in self.psus]

    def restore(self, latched: LatchedCode) -> None:
        """At start-up: the module a latched code kept out (see ActiveCodes.latched) is out again."""
        if 0 < latched.psu <= len(self.psus):
            self.psus[latched.psu - 1].fault_code = latched.code
