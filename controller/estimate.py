"""Time to the EV's target state of charge, from a charge model rather than a constant power.

The charger does not know a car's own charge map, so it assumes the typical shape: the
power it delivers now holds until a knee around 80 % (constant current), then falls
steadily towards the top (constant voltage).  A session already past the knee is scaled
from where it is.  The energy still to go is the reported capacity times the SOC still
to go, divided by the charging efficiency.
"""

from __future__ import annotations

import math

#: Above this SOC (%) a typical car's charging power falls (constant voltage).
TAPER_KNEE_SOC = 80.0
#: Share of the power before the knee that is left at 100 %.
TAPER_FLOOR = 0.15
#: Below this power (W) there is no meaningful estimate (ramping up, paused).
MIN_POWER_W = 500.0
#: Share of the delivered energy the battery keeps: the cable and the pack's resistance
#: turn the rest into heat (a few %).
CHARGING_EFFICIENCY = 0.96


def taper(soc: float) -> float:
    """Share (0..1) of its pre-knee power a typical car takes at ``soc`` (%)."""
    if soc <= TAPER_KNEE_SOC:
        return 1.0
    fraction = (min(soc, 100.0) - TAPER_KNEE_SOC) / (100.0 - TAPER_KNEE_SOC)
    return 1.0 - (1.0 - TAPER_FLOOR) * fraction


def time_to_target_s(soc: float, target_soc: float, capacity_kwh: float, power_w: float,
                     granted_w: float | None = None) -> float | None:
    """Seconds until ``target_soc`` at the present ``power_w``, following :func:`taper`.

    ``granted_w`` (what the charger allows this connector now) caps the power assumed
    before the knee.  None when it cannot be told (no capacity, or hardly any power).
    """
    if capacity_kwh <= 0:
        return None
    if target_soc <= soc:
        return 0.0
    if power_w < MIN_POWER_W:
        return None
    before_knee = power_w / taper(soc)
    if granted_w is not None and granted_w > 0:
        before_knee = min(before_knee, max(granted_w, power_w))
    # the time to add one % of SOC is proportional to 1 / taper(soc): integrate it in closed form
    slope = (1.0 - TAPER_FLOOR) / (100.0 - TAPER_KNEE_SOC)
    target = min(target_soc, 100.0)
    percent_equivalent = max(0.0, min(target, TAPER_KNEE_SOC) - soc)
    if target > TAPER_KNEE_SOC:
        percent_equivalent += math.log(taper(max(soc, TAPER_KNEE_SOC)) / taper(target)) / slope
    energy_wh = capacity_kwh * 1000.0 / 100.0 * percent_equivalent / CHARGING_EFFICIENCY
    return energy_wh / before_knee * 3600.0
