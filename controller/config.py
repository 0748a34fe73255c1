"""Station configuration: TOML in, validated frozen dataclasses out.

Every error names the offending field (``[limits].psu_count: must be between 1 and 4``)
so that an installer can fix the file without reading code.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
import typing
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from controller.config_error import ConfigError
from controller.display_config import DisplaySection
from controller.preferences import SUPPORTED_LANGUAGES
from controller.types import VERSIONS, AuthMethod

DEFAULT_CONFIG = Path(__file__).resolve().parent.parent / "config" / "default.toml"


@functools.cache
def installed_version(package: str = "evse-hmi") -> str:
    """The version of the installed software (``0+unknown`` when it is not installed as a package)."""
    import importlib.metadata  # 30-40 ms on a cold start: asked for after the first frame, never before it

    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True, slots=True)
class StationSection:
    version: str = "J0U"
    charge_point_id: str = "DSWX601-0001"
    model: str = "DSWx601"
    vendor: str = "DS Series"
    serial_number: str = "DS60-2026-0001"
    #: The software's version as the central system sees it (BootNotification firmwareVersion):
    #: empty, the installed package's own version, so an update shows in the next boot.
    firmware_version: str = ""
    language: str = "en-US"
    languages: list[str] = field(default_factory=lambda: list(SUPPORTED_LANGUAGES))
    time_zone: str = "America/Los_Angeles"
    high_contrast: bool = False
    large_text: bool = False
    preference_timeout_s: float = 120.0
    #: Who to call (EU AFIR helpdesk, NIST Handbook 44 responsible party): shown on Home, the Status,
    #: Out-of-service and Summary screens; empty: not shown.
    operator_name: str = ""
    helpdesk_phone: str = ""
    site_address: str = ""

    def software_version(self) -> str:
        """The version the central system and the engineer screen see: ``firmware_version``, or
        when it is empty (the default) the installed software's own, which an update changes."""
        return self.firmware_version or installed_version()

    def check(self) -> None:
        if self.version not in VERSIONS:
            raise ConfigError(f"[station].version: {self.version!r} is not one of {', '.join(VERSIONS)}")
        if not self.charge_point_id or "/" in self.charge_point_id:
            raise ConfigError("[station].charge_point_id: must be non-empty and contain no '/'")
        for language in self.languages:
            if language not in SUPPORTED_LANGUAGES:
                raise ConfigError(f"[station].languages: {language!r} is not one of {', '.join(SUPPORTED_LANGUAGES)}")
        if not self.languages or len(set(self.languages)) != len(self.languages):
            raise ConfigError("[station].languages: must list at least one language, each once")
        if self.language not in self.languages:
            raise ConfigError(f"[station].language: {self.language!r} is not one of [station].languages "
                              f"({', '.join(self.languages)})")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"[station].time_zone: {self.time_zone!r} is not an IANA time zone") from None
        _in_range("[station].preference_timeout_s", self.preference_timeout_s, 10, 3600)
        _check_contact(self.operator_name, self.helpdesk_phone, self.site_address)


#: A helpdesk number as printed: digits, spaces, "+", "-", "." and parentheses, with at least 3 digits.
_PHONE = re.compile(r"\+?[0-9 ().\-]{3,20}")
#: Longer texts would not fit the screens' one contact line.
_OPERATOR_MAX, _ADDRESS_MAX = 40, 80


def _check_contact(operator: str, phone: str, address: str) -> None:
    """[station]'s contact fields: a phone number as printed, texts short enough for one line."""
    if phone and (not _PHONE.fullmatch(phone) or sum(c.isdigit() for c in phone) < 3):
        raise ConfigError(f"[station].helpdesk_phone: {phone!r} is not a phone number (digits, spaces, '+', '-', "
                          "'.' and parentheses, at most 20 characters)")
    for name, text, longest in (("operator_name", operator, _OPERATOR_MAX), ("site_address", address, _ADDRESS_MAX)):
        if len(text) > longest or text != text.strip() or any(not c.isprintable() for c in text):
            raise ConfigError(f"[station].{name}: at most {longest} printable characters, no leading or trailing "
                              f"space, got {text!r}")


