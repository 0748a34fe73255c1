"""What the central system decides for the station, kept and applied.

Availability (ChangeAvailability, and the changes scheduled until a transaction ends),
reservations (ReserveNow, expiry, the reservation a start takes up), charging profiles and
the power limits they give (with the 0 W of a transaction the central system refused),
and the station settings that configuration keys carry: language, default price, time
offset, plug-in timeout.  All of it is stored in the charge point's database and pushed
to the station through its port.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from controller.ocpp import pricing
from controller.ocpp import smart_charging as sc
from controller.ocpp.authorization import parse_time
from controller.ocpp.handler_port import ChargePoint
from controller.ocpp.port import PowerLimit, Reservation

log = logging.getLogger(__name__)

#: Configuration keys whose change reaches the default price.
PRICE_KEYS = ("DefaultPrice", "CustomDisplayCostAndPrice", "CustomMultiLanguageMessages")
#: Configuration keys whose change reaches the time offset.
TIME_OFFSET_KEYS = ("TimeOffset", "NextTimeOffsetTransitionDateTime", "TimeOffsetNextTransition")


class StationControl:
    """Availability, reservations, charging limits and station settings of ``cp``."""

    def __init__(self, cp: ChargePoint) -> None:
        self.cp = cp
        self.profiles: tuple[sc.Profile, ...] = tuple(
            sc.from_record(r) for r in cp.storage.get("charging_profiles", []))
        self._limits: dict[int, PowerLimit] = {}  # as last told to the station
        self._deauthorized: set[int] = set()  # connectors whose transaction the central system refused

    # --- start-up -------------------------------------------------------------------

    def restore(self) -> None:
        """At start-up: the stored availability, reservations and plug-in timeout to the station."""
        cp = self.cp
        for connector_id in cp.connector_ids:
            if not self.operative(connector_id):
                cp.port.set_available(connector_id, False)
        for connector_id, reservation in self.reservations().items():
            cp.port.set_reservation(connector_id, reservation)
        cp.port.set_connection_timeout(cp.config.number("ConnectionTimeOut"))

    def apply_settings(self) -> None:
        """At start-up: the stored language, prices, time offset and charging limits to the station."""
        self.cp.port.set_language(self.cp.config.raw("Language"))
        self.apply_prices()
        self.apply_time_offset()
        self.update_limits()

    # --- reservations (stored; the handlers add and cancel them) ----------------------

    def reservations(self) -> dict[int, Reservation]:
        """The reservations in force, by connector."""
        rows = self.cp.storage.query("SELECT * FROM reservations")
        return {r["connector_id"]: Reservation(r["reservation_id"], r["id_tag"], parse_time(r["expiry"]),
                                               r["parent_id_tag"]) for r in rows}

    def consume_reservation(self, connector_id: int, id_tag: str) -> int | None:
        """A session starts on ``connector_id``: its reservation ends; the reservation id when it
        was ``id_tag``'s (or its parent's), for StartTransaction."""
        reservation = self.reservations().get(connector_id)
        if reservation is None:
            return None
        self.cp.storage.execute("DELETE FROM reservations WHERE reservation_id = ?", (reservation.reservation_id,))
        self.cp.port.set_reservation(connector_id, None)
        cached = self.cp.auth.listed(id_tag) or self.cp.auth.cached(id_tag)
        parent = cached.parent_id_tag if cached else None
        matches = id_tag == reservation.id_tag or (parent is not None and parent == reservation.parent_id_tag)
        return reservation.reservation_id if matches else None

    def expire_reservations(self) -> None:
        """End the reservations whose expiry has passed."""
        now = self.cp.now()
        for connector_id, reservation in self.reservations().items():
            if reservation.expiry <= now:
                log.info("reservation %d on connector %d expired", reservation.reservation_id, connector_id)
                self.cp.storage.execute("DELETE FROM reservations WHERE reservation_id = ?",
                                        (reservation.reservation_id,))
                self.cp.port.set_reservation(connector_id, None)
                self.cp.refresh_statuses()

    # --- availability ---------------------------------------------------------------

    def operative(self, connector_id: int) -> bool:
        """Operative as the central system set it (a connector also needs connector 0 operative)."""
        rows = self.cp.storage.query("SELECT operative FROM availability WHERE connector_id = ?", (connector_id,))
        own = bool(rows[0]["operative"]) if rows else True
        if connector_id == 0:
            return own
        return own and self.operative(0)

    def scheduled_availability(self) -> dict[int, bool]:
        """Availability changes waiting for a transaction to end, by connector."""
        return {int(k): v for k, v in self.cp.storage.get("availability_scheduled", {}).items()}

    def set_operative(self, connector_id: int, operative: bool) -> None:
        """Store the availability of ``connector_id`` (0: the station) and tell the station."""
        self.cp.storage.execute("INSERT INTO availability VALUES (?, ?) ON CONFLICT(connector_id) DO UPDATE SET "
                                "operative = excluded.operative", (connector_id, int(operative)))
        targets = self.cp.connector_ids if connector_id == 0 else (connector_id,)
        for target in targets:
            self.cp.port.set_available(target, self.operative(target))
        self.cp.refresh_statuses()

    def _apply_scheduled_availability(self, connector_id: int) -> None:
        scheduled = self.scheduled_availability()
        if connector_id not in scheduled:
            return
        operative = scheduled.pop(connector_id)
        self.cp.storage.put("availability_scheduled", {str(k): v for k, v in scheduled.items()})
        self.set_operative(connector_id, operative)

    # --- transactions ending and refused --------------------------------------------

    def transaction_ended(self, connector_id: int) -> None:
        """The transaction on ``connector_id`` stopped: its refusal, its TxProfiles and its
        scheduled availability change are settled (the limits are updated by the caller)."""
        self._deauthorized.discard(connector_id)
        self.profiles = sc.end_transaction(self.profiles, connector_id)
        self.save_profiles()
        self._apply_scheduled_availability(connector_id)

    def deauthorize(self, connector_id: int) -> None:
        """The central system refused the transaction on ``connector_id`` and it is not to be
        stopped (StopTransactionOnInvalidId false): no energy until it ends."""
        self._deauthorized.add(connector_id)
        self.update_limits()

    # --- smart charging -------------------------------------------------------------

    def install_profile(self, profile: sc.Profile) -> None:
        """Install ``profile`` (replacing its like), store the profiles and apply the limits."""
        self.profiles = sc.install(self.profiles, profile, self.cp.config.number("MaxChargingProfilesInstalled"))
        self.save_profiles()
        self.update_limits()

    def save_profiles(self) -> None:
        """Store the charging profiles installed."""
        self.cp.storage.put("charging_profiles", [sc.to_record(p) for p in self.profiles])

    def update_limits(self) -> None:
        """Tell the station every charging limit that changed (the station's own and each connector's)."""
        cp = self.cp
        now = cp.now()
        volts = cp.settings.phase_voltage_v
        profiles = self.profiles
        limits = {0: self._limit(0, lambda at: sc.station_limit_w(profiles, at, volts), now, now)}
        for connector_id in cp.connector_ids:
            if connector_id in self._deauthorized:
                limits[connector_id] = PowerLimit(connector_id, 0.0)
                continue
            running = cp.running_transaction(connector_id)
            start = running.started if running is not None else now

            def limit_at(at: datetime, connector_id: int = connector_id,
                         running: sc.Transaction | None = running, start: datetime = start) -> float | None:
                return sc.connector_limit_w(profiles, connector_id, at, running, volts, idle_start=start)

            limits[connector_id] = self._limit(connector_id, limit_at, now, start)
        for connector_id, limit in limits.items():
            if connector_id not in self._limits or self._limits[connector_id] != limit:
                self._limits[connector_id] = limit
                cp.port.set_power_limit(limit)

    def _limit(self, connector_id: int, limit_at: Callable[[datetime], float | None], now: datetime,
               relative_start: datetime) -> PowerLimit:
        """The limit now and, when it is 0 W, when the schedule lifts it (controller.queue shows it)."""
        watts = limit_at(now)
        rises_at = sc.next_rise(self.profiles, now, limit_at, relative_start) if watts == 0 else None
        rises_in_s = (rises_at - now).total_seconds() if rises_at is not None else None
        return PowerLimit(connector_id, watts, rises_at, rises_in_s)

    # --- station settings from configuration keys --------------------------------------

    def apply_prices(self) -> None:
        """DefaultPrice and its translations (DefaultPriceText,<language>) to the station."""
        config = self.cp.config
        if not config.flag("CustomDisplayCostAndPrice"):
            self.cp.port.set_default_price(None)
            return
        multi_language = config.flag("CustomMultiLanguageMessages")
        translations: dict[str, pricing.PriceTexts] = {}
        try:
            for tag in self.cp.settings.languages:
                entry = pricing.parse_price_texts(config.raw(pricing.DEFAULT_PRICE_TEXT + tag))
                if entry is not None:
                    translations[tag] = entry
            price = pricing.parse_default_price(config.raw("DefaultPrice"), config.raw("Language"),
                                                translations, multi_language)
        except pricing.PricingError as exc:
            log.error("stored default price unusable (%s): the local tariff applies", exc)
            price = None
        self.cp.port.set_default_price(price)

    def apply_time_offset(self) -> None:
        """TimeOffset and its next transition to the station (the kiosk clock, receipt times)."""
        try:
            raw = self.cp.config.raw
            offset = pricing.time_offset(raw("TimeOffset"), raw("NextTimeOffsetTransitionDateTime"),
                                         raw("TimeOffsetNextTransition"))
        except (pricing.PricingError, ValueError) as exc:
            log.error("stored time offset unusable (%s): the configured time zone applies", exc)
            offset = None
        self.cp.port.set_time_offset(offset)

    def on_configuration(self, name: str, value: str) -> None:
        """A configuration key changed: apply it when it is one of the station's settings."""
        if name == "Language":
            self.cp.port.set_language(value)
            self.apply_prices()
        elif name in PRICE_KEYS or name.startswith(pricing.DEFAULT_PRICE_TEXT):
            self.apply_prices()
        elif name in TIME_OFFSET_KEYS:
            self.apply_time_offset()
        elif name == "ConnectionTimeOut":
            self.cp.port.set_connection_timeout(int(value))
