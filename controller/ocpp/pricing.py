"""The OCA "OCPP & California Pricing Requirements" extension of OCPP 1.6, charge-point side.

Configuration keys (``DefaultPrice``, ``DefaultPriceText,<language>``, ``TimeOffset`` and its
next transition) and the ``DataTransfer`` messages of vendor ``org.openchargealliance.costmsg``
(``SetUserPrice``, ``RunningCost``, ``FinalCost`` from the central system; ``ConnectorUnplugged``
from the charger), parsed into the station's pricing types (:mod:`controller.pricing`).

Pure functions: JSON text in, frozen values out, :class:`PricingError` naming the field when
the text is not what the white paper defines.  Money is ``Decimal``: every JSON number is
read with ``parse_float=Decimal`` (never through a float).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from controller.pricing import BackendCost, DefaultPrice, PriceText, TimeOffset, UnitPrices

VENDOR_ID = "org.openchargealliance.costmsg"
SET_USER_PRICE = "SetUserPrice"
RUNNING_COST = "RunningCost"
FINAL_COST = "FinalCost"
CONNECTOR_UNPLUGGED = "ConnectorUnplugged"

#: ``DefaultPriceText,<language>``: one key per language the kiosk offers.
DEFAULT_PRICE_TEXT = "DefaultPriceText,"

_OFFSET = re.compile(r"^(?:Z|([+-])(\d{2}):?(\d{2}))$")


class PricingError(ValueError):
    """A pricing message or key value that does not follow the white paper (names the field)."""


# --- reading JSON -------------------------------------------------------------------------


def _object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text, parse_float=Decimal)
    except (ValueError, TypeError):
        raise PricingError(f"{what}: not JSON") from None
    if not isinstance(value, dict):
        raise PricingError(f"{what}: not a JSON object")
    return value


def _only(data: dict[str, Any], allowed: set[str], what: str) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise PricingError(f"{what}: unknown field {sorted(unknown)[0]!r}")


def _text(data: dict[str, Any], name: str, what: str, required: bool = False) -> str | None:
    value = data.get(name)
    if value is None:
        if required:
            raise PricingError(f"{what}.{name}: missing")
        return None
    if not isinstance(value, str):
        raise PricingError(f"{what}.{name}: not a string")
    return value


def _money(data: dict[str, Any], name: str, what: str, required: bool = False) -> Decimal | None:
    value = data.get(name)
    if value is None:
        if required:
            raise PricingError(f"{what}.{name}: missing")
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise PricingError(f"{what}.{name}: not a number")
    amount = Decimal(value)
    if not amount.is_finite() or amount < 0:
        raise PricingError(f"{what}.{name}: must be a non-negative number")
    return amount


def _integer(data: dict[str, Any], name: str, what: str, required: bool = False) -> int | None:
    value = data.get(name)
    if value is None:
        if required:
            raise PricingError(f"{what}.{name}: missing")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise PricingError(f"{what}.{name}: not a whole number")
    return value


def _time(data: dict[str, Any], name: str, what: str) -> datetime | None:
    value = _text(data, name, what)
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except ValueError:
        raise PricingError(f"{what}.{name}: not a date and time") from None


def parse_datetime(text: str) -> datetime:
    """An OCPP dateTime (``...Z`` or with an offset), aware."""
    moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("a date and time needs its offset")
    return moment


def _unit_prices(data: dict[str, Any], what: str) -> UnitPrices | None:
    """``chargingPrice`` and ``idlePrice`` (both optional) as one :class:`UnitPrices`."""
    charging = data.get("chargingPrice")
    idle = data.get("idlePrice")
    if charging is None and idle is None:
        return None
    prices = UnitPrices()
    if charging is not None:
        if not isinstance(charging, dict):
            raise PricingError(f"{what}.chargingPrice: not an object")
        where = f"{what}.chargingPrice"
        _only(charging, {"kWhPrice", "hourPrice", "flatFee"}, where)
        prices = replace(prices, per_kwh=_money(charging, "kWhPrice", where),
                         per_hour=_money(charging, "hourPrice", where), flat_fee=_money(charging, "flatFee", where))
    if idle is not None:
        if not isinstance(idle, dict):
            raise PricingError(f"{what}.idlePrice: not an object")
        where = f"{what}.idlePrice"
        _only(idle, {"graceMinutes", "hourPrice"}, where)
        grace = _integer(idle, "graceMinutes", where)
        if grace is not None and grace < 0:
            raise PricingError(f"{where}.graceMinutes: must not be negative")
        prices = replace(prices, idle_per_hour=_money(idle, "hourPrice", where), idle_grace_minutes=grace)
    return prices


def _texts(data: dict[str, Any], language: str, what: str, multi_language: bool) -> PriceText | None:
    """``priceText`` (in the station's default ``language``) and ``priceTextExtra`` (one
    ``{"format", "language", "content"}`` per language) as one :class:`PriceText`."""
    main = _text(data, "priceText", what)
    entries: list[tuple[str, str]] = [(language, main)] if main is not None else []
    extra = data.get("priceTextExtra")
    if extra is not None:
        if not isinstance(extra, list):
            raise PricingError(f"{what}.priceTextExtra: not a list")
        for index, item in enumerate(extra):
            where = f"{what}.priceTextExtra[{index}]"
            if not isinstance(item, dict):
                raise PricingError(f"{where}: not an object")
            _only(item, {"format", "language", "content"}, where)
            content = _text(item, "content", where, required=True)
            tag = _text(item, "language", where, required=True)
            text_format = _text(item, "format", where) or "UTF8"
            if text_format not in ("UTF8", "ASCII"):
                continue  # HTML or URI texts: a kiosk label shows plain text only
            if multi_language and tag and content is not None and tag not in dict(entries):
                entries.append((tag, content))
    return PriceText(tuple(entries)) if entries else None


# --- configuration keys ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PriceTexts:
    """``DefaultPriceText,<language>``: the default price's texts in one language."""

    text: str
    offline_text: str | None = None


