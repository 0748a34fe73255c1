"""What can be asked of the station: one frozen class per command.

The kiosk, the physical buttons, the simulator, scenarios and the backend all hand the
station one of these (``Station.submit``), which handles them with ``match``: a misspelt
command is a type error, not a silent no-op, and every caller of a command can be found.
Sides are the station's own words (:class:`~controller.types.Side`); a protocol maps its
connector ids onto them before it builds a command.
"""

from __future__ import annotations

from dataclasses import dataclass

from controller.session import StopReason
from controller.types import AuthMethod, Side

# --- the driver: the two buttons under the screen and the touchscreen ----------------


@dataclass(frozen=True, slots=True)
class PressLeft:
    """The left button (Home / Stop charge), or its on-screen twin; the physical one on release."""


@dataclass(frozen=True, slots=True)
class PressRight:
    """The right button (switch connector), or its on-screen twin."""


@dataclass(frozen=True, slots=True)
class SelectSide:
    """A touch on a connector: focus it."""

    side: Side


@dataclass(frozen=True, slots=True)
class TouchStop:
    """A touch on a connector's Stop button."""

    side: Side


@dataclass(frozen=True, slots=True)
class TryAgain:
    """"Try again" after a failed start, the cable still in: the kept authorization starts the
    next attempt on ``side`` (controller.retry_hold; the right button on that screen)."""

    side: Side


@dataclass(frozen=True, slots=True)
class CancelPending:
    """Cancel on the Plug-in screen, or while a card is being checked."""


@dataclass(frozen=True, slots=True)
class Dismiss:
    """Done / Home on the summary or a message."""


@dataclass(frozen=True, slots=True)
class PresentToken:
    """A card tapped on the reader (its UID), or a QR code / app authorization."""

    token: str
    method: AuthMethod = AuthMethod.RFID


@dataclass(frozen=True, slots=True)
class ReadAloud:
    """Read the screen aloud, or stop the voice if it speaks: the right button held, or the
    Home screen's control. ``focus``: the connector to bring back in front (the held button's
    own press moved the focus away from the screen the driver wants to hear)."""

    focus: Side | None = None


@dataclass(frozen=True, slots=True)
class ChooseLanguage:
    """The driver picked a language (BCP 47 tag) for this visit."""

    tag: str


@dataclass(frozen=True, slots=True)
class ChooseHighContrast:
    """The driver switched high contrast on or off for this visit."""

    on: bool


@dataclass(frozen=True, slots=True)
class ChooseLargeText:
    """The driver switched the larger text on or off for this visit."""

    on: bool


# --- the display (controller.display_power): a touch that is no control ------------------


@dataclass(frozen=True, slots=True)
class WakeDisplay:
    """A touch on the dark or dimmed screen (the kiosk's input catcher): it only wakes the display."""


@dataclass(frozen=True, slots=True)
class ScreenActivity:
    """A touch anywhere on the awake screen (reported passively, throttled): a driver is there.
    It keeps the display awake and never wakes it (a touch on a dimmed screen is a WakeDisplay)."""


# --- technicians: the engineer PIN pad and screen -------------------------------------


@dataclass(frozen=True, slots=True)
class OpenEngineer:
    """The long press on the charge point id: ask for the engineer PIN."""


@dataclass(frozen=True, slots=True)
class PinDigit:
    digit: str


@dataclass(frozen=True, slots=True)
class PinErase:
    pass


@dataclass(frozen=True, slots=True)
class PinSubmit:
    pass


@dataclass(frozen=True, slots=True)
class PinCancel:
    pass


@dataclass(frozen=True, slots=True)
class EngineerLookup:
    """Look a status code up (six digits) or search the descriptions (words)."""

    query: str


@dataclass(frozen=True, slots=True)
class EngineerPage:
    index: int


@dataclass(frozen=True, slots=True)
class EngineerExit:
    pass


@dataclass(frozen=True, slots=True)
class EngineerClearSecurityLog:
    """Clear the security log (its page only; what the central system is still owed stays)."""


# --- the backend (any protocol, in the station's words) -------------------------------


@dataclass(frozen=True, slots=True)
class RemoteStart:
    """Treat ``token`` as authorized on ``side`` (None: the station picks, left first)."""

    token: str
    side: Side | None = None


@dataclass(frozen=True, slots=True)
class StopSession:
    """Stop the session on ``side`` for ``reason`` (remote, reset, unlock, de-authorized, ...)."""

    side: Side
    reason: StopReason


DriverCommand = (PressLeft | PressRight | SelectSide | TouchStop | TryAgain | CancelPending | Dismiss | PresentToken
                 | ChooseLanguage | ChooseHighContrast | ChooseLargeText | ReadAloud)
EngineerCommand = (OpenEngineer | PinDigit | PinErase | PinSubmit | PinCancel | EngineerLookup | EngineerPage
                   | EngineerExit | EngineerClearSecurityLog)
BackendCommand = RemoteStart | StopSession
DisplayCommand = WakeDisplay | ScreenActivity
Command = DriverCommand | EngineerCommand | BackendCommand | DisplayCommand
