"""What every construct of the rule language means, written once.

``meaning(expr, alg)`` walks a checked expression and says what it means in
terms of a small set of operations, an :class:`Algebra`. Three algebras give
the three uses of that one meaning:

* ``evaluate.py`` computes values for one case and records the trace;
* ``smt.py`` writes the same meaning as SMT-LIB terms for the solver;
* ``compile.py`` writes it as flat Python source for batches.

A derived construct (``x in 1 tot 2``, ``lijst bevat a``, a table cell) is
expressed here in the algebra's primitives, so no backend defines it again. The
dispatch is a ``match`` over the expression union with ``assert_never``: a new
construct that is not handled here fails the type checker and the tests.

Conditions only count ``ja``: a condition that is ``geen`` is not true, as in
the policy texts. Sub-expressions that need not always be computed (the items
of ``en``/``of``, the cases of a derived value) are passed as thunks, so the
evaluator reads exactly what a person would read, and the compiled code
short-circuits the same way.
"""

from __future__ import annotations

import graphlib
from contextlib import AbstractContextManager
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import Any, Callable, Generic, Iterable, Iterator, Mapping, Protocol, Sequence, TypeVar, assert_never, overload

from ..language import ast
from ..language.model import Model
from ..language.types import JANEE, Type

T = TypeVar("T")
Thunk = Callable[[], T]
# The products of an indicatie as a backend keeps them (Toekenningen, per product SMT terms, a local
# in the generated code): the generic code only hands them back to the backend's own operations.
Products = Any
# Per candidate product of a conclusion: where its terms come from, and a thunk computing them
# (duur, maximale duur, onbeperkt, minimale duur, volume).
Attributes = Mapping[str, tuple[tuple[Any, ...], Thunk[tuple[T, ...]]]]


@dataclass(frozen=True)
class Branch(Generic[T]):
    """One alternative of a choice: taken when ``condition`` (a thunk giving a ja/nee term; None
    means 'anders') holds and no earlier branch was taken. ``tag`` is the case or row it stands
    for, so an evaluator can say which one decided."""

    condition: Thunk[T] | None
    value: Thunk[T]
    tag: object = None


class Algebra(Protocol[T]):
    """The primitive operations every backend implements; terms are of type ``T``."""

    def constant(self, value: object, t: Type) -> T: ...

    def question(self, qid: str, t: Type) -> T: ...

    def peildatum(self) -> T:
        """The date the case is judged on."""

    def derived(self, name: str, t: Type) -> T: ...

    def truth(self, x: T) -> T:
        """ja when ``x`` is ja; nee otherwise (also for geen)."""

    def logic(self, op: str, items: Sequence[Thunk[T]]) -> T:
        """``en``/``of`` over ja/nee terms, computing items only as far as needed."""

    def negation(self, x: T) -> T: ...

    def choose(self, branches: Sequence[Branch[T]], t: Type) -> T:
        """The value of the first branch whose condition holds; geen when none does."""

    def table(self, tabel: ast.Tabel, inputs: Sequence[tuple[T, Type]], rows: Iterable[Branch[T]], t: Type) -> T:
        """A decision table: the first row that matches (as ``choose``); a backend may realise
        it differently (the compiler as a lookup), never with another meaning."""

    def share(self, x: T) -> T:
        """``x`` is used more than once: a backend may compute it once (the compiler spills it)."""

    def compare(self, op: str, a: T, b: T) -> T: ...

    def member(self, item: T, collection: T) -> T:
        """ja when the list ``collection`` holds ``item``."""

    def count(self, collection: T) -> T: ...

    def arithmetic(self, op: str, a: T, b: T) -> T:
        """``a op b`` for numbers, a date and a duration, two dates, a duration and a number."""

    def minus(self, x: T) -> T: ...

    def call(self, function: str, args: Sequence[T], result: Type) -> T: ...

    def collection(self, items: Sequence[T], t: Type) -> T: ...

    def record(self, fields: Sequence[tuple[str, T]], t: Type) -> T: ...

    def scope(self, key: str, tag: object) -> AbstractContextManager[None]:
        """What is computed inside belongs to ``key`` ("regel:id", "termijn:id", an eis), ``tag`` its definition."""

    # ── the products of an indicatie (conclusions.py) ──
    def products(self) -> Products:
        """No product yet."""

    def claim(self, products: Products, fires: T, named: Thunk[T], candidates: Sequence[str], attributes: Attributes[T],
              regel: str) -> Products:
        """When ``fires``, the product ``named`` (one of ``candidates``) is concluded by ``regel``, unless
        an earlier rule concluded it."""

    def drop(self, products: Products, pid: str, condition: T, reden: str) -> Products:
        """``pid`` taken away when ``condition`` holds; ``reden``: "geen_product" or "combinatie"."""

    def has(self, products: Products, pid: str) -> T:
        """ja when ``pid`` is among the products."""


