"""The OCPP 2.0.1 device model's catalogue: the components and variables this station has.

Each :class:`Variable` says what it is (dataType, unit, limits, valuesList), who may write it
(mutability), whether it survives a reboot, and where its value lives (:class:`Source`):

- ``SHARED``: a 1.6 configuration key holds it; both protocols read and write that one value
  (:data:`SHARED_KEYS` in the report, ``shared_key`` here);
- ``STORED``: only 2.0.1 has it; its value lives in the ``device_model`` table;
- ``STATION``: the station supplies it (:class:`controller.ocpp201.facts.StationFacts`);
- ``CONSTANT``: fixed by what this charger is.

EVSE- and Connector-scoped variables are templates: the device model makes one per EVSE id
(one connector per EVSE, connectorId 1).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace

from controller.ocpp.configuration import MEASURANDS, Key, Kind


class DataType(enum.Enum):
    """DataEnumType."""

    STRING = "string"
    DECIMAL = "decimal"
    INTEGER = "integer"
    DATE_TIME = "dateTime"
    BOOLEAN = "boolean"
    OPTION_LIST = "OptionList"
    SEQUENCE_LIST = "SequenceList"
    MEMBER_LIST = "MemberList"

    @property
    def is_list(self) -> bool:
        return self in (DataType.OPTION_LIST, DataType.SEQUENCE_LIST, DataType.MEMBER_LIST)


class Mutability(enum.Enum):
    """MutabilityEnumType."""

    READ_ONLY = "ReadOnly"
    WRITE_ONLY = "WriteOnly"
    READ_WRITE = "ReadWrite"


class Attribute(enum.Enum):
    """AttributeEnumType."""

    ACTUAL = "Actual"
    TARGET = "Target"
    MIN_SET = "MinSet"
    MAX_SET = "MaxSet"


class Scope(enum.Enum):
    """Where a component sits: the station, each EVSE, or each EVSE's connector."""

    STATION = "station"
    EVSE = "evse"
    CONNECTOR = "connector"


class Source(enum.Enum):
    """Where a variable's value lives."""

    SHARED = "shared"
    STORED = "stored"
    STATION = "station"
    CONSTANT = "constant"


class Fact(enum.Enum):
    """The values the station supplies (see :class:`controller.ocpp201.facts.StationFacts`)."""

    AVAILABILITY_STATE = "availability_state"
    CONNECTOR_TYPE = "connector_type"
    POWER = "power"  # Actual: the power now; MaxSet: the rated power
    PROBLEM = "problem"
    NOW = "now"
    IDENTITY = "identity"
    VENDOR_NAME = "vendor_name"
    MODEL = "model"
    CERTIFICATES = "certificates"
    CHARGING_PROFILES = "charging_profiles"
    DISPLAY_MESSAGES = "display_messages"
    LOCAL_LIST_ENTRIES = "local_list_entries"


@dataclass(frozen=True, slots=True)
class Variable:
    """One component-variable of the catalogue with its characteristics and attributes."""

    component: str
    name: str
    data_type: DataType
    mutability: Mutability = Mutability.READ_ONLY
    component_instance: str | None = None
    instance: str | None = None
    scope: Scope = Scope.STATION
    unit: str | None = None
    min_limit: float | None = None
    max_limit: float | None = None  # for strings and lists: the maximum length
    values_list: tuple[str, ...] = ()
    persistent: bool = True
    constant: bool = False  # the station never changes it at runtime
    reboot_required: bool = False
    attributes: tuple[Attribute, ...] = (Attribute.ACTUAL,)
    default: str = ""  # STORED: the value until one is set; CONSTANT: the value
    shared_key: str | None = None  # SHARED: the 1.6 key
    fact: Fact | None = None  # STATION: what the station supplies
    max_limit_key: str | None = None  # a 1.6 key giving maxLimit (Entries: MaxChargingProfilesInstalled)

    @property
    def source(self) -> Source:
        if self.shared_key is not None:
            return Source.SHARED
        if self.fact is not None:
            return Source.STATION
        if self.mutability is Mutability.READ_ONLY:
            return Source.CONSTANT
        return Source.STORED

    @property
    def label(self) -> str:
        """``Component[instance].Variable[instance]``, for logs and errors."""
        component = self.component + (f"[{self.component_instance}]" if self.component_instance else "")
        return f"{component}.{self.name}" + (f"[{self.instance}]" if self.instance else "")


