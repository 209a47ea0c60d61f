"""The grammar of the rule language and the LALR parser built from it.

``grammar/wmo.lark`` is the single source of truth of the syntax: the keywords
(for highlighting and hints) are read from it, and the parser is built from it
once per process, cached only in the user's own cache folder.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lark import Lark
from lark.indenter import Indenter


class WmoIndenter(Indenter):
    NL_type = "_NL"
    OPEN_PAREN_types = ["LPAR", "LSQB", "LBRACE"]
    CLOSE_PAREN_types = ["RPAR", "RSQB", "RBRACE"]
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 4


def grammar_text() -> str:
    """The grammar, from the installed package or from the checkout."""
    try:
        from importlib.resources import files

        return (files("wmo_grammar") / "wmo.lark").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # running from a bare checkout
        return (Path(__file__).resolve().parents[2] / "grammar" / "wmo.lark").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def grammar_keywords() -> tuple[str, ...]:
    """Every keyword of the language: the quoted lowercase literals of the grammar, longest first."""
    import re

    return tuple(sorted(set(re.findall(r'"([a-z][a-z/]*)"', grammar_text())), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def parser() -> Lark:
    text = grammar_text()
    return Lark(
        text,
        parser="lalr",
        postlex=WmoIndenter(),
        propagate_positions=True,
        maybe_placeholders=True,
        cache=_cache_path(text) or False,
    )


def _cache_path(text: str) -> str | None:
    """Where the built parser may be cached: only in the user's own cache folder (see
    ``safeio.private_cache_file``). Lark's default (``cache=True``) would load a pickle with a
    predictable name from the shared temp folder, which another user could plant. None (no
    cache: the parser is built in about 80 ms) when no such place can be had."""
    import hashlib
    import sys

    import lark

    from ..safeio import private_cache_file

    key = hashlib.sha256(f"{lark.__version__}\n{sys.version}\n{text}".encode()).hexdigest()[:24]
    path = private_cache_file(f"parser-{key}.lark")
    return str(path) if path is not None else None
