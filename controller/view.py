"""Immutable snapshots of the station for the HMI (and for tests and scenario logs).

A snapshot holds facts and numbers, not display text: the HMI translates and formats
them for the driver's language.  Two snapshots compare equal when the screen would
show the same thing, so the HMI only redraws on real change.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from controller.display_messages import DisplayMessage
from controller.display_power import DisplayState
from controller.power import Limit
from controller.preferences import SUPPORTED_LANGUAGES
from controller.pricing import BackendCost, PriceText
from controller.queue import Waiting
from controller.readings import Measurement
from controller.security_events import SecurityEvent
from controller.types import AuthMethod, LedColour, LedPattern, Side, Standard


class StationPhase(enum.Enum):
    INITIALIZING = "initializing"
    READY = "ready"


class NoticeKind(enum.Enum):
    """Short messages for the driver that disappear by themselves."""

    INVALID_CARD = "invalid_card"
    CARD_UNCHECKED = "card_unchecked"  # refused only because the backend cannot be asked (offline, connecting)
    CARD_NOT_FOR_SESSION = "card_not_for_session"
    NO_CONNECTOR_FREE = "no_connector_free"
    PLUG_IN_TIMEOUT = "plug_in_timeout"
    AUTHORIZED = "authorized"
    CONNECTOR_BLOCKED = "connector_blocked"
    AUTHORIZING = "authorizing"  # the backend is deciding on a card (shown until it has)
    RESERVED = "reserved"  # the only free connector is reserved for another driver
    STATUS_CODE = "status_code"  # an information code the backend asked to show (033903 ...)
    NO_VERDICT = "no_verdict"  # the backend's verdict on a card never came (start_failure.Kind.AUTHORIZATION_TIMEOUT)


@dataclass(frozen=True, slots=True)
class ActiveCode:
    """A status code in force; ``side`` None means the whole station."""

    code: str
    side: Side | None
    blocks_charging: bool


@dataclass(frozen=True, slots=True)
class CodeEvent:
    """A status code raised or cleared (the engineer screen's recent codes)."""

    at: datetime  # wall time, UTC
    code: str
    side: Side | None
    raised: bool  # False: cleared
    measurement: Measurement | None = None  # the reading when it was raised


@dataclass(frozen=True, slots=True)
class PinPad:
    """The engineer PIN being entered (never the digits themselves)."""

    entered: int  # how many digits so far
    cursor: int  # what the buttons select: 0-9 a digit, PIN_OK submit, PIN_CANCEL leave
    message: str = ""  # "", "wrong" or "locked"
    seconds_locked: int = 0


PIN_OK = 10
PIN_CANCEL = 11


@dataclass(frozen=True, slots=True)
class BusConnector:
    """One connector's live bus values for the engineer screen."""

    side: Side
    standard: Standard
    state: str  # the session machine's state
    stage: int  # BoardStage the board reports
    plugged: bool
    locked: bool
    contactor_closed: bool
    voltage_v: float
    current_a: float
    power_w: float
    soc: int | None
    ev_target_v: float
    ev_target_a: float
    board_code: str
    energy_register_wh: float


@dataclass(frozen=True, slots=True)
class BusPsu:
    index: int  # 0-based
    present: bool
    enabled: bool
    routed_to: Side | None
    voltage_v: float
    current_a: float
    temperature_c: float
    fault_code: str


@dataclass(frozen=True, slots=True)
class PortReliability:
    """One port on the engineer screen's Reliability page (controller.reliability)."""

    port: int  # connector id: 1 = left
    uptime_30d: float  # μ over the last 30 days (%)
    uptime_365d: float
    outage_minutes_30d: float  # T_outage
    excluded_minutes_30d: float  # T_excluded
    sessions_30d: int
    success_30d: float | None  # % of the sessions (None: none)
    first_attempts_30d: int
    first_attempt_30d: float | None  # % of the first attempts that succeeded (None: none)
    down: str = ""  # the cause of the outage in progress ("" while the port is up)


@dataclass(frozen=True, slots=True)
class OutageLine:
    """One recent outage on the engineer screen."""

    port: int
    start: datetime
    minutes: float  # an open one: so far
    cause: str
    exclusion: str  # "" when counted
    open: bool


@dataclass(frozen=True, slots=True)
class BusLink:
    """The internal CAN bus on the engineer screen."""

    state: str  # "active" | "warning" | "passive" | "bus-off"
    seconds: int  # in that state
    down_seconds: int | None  # the handle lost this long ago and being re-opened; None: up
    counters: tuple[tuple[str, int], ...]  # (name, count), see controller.buses.can_link.LinkStats


@dataclass(frozen=True, slots=True)
class EngineerView:
    """The engineer screen: technicians' facts (the HMI formats them, in English)."""

    firmware_version: str
    serial_number: str
    boards: tuple[tuple[str, str], ...]  # (node, "answered" | "failed <code>" | "missing") from the self-test
    connectors: tuple[BusConnector, ...]
    psus: tuple[BusPsu, ...]
    ambient_c: float
    input_voltage_v: float
    safety: tuple[str, ...]  # active safety inputs: "emergency stop", "door open", "tilt"
    recent: tuple[CodeEvent, ...]  # raised and cleared, newest first
    backend_configured: bool
    backend_online: bool
    backend_code: str
    backend_url: str
    page: int  # 0 overview, 1 connectors, 2 status codes, 3 look-up, 4 security log, 5 reliability
    query: str  # the look-up field
    results: tuple[str, ...]  # codes the look-up found (at most a page)
    seconds_left: int  # until the screen closes by itself
    counters: tuple[tuple[str, int, int], ...] = ()  # (what, count, limit; 0 = none): plug-ins, filter hours
    security_events: tuple[SecurityEvent, ...] = ()  # the security log's latest, newest first
    can_bus: BusLink | None = None  # the internal CAN bus (the connectors page)
    reliability: tuple[PortReliability, ...] = ()  # the Reliability page's ports (read only while it shows)
    outages: tuple[OutageLine, ...] = ()  # ... and the latest outages, newest first


@dataclass(frozen=True, slots=True)
class Notice:
    kind: NoticeKind
    side: Side | None = None
    is_error: bool = False
    code: str = ""  # the status code of a STATUS_CODE notice


@dataclass(frozen=True, slots=True)
class SessionView:
    """The current or last session of a connector."""

    energy_wh: int
    charging_seconds: int
    start_soc: int | None
    end_soc: int | None
    cost: Decimal | None  # None when the charger is free
    stop_reason: str  # StopReason.key, "" while running
    stop_code: str
    summary_dismissed: bool
    authorized_by_card: bool
    started_wall: datetime | None = None  # when it was authorized (wall time, UTC)
    ended_wall: datetime | None = None
    idle_seconds: int = 0  # plugged in since charging ended (idle fee after the grace period)
    receipt_qr: str = ""  # receipt link from the local template ("" = none)
    backend_cost: BackendCost | None = None  # RunningCost / FinalCost from the backend (OCA pricing)
    price_text: PriceText | None = None  # the driver's own price from the backend (SetUserPrice)


@dataclass(frozen=True, slots=True)
class StartFailureView:
    """A start that failed before energy flowed (controller.start_failure), as the screen tells it."""

    kind: str  # start_failure.Kind value
    code: str  # the status code to quote ("" when none)
    seconds_left: int | None  # the card is kept this long for the next attempt (None: it is not)
    needs_replug: bool  # the next attempt starts by unplugging and plugging in again (else "Try again")
    cable_in: bool  # the cable is still in (the failed session's connector), else waiting for it
    retry_safe: bool = True  # False: not to be retried here (the other connector, or call)


@dataclass(frozen=True, slots=True)
class ConnectorView:
    side: Side
    standard: Standard
    state: str  # ConnectorState value, or "faulted" when an active code blocks this connector
    led_colour: LedColour
    led_pattern: LedPattern
    plugged: bool
    stage: int  # BoardStage value
    soc: int | None
    target_soc: int | None
    power_w: int
    voltage_dv: int  # decivolts, so equal snapshots mean equal display
    current_da: int  # deciamps
    max_power_w: int  # what the allocation grants now
    limit: Limit
    shared_power: bool
    eta_seconds: int | None
    session: SessionView | None
    codes: tuple[str, ...]  # active codes that concern this connector, newest first
    power_history: tuple[int, ...] = ()  # W, the session's power curve at an even spacing, the last point live
    waiting: Waiting | None = None  # why its session gets no power yet, and until when (controller.queue)
    start_failure: StartFailureView | None = None  # a failed start shown on this connector

    @property
    def can_stop(self) -> bool:
        return self.state in ("preparing", "charging")


@dataclass(frozen=True, slots=True)
class PendingAuthorization:
    """A driver authorized before plugging in: the Plug-in screen."""

    method: AuthMethod
    eligible: tuple[Side, ...]
    seconds_left: int
    price_text: PriceText | None = None  # the driver's own price from the backend (SetUserPrice)


@dataclass(frozen=True, slots=True)
class Contact:
    """Who to call ([station]): the operator (responsible party), the helpdesk phone as printed,
    the site's address; each "" when not configured."""

    operator: str
    phone: str
    address: str


@dataclass(frozen=True, slots=True)
class StationView:
    phase: StationPhase
    init_progress: float
    init_step: str  # key of the self-test step
    version: str
    charge_point_id: str
    model: str
    connectors: tuple[ConnectorView, ...]
    focused: Side
    pending: PendingAuthorization | None
    notice: Notice | None
    codes: tuple[ActiveCode, ...]  # every code in force, newest first
    methods: frozenset[AuthMethod]
    currency: str
    energy_price: Decimal
    session_fee: Decimal
    time_price: Decimal
    qr_payloads: tuple[str, ...]  # per connector
    wall_minute: datetime  # wall time rounded down to the minute (for the clock)
    online: bool
    max_power_w: int = 60_000  # the station's maximum (the power chart's scale)
    idle_price: Decimal = Decimal(0)  # per minute plugged in after charging, beyond the grace period
    idle_grace_minutes: int = 0
    price_text: PriceText | None = None  # the backend's default price text (OCA DefaultPrice); replaces the tariff's
    language: str = "en-US"  # the screen's language now: the driver's choice or the station default
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES  # offered on the language button
    high_contrast: bool = False
    backend_configured: bool = False  # a central system is configured (the header shows the link)
    backend_code: str = ""  # 033900/033901/033902 while the central system is unreachable
    backend_connecting: bool = False  # unreachable because it has not accepted the charger yet (boot Pending)
    methods_offered: frozenset[AuthMethod] = frozenset(AuthMethod)  # configured (``methods``: usable now)
    utc_offset_minutes: int | None = None  # the backend's TimeOffset for the clock; None: [station].time_zone
    vendor_code_mode: str = "manual"  # [ocpp].vendor_error_code: "mrec" follows the ChargeX display convention
    pin_pad: PinPad | None = None  # the engineer PIN is being entered
    engineer: EngineerView | None = None  # the engineer screen is open
    operator_message: DisplayMessage | None = None  # the operator's message to show now (display_messages.shown)
    total_cost_fallback: PriceText | None = None  # the Summary's text when the backend gave no total cost
    software_update: bool = False  # a software update is installing: the Updating screen, no new session
    display: DisplayState = field(default_factory=DisplayState)  # level, look, backlight (controller.display_power)
    read_aloud: int = 0  # counts the requests to read the screen aloud: the kiosk speaks, or stops, at each new one
    large_text: bool = False  # the driver's larger text (or the station default)
    contact: Contact | None = None  # who to call ([station]); None when nothing is configured

    def connector(self, side: Side) -> ConnectorView:
        for connector in self.connectors:
            if connector.side == side:
                return connector
        raise KeyError(side)

    @property
    def focused_connector(self) -> ConnectorView:
        return self.connector(self.focused)
