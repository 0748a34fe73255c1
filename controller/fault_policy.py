"""What a status code does to the charger: the fault policy of manual 5.3.3-5.3.7, as one table.

Pure functions of the six digits (and the catalog text); the station applies them.

======  ==================  ==============================================================
family  action              behaviour
======  ==================  ==============================================================
011     OUT_OF_SERVICE      blocks; stays in force after the board stops reporting it (or, for a
                            code the station raised itself, a welded relay, after the stop that
                            raised it), until the charger is power-cycled (5.3.3: "turn power
                            off ... then power on").  Power-cycled = a new
                            :class:`~controller.station.Station` after a process start, a hard
                            Reset or ``World.restart()``; a part still broken reports its code
                            again before the new self-test ends.  A soft Reset is no power
                            cycle: the codes that latch (:func:`latches`) are kept in the
                            station's store and the new station raises them again at start-up.
012     PAUSE               blocks while reported; charging is enabled again when it clears
                            (5.3.4: input voltage, temperatures, emergency stop, door,
                            power-cabinet link ...)
012241  NETWORK             WiFi / 3G/4G / Bluetooth module: 5.3.4 says code scanning and the
012242                      app are unavailable, "please change to RFID": QR code and app are
012244                      dimmed, charging goes on (012243, the RFID reader, has its own path)
013     INFORM              logged and shown; charging goes on (5.3.5)
023     END_SESSION         the EV's message: the session ends, and the code stays on its
                            connector (blocking a new start there) until the cable comes out,
                            step 1 of 5.3.6
033     INFORM              the network's message (5.3.7); 033900-033902 (backend lost) dim QR
                            code and app through the backend's own path
======  ==================  ==============================================================

The power cabinet's 04xxxx series follows its twin: 041 as 011, 042 as 012, 043 as 013.

What the driver is told (:func:`out_of_service`): Out of service while every code that blocks
the connector needs a technician (the 011 family, a failed start-up self-test, no power module
left), else the status screen with the code and what to do.

Scope: a code a connector board reports concerns that connector when its description names a
connector standard (CHAdeMO, CCS, GB/GBT), else the whole station ("AC input contactor 1
welding", "RCD/CCID self-test fail", "disconnected from power cabinet"); 04xxxx codes always
concern the whole station.

A power module's codes (its own fault code, its over-temperatures 012225/012226) act on that
module: it is switched off and left out of the split (011: until power-cycled; 012: while in
force), and charging goes on with the other modules at less power; with none left, "no PSU
resource" (012279) stops charging.  The station's own temperatures (ambient 012223, inside the
cabinet 012224) pause the whole station.  Every over-temperature clears with hysteresis
(``[limits].temperature_hysteresis_c`` below its limit), so a reading at the limit does not flap.
"""

from __future__ import annotations

import enum
import re

from controller.status_codes import format_code, lookup


class Action(enum.Enum):
    OUT_OF_SERVICE = "out_of_service"
    PAUSE = "pause"
    NETWORK = "network"
    INFORM = "inform"
    END_SESSION = "end_session"


#: What the charger does, for technicians (``evse-hmi codes``).
EFFECTS = {
    Action.OUT_OF_SERVICE: "takes its connector (or the station) out of service; stays after it clears until "
                           "the charger is power-cycled (manual 5.3.3)",
    Action.PAUSE: "stops and blocks charging while reported; charging is enabled again when it clears (manual 5.3.4)",
    Action.NETWORK: "QR code and app are unavailable while reported; RFID charging goes on (manual 5.3.4)",
    Action.INFORM: "logged and shown; charging goes on (manual 5.3.5, 5.3.7)",
    Action.END_SESSION: "ends the session on its connector; stays until the cable is unplugged (manual 5.3.6)",
}

#: 012 codes that only take the network away (manual 5.3.4, run 012241-012244 without 012243).
NETWORK_CODES = frozenset({"012241", "012242", "012244"})

_BY_FAMILY = {"011": Action.OUT_OF_SERVICE, "012": Action.PAUSE, "013": Action.INFORM,
              "023": Action.END_SESSION, "033": Action.INFORM}
_CONNECTOR_WORDS = re.compile(r"\b(CHAdeMO|CCS|GBT?)\b")


def twin(code: str) -> str:
    """The dispenser code a power-cabinet code mirrors (``042251`` -> ``012251``); others unchanged."""
    text = format_code(code)
    return "01" + text[2:] if text.startswith("04") else text


def action_for(code: str) -> Action:
    """What ``code`` does (see the module table); unknown families only inform."""
    dispenser = twin(code)
    if dispenser in NETWORK_CODES:
        return Action.NETWORK
    return _BY_FAMILY.get(dispenser[:3], Action.INFORM)


def latches(code: str) -> bool:
    """Whether ``code`` stays in force until the charger is power-cycled (the 011 family and
    its 041 twin): only such codes outlive an OCPP soft Reset."""
    return action_for(code) is Action.OUT_OF_SERVICE


def blocks_charging(action: Action) -> bool:
    return action in (Action.OUT_OF_SERVICE, Action.PAUSE, Action.END_SESSION)


#: 012 codes that put the charger out of service although their family only pauses: a failed
#: start-up self-test (012280-012287, 012291-012293; 012288-012290 between them are output
#: under-voltage warnings) and no power module left (012279).  They stay only while reported,
#: but nothing a driver does makes them go.
OUT_OF_SERVICE_CODES = frozenset(
    {f"{code:06d}" for code in (*range(12280, 12288), *range(12291, 12294))} | {"012279"})


def out_of_service(code: str) -> bool:
    """Whether ``code`` takes its connector (or the station) out of service until a technician
    acts (manual 5.3.3), rather than pausing it or leaving it to the driver: the kiosk says
    Out of service instead of showing the code's steps.  The codes that latch
    (:func:`latches`), and :data:`OUT_OF_SERVICE_CODES`."""
    return action_for(code) is Action.OUT_OF_SERVICE or format_code(code) in OUT_OF_SERVICE_CODES


def station_wide(code: str) -> bool:
    """Whether a code reported by a connector board concerns the whole station (see above)."""
    text = format_code(code)
    if text.startswith("04"):
        return True
    if text.startswith("023"):
        return False  # the EV on that connector
    return _CONNECTOR_WORDS.search(lookup(text).description) is None
