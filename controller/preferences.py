"""The driver's own choices on the kiosk: language, high contrast and larger text, for one visit.

The station has defaults (configuration; the language also from OCPP ``Language`` at
run time). A driver may pick another language or high contrast on Home; the choice
holds while anything is going on (a pending authorization, a plugged cable, a session,
its summary) and returns to the station default when the charger is idle again
(every connector Available, nothing pending), or when nobody started anything within
``timeout_s`` of the choice (a driver who changed the language and walked away).

Plain Python on the station's clock, no Qt: ``Station`` owns one and puts the result
into every snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Languages the kiosk ships (BCP 47), in the order the language picker lists them.
SUPPORTED_LANGUAGES = ("en-US", "es-US", "fr-CA", "zh-TW", "zh-CN", "ja-JP")


@dataclass(frozen=True, slots=True)
class Preferences:
    """What the screen uses now."""

    language: str
    high_contrast: bool
    large_text: bool = False


class DriverPreferences:
    """Station defaults plus the current driver's choices (see the module docstring)."""

    def __init__(self, language: str, high_contrast: bool, offered: tuple[str, ...] = SUPPORTED_LANGUAGES,
                 timeout_s: float = 120.0, *, large_text: bool = False) -> None:
        if language not in offered:
            raise ValueError(f"default language {language!r} is not among the offered {offered}")
        self.offered = tuple(offered)
        self.timeout_s = timeout_s
        self._default_language = language
        self._default_contrast = high_contrast
        self._language: str | None = None  # the driver's choice, None = the station default
        self._contrast: bool | None = None
        self._default_large_text = large_text
        self._large_text: bool | None = None
        self._chosen_at: float | None = None
        self._engaged = False  # something happened since the choice (the visit is under way)

    @property
    def current(self) -> Preferences:
        return Preferences(
            language=self._language or self._default_language,
            high_contrast=self._default_contrast if self._contrast is None else self._contrast,
            large_text=self._default_large_text if self._large_text is None else self._large_text,
        )

    @property
    def default_language(self) -> str:
        return self._default_language

    def set_default_language(self, language: str) -> bool:
        """The station default (configuration, or OCPP ``Language`` at run time).

        Returns False, and changes nothing, for a language the kiosk does not offer.
        """
        if language not in self.offered:
            return False
        self._default_language = language
        return True

    def set_default_high_contrast(self, on: bool) -> None:
        self._default_contrast = on

    def set_default_large_text(self, on: bool) -> None:
        self._default_large_text = on

    def choose_language(self, language: str, now: float) -> bool:
        """The driver picked ``language`` (False if the kiosk does not offer it)."""
        if language not in self.offered:
            return False
        self._language = None if language == self._default_language else language
        self._touch(now)
        return True

    def choose_high_contrast(self, on: bool, now: float) -> None:
        self._contrast = None if on == self._default_contrast else on
        self._touch(now)

    def choose_large_text(self, on: bool, now: float) -> None:
        """The driver switched the larger text on or off."""
        self._large_text = None if on == self._default_large_text else on
        self._touch(now)

    def update(self, idle: bool, now: float) -> None:
        """Called every cycle: ``idle`` = every connector Available and nothing pending."""
        if self._chosen_at is None:
            return
        if not idle:
            self._engaged = True
        elif self._engaged or now - self._chosen_at >= self.timeout_s:
            self.reset()

    def reset(self) -> None:
        """Back to the station defaults."""
        self._language = None
        self._contrast = None
        self._large_text = None
        self._chosen_at = None
        self._engaged = False

    def _touch(self, now: float) -> None:
        if self._language is None and self._contrast is None and self._large_text is None:
            self.reset()
            return
        self._chosen_at = now
