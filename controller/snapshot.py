"""The snapshot builder: the station's :class:`StationState` once per cycle, and the kiosk's view of it.

:func:`build_state` reads the station's owners (connectors, power modules, codes, the
authorization, the engineer screen, preferences) into one immutable
:class:`~controller.station_state.StationState`; :func:`kiosk_view` projects that onto
the :class:`~controller.view.StationView` the kiosk shows (rounded for display, statuses
as the screen names them).  Nothing here changes the station.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from controller import fault_policy as policy
from controller.active_codes import ActiveCodes
from controller.authorization import Authorization, SideState
from controller.boards import BoardBus
from controller.clock import Clock
from controller.config import Config, StationSection
from controller.connectors import ConnectorRuntime
from controller.display_messages import Activity, DisplayMessage, shown
from controller.estimate import time_to_target_s
from controller.interaction import Interaction
from controller.maintenance import Maintenance
from controller.port import BackendLink
from controller.power_modules import PsuRuntime
from controller.preferences import DriverPreferences
from controller.prices import ShownPrices
from controller.pricing import BackendCost, PriceText, session_id
from controller.readings import Measurement
from controller.safety import SafetyInputs
from controller.security_log import SecurityLog
from controller.self_test import SelfTest
from controller.session import SESSION_STATES, ConnectorState
from controller.station_state import ConnectorStatus, PsuStatus, StationState
from controller.types import AuthMethod, LedColour, LedPattern, Side
from controller.view import (
    ActiveCode,
    CodeEvent,
    ConnectorView,
    Contact,
    EngineerView,
    Notice,
    NoticeKind,
    PendingAuthorization,
    PinPad,
    SessionView,
    StartFailureView,
    StationPhase,
    StationView,
)


class StationParts(Protocol):
    """What the builder reads of the station (controller.station.Station has it all); the
    builder takes the station's owners as they are and changes nothing."""

    config: Config
    clock: Clock
    phase: StationPhase
    focus: Side
    psus: list[PsuRuntime]
    self_test: SelfTest
    active_codes: ActiveCodes
    safety: SafetyInputs
    authorization: Authorization
    prices: ShownPrices
    preferences: DriverPreferences
    maintenance: Maintenance
    interaction: Interaction
    backend_link: BackendLink
    backend_code: str
    reader_available: bool
    display_messages: tuple[DisplayMessage, ...]
    software_update: bool
    security_log: SecurityLog
    boards: BoardBus

    @property
    def codes(self) -> list[ActiveCode]: ...

    @property
    def code_history(self) -> Sequence[CodeEvent]: ...


    @property
    def backend_configured(self) -> bool: ...

    @property
    def backend_online(self) -> bool: ...

    def ordered(self) -> list[ConnectorRuntime]: ...

    def side_states(self) -> tuple[SideState, ...]: ...

    def led_of(self, connector: ConnectorRuntime) -> tuple[LedColour, LedPattern]: ...

    def code_reading(self, code: str, side: Side | None) -> Measurement | None: ...

#: The self-test's steps on Initializing, by the board still missing (first match).
_INIT_STEPS = (("IOB", "io_board"), ("CB_", "connectors"), ("PSU_", "power_modules"), ("LEDB", "led_board"))


