"""Status codes reach the central system (real station, simulated boards on the CAN bus,
the demo central system as a separate process; every frame is schema-checked by the
conftest): each active code in a StatusNotification, with the manual's six digits or the
ChargeX MREC code as ``[ocpp].vendor_error_code`` says, and the reading in ``info``."""

from __future__ import annotations

from typing import Any

from controller.types import Side
from tests.ocpp.harness import CentralSystemProcess, advance_until, charger_world, settled


def notifications(central: CentralSystemProcess, connector_id: int) -> list[dict[str, Any]]:
    return [f[3] for f in central.from_charger("StatusNotification") if f[3]["connectorId"] == connector_id]


def with_code(central: CentralSystemProcess, connector_id: int, vendor_code: str) -> dict[str, Any] | None:
    return next((n for n in notifications(central, connector_id) if n.get("vendorErrorCode") == vendor_code), None)


def test_a_board_fault_is_reported_with_its_six_digits_and_the_input_voltage_with_its_reading(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U")
    try:
        settled(world, lambda: len(central.from_charger("StatusNotification")) >= 3, "the boot statuses")
        world.hardware.inject_fault(Side.LEFT, 11025)  # CHAdeMO connector lock fail
        world.hardware.set_input_voltage(560)  # AC input OVP (012294), station-wide
        world.hardware.set_emergency_stop(True)  # 012251 on the station too: both must be heard
        advance_until(world, lambda: with_code(central, 1, "011025") and with_code(central, 0, "012294")
                      and with_code(central, 0, "012251"), "the three codes")
    finally:
        world.close()
    lock = with_code(central, 1, "011025")
    assert lock is not None and lock["status"] == "Faulted" and lock["errorCode"] == "ConnectorLockFailure"
    assert lock["info"] == "CHAdeMO connector lock fail" and "vendorId" not in lock
    over = with_code(central, 0, "012294")
    assert over is not None and over["errorCode"] == "OverVoltage"
    assert over["info"] == "input 560 V: AC input ovp"
    estop = with_code(central, 0, "012251")
    assert estop is not None and estop["status"] == "Faulted"
    assert notifications(central, 0)[-1]["vendorErrorCode"] == "012251", "the status in force comes last"


def test_in_mrec_mode_a_matching_code_reports_its_chargex_code_and_others_keep_six_digits(
        central: CentralSystemProcess) -> None:
    world = charger_world(central, "J0U", ocpp={"vendor_error_code": "mrec"})
    try:
        settled(world, lambda: len(central.from_charger("StatusNotification")) >= 3, "the boot statuses")
        world.hardware.inject_fault(Side.LEFT, 11025)
        world.hardware.set_input_voltage(560)
        advance_until(world, lambda: with_code(central, 1, "CX001") and with_code(central, 0, "012294"),
                      "the lock failure as CX001 and the input OVP")
    finally:
        world.close()
    lock = with_code(central, 1, "CX001")
    assert lock is not None and lock["status"] == "Faulted" and lock["errorCode"] == "ConnectorLockFailure"
    assert lock["vendorId"] == "https://chargex.inl.gov" and "info" not in lock  # no reading for a lock
    over = with_code(central, 0, "012294")  # no MREC matches the grid's input OVP
    assert over is not None and "vendorId" not in over and over["info"].startswith("input 560 V")