def check_default_price(value: str) -> str | None:
    """ChangeConfiguration ``DefaultPrice``: an error text, or None when it is usable ("" clears it)."""
    if value == "":
        return None
    try:
        parse_default_price(value, "en-US", {}, True)
    except PricingError as exc:
        return str(exc)
    return None


def parse_default_price(value: str, language: str, translations: dict[str, PriceTexts],
                        multi_language: bool) -> DefaultPrice | None:
    """``DefaultPrice`` (``priceText`` required; ``priceTextOffline`` required with unit prices;
    ``chargingPrice``, ``idlePrice`` optional) plus the ``DefaultPriceText,<language>`` keys."""
    if value == "":
        return None
    what = "DefaultPrice"
    data = _object(value, what)
    _only(data, {"priceText", "priceTextOffline", "chargingPrice", "idlePrice"}, what)
    text = _text(data, "priceText", what, required=True)
    offline = _text(data, "priceTextOffline", what)
    prices = _unit_prices(data, what)
    if prices is not None and offline is None:
        raise PricingError(f"{what}.priceTextOffline: required with unit prices")
    texts: list[tuple[str, str]] = [(language, text or "")]
    offline_texts: list[tuple[str, str]] = [(language, offline)] if offline is not None else []
    if multi_language:
        for tag, entry in translations.items():
            if tag != language:
                texts.append((tag, entry.text))
                if entry.offline_text is not None:
                    offline_texts.append((tag, entry.offline_text))
    return DefaultPrice(PriceText(tuple(texts)), PriceText(tuple(offline_texts)) if offline_texts else None, prices)


def check_price_texts(value: str) -> str | None:
    """ChangeConfiguration ``DefaultPriceText,<language>``: an error text or None ("" clears it)."""
    if value == "":
        return None
    try:
        parse_price_texts(value)
    except PricingError as exc:
        return str(exc)
    return None


def parse_price_texts(value: str) -> PriceTexts | None:
    """``{"priceText": ..., "priceTextOffline": ...}`` of ``DefaultPriceText,<language>``."""
    if value == "":
        return None
    what = "DefaultPriceText"
    data = _object(value, what)
    _only(data, {"priceText", "priceTextOffline"}, what)
    return PriceTexts(_text(data, "priceText", what, required=True) or "", _text(data, "priceTextOffline", what))


def parse_offset(value: str) -> int:
    """A UTC offset (``Z``, ``+02:00``, ``-0230``) in minutes."""
    match = _OFFSET.match(value.strip())
    if not match:
        raise PricingError(f"{value!r} is not a UTC offset such as -08:00")
    if not match.group(1):
        return 0
    hours, minutes = int(match.group(2)), int(match.group(3))
    if hours > 14 or minutes > 59:
        raise PricingError(f"{value!r} is not a UTC offset such as -08:00")
    sign = -1 if match.group(1) == "-" else 1
    return sign * (hours * 60 + minutes)


