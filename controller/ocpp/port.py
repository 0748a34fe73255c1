"""The interface between the station and its OCPP side.

The OCPP side never reaches into the station: it reads :class:`StationSnapshot`\\ s,
receives :data:`PortEvent`\\ s, and asks for things through :class:`StationPort`.
Everything runs on the controller's asyncio loop thread: the station calls
``OcppClient.post(event)`` (it returns at once) and the client calls the port's methods,
which must return at once too (they set a flag or queue an intent; the station acts on
its next tick).

What the station pushes:

* :class:`StateChanged` whenever its snapshot changes (connector states, meter readings,
  status codes). Statuses, error codes and meter values are derived from it, so the
  station never has to announce a status change or a code by itself.
* :class:`AuthorizeRequest` when a driver presents an id (card, QR code, app) that does not
  stop a running session; the answer comes back through
  :meth:`StationPort.authorization_decided`.
* :class:`SessionStarted` when a session begins (authorized and plugged: the connector
  locks), :class:`SessionStopped` when it has ended (current back to zero).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from controller.pricing import BackendCost, DefaultPrice, PriceText, TimeOffset
from controller.readings import Measurement
from controller.session import ConnectorState

# --- what the station shows ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportedCode:
    """A status code in force as the OCPP side reports it: six digits, the OCPP
    ``connector_id`` (0 the whole station) and whether it blocks charging.  (The kiosk's
    :class:`controller.view.ActiveCode` is the same code in the station's words.)"""

    code: str
    connector_id: int
    blocking: bool
    measurement: Measurement | None = None  # the reading it is about, for StatusNotification.info


@dataclass(frozen=True, slots=True)
class ConnectorSnapshot:
    """One connector as the OCPP side needs it (SI units)."""

    connector_id: int  # 1 = left, 2 = right
    state: ConnectorState
    energy_wh: float  # the connector's energy register: cumulative, never reset
    power_w: float = 0.0  # output power now
    current_a: float = 0.0
    voltage_v: float = 0.0
    soc: int | None = None  # the EV's state of charge, when it tells
    offered_w: float = 0.0  # what the power allocation grants now
    plugged: bool = False


@dataclass(frozen=True, slots=True)
class StationSnapshot:
    """The whole station; ``ready`` is False until the self-test has passed."""

    connectors: tuple[ConnectorSnapshot, ...]
    codes: tuple[ReportedCode, ...] = ()  # newest first
    ready: bool = True
    software_update: bool = False  # a software update is installing: the charge point is Unavailable

    def connector(self, connector_id: int) -> ConnectorSnapshot:
        for connector in self.connectors:
            if connector.connector_id == connector_id:
                return connector
        raise KeyError(connector_id)

    def codes_for(self, connector_id: int) -> tuple[ReportedCode, ...]:
        """Codes concerning ``connector_id``: its own and the station-wide ones (newest first)."""
        return tuple(c for c in self.codes if c.connector_id in (0, connector_id))


# --- what the station pushes ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StateChanged:
    snapshot: StationSnapshot


@dataclass(frozen=True, slots=True)
class AuthorizeRequest:
    """A driver presented ``id_tag``; answer with :meth:`StationPort.authorization_decided`."""

    id_tag: str
    connector_id: int | None = None  # when the driver chose a connector first


@dataclass(frozen=True, slots=True)
class SessionStarted:
    """``session_id`` is the station's record of the session (its store's id, which only
    grows; None when not recorded): the charge point remembers the last one it took over."""

    connector_id: int
    id_tag: str
    meter_start_wh: int
    timestamp: datetime  # UTC
    session_id: int | None = None


@dataclass(frozen=True, slots=True)
class SessionStopped:
    """``reason`` is the OCPP 1.6 Reason (:func:`controller.ocpp.mapping.reason_of` the station's
    stop reason, or the reason passed to :meth:`StationPort.stop_session`); ``id_tag`` the card
    that stopped it, if a card did."""

    connector_id: int
    meter_stop_wh: int
    timestamp: datetime  # UTC
    reason: str = "Local"
    id_tag: str | None = None


PortEvent = StateChanged | AuthorizeRequest | SessionStarted | SessionStopped


# --- what the OCPP side hands to the station -----------------------------------------


@dataclass(frozen=True, slots=True)
class AuthDecision:
    """The verdict on an id tag: ``accepted`` is all the station needs; the rest is for
    the screen (``status`` is the OCPP AuthorizationStatus) and for session rules
    (a card with the same ``parent_id_tag`` may stop the session)."""

    accepted: bool
    status: str = "Accepted"
    parent_id_tag: str | None = None
    expiry: datetime | None = None
    source: str = "central"  # central, cache, local_list, offline_unknown


@dataclass(frozen=True, slots=True)
class Reservation:
    """The connector is kept for ``id_tag`` (or any id of ``parent_id_tag``) until ``expiry``."""

    reservation_id: int
    id_tag: str
    expiry: datetime
    parent_id_tag: str | None = None


@dataclass(frozen=True, slots=True)
class PowerLimit:
    """An external (smart-charging) limit; ``None`` watts means no limit."""

    connector_id: int  # 0: the whole station (ChargePointMaxProfile)
    watts: float | None
    rises_at: datetime | None = None  # a zero limit: when the schedule lifts it (central system's time), None: not soon
    # ... and in how many seconds from when it was worked out: the station's clock may differ from the
    # central system's (CentralTime's offset), a delay does not (not compared: rises_at says it)
    rises_in_s: float | None = field(default=None, compare=False)


class StationPort(Protocol):
    """What the OCPP side needs from the station.  Every method returns at once."""

    def snapshot(self) -> StationSnapshot:
        """The station now (also pushed as :class:`StateChanged`)."""
        ...

    def authorization_decided(self, id_tag: str, decision: AuthDecision) -> None:
        """The answer to an :class:`AuthorizeRequest`: start (or wait for the plug) or refuse."""
        ...

    def remote_start(self, connector_id: int | None, id_tag: str) -> bool:
        """RemoteStartTransaction: treat ``id_tag`` as authorized on ``connector_id`` (None:
        the station picks, left first).  False when that cannot start (busy, faulted,
        unavailable).  The session then starts when the cable is in (SessionStarted)."""
        ...

    def stop_session(self, connector_id: int, reason: str) -> bool:
        """Stop the session on ``connector_id`` with the OCPP Reason ``reason`` (Remote,
        SoftReset, HardReset, UnlockCommand, DeAuthorized, Other); False if none runs.
        The station answers later with :class:`SessionStopped` carrying that reason."""
        ...

    def unlock(self, connector_id: int) -> bool:
        """UnlockConnector: release the lock (a running session is stopped first by the
        OCPP side); False when the lock did not open."""
        ...

    def set_available(self, connector_id: int, available: bool) -> None:
        """ChangeAvailability took effect for ``connector_id`` (>= 1): no new sessions while
        unavailable; the connector shows Unavailable."""
        ...

    def reset(self, hard: bool) -> None:
        """Restart now (sessions are already stopped): ``hard`` restarts the hardware,
        otherwise only the software."""
        ...

    def set_reservation(self, connector_id: int, reservation: Reservation | None) -> None:
        """Keep ``connector_id`` for a reservation (None: free again); only its id tag (or
        one with the same parent) may start there meanwhile."""
        ...

    def set_power_limit(self, limit: PowerLimit) -> None:
        """A smart-charging limit changed; the power allocation must stay below it."""
        ...

    def set_connection_timeout(self, seconds: int) -> None:
        """ConnectionTimeOut: seconds a driver has to plug in after authorizing."""
        ...

    def set_backend_online(self, online: bool, code: str, connecting: bool = False) -> None:
        """The backend connection came back or was lost.  While offline the station shows
        ``code`` (033900 Ethernet, 033901 Wi-Fi, 033902 3G/4G, not blocking) and offers no QR
        code or app authorization; RFID keeps working (the OCPP side decides offline).
        ``connecting``: offline, but the link is up and the central system has not accepted
        the charger yet (its BootNotification is being answered, Pending or Rejected)."""
        ...

    def show_code(self, code: str, connector_id: int) -> None:
        """Show an information code briefly: 033903 remote start, 033904 remote stop,
        033905 remote reset (``connector_id`` 0: the whole station)."""
        ...

    # --- the OCA pricing extension and the screen's language and time -----------------

    def set_language(self, language: str) -> bool:
        """OCPP ``Language``: the station's default language (a tag of SupportedLanguages);
        False when the kiosk does not offer it."""
        ...

    def set_default_price(self, price: DefaultPrice | None) -> None:
        """OCA ``DefaultPrice`` (with its ``DefaultPriceText,<language>`` translations): shown
        before charging instead of the local tariff; None: the local tariff again."""
        ...

    def set_user_price(self, id_tag: str, text: PriceText) -> bool:
        """OCA ``SetUserPrice``: the price of the driver presenting ``id_tag`` (after authorization);
        False when that driver is not at the charger."""
        ...

    def set_session_cost(self, connector_id: int, cost: BackendCost) -> bool:
        """OCA ``RunningCost`` / ``FinalCost`` (``cost.final``) of the session on ``connector_id``;
        False when no session (running or on its summary) is there."""
        ...

    def set_time_offset(self, offset: TimeOffset | None) -> None:
        """OCA ``TimeOffset`` and its next transition: the local time the screen shows (None:
        the configured time zone)."""
        ...


@dataclass
class PortCalls:
    """A record of every call into a port (used by the in-memory station and tests)."""

    calls: list[tuple[str, tuple[object, ...]]] = field(default_factory=list)

    def of(self, name: str) -> list[tuple[object, ...]]:
        return [arguments for called, arguments in self.calls if called == name]
