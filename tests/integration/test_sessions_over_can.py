"""Full sessions per standard, judged by the frames on the wire (a spy node on the same bus)."""

from __future__ import annotations

from dataclasses import dataclass

import can
import pytest

from controller import commands as cmd
from controller.buses.can_link import Codec, Frame
from controller.buttons import ENGINEER_HOLD_S
from controller.sim.world import World
from controller.types import BoardCommand, Side
from tests.conftest import KNOWN_CARD, WorldFactory, charge


@dataclass
class Spy:
    bus: can.BusABC
    frames: list[Frame]

    def collect(self) -> list[Frame]:
        codec = Codec.shared()
        while (msg := self.bus.recv(timeout=0)) is not None:
            frame = codec.decode(msg)
            assert frame is not None, f"unknown frame 0x{msg.arbitration_id:X} on the bus"
            self.frames.append(frame)
        return self.frames


def spy_on(world: World) -> Spy:
    return Spy(can.Bus(interface="virtual", channel=world.channel), [])


def check_safety_on_the_wire(frames: list[Frame], side: Side) -> dict[str, int]:
    """Walk the frames in order and check the invariants the hardware relies on."""
    node = side.can_node
    command_name = f"CSU_Cb{side.name.title()}Command"
    psu_current: dict[int, float] = {}
    psu_routed: dict[int, int] = {}
    board = {"Plugged": 0, "Locked": 0}
    locked_commanded = False
    counts = {"unlock_after_session": 0, "psu_enabled": 0}
    for frame in frames:
        s = frame.signals
        if frame.name.startswith("PSU_") and frame.name.endswith("_Status"):
            psu_current[int(frame.name.split("_")[1]) - 1] = float(s["OutputCurrent"])
        elif frame.name.startswith("CSU_Psu"):
            index = int(frame.name[len("CSU_Psu")]) - 1
            psu_routed[index] = int(s["OutputConnector"]) if s["Enable"] else 3
            if s["Enable"] and s["OutputConnector"] == side.value:
                counts["psu_enabled"] += 1
                assert board["Plugged"] and board["Locked"], "output enabled on an unlocked connector"
        elif frame.name == f"{node}_Status":
            board = {"Plugged": int(s["Plugged"]), "Locked": int(s["Locked"])}
        elif frame.name == command_name:
            if s["CloseContactor"]:
                assert s["Lock"], "contactors commanded closed on an unlocked connector"
            if locked_commanded and not s["Lock"]:
                feeding = [i for i, c in psu_current.items() if c >= 1.0]
                assert not feeding, f"unlock commanded while PSUs {feeding} still deliver current"
                assert all(routed != side.value for routed in psu_routed.values()), "unlock with a PSU routed"
                counts["unlock_after_session"] += 1
            locked_commanded = bool(s["Lock"])
    return counts


@pytest.mark.parametrize("version,side", [("J00", Side.LEFT), ("U00", Side.LEFT), ("B0B", Side.LEFT),
                                          ("J0U", Side.RIGHT)])
def test_full_session_per_standard_is_safe_on_the_wire(make_world: WorldFactory, version: str, side: Side) -> None:
    world = make_world(version)
    spy = spy_on(world)
    world.hardware.set_next_ev(side, start_soc=60, target_soc=70)
    charge(world, side, KNOWN_CARD)
    assert world.run_until(lambda v: v.connector(side).state == "finished", 3600)
    world.advance(1.0)
    frames = spy.collect()
    counts = check_safety_on_the_wire(frames, side)
    assert counts["psu_enabled"] > 100
    assert counts["unlock_after_session"] == 1
    # after the stop every PSU command says off and the board reports unlocked, contactors open
    last_commands = {f.name: f.signals for f in frames if f.name.startswith("CSU_Psu")}
    assert last_commands and all(s["Enable"] == 0 for s in last_commands.values())
    last_board = [f.signals for f in frames if f.name == f"{side.can_node}_Status"][-1]
    assert (last_board["Locked"], last_board["ContactorClosed"]) == (0, 0)
    session = world.view.connector(side).session
    assert session is not None and session.stop_reason == "ev_target_reached"
    assert session.end_soc == 70
    stored_wh = world.hardware.next_ev[side].stored_energy_wh(60, 70)
    # the meter reads within ±2 %; the cable and the pack's resistance take a few % more
    assert 0.98 < session.energy_wh / stored_wh < 1.06, "metered energy matches what the battery took"
    world.hardware.unplug(side)
    world.advance(0.5)
    assert world.view.connector(side).state == "available"


