"""The desktop demo's central system (``evse-hmi --demo-csms``, ``make demo``): a real
``controller.sim.csms`` process, the real-time controller connected to it over a websocket,
and the presenter's panel buttons going through the central system's HTTP door, as in the
demo: the QR-code / app start, a power limit, a remote stop, the backend switched off and on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from controller.config import Config
from controller.power import Limit
from controller.runtime import ControllerRuntime
from controller.sim.csms_control import DemoCentralSystem
from controller.sim.panel import build_runtime
from controller.types import AuthMethod, Side
from controller.view import StationView
from hmi.demo_panel import simulator_control
from hmi.format import Formatter
from hmi.presenter import connector_values, kiosk_values
from hmi.values import ConnectorValues

WAIT_MS = 20_000


@pytest.fixture(params=["1.6", "2.0.1"])
def demo_csms(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DemoCentralSystem]:
    """The demo central system speaking one version (the charger is in "auto")."""
    csms = DemoCentralSystem(tmp_path / "csms.jsonl", ocpp_version=request.param)
    csms.start()
    yield csms
    csms.stop()


def demo_runtime(csms: DemoCentralSystem, tmp_path: Path, channel: str, **sections: dict[str, Any]) -> tuple[
        ControllerRuntime, list[StationView], Any, Any]:
    """The real-time controller with its simulator panel, connected to ``csms``, started:
    (runtime, every view it published, the panel's control object, its buttons)."""
    simulation = {"boot_time_factor": 0.0, "stage_seconds": 0.05, **sections.pop("simulation", {})}
    ocpp = {"database": str(tmp_path / "ocpp.sqlite3"), "reconnect_initial_s": 0.2, "reconnect_max_s": 0.5,
            "reconnect_jitter_s": 0.1, **sections.pop("ocpp", {})}
    config = Config().with_overrides(station={"version": "J0U"}, can={"channel": channel}, simulation=simulation,
                                     storage={"path": ":memory:"}, ocpp=ocpp)
    runtime, panel = build_runtime(config, csms_url=csms.charge_point_url(config.station.charge_point_id))
    assert panel is not None
    views: list[StationView] = []
    runtime.subscribe(views.append)
    runtime.start()
    control, buttons = simulator_control(config, panel, csms)
    assert buttons is not None
    return runtime, views, control, buttons


def test_the_panel_buttons_start_limit_and_stop_a_session_through_the_demo_central_system(
        qtbot: QtBot, demo_csms: DemoCentralSystem, tmp_path: Path) -> None:
    runtime, views, control, buttons = demo_runtime(demo_csms, tmp_path, "runtime-demo-csms")
    assert control.value("csmsAvailable") and control.value("csmsRunning")

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


def test_a_whole_card_visit_on_2_0_1_in_the_kiosk_with_an_operator_message_and_the_costs(
        qtbot: QtBot, tmp_path: Path) -> None:
    """The issue's "done when": boot, card, charge with meter values and cost updates, an
    operator message shown, stop, total cost and receipt, on 2.0.1 against the demo central
    system, through the simulator panel and the kiosk's presenter."""
    csms = DemoCentralSystem(tmp_path / "csms.jsonl", ocpp_version="2.0.1")
    csms.start()
    runtime, views, control, buttons = demo_runtime(csms, tmp_path, "runtime-demo-csms-201",
                                                    simulation={"time_factor": 20.0}, ocpp={"version": "2.0.1"})

    def view() -> StationView:
        return views[-1]

    def left() -> ConnectorValues:
        return connector_values(view().connector(Side.LEFT), view(), Formatter())

    try:
        qtbot.waitUntil(lambda: bool(views) and view().online, timeout=WAIT_MS)
        answer = csms.call("SetVariables", {"setVariableData": [{
            "component": {"name": "SampledDataCtrlr"}, "variable": {"name": "TxUpdatedInterval"},
            "attributeValue": "5"}]})
        assert answer["response"]["setVariableResult"][0]["attributeStatus"] == "Accepted"
        control.csmsDisplayMessage("Welcome! Free parking while you charge.", "InFront")
        qtbot.waitUntil(lambda: kiosk_values(view(), Formatter()).operatorMessageText.startswith("Welcome"),
                        timeout=WAIT_MS)
        control.tapKnownCard()
        qtbot.waitUntil(lambda: view().pending is not None and view().pending.price_text is not None,
                        timeout=WAIT_MS)  # the driver's tariff (personalMessage) for the Plug-in screen
        control.plug(0)
        qtbot.waitUntil(lambda: view().connector(Side.LEFT).state == "charging", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: view().connector(Side.LEFT).session.backend_cost is not None, timeout=WAIT_MS)
        assert left().costText, "the running cost from CostUpdated"
        # past the tap hold-off, so that the same card again is a new tap (it stops the session)
        qtbot.waitUntil(lambda: any("MeterValuePeriodic" in line for line in control.value("csmsLog")),
                        timeout=WAIT_MS)
        qtbot.waitUntil(lambda: view().connector(Side.LEFT).session.charging_seconds >= 10, timeout=WAIT_MS)
        control.tapKnownCard()
        qtbot.waitUntil(lambda: view().connector(Side.LEFT).state == "finished", timeout=WAIT_MS)
        qtbot.waitUntil(lambda: view().connector(Side.LEFT).session.backend_cost is not None
                        and view().connector(Side.LEFT).session.backend_cost.final, timeout=WAIT_MS)
        final = view().connector(Side.LEFT).session.backend_cost
        assert f"{final.cost:.2f}" in left().costText and view().connector(Side.LEFT).session.receipt_qr
        qtbot.waitUntil(lambda: any("TransactionEvent Ended" in line for line in control.value("csmsLog")),
                        timeout=WAIT_MS)
        (transaction,) = [t for t in csms.transactions().values() if t.get("version") == "2.0.1"]
    finally:
        buttons.close()
        runtime.stop()
        csms.stop()
    assert runtime.error is None
    assert transaction["seq_nos"] == list(range(len(transaction["seq_nos"]))), "gap-free seqNo"
    assert "MeterValuePeriodic" in transaction["trigger_reasons"] and transaction["meter_values"] >= 3
    assert transaction["total_cost"] == f"{final.cost:.2f}", "the same exact money on both sides"
