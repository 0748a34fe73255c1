"""The central system's request handlers reach the charge point only through the
ChargePoint protocol, and the real charge point provides all of it."""

from __future__ import annotations

import inspect

from controller.clock import SystemClock
from controller.ocpp.client import OcppClient
from controller.ocpp.connection import endpoint
from controller.ocpp.handler_port import ChargePoint
from controller.ocpp.handlers import CentralSystemRequests
from controller.ocpp.memory_port import MemoryStation
from controller.ocpp.settings import ClientSettings, Identity
from controller.ocpp.storage import Storage


def _client() -> tuple[OcppClient, Storage]:
    storage = Storage(":memory:")
    client = OcppClient(ClientSettings(endpoint=endpoint("ws://127.0.0.1:9/ocpp", "CP")),
                        Identity("DS", "DSWx601", "1", "0.1.0"), MemoryStation(2), storage, SystemClock())
    return client, storage


def _protocol_methods() -> dict[str, object]:
    return {name: member for name, member in vars(ChargePoint).items()
            if inspect.isfunction(member) and not name.startswith("_")}


def test_the_charge_point_provides_everything_its_request_handlers_need() -> None:
    client, storage = _client()
    try:
        assert isinstance(client, ChargePoint)
        for name, member in _protocol_methods().items():
            provided = getattr(client, name)
            assert callable(provided), name
            assert inspect.iscoroutinefunction(provided) == inspect.iscoroutinefunction(member), name
    finally:
        storage.close()


def test_the_handlers_answer_for_the_charge_point_they_were_built_with() -> None:
    client, storage = _client()
    try:
        assert isinstance(client.requests, CentralSystemRequests)
        assert client.requests.cp is client
        assert client.certificate_requests.cp is client
        handlers = client.handler_map()
        assert "RemoteStartTransaction" in handlers and "Reset" in handlers and "InstallCertificate" in handlers
        for entry in handlers.values():
            for handler in entry if isinstance(entry, tuple) else (entry,):
                assert handler.__self__ in (client.requests, client.certificate_requests)
    finally:
        storage.close()
