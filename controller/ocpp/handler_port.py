"""The charge point as the central system's request handlers see it.

:class:`ChargePoint` lists what :mod:`controller.ocpp.handlers` needs from the charge
point (:class:`controller.ocpp.client.OcppClient` provides it): its settings and stores,
the station port, the statuses and the transactions.  The handlers depend on this
protocol, not on the client, so the import goes one way: client -> handlers -> here.
The client's own parts (:mod:`~controller.ocpp.link`, :mod:`~controller.ocpp.delivery`,
:mod:`~controller.ocpp.transactions`, ...) reach the charge point through it as well.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Mapping
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from controller.ocpp import smart_charging as sc
from controller.ocpp.authorization import AuthorizationStore, IdTagInfo
from controller.ocpp.configuration import Configuration
from controller.ocpp.mapping import ErrorReport
from controller.ocpp.outbox import Outbox
from controller.ocpp.port import AuthDecision, Reservation, StationPort, StationSnapshot
from controller.ocpp.queue import TransactionQueue
from controller.ocpp.settings import ClientSettings, Identity
from controller.ocpp.storage import Storage
from controller.pricing import BackendCost


@runtime_checkable
class ChargePoint(Protocol):
    """What the request handlers need from the charge point (:class:`~controller.ocpp.client.OcppClient`).

    Every method returns at once unless it is a coroutine; none may be called from
    another thread than the controller's loop.
    """

    # --- what it is and what it holds (read by the handlers) ------------------------

    def security_event(self, kind: str, tech_info: str = "") -> None:
        """A security event seen here (:mod:`controller.security_events`; the station's log records it)."""
        ...

    @property
    def settings(self) -> ClientSettings: ...

    @property
    def identity(self) -> Identity: ...

    @property
    def port(self) -> StationPort:
        """The station (see :mod:`controller.ocpp.port`)."""
        ...

    @property
    def config(self) -> Configuration:
        """The OCPP configuration keys."""
        ...

    @property
    def auth(self) -> AuthorizationStore:
        """The authorization cache and the local list."""
        ...

    @property
    def storage(self) -> Storage:
        """The charge point's database (reservations, availability)."""
        ...

    @property
    def queue(self) -> TransactionQueue:
        """The persistent transaction messages."""
        ...

    @property
    def outbox(self) -> Outbox:
        """CALLs that are not transaction messages (Authorize, Heartbeat, ...)."""
        ...

    @property
    def connector_ids(self) -> tuple[int, ...]: ...

    @property
    def snapshot(self) -> StationSnapshot:
        """The station as last pushed."""
        ...

    @property
    def online(self) -> bool:
        """Connected and accepted by the central system."""
        ...

    @property
    def running(self) -> Mapping[int, object]:
        """The connectors with a transaction in progress (the values are the charge point's own)."""
        ...

    @property
    def remote_profiles(self) -> dict[str, sc.Profile]:
        """TxProfiles of accepted RemoteStartTransactions, by id tag, until their session starts."""
        ...

    @property
    def sessions_idle(self) -> asyncio.Event:
        """Set while no transaction runs."""
        ...

    profiles: tuple[sc.Profile, ...]  # the charging profiles installed

    # --- what it does for them ----------------------------------------------------

    def now(self) -> datetime:
        """Wall time as the central system sees it."""
        ...

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run ``coroutine`` as a follow-up task (its failure is logged)."""
        ...

    def operative(self, connector_id: int) -> bool: ...

    def set_operative(self, connector_id: int, operative: bool) -> None: ...

    def scheduled_availability(self) -> dict[int, bool]:
        """Availability changes waiting for a transaction to end, by connector."""
        ...

    def reservations(self) -> dict[int, Reservation]: ...

    def status_of(self, connector_id: int) -> tuple[str, ErrorReport]:
        """The StatusNotification status and error of ``connector_id`` now."""
        ...

    def refresh_statuses(self, force: bool = False) -> None:
        """Send the StatusNotifications whose status or error changed."""
        ...

    async def send_status(self, connector_id: int, status: str, report: ErrorReport) -> None: ...

    async def send_boot(self) -> None: ...

    async def send_heartbeat(self) -> None: ...

    def firmware_status_message(self) -> Any:
        """FirmwareStatusNotification with the software update's status now (Idle when none runs)."""
        ...

    def decide_locally(self, id_tag: str, online: bool) -> AuthDecision | None:
        """The offline and pre-authorization rules' verdict (None: ask the central system)."""
        ...

    def learn(self, id_tag: str, info: IdTagInfo) -> None:
        """An IdTagInfo from the central system, for the cache."""
        ...

    def connector_of(self, transaction_id: int) -> int | None:
        """The connector of the central system's transaction (running or recent)."""
        ...

    def running_transaction(self, connector_id: int) -> sc.Transaction | None: ...

    def start_in_flight(self) -> bool:
        """A running transaction's StartTransaction is not answered yet."""
        ...

    def hold_early_cost(self, transaction_id: int, cost: BackendCost) -> None:
        """Keep a cost for a transaction id not known yet."""
        ...

    def install_profile(self, profile: sc.Profile) -> None: ...

    def save_profiles(self) -> None: ...

    def update_limits(self) -> None:
        """Tell the station every charging limit that changed."""
        ...

    async def calls_settled(self) -> None:
        """Before a reset hangs up: no new CALL goes out, and the one on the wire is answered."""
        ...
