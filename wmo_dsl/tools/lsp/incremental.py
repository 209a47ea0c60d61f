"""Parse while typing: only the definitions whose text (or place) changed.

A rule file is a series of definitions that start at the left margin, and each
parses on its own. This cache keeps, per document, the parsed definitions of the
last text by (first line, text of the definition); on the next text only the
definitions not found there go to the parser (``parse_text``, behind a stand-in
header and blank lines so that every line and column is the file's own). An edit
within a line re-parses one definition; an edit that adds or removes lines
moves the definitions below it (the same text parses to the same nodes, each position
that many lines further: ``shifted``) and re-parses only the edited one (when more
than a few definitions are new, the whole text is parsed at once and its definitions
filed by their first line). Whenever something is off (a syntax error,
a tab, a file at the size limit, a definition on the first two lines) the whole
text goes to ``parse_text``, so the findings are exactly those of ``wmo check``;
a test holds the result equal to ``parse_text`` on every region.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, is_dataclass, replace
from typing import Any

from ...errors import RegelbestandFout
from ...language import ast
from ...language.parse import MAX_FILE_CHARS, parse_text

_HEADER = 'regio r "R"\n  geldig vanaf 2022-01-01\n'
_FEW = 8  # more new definitions than this: parse the whole text at once


def _lines(text: str) -> tuple[str, ...]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return tuple(text.split("\n")[:-1] if text.endswith("\n") else text.split("\n"))


def _chunks(regels: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) line indexes of each definition that starts at the left margin."""
    starts = [i for i, line in enumerate(regels) if line[:1].strip() and not line.startswith("#")]
    return list(zip(starts, starts[1:] + [len(regels)]))


class ParseCache:
    def __init__(self) -> None:
        self.kept: dict[tuple[int, str], tuple] = {}
        self.parsed = 0  # definitions parsed by the last call (for the tests and the bench)

    def parse(self, text: str, pad: str) -> ast.Regelbestand:
        """What ``parse_text(text, pad)`` gives; RegelbestandFout with its findings."""
        regels = _lines(text)
        if "\t" in text or len(text) > MAX_FILE_CHARS // 2:
            return self._whole(text, pad)
        chunks = [(start, end, (start, "\n".join(regels[start:end]))) for start, end in _chunks(regels)]
        moved = {text: (start, found) for (start, text), found in self.kept.items()}
        if sum(key not in self.kept and key[1] not in moved for _, _, key in chunks) > _FEW:
            return self._whole(text, pad, chunks)
        kept: dict[tuple[int, str], tuple] = {}
        definities: list = []
        self.parsed = 0
        for _, _, key in chunks:
            start = key[0]
            found = self.kept.get(key)
            if found is None and key[1] in moved:
                before, found = moved[key[1]]
                found = shifted(found, start - before)
            if found is None:
                found = self._one(key[1], start, pad)
                if found is None:
                    return self._whole(text, pad)
                self.parsed += 1
            kept[key] = found
            definities.extend(found)
        self.kept = kept
        return ast.Regelbestand(pad=pad, definities=tuple(definities), bronregels=regels)

    def _whole(self, text: str, pad: str, chunks: Sequence[tuple[int, int, tuple[int, str]]] = ()) -> ast.Regelbestand:
        """The whole text at once; its definitions filed under the chunk they start in."""
        self.kept = {}
        self.parsed = -1
        bestand = parse_text(text, pad)
        by_chunk: dict[tuple[int, str], list] = {key: [] for _, _, key in chunks}
        for d in bestand.definities:
            key = next((key for start, end, key in chunks if start < d.pos.line <= end), None)
            if key is None:
                return bestand  # a definition without a place: nothing kept
            by_chunk[key].append(d)
        self.kept = {key: tuple(defs) for key, defs in by_chunk.items()}
        return bestand

    @staticmethod
    def _one(chunk: str, start: int, pad: str) -> tuple | None:
        """The definitions of one chunk at its own lines, or None (then the whole file is parsed)."""
        own_header = chunk.startswith("regio")
        if not own_header and start < 2:
            return None
        source = ("\n" * start if own_header else _HEADER + "\n" * (start - 2)) + chunk + "\n"
        try:
            parsed = parse_text(source, pad)
        except RegelbestandFout:
            return None
        return parsed.definities if own_header else parsed.definities[1:]


_FIELDS: dict[type, tuple[str, ...]] = {}


def shifted(node: Any, lines: int) -> Any:
    """``node`` (a parsed definition, or a tuple of them) as it parses ``lines`` lines further down: every
    position's line (and end line) moved, the rest the same nodes."""
    match node:
        case ast.Pos():
            return replace(node, line=node.line + lines, end_line=node.end_line + lines if node.end_line else 0)
        case tuple():
            return tuple(shifted(x, lines) for x in node)
        case list():
            return [shifted(x, lines) for x in node]
        case _ if is_dataclass(node) and not isinstance(node, type):
            names = _FIELDS.get(type(node))
            if names is None:
                names = _FIELDS[type(node)] = tuple(f.name for f in fields(node))
            return type(node)(**{n: shifted(getattr(node, n), lines) for n in names})
        case _:
            return node  # a name, a number, a date: no position inside
