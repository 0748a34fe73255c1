"""The values of the 2.0.1-only variables, in the charge point's SQLite (table ``device_model``)."""

from __future__ import annotations

from controller.ocpp.storage import Storage
from controller.ocpp201.variables import Address, Attribute


class VariableStore:
    """Read and write one attribute value per :class:`Address`; every write is its own transaction."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def get(self, where: Address, attribute: Attribute = Attribute.ACTUAL) -> str | None:
        rows = self._storage.query(
            "SELECT value FROM device_model WHERE component = ? AND component_instance = ? AND evse_id = ? "
            "AND connector_id = ? AND variable = ? AND variable_instance = ? AND attribute = ?",
            (*_columns(where), attribute.value))
        return str(rows[0]["value"]) if rows else None

    def put(self, where: Address, value: str, attribute: Attribute = Attribute.ACTUAL) -> None:
        self._storage.execute(
            "INSERT INTO device_model (component, component_instance, evse_id, connector_id, variable, "
            "variable_instance, attribute, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "value = excluded.value", (*_columns(where), attribute.value, value))


def _columns(where: Address) -> tuple[str, str, int, int, str, str]:
    return (where.component, where.component_instance or "", where.evse_id or 0, where.connector_id or 0,
            where.variable, where.variable_instance or "")
