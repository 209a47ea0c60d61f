"""The operators of ``values.py`` as SMT-LIB terms: comparison, arithmetic and the built-in functions.

Each mirrors its concrete counterpart: ``=`` holds for two geen values, ``<``
and friends are false when either side is geen or the kinds differ, arithmetic
with geen is geen, a division by zero is geen. Adding months or werkdagen to a
date is an uninterpreted function whose values the solver module pins where a
model needs them.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from ..language.ast import Duur
from ..language.types import Type
from .smt_terms import FALSE, TRUE, UNITS, S, conj, disj, ite, neg, numeral, real_fraction
from .values import add_duration, whole_months, whole_years

_SMT_OP = {"<": "<", "<=": "<=", ">": ">", ">=": ">="}


class Encoding(Protocol):
    """What the operators write into the encoding of a model (``smt.Smt``, which imports this module)."""

    functions: set[str]  # the uninterpreted calendar functions used
    lines: list[str]

    def fresh(self, sort: str, text: str) -> str: ...


def text(x: S) -> str:
    """The SMT-LIB text of a term of one part (janee, getal, datum, tekst, keuze, product)."""
    assert isinstance(x.v, str), f"a term of kind {x.kind} has no single text"
    return x.v


def options(x: S) -> dict[str, str]:
    """The texts of a list term, one per option of its domain (a meerdere question: one boolean each)."""
    assert isinstance(x.v, dict), f"a term of kind {x.kind} is no list"
    return x.v


def equal(a: S, b: S) -> str:
    """Both defined and equal, or both geen."""
    if a.d == FALSE and b.d == FALSE:
        return TRUE
    if a.d == FALSE or b.d == FALSE:
        return neg(b.d if a.d == FALSE else a.d)
    both = _same_value(a, b)
    return disj(conj(a.d, b.d, both), conj(neg(a.d), neg(b.d)))


def _same_value(a: S, b: S) -> str:
    kinds = {a.kind, b.kind}
    if kinds <= {"keuze", "product"} or len(kinds) == 1 and a.kind in ("janee", "getal", "datum", "tekst"):
        return f"(= {a.v} {b.v})"
    if kinds == {"lijst"}:
        assert isinstance(a.v, dict) and isinstance(b.v, dict), "a list is a text per option"
        keys = set(a.v) | set(b.v)
        return conj(*[f"(= {a.v.get(k, FALSE)} {b.v.get(k, FALSE)})" for k in sorted(keys)])
    if kinds == {"duur"}:
        assert isinstance(a.v, tuple) and isinstance(b.v, tuple), "a defined duration is an (amount, unit) pair"
        return conj(f"(= {a.v[0]} {b.v[0]})", f"(= {a.v[1]} {b.v[1]})")
    if kinds == {"record"}:
        assert isinstance(a.v, tuple) and isinstance(b.v, tuple), "a defined record is a tuple of its fields"
        names = [n for n, _ in a.v]
        if names != [n for n, _ in b.v]:
            return FALSE
        return conj(*[equal(x, y) for (_, x), (_, y) in zip(a.v, b.v)])
    return FALSE  # different kinds are never equal


def compare(op: str, a: S, b: S) -> S:
    if op == "=":
        return S(Type("janee"), equal(a, b))
    if op == "!=":
        return S(Type("janee"), neg(equal(a, b)))
    defined = conj(a.d, b.d)
    kinds = {a.kind, b.kind}
    if kinds in ({"getal"}, {"datum"}) or kinds <= {"keuze", "product"}:
        return S(Type("janee"), conj(defined, f"({_SMT_OP[op]} {a.v} {b.v})"))
    if kinds == {"tekst"}:
        text = {"<": f"(str.< {a.v} {b.v})", "<=": f"(str.<= {a.v} {b.v})",
                ">": f"(str.< {b.v} {a.v})", ">=": f"(str.<= {b.v} {a.v})"}[op]
        return S(Type("janee"), conj(defined, text))
    if kinds == {"janee"}:
        return S(Type("janee"), conj(defined, f"({_SMT_OP[op]} (ite {a.v} 1 0) (ite {b.v} 1 0))"))
    if kinds == {"duur"}:  # a duration orders by (unit, amount), as values.py does
        if not (isinstance(a.v, tuple) and isinstance(b.v, tuple)):  # a geen constant ('false'): never ordered
            return S(Type("janee"), FALSE)
        strict = {"<": "<", "<=": "<", ">": ">", ">=": ">"}[op]
        same_unit = f"(= {a.v[1]} {b.v[1]})"
        text = disj(f"({strict} {a.v[1]} {b.v[1]})", conj(same_unit, f"({_SMT_OP[op]} {a.v[0]} {b.v[0]})"))
        return S(Type("janee"), conj(defined, text))
    return S(Type("janee"), FALSE)


def arithmetic(enc: Encoding, op: str, a: S, b: S) -> S:
    defined = conj(a.d, b.d)
    kinds = (a.kind, b.kind)
    if kinds == ("getal", "getal"):
        x, y = numeral(a.v), numeral(b.v)
        if x is not None and y is not None and not (op == "/" and y == 0):  # constants fold: no needless products
            value = {"+": x + y, "-": x - y, "*": x * y, "/": x / y if y else x}[op]
            return S(Type("getal"), real_fraction(value), defined)
        if op == "/":
            return S(Type("getal"), f"(/ {a.v} {b.v})", conj(defined, f"(not (= {b.v} 0.0))"))
        return S(Type("getal"), f"({op} {a.v} {b.v})", defined)
    if kinds == ("datum", "duur") and op in ("+", "-"):
        return S(Type("datum"), shift(enc, text(a), _pair(b), negative=op == "-"), defined)
    if kinds == ("duur", "datum") and op == "+":
        return S(Type("datum"), shift(enc, text(b), _pair(a), negative=False), defined)
    if kinds == ("datum", "datum") and op == "-":
        return S(Type("getal"), f"(to_real (- {a.v} {b.v}))", defined)
    if kinds == ("duur", "getal") and op in ("*", "/"):
        if not isinstance(a.v, tuple):  # a geen constant ('false'): geen
            return S(a.t, a.v, FALSE)
        factor = b.v if op == "*" else f"(/ 1.0 {b.v})"
        ok = defined if op == "*" else conj(defined, f"(not (= {b.v} 0.0))")
        amount = f"(* (to_real {a.v[0]}) {factor})"
        rounded = f"(ite (>= {amount} 0.0) (to_int (+ {amount} 0.5)) (- (to_int (+ (- {amount}) 0.5))))"  # half away from zero
        return S(Type("duur"), (rounded, a.v[1]), ok)
    return S(Type("getal"), "0.0", FALSE)


def _pair(duur: S) -> tuple[str, str]:
    assert isinstance(duur.v, tuple), "a duration added to a date is an (amount, unit) pair"
    return duur.v


def shift(enc: Encoding, date: str, duur: tuple[str, str], negative: bool) -> str:
    """A date moved by a duration: days and weeks exactly, months, years and werkdagen through
    an uninterpreted function the solver pins where it matters."""
    amount, unit = duur
    n = f"(- {amount})" if negative else amount
    by_unit = {
        "dagen": f"(+ {date} {n})",
        "weken": f"(+ {date} (* 7 {n}))",
        "maanden": f"(plus_maanden {date} {n})",
        "jaren": f"(plus_maanden {date} (* 12 {n}))",
        "werkdagen": f"(plus_werkdagen {date} {n})",
    }
    if unit.isdigit() or unit.startswith("(- "):
        name = UNITS[int(unit)]
        enc.functions.add({"maanden": "plus_maanden", "jaren": "plus_maanden", "werkdagen": "plus_werkdagen"}.get(name, ""))
        return by_unit[name]
    enc.functions.update({"plus_maanden", "plus_werkdagen"})
    result = by_unit["dagen"]
    for code, name in enumerate(UNITS):
        result = ite(f"(= {unit} {code})", by_unit[name], result)
    return result


# Whole years (months) between two dates span at least 365 (28) and fewer than 366 (31) days each:
# bounds the solver gets for every use, so the function it may not compute is nearly pinned already.
_SPAN = {"jaren_tussen": (365, 366), "maanden_tussen": (28, 31)}


def between(enc: Encoding, function: str, a: str, b: str) -> str:
    """Whole years or months from a to b: an uninterpreted function, bounded, pinned by the solver."""
    enc.functions.add(function)
    n = enc.fresh("Int", f"({function} {a} {b})")
    low, high = _SPAN[function]
    d = enc.fresh("Int", f"(- {b} {a})")
    enc.lines.append(f"(assert (=> (>= {d} 0) (and (>= {n} 0) (<= (* {low} {n}) {d}) (< {d} (* {high} (+ {n} 1))))))")
    enc.lines.append(f"(assert (=> (< {d} 0) (and (<= {n} 0) (<= (* {low} (- {n})) (- {d})) (< (- {d}) (* {high} (+ (- {n}) 1))))))")
    return n


def calendar_value(name: str, x: int, y: int, vrije_dagen: frozenset[dt.date]) -> int | None:
    """What a calendar function of the encoding (``shift``, ``between``) truly gives at the day
    number ``x`` and the number or day number ``y`` (None: outside the calendar); the solver pins
    it where a model needs it."""
    try:
        start = dt.date.fromordinal(x)
        if name in ("plus_maanden", "plus_werkdagen"):
            true = add_duration(start, Duur(y, "werkdagen" if name == "plus_werkdagen" else "maanden"), vrije_dagen)
            return true.toordinal() if true is not None else None
        end = dt.date.fromordinal(y)
    except (ValueError, OverflowError):
        return None
    whole = {"jaren_tussen": whole_years, "maanden_tussen": whole_months}[name]
    return whole(start, end)
