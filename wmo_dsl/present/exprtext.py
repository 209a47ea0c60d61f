"""Expressions and values back into words: rule-language text and Dutch notation.

Explanations quote the condition that decided a value ("aantal
resultaatgebieden in 3 tot 4") and show values the way a consultant writes
them: labels instead of ids, a decimal comma, dates as 1-7-2025.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import assert_never

from ..language import ast
from ..language.builtins import IN_WORDS
from ..semantics.notation import format_number, value_text

_PRECEDENCE = {"of": 1, "en": 2, "niet": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6}


def to_text(e: ast.Expr, parent: int = 0) -> str:
    """An expression in rule-language syntax (for the technical trace)."""
    match e:
        case ast.Literal():
            return literal_text(e)
        case ast.Name(id=naam) | ast.Ref(id=naam) | ast.Symbol(id=naam):
            return naam
        case ast.ListExpr(items=items):
            return "[" + ", ".join(to_text(i) for i in items) + "]"
        case ast.Logic(op=op, items=items):
            prec = _PRECEDENCE[op]
            return _group(f" {op} ".join(to_text(i, prec if k == 0 else prec + 1) for k, i in enumerate(items)), prec, parent)
        case ast.Compare(op=op, left=left, right=right):
            prec = _PRECEDENCE["cmp"]
            return _group(f"{to_text(left, prec)} {op} {to_text(right, prec + 1)}", prec, parent)
        case ast.Arith(first=first, rest=rest):
            prec = _PRECEDENCE[rest[0][0]]
            return _group(to_text(first, prec) + "".join(f" {op} {to_text(x, prec + 1)}" for op, x in rest), prec, parent)
        case ast.Not(operand=operand):
            return _group("niet " + to_text(operand, _PRECEDENCE["niet"]), _PRECEDENCE["niet"], parent)
        case ast.Negate(operand=operand):
            return "-" + to_text(operand, 7)
        case ast.Count(operand=operand):
            return "aantal " + to_text(operand, 7)
        case ast.InRange(operand=operand, low=low, high=high):
            return _group(f"{to_text(operand, 5)} in {to_text(low, 5)} tot {to_text(high, 5)}", _PRECEDENCE["cmp"], parent)
        case ast.InList(operand=operand, options=options):
            return _group(f"{to_text(operand, 5)} in {to_text(options)}", _PRECEDENCE["cmp"], parent)
        case ast.Contains(container=container, item=item):
            return _group(f"{to_text(container, 5)} bevat {to_text(item, 5)}", _PRECEDENCE["cmp"], parent)
        case ast.Call(function=function, args=args) if function in IN_WORDS:
            template = IN_WORDS[function].schrijfwijze or ""
            return _group(template.format(*(to_text(a, 8) for a in args)), 7, parent)
        case ast.Call(function=function, args=args):
            return f"{function}(" + ", ".join(to_text(a) for a in args) + ")"
        case ast.RecordExpr(fields=fields):
            return "{" + ", ".join(f"{n}: {to_text(v)}" for n, v in fields) + "}"
        case ast.Convert(operand=operand, implicit=True):
            return to_text(operand, parent)
        case ast.Convert(operand=operand, eenheid=eenheid):
            return _group(f"{to_text(operand, 5)} in {eenheid}", _PRECEDENCE["cmp"], parent)
        case ast.IfElse(condition=condition, then=then, otherwise=otherwise):
            return _group(f"als {to_text(condition)} dan {to_text(then)} anders {to_text(otherwise)}", 0, parent)
        case ast.Between(unit=unit, start=start, end=end):
            return _group(f"{unit} tussen {to_text(start, 8)} en {to_text(end, 8)}", 7, parent)
        case ast.Aggregate(kind=kind, lijst=lijst, veld=veld, met=met):
            head = {"aantal": f"aantal {lijst}", "som": f"som van {veld} van {lijst}"}.get(kind, f"{kind} {veld} van {lijst}")
            return _group(head + (f" met {to_text(met)}" if met is not None else ""), 0 if met is not None else 7, parent)
        case _ as unreachable:
            assert_never(unreachable)


def _group(text: str, prec: int, parent: int) -> str:
    return f"({text})" if prec < parent else text


def literal_text(e: ast.Literal) -> str:
    if e.kind == "percentage":
        assert isinstance(e.value, Decimal)
        return format_number(e.value * 100) + "%"
    if e.kind == "datum":
        assert isinstance(e.value, dt.date)
        return e.value.isoformat()
    if e.kind == "tekst":
        return f'"{e.value}"'
    if e.kind == "geen":
        return "geen"
    if e.kind == "hoeveelheid":
        assert isinstance(e.value, Decimal) and e.eenheid is not None
        return f"{format_number(e.value)} {e.eenheid.words(e.value == 1)}"
    return value_text(e.value)


def cell_text(cel: ast.Cel) -> str:
    if cel.elk:
        return "-"
    return " of ".join(test_text(test) for test in cel.tests)


def test_text(test: ast.CelTest) -> str:
    match test:
        case ast.CelGelijk(expr=x):
            return to_text(x, 5)
        case ast.CelNiet(expr=x):
            return "niet " + to_text(x, 5)
        case ast.CelBereik(low=low, high=high):
            return f"{to_text(low, 5)} tot {to_text(high, 5)}"
        case ast.CelVergelijk(op=op, expr=x):
            return f"{op} {to_text(x, 5)}"
        case _ as unreachable:
            assert_never(unreachable)
