"""Reaching the central system: the endpoint, TLS, HTTP Basic auth, back-off, and logs
that never show a secret.

Security profile 1 is Basic auth over ``ws://``; profile 2 adds TLS (``wss://``) with the
server certificate checked against the central system roots (``[ocpp].ca_file`` and those
installed with InstallCertificate; the system's when there are none); profile 3 adds the
charger's client certificate (:mod:`controller.ocpp.certificate_port`) once one is installed.
The user is the charge point id and the password the AuthorizationKey; neither the key nor
the Authorization header reaches a log.
"""

from __future__ import annotations

import base64
import logging
import random
import re
import ssl
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import InvalidStatus
from websockets.frames import Frame

from controller.ocpp.certificate_port import Certificates
from controller.security_events import (
    FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM,
    INVALID_CENTRAL_SYSTEM_CERTIFICATE,
    INVALID_TLS_VERSION,
)

SUBPROTOCOL = "ocpp1.6"
REDACTED = "***"


class EndpointError(ValueError):
    """The central system's URL is unusable."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where and who: ``url`` ends with the charge point id."""

    url: str
    charge_point_id: str

    @property
    def secure(self) -> bool:
        return self.url.startswith("wss://")


def endpoint(base_url: str, charge_point_id: str) -> Endpoint:
    """The configured URL with the charge point id appended as the last path segment."""
    _check_scheme(base_url)
    return Endpoint(base_url.rstrip("/") + "/" + charge_point_id, charge_point_id)


def endpoint_from_override(url: str) -> Endpoint:
    """``--csms URL``: the charge point id is the URL's last path segment."""
    _check_scheme(url)
    segment = unquote(urlsplit(url).path.rstrip("/").rpartition("/")[2])
    if not segment:
        raise EndpointError(f"{url!r}: the last path segment must be the charge point id")
    return Endpoint(url.rstrip("/"), segment)


def _check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("ws", "wss") or not parts.hostname:
        raise EndpointError(f"{url!r}: expected ws://host[:port]/path or wss://...")
    if parts.username or parts.password:
        raise EndpointError("credentials do not belong in the URL: use [ocpp].authorization_key")


def security_profile(target: Endpoint, authorization_key: str, client_certificate: bool = False) -> int:
    """0: none, 1: Basic auth, 2: TLS + Basic auth, 3: TLS + the charger's client certificate."""
    if target.secure and client_certificate:
        return 3
    if not authorization_key:
        return 0
    return 2 if target.secure else 1


