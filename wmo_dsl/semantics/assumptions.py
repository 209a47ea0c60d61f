"""The answers of a still-needed query as assumptions, so the session keeps what z3 learnt.

Asserting the answers in a pushed scope and popping it afterwards throws away the
clauses z3 learnt under them, and each intake step started the search afresh (a
few hundred milliseconds for one check on a composite file). Instead each answer
gets a literal, asserted once to imply the answer (``lit => a.q = value``), and
a query assumes the literals of its answers: nothing is popped, and a literal not
assumed constrains nothing. 'At most one question differs' is one more literal, and 'one of these differs' one per set of
candidates.
"""

from __future__ import annotations

from typing import Any, Callable

from .values import Value


class Assumptions:
    """The literals of one session: one per (question, answer) met so far, and 'one differs'."""

    def __init__(self, z3: Any, solver: Any, selectors: dict[str, Any], fixed: Callable[[str, Value], Any]) -> None:
        self.z3, self.solver, self.fixed = z3, solver, fixed
        self.selectors = selectors
        self.literals: dict[tuple[str, Value], Any] = {}
        self.one: Any = None
        self.some: dict[frozenset[str], Any] = {}

    def answer(self, q: str, value: Value) -> Any:
        """The literal that, assumed, fixes copy a's answer to ``q`` at ``value``."""
        literal = self.literals.get((q, value))
        if literal is None:
            z3 = self.z3
            literal = z3.Bool(f"antwoord.{len(self.literals)}")
            self.solver.add(z3.Implies(literal, z3.And(*self.fixed(q, value))))
            self.literals[(q, value)] = literal
        return literal

    def one_differs(self) -> Any:
        """The literal that, assumed, lets at most one question's selector be on."""
        if self.one is None:
            z3 = self.z3
            self.one = z3.Bool("een.verschilt")
            self.solver.add(z3.Implies(self.one, z3.AtMost(*self.selectors.values(), 1)))
        return self.one

    def some_differs(self, remaining: list[str]) -> Any:
        """The literal that, assumed, turns one of ``remaining``'s selectors on. ('The outcomes
        differ' implies it, but z3 finds a model far sooner when it is told.)"""
        key = frozenset(remaining)
        literal = self.some.get(key)
        if literal is None:
            z3 = self.z3
            literal = self.some[key] = z3.Bool(f"een.van.{len(self.some)}")
            self.solver.add(z3.Implies(literal, z3.Or(*[self.selectors[q] for q in remaining])))
        return literal

    def query(self, answers: dict, remaining: list[str]) -> list[Any]:
        """The assumptions of 'one of ``remaining`` differs, the others and the answers do not'."""
        z3 = self.z3
        return [self.one_differs(), self.some_differs(remaining), *[self.answer(q, v) for q, v in answers.items()],
                *[z3.Not(s) for q, s in self.selectors.items() if q not in remaining]]
