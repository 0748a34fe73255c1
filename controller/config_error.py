"""The configuration's one exception, in a module of its own so that a section defined
outside controller/config.py (controller/display_config.py) can raise it."""

from __future__ import annotations


class ConfigError(ValueError):
    """The configuration is invalid; the message names the field."""