def build_state(station: StationParts) -> StationState:
    """The station now, as one immutable picture."""
    now = station.clock.monotonic()
    wall = station.clock.now()
    test = station.self_test
    results = test.results
    codes = tuple(station.codes)
    connectors = tuple(_connector_status(station, c, now) for c in station.ordered())
    language = station.preferences.current.language
    return StationState(
        now=now,
        wall=wall,
        phase=station.phase,
        boards=tuple((node, results.get(node, "missing")) for node in sorted(test.expected)),
        boards_answered=len(test.answered),
        init_step=_init_step(station.phase, test.expected - test.answered),
        connectors=connectors,
        focus=station.focus,
        psus=tuple(PsuStatus(p.index, p.present, p.enabled, p.routed_to, p.voltage, p.current, p.temperature,
                             p.fault_code) for p in station.psus),
        codes=codes,
        readings=tuple((c, station.code_reading(c.code, c.side)) for c in codes),
        code_history=tuple(reversed(station.code_history)),
        safety=station.safety.active,
        ambient_c=station.safety.ambient_c,
        input_voltage_v=station.safety.input_voltage_v,
        backend=station.backend_link,
        backend_code=station.backend_code,
        pending=_pending_view(station, now),
        notice=_notice_now(station),
        methods=_methods(station),
        tariff=station.prices.tariff,
        default_price=station.prices.default_price,
        time_offset=station.prices.time_offset,
        language=language,
        high_contrast=station.preferences.current.high_contrast,
        large_text=station.preferences.current.large_text,
        read_aloud=station.interaction.read_aloud_requests,
        counters=station.maintenance.lines(),
        can_bus=station.boards.health(),
        display_message=shown(station.display_messages, wall, now, _activity(connectors, codes), language,
                              station.focus),
        tariff_fallback=station.prices.tariff_fallback,
        total_cost_fallback=station.prices.total_cost_fallback,
        software_update=station.software_update,
        security_events=station.security_log.latest,
    )


def _activity(connectors: tuple[ConnectorStatus, ...], codes: tuple[ActiveCode, ...]) -> Activity:
    """What the station is doing, for the operator messages' state conditions."""
    return Activity(
        in_session=frozenset(c.side for c in connectors if c.in_session),
        faulted=any(code.blocks_charging for code in codes),
        unavailable=any(not c.operative for c in connectors) or any(policy.out_of_service(code.code) for code in codes),
    )


def _pending_view(station: StationParts, now: float) -> PendingAuthorization | None:
    """The Plug-in screen's facts while an authorization waits for a cable."""
    pending = station.authorization.pending
    if pending is None:
        return None
    return PendingAuthorization(
        method=pending.method,
        eligible=station.authorization.eligible_for_plug_in(station.side_states()),
        seconds_left=max(0, math.ceil(pending.expires_at - now)),
        price_text=station.authorization.user_price(pending.id_token),
    )


def _notice_now(station: StationParts) -> Notice | None:
    """The message on screen: "Authorizing ..." while a card waits for its verdict."""
    if station.authorization.authorizing is not None:
        return Notice(NoticeKind.AUTHORIZING)
    return station.interaction.notice


def _init_step(phase: StationPhase, missing: set[str]) -> str:
    if phase is StationPhase.READY:
        return "ready"
    for prefix, step in _INIT_STEPS:
        if any(node.startswith(prefix) for node in missing):
            return step
    return "ready"


def _connector_status(station: StationParts, connector: ConnectorRuntime, now: float) -> ConnectorStatus:
    state = connector.machine.state
    live_w = connector.output_voltage * connector.output_current if state in SESSION_STATES else None
    return ConnectorStatus(
        side=connector.side,
        standard=connector.standard,
        state=state,
        session=connector.machine.session,
        blocked=station.active_codes.blocked(connector.side),
        codes=station.active_codes.for_side(connector.side),
        plugged=connector.plugged,
        locked=connector.locked,
        contactor_closed=connector.contactor_closed,
        stage=connector.stage,
        board_code=connector.board_code,
        output_v=connector.output_voltage,
        output_a=connector.output_current,
        soc=connector.soc if connector.plugged else None,
        target_soc=connector.target_soc if connector.plugged else None,
        ev_target_v=connector.ev_voltage,
        ev_target_a=connector.ev_current,
        capacity_kwh=connector.capacity_kwh,
        grant=connector.grant,
        energy_register_wh=connector.meter.register_wh,
        power_history_w=connector.history.points(live_w),
        led=station.led_of(connector),
        operative=connector.operative,
        reserved=station.authorization.reserved(connector.side),
        backend_cost=_backend_cost(connector, now),
        user_price=connector.user_price,
        waiting=connector.waiting,
        failed_start=station.authorization.holds.shown.get(connector.side),
    )


