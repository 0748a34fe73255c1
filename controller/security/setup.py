"""The certificate store of a configured charger (the wiring helper)."""

from __future__ import annotations

from pathlib import Path

from controller.config import Config
from controller.security.certificates import CSMS_ROOT, MANUFACTURER_ROOT, CertificateStore, SecurityEvent


def certificate_store(config: Config, security_event: SecurityEvent | None = None) -> CertificateStore:
    """The store in ``[ocpp].certificate_dir``, with ``[ocpp].ca_file`` as a CSMS root and
    ``[updates].manufacturer_root`` (when that section exists and names a file) as a manufacturer root."""
    configured: dict[str, list[Path]] = {CSMS_ROOT: [], MANUFACTURER_ROOT: []}
    if config.ocpp.ca_file:
        configured[CSMS_ROOT].append(Path(config.ocpp.ca_file))
    manufacturer = getattr(getattr(config, "updates", None), "manufacturer_root", "")
    if manufacturer:
        configured[MANUFACTURER_ROOT].append(Path(manufacturer))
    return CertificateStore(Path(config.ocpp.certificate_dir), configured, security_event)
