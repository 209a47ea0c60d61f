"""Lark's parse tree to AST, part two: expressions, literals and the cells of a table.

A mixin of :class:`~wmo_dsl.language.tree.ToAst`; literal values are checked
against the bounds of ``limits`` here, collected as findings.
"""

from __future__ import annotations


from decimal import Decimal

from lark import Transformer_NonRecursive, v_args

from . import ast
from .vocabulary import MAX_DURATION, TIME_UNIT_WORDS

_FAMILY = {"+": "+-", "-": "+-", "*": "*/", "/": "*/"}


def _string(tok) -> str:
    return str(tok)[1:-1]


@v_args(meta=True)
class ExpressionsToAst(Transformer_NonRecursive):
    """The expression rules of the grammar; ``_pos``, ``_tokpos``, ``_bounded``, ``_date`` and
    ``_finding`` come from the class that mixes this in."""

    def _logic(self, op: str, meta, items):
        flat = []
        for item in items:  # a chain is one node, however long (and a en (b en c) means the same)
            flat.extend(item.items if isinstance(item, ast.Logic) and item.op == op else [item])
        return ast.Logic(op, tuple(flat), self._pos(meta))

    def of(self, meta, items):
        return self._logic("of", meta, items)

    def en(self, meta, items):
        return self._logic("en", meta, items)

    def niet(self, meta, items):
        return ast.Not(items[0], self._pos(meta))

    def vergelijking(self, meta, items):
        return ast.Compare(str(items[1]), items[0], items[2], self._pos(meta))

    def in_bereik(self, meta, items):
        return ast.InRange(items[0], items[1], items[2], self._pos(meta))

    def in_lijst(self, meta, items):
        return ast.InList(items[0], items[1], self._pos(meta))

    def bevat(self, meta, items):
        return ast.Contains(items[0], items[1], self._pos(meta))

    def _arith(self, op: str, meta, items):
        left, right = items
        if isinstance(left, ast.Arith) and _FAMILY[left.rest[0][0]] == _FAMILY[op]:
            return ast.Arith(left.first, left.rest + ((op, right),), left.pos)  # left to right: one node
        return ast.Arith(left, ((op, right),), self._pos(meta))

    def optellen(self, meta, items):
        return self._arith("+", meta, items)

    def aftrekken(self, meta, items):
        return self._arith("-", meta, items)

    def vermenigvuldigen(self, meta, items):
        return self._arith("*", meta, items)

    def delen(self, meta, items):
        return self._arith("/", meta, items)

    def negatief(self, meta, items):
        return ast.Negate(items[0], self._pos(meta))

    def getal(self, meta, items):
        return ast.Literal(self._bounded(items[0]), "getal", self._tokpos(items[0]))

    def percentage(self, meta, items):
        return ast.Literal(self._bounded(items[0]) / 100, "percentage", self._tokpos(items[0]))

    def tijdsduur(self, meta, items):
        aantal, eenheid = items
        eenheid = str(eenheid)
        canonical = TIME_UNIT_WORDS[eenheid]
        waarde = self._bounded(aantal)
        if waarde != int(waarde):
            self._finding("E103", f"een duur is een heel aantal {canonical}, niet {aantal}", aantal)
            waarde = Decimal(int(waarde))
        grens = MAX_DURATION[canonical]
        if waarde > grens:
            self._finding("E107", f"een duur van {aantal} {canonical} is langer dan 100 jaar", aantal,
                          hint=f"een duur in {canonical} is hoogstens {grens}")
            waarde = Decimal(0)
        return ast.Literal(ast.Duur(int(waarde), canonical), "duur", self._tokpos(aantal))

    def datum(self, meta, items):
        return ast.Literal(self._date(items[0]), "datum", self._tokpos(items[0]))

    def tekst(self, meta, items):
        return ast.Literal(_string(items[0]), "tekst", self._tokpos(items[0]))

    def ja(self, meta, items):
        return ast.Literal(True, "janee", self._pos(meta))

    def nee(self, meta, items):
        return ast.Literal(False, "janee", self._pos(meta))

    def geen(self, meta, items):
        return ast.Literal(None, "geen", self._pos(meta))

    def naam(self, meta, items):
        return ast.Name(str(items[0]), self._tokpos(items[0]))

    def aantal(self, meta, items):
        return ast.Count(items[0], self._pos(meta))

    def functie(self, meta, items):
        naam, *args = items
        return ast.Call(str(naam), tuple(a for a in args if a is not None), self._tokpos(naam))

    def lijst(self, meta, items):
        return ast.ListExpr(tuple(i for i in items if i is not None), self._pos(meta))
