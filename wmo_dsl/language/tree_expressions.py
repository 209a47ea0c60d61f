"""Lark's parse tree to AST, part two: expressions, literals and the cells of a table.

A mixin of :class:`~wmo_dsl.language.tree.ToAst`; literal values are checked
against the bounds of ``limits`` here, collected as findings.
"""

from __future__ import annotations


from decimal import Decimal

from lark import Token, v_args
from lark.exceptions import GrammarError, VisitError
from lark.tree import Meta

from . import ast
from .tree_units import UnitsToAst
from .vocabulary import MAX_DURATION, TIME_UNIT_WORDS

_FAMILY = {"+": "+-", "-": "+-", "*": "*/", "/": "*/"}


def _string(tok: object) -> str:
    return str(tok)[1:-1]


@v_args(meta=True)
class ExpressionsToAst(UnitsToAst):
    """The expression rules of the grammar; ``_pos``, ``_tokpos``, ``_bounded``, ``_date`` and
    ``_finding`` come from the class that mixes this in."""

    def _call_userfunc(self, tree, new_children=None):
        """Lark's dispatch with each rule's method looked up once: Lark wraps a ``v_args`` method
        anew on every lookup, which is most of the time a chain of 100,000 names takes."""
        methods = self.__dict__.setdefault("_methods", {})
        f = methods.get(tree.data)
        if f is None:
            f = methods[tree.data] = getattr(self, tree.data, None) or False
        if f is False or getattr(f, "visit_wrapper", None) is None:
            return super()._call_userfunc(tree, new_children)
        children = new_children if new_children is not None else tree.children
        try:
            return f.visit_wrapper(f, tree.data, children, tree.meta)
        except GrammarError:
            raise
        except Exception as e:
            raise VisitError(tree.data, tree, e) from e

    def _logic(self, op: str, meta: Meta, items: list[ast.Expr]) -> ast.Logic:
        flat: list[ast.Expr] = []
        for item in items:  # a chain is one node, however long (and a en (b en c) means the same)
            if isinstance(item, ast.Logic) and item.op == op:
                flat.extend(item.items)
            else:
                flat.append(item)
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

    def rekenketen(self, meta, items):
        """A chain of one family as ``parse`` gathers it: first, op, operand, op, operand, …"""
        first, rest = items[0], tuple((str(items[i]), items[i + 1]) for i in range(1, len(items), 2))
        if isinstance(first, ast.Arith) and _FAMILY[first.rest[0][0]] == _FAMILY[rest[0][0]]:
            return ast.Arith(first.first, first.rest + rest, first.pos)  # (a + b) + c: one node, as written
        return ast.Arith(first, rest, self._pos(meta))

    def negatief(self, meta, items):
        return ast.Negate(items[0], self._pos(meta))

    def getal(self, meta, items):
        return ast.Literal(self._bounded(items[0]), "getal", self._tokpos(items[0]))

    def percentage(self, meta, items):
        return ast.Literal(self._bounded(items[0]) / 100, "percentage", self._tokpos(items[0]))

    def hoeveelheid(self, meta, items):
        """``12 maanden`` (a duration), ``2,5 uur per week``, ``0,18 euro per km`` (an amount)."""
        aantal, eenheid, *pers = items
        woord = str(eenheid)
        if woord in TIME_UNIT_WORDS and not pers:
            return self._duration(aantal, TIME_UNIT_WORDS[woord])
        unit = self._unit(eenheid, pers)
        value = self._bounded(aantal)
        if unit is None:
            return ast.Literal(value, "getal", self._tokpos(aantal))
        return ast.Literal(value, "hoeveelheid", self._pos(meta), eenheid=unit)

    def _duration(self, aantal: Token, canonical: str) -> ast.Literal:
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

    def omrekenen(self, meta, items):
        operand, eenheid, *pers = items
        unit = self._unit(eenheid, pers)
        if unit is None:
            return operand
        return ast.Convert(operand, unit, self._pos(meta))

    def als_dan(self, meta, items):
        return ast.IfElse(items[0], items[1], items[2], self._pos(meta))

    def aantal_met(self, meta, items):
        lijst, met = items
        return ast.Aggregate("aantal", str(lijst), None, met, self._pos(meta))

    def som_van(self, meta, items):
        veld, lijst, *met = items
        return ast.Aggregate("som", str(lijst), str(veld), met[0] if met else None, self._pos(meta))

    def hoogste(self, meta, items):
        veld, lijst, *met = items
        return ast.Aggregate("hoogste", str(lijst), str(veld), met[0] if met else None, self._pos(meta))

    def laagste(self, meta, items):
        veld, lijst, *met = items
        return ast.Aggregate("laagste", str(lijst), str(veld), met[0] if met else None, self._pos(meta))

    def tussen(self, meta, items):
        eenheid, start, end = items
        woord = str(eenheid)
        unit = TIME_UNIT_WORDS.get(woord)
        if unit not in ("jaren", "maanden", "weken", "dagen") and all(
                isinstance(x, ast.Literal) and x.kind in ("getal", "hoeveelheid") for x in (start, end)):
            grens = [str(x.value).replace(".", ",") + (f" {x.eenheid}" if x.eenheid is not None else "") for x in (start, end)]
            self._finding("E231", f"'{woord} tussen {grens[0]} en {grens[1]}' is geen bereik: 'tussen' telt jaren, maanden, weken "
                          "of dagen tussen twee datums", eenheid,
                          hint=f"een bereik schrijft u als: {woord} in {grens[0]} tot {grens[1]} (beide grenzen tellen mee)")
            unit = "dagen"
        elif unit not in ("jaren", "maanden", "weken", "dagen"):
            self._finding("E231", f"'{woord} tussen' kan niet: tel jaren, maanden, weken of dagen tussen twee datums", eenheid,
                          hint="bijvoorbeeld: leeftijd is jaren tussen geboortedatum en peildatum")
            unit = "dagen"
        return ast.Between(unit, start, end, self._tokpos(eenheid))

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
