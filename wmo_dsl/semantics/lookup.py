"""A decision table as a dictionary, for the compiled code: the same table, looked up instead of tried row by row.

Built in one pass over the rows (time linear in the rows while the rows that are no plain values
are few), so a table of 20,000 rows compiles in a fraction of a second."""

from __future__ import annotations

from ..language import ast
from ..language.check import Model
from .evaluate import Evaluation
from .meaning import cell_meaning

MAX_CHECKS = 200_000  # cell tests of earlier irregular rows against exact rows; beyond this the rows are tried in order


def _constant(e: ast.Expr) -> bool:
    return isinstance(e, (ast.Literal, ast.Symbol)) or isinstance(e, ast.Ref) and e.target == "product"


def _plain(cel: ast.Cel) -> bool:
    return not cel.elk and len(cel.tests) == 1 and isinstance(cel.tests[0], ast.CelGelijk) and _constant(cel.tests[0].expr)


def _plain_value(cel: ast.Cel) -> ast.Expr:
    """The value a plain cell names."""
    test = cel.tests[0]
    assert isinstance(test, ast.CelGelijk), "only a plain cell names a value"
    return test.expr


class _PlainCells:
    """The value of a plain cell and whether the cell accepts it (``meaning.cell_meaning``), asked
    once per column and written value: equal cells mean the same."""

    def __init__(self, model: Model, tabel: ast.Tabel, evaluation: Evaluation) -> None:
        self.columns = [model.types[n] for n in tabel.invoer]
        self.evaluation = evaluation
        self.known: dict[tuple[int, ast.Expr], tuple[object, bool]] = {}

    def of(self, c: int, cel: ast.Cel) -> tuple[object, bool]:
        expr = _plain_value(cel)
        found = self.known.get((c, expr))
        if found is None:
            value = self.evaluation.eval(expr)
            found = self.known[(c, expr)] = (value, cell_meaning(cel, value, self.columns[c], self.evaluation) is True)
        return found


def table_lookup(model: Model, tabel: ast.Tabel) -> tuple[list[int], dict[tuple, object], list[int]] | None:
    """A table as a dictionary over its key columns (those where most rows name a plain value):
    (values of the key columns -> value) for the combinations whose first matching row is regular
    (plain values in the key columns, '-' elsewhere, a plain outcome), and the rows left to try one
    by one, in order, when the dictionary has no entry. Returns (key columns, dictionary, rows
    left), or None when a lookup does not pay or cannot be built within bounds.

    A row accepts a combination when every cell does, as ``meaning.cell_meaning`` says, asked of the
    evaluator: a row enters the dictionary only when its own cells accept its key; a regular row
    accepts exactly its own key (``=`` is equality of values); an earlier irregular row whose key
    cells accept the key may catch it, and then the row is tried in order instead."""
    columns = [model.types[n] for n in tabel.invoer]
    if any(t.soort == "lijst" for t in columns) or not tabel.rijen:
        return None
    keys = [c for c in range(len(columns)) if 2 * sum(_plain(rij.cellen[c]) for rij in tabel.rijen) >= len(tabel.rijen)]
    if not keys:
        return None
    evaluation = Evaluation(model, {})
    plain = _PlainCells(model, tabel, evaluation)
    outcomes: dict[ast.Expr, object] = {}

    def accepts(rij: ast.Rij, key: tuple) -> bool:  # the key columns' cells; the others may or may not
        return all(cell_meaning(rij.cellen[c], k, columns[c], evaluation) is True for c, k in zip(keys, key))

    table: dict[tuple, object] = {}
    taken: set[tuple] = set()  # keys whose first regular row is found: later rows with that key are never reached
    rest: list[int] = []  # rows tried one by one, in order
    irregular: list[int] = []
    checks = 0
    for i, rij in enumerate(tabel.rijen):
        regular = _constant(rij.uitkomst) and all(_plain(cel) if c in keys else cel.elk for c, cel in enumerate(rij.cellen))
        cells = [plain.of(c, rij.cellen[c]) for c in keys] if regular else []
        key = tuple(value for value, _ in cells) if regular else None
        if key is None or not all(accepted for _, accepted in cells):  # (a cell 'geen' does not accept its own value)
            rest.append(i)
            irregular.append(i)
            continue
        if key in taken:
            continue
        taken.add(key)
        checks += len(irregular)
        if checks > MAX_CHECKS:
            return None
        if any(accepts(tabel.rijen[j], key) for j in irregular):
            rest.append(i)  # an earlier irregular row may catch this key: keep the order
        else:
            table[key] = outcomes[rij.uitkomst] if rij.uitkomst in outcomes else \
                outcomes.setdefault(rij.uitkomst, evaluation.eval(rij.uitkomst))  # a constant: equal ones mean the same
    if len(table) < 8:
        return None
    return keys, table, rest


class _Any:
    """A '-' cell in an exact key: every value of the column."""

    def __repr__(self) -> str:
        return "-"


ANY = _Any()


def exact_rows(model: Model, tabel: ast.Tabel) -> tuple[list[list[object]], list[tuple[object, ...]]] | None:
    """The table as exact keys, when it is one: every input a question with a finite domain (keuze,
    janee; each read once, no eis limiting the answers), every cell '-' (``ANY``) or one plain value
    of that domain that ``meaning.cell_meaning`` accepts. Then a row matches an answer exactly when
    its key equals the answers on the columns it names. Returns (the domain of each column, the key
    of each row), or None for any other table."""
    if model.eisen or len(set(tabel.invoer)) != len(tabel.invoer):
        return None
    domains: list[list[object]] = []
    for naam in tabel.invoer:
        vraag = model.vragen.get(naam)
        if vraag is None or vraag.persoon is not None or vraag.soort not in ("keuze", "janee"):
            return None
        domains.append([o.id for o in vraag.opties] if vraag.soort == "keuze" else [True, False])
    allowed = [set(d) for d in domains]
    plain = _PlainCells(model, tabel, Evaluation(model, {}))
    keys = []
    for rij in tabel.rijen:
        key: list[object] = []
        for c, cel in enumerate(rij.cellen):
            if cel.elk:
                key.append(ANY)
                continue
            if not _plain(cel):
                return None
            value, accepted = plain.of(c, cel)
            if value not in allowed[c] or not accepted:
                return None
            key.append(value)
        keys.append(tuple(key))
    return domains, keys