@dataclass(frozen=True, slots=True)
class LimitsSection:
    max_power_kw: float = 60.0
    psu_count: int = 2
    psu_rated_power_kw: float = 30.0
    plug_in_timeout_s: int = 60
    summary_timeout_s: int = 30
    stop_timeout_s: int = 10
    self_test_timeout_s: int = 5
    derating_start_c: float = 50.0
    derating_end_c: float = 70.0
    max_charging_minutes: int = 0
    over_temperature_c: float = 70.0
    cabinet_over_temperature_c: float = 80.0
    psu_inlet_over_temperature_c: float = 75.0
    psu_over_temperature_c: float = 95.0
    temperature_hysteresis_c: float = 5.0
    input_voltage_v: float = 480.0
    max_input_current_a: float = 92.0

    def check(self) -> None:
        _in_range("[limits].max_power_kw", self.max_power_kw, 1, 60)
        _in_range("[limits].psu_count", self.psu_count, 1, 4)
        _in_range("[limits].psu_rated_power_kw", self.psu_rated_power_kw, 1, 60)
        _in_range("[limits].plug_in_timeout_s", self.plug_in_timeout_s, 5, 600)
        _in_range("[limits].summary_timeout_s", self.summary_timeout_s, 1, 3600)
        _in_range("[limits].stop_timeout_s", self.stop_timeout_s, 1, 120)
        _in_range("[limits].self_test_timeout_s", self.self_test_timeout_s, 1, 300)
        _in_range("[limits].derating_start_c", self.derating_start_c, 20, 60)
        _in_range("[limits].derating_end_c", self.derating_end_c, self.derating_start_c + 1, 100)
        _in_range("[limits].max_charging_minutes", self.max_charging_minutes, 0, 24 * 60)
        _in_range("[limits].over_temperature_c", self.over_temperature_c, self.derating_start_c + 1, 100)
        _in_range("[limits].cabinet_over_temperature_c", self.cabinet_over_temperature_c, 50, 120)
        _in_range("[limits].psu_inlet_over_temperature_c", self.psu_inlet_over_temperature_c, 50, 100)
        _in_range("[limits].psu_over_temperature_c", self.psu_over_temperature_c, 60, 150)
        _in_range("[limits].temperature_hysteresis_c", self.temperature_hysteresis_c, 1, 20)
        _in_range("[limits].input_voltage_v", self.input_voltage_v, 200, 600)
        _in_range("[limits].max_input_current_a", self.max_input_current_a, 1, 92)


@dataclass(frozen=True, slots=True)
class TariffSection:
    currency: str = "USD"
    energy_price: str = "0.45"
    session_fee: str = "1.00"
    time_price: str = "0.00"
    idle_price: str = "0.40"
    idle_grace_minutes: int = 10
    receipt_url_template: str = ("https://charge.example.com/receipt?cp={charge_point_id}"
                                 "&connector={connector_id}&session={session_id}")

    def check(self) -> None:
        if len(self.currency) != 3 or not self.currency.isalpha():
            raise ConfigError(f"[tariff].currency: {self.currency!r} is not an ISO 4217 code")
        _in_range("[tariff].idle_grace_minutes", self.idle_grace_minutes, 0, 240)
        try:
            self.receipt_url_template.format(charge_point_id="x", connector_id=1, session_id="x")
        except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
            raise ConfigError(f"[tariff].receipt_url_template: unknown placeholder or one that cannot be "
                              f"filled ({exc})") from None
        for name in ("energy_price", "session_fee", "time_price", "idle_price"):
            raw = getattr(self, name)
            if raw == "":
                continue
            try:
                value = Decimal(raw)
            except InvalidOperation:
                raise ConfigError(f"[tariff].{name}: {raw!r} is not a decimal number") from None
            if not value.is_finite() or value < 0:
                raise ConfigError(f"[tariff].{name}: must be a non-negative number")

    @property
    def is_free(self) -> bool:
        return all(_decimal(v) == 0 for v in (self.energy_price, self.session_fee, self.time_price, self.idle_price))