class Thunks(Sequence[Thunk[T]]):
    """The items of a chain as thunks, made only when asked for: an evaluator that stops at the
    first 'nee' of 100,000 terms makes one."""

    __slots__ = ("_items", "_m")

    def __init__(self, items: Sequence[ast.Expr], m: Callable[[ast.Expr], T]):
        self._items, self._m = items, m

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, i: int) -> Thunk[T]: ...

    @overload
    def __getitem__(self, i: slice) -> list[Thunk[T]]: ...

    def __getitem__(self, i: int | slice) -> Thunk[T] | list[Thunk[T]]:
        if isinstance(i, slice):
            return [partial(self._m, e) for e in self._items[i]]
        return partial(self._m, self._items[i])

    def __iter__(self) -> Iterator[Thunk[T]]:
        m = self._m
        return (partial(m, e) for e in self._items)


def typ(e: ast.Expr) -> Type:
    """The type the checker gave a node (checked models only reach the semantics)."""
    return e.t if e.t is not None else Type("onbekend")


def reference(naam: str, model: Model, alg: Algebra[T]) -> T:
    """A name as a table reads its input: a question, a derived value or a product."""
    if naam in model.vragen:
        return alg.question(naam, model.types[naam])
    if naam in model.producten:
        return alg.constant(naam, model.types[naam])
    return alg.derived(naam, model.types[naam])


def meaning(e: ast.Expr, alg: Algebra[T]) -> T:
    """What a checked expression means, in the operations of ``alg``."""
    m: Callable[[ast.Expr], T] = partial(meaning, alg=alg)
    match e:
        case ast.Literal(value=value):
            return alg.constant(value, typ(e))
        case ast.Ref(id=naam, target="vraag"):
            return alg.question(naam, typ(e))
        case ast.Ref(target="peildatum"):
            return alg.peildatum()
        case ast.Ref(id=naam, target="product") | ast.Symbol(id=naam):
            return alg.constant(naam, typ(e))
        case ast.Ref(id=naam):
            return alg.derived(naam, typ(e))
        case ast.Logic(op=op, items=items):
            return alg.logic(op, Thunks(items, m))
        case ast.Not(operand=operand):
            return alg.negation(m(operand))
        case ast.Compare(op=op, left=left, right=right):
            return alg.compare(op, m(left), m(right))
        case ast.Arith(first=first, rest=rest):
            result = m(first)
            for op, operand in rest:  # from left to right, as written
                result = alg.arithmetic(op, result, m(operand))
            return result
        case ast.Negate(operand=operand):
            return alg.minus(m(operand))
        case ast.Count(operand=operand):
            return alg.count(m(operand))
        case ast.InRange(operand=operand, low=low, high=high):
            x, lo, hi = alg.share(m(operand)), m(low), m(high)
            return alg.logic("en", [lambda: alg.compare(">=", x, lo), lambda: alg.compare("<=", x, hi)])
        case ast.InList(operand=operand, options=options):
            x = alg.share(m(operand))
            return alg.logic("of", [partial(lambda o: alg.compare("=", x, m(o)), o) for o in options.items])
        case ast.Contains(container=container, item=item):
            return alg.member(m(item), m(container))
        case ast.ListExpr(items=items):
            return alg.collection([m(i) for i in items], typ(e))
        case ast.Call(function=function, args=args):
            return alg.call(function, [m(a) for a in args], typ(e))
        case ast.RecordExpr(fields=fields):
            return alg.record([(naam, m(x)) for naam, x in fields], typ(e))
        case ast.Convert(operand=operand, eenheid=target):
            source = typ(operand).eenheid
            return scaled(m(operand), source.factor(target) if source is not None else Fraction(1), alg)
        case ast.IfElse(condition=condition, then=then, otherwise=otherwise):
            return alg.choose([Branch(partial(_condition, condition, alg), partial(m, then)), Branch(None, partial(m, otherwise))], typ(e))
        case ast.Between(unit=unit, start=start, end=end):
            return alg.call(f"{unit}_tussen", [m(start), m(end)], typ(e))
        case ast.Aggregate():
            return _aggregate(e, alg)
        case ast.Name():
            raise TypeError(f"unresolved name {e.id!r}: only checked models reach the semantics")
        case _ as unreachable:
            assert_never(unreachable)