def check_offset(value: str) -> str | None:
    """ChangeConfiguration ``TimeOffset`` / ``TimeOffsetNextTransition`` ("" = not set)."""
    if value == "":
        return None
    try:
        parse_offset(value)
    except PricingError as exc:
        return str(exc)
    return None


def check_transition(value: str) -> str | None:
    """ChangeConfiguration ``NextTimeOffsetTransitionDateTime`` ("" = none)."""
    if value == "":
        return None
    try:
        parse_datetime(value)
    except ValueError:
        return f"{value!r} is not a date and time with its offset"
    return None


def time_offset(offset: str, transition: str, next_offset: str) -> TimeOffset | None:
    """The three time keys as one :class:`TimeOffset` (None while ``TimeOffset`` is not set)."""
    if offset == "":
        return None
    moment = parse_datetime(transition) if transition else None
    following = parse_offset(next_offset) if next_offset else None
    return TimeOffset(parse_offset(offset), moment if following is not None else None, following)


# --- DataTransfer messages --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UserPrice:
    """SetUserPrice: the price text of the driver with ``id_tag``."""

    id_tag: str
    text: PriceText


@dataclass(frozen=True, slots=True)
class TransactionCost:
    """RunningCost / FinalCost for the central system's transaction ``transaction_id``."""

    transaction_id: int
    cost: BackendCost


def parse_user_price(data: str, language: str, multi_language: bool) -> UserPrice:
    """SetUserPrice ``{"idToken", "priceText", "priceTextExtra"?}``."""
    what = SET_USER_PRICE
    body = _object(data, what)
    _only(body, {"idToken", "priceText", "priceTextExtra"}, what)
    id_tag = _text(body, "idToken", what, required=True) or ""
    _text(body, "priceText", what, required=True)
    text = _texts(body, language, what, multi_language)
    assert text is not None
    return UserPrice(id_tag, text)


def parse_running_cost(data: str, currency: str, language: str, multi_language: bool) -> TransactionCost:
    """RunningCost ``{"transactionId", "timestamp", "meterValue" (Wh), "cost", "state"
    ("Charging" | "Idle"), "chargingPrice"?, "idlePrice"?, "nextPeriod"?, "triggerMeterValue"?,
    "priceText"?, "priceTextExtra"?, "qrCodeText"?}``."""
    what = RUNNING_COST
    body = _object(data, what)
    _only(body, {"transactionId", "timestamp", "meterValue", "cost", "state", "chargingPrice", "idlePrice",
                 "nextPeriod", "triggerMeterValue", "priceText", "priceTextExtra", "qrCodeText"}, what)
    transaction_id = _integer(body, "transactionId", what, required=True)
    _time(body, "timestamp", what)
    meter = _integer(body, "meterValue", what, required=True)
    cost = _money(body, "cost", what, required=True)
    state = _text(body, "state", what, required=True)
    if state not in ("Charging", "Idle"):
        raise PricingError(f"{what}.state: {state!r} is neither Charging nor Idle")
    prices = _unit_prices(body, what)
    for optional in ("nextPeriod", "triggerMeterValue"):
        if optional in body and not isinstance(body[optional], dict):
            raise PricingError(f"{what}.{optional}: not an object")
    assert transaction_id is not None and cost is not None
    return TransactionCost(transaction_id, BackendCost(
        cost=cost, currency=currency, text=_texts(body, language, what, multi_language), final=False,
        qr_code_text=_text(body, "qrCodeText", what) or "", meter_wh=meter, charging=state == "Charging",
        per_kwh=prices.per_kwh if prices else None, per_hour=prices.per_hour if prices else None))


def parse_final_cost(data: str, currency: str, language: str, multi_language: bool) -> TransactionCost:
    """FinalCost ``{"transactionId", "cost", "priceText"?, "priceTextExtra"?, "qrCodeText"?}``."""
    what = FINAL_COST
    body = _object(data, what)
    _only(body, {"transactionId", "cost", "priceText", "priceTextExtra", "qrCodeText"}, what)
    transaction_id = _integer(body, "transactionId", what, required=True)
    cost = _money(body, "cost", what, required=True)
    assert transaction_id is not None and cost is not None
    return TransactionCost(transaction_id, BackendCost(
        cost=cost, currency=currency, text=_texts(body, language, what, multi_language), final=True,
        qr_code_text=_text(body, "qrCodeText", what) or ""))


def connector_unplugged(transaction_id: int | None, timestamp: str) -> str:
    """The data of ConnectorUnplugged (the charger's message after CustomIdleFeeAfterStop)."""
    return json.dumps({"transactionId": transaction_id, "timestamp": timestamp}, separators=(",", ":"))
