"""What the terminal intake shows: wrapped Dutch text, completion and the bottom toolbar.

Every message wraps at the terminal's width (at most 80 columns) at word
boundaries, so a refusal is never cut mid-word; the toolbar shows option labels,
never ids, and is cut to fit with an ellipsis.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from prompt_toolkit import print_formatted_text
from prompt_toolkit.completion import Completer, Completion
from prompt_toolkit.formatted_text import HTML
from prompt_toolkit.styles import Style

from ..cases.natural import allowed, completions, fold
from ..language import ast, kinds
from .opdrachten import COMMANDS

STYLE = Style.from_dict({
    "kop": "bold",
    "groep": "ansicyan bold",
    "vraag": "bold",
    "zacht": "ansibrightblack",
    "fout": "ansired",
    "ok": "ansigreen",
    "bottom-toolbar": "noreverse ansibrightblack",
})


def width() -> int:
    return min(shutil.get_terminal_size((80, 24)).columns, 80) - 1


def rows() -> int:
    """The terminal's height (24 when it cannot be told)."""
    return shutil.get_terminal_size((80, 24)).lines


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wrapped(text: str, hang: int | None = None) -> str:
    """Wrap at word boundaries to the terminal (at most 80 columns), keeping each line's indent;
    ``hang``: the column the continuation lines start at (a list item's text, by default)."""
    w = width()
    out = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        marker = re.match(r"\s*(?:\d+\.|[-*~•→])\s+", line)  # a list item hangs under its text
        inspringing = " " * hang if hang is not None else " " * marker.end() if marker else indent + "  "
        if len(line) <= w:
            out.append(line)
        else:
            out.append(textwrap.fill(line.strip(), width=w, initial_indent=indent, subsequent_indent=inspringing,
                                     break_on_hyphens=False, break_long_words=False))
    return "\n".join(out)


def say(text: str = "", style: str | None = None, wrap: bool = True, hang: int | None = None) -> None:
    """Print in the intake's style; ``wrap=False`` for a command to copy (it must stay one line)."""
    text = wrapped(text, hang) if wrap else text
    if style:
        print_formatted_text(HTML(f"<{style}>{_esc(text)}</{style}>"), style=STYLE)
    else:
        print_formatted_text(text, style=STYLE)


OPDRACHT_BREEDTE = 10  # the column of command names in 'help'
HULP_INSPRINGING = 2 + OPDRACHT_BREEDTE + 1  # where the help text starts: its continuation lines stand under it


def help_line(naam: str, hulp: str) -> str:
    """One line of 'help': the command, then its help (say it with ``hang=HULP_INSPRINGING``)."""
    return f"  {naam:<{OPDRACHT_BREEDTE}} {hulp}"


def numbered(items: Sequence[tuple[str, str]]) -> list[str]:
    """Numbered questions, each with its answer on the next line under the question's text; the numbers
    are right-aligned, so every text starts in the same column whatever the number of items."""
    breedte = len(str(len(items)))
    regels: list[str] = []
    for i, (tekst, antwoord) in enumerate(items, 1):
        kop = f"  {i:>{breedte}}. "
        regels += [kop + tekst, " " * len(kop) + antwoord]
    return regels


def show_question(tekst: str, vraag: ast.Vraag, kop: bool = True) -> None:
    """The question with its numbered options or a short note on what may be typed
    (``kop=False``: only the options, under a heading said before)."""
    if kop:
        say(tekst, "vraag")
    for regel, stijl in _INVOER[kinds.of(vraag).invoer].toon(vraag):
        say(regel, stijl)


def _options(vraag: ast.Vraag) -> list[tuple[str, str | None]]:
    return [(f"  {i}. {optie.label}", None) for i, optie in enumerate(vraag.opties, 1)]


def _unit(vraag: ast.Vraag) -> list[tuple[str, str | None]]:
    return [(f"  ({vraag.eenheid})", "zacht")] if vraag.eenheid else []


def _labels(vraag: ast.Vraag) -> str:
    return " · ".join(f"{i}. {o.label}" for i, o in enumerate(vraag.opties, 1))


@dataclass(frozen=True)
class Invoer:
    """How the intake asks a question of one kind of input (``kinds.INVOER``)."""

    toon: Callable[[ast.Vraag], list[tuple[str, str | None]]]  # the lines under the question, with their style
    kort: Callable[[ast.Vraag], str]  # what may be typed, on the toolbar


_INVOER: dict[str, Invoer] = {
    "janee": Invoer(lambda v: [("  (ja of nee)", "zacht")], lambda v: "ja of nee"),
    "keuze": Invoer(_options, lambda v: f"kies: {_labels(v)}"),
    "meerdere": Invoer(lambda v: _options(v) + [("  (een of meer, gescheiden door komma of 'en'; 'geen' als er geen zijn)", "zacht")],
                       lambda v: f"een of meer, of 'geen': {_labels(v)}"),
    "getal": Invoer(_unit, allowed),
    "personen": Invoer(lambda v: [(f"  (hoeveel? 0 tot en met {int(kinds.bound(v.maximaal) or 0)}; daarna vraag ik per {v.enkelvoud or 'persoon'} "
                                   "alleen wat er nog toe doet)", "zacht")], allowed),
    "datum": Invoer(_unit, allowed),
    "tekst": Invoer(_unit, allowed),
}
if set(_INVOER) != set(kinds.INVOER):
    raise ImportError(f"intake/screen.py _INVOER: ontbreekt voor {sorted(set(kinds.INVOER) - set(_INVOER))}")


class AnswerCompleter(Completer):
    """Options, labels and commands for the current question (wraps ``natural.completions``)."""

    def __init__(self, vraag: ast.Vraag | None, extra: list[str] | None = None):
        self.vraag = vraag
        self.extra = extra or []

    def get_completions(self, document, complete_event):
        text = document.text_before_cursor
        if text.strip() and " " not in text:
            for c, uitleg in COMMANDS.items():
                if c.startswith(fold(text)):
                    yield Completion(c, start_position=-len(text), display_meta=uitleg)
        for woord in self.extra:
            if fold(woord).startswith(fold(text)):
                yield Completion(woord, start_position=-len(text))
        if self.vraag is None:
            return
        current = text
        if kinds.of(self.vraag).invoer == "meerdere":
            current = re.split(r"(?:,|;|/|\ben\b|\+|&)\s*", text)[-1].lstrip()
        for label, meta in completions(self.vraag, text):
            yield Completion(label, start_position=-len(current), display_meta=meta)


def short_allowed(vraag: ast.Vraag, w: int | None = None) -> str:
    """What may be typed, in labels, on one toolbar line that fits the terminal."""
    w = w or width()
    text = _INVOER[kinds.of(vraag).invoer].kort(vraag)
    return text if len(text) <= w else text[: w - 1].rsplit(" ", 1)[0] + " …"  # cut between words


def toolbar(vraag: ast.Vraag | None, wijzigen: bool = False) -> Callable[[], HTML]:
    def show() -> HTML:  # 'later' only at a new question
        commands = " · ".join(c for c in COMMANDS if (vraag is not None and not wijzigen) or c != "later")
        if vraag is None:  # one line under the review and the result: the screen above stays in view
            return HTML(_esc(commands[: width()]))
        return HTML(f"<b>{_esc(short_allowed(vraag))}</b>\n{_esc(commands[: width()])}")
    return show
