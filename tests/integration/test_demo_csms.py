"""The desktop demo's central system (``evse-hmi --demo-csms``, ``make demo``): a real
``controller.sim.csms`` process, the real-time controller connected to it over a websocket,
and the presenter's panel buttons going through the central system's HTTP door, as in the
demo: the QR-code / app start, a power limit, a remote stop, the backend switched off and on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from controller.config import Config
from controller.power import Limit
from controller.sim.csms_control import DemoCentralSystem
from controller.sim.panel import build_runtime
from controller.types import AuthMethod, Side
from controller.view import StationView
from hmi.demo_panel import simulator_control

WAIT_MS = 20_000


@pytest.fixture(params=["1.6", "2.0.1"])
def demo_csms(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DemoCentralSystem]:
    """The demo central system speaking one version (the charger is in "auto")."""
    csms = DemoCentralSystem(tmp_path / "csms.jsonl", ocpp_version=request.param)
    csms.start()
    yield csms
    csms.stop()


def test_the_panel_buttons_start_limit_and_stop_a_session_through_the_demo_central_system(
        qtbot: QtBot, demo_csms: DemoCentralSystem, tmp_path: Path) -> None:
    config = Config().with_overrides(
        station={"version": "J0U"},
        can={"channel": "runtime-demo-csms"},
        simulation={"boot_time_factor": 0.0, "stage_seconds": 0.05},
        storage={"path": ":memory:"},
        ocpp={"database": str(tmp_path / "ocpp.sqlite3"), "reconnect_initial_s": 0.2, "reconnect_max_s": 0.5,
              "reconnect_jitter_s": 0.1},
    )
    runtime, panel = build_runtime(config, csms_url=demo_csms.charge_point_url(config.station.charge_point_id))
    assert panel is not None
    views: list[StationView] = []
    runtime.subscribe(views.append)
    runtime.start()
    control, buttons = simulator_control(config, panel, demo_csms)
    assert buttons is not None and control.value("csmsAvailable") and control.value("csmsRunning")

    def view() -> StationView:
        return views[-1]

    try:
        qtbot.waitUntil(lambda: bool(views) and view().online, timeout=WAIT_MS)
        control.csmsRemoteStart(0)  # the driver scanned the left QR code
        qtbot.waitUntil(lambda: view().pending is not None, timeout=WAIT_MS)
        assert view().pending.method is AuthMethod.QR and view().pending.eligible == (Side.LEFT,)
        # the remote start's notice may come in the snapshot before or after the one with the
        # pending authorization (and is gone a few seconds later): look at every snapshot
        qtbot.waitUntil(lambda: any(v.notice is not None and v.notice.code == "033903" for v in list(views)),
                        timeout=WAIT_MS)
        qtbot.waitUntil(lambda: control.value("csmsStatus") == "remote_start: Accepted", timeout=WAIT_MS)
        control.plug(0)
        qtbot.waitUntil(lambda: view().connector(Side.LEFT).state == "charging", timeout=WAIT_MS)
        control.csmsLimit(20)
        qtbot.waitUntil(lambda: view().connector(Side.LEFT).limit is Limit.SCHEDULE, timeout=WAIT_MS)
        assert view().connector(Side.LEFT).max_power_w <= 20_000
        control.csmsRemoteStop(0)
        qtbot.waitUntil(lambda: view().connector(Side.LEFT).state == "finished", timeout=WAIT_MS)
        session = view().connector(Side.LEFT).session
        assert session is not None and session.stop_code == "033904"
        stop = "StopTransaction" if demo_csms.ocpp_version == "1.6" else "TransactionEvent Ended"
        qtbot.waitUntil(lambda: any(stop in line for line in control.value("csmsLog")), timeout=WAIT_MS)
        control.csmsSetRunning(False)  # the backend goes away: QR code and app are darkened
        qtbot.waitUntil(lambda: not view().online and not control.value("csmsRunning"), timeout=WAIT_MS)
        assert view().backend_code.startswith("0339") and AuthMethod.QR not in view().methods
        control.csmsSetRunning(True)
        qtbot.waitUntil(lambda: view().online and control.value("csmsRunning"), timeout=WAIT_MS)
        assert AuthMethod.QR in view().methods
    finally:
        buttons.close()
        runtime.stop()
    assert runtime.error is None
