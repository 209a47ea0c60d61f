"""Which open questions the outcome can read at all, given the answers so far: a cheap filter before the solver.

:class:`Partial` is the evaluator's algebra with one more value, *unknown*, for
what rests on an open question. A part whose value the answers already decide
(``nee en …``, a case whose condition is surely false, a rule that cannot fire)
does not count what it reads. The questions that remain are a superset of the
still-needed set; the solver only has to decide those.
"""

from __future__ import annotations

import contextlib
import functools
import datetime as dt
from typing import Iterable, Iterator, Sequence

from ..language import ast
from ..language.model import Model
from ..language.types import Type
from .conclusions import conclude
from .evaluate import Evaluation, Toekenningen
from .meaning import Attributes, Branch, Thunk, _row_matches, meaning
from .partial_tables import OPEN, row_index
from .values import Value

UNKNOWN = object()


class Partial(Evaluation):
    """Evaluation with open questions as *unknown*; ``read`` collects the open questions that count."""

    def __init__(self, model: Model, answers: dict, overrides: dict | None = None, peildatum: dt.date | None = None):
        super().__init__(model, answers, overrides, peildatum=peildatum)
        self.reads: dict[str, frozenset] = {}  # derived value -> the open questions it counts
        self.read: set[str] = set()
        self._stack: list[set[str]] = [self.read]

    def _count(self, questions: Iterable[str]) -> None:
        self._stack[-1].update(questions)

    @contextlib.contextmanager
    def _capture(self) -> Iterator[set[str]]:
        found: set[str] = set()
        self._stack.append(found)
        try:
            yield found
        finally:
            self._stack.pop()

    def question(self, qid: str, t: Type | None) -> Value:
        if qid in self.answers:
            return self.answers[qid]
        self._count([qid])
        return UNKNOWN

    def derived(self, naam: str, t: Type | None) -> Value:
        if naam in self.overrides:
            return self.overrides[naam]
        if naam not in self.values:
            with self._capture() as found:
                from .meaning import definition_meaning

                d = self.model.waarden.get(naam) or self.model.tabellen[naam]
                self.values[naam] = definition_meaning(d, self.model, self)
            self.reads[naam] = frozenset(found)
        self._count(self.reads[naam])
        return self.values[naam]

    def truth(self, x: Value) -> Value:
        return UNKNOWN if x is UNKNOWN else x is True

    def logic(self, op: str, items: Iterable[Thunk[Value]]) -> Value:
        decided = op == "of"
        unknown = False
        reads: set[str] = set()
        for item in items:
            with self._capture() as found:
                value = self.truth(item())
            if value is decided:  # this item decides the whole chain: the others do not matter
                self._count(found)
                return decided
            if value is UNKNOWN:
                unknown = True
                reads |= found
        self._count(reads)
        return UNKNOWN if unknown else not decided

    def negation(self, x: Value) -> Value:
        return UNKNOWN if x is UNKNOWN else x is not True

    def choose(self, branches: Iterable[Branch[Value]], t: Type | None) -> Value:
        result, possible = None, []
        for branch in branches:
            if branch.condition is None:
                condition = True
            else:
                with self._capture() as found:
                    condition = self.truth(branch.condition())
                if condition is not False:
                    self._count(found)
            if condition is False:
                continue
            value = branch.value()
            possible.append(value)
            if condition is True:
                break
        else:
            possible.append(None)
        result = possible[0] if len(possible) == 1 else UNKNOWN
        return result

    def table(self, tabel: ast.Tabel, inputs: Sequence[tuple[Value, Type]], rows: Iterable[Branch[Value]], t: Type) -> Value:
        index = row_index(self.model, tabel, self.eval)
        if index is None:
            return self.choose(rows, t)
        values = [v for v, _ in inputs]
        possible = index.possible(values, UNKNOWN, lambda a, b: self.compare("=", a, b))
        if len(possible) > OPEN and any(v is UNKNOWN for v in values):
            # the value is unknown whichever row matches; count what the rows read beyond their inputs
            for i in sorted(set(possible) & set(index.reads_more)):
                branch = _row(tabel.rijen[i], inputs, self)
                assert branch.condition is not None, "a row has a condition"
                self.truth(branch.condition())
                branch.value()
            return UNKNOWN
        return self.choose((_row(tabel.rijen[i], inputs, self) for i in possible), t)

    def compare(self, op: str, a: Value, b: Value) -> Value:
        return UNKNOWN if UNKNOWN in (a, b) else super().compare(op, a, b)

    def member(self, item: Value, collection: Value) -> Value:
        return UNKNOWN if UNKNOWN in (item, collection) else super().member(item, collection)

    def count(self, collection: Value) -> Value:
        return UNKNOWN if collection is UNKNOWN else super().count(collection)

    def arithmetic(self, op: str, a: Value, b: Value) -> Value:
        return UNKNOWN if UNKNOWN in (a, b) else super().arithmetic(op, a, b)

    def minus(self, x: Value) -> Value:
        return UNKNOWN if x is UNKNOWN else super().minus(x)

    def call(self, function: str, args: Sequence[Value], result: Type) -> Value:
        return UNKNOWN if any(a is UNKNOWN for a in args) else super().call(function, args, result)

    def collection(self, items: Sequence[Value], t: Type) -> Value:
        return UNKNOWN if any(i is UNKNOWN for i in items) else super().collection(items, t)

    def record(self, fields: Sequence[tuple[str, Value]], t: Type) -> Value:
        return UNKNOWN if any(v is UNKNOWN for _, v in fields) else super().record(fields, t)

    # products: a rule that may fire counts what its conclusion reads
    def claim(self, products: Toekenningen, fires: Value, named: Thunk[Value], candidates: Sequence[str],
              attributes: Attributes[Value], regel: str) -> Toekenningen:
        if fires is False:
            return products
        pid = named()
        for p in candidates if pid is UNKNOWN else [pid]:
            if p in attributes:
                attributes[p][1]()
        return products

    def drop(self, products: Toekenningen, pid: str, condition: Value, reden: str) -> Toekenningen:
        return products

    def has(self, products: Toekenningen, pid: str) -> Value:
        return UNKNOWN

    def scope(self, key: str, tag: object) -> contextlib.AbstractContextManager[None]:  # type: ignore[override]  # no generator needed
        return contextlib.nullcontext()


def _row(rij: ast.Rij, inputs: Sequence[tuple[Value, Type]], alg: Partial) -> Branch[Value]:
    return Branch(functools.partial(_row_matches, rij, inputs, alg), functools.partial(meaning, rij.uitkomst, alg), rij)


def readable(model: Model, answers: dict, overrides: dict | None = None, peildatum: dt.date | None = None) -> set[str]:
    """The open questions the outcome can read, given the answers (a superset of the still-needed set)."""
    partial = Partial(model, answers, overrides, peildatum)
    conclude(model, partial)
    return partial.read
