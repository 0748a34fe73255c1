"""The driver at the kiosk: the two buttons, the touchscreen's commands, the focused connector
and the short messages on screen.

:class:`Interaction` takes the driver's commands (:mod:`controller.commands`) and turns them
into session events on the station's connector machines (through ``step``), authorization
requests (:class:`~controller.authorization.Authorization`), and what the screen shows next:
which connector is in front (``focus``) and the notice of the moment.  While the engineer PIN
pad or screen is up, the buttons work for it.  The station runs the machines; this module
only decides what the driver asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from controller import commands as cmd
from controller import session as sm
from controller.authorization import (
    AskBackend,
    Authorization,
    Authorize,
    Outcome,
    Refuse,
    ShowSide,
    SideState,
    StopOwnSession,
    WaitForPlug,
)
from controller.clock import Clock
from controller.connectors import ConnectorRuntime
from controller.engineer_screen import EngineerScreen
from controller.port import AuthorizeRequest, StationEvent
from controller.preferences import DriverPreferences
from controller.session import ConnectorState, StopReason
from controller.types import AuthMethod, Side
from controller.view import Notice, NoticeKind

NOTICE_SECONDS = 4.0
INFO_CODE_SECONDS = 10.0  # an information code the backend asked to show (033903 ...)
_RUNNING = (ConnectorState.PREPARING, ConnectorState.CHARGING)

Step = Callable[[ConnectorRuntime, sm.Event], None]


class Interaction:
    """What the driver asked for, and what the screen shows because of it."""

    def __init__(self, connectors: Mapping[Side, ConnectorRuntime], clock: Clock, authorization: Authorization,
                 preferences: DriverPreferences, engineer: EngineerScreen, step: Step,
                 side_states: Callable[[], tuple[SideState, ...]], emit: Callable[[StationEvent], None]) -> None:
        self.connectors = connectors
        self.clock = clock
        self.authorization = authorization
        self.preferences = preferences
        self.engineer = engineer
        self.step = step
        self.side_states = side_states
        self.emit = emit
        self.focus = Side.LEFT
        self._notice: tuple[Notice, float] | None = None  # and until when (monotonic)
        self.read_aloud_requests = 0  # the kiosk speaks (or stops speaking) at each new one

    @property
    def notice(self) -> Notice | None:
        """The short message on screen, if any."""
        return self._notice[0] if self._notice else None

    def show(self, notice: Notice | None, seconds: float = NOTICE_SECONDS) -> None:
        """Show ``notice`` for ``seconds`` (None: clear the one on screen)."""
        self._notice = (notice, self.clock.monotonic() + seconds) if notice is not None else None

    def show_information_code(self, code: str, side: Side | None) -> None:
        """An information code the backend asked to show (033903 remote start, 033904 remote stop, ...)."""
        self.show(Notice(NoticeKind.STATUS_CODE, side, False, code), INFO_CODE_SECONDS)

    def expire(self, now: float) -> None:
        """Each cycle: a notice goes when its time is up."""
        if self._notice is not None and now >= self._notice[1]:
            self._notice = None

    def submit(self, command: cmd.DriverCommand | cmd.EngineerCommand, ready: bool) -> None:
        """A command from the driver or a technician (``ready``: the self-test is over)."""
        now = self.clock.monotonic()
        if isinstance(command, cmd.EngineerCommand) or (
                self.engineer.up and isinstance(command, cmd.PressLeft | cmd.PressRight)):
            self.engineer.handle(command, now)
            return
        match command:
            case cmd.PressLeft():
                self._press_left()
            case cmd.PressRight():
                if self.can_try_again(self.focus):  # the right button is "Try again" on that screen
                    self._try_again(self.focus)
                    return
                sides = list(self.connectors)  # the other connector (dual models)
                if len(sides) > 1:
                    self.focus = sides[(sides.index(self.focus) + 1) % len(sides)]
            case cmd.TryAgain(side):
                self._try_again(side)
            case cmd.SelectSide(side) if side in self.connectors:
                self.focus = side
            case cmd.TouchStop(side):
                self._stop_by_touch(side)
            case cmd.CancelPending():
                self.authorization.cancel()  # a verdict on its way is ignored when it comes
            case cmd.Dismiss():
                self._notice = None
                self._dismiss_summary()
            case cmd.PresentToken(token, method):
                self._present(token, method, now, ready)
            case cmd.ChooseLanguage(tag):
                self.preferences.choose_language(tag, now)
            case cmd.ChooseHighContrast(on):
                self.preferences.choose_high_contrast(on, now)
            case cmd.ChooseLargeText(on):
                self.preferences.choose_large_text(on, now)
            case cmd.ReadAloud(focus):
                if focus in self.connectors:
                    self.focus = focus
                self.read_aloud_requests += 1
            case cmd.SelectSide():
                pass  # a side this model does not have
            case _:
                raise TypeError(f"not a driver command: {command!r}")

    def act(self, outcome: Outcome | None, now: float) -> None:
        """Act on what authorization decided."""
        match outcome:
            case StopOwnSession(side, token):
                self.focus = side
                self.step(self.connectors[side], sm.StopRequested(StopReason.CARD, id_token=token))
            case ShowSide(side):
                self.focus = side
            case AskBackend(token, side):
                self._notice = None
                self.emit(AuthorizeRequest(token, side))
            case Authorize(side, token, method):
                self.focus = side
                self.step(self.connectors[side], sm.Authorized(token, method))
            case Refuse(notice, error):
                self._notice = (Notice(notice, None, error), now + NOTICE_SECONDS)
            case WaitForPlug() | None:
                pass

    def _present(self, raw_token: str, method: AuthMethod, now: float, ready: bool) -> None:
        """A card (or QR/app authorization) presented to the charger."""
        if ready:
            self.act(self.authorization.present(raw_token, method, now, self.side_states(), self.focus), now)

    def _press_left(self) -> None:
        """Left button: Home / Stop charge (manual 1 and 5.2.3).  The physical one comes here on
        its release, never from the both-buttons gesture (controller.buttons)."""
        if self.authorization.cancel():
            return
        connector = self.connectors[self.focus]
        if connector.machine.state in _RUNNING:
            self.step(connector, sm.StopRequested(StopReason.STOP_BUTTON))
        else:
            self._dismiss_summary()
        self._notice = None

    def can_try_again(self, side: Side) -> bool:
        """A failed start on ``side`` may be tried again with the cable still in: its authorization
        is kept, its kind needs no re-plugging, and the cable is in (controller.retry_hold)."""
        connector = self.connectors.get(side)
        held = self.authorization.holds.held(side, self.clock.monotonic())
        return (connector is not None and held is not None and not held.needs_replug and connector.plugged
                and connector.machine.state is ConnectorState.FINISHED)

    def _try_again(self, side: Side) -> None:
        """The next attempt on the kept authorization (no tap); nothing when it may not."""
        if not self.can_try_again(side):
            return
        held = self.authorization.holds.held(side, self.clock.monotonic())
        assert held is not None
        self.focus = side
        self.step(self.connectors[side], sm.Authorized(held.token, held.method))

    def _stop_by_touch(self, side: Side) -> None:
        connector = self.connectors.get(side)
        if connector is not None and connector.machine.state in _RUNNING:
            self.focus = side
            self.step(connector, sm.StopRequested(StopReason.STOP_BUTTON))

    def _dismiss_summary(self) -> None:
        self.authorization.holds.forget(self.focus)  # Done on a failed start: the driver gives up
        connector = self.connectors[self.focus]
        if connector.machine.state is ConnectorState.FINISHED:
            self.step(connector, sm.Dismissed())
