"""Checking amounts: every number with a unit keeps its unit, and units only meet through ``in``.

The unit of an amount is part of its :class:`~wmo_dsl.language.types.Type`;
the semantics compute with the plain number in that unit. So everything about
units is decided here, before anything runs: adding ``uur per jaar`` to ``uur
per week`` is a finding with the conversion as its hint, ``x in uur per week``
becomes a :class:`~wmo_dsl.language.ast.Convert` node, and a rounding step in
another unit of the same kind is converted for the function that rounds.

A bare number *literal* next to an amount in a comparison, a range, a table
cell, a bound or a branch of ``als … dan … anders`` is read in that amount's
unit (``uren_per_week > 10``); in ``+`` and ``-`` it is not (write ``23 uur per
jaar``), because there the policy text always names the unit.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import TypeGuard, assert_never

from . import ast, limits
from .checker_host import CheckerHost
from .types import Eenheid, Type


def bare_number(expr: object) -> TypeGuard[ast.Literal]:
    return isinstance(expr, ast.Literal) and expr.kind == "getal"


def with_unit(expr: ast.Literal, eenheid: Eenheid) -> tuple[ast.Literal, Type]:
    t = Type("getal", eenheid=eenheid)
    return replace(expr, kind="hoeveelheid", eenheid=eenheid, t=t), t


def rate_times(a: Eenheid, b: Eenheid) -> Eenheid | None:
    """The unit of an amount in ``a`` times one in ``b`` when one is a rate per the other's unit
    (km per week times euro per km: euro per week), else None."""
    for amount, rate in ((a, b), (b, a)):
        if rate.per is not None and amount.per is None and amount.zonder_periode() == rate.per:
            return replace(rate, per=None, periode=amount.periode)
    return None


class AmountChecker(CheckerHost):
    """Unit rules for the expression checker (mixed in; it provides ``error`` and ``source``)."""

    def same_unit(self, a: ast.Expr, at: Type, b: ast.Expr, bt: Type, wat: str, pos: ast.Pos,
                  adopt: bool = True) -> tuple[ast.Expr, ast.Expr]:
        """Two sides compared (or the branches of a choice): the same unit, or a bare number
        literal that takes the other side's unit. Returns both sides, rewritten where needed."""
        if at.soort != "getal" or bt.soort != "getal" or at.eenheid == bt.eenheid:
            return a, b
        if adopt and at.eenheid is None and bt.eenheid is not None and bare_number(a):
            return with_unit(a, bt.eenheid)[0], b
        if adopt and bt.eenheid is None and at.eenheid is not None and bare_number(b):
            return a, with_unit(b, at.eenheid)[0]
        self.unit_mismatch(wat, at, bt, b if bt.eenheid != at.eenheid else a, pos)
        return a, b

    def unit_mismatch(self, wat: str, at: Type, bt: Type, other: ast.Expr, pos: ast.Pos) -> None:
        if at.eenheid is not None and bt.eenheid is not None:
            if bt.eenheid.convertible(at.eenheid):
                hint = f"reken eerst om: {self.source(other)} in {at.eenheid}"
            else:
                hint = f"{at.eenheid} en {bt.eenheid} zijn niet in elkaar om te rekenen" + (
                    "; een hoeveelheid per periode kan alleen naar een andere periode" if (at.eenheid.periode is None) != (bt.eenheid.periode is None) else "")
            self.error("E231", f"{wat}: {at.eenheid} en {bt.eenheid} zijn verschillende eenheden", pos, hint=hint)
            return
        unit = at.eenheid or bt.eenheid
        assert unit is not None  # called for two different units: one of them is set
        number = other if bare_number(other) else None
        hint = (f"schrijf {self.source(number)} {unit}" if number is not None
                else f"geef het getal een eenheid, bijvoorbeeld 1 {unit.words(True)}, of reken de hoeveelheid om")
        self.error("E231", f"{wat}: een hoeveelheid in {unit} en een getal zonder eenheid", pos, hint=hint)

    def arithmetic_unit(self, op: str, lt: Type, rt: Type, right: ast.Expr, expr: ast.Arith) -> tuple[bool, Eenheid | None]:
        """(allowed, the unit of the result) of ``left op right`` for two numbers. A rate times an
        amount of its second unit is in its first unit (``afstand * 0,18 euro per km``: euro); an
        amount divided by an amount of another kind is a rate (euro / km: euro per km)."""
        lu, ru = lt.eenheid, rt.eenheid
        where = f"'{op}'"
        if op in ("+", "-"):
            if lu != ru:
                self.unit_mismatch(where, lt, rt, right, self.pos_of(right))
                return False, None
            return True, lu
        if op == "*":
            if lu is not None and ru is not None:
                unit = rate_times(lu, ru)
                if unit is not None:
                    return True, unit
                rate, amount = (ru, lu) if ru.per is not None else (lu, ru)
                if rate.per is not None and amount.per is None and amount.zonder_periode().convertible(rate.per):
                    target = replace(rate.per, periode=amount.periode)
                    self.error("E231", f"'*' met een hoeveelheid in {amount} en een tarief in {rate}", expr.pos,
                               hint=f"reken eerst om: {self.source(right if amount is ru else expr.first)} in {target}")
                    return False, None
                self.error("E231", f"'*' met twee hoeveelheden ({lu} en {ru}) kan niet", expr.pos,
                           hint="vermenigvuldig een hoeveelheid met een getal, zoals extra_kamers * 16 uur per jaar, "
                                "of met een tarief per haar eenheid, zoals afstand * 0,18 euro per km")
                return False, None
            return True, lu or ru
        # division
        if ru is None:
            return True, lu
        if lu is None:
            self.error("E231", f"'/' deelt een getal door een hoeveelheid in {ru}", expr.pos,
                       hint="deel een hoeveelheid door een getal, of door een hoeveelheid in dezelfde eenheid")
            return False, None
        if lu == ru:
            return True, None  # uur / uur: a plain number
        if lu.convertible(ru):
            self.unit_mismatch(where, lt, rt, right, self.pos_of(right))
            return False, None
        if ru.per is not None and lu.per is None and replace(ru, per=None) == lu.zonder_periode():
            return True, replace(ru.per, periode=lu.periode)  # euro / (euro per km): km
        if lu.per is None and ru.per is None and lu.periode == ru.periode:
            return True, replace(lu, periode=None, per=ru.zonder_periode())  # euro / km: euro per km
        if lu.per is None and ru.per is None and lu.periode is not None and ru.periode is None:
            self.error("E251", f"'/' geeft een tarief met ook een periode ({lu.maat} per {ru.enkelvoud} per {lu.periode})",
                       expr.pos, hint=f"deel eerst per periode door een hoeveelheid per {lu.periode}, of reken om")
            return False, None
        self.error("E231", f"'/' met {lu} en {ru} kan niet", expr.pos,
                   hint="deel een hoeveelheid door een getal, door een hoeveelheid in dezelfde eenheid, of door een "
                        "hoeveelheid van een andere soort (euro / km is euro per km)")
        return False, None

    def convert(self, expr: ast.Convert, operand: ast.Expr, t: Type) -> tuple[ast.Expr, Type]:
        target = Type("getal", eenheid=expr.eenheid)
        if t.soort == "onbekend":
            return replace(expr, operand=operand), target
        if t.soort != "getal" or t.eenheid is None:
            self.error("E231", f"alleen een hoeveelheid kan worden omgerekend naar {expr.eenheid}, maar dit is {t}", expr.pos,
                       hint="geef het getal een eenheid, bijvoorbeeld: 90 minuten in uur" if t.soort == "getal" else None)
            return replace(expr, operand=operand), target
        if not t.eenheid.convertible(expr.eenheid):
            per = (t.eenheid.periode is None) != (expr.eenheid.periode is None)
            self.error("E231", f"{t.eenheid} is niet om te rekenen naar {expr.eenheid}", expr.pos,
                       hint="een hoeveelheid per periode kan alleen naar een andere periode" if per else
                       "alleen minuten en uur, en de ene periode naar de andere, zijn om te rekenen")
        return replace(expr, operand=operand), target

    def rounding(self, expr: ast.Call, args: tuple[ast.Expr, ...], types: list[Type]) -> tuple[tuple[ast.Expr, ...], Type]:
        """naar_boven(x, stap) and friends: a fixed step, in the unit of x."""
        (x, stap), (xt, st) = args, types
        if not self.fixed(stap):
            self.error("E233", f"de stap van {expr.function} is geen vaste waarde", self.pos_of(stap),
                       hint="gebruik een getal, een hoeveelheid zoals 15 minuten per week, of een parameter")
        elif (waarde := self.step_value(stap)) is not None and waarde <= 0 or self.divides_by_zero(stap):
            wat = "deelt door 0" if waarde is None else "is 0" if waarde == 0 else "is negatief"
            self.error("E239", f"de stap van {expr.function} {wat}: er valt niets af te ronden",
                       self.pos_of(stap), hint="een stap is groter dan 0, bijvoorbeeld 15 minuten per week")
        if xt.soort != "getal" or st.soort != "getal":
            return args, xt
        if xt.eenheid is None:
            if st.eenheid is not None:
                self.unit_mismatch(f"de stap van {expr.function}", xt, st, stap, self.pos_of(stap))
            return args, xt
        if st.eenheid is None:
            if bare_number(stap):
                stap = with_unit(stap, xt.eenheid)[0]
            else:
                self.unit_mismatch(f"de stap van {expr.function}", xt, st, stap, self.pos_of(stap))
        elif st.eenheid != xt.eenheid:
            if st.eenheid.convertible(xt.eenheid):
                stap = ast.Convert(stap, xt.eenheid, self.pos_of(stap), Type("getal", eenheid=xt.eenheid), implicit=True)
            else:
                self.unit_mismatch(f"de stap van {expr.function}", xt, st, stap, self.pos_of(stap))
        return (x, stap), xt

    def fixed(self, expr: ast.Expr) -> bool:
        """A literal, a parameter, or one of those converted or negated."""
        match expr:
            case ast.Literal():
                return True
            case ast.Ref(target="waarde", id=naam):
                return bool(getattr(self.defs.get(naam), "parameter", False))
            case ast.Convert(operand=inner) | ast.Negate(operand=inner):
                return self.fixed(inner)
            case (ast.Ref() | ast.Name() | ast.Arith() | ast.Symbol() | ast.ListExpr() | ast.Logic() | ast.Not()
                  | ast.Compare() | ast.Count() | ast.InRange() | ast.InList() | ast.Contains() | ast.Call()
                  | ast.RecordExpr() | ast.IfElse() | ast.Between() | ast.Aggregate()):  # reads an answer, or is not a number
                return False
            case _ as unreachable:
                assert_never(unreachable)

    def step_value(self, expr: ast.Expr, seen: frozenset[str] = frozenset()) -> Decimal | None:
        """The number a fixed step stands for (its sign is what matters: a conversion keeps it)."""
        match expr:
            case ast.Literal(value=Decimal() as number):
                return number
            case ast.Negate(operand=inner):
                waarde = self.step_value(inner, seen)
                return None if waarde is None else -waarde
            case ast.Convert(operand=inner):
                return self.step_value(inner, seen)
            case ast.Ref(target="waarde", id=naam) | ast.Name(id=naam) if naam not in seen:
                d = self.resolved.get(naam) or self.defs.get(naam)
                if isinstance(d, ast.Waarde) and d.parameter and d.expr is not None:
                    return self.step_value(d.expr, seen | {naam})
                return None
            case ast.Arith():
                constant = self.constant_number(expr, seen)
                return None if constant is None else limits.CONTEXT.divide(Decimal(constant.numerator), constant.denominator)
            case (ast.Literal() | ast.Ref() | ast.Name() | ast.Symbol() | ast.ListExpr() | ast.Logic() | ast.Not()
                  | ast.Compare() | ast.Count() | ast.InRange() | ast.InList() | ast.Contains() | ast.Call()
                  | ast.RecordExpr() | ast.IfElse() | ast.Between() | ast.Aggregate()):  # not a fixed number
                return None
            case _ as unreachable:
                assert_never(unreachable)

    def divides_by_zero(self, expr: ast.Expr, seen: frozenset[str] = frozenset()) -> bool:
        """A fixed step with a division by a constant 0 in it (1 / 0, or a parameter that is): geen."""
        match expr:
            case ast.Arith(first=first, rest=rest):
                return self.divides_by_zero(first, seen) or any(
                    op == "/" and self.constant_number(x, seen) == 0 or self.divides_by_zero(x, seen) for op, x in rest)
            case ast.Negate(operand=inner) | ast.Convert(operand=inner):
                return self.divides_by_zero(inner, seen)
            case ast.Ref(target="waarde", id=naam) | ast.Name(id=naam) if naam not in seen:
                d = self.resolved.get(naam) or self.defs.get(naam)
                return bool(isinstance(d, ast.Waarde) and d.parameter and d.expr is not None and self.divides_by_zero(d.expr, seen | {naam}))
            case (ast.Literal() | ast.Ref() | ast.Name() | ast.Symbol() | ast.ListExpr() | ast.Logic() | ast.Not()
                  | ast.Compare() | ast.Count() | ast.InRange() | ast.InList() | ast.Contains() | ast.Call()
                  | ast.RecordExpr() | ast.IfElse() | ast.Between() | ast.Aggregate()):  # no division in it
                return False
            case _ as unreachable:
                assert_never(unreachable)

    def constant_number(self, expr: ast.Expr, seen: frozenset[str] = frozenset()) -> Fraction | None:
        """The exact value of a number that reads no answer (literals, parameters, arithmetic and
        conversions of those), or None; None too when it grows beyond any use (10^100)."""
        match expr:
            case ast.Literal(value=Decimal() as number) if expr.kind in ("getal", "hoeveelheid"):
                return Fraction(number)
            case ast.Negate(operand=inner):
                waarde = self.constant_number(inner, seen)
                return None if waarde is None else -waarde
            case ast.Convert(operand=inner, eenheid=target):
                waarde = self.constant_number(inner, seen)
                source = inner.t.eenheid if inner.t is not None else None
                if waarde is None or source is None or not source.convertible(target):
                    return None
                return waarde * source.factor(target)
            case ast.Arith(first=first, rest=rest):
                waarde = self.constant_number(first, seen)
                for op, operand in rest:
                    other = self.constant_number(operand, seen) if waarde is not None else None
                    if waarde is None or other is None or op == "/" and other == 0 or op not in "+-*/":
                        return None
                    waarde = {"+": waarde + other, "-": waarde - other, "*": waarde * other, "/": waarde / other if other else waarde}[op]
                    if abs(waarde.numerator) > 10**100 or waarde.denominator > 10**100:
                        return None
                return waarde
            case ast.Ref(target="waarde", id=naam) if naam not in seen:
                memo = self.__dict__.setdefault("_constants", {})  # a chain of values is walked once
                if naam not in memo:
                    d = self.resolved.get(naam)
                    memo[naam] = self.constant_number(d.expr, seen | {naam}) if isinstance(d, ast.Waarde) and d.expr is not None else None
                return memo[naam]
            case (ast.Literal() | ast.Ref() | ast.Name() | ast.Symbol() | ast.ListExpr() | ast.Logic() | ast.Not()
                  | ast.Compare() | ast.Count() | ast.InRange() | ast.InList() | ast.Contains() | ast.Call()
                  | ast.RecordExpr() | ast.IfElse() | ast.Between() | ast.Aggregate()):  # reads an answer, or is not a number
                return None
            case _ as unreachable:
                assert_never(unreachable)

    def constant_bounds(self) -> None:
        """A derived value that is the same number for every case, and outside the bounds: E240."""
        for naam, d in self.resolved.items():
            if isinstance(d, ast.Waarde) and d.expr is not None and (waarde := self.constant_number(d.expr)) is not None:
                if abs(waarde) >= limits.MAX_ABS:
                    self.error("E240", f"'{naam}' is altijd {limits.scientific(limits.CONTEXT.divide(Decimal(waarde.numerator), waarde.denominator))}: "
                               "dat valt buiten de grens van 10^12", d.pos,
                               hint="een berekende waarde blijft onder 1.000.000.000.000; kijk de getallen en eenheden na")