def _backend_cost(connector: ConnectorRuntime, now: float) -> BackendCost | None:
    """The backend's cost, carried on with its unit prices since it arrived."""
    cost = connector.backend_cost
    if cost is None or cost.final or cost.meter_wh is None:
        return cost
    session = connector.machine.session
    until = session.ended_at if session is not None and session.ended_at is not None else now
    return replace(cost, cost=cost.now(connector.meter.register_wh, until - connector.backend_cost_at))


def _methods(station: StationParts) -> frozenset[AuthMethod]:
    """The ways to authorize that work now."""
    methods = {AuthMethod(m) for m in station.config.authorization.methods}
    if not station.reader_available:
        methods.discard(AuthMethod.RFID)
    if station.backend_configured and not station.backend_online:
        methods -= {AuthMethod.QR, AuthMethod.APP}  # both need the backend (manual 5.3.7: 033900)
    if any(policy.action_for(c.code) is policy.Action.NETWORK for c in station.codes):
        methods -= {AuthMethod.QR, AuthMethod.APP}  # no network module (manual 5.3.4: 012241-012244)
    return frozenset(methods)


# --- the kiosk's projection -----------------------------------------------------------


def _contact(station: StationSection) -> Contact | None:
    """Who to call, as configured (None: nothing is)."""
    contact = Contact(station.operator_name, station.helpdesk_phone, station.site_address)
    return contact if any((contact.operator, contact.phone, contact.address)) else None


def kiosk_view(state: StationState, config: Config, pin_pad: PinPad | None = None,
               engineer: EngineerView | None = None) -> StationView:
    """What the kiosk shows of ``state`` (facts and numbers; the HMI words and formats them),
    with the engineer PIN pad or screen when one is up."""
    station = config.station
    template = config.authorization.qr_url_template
    expected = max(1, len(state.boards))
    tariff = state.tariff
    return StationView(
        phase=state.phase,
        init_progress=1.0 if state.phase is StationPhase.READY else state.boards_answered / expected,
        init_step=state.init_step,
        version=station.version,
        charge_point_id=station.charge_point_id,
        model=station.model,
        connectors=tuple(_connector_view(c, state, config) for c in state.connectors),
        focused=state.focus,
        pending=state.pending,
        notice=state.notice,
        codes=state.codes,
        methods=state.methods,
        currency=tariff.currency,
        energy_price=tariff.energy_per_kwh,
        session_fee=tariff.session_fee,
        time_price=tariff.per_minute,
        qr_payloads=tuple(template.format(charge_point_id=station.charge_point_id, connector_id=c.side.connector_id)
                          for c in state.connectors),
        wall_minute=state.wall.replace(second=0, microsecond=0),
        online=state.backend_online,
        max_power_w=round(config.limits.max_power_kw * 1000),
        idle_price=tariff.idle_per_minute,
        idle_grace_minutes=tariff.idle_grace_minutes,
        language=state.language,
        languages=tuple(station.languages),
        high_contrast=state.high_contrast,
        large_text=state.large_text,
        contact=_contact(station),
        price_text=_price_text(state),
        backend_configured=state.backend_configured,
        backend_code=state.backend_code,
        backend_connecting=state.backend is BackendLink.CONNECTING,
        methods_offered=frozenset(AuthMethod(m) for m in config.authorization.methods),
        utc_offset_minutes=state.time_offset.minutes_at(state.wall) if state.time_offset else None,
        vendor_code_mode=config.ocpp.vendor_error_code,
        pin_pad=pin_pad,
        engineer=engineer,
        operator_message=state.display_message,
        total_cost_fallback=state.total_cost_fallback,
        software_update=state.software_update,
        display=state.display,
        read_aloud=state.read_aloud,
    )


