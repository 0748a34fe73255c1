"""The OCPP 1.6 configuration keys (§9): type, access, validation and persistence.

Answers GetConfiguration and ChangeConfiguration.  Values live in the storage as the
strings OCPP transports; typed getters read them.  ``AuthorizationKey`` is write-only:
GetConfiguration lists it without a value and it never reaches a log.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from controller.ocpp import pricing
from controller.ocpp.storage import Storage
from controller.preferences import SUPPORTED_LANGUAGES

log = logging.getLogger(__name__)


class Kind(enum.Enum):
    BOOL = "bool"
    INT = "int"
    CSL = "csl"  # comma-separated list
    STRING = "string"


class ChangeResult(enum.Enum):
    """ConfigurationStatus of ChangeConfiguration.conf."""

    ACCEPTED = "Accepted"
    REJECTED = "Rejected"
    REBOOT_REQUIRED = "RebootRequired"
    NOT_SUPPORTED = "NotSupported"


#: Measurands this charger can sample (DC: no phases, no reactive power).
MEASURANDS = (
    "Energy.Active.Import.Register", "Power.Active.Import", "Current.Import", "Voltage", "SoC", "Power.Offered",
)
FEATURE_PROFILES = ("Core", "LocalAuthListManagement", "Reservation", "RemoteTrigger", "SmartCharging")
PHASE_ROTATIONS = ("NotApplicable", "Unknown", "RST", "RTS", "SRT", "STR", "TRS", "TSR")
MEASURAND_LIST_MAX = 6
AUTHORIZATION_KEY_LENGTH = (16, 40)
#: CertificateSignedMaxChainSize's default: what 2.0.1's CertificateSigned schema allows (1.6's: 10000).
CHAIN_SIZE = 5500


@dataclass(frozen=True, slots=True)
class Key:
    """One configuration key."""

    name: str
    kind: Kind
    default: str
    readonly: bool = False
    reboot_required: bool = False  # a change takes effect after a restart (or a reconnect)
    write_only: bool = False  # never returned, never logged
    minimum: int = 0
    maximum: int = 2**31 - 1
    members: tuple[str, ...] = ()  # allowed CSL members (empty: any)
    max_items: int = 0  # CSL maximum length (0: no limit)
    check: Callable[[str], str | None] | None = None  # extra rule: an error text or None


def _phase_rotation(value: str) -> str | None:
    for item in filter(None, value.split(",")):
        connector, _, rotation = item.strip().partition(".")
        if not connector.isdigit() or rotation not in PHASE_ROTATIONS:
            return f"{item!r} is not <connector>.<rotation>"
    return None


def _authorization_key(value: str) -> str | None:
    low, high = AUTHORIZATION_KEY_LENGTH
    if not low <= len(value) <= high or not value.isascii() or not value.isprintable() or " " in value:
        return f"must be {low} to {high} printable ASCII characters without spaces"
    return None


def _cpo_name(value: str) -> str | None:
    """CpoName goes into the O of the charger's CSR (2.0.1 OrganizationName: at most 64 characters)."""
    return None if len(value) <= 64 and value.isprintable() else "at most 64 printable characters"


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if value in choices else f"{value!r} is not one of {', '.join(choices)}"
    return check


