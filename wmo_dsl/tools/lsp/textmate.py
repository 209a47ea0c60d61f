"""The TextMate grammar of ``editors/vscode``, generated from the Pygments lexer's own rules.

Each rule of :class:`~wmo_dsl.present.highlight.WmoLexer` (its regular expression,
or its list of words, and its token type) becomes one TextMate pattern in the same
order, so both highlighters read the vocabulary of ``vocabulary.py`` and the
keywords of ``grammar/wmo.lark`` and cannot drift apart. Regenerate with
``python editors/vscode/genereer.py``; a test holds the committed file equal.
"""

from __future__ import annotations

import json

from pygments.lexer import words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, _TokenType

from ...present.highlight import WmoLexer

# The most specific Pygments type first: a token takes the scope of the first type it falls under.
_SCOPES = [
    (Comment, "comment.line.number-sign.wmo"),
    (Name.Decorator, "keyword.other.bron.wmo"),
    (String.Doc, "string.quoted.double.bron.wmo"),
    (String, "string.quoted.double.wmo"),
    (Number.Other, "constant.numeric.date.wmo"),
    (Name.Constant, "constant.other.code.wmo"),
    (Number, "constant.numeric.wmo"),
    (Keyword.Type, "storage.type.unit.wmo"),
    (Keyword, "keyword.control.wmo"),
    (Name, "variable.other.wmo"),
    (Operator, "keyword.operator.wmo"),
    (Punctuation, "punctuation.separator.wmo"),
]


def _scope(kind: _TokenType) -> str | None:
    return next((scope for pygments_kind, scope in _SCOPES if kind in pygments_kind), None)


def grammar() -> dict:
    patterns = []
    for regex, action, *_ in WmoLexer.tokens["root"]:
        text = regex.get() if isinstance(regex, words) else regex
        if callable(action) and not hasattr(action, "parent"):  # bygroups(...): one scope per group
            kinds = action.__closure__[0].cell_contents
            captures = {str(i): {"name": _scope(k)} for i, k in enumerate(kinds, start=1) if _scope(k)}
            patterns.append({"match": text, "captures": captures})
        elif _scope(action):
            patterns.append({"match": text, "name": _scope(action)})
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "wmo-dsl",
        "scopeName": "source.wmo",
        "fileTypes": ["wmo"],
        "comment": "Gegenereerd uit wmo_dsl/present/highlight.py door editors/vscode/genereer.py; niet met de hand wijzigen.",
        "patterns": patterns,
    }


def grammar_text() -> str:
    return json.dumps(grammar(), ensure_ascii=False, indent=2) + "\n"