def _price_text(state: StationState) -> PriceText | None:
    """The backend's default price text (its offline variant while it is unreachable), else
    its tariff fallback text (OCPP 2.0.1 TariffFallbackMessage: no tariff given, or offline)."""
    price = state.default_price
    if price is None:
        return state.tariff_fallback
    if state.backend_configured and not state.backend_online and price.offline_text is not None:
        return price.offline_text
    return price.text


def _connector_view(connector: ConnectorStatus, state: StationState, config: Config) -> ConnectorView:
    status = connector.state.value
    if connector.blocked and connector.state not in SESSION_STATES | {ConnectorState.FINISHED}:
        status = "faulted"
    grant = connector.grant
    charging = connector.state is ConnectorState.CHARGING
    power = connector.power_w if connector.in_session else 0.0
    colour, pattern = connector.led
    return ConnectorView(
        side=connector.side,
        standard=connector.standard,
        state=status,
        led_colour=colour,
        led_pattern=pattern,
        plugged=connector.plugged,
        stage=int(connector.stage),
        soc=connector.soc,
        target_soc=connector.target_soc,
        power_w=round(power / 100) * 100,
        voltage_dv=round(connector.output_v * 10) if connector.in_session else 0,
        current_da=round(connector.output_a * 10) if connector.in_session else 0,
        max_power_w=round(grant.power_limit_w) if grant else 0,
        limit=connector.limit,
        shared_power=bool(grant and grant.shared),
        eta_seconds=_eta(connector, power) if charging else None,
        session=_session_view(connector, state, config),
        codes=connector.codes,
        power_history=connector.power_history_w,
        waiting=connector.waiting,
        start_failure=_start_failure(connector, state.now),
    )


def _start_failure(connector: ConnectorStatus, now: float) -> StartFailureView | None:
    """The failed start the connector shows, with the seconds left of its kept authorization."""
    failure = connector.failed_start
    if failure is None:
        return None
    return StartFailureView(failure.kind.value, failure.code, failure.seconds_left(now), failure.needs_replug,
                            connector.plugged, failure.retry_safe)


def _session_view(connector: ConnectorStatus, state: StationState, config: Config) -> SessionView | None:
    session = connector.session
    if session is None:
        return None
    now = state.now
    seconds = session.duration_s(now)
    idle = 0
    if connector.state is ConnectorState.FINISHED and connector.plugged and session.ended_at is not None:
        idle = int(now - session.ended_at)
    receipt = config.tariff.receipt_url_template
    if receipt and session.ended_wall is not None:
        cp_id = config.station.charge_point_id
        receipt = receipt.format(charge_point_id=cp_id, connector_id=connector.side.connector_id,
                                 session_id=session_id(cp_id, connector.side.connector_id, session.authorized_wall))
    else:
        receipt = ""
    tariff = state.tariff
    return SessionView(
        energy_wh=int(session.energy_wh),
        charging_seconds=int(seconds),
        start_soc=session.start_soc,
        end_soc=session.end_soc,
        cost=None if tariff.is_free else tariff.cost(session.energy_wh, seconds, idle),
        stop_reason=session.stop_reason.key if session.stop_reason else "",
        stop_code=session.stop_code,
        summary_dismissed=session.summary_dismissed,
        authorized_by_card=session.method is AuthMethod.RFID,
        started_wall=session.authorized_wall,
        ended_wall=session.ended_wall,
        idle_seconds=idle,
        receipt_qr=receipt,
        backend_cost=connector.backend_cost,
        price_text=connector.user_price,
    )


def _eta(connector: ConnectorStatus, power_w: float) -> int | None:
    """Time to the EV's target from the charge model (controller.estimate), in whole minutes
    rounded up (the SOC the EV reports is rounded down)."""
    if connector.soc is None or connector.target_soc is None:
        return None
    granted = connector.grant.power_limit_w if connector.grant else None
    seconds = time_to_target_s(connector.soc, connector.target_soc, connector.capacity_kwh, power_w, granted)
    return None if seconds is None else math.ceil(seconds / 60) * 60

