"""Expressions and values back into words: rule-language text and Dutch notation.

Explanations quote the condition that decided a value ("aantal
resultaatgebieden in 3 tot 4") and show values the way a consultant writes
them: labels instead of ids, a decimal comma, dates as 1-7-2025.
"""

from __future__ import annotations


from ..language import ast
from ..semantics.notation import format_number, value_text

_PRECEDENCE = {"of": 1, "en": 2, "niet": 3, "cmp": 4, "+": 5, "-": 5, "*": 6, "/": 6}


def to_text(e, parent: int = 0) -> str:
    """An expression in rule-language syntax."""
    if isinstance(e, ast.Literal):
        return literal_text(e)
    if isinstance(e, (ast.Name, ast.Ref, ast.Symbol)):
        return e.id
    if isinstance(e, ast.ListExpr):
        return "[" + ", ".join(to_text(i) for i in e.items) + "]"
    if isinstance(e, ast.BinOp):
        prec = _PRECEDENCE.get(e.op, _PRECEDENCE["cmp"])
        text = f"{to_text(e.left, prec)} {e.op} {to_text(e.right, prec + 1)}"
        return f"({text})" if prec < parent else text
    if isinstance(e, ast.Not):
        text = "niet " + to_text(e.operand, _PRECEDENCE["niet"])
        return f"({text})" if _PRECEDENCE["niet"] < parent else text
    if isinstance(e, ast.Negate):
        return "-" + to_text(e.operand, 7)
    if isinstance(e, ast.Count):
        return "aantal " + to_text(e.operand, 7)
    if isinstance(e, ast.InRange):
        text = f"{to_text(e.operand, 5)} in {to_text(e.low, 5)} tot {to_text(e.high, 5)}"
        return f"({text})" if _PRECEDENCE["cmp"] < parent else text
    if isinstance(e, ast.InList):
        text = f"{to_text(e.operand, 5)} in {to_text(e.options)}"
        return f"({text})" if _PRECEDENCE["cmp"] < parent else text
    if isinstance(e, ast.Contains):
        text = f"{to_text(e.container, 5)} bevat {to_text(e.item, 5)}"
        return f"({text})" if _PRECEDENCE["cmp"] < parent else text
    if isinstance(e, ast.Call):
        return f"{e.function}(" + ", ".join(to_text(a) for a in e.args) + ")"
    if isinstance(e, ast.RecordExpr):
        return "{" + ", ".join(f"{n}: {to_text(v)}" for n, v in e.fields) + "}"
    return str(e)


def literal_text(e: ast.Literal) -> str:
    if e.kind == "percentage":
        return format_number(e.value * 100) + "%"
    if e.kind == "datum":
        return e.value.isoformat()
    if e.kind == "tekst":
        return f'"{e.value}"'
    if e.kind == "geen":
        return "geen"
    return value_text(e.value)


def cell_text(cel: ast.Cel) -> str:
    if cel.elk:
        return "-"
    parts = []
    for test in cel.tests:
        if test[0] == "gelijk":
            parts.append(to_text(test[1], 5))
        elif test[0] == "niet":
            parts.append("niet " + to_text(test[1], 5))
        elif test[0] == "bereik":
            parts.append(f"{to_text(test[1], 5)} tot {to_text(test[2], 5)}")
        else:
            parts.append(f"{test[1]} {to_text(test[2], 5)}")
    return " of ".join(parts)
