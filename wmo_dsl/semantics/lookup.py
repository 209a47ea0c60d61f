"""A decision table as a dictionary, for the compiled code: the same table, looked up instead of tried row by row."""

from __future__ import annotations

from ..language import ast
from ..language.check import Model
from .evaluate import Evaluation
from .meaning import cell_meaning


def table_lookup(model: Model, tabel: ast.Tabel):
    """A table as a dictionary: (combination of inputs -> value) for the rows whose cells are all
    plain values, and the rows left to try one by one when the dictionary has no entry. Which row
    a combination reaches is asked of the evaluator, so the lookup means what the table means."""
    if any(model.types[n].soort == "lijst" for n in tabel.invoer):
        return None
    def constant(e) -> bool:
        return isinstance(e, (ast.Literal, ast.Symbol)) or isinstance(e, ast.Ref) and e.target == "product"

    exact, rest = [], []
    for i, rij in enumerate(tabel.rijen):
        if all(len(c.tests) == 1 and isinstance(c.tests[0], ast.CelGelijk) and constant(c.tests[0].expr) for c in rij.cellen) \
                and constant(rij.uitkomst):
            exact.append(i)
        else:
            rest.append(i)
    if len(exact) < 8:
        return None
    evaluation = Evaluation(model, {})
    table: dict[tuple, object] = {}
    for i in exact:
        key = tuple(evaluation.eval(c.tests[0].expr) for c in tabel.rijen[i].cellen)
        if key in table:
            continue
        first = next(j for j, rij in enumerate(tabel.rijen)
                     if all(cell_meaning(c, k, model.types[n], evaluation) is True for c, k, n in zip(rij.cellen, key, tabel.invoer)))
        if first not in exact:
            return None  # an earlier row of another shape catches this combination: keep the rows in order
        table[key] = evaluation.eval(tabel.rijen[first].uitkomst)
    return table, rest