@dataclass(frozen=True, slots=True)
class AuthorizationSection:
    methods: list[str] = field(default_factory=lambda: ["rfid", "qr", "app"])
    local_allow_list: list[str] = field(default_factory=lambda: ["04A1B2C3D4E5F6", "04112233445566", "0A0B0C0D"])
    qr_url_template: str = "https://charge.example.com/start?cp={charge_point_id}&connector={connector_id}"
    tap_hold_off_s: float = 2.0
    reader: str = "simulated"
    #: After a failed start that is safe to retry, the driver's token stays authorized on that
    #: connector this long (controller.retry_hold); 0: never kept.  At most 900 s, the
    #: reliability count's retry window (controller.reliability.RETRY_WINDOW).
    retry_window_s: float = 120.0

    def check(self) -> None:
        known = {m.value for m in AuthMethod}
        for method in self.methods:
            if method not in known:
                raise ConfigError(f"[authorization].methods: {method!r} is not one of {', '.join(sorted(known))}")
        for uid in self.local_allow_list:
            if not uid or any(c not in "0123456789ABCDEF" for c in uid):
                raise ConfigError(f"[authorization].local_allow_list: {uid!r} is not an upper-case hex UID")
        try:
            self.qr_url_template.format(charge_point_id="x", connector_id=1)
        except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
            raise ConfigError(f"[authorization].qr_url_template: unknown placeholder or one that cannot be "
                              f"filled ({exc})") from None
        _in_range("[authorization].tap_hold_off_s", self.tap_hold_off_s, 0, 60)
        _in_range("[authorization].retry_window_s", self.retry_window_s, 0, 900)
        if not self.reader.strip() or not self.reader.isprintable():
            raise ConfigError(f"[authorization].reader: {self.reader!r} is neither \"simulated\" nor part of a "
                              "PC/SC reader name (e.g. \"Virtual PCD\")")

    @property
    def uses_pcsc(self) -> bool:
        """A PC/SC card reader is configured (not only the simulator panel's taps)."""
        return self.reader != "simulated"


#: python-can's interface names (can.interfaces.VALID_INTERFACES of the pinned python-can).
CAN_INTERFACES = ("canalystii", "cantact", "etas", "gs_usb", "iscan", "ixxat", "kvaser", "neousys", "neovi", "nican",
                  "nixnet", "pcan", "robotell", "seeedstudio", "serial", "slcan", "socketcan", "socketcand", "systec",
                  "udp_multicast", "usb2can", "vector", "virtual")
#: The classical CAN bit rates (bit/s).
CAN_BITRATES = (10_000, 20_000, 50_000, 100_000, 125_000, 250_000, 500_000, 800_000, 1_000_000)


@dataclass(frozen=True, slots=True)
class CanSection:
    interface: str = "virtual"
    channel: str = "evse-internal"
    cycle_ms: int = 50
    #: The internal bus's bit rate (ours: the manual names none).  On socketcan the kernel's
    #: (``ip link set can0 type can bitrate ...``) holds; it is compared with this at start-up.
    bitrate: int = 500_000
    receive_own_messages: bool = False

    def check(self) -> None:
        _in_range("[can].cycle_ms", self.cycle_ms, 5, 500)
        if self.interface not in CAN_INTERFACES:
            raise ConfigError(f"[can].interface: {self.interface!r} is not a python-can interface "
                              f"(on the charger \"socketcan\"; \"virtual\" for the simulation)")
        if not self.channel.strip():
            raise ConfigError("[can].channel: must name the channel (\"can0\" on socketcan)")
        if self.bitrate not in CAN_BITRATES:
            raise ConfigError(f"[can].bitrate: {self.bitrate} is not one of {', '.join(map(str, CAN_BITRATES))}")


@dataclass(frozen=True, slots=True)
class SimulationSection:
    enabled: bool = True
    time_factor: float = 1.0
    stage_seconds: float = 1.5
    boot_time_factor: float = 1.0
    seed: int = 1

    def check(self) -> None:
        _in_range("[simulation].time_factor", self.time_factor, 0.1, 1000)
        _in_range("[simulation].stage_seconds", self.stage_seconds, 0.05, 60)
        _in_range("[simulation].boot_time_factor", self.boot_time_factor, 0, 100)
        _in_range("[simulation].seed", self.seed, 0, 2**31 - 1)


@dataclass(frozen=True, slots=True)
class StorageSection:
    path: str = "var/evse.sqlite3"
    checkpoint_interval_s: float = 5.0
    session_retention_days: int = 400
    session_retention_rows: int = 50_000

    def check(self) -> None:
        if not self.path.strip():
            raise ConfigError("[storage].path: must name a file (or \":memory:\" to keep nothing)")
        _in_range("[storage].checkpoint_interval_s", self.checkpoint_interval_s, 1, 60)
        _in_range("[storage].session_retention_days", self.session_retention_days, 0, 36_500)
        _in_range("[storage].session_retention_rows", self.session_retention_rows, 0, 10_000_000)


@dataclass(frozen=True, slots=True)
class LoggingSection:
    file: str = ""
    max_bytes: int = 5_000_000
    backups: int = 4

    def check(self) -> None:
        _in_range("[logging].max_bytes", self.max_bytes, 65_536, 100_000_000)
        _in_range("[logging].backups", self.backups, 1, 20)


