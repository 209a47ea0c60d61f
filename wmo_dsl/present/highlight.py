"""Syntax highlighting for rule files: a Pygments lexer.

The keywords come from ``grammar/wmo.lark`` itself, so a keyword added to the
language is highlighted without touching this file. Registered under Pygments'
entry point ``pygments.lexers`` as ``wmo``; used for the source line in error
output on a terminal and in ``wmo toon``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

from ..language import vocabulary as V
from ..language.grammar import grammar_keywords


class WmoLexer(RegexLexer):
    """Lexer for wmo-dsl rule files (regio, vraag, tabel, product, regel, …)."""

    name = "wmo-dsl"
    aliases = ["wmo", "wmo-dsl"]
    filenames = ["*.wmo"]

    tokens = {
        "root": [
            (V.COMMENT, Comment.Single),
            (f"(bron)(\\s+)({V.STRING})", bygroups(Name.Decorator, Whitespace, String.Doc)),
            (V.STRING, String),
            (V.DATE, Number.Other),
            (V.CODE, Name.Constant),
            (V.NUMBER + "%?", Number),
            (words(grammar_keywords(), prefix=r"(?<![\w/])", suffix=r"(?![\w/])"), Keyword),
            (words(tuple(sorted(V.TIME_UNIT_WORDS, key=len, reverse=True))
                   + ("parameter", "onbeperkt", "productcategorie", "productcode", "frequentie"), suffix=r"\b"), Keyword.Type),
            (V.NAME, Name),
            (r"->|<=|>=|!=|[=<>+\-*/|]", Operator),
            (r"[:,\[\](){}]", Punctuation),
            (r"\s+", Whitespace),
            (r".", Text),
        ]
    }


def highlight_terminal(text: str) -> str:
    """Colour rule-file text for a terminal."""
    from pygments import highlight
    from pygments.formatters import TerminalFormatter

    return highlight(text, WmoLexer(), TerminalFormatter()).rstrip("\n")


def highlight_html(text: str) -> str:
    """Rule-file text as HTML with inline colours (the rules document)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter

    return highlight(text, WmoLexer(), HtmlFormatter(nowrap=True, noclasses=True, style="friendly"))


def terminal_colours(stream: TextIO) -> Callable[[str], str] | None:
    """The highlighter for rule-file lines on ``stream``: colours on a terminal, None for a pipe or a file."""
    return highlight_terminal if stream.isatty() else None
