"""Checking expressions: every bare name resolved, every node given its type.

One ``match`` over the expression union: a construct added to ``ast`` that is not
handled here fails the type checker (``assert_never``) and the tests. The
checker of definitions (``check.py``) mixes this in; it provides ``defs``,
``error``, ``suggest`` and ``ref_type``.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import assert_never

from . import ast
from .amounts import AmountChecker, bare_number, with_unit
from .builtins import FUNCTIONS, IN_WORDS
from .types import DATUM, GETAL, JANEE, ONBEKEND, Type, comparable, compatible, unified

_ORDERING = ("<", "<=", ">", ">=")


def pos_of(expr: object) -> ast.Pos:
    return getattr(expr, "pos", ast.NOWHERE)


def describe(expr: object) -> str:
    """A short name for an expression in a message."""
    if isinstance(expr, (ast.Name, ast.Ref, ast.Symbol)):
        return expr.id
    if isinstance(expr, ast.Count):
        return "aantal " + describe(expr.operand)
    return "de waarde"


class ExpressionChecker(AmountChecker):
    """Resolves and types expressions for the checker of definitions."""

    person_scope: dict[str, str] | None = None  # inside an aggregate: a person's questions by their own name

    def pos_of(self, expr: object) -> ast.Pos:
        return pos_of(expr)

    def source(self, expr: object) -> str:
        """An expression as the policy writer wrote it (for hints), or a short name for it."""
        pos = pos_of(expr)
        lines = self.bestand.bronregels
        if 0 < pos.line == pos.end_line <= len(lines) and pos.end_column > pos.column:
            return lines[pos.line - 1][pos.column - 1:pos.end_column - 1]
        if isinstance(expr, ast.Literal) and expr.eenheid is not None:
            return f"{expr.value} {expr.eenheid}".replace(".", ",")
        text = describe(expr)
        return text if text != "de waarde" else "(…)"

    def expect(self, expr: ast.Expr, want: Type, wat: str) -> ast.Expr:
        resolved, t = self.resolve(expr)
        if not compatible(t, want):
            self.error("E207", f"{wat} moet {want} zijn, maar dit is {t}", pos_of(expr))
        return resolved

    def resolve_against(self, expr: ast.Expr, other: Type, wat: str, ordered: bool = False) -> tuple[ast.Expr, Type]:
        """Resolve ``expr`` where it is compared with a value of type ``other``."""
        if isinstance(expr, ast.ListExpr) and other.soort in ("lijst", "keuze"):
            element = Type("keuze", other.domein)
            items = tuple(self.resolve_against(i, element, wat)[0] for i in expr.items)
            t = Type("lijst", other.domein)
            return replace(expr, items=items, t=t), t
        if isinstance(expr, ast.Literal) and expr.kind == "janee" and other.soort in ("keuze", "lijst"):
            word = "ja" if expr.value else "nee"
            if word in other.domein:  # a choice called "ja" (leerbaar: ja | beperkt)
                t = Type("keuze", other.domein)
                return ast.Symbol(word, expr.pos, t), t
        if isinstance(expr, ast.Name) and self.option_and_definition(expr, other, wat):
            return expr, ONBEKEND
        if isinstance(expr, ast.Name) and expr.id not in self.defs and other.soort in ("keuze", "lijst"):
            if expr.id in other.domein:
                t = Type("keuze", other.domein)
                return ast.Symbol(expr.id, expr.pos, t), t
            self.error("E205", f"'{expr.id}' is geen mogelijke waarde van {wat}", expr.pos,
                       hint=self.suggest(expr.id, other.domein) or "mogelijk: " + ", ".join(sorted(other.domein)))
            return expr, ONBEKEND
        resolved, t = self.resolve(expr)
        if other.soort == "getal" and t.soort == "getal" and other.eenheid != t.eenheid:
            if other.eenheid is not None and t.eenheid is None and bare_number(resolved):
                return with_unit(resolved, other.eenheid)
            self.unit_mismatch(wat, other, t, resolved, pos_of(expr))
            return resolved, t
        base = Type("keuze", other.domein) if other.soort == "lijst" else other
        if not comparable(t, base):
            self.error("E207", f"{wat} is {other}, maar hier staat {t}", pos_of(expr),
                       hint=("vergelijk met een van: " + ", ".join(sorted(other.domein))) if other.domein else None)
        elif ordered and base.soort not in ("getal", "datum", "duur", "onbekend"):
            self.error("E207", f"een bereik of vergelijking met < of > past niet bij {wat}, dat is {other}", pos_of(expr))
        return resolved, t

    def resolve(self, expr: ast.Expr, new_symbols: bool = False) -> tuple[ast.Expr, Type]:
        """(resolved expression with its type in ``t``, that type). ``new_symbols``: a bare unknown
        name is a new symbol (the outcome of a case or a table row)."""
        resolved, t = self._resolve(expr, new_symbols)
        return (replace(resolved, t=t) if hasattr(resolved, "t") else resolved), t

    def _resolve(self, expr: ast.Expr, new_symbols: bool) -> tuple[ast.Expr, Type]:
        match expr:
            case ast.Literal(kind="hoeveelheid", eenheid=eenheid):
                return expr, Type("getal", eenheid=eenheid)
            case ast.Literal(kind=kind):
                return expr, Type({"percentage": "getal"}.get(kind, kind))
            case ast.Name(id="peildatum") if "peildatum" not in self.defs:
                return ast.Ref("peildatum", "peildatum", expr.pos), DATUM
            case ast.Name(id=naam) if self.person_scope and naam in self.person_scope:
                return self._resolve(replace(expr, id=self.person_scope[naam]), new_symbols)
            case ast.Name(id=naam):
                if naam in self.defs:
                    t = self.ref_type(naam, expr.pos)
                    target = {ast.Vraag: "vraag", ast.Waarde: "waarde", ast.Tabel: "tabel", ast.Product: "product"}[type(self.defs[naam])]
                    return ast.Ref(naam, target, expr.pos), t
                if new_symbols and not naam[0].isdigit():
                    return ast.Symbol(naam, expr.pos), Type("keuze", frozenset([naam]))
                lijst = self.person_field(naam)
                if lijst is not None:
                    self.error("E204", f"'{naam}' is een vraag per persoon van '{lijst}'", expr.pos,
                               hint=f"gebruik haar in 'aantal {lijst} met {naam} …', 'som van {naam} van {lijst}' of "
                                    f"'hoogste {naam} van {lijst}'")
                    return expr, ONBEKEND
                self.error("E204", f"'{naam}' is niet gedefinieerd", expr.pos, hint=self.suggest(naam, self.defs))
                return expr, ONBEKEND
            case ast.Ref() | ast.Symbol():
                return expr, expr.t or ONBEKEND
            case ast.ListExpr(items=items):
                return replace(expr, items=tuple(self.resolve(i)[0] for i in items)), Type("lijst")
            case ast.Logic(op=op, items=items):
                where = {"en": "bij 'en'", "of": "bij 'of'"}[op]
                return replace(expr, items=tuple(self.expect(i, JANEE, where) for i in items)), JANEE
            case ast.Not(operand=operand):
                return replace(expr, operand=self.expect(operand, JANEE, "na 'niet'")), JANEE
            case ast.Compare():
                return self._compare(expr), JANEE
            case ast.Arith():
                return self._arith(expr)
            case ast.Negate(operand=operand):
                resolved, t = self.resolve(operand)
                if not compatible(t, GETAL):
                    self.error("E207", f"na '-' moet een getal staan, maar dit is {t}", pos_of(operand))
                return replace(expr, operand=resolved), t if t.soort == "getal" else GETAL
            case ast.Count(operand=operand):
                resolved, t = self.resolve(operand)
                persons = self.count_of_persons(expr, resolved)
                if persons is not None:
                    return persons, GETAL
                if t.soort not in ("lijst", "onbekend"):
                    self.error("E207", f"'aantal' telt de keuzes van een meerdere-vraag, maar dit is {t}", pos_of(operand))
                return replace(expr, operand=resolved), GETAL
            case ast.InRange(operand=operand, low=low, high=high):
                resolved, t = self.resolve(operand)
                if t.soort not in ("getal", "datum", "duur", "onbekend"):
                    self.error("E207", f"een bereik ('tot') past bij een getal of datum, maar dit is {t}", pos_of(operand))
                lo, _ = self.resolve_against(low, t, "de ondergrens", ordered=True)
                hi, _ = self.resolve_against(high, t, "de bovengrens", ordered=True)
                return replace(expr, operand=resolved, low=lo, high=hi), JANEE
            case ast.InList(operand=operand, options=options):
                resolved, t = self.resolve(operand)
                items = tuple(self.resolve_against(i, t, f"'{describe(operand)}'")[0] for i in options.items)
                return replace(expr, operand=resolved, options=replace(options, items=items, t=Type("lijst", t.domein))), JANEE
            case ast.Contains(container=container, item=item):
                resolved, t = self.resolve(container)
                if t.soort not in ("lijst", "onbekend"):
                    self.error("E207", f"'bevat' werkt op een meerdere-vraag, maar dit is {t}", pos_of(container))
                element, _ = self.resolve_against(item, t, f"'{describe(container)}'")
                return replace(expr, container=resolved, item=element), JANEE
            case ast.RecordExpr(fields=fields):
                names = [n for n, _ in fields]
                for dubbel in sorted({n for n in names if names.count(n) > 1}):
                    self.error("E202", f"het deel '{dubbel}' staat twee keer in deze waarde", expr.pos)
                parts = [(n, self.resolve(e)) for n, e in fields]
                return replace(expr, fields=tuple((n, r) for n, (r, _) in parts)), Type("record", velden=tuple((n, t) for n, (_, t) in parts))
            case ast.Call():
                return self._call(expr)
            case ast.Convert(operand=operand):
                resolved, t = self.resolve(operand)
                return self.convert(expr, resolved, t)
            case ast.IfElse(condition=condition, then=then, otherwise=otherwise):
                c = self.expect(condition, JANEE, "na 'als'")
                a, at = self.resolve(then)
                b, bt = self.resolve(otherwise)
                a, b = self.same_unit(a, at, b, bt, "'als … dan … anders'", expr.pos)
                at, bt = a.t or at, b.t or bt
                joined = unified(at, bt)
                if joined is None:
                    self.error("E207", f"'dan' en 'anders' geven verschillende soorten: {at} en {bt}", pos_of(otherwise))
                    joined = ONBEKEND
                return replace(expr, condition=c, then=a, otherwise=b), joined
            case ast.Aggregate():
                return self.aggregate(expr)
            case ast.Between(start=start, end=end):
                wat = f"'{expr.unit} tussen'"
                return replace(expr, start=self.expect(start, DATUM, wat), end=self.expect(end, DATUM, wat)), GETAL
            case _:
                assert_never(expr)

    def _compare(self, expr: ast.Compare) -> ast.Compare:
        ordered = expr.op in _ORDERING
        # A bare unknown name takes its meaning from the other side: resolve that side first.
        left_bare = isinstance(expr.left, ast.Name) and expr.left.id not in self.defs
        if left_bare and not (isinstance(expr.right, ast.Name) and expr.right.id not in self.defs):
            right, rt = self.resolve(expr.right)
            left, _ = self.resolve_against(expr.left, rt, f"'{describe(expr.right)}'", ordered=ordered)
        elif bare_number(expr.left):  # '10 < uren': the number takes the unit of the other side
            right, rt = self.resolve(expr.right)
            left, _ = self.resolve_against(expr.left, rt, f"'{describe(expr.right)}'", ordered=ordered)
        else:
            left, lt = self.resolve(expr.left)
            right, _ = self.resolve_against(expr.right, lt, f"'{describe(expr.left)}'", ordered=ordered)
        return replace(expr, left=left, right=right)

    def _arith(self, expr: ast.Arith) -> tuple[ast.Arith, Type]:
        first, t = self.resolve(expr.first)
        rest = []
        for op, operand in expr.rest:
            resolved, rt = self.resolve(operand)
            rest.append((op, resolved))
            t = self._arithmetic_type(op, t, rt, expr, resolved)
        return replace(expr, first=first, rest=tuple(rest)), t

    def _arithmetic_type(self, op: str, lt: Type, rt: Type, expr: ast.Arith, right: ast.Expr) -> Type:
        kinds = (lt.soort, rt.soort)
        if "onbekend" in kinds:
            return ONBEKEND
        if kinds == ("getal", "getal"):
            ok, unit = self.arithmetic_unit(op, lt, rt, right, expr)
            return Type("getal", eenheid=unit) if ok else ONBEKEND
        if kinds == ("duur", "getal") and rt.eenheid is not None:
            self.error("E231", f"'{op}' met een duur en een hoeveelheid in {rt.eenheid} kan niet", expr.pos,
                       hint="een duur vermenigvuldig of deel je met een getal zonder eenheid")
            return ONBEKEND
        result = {
            ("getal", "getal"): "getal",
            ("datum", "duur"): "datum" if op in ("+", "-") else None,
            ("duur", "datum"): "datum" if op == "+" else None,
            ("datum", "datum"): "getal" if op == "-" else None,
            ("duur", "getal"): "duur" if op in ("*", "/") else None,
        }.get(kinds)
        if result is None:
            self.error("E207", f"'{op}' kan niet met {lt} en {rt}", expr.pos, hint="rekenen kan met getallen, en een datum plus of min een duur")
            return ONBEKEND
        return Type(result)

    def _call(self, expr: ast.Call) -> tuple[ast.Expr, Type]:
        builtin = FUNCTIONS.get(expr.function) or IN_WORDS.get(expr.function)
        if builtin is None:
            self.error("E208", f"onbekende functie '{expr.function}'", expr.pos,
                       hint=self.suggest(expr.function, FUNCTIONS) or "beschikbaar: " + ", ".join(sorted(FUNCTIONS)))
            return expr, ONBEKEND
        wanted = builtin.argumenten
        kinds = wanted or ["getal"] * max(len(expr.args), 1)
        resolved = [self.resolve(a) for a in expr.args]
        for (a, t), k, raw in zip(resolved, kinds, expr.args):
            if not compatible(t, Type(k)):
                self.error("E207", f"een argument van '{expr.function}' moet {Type(k)} zijn, maar dit is {t}", pos_of(raw))
        args = tuple(a for a, _ in resolved)
        types = [t for _, t in resolved]
        result_type = Type(builtin.resultaat)
        if (wanted and len(expr.args) != len(wanted)) or not expr.args:
            n = len(wanted) if wanted else "minstens één"
            self.error("E208", f"'{expr.function}' verwacht {n} argument{'en' if n != 1 else ''}", expr.pos,
                       hint=f"bijvoorbeeld {builtin.voorbeeld}")
            return replace(expr, args=args), result_type
        match builtin.eenheid:
            case "geen":
                pass
            case "stap":
                args, result_type = self.rounding(expr, args, types)
            case "gedeeld":
                unit = next((t.eenheid for t in types if t.eenheid is not None), None)
                if unit is not None:
                    target = Type("getal", eenheid=unit)
                    wat = f"de argumenten van '{expr.function}'"
                    args = tuple(a if t.eenheid == unit else self.same_unit(a, t, a, target, wat, pos_of(a))[0]
                                 for a, t in zip(args, types))
                    result_type = target
            case "decimalen":
                result_type = types[0] if types[0].soort == "getal" else result_type
                places = expr.args[1]
                if not (isinstance(places, ast.Literal) and places.kind == "getal" and isinstance(places.value, Decimal)
                        and places.value == int(places.value)
                        and 0 <= places.value <= 10):
                    self.error("E209", f"{expr.function}(x, n) rondt af op n cijfers achter de komma: n is een heel getal "
                               "van 0 tot en met 10", pos_of(places), hint=f"bijvoorbeeld {builtin.voorbeeld}")
            case _:
                assert_never(builtin.eenheid)
        return replace(expr, args=args), result_type

    def check_cel(self, cel: ast.Cel, kolom: Type, naam: str) -> ast.Cel:
        wat = f"kolom '{naam}'"
        tests: list[ast.CelTest] = []
        for test in cel.tests:
            match test:
                case ast.CelGelijk(expr=e):
                    tests.append(ast.CelGelijk(self.resolve_against(e, kolom, wat)[0]))
                case ast.CelNiet(expr=e):
                    tests.append(ast.CelNiet(self.resolve_against(e, kolom, wat)[0]))
                case ast.CelBereik(low=lo, high=hi):
                    tests.append(ast.CelBereik(self.resolve_against(lo, kolom, wat, ordered=True)[0],
                                               self.resolve_against(hi, kolom, wat, ordered=True)[0]))
                case ast.CelVergelijk(op=op, expr=e):
                    tests.append(ast.CelVergelijk(op, self.resolve_against(e, kolom, wat, ordered=True)[0]))
                case _:
                    assert_never(test)
        return replace(cel, tests=tuple(tests))