@dataclass(frozen=True, slots=True)
class LogsSection:
    """Logs on request (GetDiagnostics, GetLog): how the bundle is uploaded, how big it may be."""

    http_method: str = "PUT"  # HTTP(S) uploads: "PUT" the file, or "POST" it as multipart/form-data
    timeout_s: float = 60.0  # one upload attempt
    ca_file: str = ""  # PEM of the CA an HTTPS upload server's certificate must chain to ("": the system's)
    retries: int = 2  # when the request names none
    retry_interval_s: float = 30.0  # likewise
    max_bundle_bytes: int = 5_000_000

    def check(self) -> None:
        if self.http_method not in ("PUT", "POST"):
            raise ConfigError(f"[logs].http_method: {self.http_method!r} is not \"PUT\" or \"POST\"")
        _in_range("[logs].timeout_s", self.timeout_s, 1, 3600)
        _in_range("[logs].retries", self.retries, 0, 100)
        _in_range("[logs].retry_interval_s", self.retry_interval_s, 0, 86_400)
        _in_range("[logs].max_bundle_bytes", self.max_bundle_bytes, 65_536, 1_000_000_000)


@dataclass(frozen=True, slots=True)
class MaintenanceSection:
    plug_limit_left: int = 10000
    plug_limit_right: int = 10000
    air_filter_hours: int = 4380

    def check(self) -> None:
        _in_range("[maintenance].plug_limit_left", self.plug_limit_left, 0, 10_000_000)
        _in_range("[maintenance].plug_limit_right", self.plug_limit_right, 0, 10_000_000)
        _in_range("[maintenance].air_filter_hours", self.air_filter_hours, 0, 100_000)


@dataclass(frozen=True, slots=True)
class ReliabilitySection:
    """How outages are counted (controller.reliability, docs/reliability.md)."""

    #: The cabinet door open (012252/042252) counts as vandalism, excluded from uptime
    #: (23 CFR 680.116(b)); false: a technician's door, counted.
    door_is_vandalism: bool = False

    def check(self) -> None:
        if not isinstance(self.door_is_vandalism, bool):
            raise ConfigError("[reliability].door_is_vandalism: must be true or false")


#: ``[ocpp].version``: one OCPP version, or "auto" (both offered, the central system picks).
OCPP_VERSIONS = ("auto", "1.6", "2.0.1")


@dataclass(frozen=True, slots=True)
class OcppSection:
    url: str = ""
    authorization_key: str = ""
    ca_file: str = ""
    network: str = "ethernet"
    database: str = "var/ocpp.sqlite3"
    certificate_dir: str = "var/certificates"  # installed roots, the charger's key and client certificate
    response_timeout_s: float = 30.0
    reconnect_initial_s: float = 3.0
    reconnect_max_s: float = 90.0
    reconnect_jitter_s: float = 10.0
    heartbeat_interval_s: int = 900
    phase_voltage_v: float = 277.0
    vendor_error_code: str = "manual"
    version: str = "auto"  # "auto": offer 2.0.1 and 1.6, speak what the central system picks

    def check(self) -> None:
        if self.version not in OCPP_VERSIONS:
            raise ConfigError(f"[ocpp].version: {self.version!r} is not one of {', '.join(OCPP_VERSIONS)}")
        if self.vendor_error_code not in ("manual", "mrec"):
            raise ConfigError(f"[ocpp].vendor_error_code: {self.vendor_error_code!r} is not one of manual, mrec")
        if self.url:
            parts = urlsplit(self.url)
            if parts.scheme not in ("ws", "wss") or not parts.hostname:
                raise ConfigError(f"[ocpp].url: {self.url!r} is not ws://host[:port]/path or wss://...")
            if parts.username or parts.password:
                raise ConfigError("[ocpp].url: must not contain credentials (use [ocpp].authorization_key)")
        key = self.authorization_key
        if key and not (16 <= len(key) <= 40 and key.isascii() and key.isprintable() and " " not in key):
            raise ConfigError("[ocpp].authorization_key: must be 16 to 40 printable ASCII characters without "
                              "spaces (the value is not shown)")
        if self.ca_file and not self.url.startswith("wss://"):
            raise ConfigError("[ocpp].ca_file: only used with a wss:// url")
        if self.network not in ("ethernet", "wifi", "cellular"):
            raise ConfigError(f"[ocpp].network: {self.network!r} is not one of ethernet, wifi, cellular")
        if not self.database.strip():
            raise ConfigError("[ocpp].database: must name a file (or \":memory:\" to keep nothing)")
        if not self.certificate_dir.strip():
            raise ConfigError("[ocpp].certificate_dir: must name a directory")
        _in_range("[ocpp].response_timeout_s", self.response_timeout_s, 1, 300)
        _in_range("[ocpp].reconnect_initial_s", self.reconnect_initial_s, 0.1, 600)
        _in_range("[ocpp].reconnect_max_s", self.reconnect_max_s, self.reconnect_initial_s, 3600)
        _in_range("[ocpp].reconnect_jitter_s", self.reconnect_jitter_s, 0, 600)
        _in_range("[ocpp].heartbeat_interval_s", self.heartbeat_interval_s, 0, 86400)
        _in_range("[ocpp].phase_voltage_v", self.phase_voltage_v, 100, 1000)


