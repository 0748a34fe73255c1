"""The one composition root: the CAN link, the store, the station, its backend and the other
devices on the bus, built from the configuration and joined.

The real-time runtime (:mod:`controller.runtime`), the fake-clock world of tests and scenarios
(:mod:`controller.sim.world`) and the demo all build their controller with :func:`assemble`,
and all of them carry out an OCPP Reset with :meth:`Assembly.restart`.

What else is on the bus is handed in, never looked up: ``devices`` are factories that get a
way to open their own handle on the station's CAN channel (the simulated boards, power modules
and EVs when ``[simulation].enabled``; nothing on a real charger, whose boards are on the wire).
Each device is stepped at the start of every controller cycle (:meth:`Assembly.cycle`), outlives
a Reset like the bus does, and is closed with the assembly.

The backend (the OCPP client, :mod:`controller.backend`) is built only when a central system is
configured (``[ocpp].url`` or ``csms_url``); without one the OCPP stack is never imported.  It
runs as a task on the caller's event loop: :meth:`Assembly.start`, :meth:`Assembly.restart` and
:meth:`Assembly.close` are coroutines for that reason, and the rest is synchronous.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

import can

from controller.buses.board_support import BoardSupport
from controller.buses.can_interface import bus_options, log_interface
from controller.buses.can_link import CanLink
from controller.clock import Clock
from controller.config import Config, backend_configured
from controller.station import Station
from controller.store import Store

if TYPE_CHECKING:
    from controller.backend import Backend
    from controller.firmware.engine import FirmwareEngine, SecurityEvent
    from controller.ocpp.storage import Storage
    from controller.view import StationView

log = logging.getLogger(__name__)

#: Opens one more handle on the station's CAN channel.
BusFactory = Callable[[], can.BusABC]
ViewListener = Callable[["StationView"], None]


class Device(Protocol):
    """Another node on the station's CAN bus, run in step with the station."""

    def step(self, now: float) -> None:
        """One slice of time up to ``now`` (clock seconds), at the start of a controller cycle."""

    def close(self) -> None:
        """Let go of the bus (the assembly is closing)."""


#: Builds a device on the station's bus, given the way to open its own bus handles.
DeviceFactory = Callable[[BusFactory], Device]


def bus_factory(config: Config, channel: str | None = None) -> BusFactory:
    """Handles on ``[can].interface`` and ``channel`` (``[can].channel`` unless given), with the
    section's options (:func:`controller.buses.can_interface.bus_options`)."""
    interface, name = config.can.interface, channel or config.can.channel
    options = bus_options(config.can)

    def open_bus() -> can.BusABC:
        return can.Bus(interface=interface, channel=name, **options)

    return open_bus


def assemble(config: Config, *, clock: Clock, channel: str | None = None, store: Store | None = None,
             csms_url: str | None = None, ocpp_storage: Storage | None = None,
             devices: Sequence[DeviceFactory] = (), changed: Callable[[], None] | None = None,
             software_restart: Callable[[], None] | None = None,
             security_event: SecurityEvent | None = None) -> Assembly:
    """The controller for ``config``, built but not started (see :meth:`Assembly.start`).

    ``channel`` replaces ``[can].channel`` (tests give each world its own); ``store`` is the
    station's database (``[storage].path`` when None); ``csms_url`` is ``--csms URL``;
    ``ocpp_storage`` the charge point's database (``[ocpp].database`` when None); ``devices``
    the other nodes on the bus, built first so that they hear the station's first frame;
    ``changed`` is called when the backend changed the station (the runtime cycles at once);
    ``software_restart`` ends the process with EXIT_RESTART once an update is installed (the
    launcher starts the new version); ``security_event(kind, tech_info)`` records a security event.
    """
    open_bus = bus_factory(config, channel)
    built: list[Device] = []
    link: CanLink | None = None
    own_store = store is None
    try:
        for make in devices:
            built.append(make(open_bus))
        # socketcan: the interface as the kernel has it, and what does not fit [can], in the log
        log_interface(replace(config.can, channel=channel or config.can.channel))
        link = CanLink(open_bus(), reopen=open_bus, clock=clock.monotonic)  # a lost handle is re-opened
        if store is None:
            store = Store(config.storage.path)
        return Assembly(config, clock, link, store, csms_url, ocpp_storage, built, changed, software_restart,
                        security_event)
    except BaseException:  # a broken interface or store: let go of what was opened
        if own_store and store is not None:
            store.close()
        if link is not None:
            link.close()
        for device in built:
            device.close()
        raise


