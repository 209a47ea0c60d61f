"""``wmo fmt``: one canonical layout for rule files, comments kept.

The formatter works on lines and tokens, not on the AST, so every comment stays
where the policy writer put it. It fixes what varies between writers: two
spaces per indentation level, one space between tokens (none before ``,`` ``:``
``)`` or after ``(``), aligned columns in decision tables, aligned ``als`` in
the cases of a derived value, two spaces before a trailing comment, at most two
blank lines. Before anything is written the result is parsed again: it must
give the same AST as the original, or nothing changes.
"""

from __future__ import annotations

import re

from ..errors import RegelbestandFout
from ..language.grammar import grammar_keywords
from ..language import vocabulary as V
from ..language.parse import parse_text

_TOKEN = re.compile(
    f"{V.STRING}|{V.COMMENT}$|ja/nee|{V.DATE}|{V.CODE}|{V.NUMBER.replace('(', '(?:')}%?|{V.NAME}"
    r"|->|<=|>=|!=|[=<>+\-*/|:,\[\](){}]|\S"
)
_NO_SPACE_BEFORE = {",", ":", ")", "]", "}"}
_NO_SPACE_AFTER = {"(", "[", "{"}
_Row = tuple[int, list[str], str | None]  # (level, tokens, comment); an aligned line is one token


def _tokens(code: str) -> list[str]:
    return _TOKEN.findall(code)


def _join(tokens: list[str]) -> str:
    keywords = set(grammar_keywords())
    out = ""
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        call = tok == "(" and re.fullmatch(r"[A-Za-z_]\w*", prev) and prev not in keywords  # min(a, b)
        if i and tok not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER and not call:
            out += " "
        out += tok
    return out


def _split_comment(tokens: list[str]) -> tuple[list[str], str | None]:
    if tokens and tokens[-1].startswith("#"):
        return tokens[:-1], tokens[-1]
    return tokens, None


def format_text(text: str, pad: str = "<tekst>") -> str:
    """The canonical layout of a rule file; RegelbestandFout if it does not parse."""
    original = parse_text(text, pad)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    widths: list[int] = [0]
    rows: list[_Row | None] = []  # None for a blank line
    for line in lines:
        stripped = line.strip()
        if not stripped:
            rows.append(None)
            continue
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        tokens, comment = _split_comment(_tokens(stripped))
        if not tokens:  # a comment line: it takes the level of what it stands in, settled below
            rows.append((-1 if indent else 0, [], comment))
            continue
        while indent < widths[-1]:
            widths.pop()
        if indent > widths[-1]:
            widths.append(indent)
        rows.append((len(widths) - 1, tokens, comment))
    _settle_comment_levels(rows)
    _align_blocks(rows)
    out: list[str] = []
    blank = 0
    for row in rows:
        if row is None:
            blank += 1
            continue
        if out:
            out.extend([""] * min(blank, 2))
        blank = 0
        level, tokens, comment = row
        code = _join(tokens)
        body = code + (f"  {comment}" if code and comment else (comment or ""))
        out.append("  " * level + body)
    result = "\n".join(out) + "\n"
    if parse_text(result, pad) != original:  # pragma: no cover - a formatter bug, never the user's
        raise RuntimeError("wmo fmt zou de betekenis van het bestand veranderen; er is niets gewijzigd")
    return result


def _settle_comment_levels(rows: list[_Row | None]) -> None:
    """An indented comment line takes the level of the next code line (at the end: of the previous one)."""
    next_level = None
    for i in range(len(rows) - 1, -1, -1):
        row = rows[i]
        if row is None:
            continue
        level, tokens, comment = row
        if tokens:
            next_level = level
        elif level == -1 and next_level is not None:
            rows[i] = (next_level, tokens, comment)
    last = 0
    for i, row in enumerate(rows):
        if row is not None and row[1]:
            last = row[0]
        elif row is not None and row[0] == -1:
            rows[i] = (last, row[1], row[2])


def _align_blocks(rows: list[_Row | None]) -> None:
    """Align table cells and the 'als' of case lines within runs of sibling lines."""
    i = 0
    while i < len(rows):
        row = rows[i]
        if row is None or not row[1]:
            i += 1
            continue
        kind = _alignable(row[1])
        if kind is None:
            i += 1
            continue
        j = i
        group = []
        while j < len(rows) and (other := rows[j]) is not None and other[1]:
            if other[0] == row[0] and _alignable(other[1]) == kind:
                group.append(j)
            elif not (other[0] > row[0] and other[1][0] == "motivering"):  # a row's own motivering keeps the run
                break
            j += 1
        if kind == "rij":
            _align_table(rows, group)
        else:
            _align_cases(rows, group)
        i = j


def _alignable(tokens: list[str]) -> str | None:
    depth = 0
    for k, tok in enumerate(tokens):
        depth += tok in "([{" and len(tok) == 1
        depth -= tok in ")]}" and len(tok) == 1
        if depth == 0 and tok == "->" and tokens[0] != "tabel":
            return "rij"
        if depth == 0 and k > 0 and tok in ("als", "anders") and tokens[0] not in ("als", "dan", "en", "regel"):
            return "geval"
    return None


def _cells(tokens: list[str]) -> list[list[str]]:
    cells: list[list[str]] = []
    current: list[str] = []
    depth = 0
    for tok in tokens:
        if len(tok) == 1 and tok in "([{":
            depth += 1
        elif len(tok) == 1 and tok in ")]}":
            depth -= 1
        if depth == 0 and tok in ("|", "->"):
            cells.append(current)
            current = []
            if tok == "->":
                cells.append(["->"])
            continue
        current.append(tok)
    cells.append(current)
    return cells


def _code_row(rows: list[_Row | None], g: int) -> _Row:
    row = rows[g]
    assert row is not None  # a group of aligned lines holds code lines only
    return row


def _align_table(rows: list[_Row | None], group: list[int]) -> None:
    texts = []
    for g in group:
        split = _cells(_code_row(rows, g)[1])
        arrow = split.index(["->"])
        texts.append(([_join(c) for c in split[:arrow]], _join([t for c in split[arrow + 1:] for t in c])))
    ncols = max(len(cells) for cells, _ in texts)
    widths = [max(len(cells[k]) for cells, _ in texts if k < len(cells)) for k in range(ncols)]
    for g, (cells, outcome) in zip(group, texts):
        line = " | ".join(cell.ljust(widths[k]) for k, cell in enumerate(cells))
        level, _, comment = _code_row(rows, g)
        rows[g] = (level, [f"{line} -> {outcome}"], comment)


def _align_cases(rows: list[_Row | None], group: list[int]) -> None:
    parts = []
    for g in group:
        tokens = _code_row(rows, g)[1]
        depth = 0
        for k, tok in enumerate(tokens):
            depth += tok in "([{" and len(tok) == 1
            depth -= tok in ")]}" and len(tok) == 1
            if depth == 0 and k > 0 and tok in ("als", "anders"):
                parts.append((_join(tokens[:k]), _join(tokens[k:])))
                break
    width = max(len(value) for value, _ in parts)
    for g, (value, rest) in zip(group, parts):
        level, _, comment = _code_row(rows, g)
        rows[g] = (level, [f"{value.ljust(width)} {rest}"], comment)


def check_formatted(text: str, pad: str) -> bool:
    return format_text(text, pad) == text.replace("\r\n", "\n")


__all__ = ["format_text", "check_formatted", "RegelbestandFout"]