def test_emergency_stop_cuts_output_at_once(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    world.advance(10)
    spy = spy_on(world)
    world.hardware.set_emergency_stop(True)
    world.hardware.step(world.clock.monotonic())  # the I/O board sends its frame now
    world.station.poll()  # ...and the controller reacts while handling it, before any tick
    frames = spy.collect()
    io_index = next(i for i, f in enumerate(frames) if f.name == "IOB_Status" and f.signals["EmergencyStop"])
    after = frames[io_index + 1:]
    psu_off = [f for f in after if f.name.startswith("CSU_Psu") and not f.signals["Enable"]]
    assert len(psu_off) == 2, "both PSUs commanded off in the same cycle as the emergency-stop frame"
    board = [f for f in after if f.name == "CSU_CbLeftCommand"]
    assert board and board[0].signals["CloseContactor"] == 0 and board[0].signals["Command"] == 3
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 5)
    assert any(c.code == "012251" for c in world.view.codes)
    # recovery needs the button released and the connector unplugged (manual 3.7.6)
    world.hardware.set_emergency_stop(False)
    world.advance(0.5)
    assert world.view.codes == ()
    assert world.view.connector(Side.LEFT).state == "finished"
    world.hardware.unplug(Side.LEFT)
    world.advance(0.5)
    assert world.view.connector(Side.LEFT).state == "available"


def test_both_buttons_on_the_wire_never_command_a_stop_and_a_left_click_does_on_its_release(
        make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    spy = spy_on(world)
    world.hardware.hold_button(True, True)  # left first, then right: the engineer gesture
    world.advance(0.5)
    world.hardware.hold_button(False, True)
    world.advance(ENGINEER_HOLD_S + 0.5)
    world.hardware.hold_both_buttons(False)
    world.advance(1.0)
    frames = spy.collect()
    levels = [(f.signals["LeftButton"], f.signals["RightButton"]) for f in frames if f.name == "IOB_Status"]
    assert (1, 0) in levels and (1, 1) in levels and levels[-1] == (0, 0), "the gesture went over the wire"
    commands = {f.signals["Command"] for f in frames if f.name == "CSU_CbLeftCommand"}
    assert commands == {int(BoardCommand.START_SESSION)}, "the board was never told to stop"
    assert world.view.connector(Side.LEFT).state == "charging"
    spy.frames.clear()
    world.hardware.press(left=True)  # a driver's click
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 15)
    frames = spy.collect()
    io = [(i, f.signals["LeftButton"]) for i, f in enumerate(frames) if f.name == "IOB_Status"]
    pressed = next(i for i, left in io if left)
    released = next(i for i, left in io if i > pressed and not left)
    stop = next(i for i, f in enumerate(frames)
                if f.name == "CSU_CbLeftCommand" and f.signals["Command"] == BoardCommand.STOP_SESSION)
    assert pressed < released < stop, "the stop follows the frame that reports the release"


def test_door_open_stops_charging_and_blocks_until_closed(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    world.hardware.set_door_open(True)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 5)
    world.hardware.unplug(Side.LEFT)
    world.advance(0.5)
    assert world.view.connector(Side.LEFT).state == "faulted"
    world.hardware.set_door_open(False)
    world.advance(0.5)
    assert world.view.connector(Side.LEFT).state == "available"


def test_ev_communication_failure_ends_the_session_with_its_code(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    world.hardware.inject_fault(Side.LEFT, 23701)
    assert world.run_until(lambda v: v.connector(Side.LEFT).state == "finished", 10)
    session = world.view.connector(Side.LEFT).session
    assert session is not None and (session.stop_reason, session.stop_code) == ("fault", "023701")


def test_a_stop_that_never_reaches_zero_current_keeps_the_connector_locked(make_world: WorldFactory) -> None:
    world = make_world("U00", limits={"stop_timeout_s": 3})
    charge(world, Side.LEFT)
    world.advance(5)
    for psu in world.hardware.psus:  # welded: the modules keep delivering whatever they are told
        psu.physics = lambda dt, load_of, psu=psu: setattr(psu, "current", 50.0)  # type: ignore[method-assign]
    world.station.submit(cmd.PresentToken(KNOWN_CARD))
    world.advance(5)
    assert world.view.connector(Side.LEFT).state == "stopping"
    assert any(c.code == "011013" for c in world.view.codes)
    assert world.hardware.boards[Side.LEFT].locked


def test_garbage_frames_are_counted_and_change_nothing(make_world: WorldFactory) -> None:
    world = make_world("U00")
    charge(world, Side.LEFT)
    noise = can.Bus(interface="virtual", channel=world.channel)
    for arbitration_id, data in ((0x7FF, b"\x01"), (0x100, b"\x00"), (0x300, b""), (0x210, b"\xff" * 3)):
        noise.send(can.Message(arbitration_id=arbitration_id, data=data, is_extended_id=False))
    noise.send(can.Message(arbitration_id=0x1ABCDEF, data=b"\x00" * 8, is_extended_id=True))
    world.advance(1)
    stats = world.link.stats
    assert stats.malformed == 3
    assert stats.unknown_id == 2
    assert world.view.connector(Side.LEFT).state == "charging"
    noise.shutdown()