def _aggregate(e: ast.Aggregate, alg: Algebra[T]) -> T:
    """Over the persons of a list: person i counts when i is at most the number of persons (its
    questions are read only then) and the condition holds for it."""
    from ..language.types import GETAL

    n = alg.share(alg.question(e.lijst, GETAL))
    if e.kind == "aantal" and e.met is None:
        return n
    zero, one = alg.constant(Decimal(0), GETAL), alg.constant(Decimal(1), GETAL)

    def counts(i: int, met: ast.Expr | None) -> T:
        items = [lambda: alg.compare("<=", alg.constant(Decimal(i), GETAL), n)]
        if met is not None:
            items.append(partial(_condition, met, alg))
        return alg.logic("en", items)

    if e.kind in ("aantal", "som"):
        total = zero
        for i, (met, waarde) in enumerate(e.personen, 1):
            if e.kind == "aantal":
                value: Thunk[T] = lambda: one
            else:
                assert waarde is not None, "the checker gives each person of a 'som' a value"
                value = partial(meaning, waarde, alg)
            total = alg.arithmetic("+", total, alg.choose([Branch(partial(counts, i, met), value), Branch(None, lambda: zero)], typ(e)))
        return total
    better = ">" if e.kind == "hoogste" else "<"
    best = alg.constant(None, typ(e))
    for i, (met, waarde) in enumerate(e.personen, 1):
        assert waarde is not None, "the checker gives each person of a 'hoogste' or 'laagste' a value"
        cell: dict[str, T] = {}

        def fresh(waarde: ast.Expr = waarde, cell: dict[str, T] = cell) -> T:  # the person's value, computed in the condition…
            cell["v"] = alg.share(meaning(waarde, alg))
            return cell["v"]

        def value(waarde: ast.Expr = waarde, cell: dict[str, T] = cell) -> T:  # …and used again as the value (a backend may try a condition twice)
            return cell["v"] if "v" in cell else fresh()

        def beats(v: T, best: T) -> T:
            return alg.logic("of", [lambda: alg.compare("=", best, alg.constant(None, typ(e))), lambda: alg.compare(better, v, best)])

        def condition(i: int = i, met: ast.Expr | None = met, fresh: Thunk[T] = fresh, best: T = best) -> T:  # the value is read once the person counts
            return alg.logic("en", [partial(counts, i, met), lambda: beats(fresh(), best)])

        best = alg.share(alg.choose([Branch(condition, value), Branch(None, partial(_same, best))], typ(e)))
    return best


