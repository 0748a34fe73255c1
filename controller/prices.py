"""The prices the kiosk shows: the local tariff, or the backend's default price, and the clock's offset.

The backend may replace the configured tariff with its own default price (OCA
``DefaultPrice``: its text replaces the tariff's lines, and its unit prices, when it has
them, the tariff for the running cost) and set the local time the screen shows (OCA
``TimeOffset``).  A driver's own price (``SetUserPrice``) belongs to the session instead.
The backend's fallback texts (OCPP 2.0.1 TariffCostCtrlr ``TariffFallbackMessage`` and
``TotalCostFallbackMessage``) stand in for a tariff and for a total cost it has not given.
"""

from __future__ import annotations

from controller.pricing import DefaultPrice, PriceText, Tariff, TimeOffset


class ShownPrices:
    """The tariff in force and what the backend said about prices and time."""

    def __init__(self, local: Tariff) -> None:
        self.local = local
        self.tariff = local
        self.default_price: DefaultPrice | None = None
        self.time_offset: TimeOffset | None = None  # None: [station].time_zone
        self.tariff_fallback: PriceText | None = None  # shown instead of a tariff the backend has not given
        self.total_cost_fallback: PriceText | None = None  # on the Summary when no total cost came

    def set_default(self, price: DefaultPrice | None) -> None:
        """The backend's default price (None: the local tariff again)."""
        self.default_price = price
        tariff = price.tariff(self.local.currency) if price is not None else None
        self.tariff = tariff or self.local