RW = Mutability.READ_WRITE
RO = Mutability.READ_ONLY
AVAILABILITY_STATES = ("Available", "Occupied", "Reserved", "Unavailable", "Faulted")
TX_POINTS = ("EVConnected", "Authorized", "PowerPathClosed", "EnergyTransfer")  # no bay sensor, no signed data
#: Where a transaction can start here: where the station starts a session (authorized, plugged
#: and locked).  Offering the others would accept a setting the station does not follow.
TX_START_POINTS = ("PowerPathClosed",)
TIME_SOURCES = ("Heartbeat", "RealTimeClock")
MESSAGE_FORMATS = ("ASCII", "URI", "UTF8")  # no HTML on the kiosk
MESSAGE_PRIORITIES = ("AlwaysFront", "InFront", "NormalCycle")
MESSAGE_STATES = ("Charging", "Faulted", "Idle", "Unavailable")
DISPLAY_MESSAGES_MAX = 20
FILE_TRANSFER_PROTOCOLS = ("HTTP", "HTTPS")
ITEMS_PER_MESSAGE = 50
BYTES_PER_MESSAGE = 16384
REPORTING_VALUE_SIZE = 2500  # the schema's attributeValue maximum
CONFIGURATION_VALUE_SIZE = 1000  # the schema's SetVariableData.attributeValue maximum
LOCAL_LIST_BYTES_PER_MESSAGE = 65536
MESSAGE_TIMEOUT_S = 30  # the ocpp library's call timeout
BASIC_AUTH_PASSWORD = (16, 40)  # the 1.6 AuthorizationKey rule, kept for the one stored password
SUPPLY_PHASES_DC = "0"


def _shared(key: Key, component: str, name: str, *, instance: str | None = None,
            data_type: DataType | None = None, mutability: Mutability | None = None,
            unit: str | None = None, constant: bool = False) -> Variable:
    """A variable whose value is the 1.6 key ``key``: type and limits come from the key."""
    kind_types = {Kind.BOOL: DataType.BOOLEAN, Kind.INT: DataType.INTEGER, Kind.STRING: DataType.STRING,
                  Kind.CSL: DataType.MEMBER_LIST if key.members else DataType.STRING}
    data_type = data_type or kind_types[key.kind]
    is_int = data_type is DataType.INTEGER
    if mutability is None:
        mutability = Mutability.WRITE_ONLY if key.write_only else RO if key.readonly else RW
    return Variable(component, name, data_type, mutability, instance=instance, unit=unit,
                    min_limit=key.minimum if is_int else None, max_limit=key.maximum if is_int else None,
                    values_list=key.members, constant=constant, reboot_required=key.reboot_required,
                    shared_key=key.name)


