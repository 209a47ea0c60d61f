"""Formatting (``wmo fmt``) and semantic tokens (the Pygments lexer) for the editor."""

from __future__ import annotations

import difflib

from lsprotocol import types as lsp
from pygments.token import Comment, Keyword, Name, Number, Operator, String, _TokenType

from ...errors import RegelbestandFout
from ...present.highlight import WmoLexer
from ..fmt import format_text

TOKEN_TYPES = ["keyword", "type", "string", "number", "comment", "variable", "operator", "decorator", "enumMember"]
LEGEND = lsp.SemanticTokensLegend(token_types=TOKEN_TYPES, token_modifiers=[])


def _token_type(kind: _TokenType) -> int | None:
    """The legend index of a Pygments token type (None: not coloured)."""
    for pygments_kind, name in ((Comment, "comment"), (Name.Decorator, "decorator"), (String, "string"),
                                (Name.Constant, "enumMember"), (Number, "number"), (Keyword.Type, "type"),
                                (Keyword, "keyword"), (Name, "variable"), (Operator, "operator")):
        if kind in pygments_kind:
            return TOKEN_TYPES.index(name)
    return None


def semantic_tokens(text: str) -> lsp.SemanticTokens:
    """The lexer's tokens in the relative encoding of LSP (line, start, length, type, modifiers)."""
    data: list[int] = []
    line = col = prev_line = prev_col = 0
    for kind, value in WmoLexer().get_tokens(text):
        index = _token_type(kind)
        parts = value.split("\n")
        if index is not None and value.strip() and len(parts) == 1:
            delta_line = line - prev_line
            data += [delta_line, col - prev_col if delta_line == 0 else col, len(value), index, 0]
            prev_line, prev_col = line, col
        if len(parts) > 1:
            line += len(parts) - 1
            col = len(parts[-1])
        else:
            col += len(value)
    return lsp.SemanticTokens(data=data)


def formatting_edits(text: str, pad: str, within: lsp.Range | None = None) -> list[lsp.TextEdit]:
    """The edits that make ``text`` what ``wmo fmt`` makes of it (only those touching ``within``);
    none for a file that does not parse: formatting never changes meaning."""
    try:
        formatted = format_text(text, pad)
    except RegelbestandFout:
        return []
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    if formatted == source:
        return []
    old, new = source.split("\n"), formatted.split("\n")
    if within is None:
        end = lsp.Position(len(old) - 1, len(old[-1]))
        return [lsp.TextEdit(range=lsp.Range(lsp.Position(0, 0), end), new_text=formatted)]
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal" or i2 < within.start.line or i1 > within.end.line:
            continue
        replacement = "".join(line + "\n" for line in new[j1:j2])
        edits.append(lsp.TextEdit(range=lsp.Range(lsp.Position(i1, 0), lsp.Position(i2, 0)), new_text=replacement))
    return edits
