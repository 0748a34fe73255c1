"""Sample station snapshots for :mod:`hmi.preview`: one :class:`StationView` per scene.

The samples are facts and numbers only, as the controller would publish them; every text on
the preview comes from the real presenter, so the preview can never say something the kiosk
would not.  Plain Python (no Qt).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from controller.queue import Waiting, WaitReason
from controller.session import ConnectorState
from controller.types import AuthMethod, BoardStage, LedColour, LedPattern, Side, Standard
from controller.view import (
    ActiveCode,
    ConnectorView,
    Contact,
    Limit,
    Notice,
    NoticeKind,
    PendingAuthorization,
    SessionView,
    StartFailureView,
    StationPhase,
    StationView,
)
from hmi.screens import Screen

#: The view's own state of a connector that a code in force blocks.
FAULTED = "faulted"
#: The samples' wall clock: 14:32 in Los Angeles (the preview formats in that time zone).
WALL = datetime(2026, 11, 25, 22, 32, tzinfo=UTC)
TIME_ZONE = "America/Los_Angeles"
CHARGE_POINT_ID = "EVSE-0042"
#: Who to call, as an operator would configure it ([station]; 555-01xx is a fictional number).
CONTACT = Contact("Pacific Charge Co.", "+1 (800) 555-0142", "1200 Harbor Blvd, Oakland, CA")
#: ... as [station] keys, for the kiosk rigs of the screen tests.
CONTACT_CONFIG = {"operator_name": CONTACT.operator, "helpdesk_phone": CONTACT.phone, "site_address": CONTACT.address}

#: The connector LED as the station drives it in each state (manual 2.3, ``Station._led``):
#: green ready (blinking while a driver's authorization waits for the cable, or to say
#: "unplug"), blue in use, red fault, yellow starting up or taken out of service.
_LED = {
    ConnectorState.UNAVAILABLE.value: (LedColour.YELLOW, LedPattern.BLINK),
    ConnectorState.AVAILABLE.value: (LedColour.GREEN, LedPattern.STEADY),
    ConnectorState.RESERVED.value: (LedColour.BLUE, LedPattern.STEADY),
    ConnectorState.INOPERATIVE.value: (LedColour.YELLOW, LedPattern.STEADY),
    ConnectorState.PLUGGED.value: (LedColour.GREEN, LedPattern.BLINK),
    ConnectorState.PREPARING.value: (LedColour.BLUE, LedPattern.BLINK),
    ConnectorState.CHARGING.value: (LedColour.BLUE, LedPattern.BREATHE),
    ConnectorState.STOPPING.value: (LedColour.BLUE, LedPattern.BLINK),
    ConnectorState.FINISHED.value: (LedColour.GREEN, LedPattern.BLINK),
    FAULTED: (LedColour.RED, LedPattern.STEADY),
}
_UNPLUGGED = {ConnectorState.UNAVAILABLE.value, ConnectorState.AVAILABLE.value, ConnectorState.RESERVED.value,
              ConnectorState.INOPERATIVE.value, FAULTED}


def connector(side: Side, standard: Standard, state: ConnectorState | str = ConnectorState.AVAILABLE,
              **changes: Any) -> ConnectorView:
    """A connector in ``state`` (a :class:`ConnectorState` or :data:`FAULTED`), its LED as the
    station would light it, idle readings, with ``changes`` applied."""
    state = state.value if isinstance(state, ConnectorState) else state
    colour, pattern = _LED[state]
    idle = ConnectorView(side=side, standard=standard, state=state, led_colour=colour, led_pattern=pattern,
                         plugged=state not in _UNPLUGGED, stage=int(BoardStage.IDLE), soc=None, target_soc=None,
                         power_w=0, voltage_dv=0, current_da=0, max_power_w=0, limit=Limit.EV, shared_power=False,
                         eta_seconds=None, session=None, codes=())
    return replace(idle, **changes)


def session(minutes: float, energy_wh: int, start_soc: int, cost: str | None = None, **changes: Any) -> SessionView:
    """A session that started ``minutes`` before :data:`WALL` and has charged ``energy_wh``."""
    started = WALL - timedelta(minutes=minutes)
    running = SessionView(energy_wh=energy_wh, charging_seconds=round(minutes * 60), start_soc=start_soc,
                          end_soc=None, cost=Decimal(cost) if cost is not None else None, stop_reason="",
                          stop_code="", summary_dismissed=False, authorized_by_card=True, started_wall=started)
    return replace(running, **changes)


def charging(side: Side, standard: Standard, **changes: Any) -> ConnectorView:
    """A session 23 minutes in at 45.2 kW (its chart one point per 20 s), with ``changes``."""
    return connector(side, standard, ConnectorState.CHARGING, **{
        "stage": int(BoardStage.CHARGING), "soc": 64, "target_soc": 80, "power_w": 45_200, "voltage_dv": 3_980,
        "current_da": 1_136, "max_power_w": 60_000, "eta_seconds": 18 * 60,
        "session": session(23 + 10 / 60, 12_840, 22, "6.78"), "power_history": (40_500, *[45_000] * 68, 45_200),
        **changes})


def second_charging(side: Side, standard: Standard, **changes: Any) -> ConnectorView:
    """A younger session at 14.8 kW, with ``changes``."""
    return charging(side, standard, **{
        "soc": 31, "target_soc": 90, "power_w": 14_800, "voltage_dv": 3_720, "current_da": 398,
        "max_power_w": 30_000, "eta_seconds": 65 * 60, "session": session(9 + 42 / 60, 3_120, 27, "2.40"),
        "power_history": (*[29_500] * 29, 14_800), **changes})


def station(*connectors: ConnectorView, **changes: Any) -> StationView:
    """A ready J0U-like station with ``connectors`` (the left one focused), the stock tariff
    ($0.45/kWh, $1.00 a session, $0.40 a minute idle after 10 min) and every method, with
    ``changes`` applied; who to call is :data:`CONTACT`."""
    ready = StationView(
        phase=StationPhase.READY, init_progress=1.0, init_step="ready", version="J0U",
        charge_point_id=CHARGE_POINT_ID, model="DC Fast Charger 60 kW", connectors=connectors,
        focused=Side.LEFT, pending=None, notice=None, codes=(), methods=frozenset(AuthMethod), currency="USD",
        energy_price=Decimal("0.45"), session_fee=Decimal("1.00"), time_price=Decimal(0),
        qr_payloads=tuple(f"https://charge.example.com/start?cp={CHARGE_POINT_ID}&connector={c.side.connector_id}"
                          for c in connectors),
        wall_minute=WALL, online=True, idle_price=Decimal("0.40"), idle_grace_minutes=10, contact=CONTACT,
    )
    return replace(ready, **changes)


FREE = {"energy_price": Decimal(0), "session_fee": Decimal(0), "idle_price": Decimal(0), "idle_grace_minutes": 0}

# ---------------------------------------------------------------------------
# One function per scene
# ---------------------------------------------------------------------------


def initializing() -> StationView:
    return station(connector(Side.LEFT, Standard.CHADEMO, ConnectorState.UNAVAILABLE),
                   connector(Side.RIGHT, Standard.CCS1, ConnectorState.UNAVAILABLE),
                   phase=StationPhase.INITIALIZING, init_progress=0.45, init_step="power_modules", online=False)


def home_single() -> StationView:
    return station(connector(Side.LEFT, Standard.CCS1), version="U00")


def home_dual() -> StationView:
    return station(connector(Side.LEFT, Standard.CHADEMO), charging(Side.RIGHT, Standard.CCS1),
                   methods=frozenset({AuthMethod.RFID, AuthMethod.QR}))


def home_offline() -> StationView:
    """The central system unreachable: the QR code covered, the card only, 033900 in the header."""
    return station(connector(Side.LEFT, Standard.CHADEMO), connector(Side.RIGHT, Standard.CCS1),
                   methods=frozenset({AuthMethod.RFID}), online=False, backend_configured=True,
                   backend_code="033900")


def home_plugged() -> StationView:
    return station(connector(Side.LEFT, Standard.CHADEMO, ConnectorState.INOPERATIVE),
                   connector(Side.RIGHT, Standard.CCS1, ConnectorState.PLUGGED, stage=int(BoardStage.CONNECTED)),
                   focused=Side.RIGHT, notice=Notice(NoticeKind.INVALID_CARD, Side.RIGHT, is_error=True))


def home_gbt_no_tariff() -> StationView:
    return station(connector(Side.LEFT, Standard.GBT, FAULTED, codes=("012291",)),
                   connector(Side.RIGHT, Standard.GBT), version="B0B", focused=Side.RIGHT,
                   codes=(ActiveCode("012291", Side.LEFT, True),),
                   methods=frozenset({AuthMethod.RFID, AuthMethod.APP}), **FREE)


def plugin() -> StationView:
    waiting = {"led_pattern": LedPattern.BLINK}  # green, blinking: plug in here
    return station(connector(Side.LEFT, Standard.CHADEMO, **waiting), connector(Side.RIGHT, Standard.CCS1, **waiting),
                   pending=PendingAuthorization(AuthMethod.RFID, (Side.LEFT, Side.RIGHT), 87))


def plugin_one_free() -> StationView:
    return station(connector(Side.LEFT, Standard.CHADEMO, led_pattern=LedPattern.BLINK),
                   charging(Side.RIGHT, Standard.CCS1),
                   pending=PendingAuthorization(AuthMethod.RFID, (Side.LEFT,), 9),
                   notice=Notice(NoticeKind.AUTHORIZED))


def preparing() -> StationView:
    return station(connector(Side.LEFT, Standard.CHADEMO),
                   connector(Side.RIGHT, Standard.CCS1, ConnectorState.PREPARING, stage=int(BoardStage.ISOLATION_TEST),
                             soc=27, target_soc=90, session=session(0.5, 0, 27)),
                   focused=Side.RIGHT)


def preparing_queued_other() -> StationView:
    """Preparing while the other connector charges first: the notice says until when (about 18 min)."""
    waiting = Waiting(WaitReason.OTHER_CONNECTOR, 18 * 60)
    return station(charging(Side.LEFT, Standard.CHADEMO),
                   connector(Side.RIGHT, Standard.CCS1, ConnectorState.PREPARING, stage=int(BoardStage.CABLE_CHECK),
                             soc=27, target_soc=90, session=session(0.5, 0, 27), waiting=waiting),
                   focused=Side.RIGHT)


def preparing_queued_grid() -> StationView:
    """Preparing with the grid supply out of range: nobody can tell until when."""
    return station(connector(Side.LEFT, Standard.CCS1, ConnectorState.PREPARING, stage=int(BoardStage.ISOLATION_TEST),
                             soc=27, target_soc=90, session=session(0.5, 0, 27), waiting=Waiting(WaitReason.GRID)),
                   version="U00")


def charging_single() -> StationView:
    return station(charging(Side.LEFT, Standard.CCS1, limit=Limit.CONNECTOR), version="U00")


def charging_dual() -> StationView:
    shared = {"shared_power": True, "limit": Limit.SHARED, "max_power_w": 30_000}
    return station(charging(Side.LEFT, Standard.CHADEMO, **shared),
                   second_charging(Side.RIGHT, Standard.CCS1, **shared))


def charging_dual_other_idle() -> StationView:
    hot = session(9 + 42 / 60, 3_120, 27)  # free charging: no cost
    return station(connector(Side.LEFT, Standard.CHADEMO, ConnectorState.PREPARING, stage=int(BoardStage.CABLE_CHECK),
                             session=session(0.3, 0, 40)),
                   second_charging(Side.RIGHT, Standard.CCS1, session=hot, limit=Limit.TEMPERATURE),
                   focused=Side.RIGHT, **FREE)


def _queued(side: Side, standard: Standard, waiting: Waiting) -> ConnectorView:
    """A session granted nothing yet (controller.queue): no power, its LED blinking."""
    return charging(side, standard, power_w=0, voltage_dv=0, current_da=0, max_power_w=0, limit=Limit.PSU,
                    eta_seconds=None, led_pattern=LedPattern.BLINK, waiting=waiting,
                    session=session(4, 0, 31, "1.00"), soc=31, power_history=(0,) * 12)


def charging_queued_other() -> StationView:
    """One power module by design: the left (priority, manual 5.2.3) charges first."""
    return station(charging(Side.LEFT, Standard.CHADEMO),
                   _queued(Side.RIGHT, Standard.CCS1, Waiting(WaitReason.OTHER_CONNECTOR, 18 * 60)), focused=Side.RIGHT)


def charging_queued_psu() -> StationView:
    return station(charging(Side.LEFT, Standard.CHADEMO),
                   _queued(Side.RIGHT, Standard.CCS1, Waiting(WaitReason.PSU_DOWN)), focused=Side.RIGHT,
                   codes=(ActiveCode("012267", None, False),))


def charging_queued_operator() -> StationView:
    """The operator's schedule: nothing until 18:00."""
    six = WALL + timedelta(hours=3, minutes=28)
    return station(_queued(Side.LEFT, Standard.CCS1, Waiting(WaitReason.OPERATOR, 208 * 60, six)), version="U00")