def standard_keys(connectors: int, heartbeat_s: int = 900, connection_timeout_s: int = 60,
                  languages: tuple[str, ...] = SUPPORTED_LANGUAGES, language: str = "en-US") -> tuple[Key, ...]:
    """Every key this charger supports, with its default (``languages``: what the kiosk offers,
    ``language``: its default, both from ``[station]``)."""
    measurands = {"kind": Kind.CSL, "members": MEASURANDS, "max_items": MEASURAND_LIST_MAX}
    rotation = ",".join(f"{i}.NotApplicable" for i in range(connectors + 1))
    price_texts = tuple(Key(pricing.DEFAULT_PRICE_TEXT + tag, Kind.STRING, "", check=pricing.check_price_texts)
                        for tag in languages)
    return (
        # Core
        Key("AllowOfflineTxForUnknownId", Kind.BOOL, "false"),
        Key("AuthorizationCacheEnabled", Kind.BOOL, "true"),
        Key("AuthorizeRemoteTxRequests", Kind.BOOL, "false"),
        Key("ClockAlignedDataInterval", Kind.INT, "0", maximum=86400),
        Key("ConnectionTimeOut", Kind.INT, str(connection_timeout_s), minimum=5, maximum=600),
        Key("ConnectorPhaseRotation", Kind.CSL, rotation, max_items=connectors + 1, check=_phase_rotation),
        Key("ConnectorPhaseRotationMaxLength", Kind.INT, str(connectors + 1), readonly=True),
        Key("GetConfigurationMaxKeys", Kind.INT, "64", readonly=True),
        Key("HeartbeatInterval", Kind.INT, str(heartbeat_s), maximum=86400),
        Key("LocalAuthorizeOffline", Kind.BOOL, "true"),
        Key("LocalPreAuthorize", Kind.BOOL, "false"),
        Key("MeterValuesAlignedData", default="Energy.Active.Import.Register", **measurands),
        Key("MeterValuesAlignedDataMaxLength", Kind.INT, str(MEASURAND_LIST_MAX), readonly=True),
        Key("MeterValuesSampledData", default="Energy.Active.Import.Register", **measurands),
        Key("MeterValuesSampledDataMaxLength", Kind.INT, str(MEASURAND_LIST_MAX), readonly=True),
        Key("MeterValueSampleInterval", Kind.INT, "60", maximum=86400),
        Key("NumberOfConnectors", Kind.INT, str(connectors), readonly=True),
        Key("ResetRetries", Kind.INT, "1", maximum=10),
        Key("StopTransactionOnEVSideDisconnect", Kind.BOOL, "true", readonly=True),  # DC: the cable out ends it
        Key("StopTransactionOnInvalidId", Kind.BOOL, "true"),
        Key("StopTxnAlignedData", default="", **measurands),
        Key("StopTxnAlignedDataMaxLength", Kind.INT, str(MEASURAND_LIST_MAX), readonly=True),
        Key("StopTxnSampledData", default="", **measurands),
        Key("StopTxnSampledDataMaxLength", Kind.INT, str(MEASURAND_LIST_MAX), readonly=True),
        Key("SupportedFeatureProfiles", Kind.CSL, ",".join(FEATURE_PROFILES), readonly=True),
        Key("SupportedFeatureProfilesMaxLength", Kind.INT, str(len(FEATURE_PROFILES)), readonly=True),
        Key("TransactionMessageAttempts", Kind.INT, "3", minimum=1, maximum=100),
        Key("TransactionMessageRetryInterval", Kind.INT, "60", maximum=86400),
        Key("UnlockConnectorOnEVSideDisconnect", Kind.BOOL, "true", readonly=True),  # DC: unlocked at zero current
        Key("WebSocketPingInterval", Kind.INT, "30", maximum=3600, reboot_required=True),
        # Local Auth List Management
        Key("LocalAuthListEnabled", Kind.BOOL, "true"),
        Key("LocalAuthListMaxLength", Kind.INT, "1000", readonly=True),
        Key("SendLocalListMaxLength", Kind.INT, "100", readonly=True),
        # Reservation
        Key("ReserveConnectorZeroSupported", Kind.BOOL, "false", readonly=True),
        # Smart Charging
        Key("ChargeProfileMaxStackLevel", Kind.INT, "10", readonly=True),
        Key("ChargingScheduleAllowedChargingRateUnit", Kind.CSL, "Current,Power", readonly=True),
        Key("ChargingScheduleMaxPeriods", Kind.INT, "24", readonly=True),
        Key("ConnectorSwitch3to1PhaseSupported", Kind.BOOL, "false", readonly=True),
        Key("MaxChargingProfilesInstalled", Kind.INT, "20", readonly=True),
        # Security whitepaper (profiles 1 to 3, certificates)
        Key("AdditionalRootCertificateCheck", Kind.BOOL, "false", readonly=True),
        Key("AuthorizationKey", Kind.STRING, "", write_only=True, check=_authorization_key),
        Key("CertificateSignedMaxChainSize", Kind.INT, str(CHAIN_SIZE), readonly=True, maximum=10000),
        Key("CertificateStoreMaxLength", Kind.INT, "20", readonly=True, minimum=1),
        Key("CpoName", Kind.STRING, "", check=_cpo_name),
        Key("SecurityProfile", Kind.INT, "0", maximum=3),
        # OCA "OCPP & California Pricing Requirements" (controller.ocpp.pricing)
        Key("CustomDisplayCostAndPrice", Kind.BOOL, "true"),
        Key("CustomIdleFeeAfterStop", Kind.BOOL, "false"),
        Key("CustomMultiLanguageMessages", Kind.BOOL, "true"),
        Key("DefaultPrice", Kind.STRING, "", check=pricing.check_default_price),
        *price_texts,
        Key("Language", Kind.STRING, language, check=_one_of(languages)),
        Key("SupportedLanguages", Kind.CSL, ",".join(languages), readonly=True),
        Key("TimeOffset", Kind.STRING, "", check=pricing.check_offset),
        Key("NextTimeOffsetTransitionDateTime", Kind.STRING, "", check=pricing.check_transition),
        Key("TimeOffsetNextTransition", Kind.STRING, "", check=pricing.check_offset),
    )