def catalogue(key: Callable[[str], Key]) -> tuple[Variable, ...]:
    """Every variable of this station; ``key`` looks up a 1.6 key (``Configuration.key``)."""
    def shared(name16: str, component: str, name: str, **options: object) -> Variable:
        return _shared(key(name16), component, name, **options)  # type: ignore[arg-type]

    languages = tuple(key("SupportedLanguages").default.split(","))

    def stored(component: str, name: str, data_type: DataType, default: str, **options: object) -> Variable:
        return Variable(component, name, data_type, RW, default=default, **options)  # type: ignore[arg-type]

    def fixed(component: str, name: str, data_type: DataType, value: str, **options: object) -> Variable:
        return Variable(component, name, data_type, RO, default=value, constant=True,
                        **options)  # type: ignore[arg-type]

    def per_message(name: str, instance: str, value: int) -> Variable:
        return fixed("DeviceDataCtrlr", name, DataType.INTEGER, str(value), instance=instance)

    def station(component: str, name: str, data_type: DataType, fact: Fact, **options: object) -> Variable:
        return Variable(component, name, data_type, RO, fact=fact, persistent=False,
                        **options)  # type: ignore[arg-type]

    def available(component: str, *, scope: Scope = Scope.STATION, instance: str | None = None) -> Variable:
        return Variable(component, "Available", DataType.BOOLEAN, RO, scope=scope, instance=instance,
                        default="true", constant=True)

    integer, boolean, string = DataType.INTEGER, DataType.BOOLEAN, DataType.STRING
    return (
        # OCPPCommCtrlr
        fixed("OCPPCommCtrlr", "FileTransferProtocols", DataType.MEMBER_LIST, ",".join(FILE_TRANSFER_PROTOCOLS),
              values_list=FILE_TRANSFER_PROTOCOLS),
        shared("HeartbeatInterval", "OCPPCommCtrlr", "HeartbeatInterval", unit="s"),
        fixed("OCPPCommCtrlr", "MessageTimeout", integer, str(MESSAGE_TIMEOUT_S), instance="Default", unit="s"),
        shared("TransactionMessageRetryInterval", "OCPPCommCtrlr", "MessageAttemptInterval",
               instance="TransactionEvent", unit="s"),
        shared("TransactionMessageAttempts", "OCPPCommCtrlr", "MessageAttempts", instance="TransactionEvent"),
        stored("OCPPCommCtrlr", "NetworkConfigurationPriority", DataType.SEQUENCE_LIST, "1", values_list=("1", "2")),
        stored("OCPPCommCtrlr", "NetworkProfileConnectionAttempts", integer, "3", min_limit=1, max_limit=100),
        stored("OCPPCommCtrlr", "OfflineThreshold", integer, "60", unit="s", min_limit=0, max_limit=86400),
        shared("ResetRetries", "OCPPCommCtrlr", "ResetRetries"),
        stored("OCPPCommCtrlr", "RetryBackOffRandomRange", integer, "10", unit="s", min_limit=0, max_limit=3600),
        stored("OCPPCommCtrlr", "RetryBackOffRepeatTimes", integer, "5", min_limit=0, max_limit=100),
        stored("OCPPCommCtrlr", "RetryBackOffWaitMinimum", integer, "5", unit="s", min_limit=1, max_limit=3600),
        shared("UnlockConnectorOnEVSideDisconnect", "OCPPCommCtrlr", "UnlockOnEVSideDisconnect", constant=True),
        shared("WebSocketPingInterval", "OCPPCommCtrlr", "WebSocketPingInterval", unit="s"),
        # SecurityCtrlr (shared with the 1.6 whitepaper's keys: one value each)
        shared("AdditionalRootCertificateCheck", "SecurityCtrlr", "AdditionalRootCertificateCheck", constant=True),
        _password(key("AuthorizationKey")),
        Variable("SecurityCtrlr", "CertificateEntries", integer, RO, fact=Fact.CERTIFICATES,
                 max_limit_key="CertificateStoreMaxLength"),
        station("SecurityCtrlr", "Identity", string, Fact.IDENTITY, max_limit=48),
        shared("CertificateSignedMaxChainSize", "SecurityCtrlr", "MaxCertificateChainSize", constant=True),
        replace(shared("CpoName", "SecurityCtrlr", "OrganizationName"), max_limit=64),
        shared("SecurityProfile", "SecurityCtrlr", "SecurityProfile", mutability=RO),  # 2.0.1: SetNetworkProfile
        # AuthCtrlr
        shared("AuthorizeRemoteTxRequests", "AuthCtrlr", "AuthorizeRemoteStart"),
        shared("LocalAuthorizeOffline", "AuthCtrlr", "LocalAuthorizeOffline"),
        shared("LocalPreAuthorize", "AuthCtrlr", "LocalPreAuthorize"),
        shared("AllowOfflineTxForUnknownId", "AuthCtrlr", "OfflineTxForUnknownIdEnabled"),
        # AuthCacheCtrlr
        available("AuthCacheCtrlr"),
        shared("AuthorizationCacheEnabled", "AuthCacheCtrlr", "Enabled"),
        # LocalAuthListCtrlr
        available("LocalAuthListCtrlr"),
        fixed("LocalAuthListCtrlr", "BytesPerMessage", integer, str(LOCAL_LIST_BYTES_PER_MESSAGE)),
        shared("LocalAuthListEnabled", "LocalAuthListCtrlr", "Enabled"),
        Variable("LocalAuthListCtrlr", "Entries", integer, RO, fact=Fact.LOCAL_LIST_ENTRIES,
                 max_limit_key="LocalAuthListMaxLength"),
        shared("SendLocalListMaxLength", "LocalAuthListCtrlr", "ItemsPerMessage", constant=True),
        # TxCtrlr
        shared("ConnectionTimeOut", "TxCtrlr", "EVConnectionTimeOut", unit="s"),
        stored("TxCtrlr", "MaxEnergyOnInvalidId", integer, "0", unit="Wh", min_limit=0, max_limit=1_000_000),
        shared("StopTransactionOnEVSideDisconnect", "TxCtrlr", "StopTxOnEVSideDisconnect", constant=True),
        shared("StopTransactionOnInvalidId", "TxCtrlr", "StopTxOnInvalidId"),
        stored("TxCtrlr", "TxStartPoint", DataType.MEMBER_LIST, "PowerPathClosed", values_list=TX_START_POINTS),
        stored("TxCtrlr", "TxStopPoint", DataType.MEMBER_LIST, "EVConnected,Authorized", values_list=TX_POINTS),
        # SampledDataCtrlr
        available("SampledDataCtrlr"),
        stored("SampledDataCtrlr", "TxEndedInterval", integer, "0", unit="s", min_limit=0, max_limit=86400),
        shared("StopTxnSampledData", "SampledDataCtrlr", "TxEndedMeasurands"),
        stored("SampledDataCtrlr", "TxStartedMeasurands", DataType.MEMBER_LIST, "Energy.Active.Import.Register",
               values_list=MEASURANDS),
        shared("MeterValueSampleInterval", "SampledDataCtrlr", "TxUpdatedInterval", unit="s"),
        shared("MeterValuesSampledData", "SampledDataCtrlr", "TxUpdatedMeasurands"),
        # AlignedDataCtrlr
        available("AlignedDataCtrlr"),
        shared("ClockAlignedDataInterval", "AlignedDataCtrlr", "Interval", unit="s"),
        shared("MeterValuesAlignedData", "AlignedDataCtrlr", "Measurands"),
        stored("AlignedDataCtrlr", "TxEndedInterval", integer, "0", unit="s", min_limit=0, max_limit=86400),
        shared("StopTxnAlignedData", "AlignedDataCtrlr", "TxEndedMeasurands"),
        # ReservationCtrlr
        available("ReservationCtrlr"),
        stored("ReservationCtrlr", "Enabled", boolean, "true"),
        shared("ReserveConnectorZeroSupported", "ReservationCtrlr", "NonEvseSpecific", constant=True),
        # SmartChargingCtrlr
        available("SmartChargingCtrlr"),
        stored("SmartChargingCtrlr", "Enabled", boolean, "true"),
        Variable("SmartChargingCtrlr", "Entries", integer, RO, instance="ChargingProfiles",
                 fact=Fact.CHARGING_PROFILES, max_limit_key="MaxChargingProfilesInstalled"),
        stored("SmartChargingCtrlr", "ExternalControlSignalsEnabled", boolean, "false"),
        stored("SmartChargingCtrlr", "LimitChangeSignificance", DataType.DECIMAL, "10.0", unit="Percent",
               min_limit=0, max_limit=100),
        shared("ChargingScheduleMaxPeriods", "SmartChargingCtrlr", "PeriodsPerSchedule", constant=True),
        shared("ChargeProfileMaxStackLevel", "SmartChargingCtrlr", "ProfileStackLevel", constant=True),
        fixed("SmartChargingCtrlr", "RateUnit", DataType.MEMBER_LIST, "A,W", values_list=("A", "W")),
        # TariffCostCtrlr
        available("TariffCostCtrlr", instance="Tariff"),
        available("TariffCostCtrlr", instance="Cost"),
        stored("TariffCostCtrlr", "Currency", string, "USD", max_limit=3),
        stored("TariffCostCtrlr", "Enabled", boolean, "true", instance="Tariff"),
        stored("TariffCostCtrlr", "Enabled", boolean, "true", instance="Cost"),
        stored("TariffCostCtrlr", "TariffFallbackMessage", string, "", max_limit=255),
        stored("TariffCostCtrlr", "TotalCostFallbackMessage", string, "", max_limit=255),
        # DisplayMessageCtrlr
        available("DisplayMessageCtrlr"),
        Variable("DisplayMessageCtrlr", "DisplayMessages", integer, RO, fact=Fact.DISPLAY_MESSAGES,
                 max_limit=DISPLAY_MESSAGES_MAX),
        stored("DisplayMessageCtrlr", "Enabled", boolean, "true"),
        replace(shared("Language", "DisplayMessageCtrlr", "Language", data_type=DataType.OPTION_LIST),
                values_list=languages),
        fixed("DisplayMessageCtrlr", "SupportedFormats", DataType.MEMBER_LIST, ",".join(MESSAGE_FORMATS),
              values_list=MESSAGE_FORMATS),
        fixed("DisplayMessageCtrlr", "SupportedPriorities", DataType.MEMBER_LIST, ",".join(MESSAGE_PRIORITIES),
              values_list=MESSAGE_PRIORITIES),
        fixed("DisplayMessageCtrlr", "SupportedStates", DataType.MEMBER_LIST, ",".join(MESSAGE_STATES),
              values_list=MESSAGE_STATES),
        # DeviceDataCtrlr
        per_message("BytesPerMessage", "GetReport", BYTES_PER_MESSAGE),
        per_message("BytesPerMessage", "GetVariables", BYTES_PER_MESSAGE),
        per_message("BytesPerMessage", "SetVariables", BYTES_PER_MESSAGE),
        fixed("DeviceDataCtrlr", "ConfigurationValueSize", integer, str(CONFIGURATION_VALUE_SIZE)),
        per_message("ItemsPerMessage", "GetReport", ITEMS_PER_MESSAGE),
        per_message("ItemsPerMessage", "GetVariables", ITEMS_PER_MESSAGE),
        per_message("ItemsPerMessage", "SetVariables", ITEMS_PER_MESSAGE),
        fixed("DeviceDataCtrlr", "ReportingValueSize", integer, str(REPORTING_VALUE_SIZE)),
        # ClockCtrlr
        station("ClockCtrlr", "DateTime", DataType.DATE_TIME, Fact.NOW),
        shared("NextTimeOffsetTransitionDateTime", "ClockCtrlr", "NextTimeOffsetTransitionDateTime",
               data_type=DataType.DATE_TIME),
        shared("TimeOffset", "ClockCtrlr", "TimeOffset"),
        shared("TimeOffsetNextTransition", "ClockCtrlr", "TimeOffset", instance="NextTransition"),
        stored("ClockCtrlr", "TimeSource", DataType.SEQUENCE_LIST, "Heartbeat", values_list=TIME_SOURCES),
        # ChargingStation
        station("ChargingStation", "AvailabilityState", DataType.OPTION_LIST, Fact.AVAILABILITY_STATE,
                values_list=AVAILABILITY_STATES),
        available("ChargingStation"),
        station("ChargingStation", "Model", string, Fact.MODEL, max_limit=20),
        station("ChargingStation", "Problem", boolean, Fact.PROBLEM),
        fixed("ChargingStation", "SupplyPhases", integer, SUPPLY_PHASES_DC),
        station("ChargingStation", "VendorName", string, Fact.VENDOR_NAME, max_limit=50),
        # EVSE (one per EVSE id)
        station("EVSE", "AvailabilityState", DataType.OPTION_LIST, Fact.AVAILABILITY_STATE, scope=Scope.EVSE,
                values_list=AVAILABILITY_STATES),
        available("EVSE", scope=Scope.EVSE),
        station("EVSE", "Power", DataType.DECIMAL, Fact.POWER, scope=Scope.EVSE, unit="W", min_limit=0,
                attributes=(Attribute.ACTUAL, Attribute.MAX_SET)),
        station("EVSE", "Problem", boolean, Fact.PROBLEM, scope=Scope.EVSE),
        fixed("EVSE", "SupplyPhases", integer, SUPPLY_PHASES_DC, scope=Scope.EVSE),
        # Connector (connector 1 of each EVSE)
        station("Connector", "AvailabilityState", DataType.OPTION_LIST, Fact.AVAILABILITY_STATE,
                scope=Scope.CONNECTOR, values_list=AVAILABILITY_STATES),
        available("Connector", scope=Scope.CONNECTOR),
        station("Connector", "ConnectorType", string, Fact.CONNECTOR_TYPE, scope=Scope.CONNECTOR),
        fixed("Connector", "SupplyPhases", integer, SUPPLY_PHASES_DC, scope=Scope.CONNECTOR),
    )