@dataclass(eq=False)
class Assembly:
    """A station on its CAN link and store, the backend when one is configured, and the other
    devices on the bus; the station and its backend are replaced on an OCPP Reset."""

    config: Config
    clock: Clock
    link: CanLink
    store: Store
    csms_url: str | None
    ocpp_storage: Storage | None  # the charge point's database, kept open across a Reset
    devices: list[Device]
    changed: Callable[[], None] | None = None
    software_restart: Callable[[], None] | None = None  # exit with EXIT_RESTART into an installed update
    security_event: SecurityEvent | None = None
    station: Station = field(init=False)
    backend: Backend | None = field(init=False, default=None)
    firmware: FirmwareEngine | None = field(init=False, default=None)  # built once, with the first backend
    restarts: int = field(init=False, default=0)  # OCPP Resets (and power cycles) carried out
    _listeners: list[ViewListener] = field(init=False, default_factory=list)
    _reader_available: bool | None = field(init=False, default=None)  # what the card reader last said

    def __post_init__(self) -> None:
        self._build()

    def _build(self) -> None:
        """A new station on the link and store, and its backend (not started)."""
        self.station = Station(self.config, BoardSupport(self.link), self.clock, store=self.store)
        for listener in self._listeners:
            self.station.subscribe(listener)
        self.backend = None
        if not backend_configured(self.config, self.csms_url):
            return  # no central system: the OCPP stack (ocpp, jsonschema, websockets) is never loaded
        from controller.backend import Backend
        from controller.firmware.build import build_engine, data_directory

        if self.firmware is None:
            from controller.security.setup import MANUFACTURER_ROOT, certificate_store

            certificates = certificate_store(self.config)  # read afresh at each check: InstallCertificate counts
            self.firmware = build_engine(self.config, self.clock, data_directory(self.store.path),
                                         security_event=self.security_event or self._record_security_event,
                                         restart=self.software_restart,
                                         roots=lambda: certificates.roots(MANUFACTURER_ROOT))
        self.backend = Backend.build(self.config, self.station, self.clock, self.csms_url, self.ocpp_storage,
                                     changed=self.changed, firmware=self.firmware)
        if self.backend is not None:
            self.ocpp_storage = self.backend.storage

    def _record_security_event(self, kind: str, tech_info: str = "") -> None:
        """A security event of the update engine, in the log of the station running now."""
        self.station.security_log.record(kind, tech_info)

    # --- running -------------------------------------------------------------------------

    async def start(self) -> None:
        """Start the backend's task on the running loop (nothing to do without one)."""
        if self.backend is not None:
            self.backend.start()
        if self.firmware is not None:
            self.firmware.start()

    def subscribe(self, listener: ViewListener) -> None:
        """``listener(view)`` after every tick whose snapshot changed, on this station and on
        every station a Reset builds after it."""
        self._listeners.append(listener)
        self.station.subscribe(listener)

    def cycle(self) -> StationView:
        """One controller cycle at the clock's time: the devices on the bus, then the station
        (its frames, then its tick).  The backend's part is :meth:`flush`."""
        now = self.clock.monotonic()
        for device in self.devices:
            device.step(now)
        self.station.poll()
        return self.station.tick()

    def flush(self) -> None:
        """Hand the station's events and state to the backend (after a cycle, on the running loop)."""
        if self.backend is not None:
            self.backend.flush()
        if self.firmware is not None:
            self.firmware.poke()  # an update waiting for an idle charger looks again

    @property
    def reset_requested(self) -> str | None:
        """"soft" or "hard" once the backend asked for a Reset (the sessions have stopped)."""
        return self.station.reset_requested

    def set_reader_available(self, available: bool) -> None:
        """The card reader came back or went away.  Its thread tells only changes and outlives
        a Reset, so the assembly remembers what it said for the stations built after."""
        self._reader_available = available
        self.station.set_reader_available(available)

    async def restart(self) -> None:
        """OCPP Reset: a new station (and backend) on the same link, store, charge-point database
        and devices.  With no Reset requested it stands for a power cycle (tests, the soak).

        The backend closes first (its database stays open for the next one), then the station
        saves its meters and sessions; it keeps the codes that latch until a power cycle in the
        store for the next station after a *soft* reset only (:meth:`Station.close`).  The new
        station re-runs its self-test; the devices on the bus do not power-cycle.  A reader that
        was missing stays missing.
        """
        kind = self.station.reset_requested
        if kind is not None:
            log.warning("%s reset: restarting the controller", kind)
        self.restarts += 1
        if self.backend is not None:
            await self.backend.close(close_storage=False)
        self.station.close(close_store=False)
        self._build()
        await self.start()
        if self._reader_available is False:
            self.station.set_reader_available(False)

    async def close(self) -> None:
        """Stop the backend (closing its database), save the station's last readings and close
        its store, then let go of the bus and the devices (even when saving failed)."""
        try:
            if self.firmware is not None:
                await self.firmware.close()
            if self.backend is not None:
                await self.backend.close()
            self.station.close()
        finally:
            self.link.close()
            for device in self.devices:
                device.close()