def summary() -> StationView:
    done = session(38 + 12 / 60, 24_610, 22, "12.07", end_soc=80, stop_reason="ev_target_reached",
                   ended_wall=WALL)
    return station(connector(Side.LEFT, Standard.CHADEMO, ConnectorState.FINISHED, soc=80, session=done),
                   connector(Side.RIGHT, Standard.CCS1))


def summary_with_code() -> StationView:
    stopped = session(14 + 55 / 60, 8_400, 35, end_soc=51, stop_reason="emergency_stop", stop_code="012251",
                      ended_wall=WALL)
    return station(connector(Side.LEFT, Standard.CCS1, ConnectorState.FINISHED, soc=51, session=stopped),
                   version="U00", **FREE)


def status() -> StationView:
    codes = (ActiveCode("012251", None, True), ActiveCode("012252", None, True))  # emergency stop, door open
    return station(connector(Side.LEFT, Standard.CHADEMO, FAULTED, codes=("012251", "012252")),
                   connector(Side.RIGHT, Standard.CCS1, FAULTED, codes=("012251", "012252")), codes=codes)


def start_failed() -> StationView:
    """The CCS1 EV stopped answering in the handshake (023701): the card kept for 1:45."""
    failed = session(0, 0, 35, stop_reason="fault", stop_code="023701", ended_wall=WALL)
    return station(connector(Side.LEFT, Standard.CHADEMO),
                   connector(Side.RIGHT, Standard.CCS1, ConnectorState.FINISHED, codes=("023701",), session=failed,
                             start_failure=StartFailureView("communication", "023701", 105, True, True)),
                   focused=Side.RIGHT, codes=(ActiveCode("023701", Side.RIGHT, True),))