def _password(key: Key) -> Variable:
    """SecurityCtrlr.BasicAuthPassword is the 1.6 AuthorizationKey: WriteOnly, 16 to 40 characters."""
    low, high = BASIC_AUTH_PASSWORD
    return Variable("SecurityCtrlr", "BasicAuthPassword", DataType.STRING, Mutability.WRITE_ONLY,
                    min_limit=low, max_limit=high, shared_key=key.name, reboot_required=key.reboot_required)


@dataclass(frozen=True, slots=True)
class Address:
    """One variable of one component instance: what a GetVariableData names.

    ``evse_id``/``connector_id`` are None for a station-wide component.  Names compare
    case-insensitively (:meth:`key`), as the schema says.
    """

    component: str
    variable: str
    component_instance: str | None = None
    variable_instance: str | None = None
    evse_id: int | None = None
    connector_id: int | None = None

    def key(self) -> tuple[str, str, int, int, str, str]:
        return (self.component.casefold(), (self.component_instance or "").casefold(), self.evse_id or 0,
                self.connector_id or 0, self.variable.casefold(), (self.variable_instance or "").casefold())

    def component_key(self) -> tuple[str, str, int, int]:
        return self.key()[:4]


def address(variable: Variable, evse_id: int | None = None) -> Address:
    """Where ``variable`` sits (for an EVSE or Connector template: on EVSE ``evse_id``)."""
    connector = 1 if variable.scope is Scope.CONNECTOR else None
    return Address(variable.component, variable.name, variable.component_instance, variable.instance,
                   evse_id if variable.scope is not Scope.STATION else None, connector)