Listener = Callable[[str, str], None]


class Configuration:
    """The keys with their current values, persisted in ``storage``."""

    def __init__(self, storage: Storage, keys: Iterable[Key], initial: dict[str, str] | None = None) -> None:
        self._storage = storage
        self._keys = {key.name: key for key in keys}
        self._listeners: list[Listener] = []
        self.max_security_profile = 3  # what the configured URL and credentials allow
        for name, value in (initial or {}).items():  # from the station's TOML: only where nothing was stored
            if self._storage.get(_slot(name)) is None and name in self._keys:
                self._storage.put(_slot(name), value)

    def subscribe(self, listener: Listener) -> None:
        """``listener(name, value)`` after every accepted change."""
        self._listeners.append(listener)

    def key(self, name: str) -> Key:
        return self._keys[name]

    def raw(self, name: str) -> str:
        key = self._keys[name]
        return str(self._storage.get(_slot(name), key.default))

    def flag(self, name: str) -> bool:
        return self.raw(name).lower() == "true"

    def number(self, name: str) -> int:
        return int(self.raw(name))

    def items(self, name: str) -> tuple[str, ...]:
        return tuple(item.strip() for item in self.raw(name).split(",") if item.strip())

    def get_configuration(self, names: Iterable[str] | None) -> tuple[list[dict[str, object]], list[str]]:
        """(configurationKey, unknownKey) of GetConfiguration.conf; ``None``/empty: every key."""
        wanted = list(names or ())
        selected = wanted or list(self._keys)
        known: list[dict[str, object]] = []
        unknown: list[str] = []
        for name in selected:
            key = self._keys.get(name)
            if key is None:
                unknown.append(name)
                continue
            entry: dict[str, object] = {"key": name, "readonly": key.readonly}
            if not key.write_only:
                entry["value"] = self.raw(name)[:500]
            known.append(entry)
        return known, unknown

    def change(self, name: str, value: str) -> ChangeResult:
        """ChangeConfiguration: validate, store and tell the listeners."""
        key = self._keys.get(name)
        if key is None:
            return ChangeResult.NOT_SUPPORTED
        if key.readonly:
            return ChangeResult.REJECTED
        normalised, error = self._validate(key, value)
        if error is not None:
            log.info("ChangeConfiguration %s refused: %s", name, error if not key.write_only else "invalid value")
            return ChangeResult.REJECTED
        self._storage.put(_slot(name), normalised)
        log.info("configuration %s changed%s", name, "" if key.write_only else f" to {normalised!r}")
        for listener in list(self._listeners):
            listener(name, normalised)
        return ChangeResult.REBOOT_REQUIRED if key.reboot_required else ChangeResult.ACCEPTED

    def set_internal(self, name: str, value: str) -> None:
        """Store a value the charge point decides itself (HeartbeatInterval from BootNotification)."""
        self._storage.put(_slot(name), value)
        for listener in list(self._listeners):
            listener(name, value)

    def _validate(self, key: Key, value: str) -> tuple[str, str | None]:
        if key.kind is Kind.BOOL:
            if value.strip().lower() not in ("true", "false"):
                return value, "expected true or false"
            return value.strip().lower(), None
        if key.kind is Kind.INT:
            text = value.strip()
            if not (text.isdigit() or (text.startswith("-") and text[1:].isdigit())):
                return value, "expected a whole number"
            number = int(text)
            if not key.minimum <= number <= key.maximum:
                return value, f"must be between {key.minimum} and {key.maximum}"
            if key.name == "SecurityProfile" and not self.security_profile_allowed(number):
                return value, "a security profile may only be raised, and only with its credentials"
            return str(number), None
        if key.kind is Kind.CSL:
            items = [item.strip() for item in value.split(",") if item.strip()]
            if key.max_items and len(items) > key.max_items:
                return value, f"at most {key.max_items} items"
            if key.members:
                for item in items:
                    if item not in key.members:
                        return value, f"{item!r} is not supported"
            normalised = ",".join(items)
        else:
            normalised = value
        if key.check is not None:
            error = key.check(normalised)
            if error is not None:
                return value, error
        return normalised, None

    def security_profile_allowed(self, profile: int) -> bool:
        """A profile may only be raised (§ security whitepaper), up to what the credentials allow."""
        return self.number("SecurityProfile") <= profile <= self.max_security_profile


def _slot(name: str) -> str:
    return f"config:{name}"