def start_failed_try_again() -> StationView:
    """The cable safety test failed (023721) with the cable still in: Try again, the card kept for 1:45."""
    failed = session(0, 0, 35, stop_reason="fault", stop_code="023721", ended_wall=WALL)
    return station(connector(Side.LEFT, Standard.CHADEMO, ConnectorState.FINISHED, codes=("023721",), session=failed,
                             start_failure=StartFailureView("isolation", "023721", 105, False, True)),
                   connector(Side.RIGHT, Standard.CCS1),
                   codes=(ActiveCode("023721", Side.LEFT, True),))


def start_failed_refused() -> StationView:
    """The EV refused the start (023705), not to be retried here: the other connector, or call."""
    failed = session(0, 0, 35, stop_reason="fault", stop_code="023705", ended_wall=WALL)
    return station(connector(Side.LEFT, Standard.CHADEMO),
                   connector(Side.RIGHT, Standard.CCS1, ConnectorState.FINISHED, codes=("023705",), session=failed,
                             start_failure=StartFailureView("ev_refused", "023705", None, True, True, False)),
                   focused=Side.RIGHT, codes=(ActiveCode("023705", Side.RIGHT, True),))


def start_failed_single() -> StationView:
    """A single charger, the start failed for another reason with no code: another charger, or call."""
    failed = session(0, 0, 35, stop_reason="fault", ended_wall=WALL)
    return station(connector(Side.LEFT, Standard.CCS1, ConnectorState.FINISHED, session=failed,
                             start_failure=StartFailureView("other", "", None, True, False, False)),
                   version="U00")


