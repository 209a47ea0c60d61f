"""A big decision table in the three-valued pre-pass (``partial.py``): the rows the answers leave open, found by index.

Trying 10,000 rows one by one in the three-valued algebra costs a second; most of
them are rejected at once by a plain cell (``soort_3``) that a known input does
not equal. :class:`RowIndex` keeps, per column, which rows name which plain value,
so the rows that are still possible are an intersection of a few sets. A row the
index leaves out is one whose condition is surely false, which the pre-pass skips
without counting what it reads: leaving it out changes nothing.

When many rows stay open and an input is still unknown, the table's value is
*unknown* anyway (the pre-pass only filters); then only the rows that read more
than their inputs (a cell or an outcome naming a question or a derived value) are
evaluated, for what they read.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from ..language import ast
from ..language.model import Model

BIG = 64  # rows; a smaller table is tried row by row, as the evaluator does
OPEN = 16  # rows still possible beyond which an unknown input makes the table's value unknown

_INDEXES: dict[int, tuple[ast.Tabel, "RowIndex"]] = {}


def _reads_only_inputs(rij: ast.Rij) -> bool:
    """Does the row read nothing but its inputs (constants in every cell and in its outcome)?"""
    return all(not isinstance(n, ast.Ref) or n.target == "product" for n in ast.walk(rij))


def _plain(cel: ast.Cel) -> ast.Expr | None:
    """The constant a cell names when it accepts exactly the inputs equal to it."""
    if cel.elk or len(cel.tests) != 1 or not isinstance(cel.tests[0], ast.CelGelijk):
        return None
    expr = cel.tests[0].expr
    return expr if isinstance(expr, (ast.Literal, ast.Symbol)) else None


class RowIndex:
    """Per column of one table: the rows naming each plain value, and the rows that do not."""

    def __init__(self, model: Model, tabel: ast.Tabel, evaluate: Callable[[ast.Expr], Any]) -> None:
        self.rows = len(tabel.rijen)
        self.reads_more = [i for i, rij in enumerate(tabel.rijen) if not _reads_only_inputs(rij)]
        self.by_value: list[dict[Any, list[int]] | None] = []
        self.others: list[list[int]] = []
        for c, naam in enumerate(tabel.invoer):
            if model.types[naam].soort == "lijst":  # a list input holds a cell's value: no equality index
                self.by_value.append(None)
                self.others.append([])
                continue
            by_value: dict[Any, list[int]] = {}
            others: list[int] = []
            for i, rij in enumerate(tabel.rijen):
                expr = _plain(rij.cellen[c])
                if expr is None:
                    others.append(i)
                else:
                    by_value.setdefault(evaluate(expr), []).append(i)
            self.by_value.append(by_value)
            self.others.append(others)

    def possible(self, inputs: Sequence[Any], unknown: object, equal: Callable[[Any, Any], Any]) -> list[int]:
        """The rows (in order) whose plain cells accept every known input."""
        found: set[int] | None = None
        for c, value in enumerate(inputs):
            by_value = self.by_value[c]
            if value is unknown or by_value is None:
                continue
            rows = set(self.others[c])
            for named, where in by_value.items():
                if equal(value, named) is not False:
                    rows.update(where)
            found = rows if found is None else found & rows
        return list(range(self.rows)) if found is None else sorted(found)


def row_index(model: Model, tabel: ast.Tabel, evaluate: Callable[[ast.Expr], Any]) -> RowIndex | None:
    """The index of a big table (built once per table), None for a small one."""
    if len(tabel.rijen) < BIG:
        return None
    known = _INDEXES.get(id(tabel))
    if known is None or known[0] is not tabel:
        known = _INDEXES[id(tabel)] = (tabel, RowIndex(model, tabel, evaluate))
    return known[1]
