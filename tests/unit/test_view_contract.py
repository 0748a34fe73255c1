"""The contract between the presenter and QML: one declaration per view model (hmi/values.py).

The presenter builds every field and nothing else, with the declared type, on every screen;
the Qt properties QML binds to are exactly those fields.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from controller import commands as cmd
from controller.engineer import hash_pin
from controller.sim.world import World
from controller.types import Side
from controller.view import StationView
from hmi.format import Formatter
from hmi.navigation import screen_for
from hmi.presenter import connector_values, kiosk_values, stalled_values
from hmi.preview_samples import SAMPLES, Sample
from hmi.screens import Screen
from hmi.values import ConnectorValues, KioskValues, LanguageEntry, ViewValues, field_names, type_problems
from hmi.viewmodel import ConnectorViewModel, Kiosk, qml_value
from tests.conftest import KNOWN_CARD, WorldFactory, charge

PIN = "2468"
#: The Kiosk's properties that are not presenter values: its connectors, the focused one,
#: whether anything moves, and the list of screens.
KIOSK_OWN_PROPERTIES = {"connectors", "focused", "animated", "screens", "voiceAvailable", "speaking"}


def presented(view: StationView, status_index: int = 0) -> list[ViewValues]:
    """What the presenter makes of ``view``: the kiosk's values and each connector's."""
    fmt = Formatter("en-US", "America/Los_Angeles")
    return [kiosk_values(view, fmt, status_index), *(connector_values(c, view, fmt) for c in view.connectors)]


def screens_of_a_visit(world: World) -> Iterator[StationView]:
    """Snapshots of every screen a driver and a technician meet, in order."""
    yield world.view  # initializing
    world.start()
    yield world.view  # home
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    yield world.view  # plugin
    world.hardware.plug(Side.LEFT)
    world.advance(0.3)
    yield world.view  # preparing
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "charging", 30)
    world.advance(30)
    yield world.view  # charging
    world.station.submit(cmd.PressLeft())
    assert world.run_until(lambda v: screen_for(v) == Screen.SUMMARY, 30)
    yield world.view  # summary
    world.hardware.set_door_open(True)
    world.advance(0.3)
    yield world.view  # status
    world.hardware.set_door_open(False)
    world.hardware.unplug(Side.LEFT)
    world.hardware.inject_fault(Side.LEFT, 11013)
    world.advance(0.3)
    yield world.view  # out of service
    world.port.set_software_update(True)
    world.advance(0.3)
    yield world.view  # updating
    world.port.set_software_update(False)
    world.advance(0.3)
    world.hardware.boards[Side.RIGHT].fail_next_start("communication")
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(0.1)
    world.hardware.plug(Side.RIGHT)
    assert world.run_until(lambda v: screen_for(v) == Screen.START_FAILED, 30)
    yield world.view  # a failed start
    world.station.submit(cmd.OpenEngineer())
    for digit in "1111":
        world.station.submit(cmd.PinDigit(digit))
    world.station.submit(cmd.PinSubmit())
    yield world.station.view()  # engineer PIN: wrong PIN
    for digit in PIN:
        world.station.submit(cmd.PinDigit(digit))
    world.station.submit(cmd.PinSubmit())
    for page in range(5):
        world.station.submit(cmd.EngineerPage(page))
        yield world.station.view()  # engineer, each page
    world.station.submit(cmd.EngineerLookup("012251"))
    yield world.station.view()


def test_the_presenter_fills_every_field_with_its_declared_type_on_every_screen(
        make_world: WorldFactory) -> None:
    world = make_world("J0U", start=False, engineer={"pin_hash": hash_pin(PIN, salt=b"contract-salt!!!")})
    seen = set()
    for view in screens_of_a_visit(world):
        for values in presented(view):
            assert type_problems(values) == [], screen_for(view)
        seen.add(screen_for(view))
    charging_world = make_world("U00")
    charge(charging_world, Side.LEFT)
    for values in presented(charging_world.view):
        assert type_problems(values) == []
    assert seen == set(Screen), "the visit shows every screen"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.name)
def test_every_preview_sample_goes_through_the_presenter_to_its_screen(sample: Sample) -> None:
    view = sample.view()
    assert screen_for(view) == sample.screen
    for values in presented(view):
        assert type_problems(values) == []


def test_a_value_the_view_model_lacks_or_one_the_presenter_forgets_fails_loudly() -> None:
    complete = {field.name: field.default for field in dataclasses.fields(ConnectorValues)}
    assert ConnectorValues.complete(**complete) == ConnectorValues()
    with pytest.raises(TypeError, match="socText"):
        ConnectorValues.complete(**{key: value for key, value in complete.items() if key != "socText"})
    with pytest.raises(TypeError, match="stateColour"):
        ConnectorValues.complete(**complete, stateColour="green")


def test_a_value_of_the_wrong_type_is_found() -> None:
    assert type_problems(KioskValues()) == []
    wrong = KioskValues(screen="home", connectorCount=True, initProgress=1, tariffLines=["$1"],  # type: ignore[arg-type]
                        languages=(LanguageEntry("en-US", "English", 3),))  # type: ignore[arg-type]
    assert {problem.split(":")[0] for problem in type_problems(wrong)} == {
        "KioskValues.screen", "KioskValues.connectorCount", "KioskValues.initProgress", "KioskValues.tariffLines",
        "KioskValues.languages"}


def test_qml_binds_to_exactly_the_declared_fields_with_their_qt_types() -> None:
    def properties(cls: type) -> dict[str, str]:
        meta = cls.staticMetaObject  # type: ignore[attr-defined]
        return {meta.property(i).name(): meta.property(i).typeName()
                for i in range(meta.propertyOffset(), meta.propertyCount())}

    connector = properties(ConnectorViewModel)
    assert set(connector) == field_names(ConnectorValues)
    assert (connector["stateText"], connector["socPercent"], connector["powerKw"], connector["canStop"],
            connector["powerHistory"]) == ("QString", "int", "double", "bool", "QVariantList")
    kiosk = properties(Kiosk)
    assert set(kiosk) == field_names(KioskValues) | KIOSK_OWN_PROPERTIES
    assert (kiosk["screen"], kiosk["tariffLines"], kiosk["languages"]) == ("int", "QStringList", "QVariantList")


def test_qml_gets_screens_as_numbers_lists_as_lists_and_items_as_objects(make_world: WorldFactory) -> None:
    values = kiosk_values(make_world("J0U").view, Formatter())
    assert qml_value(values.screen) == Screen.HOME.qml_value
    assert qml_value(values.languages)[0] == {"tag": "en-US", "name": "English", "fontFamily": "Inter"}
    assert isinstance(qml_value(values.tariffLines), list)


def test_a_stalled_controller_shows_out_of_service_with_nothing_to_act_on(make_world: WorldFactory) -> None:
    world = make_world("J0U")
    charge(world, Side.LEFT)
    values = stalled_values(kiosk_values(world.view, Formatter()))
    assert values.screen is Screen.OUT_OF_SERVICE
    assert (values.leftButtonText, values.rightButtonText, values.noticeText, values.statusCode) == ("", "", "", "")


def test_the_view_model_signals_once_per_change_and_not_at_all_without_one(make_world: WorldFactory) -> None:
    kiosk = Kiosk()
    changes: list[None] = []
    kiosk.changed.connect(lambda: changes.append(None))
    values = kiosk_values(make_world("J0U").view, Formatter())
    assert kiosk.set_values(values) and len(changes) == 1
    assert not kiosk.set_values(values) and len(changes) == 1
    assert kiosk.update(noticeText="Authorized") and len(changes) == 2
    assert kiosk.value("noticeText") == "Authorized" and kiosk.property("noticeText") == "Authorized"
    assert kiosk.property("screen") == Screen.HOME.qml_value and kiosk.value("screen") is Screen.HOME


def test_display_power_reaches_the_view_model_as_plain_values_on_every_look(make_world: WorldFactory) -> None:
    timers = {"enabled": True, "dim_after_s": 5.0, "sleep_after_s": 10.0, "charging_dim_after_s": 5.0}
    home = make_world("J0U", display_power=timers)
    looks = {}
    for seconds in (0.1, 5.0, 5.0):
        home.advance(seconds)
        values = kiosk_values(home.view, Formatter())
        assert type_problems(values) == []
        looks[values.displayLevel] = (values.displayLook, values.attractX, values.attractY)
    assert looks["awake"] == ("normal", 0.0, 0.0)
    assert looks["dim"][0] == "normal"
    assert looks["asleep"][0] == "attract" and -1 <= looks["asleep"][1] <= 1
    charging_world = make_world("U00", display_power=timers)
    charge(charging_world, Side.LEFT)
    charging_world.advance(6)
    values = presented(charging_world.view)
    assert [type_problems(v) for v in values] == [[], []]
    kiosk, connector = values
    assert isinstance(kiosk, KioskValues) and isinstance(connector, ConnectorValues)
    assert (kiosk.displayLevel, kiosk.displayLook) == ("dim", "glance")
    assert connector.sessionRunning
    assert stalled_values(kiosk).displayLevel == "awake", "a stalled controller is never dark"
