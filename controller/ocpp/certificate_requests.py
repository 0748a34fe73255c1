"""The 1.6 Security Whitepaper's certificate messages and ExtendedTriggerMessage.

Central system -> charge point: InstallCertificate (M05), DeleteCertificate (M04),
GetInstalledCertificateIds (M03), CertificateSigned (A02/A03) and ExtendedTriggerMessage;
charge point -> central system: SignCertificate, sent when ExtendedTriggerMessage asks for
SignChargePointCertificate.  The certificates live in the store behind
:class:`~controller.ocpp.certificate_port.Certificates`; without one (no store wired) the
certificate messages answer as a charge point with nothing installed and no room.

ExtendedTriggerMessage reuses TriggerMessage's code paths (``trigger``) for BootNotification,
Heartbeat, MeterValues and StatusNotification.  LogStatusNotification and
FirmwareStatusNotification come from the log and firmware engines: :attr:`status_hooks`
holds a coroutine factory for each (None: answered NotImplemented until one is set).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from ocpp.v16 import call, call_result
from ocpp.v16.enums import MessageTrigger

from controller.ocpp.certificate_port import Certificates
from controller.ocpp.configuration import Configuration
from controller.ocpp.outbox import CallFailed, CallTimeout, Offline
from controller.ocpp.settings import Identity

log = logging.getLogger(__name__)

#: The whitepaper's name of the security event for a rejected CertificateSigned (A02.FR.07).
INVALID_CERTIFICATE_EVENT = "InvalidChargePointCertificate"
#: ExtendedTriggerMessage's messages that TriggerMessage's code paths send.
TRIGGERED = {"BootNotification": MessageTrigger.boot_notification, "Heartbeat": MessageTrigger.heartbeat,
             "MeterValues": MessageTrigger.meter_values, "StatusNotification": MessageTrigger.status_notification}
HOOKED = ("LogStatusNotification", "FirmwareStatusNotification")
StatusHook = Callable[[], Coroutine[Any, Any, Any]]


class CertificateHost(Protocol):
    """What these handlers need of the charge point (:class:`controller.ocpp.client.OcppClient`)."""

    @property
    def config(self) -> Configuration: ...

    @property
    def identity(self) -> Identity: ...

    @property
    def outbox(self) -> Any:
        """:class:`controller.ocpp.outbox.Outbox`."""
        ...

    @property
    def connector_ids(self) -> tuple[int, ...]: ...

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> Any: ...

    def client_certificate_installed(self) -> None:
        """A new client certificate is in place: connect again with it."""
        ...


class CertificateRequests16:
    """The whitepaper's certificate handlers (``trigger(message, connector_id)``: TriggerMessage's sender)."""

    def __init__(self, cp: CertificateHost, certificates: Certificates | None,
                 trigger: Callable[[MessageTrigger, int | None], None]) -> None:
        self.cp = cp
        self.certificates = certificates
        self._trigger = trigger
        self.status_hooks: dict[str, StatusHook | None] = dict.fromkeys(HOOKED)
        self._go: dict[str, bool] = {}

    def handler_map(self) -> dict[str, Any]:
        return {
            "CertificateSigned": (self.on_certificate_signed, self.after_certificate_signed),
            "DeleteCertificate": self.on_delete_certificate,
            "ExtendedTriggerMessage": (self.on_extended_trigger_message, self.after_extended_trigger_message),
            "GetInstalledCertificateIds": self.on_get_installed_certificate_ids,
            "InstallCertificate": self.on_install_certificate,
        }

    # --- M03, M04, M05 ----------------------------------------------------------------

    def on_install_certificate(self, certificate_type: str, certificate: str, **_: Any) -> Any:
        if self.certificates is None:
            return call_result.InstallCertificate(status="Rejected")
        config = self.cp.config
        status = self.certificates.install(certificate_type, certificate, config.number("CertificateStoreMaxLength"),
                                           config.flag("AdditionalRootCertificateCheck"))
        return call_result.InstallCertificate(status=status)

    def on_delete_certificate(self, certificate_hash_data: dict[str, str], **_: Any) -> Any:
        if self.certificates is None:
            return call_result.DeleteCertificate(status="NotFound")
        return call_result.DeleteCertificate(status=self.certificates.delete(certificate_hash_data))

    def on_get_installed_certificate_ids(self, certificate_type: str, **_: Any) -> Any:
        found = self.certificates.installed([certificate_type]) if self.certificates is not None else []
        if not found:
            return call_result.GetInstalledCertificateIds(status="NotFound")
        return call_result.GetInstalledCertificateIds(status="Accepted",
                                                      certificate_hash_data=[data for _, data in found])

    # --- A02 / A03 ----------------------------------------------------------------------

    def on_certificate_signed(self, certificate_chain: str, **_: Any) -> Any:
        self._go["signed"] = False
        if self.certificates is None:
            return call_result.CertificateSigned(status="Rejected")
        problem = self.certificates.certificate_signed(
            certificate_chain, self.cp.config.number("CertificateSignedMaxChainSize"), INVALID_CERTIFICATE_EVENT)
        if problem is not None:
            log.warning("CertificateSigned rejected: %s", problem)
            return call_result.CertificateSigned(status="Rejected")
        self._go["signed"] = True
        return call_result.CertificateSigned(status="Accepted")

    def after_certificate_signed(self, **_: Any) -> None:
        if self._go.get("signed"):
            self.cp.client_certificate_installed()

    async def sign_certificate(self) -> str | None:
        """A new key pair and SignCertificate with its CSR (CN: the serial number, O: CpoName);
        the central system's answer (None when it gave none)."""
        if self.certificates is None:
            return None
        csr = self.certificates.certificate_request(self.cp.identity.serial_number, self.cp.config.raw("CpoName"))
        try:
            conf = await self.cp.outbox.request(call.SignCertificate(csr=csr))
        except (Offline, CallTimeout, CallFailed) as exc:
            log.warning("SignCertificate not answered: %s", exc)
            return None
        log.info("SignCertificate %s", conf.status)
        return str(conf.status)

    # --- ExtendedTriggerMessage ---------------------------------------------------------

    def on_extended_trigger_message(self, requested_message: str, connector_id: int | None = None, **_: Any) -> Any:
        self._go["trigger"] = False
        if connector_id not in (None, 0) and connector_id not in self.cp.connector_ids:
            return call_result.ExtendedTriggerMessage(status="Rejected")
        if requested_message == "SignChargePointCertificate":
            if self.certificates is None:
                return call_result.ExtendedTriggerMessage(status="Rejected")
        elif requested_message in HOOKED:
            if self.status_hooks.get(requested_message) is None:
                return call_result.ExtendedTriggerMessage(status="NotImplemented")
        elif requested_message not in TRIGGERED:
            return call_result.ExtendedTriggerMessage(status="NotImplemented")
        self._go["trigger"] = True
        return call_result.ExtendedTriggerMessage(status="Accepted")

    def after_extended_trigger_message(self, requested_message: str, connector_id: int | None = None,
                                       **_: Any) -> None:
        if not self._go.get("trigger"):
            return
        hook = self.status_hooks.get(requested_message)
        if requested_message == "SignChargePointCertificate":
            self.cp.spawn(self.sign_certificate())
        elif hook is not None:
            self.cp.spawn(hook())
        else:
            self._trigger(TRIGGERED[requested_message], connector_id)
