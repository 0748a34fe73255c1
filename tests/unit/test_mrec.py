"""The ChargeX MREC table and the StatusNotification error fields built from it."""

from __future__ import annotations

from ocpp.v16.enums import ChargePointErrorCode

from controller.mrec import all_mrecs, mapped_codes, mrec_of, reported_code, vendor_id
from controller.ocpp.mapping import error_report
from controller.port import BackendLink
from controller.readings import Measurement
from controller.status_codes import known_codes, lookup
from hmi.format import Formatter
from hmi.presenter import kiosk_values
from tests.conftest import WorldFactory


def test_every_mapped_code_is_in_the_catalog_and_every_mrec_is_well_formed() -> None:
    catalog = set(known_codes())
    assert set(mapped_codes()) <= catalog
    for mrec in all_mrecs():
        assert mrec.code.startswith("CX") and len(mrec.code) == 5 and mrec.name and mrec.description
    assert {m.code for m in all_mrecs()} >= {f"CX00{n}" for n in range(1, 7)}


def test_the_codes_that_meet_an_mrec_condition_map_to_it() -> None:
    expected = {"011025": "CX001", "012235": "CX002", "012223": "CX003", "012220": "CX004", "012219": "CX005",
                "012288": "CX006", "012251": "CX008", "023847": "CX011", "011013": "CX017", "012230": "CX019",
                "023731": "CX022"}
    assert {code: mrec_of(code).code for code in expected} == expected  # type: ignore[union-attr]
    for code in ("012294", "012252", "033900", "013601"):  # grid input OVP, door, network, information
        assert mrec_of(code) is None, code


def test_the_reported_code_follows_the_configured_mode() -> None:
    assert reported_code("012251", "manual") == "012251"
    assert reported_code("012251", "mrec") == "CX008"
    assert reported_code("012252", "mrec") == "012252"  # no MREC: the six digits


def test_manual_mode_reports_six_digits_with_the_reading_and_the_description() -> None:
    report = error_report("012294", Measurement("input", 560, "V"))
    assert report.error_code is ChargePointErrorCode.over_voltage
    assert (report.vendor_error_code, report.vendor_id) == ("012294", None)
    assert report.info == "input 560 V: AC input ovp"
    assert error_report("011025").info == lookup("011025").description


def test_mrec_mode_reports_the_cx_code_the_consortium_id_and_the_bare_reading() -> None:
    report = error_report("012223", Measurement("ambient", 61.5, "C"), mode="mrec")
    assert report.error_code is ChargePointErrorCode.high_temperature
    assert (report.vendor_error_code, report.vendor_id, report.info) == ("CX003", vendor_id(), "61.5")
    assert error_report("012251", None, mode="mrec").info is None  # no reading: omitted (MREC convention)


def test_info_never_exceeds_fifty_characters() -> None:
    for code in known_codes():
        info = error_report(code, Measurement("output", 1000.5, "V")).info
        assert info is not None and len(info) <= 50


def test_the_status_screen_follows_the_mrec_display_convention_only_in_mrec_mode(make_world: WorldFactory) -> None:
    for mode, expected in (("manual", ""), ("mrec", "If you contact customer service, quote code CX008.")):
        world = make_world("U00", ocpp={"vendor_error_code": mode})
        world.hardware.set_emergency_stop(True)
        world.advance(0.3)
        assert kiosk_values(world.view, Formatter()).statusReportText == expected
        if mode == "mrec":
            world.port.attach()
            world.port.set_backend_online(BackendLink.ONLINE)
            assert kiosk_values(world.station.view(), Formatter()).statusReportText.startswith(
                "The operator has been notified.")