@dataclass(frozen=True, slots=True)
class EngineerSection:
    pin_hash: str = ""
    idle_timeout_s: float = 120.0
    max_attempts: int = 3
    lockout_s: float = 60.0

    def check(self) -> None:
        if self.pin_hash and not self.pin_hash.startswith("scrypt$"):
            raise ConfigError("[engineer].pin_hash: not a hash made by `evse-hmi engineer-pin` (the PIN itself "
                              "is never stored)")
        _in_range("[engineer].idle_timeout_s", self.idle_timeout_s, 10, 3600)
        _in_range("[engineer].max_attempts", self.max_attempts, 1, 10)
        _in_range("[engineer].lockout_s", self.lockout_s, 1, 3600)


@dataclass(frozen=True, slots=True)
class UpdatesSection:
    root: str = ""  # the install root ("": $EVSE_RELEASE_ROOT, or not a managed install)
    manufacturer_root: str = ""  # PEM file of the manufacturer root certificate(s)
    health_timeout_s: float = 300.0
    signed_only: bool = False  # True: plain 1.6 UpdateFirmware gets CALLERROR NotSupported (L01.FR.20)
    keep_versions: int = 3

    def check(self) -> None:
        _in_range("[updates].health_timeout_s", self.health_timeout_s, 10, 3600)
        _in_range("[updates].keep_versions", self.keep_versions, 2, 20)


@dataclass(frozen=True, slots=True)
class DisplayPowerSection:
    """Display power (controller.display_power): dim, sleep, wake, brightness; back to Home after inactivity."""

    enabled: bool = False  # off: always awake at day_brightness, no return to Home (desktop, tests)
    dim_after_s: float = 60.0  # Home and every screen but a session's, without activity
    sleep_after_s: float = 300.0  # Home only: then the attract screen or the backlight off
    sleep_mode: str = "attract"  # "attract" (price and prompt at attract_brightness) or "blank" (backlight off)
    charging_dim_after_s: float = 120.0  # a session runs: the glance layout (never asleep)
    home_after_s: float = 90.0  # every screen that is not a live session goes back to Home; 0 = never
    day_brightness: int = 100  # percent
    night_brightness: int = 60
    dim_brightness: int = 25
    attract_brightness: int = 10
    night_from: str = "21:00"  # local time ([station].time_zone), "HH:MM"
    day_from: str = "06:30"
    drift_period_s: float = 60.0  # the attract content moves one step this often (no burn-in)

    def check(self) -> None:
        where = "[display_power]"
        _in_range(f"{where}.dim_after_s", self.dim_after_s, 5, 3600)
        _in_range(f"{where}.sleep_after_s", self.sleep_after_s, 10, 86400)
        if self.sleep_after_s <= self.dim_after_s:
            raise ConfigError(f"{where}.sleep_after_s: must be longer than dim_after_s ({self.dim_after_s:g})")
        if self.sleep_mode not in ("attract", "blank"):
            raise ConfigError(f"{where}.sleep_mode: {self.sleep_mode!r} is not \"attract\" or \"blank\"")
        _in_range(f"{where}.charging_dim_after_s", self.charging_dim_after_s, 5, 3600)
        if self.home_after_s:
            _in_range(f"{where}.home_after_s", self.home_after_s, 10, 3600)
        for name in ("day_brightness", "night_brightness", "dim_brightness", "attract_brightness"):
            _in_range(f"{where}.{name}", getattr(self, name), 1, 100)
        for name in ("night_from", "day_from"):
            value = getattr(self, name)
            if len(value) != 5 or value[2] != ":" or not (value[:2] + value[3:]).isdigit() \
                    or int(value[:2]) > 23 or int(value[3:]) > 59:
                raise ConfigError(f"{where}.{name}: {value!r} is not a time of day \"HH:MM\"")
        _in_range(f"{where}.drift_period_s", self.drift_period_s, 5, 3600)


