"""A small pager for the intake: long text a screen at a time, the prompt below it always in view.

prompt-toolkit has no pager of its own for a non-full-screen prompt, so this one is small:
a page of the terminal's height less a few lines, then a one-key question (Enter or space:
next page, q: stop). ``vraag`` gives that key, so the loop is tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable

VERDER = "── Enter of spatie: verder · q: stoppen ({nummer}/{totaal}) ── "


def pages(lines: list[str], hoogte: int) -> list[list[str]]:
    """The lines cut into pages of ``hoogte`` lines (at least 5)."""
    hoogte = max(hoogte, 5)
    return [lines[i:i + hoogte] for i in range(0, len(lines), hoogte)] or [[]]


def page(lines: list[str], hoogte: int, show: Callable[[str], None], vraag: Callable[[str], str]) -> bool:
    """Show ``lines`` a page at a time; True when shown to the end, False when stopped with q
    (or another command typed at the page prompt: then the caller's prompt follows at once)."""
    stukken = pages(lines, hoogte)
    for nummer, stuk in enumerate(stukken, 1):
        for line in stuk:
            show(line)
        if nummer == len(stukken):
            return True
        if vraag(VERDER.format(nummer=nummer, totaal=len(stukken))).strip():
            return False
    return True