def out_of_service() -> StationView:
    codes = (ActiveCode("012279", None, True),)  # no power module left
    return station(connector(Side.LEFT, Standard.CHADEMO, FAULTED, codes=("012279",)),
                   connector(Side.RIGHT, Standard.CCS1, FAULTED, codes=("012279",)), codes=codes, online=False)


def updating() -> StationView:
    """A software update is installing: both connectors out of use, their LEDs breathing white."""
    white = {"led_colour": LedColour.WHITE, "led_pattern": LedPattern.BREATHE}
    return station(connector(Side.LEFT, Standard.CHADEMO, ConnectorState.INOPERATIVE, **white),
                   connector(Side.RIGHT, Standard.CCS1, ConnectorState.INOPERATIVE, **white), software_update=True)


@dataclass(frozen=True)
class Sample:
    """One preview: the snapshot and the screen it shows; its PNG is named after the screen
    and the ``variant`` (``home-dual``)."""

    view: Callable[[], StationView]
    screen: Screen
    variant: str = ""

    @property
    def name(self) -> str:
        return f"{self.screen.slug}-{self.variant}" if self.variant else self.screen.slug


SAMPLES = (
    Sample(initializing, Screen.INITIALIZING),
    Sample(home_single, Screen.HOME, "single"),
    Sample(home_dual, Screen.HOME, "dual"),
    Sample(home_plugged, Screen.HOME, "plugged"),
    Sample(home_offline, Screen.HOME, "offline"),
    Sample(home_gbt_no_tariff, Screen.HOME, "gbt-no-tariff"),
    Sample(plugin, Screen.PLUGIN),
    Sample(plugin_one_free, Screen.PLUGIN, "one-free"),
    Sample(preparing, Screen.PREPARING),
    Sample(preparing_queued_other, Screen.PREPARING, "queued-other"),
    Sample(preparing_queued_grid, Screen.PREPARING, "queued-grid"),
    Sample(charging_single, Screen.CHARGING, "single"),
    Sample(charging_dual, Screen.CHARGING, "dual"),
    Sample(charging_dual_other_idle, Screen.CHARGING, "dual-other-idle"),
    Sample(charging_queued_other, Screen.CHARGING, "queued-other"),
    Sample(charging_queued_psu, Screen.CHARGING, "queued-psu"),
    Sample(charging_queued_operator, Screen.CHARGING, "queued-operator"),
    Sample(summary, Screen.SUMMARY),
    Sample(summary_with_code, Screen.SUMMARY, "with-code"),
    Sample(status, Screen.STATUS),
    Sample(start_failed, Screen.START_FAILED),
    Sample(start_failed_try_again, Screen.START_FAILED, "try-again"),
    Sample(start_failed_refused, Screen.START_FAILED, "refused"),
    Sample(start_failed_single, Screen.START_FAILED, "single"),
    Sample(out_of_service, Screen.OUT_OF_SERVICE),
    Sample(updating, Screen.UPDATING),
)
