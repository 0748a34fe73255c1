"""Security events: their kinds, which of them each OCPP version calls critical, and their names.

The kinds are the OCPP 1.6 Security Whitepaper's (edition 3, §8), spelt as 1.6 spells them;
that spelling is the one the security log keeps.  OCPP 2.0.1 (Part 2, Appendix 1) renames
the ones that name a party ("CentralSystem" becomes "Csms", "ChargePoint" becomes
"ChargingStation"): :func:`name_in` gives the name for the version on the wire.

Critical events are pushed to the central system (SecurityEventNotification); the others
are only logged.  The whitepaper marks seven critical; 2.0.1 marks the same seven and,
besides, the certificate, TLS and firmware-signature events and the maintenance logins
(:data:`CRITICAL`).  Whether an event must be sent is fixed when it is recorded, by the
version spoken then (see :mod:`controller.security_log`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

#: How the parts that see a security event report it: ``report(kind, tech_info)``, where
#: ``kind`` is one of :data:`KINDS` (1.6 spelling) and ``tech_info`` is free text ("" for none).
Report = Callable[[str, str], None]

V16 = "1.6"
V201 = "2.0.1"

FIRMWARE_UPDATED = "FirmwareUpdated"
FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM = "FailedToAuthenticateAtCentralSystem"
CENTRAL_SYSTEM_FAILED_TO_AUTHENTICATE = "CentralSystemFailedToAuthenticate"
SETTING_SYSTEM_TIME = "SettingSystemTime"
STARTUP_OF_THE_DEVICE = "StartupOfTheDevice"
RESET_OR_REBOOT = "ResetOrReboot"
SECURITY_LOG_WAS_CLEARED = "SecurityLogWasCleared"
RECONFIGURATION_OF_SECURITY_PARAMETERS = "ReconfigurationOfSecurityParameters"
MEMORY_EXHAUSTION = "MemoryExhaustion"
INVALID_MESSAGES = "InvalidMessages"
ATTEMPTED_REPLAY_ATTACKS = "AttemptedReplayAttacks"
TAMPER_DETECTION_ACTIVATED = "TamperDetectionActivated"
INVALID_FIRMWARE_SIGNATURE = "InvalidFirmwareSignature"
INVALID_FIRMWARE_SIGNING_CERTIFICATE = "InvalidFirmwareSigningCertificate"
INVALID_CENTRAL_SYSTEM_CERTIFICATE = "InvalidCentralSystemCertificate"
INVALID_CHARGE_POINT_CERTIFICATE = "InvalidChargePointCertificate"
INVALID_TLS_VERSION = "InvalidTLSVersion"
INVALID_TLS_CIPHER_SUITE = "InvalidTLSCipherSuite"
#: 2.0.1 only (no 1.6 name): a login to the local maintenance interface (the engineer screen).
MAINTENANCE_LOGIN_ACCEPTED = "MaintenanceLoginAccepted"
MAINTENANCE_LOGIN_FAILED = "MaintenanceLoginFailed"

#: Every kind, in the order of WP3 §8, then the 2.0.1-only ones.
KINDS: tuple[str, ...] = (
    FIRMWARE_UPDATED, FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM, CENTRAL_SYSTEM_FAILED_TO_AUTHENTICATE,
    SETTING_SYSTEM_TIME, STARTUP_OF_THE_DEVICE, RESET_OR_REBOOT, SECURITY_LOG_WAS_CLEARED,
    RECONFIGURATION_OF_SECURITY_PARAMETERS, MEMORY_EXHAUSTION, INVALID_MESSAGES, ATTEMPTED_REPLAY_ATTACKS,
    TAMPER_DETECTION_ACTIVATED, INVALID_FIRMWARE_SIGNATURE, INVALID_FIRMWARE_SIGNING_CERTIFICATE,
    INVALID_CENTRAL_SYSTEM_CERTIFICATE, INVALID_CHARGE_POINT_CERTIFICATE, INVALID_TLS_VERSION,
    INVALID_TLS_CIPHER_SUITE, MAINTENANCE_LOGIN_ACCEPTED, MAINTENANCE_LOGIN_FAILED,
)

_CRITICAL_BOTH = frozenset({FIRMWARE_UPDATED, SETTING_SYSTEM_TIME, STARTUP_OF_THE_DEVICE, RESET_OR_REBOOT,
                            SECURITY_LOG_WAS_CLEARED, MEMORY_EXHAUSTION, TAMPER_DETECTION_ACTIVATED})
#: The kinds each version pushes to the central system (WP3 §8; 2.0.1 Part 2 Appendix 1).
CRITICAL: dict[str, frozenset[str]] = {
    V16: _CRITICAL_BOTH,
    V201: _CRITICAL_BOTH | {INVALID_FIRMWARE_SIGNATURE, INVALID_FIRMWARE_SIGNING_CERTIFICATE,
                            INVALID_CENTRAL_SYSTEM_CERTIFICATE, INVALID_CHARGE_POINT_CERTIFICATE,
                            INVALID_TLS_VERSION, INVALID_TLS_CIPHER_SUITE, MAINTENANCE_LOGIN_ACCEPTED,
                            MAINTENANCE_LOGIN_FAILED},
}

#: 2.0.1's names where they differ from 1.6's.
_NAMES_201 = {
    FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM: "FailedToAuthenticateAtCsms",
    CENTRAL_SYSTEM_FAILED_TO_AUTHENTICATE: "CsmsFailedToAuthenticate",
    INVALID_CENTRAL_SYSTEM_CERTIFICATE: "InvalidCsmsCertificate",
    INVALID_CHARGE_POINT_CERTIFICATE: "InvalidChargingStationCertificate",
}

#: Status codes of the cabinet door (the station's 012252, a connector board's 042252): TamperDetectionActivated.
TAMPER_CODES = frozenset({"012252", "042252"})

#: OCPP 1.6 configuration keys that are security parameters (ReconfigurationOfSecurityParameters when changed).
SECURITY_KEYS_16 = frozenset({"SecurityProfile", "AuthorizationKey", "CpoName", "AdditionalRootCertificateCheck",
                              "CertificateSignedMaxChainSize", "CertificateStoreMaxLength"})
#: The OCPP 2.0.1 component whose variables are security parameters.
SECURITY_COMPONENT_201 = "SecurityCtrlr"


_KINDS_OF_201 = {name: kind for kind, name in _NAMES_201.items()}


def canonical(kind: str) -> str:
    """``kind`` in the log's (1.6) spelling: a part that reports in 2.0.1's words
    ("InvalidCsmsCertificate") is understood too."""
    return _KINDS_OF_201.get(kind, kind)


def critical_in(kind: str, version: str) -> bool:
    """``kind`` is pushed to the central system by OCPP ``version`` ("1.6" or "2.0.1")."""
    return canonical(kind) in CRITICAL[version]


def name_in(kind: str, version: str) -> str:
    """``kind`` (1.6 spelling) as OCPP ``version`` spells it."""
    return _NAMES_201.get(kind, kind) if version == V201 else kind


class Delivery(enum.Enum):
    """Where an event stands with the central system."""

    LOGGED = "logged"  # not critical when recorded: kept here only
    PENDING = "pending"  # critical, not confirmed yet
    SENT = "sent"  # the central system confirmed it (CALLRESULT)
    REFUSED = "refused"  # the central system answered every attempt with an error: given up


@dataclass(frozen=True, slots=True)
class SecurityEvent:
    """One entry of the security log."""

    seq: int  # grows by one per event, never reused
    kind: str  # 1.6 spelling (:data:`KINDS`, or another name a part chose)
    timestamp: datetime  # UTC
    tech_info: str  # "" for none
    critical: bool  # pushed to the central system (decided by the version spoken when recorded)
    delivery: Delivery

    @property
    def delivered(self) -> bool:
        """The central system confirmed it."""
        return self.delivery is Delivery.SENT