def scaled(x: T, factor: Fraction, alg: Algebra[T]) -> T:
    """``x`` times an exact factor (a unit conversion): a multiplication, then a division."""
    from ..language.types import GETAL

    if factor.numerator != 1:
        x = alg.arithmetic("*", x, alg.constant(Decimal(factor.numerator), GETAL))
    if factor.denominator != 1:
        x = alg.arithmetic("/", x, alg.constant(Decimal(factor.denominator), GETAL))
    return x


def cell_meaning(cel: ast.Cel, value: T, column: Type, alg: Algebra[T]) -> T:
    """Does a table cell accept the input ``value`` of a column of type ``column``?"""
    if cel.elk:
        return alg.constant(True, JANEE)
    return alg.logic("of", [partial(test_meaning, test, value, column, alg) for test in cel.tests])


def test_meaning(test: ast.CelTest, value: T, column: Type, alg: Algebra[T]) -> T:
    match test:
        case ast.CelGelijk(expr=x):
            if column.soort == "lijst" and typ(x).soort != "lijst":
                return alg.member(meaning(x, alg), value)  # a list input holds the cell's choice
            return alg.compare("=", value, meaning(x, alg))
        case ast.CelNiet(expr=x):
            return alg.negation(test_meaning(ast.CelGelijk(x), value, column, alg))
        case ast.CelBereik(low=low, high=high):
            lo, hi = meaning(low, alg), meaning(high, alg)
            return alg.logic("en", [lambda: alg.compare(">=", value, lo), lambda: alg.compare("<=", value, hi)])
        case ast.CelVergelijk(op=op, expr=x):
            return alg.compare(op, value, meaning(x, alg))
        case _ as unreachable:
            assert_never(unreachable)


def definition_meaning(d: ast.Waarde | ast.Tabel, model: Model, alg: Algebra[T]) -> T:
    """The value of a derived value or a decision table."""
    t = model.types[d.id]
    match d:
        case ast.Waarde(expr=expr) if expr is not None:
            return meaning(expr, alg)
        case ast.Waarde(gevallen=gevallen):
            return alg.choose([Branch(None if g.voorwaarde is None else partial(_condition, g.voorwaarde, alg),
                                      partial(meaning, g.waarde, alg), g) for g in gevallen], t)
        case ast.Tabel(invoer=invoer, rijen=rijen):
            inputs = [(alg.share(reference(naam, model, alg)), model.types[naam]) for naam in invoer]
            # rows one at a time: an evaluator that stops at the first match never builds the others
            return alg.table(d, inputs, (Branch(partial(_row_matches, rij, inputs, alg), partial(meaning, rij.uitkomst, alg), rij)
                                         for rij in rijen), t)
        case _ as unreachable:
            assert_never(unreachable)


def _same(x: T) -> T:
    return x


def _condition(expr: ast.Expr, alg: Algebra[T]) -> T:
    return alg.truth(meaning(expr, alg))


def _row_matches(rij: ast.Rij, inputs: Sequence[tuple[T, Type]], alg: Algebra[T]) -> T:
    cells = [partial(cell_meaning, cel, value, column, alg) for cel, (value, column) in zip(rij.cellen, inputs) if not cel.elk]
    return alg.logic("en", cells) if cells else alg.constant(True, JANEE)


def derived_order(model: Model) -> list[str]:
    """Derived values and tables in an order where each comes after what it reads (file order among equals)."""
    derived = list(model.waarden) + list(model.tabellen)
    graph = {n: {d for d in model.afhankelijkheden.get(n, ()) if d in model.waarden or d in model.tabellen} for n in derived}
    sorter = graphlib.TopologicalSorter(graph)
    ready: list[str] = []
    sorter.prepare()
    position = {n: i for i, n in enumerate(derived)}
    while sorter.is_active():
        batch = sorted(sorter.get_ready(), key=position.__getitem__)
        ready.extend(batch)
        sorter.done(*batch)
    return ready
