"""Common behaviour of a simulated board: its own bus handle, self-test, cyclic frames."""

from __future__ import annotations

from controller.buses.can_link import CanLink, Frame

STATUS_PERIOD_S = 0.1
#: A board that hears no command from the controller for this long makes itself safe (output
#: off, contactors open), as real power modules and connector boards do: a crashed or frozen
#: controller process can never leave energy flowing.  The controller repeats its commands
#: every 100 ms (every 200 ms when idle), so this is several missed frames.
COMMAND_TIMEOUT_S = 1.0


class SimulatedNode:
    """A board on the internal CAN bus; subclasses add their frames and behaviour.

    Nodes of one simulated charger share a bus handle (the hardware dispatches the
    frames each listens to), which keeps python-can's virtual bus from copying every
    frame once per board; they still reach the controller only through the wire.
    """

    #: Names of the frames this node listens to (besides the self-test request).
    listens: tuple[str, ...] = ()

    node: str = ""
    firmware = (1, 4)

    def __init__(self, link: CanLink, boot_seconds: float = 0.3) -> None:
        self.link = link
        self.boot_seconds = boot_seconds
        self.silent = False  # a dead board: answers nothing, sends nothing
        self.self_test_result = 0  # 0 = pass, else the status code it reports
        self._self_test_due: tuple[float, int] | None = None
        self._last_status: dict[str, tuple[float, tuple]] = {}
        self._alive = 0
        self.now = 0.0
        self.last_command_at: float | None = None  # when the controller last commanded this board

    @property
    def command_lost(self) -> bool:
        """The controller has commanded this board before and has gone quiet since."""
        return self.last_command_at is not None and self.now - self.last_command_at > COMMAND_TIMEOUT_S

    def receive(self, frame: Frame) -> None:
        """A frame from the bus that this node listens to."""
        if self.silent:
            return
        if frame.name == "CSU_SelfTestRequest":
            self._self_test_due = (self.now + self.boot_seconds, int(frame.signals["Sequence"]))
        else:
            self.last_command_at = self.now
            self.on_frame(frame)

    def tick(self, now: float, dt: float) -> None:
        self.now = now
        if self.silent:
            return
        if self._self_test_due is not None and now >= self._self_test_due[0]:
            sequence = self._self_test_due[1]
            self._self_test_due = None
            self.link.send(f"{self.node}_SelfTest", **self.self_test_signals(sequence))
        self.update(now, dt)

    def self_test_signals(self, sequence: int) -> dict[str, float | int]:
        return {
            "Sequence": sequence,
            "Result": self.self_test_result,
            "FirmwareMajor": self.firmware[0],
            "FirmwareMinor": self.firmware[1],
        }

    def on_frame(self, frame: Frame) -> None:
        """A frame addressed to this node."""

    def update(self, now: float, dt: float) -> None:
        """Behaviour for one step; send cyclic frames with :meth:`cyclic`."""

    def cyclic(self, name: str, signals: dict[str, float | int], period: float = STATUS_PERIOD_S) -> None:
        """Send ``name`` every ``period`` seconds and at once when its content changes."""
        key = tuple(sorted((k, v) for k, v in signals.items() if k != "AliveCounter"))
        last = self._last_status.get(name)
        if last is not None and last[1] == key and self.now - last[0] < period:
            return
        if "AliveCounter" in signals:
            self._alive = (self._alive + 1) % 8
            signals = {**signals, "AliveCounter": self._alive}
        self.link.send(name, **signals)
        self._last_status[name] = (self.now, key)
