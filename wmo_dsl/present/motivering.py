"""Filling a 'motivering': ``{naam}`` placeholders replaced by values in words."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..language.motivations import PLACEHOLDER


def fill(text: str, value_of: Callable[[str], str | None]) -> str:
    """``value_of(naam)`` gives the value in words, or None to keep the placeholder as written."""
    def one(match: re.Match[str]) -> str:
        words = value_of(match.group(1).strip())
        return words if words is not None else match.group(0)
    return PLACEHOLDER.sub(one, text)