@dataclass(frozen=True, slots=True)
class Config:
    """The whole station configuration."""

    station: StationSection = field(default_factory=StationSection)
    limits: LimitsSection = field(default_factory=LimitsSection)
    tariff: TariffSection = field(default_factory=TariffSection)
    authorization: AuthorizationSection = field(default_factory=AuthorizationSection)
    can: CanSection = field(default_factory=CanSection)
    simulation: SimulationSection = field(default_factory=SimulationSection)
    storage: StorageSection = field(default_factory=StorageSection)
    logging: LoggingSection = field(default_factory=LoggingSection)
    logs: LogsSection = field(default_factory=LogsSection)
    maintenance: MaintenanceSection = field(default_factory=MaintenanceSection)
    reliability: ReliabilitySection = field(default_factory=ReliabilitySection)
    ocpp: OcppSection = field(default_factory=OcppSection)
    engineer: EngineerSection = field(default_factory=EngineerSection)
    updates: UpdatesSection = field(default_factory=UpdatesSection)
    display: DisplaySection = field(default_factory=DisplaySection)
    display_power: DisplayPowerSection = field(default_factory=DisplayPowerSection)

    def with_overrides(self, **sections: dict[str, Any]) -> Config:
        """A copy with some keys replaced, e.g. ``with_overrides(station={"version": "U00"})``."""
        raw = {name: dataclasses.asdict(getattr(self, name)) for name in _SECTIONS}
        for name, values in sections.items():
            if name not in raw:
                raise ConfigError(f"[{name}]: unknown section")
            raw[name].update(values)
        return from_dict(raw)


_SECTIONS: dict[str, type] = {
    "station": StationSection,
    "limits": LimitsSection,
    "tariff": TariffSection,
    "authorization": AuthorizationSection,
    "can": CanSection,
    "simulation": SimulationSection,
    "storage": StorageSection,
    "logging": LoggingSection,
    "logs": LogsSection,
    "maintenance": MaintenanceSection,
    "reliability": ReliabilitySection,
    "ocpp": OcppSection,
    "engineer": EngineerSection,
    "updates": UpdatesSection,
    "display": DisplaySection,  # controller/display_config.py
    "display_power": DisplayPowerSection,
}


def backend_configured(config: Config, csms_url: str | None = None) -> bool:
    """A central system is configured: ``--csms URL`` or ``[ocpp].url``."""
    return bool(csms_url or config.ocpp.url)


def load(path: Path | str | None = None) -> Config:
    """Read and validate a TOML configuration file (the defaults when ``path`` is None)."""
    if path is None:
        return Config()
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (TOML files are): {exc}") from None
    try:
        return from_dict(raw)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def from_dict(raw: dict[str, Any]) -> Config:
    """Validate a parsed TOML document."""
    sections: dict[str, Any] = {}
    for name, table in raw.items():
        if name not in _SECTIONS:
            raise ConfigError(f"[{name}]: unknown section (expected one of {', '.join(_SECTIONS)})")
        if not isinstance(table, dict):
            raise ConfigError(f"[{name}]: must be a table")
        sections[name] = _build(_SECTIONS[name], table, name)
    config = Config(**sections)
    for name in _SECTIONS:
        getattr(config, name).check()
    return config


def _build(cls: type, table: dict[str, Any], section: str) -> Any:
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in hints:
            raise ConfigError(f"[{section}].{key}: unknown key (expected one of {', '.join(hints)})")
        values[key] = _coerce(value, hints[key], f"[{section}].{key}")
    return cls(**values)


def _coerce(value: Any, expected: Any, where: str) -> Any:
    if expected is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if expected is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected a whole number, got {value!r}")
        return value
    if expected is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if expected is str:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected a string, got {value!r}")
        return value
    if typing.get_origin(expected) is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
        return list(value)
    raise ConfigError(f"{where}: unsupported type {expected!r}")  # pragma: no cover - schema bug


def _in_range(where: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise ConfigError(f"{where}: must be between {low} and {high}, got {value}")


def _decimal(raw: str) -> Decimal:
    return Decimal(raw) if raw else Decimal(0)
