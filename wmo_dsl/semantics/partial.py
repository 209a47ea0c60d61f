"""Which open questions the outcome can read at all, given the answers so far: a cheap filter before the solver.

:class:`Partial` is the evaluator's algebra with one more value, *unknown*, for
what rests on an open question. A part whose value the answers already decide
(``nee en …``, a case whose condition is surely false, a rule that cannot fire)
does not count what it reads. The questions that remain are a superset of the
still-needed set; the solver only has to decide those.
"""

from __future__ import annotations

import contextlib

from .conclusions import conclude
from .evaluate import Evaluation, Toekenningen

UNKNOWN = object()


class Partial(Evaluation):
    """Evaluation with open questions as *unknown*; ``read`` collects the open questions that count."""

    def __init__(self, model, answers: dict, overrides: dict | None = None, peildatum=None):
        super().__init__(model, answers, overrides, peildatum=peildatum)
        self.reads: dict[str, frozenset] = {}  # derived value -> the open questions it counts
        self.read: set[str] = set()
        self._stack: list[set[str]] = [self.read]

    def _count(self, questions) -> None:
        self._stack[-1].update(questions)

    @contextlib.contextmanager
    def _capture(self):
        found: set[str] = set()
        self._stack.append(found)
        try:
            yield found
        finally:
            self._stack.pop()

    def question(self, qid: str, t):
        if qid in self.answers:
            return self.answers[qid]
        self._count([qid])
        return UNKNOWN

    def derived(self, naam: str, t):
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

    def truth(self, x):
        return UNKNOWN if x is UNKNOWN else x is True

    def logic(self, op: str, items):
        decided = op == "of"
        unknown, reads = False, set()
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

    def negation(self, x):
        return UNKNOWN if x is UNKNOWN else x is not True

    def choose(self, branches, t):
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

    def compare(self, op, a, b):
        return UNKNOWN if UNKNOWN in (a, b) else super().compare(op, a, b)

    def member(self, item, collection):
        return UNKNOWN if UNKNOWN in (item, collection) else super().member(item, collection)

    def count(self, collection):
        return UNKNOWN if collection is UNKNOWN else super().count(collection)

    def arithmetic(self, op, a, b):
        return UNKNOWN if UNKNOWN in (a, b) else super().arithmetic(op, a, b)

    def minus(self, x):
        return UNKNOWN if x is UNKNOWN else super().minus(x)

    def call(self, function, args, result):
        return UNKNOWN if any(a is UNKNOWN for a in args) else super().call(function, args, result)

    def collection(self, items, t):
        return UNKNOWN if any(i is UNKNOWN for i in items) else super().collection(items, t)

    def record(self, fields, t):
        return UNKNOWN if any(v is UNKNOWN for _, v in fields) else super().record(fields, t)

    # products: a rule that may fire counts what its conclusion reads
    def claim(self, products: Toekenningen, fires, named, candidates, attributes, regel: str):
        if fires is False:
            return products
        pid = named()
        for p in candidates if pid is UNKNOWN else [pid]:
            if p in attributes:
                attributes[p][1]()
        return products

    def drop(self, products, pid, condition, reden):
        return products

    def has(self, products, pid):
        return UNKNOWN

    def scope(self, key, tag):
        return contextlib.nullcontext()


def readable(model, answers: dict, overrides: dict | None = None, peildatum=None) -> set[str]:
    """The open questions the outcome can read, given the answers (a superset of the still-needed set)."""
    partial = Partial(model, answers, overrides, peildatum)
    conclude(model, partial)
    return partial.read
