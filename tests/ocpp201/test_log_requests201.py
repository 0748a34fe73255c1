"""GetLog over OCPP 2.0.1 against the demo central system, on the real station (a World):
LogStatusNotification in order with its requestId, the upload arriving at a real HTTP server,
AcceptedCanceled for a request that cancels a running upload, TriggerMessage
LogStatusNotification; the central201 fixture checks every frame against the schemas."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path
from typing import Any

from controller.sim.world import World
from tests.ocpp.harness import door
from tests.ocpp.test_log_requests import engine_for
from tests.ocpp201.central import CentralSystem201
from tests.ocpp201.charger import world201
from tests.support.file_servers import HttpFileServer


def log_statuses(central: CentralSystem201) -> list[tuple[Any, str]]:
    payloads = [n["payload"] for n in central.get("/notifications?action=LogStatusNotification")["notifications"]]
    return [(p.get("request_id"), p["status"]) for p in payloads]


def online_world(central: CentralSystem201, tmp_path: Path) -> World:
    world = world201(central, start=False)
    assert world.backend is not None
    world.backend.client.attach_logs(engine_for(tmp_path))
    world.start()
    assert world.settle(lambda: world.backend is not None and world.backend.client.online)
    return world


def test_get_log_uploads_and_reports_with_its_request_id(central201: CentralSystem201, tmp_path: Path) -> None:
    world = online_world(central201, tmp_path)
    try:
        with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
            answer = door(world, central201, "GetLog", {"logType": "DiagnosticsLog", "requestId": 5,
                                                        "log": {"remoteLocation": server.url("logs/"),
                                                                "oldestTimestamp": "2026-01-01T00:00:00Z"}})
            assert answer["response"]["status"] == "Accepted"
            assert world.settle(lambda: len(log_statuses(central201)) == 2)
            assert log_statuses(central201) == [(5, "Uploading"), (5, "Uploaded")]
            assert (tmp_path / "got" / answer["response"]["filename"]).exists()
            idle = door(world, central201, "TriggerMessage", {"requestedMessage": "LogStatusNotification"})
            assert idle["response"]["status"] == "Accepted"
            assert world.settle(lambda: len(log_statuses(central201)) == 3)
            assert log_statuses(central201)[-1] == (None, "Idle")
    finally:
        world.close()


def test_a_new_get_log_cancels_the_running_upload(central201: CentralSystem201, tmp_path: Path) -> None:
    world = online_world(central201, tmp_path)
    try:
        with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
            server.fail_next(1)
            first = door(world, central201, "GetLog", {"logType": "DiagnosticsLog", "requestId": 1, "retries": 3,
                                                       "retryInterval": 600,
                                                       "log": {"remoteLocation": server.url("old/")}})
            assert first["response"]["status"] == "Accepted"
            assert world.settle(lambda: bool(server.requests) and log_statuses(central201) == [(1, "Uploading")])
            triggered = door(world, central201, "TriggerMessage", {"requestedMessage": "LogStatusNotification"})
            assert triggered["response"]["status"] == "Accepted"
            assert world.settle(lambda: (1, "Uploading") in log_statuses(central201)[1:])  # the triggered one
            second = door(world, central201, "GetLog", {"logType": "SecurityLog", "requestId": 2,
                                                        "log": {"remoteLocation": server.url("new/")}})
            assert second["response"]["status"] == "AcceptedCanceled"
            assert world.settle(lambda: (2, "Uploaded") in log_statuses(central201))
            assert log_statuses(central201) == [(1, "Uploading"), (1, "Uploading"), (2, "Uploading"),
                                                (2, "Uploaded")]
    finally:
        world.close()


def test_the_backend_builds_one_log_engine_from_the_configuration(central201: CentralSystem201,
                                                                  tmp_path: Path) -> None:
    world = world201(central201, storage={"path": str(tmp_path / "evse.sqlite3")})
    try:
        assert world.backend is not None and world.backend.logs is not None
        assert world.settle(lambda: world.backend is not None and world.backend.client.online)
        with HttpFileServer(tmp_path / "serve", tmp_path / "got") as server:
            answer = door(world, central201, "GetLog", {"logType": "DiagnosticsLog", "requestId": 8,
                                                        "log": {"remoteLocation": server.url("logs/")}})
            assert world.settle(lambda: (8, "Uploaded") in log_statuses(central201))
            with tarfile.open(tmp_path / "got" / answer["response"]["filename"]) as tar:
                codes = json.loads(tar.extractfile("status-codes.json").read())  # type: ignore[union-attr]
            assert set(codes) == {"active", "recent"}  # the running station's own codes
            assert not list((tmp_path / "diagnostics").iterdir())  # made beside the station's store, then removed
    finally:
        world.close()
