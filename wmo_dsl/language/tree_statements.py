"""The statement lines of a definition (``zin ja``, ``zin nee``, ``zin "…{waarde}…"``, ``label``) to ``ast.Zinnen``.

A mixin of the transformer (``tree.py``): each line comes in as ``("zin", (soort, value, pos))``,
and ``_zinnen`` gathers them per definition. Where a definition never says itself (a rule,
a deadline, a referral, a signal, the region) a statement line is finding E242; a second
line of the same kind is E228 like every other detail.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lark import Token, v_args
from lark.tree import Meta

from ..errors import Bevinding
from . import ast
from .syntax_errors import source_line
from .tree_host import TreeHost, token_line


def _text(tok: Token | None) -> str | None:
    return str(tok)[1:-1] if tok is not None else None


@v_args(meta=True)
class StatementsToAst(TreeHost):
    """Transformer methods for the statement lines; needs ``_tokpos``, ``findings``, ``pad``, ``regels``."""

    def zin_ja(self, meta, items):
        return ("zin", ("ja", ast.Zin(str(items[0])[1:-1], _text(items[1]), self._tokpos(items[0])), items[0]))

    def zin_nee(self, meta, items):
        return ("zin", ("nee", ast.Zin(str(items[0])[1:-1], _text(items[1]), self._tokpos(items[0])), items[0]))

    def zin_waarde(self, meta, items):
        return ("zin", ("waarde", ast.Zin(str(items[0])[1:-1], _text(items[1]), self._tokpos(items[0])), items[0]))

    def label(self, meta, items):
        symbool, tekst = items
        return ("zin", ("symbool" if symbool is not None else "label", (str(symbool) if symbool else None, _text(tekst)), tekst))

    def _zinnen(self, rest: Iterable[Any]) -> ast.Zinnen:
        """The statements among a definition's detail lines."""
        found: dict[str, Any] = {}
        symbolen: list[tuple[str, str]] = []
        for item in rest:
            if not (isinstance(item, tuple) and len(item) == 2 and item[0] == "zin"):
                continue
            soort, value, tok = item[1]
            if soort == "symbool":
                if any(s == value[0] for s, _ in symbolen):
                    self._statement_finding("E228", f"'label {value[0]}' staat twee keer in deze definitie", tok)
                symbolen.append(value)
                continue
            if soort in found:
                woord = {"ja": "zin ja", "nee": "zin nee", "waarde": "zin", "label": "label"}[soort]
                self._statement_finding("E228", f"'{woord}' staat twee keer in deze definitie", tok,
                                        "schrijf elk onderdeel één keer; de eerste telde, de tweede niet")
                continue
            found[soort] = value[1] if soort == "label" else value
        return ast.Zinnen(found.get("ja"), found.get("nee"), found.get("label"), found.get("waarde"), tuple(symbolen))

    def _no_statements(self, rest: Iterable[Any], wat: str) -> None:
        """A statement line where nothing reads it: E242."""
        for item in rest:
            if isinstance(item, tuple) and len(item) == 2 and item[0] == "zin":
                self._statement_finding("E242", f"'zin' en 'label' horen niet bij {wat}", item[1][2],
                                        "zinnen horen bij een vraag, een afgeleide waarde, een tabel of een product; "
                                        "gebruik hier 'motivering' of 'toelichting'")

    def _only_where_read(self, d: dict[str, Any], meta: Meta | None) -> None:
        """'motivering' is read on rules, derived values and tables (rows) only: elsewhere it is a finding."""
        if "motivering" in d and meta is not None and not getattr(meta, "empty", True):
            line, column = self._second_line("motivering", meta, nth=1)
            self.findings.append(Bevinding("E237", "'motivering' hoort bij een regel, een afgeleide waarde of een tabelrij",
                                           self.pad, line, column, hint="gebruik hier 'toelichting'"))

    def _statement_finding(self, code: str, bericht: str, tok: Token, hint: str | None = None) -> None:
        line, column = token_line(tok)
        self.findings.append(Bevinding(code, bericht, self.pad, line, column, hint, bronregel=source_line(self.regels, line)))