def basic_authorization(charge_point_id: str, password: str) -> str:
    token = base64.b64encode(f"{charge_point_id}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


def tls_context(ca_file: str | None, cadata: str = "", client_files: tuple[str, str] | None = None) -> ssl.SSLContext:
    """TLS 1.2 or newer, server certificate and host name checked against ``cadata`` (PEM roots),
    else ``ca_file``, else the system CAs; ``client_files``: (certificate chain, key) to present."""
    context = ssl.create_default_context(cadata=cadata) if cadata else ssl.create_default_context(
        cafile=ca_file or None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if client_files is not None:
        context.load_cert_chain(*client_files)
    return context


def server_certificate(websocket: ClientConnection) -> bytes | None:
    """The central system's certificate (DER) on a TLS connection."""
    ssl_object = websocket.transport.get_extra_info("ssl_object") if websocket.transport else None
    return ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None


async def open_secured(target: Endpoint, authorization_key: str, ca_file: str | None, ping_interval_s: float,
                       open_timeout_s: float, subprotocols: tuple[str, ...],
                       certificates: Certificates | None) -> ClientConnection:
    """:func:`open_connection` trusting the central system roots of ``certificates`` (and
    ``ca_file``) and presenting the charger's client certificate when one is installed."""
    if certificates is None:
        return await open_connection(target, authorization_key, ca_file, ping_interval_s, open_timeout_s,
                                     subprotocols)
    context = tls_context(ca_file, certificates.csms_roots_pem(), certificates.client_files()) \
        if target.secure else None
    # a certificate that fails the check is a security event: the link records it (refusal_event), once a run
    websocket = await open_connection(target, authorization_key, ca_file, ping_interval_s, open_timeout_s,
                                      subprotocols, context)
    certificates.connected(server_certificate(websocket))
    return websocket
#: OpenSSL's reasons for a handshake that failed on the protocol version (the server offers
#: only TLS older than 1.2, which :func:`tls_context` refuses).
_TLS_VERSION_REASONS = frozenset({"UNSUPPORTED_PROTOCOL", "TLSV1_ALERT_PROTOCOL_VERSION", "NO_PROTOCOLS_AVAILABLE"})


def refusal_event(exc: BaseException) -> tuple[str, str] | None:
    """The security event (kind, tech info) a failed connection attempt is, if any: the central
    system refused our credentials (HTTP 401 or 403 on the handshake), its certificate could not
    be verified, or it speaks only a TLS version below 1.2."""
    if isinstance(exc, InvalidStatus) and exc.response.status_code in (401, 403):
        code = exc.response.status_code
        return FAILED_TO_AUTHENTICATE_AT_CENTRAL_SYSTEM, f"HTTP {code} {exc.response.reason_phrase} on the handshake"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return INVALID_CENTRAL_SYSTEM_CERTIFICATE, str(exc.verify_message or exc.reason or exc)[:200]
    if isinstance(exc, ssl.SSLError) and exc.reason in _TLS_VERSION_REASONS:
        return INVALID_TLS_VERSION, f"TLS handshake failed: {exc.reason} (TLS 1.2 or newer required)"
    return None


#: The websocket subprotocol of each OCPP version (OCPP-J).
SUBPROTOCOLS = {"1.6": SUBPROTOCOL, "2.0.1": "ocpp2.0.1"}


def offered_subprotocols(version: str) -> tuple[str, ...]:
    """What the handshake offers for ``[ocpp].version``: one version, or with ``auto`` both,
    2.0.1 first (the central system picks)."""
    if version == "auto":
        return (SUBPROTOCOLS["2.0.1"], SUBPROTOCOLS["1.6"])
    return (SUBPROTOCOLS[version],)


async def open_connection(target: Endpoint, authorization_key: str, ca_file: str | None, ping_interval_s: float,
                          open_timeout_s: float, subprotocols: tuple[str, ...] = (SUBPROTOCOL,),
                          tls: ssl.SSLContext | None = None) -> ClientConnection:
    """Open the websocket offering ``subprotocols``; raise if the server agrees to none of them
    (the one it chose is ``websocket.subprotocol``).  ``tls``: the context for ``wss://``
    (default: :func:`tls_context` of ``ca_file``)."""
    headers = {}
    if authorization_key:
        headers["Authorization"] = basic_authorization(target.charge_point_id, authorization_key)
    websocket = await connect(
        target.url,
        subprotocols=list(subprotocols),  # type: ignore[arg-type]
        additional_headers=headers,
        ssl=(tls or tls_context(ca_file)) if target.secure else None,
        ping_interval=ping_interval_s or None,
        ping_timeout=ping_interval_s or None,
        open_timeout=open_timeout_s,
        logger=WEBSOCKET_LOG,
        max_size=2**20,
    )
    if websocket.subprotocol not in subprotocols:
        offered = ", ".join(subprotocols)
        await websocket.close(code=1002, reason=f"{offered} required"[:120])
        raise ConnectionError(f"the central system did not agree to {offered} (got {websocket.subprotocol!r})")
    return websocket


class Backoff:
    """Exponential back-off with jitter: ``min(maximum, initial x 2^n) + uniform(0, jitter)``."""

    def __init__(self, initial_s: float, maximum_s: float, jitter_s: float, rng: random.Random) -> None:
        self.initial_s = initial_s
        self.maximum_s = maximum_s
        self.jitter_s = jitter_s
        self._rng = rng
        self.failures = 0

    def next_delay(self) -> float:
        """The wait before the next attempt (and count this failure)."""
        base = min(self.maximum_s, self.initial_s * 2 ** min(self.failures, 30))
        self.failures += 1
        return base + self._rng.uniform(0, self.jitter_s)

    def reset(self) -> None:
        self.failures = 0


# --- logs without secrets ----------------------------------------------------------------

_KEY_THEN_VALUE = re.compile(
    r"""(['"]key['"]\s*:\s*['"]AuthorizationKey['"]\s*,\s*['"]value['"]\s*:\s*)(['"])(?:\\.|(?!\2).)*\2""")
_VALUE_THEN_KEY = re.compile(
    r"""(['"]value['"]\s*:\s*)(['"])(?:\\.|(?!\2).)*\2(\s*,\s*['"]key['"]\s*:\s*['"]AuthorizationKey['"])""")
_BASIC = re.compile(r"(Basic\s+)[A-Za-z0-9+/=]+")


def redact(text: str) -> str:
    """``text`` without an AuthorizationKey value or Basic credentials."""
    text = _KEY_THEN_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}{m.group(2)}", text)
    text = _VALUE_THEN_KEY.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}{m.group(2)}{m.group(3)}", text)
    return _BASIC.sub(rf"\1{REDACTED}", text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message so that no secret is formatted into it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(redact(a) if isinstance(a, str) else _redact_object(a) for a in args)
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def _redact_object(value: object) -> object:
    text = str(value)
    cleaned = redact(text)
    return cleaned if cleaned != text else value


class FrameSizeFilter(RedactingFilter):
    """For the websocket's own DEBUG lines: a data frame shows its kind and size only (its
    text is shortened in the middle, where a secret would escape :func:`redact`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(f"{a.opcode.name} [{len(a.data)} bytes]" if isinstance(a, Frame) else a
                                for a in args)
        return super().filter(record)


def _redacted_logger(name: str, kind: type[RedactingFilter] = RedactingFilter) -> logging.Logger:
    logger = logging.getLogger(name)
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(kind())
    return logger


#: Frames in and out (the ``ocpp`` library logs every frame at INFO).
FRAME_LOG = _redacted_logger("controller.ocpp.frames")
#: The websocket handshake (its DEBUG lines include the request headers).
WEBSOCKET_LOG = _redacted_logger("controller.ocpp.websocket", FrameSizeFilter)
