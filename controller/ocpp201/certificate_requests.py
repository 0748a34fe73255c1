"""OCPP 2.0.1's certificate management (M03-M05) and client certificate (A02/A03) messages.

Central system -> station: InstallCertificate, DeleteCertificate, GetInstalledCertificateIds,
CertificateSigned; station -> central system: SignCertificate (ChargingStationCertificate),
sent when TriggerMessage asks for SignChargingStationCertificate.  The store is the one the
1.6 charge point uses (:class:`~controller.ocpp.certificate_port.Certificates`); the limits
are the shared settings (SecurityCtrlr.MaxCertificateChainSize is 1.6's
CertificateSignedMaxChainSize, OrganizationName is CpoName, and so on).
"""

from __future__ import annotations

import logging
from typing import Any

from ocpp.v201 import call, call_result

from controller.ocpp.outbox import CallFailed, CallTimeout, Offline
from controller.ocpp201.host import Host

log = logging.getLogger(__name__)

#: 2.0.1's name of the security event for a rejected CertificateSigned (A02.FR.07).
INVALID_CERTIFICATE_EVENT = "InvalidChargingStationCertificate"
CLIENT_CERTIFICATE = "ChargingStationCertificate"


def _info(reason: str, text: str = "") -> dict[str, Any]:
    return {"reason_code": reason, "additional_info": text[:512]} if text else {"reason_code": reason}


class CertificateRequests201:
    """The certificate handlers of the 2.0.1 charging station ``cp`` (its store: ``cp.certificates``)."""

    def __init__(self, cp: Host) -> None:
        self.cp = cp
        self._signed = False  # set by on_certificate_signed for after_certificate_signed

    def handler_map(self) -> dict[str, Any]:
        return {
            "CertificateSigned": (self.on_certificate_signed, self.after_certificate_signed),
            "DeleteCertificate": self.on_delete_certificate,
            "GetInstalledCertificateIds": self.on_get_installed_certificate_ids,
            "InstallCertificate": self.on_install_certificate,
        }

    def on_install_certificate(self, certificate_type: str, certificate: str, **_: Any) -> Any:
        store = self.cp.certificates
        if store is None:
            return call_result.InstallCertificate(status="Rejected", status_info=_info("NotSupported"))
        config = self.cp.config
        status = store.install(certificate_type, certificate, config.number("CertificateStoreMaxLength"),
                               config.flag("AdditionalRootCertificateCheck"))
        return call_result.InstallCertificate(status=status)

    def on_delete_certificate(self, certificate_hash_data: dict[str, str], **_: Any) -> Any:
        store = self.cp.certificates
        return call_result.DeleteCertificate(status=store.delete(certificate_hash_data) if store else "NotFound")

    def on_get_installed_certificate_ids(self, certificate_type: list[str] | None = None, **_: Any) -> Any:
        store = self.cp.certificates
        kinds = [k for k in certificate_type or () if k != "V2GCertificateChain"]  # no V2G chain here
        found = [] if store is None or (certificate_type and not kinds) else store.installed(kinds or None)
        if not found:
            return call_result.GetInstalledCertificateIds(status="NotFound")
        chain = [{"certificate_type": kind, "certificate_hash_data": data} for kind, data in found]
        return call_result.GetInstalledCertificateIds(status="Accepted", certificate_hash_data_chain=chain)

    def on_certificate_signed(self, certificate_chain: str, certificate_type: str | None = None, **_: Any) -> Any:
        self._signed = False
        store = self.cp.certificates
        if store is None or certificate_type not in (None, CLIENT_CERTIFICATE):
            return call_result.CertificateSigned(status="Rejected", status_info=_info("NotSupported"))
        problem = store.certificate_signed(certificate_chain, self.cp.config.number("CertificateSignedMaxChainSize"),
                                           INVALID_CERTIFICATE_EVENT)
        if problem is not None:
            log.warning("CertificateSigned rejected: %s", problem)
            return call_result.CertificateSigned(status="Rejected", status_info=_info("InvalidCertificate", problem))
        self._signed = True
        return call_result.CertificateSigned(status="Accepted")

    def after_certificate_signed(self, **_: Any) -> None:
        if self._signed:
            self.cp.link.client_certificate_installed()

    async def sign_certificate(self) -> str | None:
        """A new key pair and SignCertificate (ChargingStationCertificate) with its CSR (CN: the
        serial number, O: OrganizationName); the central system's answer (None when none came)."""
        store = self.cp.certificates
        if store is None:
            return None
        csr = store.certificate_request(self.cp.identity.serial_number, self.cp.config.raw("CpoName"))
        try:
            conf = await self.cp.outbox.request(call.SignCertificate(csr=csr, certificate_type=CLIENT_CERTIFICATE))
        except (Offline, CallTimeout, CallFailed) as exc:
            log.warning("SignCertificate not answered: %s", exc)
            return None
        log.info("SignCertificate %s", conf.status)
        return str(conf.status)
