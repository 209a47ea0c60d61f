"""Where every name of a rule file is defined and used, read from its tokens.

The index works on the text, not on the AST, so it also serves a file that does
not parse (while typing) and keeps the exact column of every use. A name is
looked up in its own namespace: questions, derived values, tables and products
share one (``def``), rules, referrals, signals and deadlines have their own, the
way the checker resolves them. A ``{naam}`` inside a ``motivering`` string is a
use too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ...language import vocabulary as V
from ...language.grammar import grammar_keywords

_TOKEN = re.compile(f"(?P<s>{V.STRING})|(?P<c>{V.COMMENT})|(?P<d>{V.DATE})|(?P<k>{V.CODE})|(?P<n>{V.NUMBER})|(?P<w>{V.NAME})|(?P<o>\\S)")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_OWN_SPACE = {"regel": "regel", "verwijzing": "verwijzing", "signaal": "signaal", "termijn": "termijn"}
KINDS = ("vraag", "waarde", "tabel", "product", "regel", "verwijzing", "signaal", "termijn", "optie")


class Token(NamedTuple):
    kind: str  # "s" string, "c" comment, "d" date, "k" code, "n" number, "w" word, "o" other
    text: str
    line: int  # 0-based
    start: int  # 0-based column
    end: int


@dataclass(frozen=True)
class Occurrence:
    """One place a name stands: its definition or a use."""

    naam: str
    ruimte: str  # "def", "regel", "verwijzing", "signaal", "termijn", "optie:<vraag>"
    line: int
    start: int
    end: int
    definitie: bool = False
    soort: str = ""  # for a definition: one of KINDS
    in_tekst: bool = False  # a {naam} inside a motivering


@dataclass
class Index:
    occurrences: list[Occurrence] = field(default_factory=list)
    tokens: list[list[Token]] = field(default_factory=list)
    groepen: dict[str, str] = field(default_factory=dict)  # question id -> its groep
    bronnen: list[str] = field(default_factory=list)  # every bron text of the file, in order

    def definitions(self) -> list[Occurrence]:
        return [o for o in self.occurrences if o.definitie]

    def definition(self, naam: str, ruimte: str) -> Occurrence | None:
        return next((o for o in self.occurrences if o.definitie and o.naam == naam and o.ruimte == ruimte), None)

    def at(self, line: int, character: int) -> Occurrence | None:
        return next((o for o in self.occurrences if o.line == line and o.start <= character <= o.end), None)

    def uses(self, naam: str, ruimte: str) -> list[Occurrence]:
        return [o for o in self.occurrences if o.naam == naam and o.ruimte == ruimte]

    def token_at(self, line: int, character: int) -> Token | None:
        row = self.tokens[line] if 0 <= line < len(self.tokens) else []
        return next((t for t in row if t.start <= character <= t.end), None)

    def options(self, vraag: str) -> list[str]:
        return [o.naam for o in self.occurrences if o.definitie and o.ruimte == f"optie:{vraag}"]


def tokens_of(line_text: str, line: int) -> list[Token]:
    return [Token(kind, text, line, start, end) for kind, text, start, end in _raw_tokens(line_text)]


@lru_cache(maxsize=20_000)
def _raw_tokens(line_text: str) -> tuple:
    """The tokens of one line of text, kept: while typing, nearly every line is as it was."""
    return tuple((m.lastgroup, m.group(), m.start(), m.end()) for m in _TOKEN.finditer(line_text))


def build_index(text: str) -> Index:
    keywords = set(grammar_keywords())
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = Index(tokens=[tokens_of(t, i) for i, t in enumerate(lines)])
    defs: dict[str, str] = {}  # first pass: the names of the shared namespace
    for row in index.tokens:
        words = [t for t in row if t.kind in "wk"]
        if not words or not row or row[0].kind != "w":
            continue
        head = row[0].text
        if head in ("vraag", "tabel", "product") and len(words) > 1:
            defs.setdefault(words[1].text, head)
        elif row[0].start == 0 and len(row) > 1 and (row[1].text == "is" or (head == "parameter" and len(row) > 2 and row[2].text == "is")):
            defs.setdefault(row[1].text if head == "parameter" else head, "waarde")
    vraag: str | None = None
    for row in index.tokens:
        if not row:
            continue
        _scan_line(index, row, keywords, defs, vraag)
        first = row[0]
        if first.kind == "w" and first.text == "vraag" and len(row) > 1:
            vraag = row[1].text
        elif first.start == 0 and first.kind == "w":
            vraag = None
        if vraag and first.text == "groep" and len(row) > 1 and row[1].kind == "s":
            index.groepen[vraag] = row[1].text[1:-1]
        if first.text == "bron" and len(row) > 1 and row[1].kind == "s" and row[1].text[1:-1] not in index.bronnen:
            index.bronnen.append(row[1].text[1:-1])
    return index


def _scan_line(index: Index, row: list[Token], keywords: set[str], defs: dict[str, str], vraag: str | None) -> None:
    add = index.occurrences.append
    first = row[0].text
    skip: set[int] = set()  # token positions that are no name of the file (units, kenmerk names)

    def define(i: int, ruimte: str, soort: str) -> None:
        if i < len(row) and row[i].kind in "wk":
            t = row[i]
            add(Occurrence(t.text, ruimte, t.line, t.start, t.end, True, soort))
            skip.add(i)

    top = row[0].start == 0
    if first in ("vraag",) and len(row) > 1:
        define(1, "def", "vraag")
        if len(row) > 4 and row[3].text in ("keuze", "meerdere") and row[4].text == "uit":
            for i in range(5, len(row)):
                if row[i].kind == "w":
                    define(i, f"optie:{row[1].text}", "optie")
    elif top and first in ("tabel", "product"):
        define(1, "def", first)
        if first == "tabel":
            arrow = next((i for i, t in enumerate(row) if t.text == "-" and i + 1 < len(row) and row[i + 1].text == ">"), len(row))
            skip.update(range(arrow, len(row)))
    elif top and first in _OWN_SPACE:
        define(1, _OWN_SPACE[first], first)
    elif top and first == "parameter" and len(row) > 2 and row[2].text == "is":
        define(1, "def", "waarde")
    elif top and len(row) > 1 and row[1].text == "is" and row[0].kind == "w":
        define(0, "def", "waarde")
    elif top and first == "regio":
        skip.add(1)
    elif first == "optie" and vraag:
        define(1, f"optie:{vraag}", "optie")
    elif first in ("kenmerk",):
        skip.add(1)
    elif first in ("eenheid", "tarief"):
        skip.update(range(1, len(row)))
    elif first in ("dan", "en") and len(row) > 2 and row[1].text in ("verwijzing", "signaal"):
        t = row[2]
        add(Occurrence(t.text, row[1].text, t.line, t.start, t.end))
        skip.add(2)
    for i, t in enumerate(row):
        if i in skip:
            continue
        if t.kind == "s" and first == "motivering":
            for m in _PLACEHOLDER.finditer(t.text):
                if m.group(1) in defs:
                    add(Occurrence(m.group(1), "def", t.line, t.start + m.start(1), t.start + m.end(1), in_tekst=True))
        if t.kind not in "wk" or (t.text in keywords and t.text not in defs):
            continue
        if i > 0 and row[i - 1].text == "per" or t.text in V.AMOUNT_UNIT_WORDS and t.text not in defs:
            continue
        if t.text in defs:
            add(Occurrence(t.text, "def", t.line, t.start, t.end))
