"""The solver's part of each kind of question (``language/kinds.py``): its variables, their
sort, what makes a value a valid answer, and how a model's value is read back.

One entry per kind, keyed by the kind's name and checked complete at import, so a kind added
there and forgotten here stops the import instead of becoming a String in the solver.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from ..language import ast, kinds, limits
from ..language.kinds import bound
from ..language.types import Type
from .smt_terms import S, disj, quoted, real


def decimal_of(x: Any) -> Decimal:
    """A z3 number as a Decimal: a rational exactly, an algebraic one (a root: x * x = 2) by a
    rational within 10^-20 of it."""
    if not hasattr(x, "numerator_as_long"):
        x = x.approx(20)
    return Decimal(x.numerator_as_long()) / Decimal(x.denominator_as_long())


Domain = Callable[[ast.Vraag, S, dict[str, int]], list[str]]
Reader = Callable[[Any, Any, S, ast.Vraag, dict[int, str]], Any]  # z3, a model, the term, the question, codes


@dataclass(frozen=True)
class SmtKind:
    sort: str  # the sort of the variable (of each option's variable for a meerdere question)
    type: Callable[[ast.Vraag], Type]  # the type of the term (a getal without its unit: the solver counts in it)
    domain: Domain
    read: Reader


def _none(vraag: ast.Vraag, term: S, symbols: dict[str, int]) -> list[str]:
    return []


def _choice(vraag: ast.Vraag, term: S, symbols: dict[str, int]) -> list[str]:
    return [disj(*[f"(= {term.v} {symbols[o.id]})" for o in vraag.opties])]


def _number(vraag: ast.Vraag, term: S, symbols: dict[str, int]) -> list[str]:
    parts = [f"(> {term.v} {real(-limits.MAX_ABS)})", f"(< {term.v} {real(limits.MAX_ABS)})"]
    if vraag.geheel:
        parts.append(f"(is_int {term.v})")
    for grens, op in ((bound(vraag.minimaal), ">="), (bound(vraag.maximaal), "<=")):
        if grens is not None:
            parts.append(f"({op} {term.v} {real(grens)})")
    return parts


def _date(vraag: ast.Vraag, term: S, symbols: dict[str, int]) -> list[str]:
    return [f"(>= {term.v} {limits.MIN_DATE.toordinal()})", f"(<= {term.v} {limits.MAX_DATE.toordinal()})"]


def _variable(z3: Any, m: Any, sort: str, term: object) -> Any:
    """The model's value of one variable (``term``: its quoted name)."""
    return m.eval(getattr(z3, sort)(str(term)[1:-1]), model_completion=True)


def _read_number(z3: Any, m: Any, term: S, vraag: ast.Vraag, codes: dict[int, str]) -> Any:
    return decimal_of(_variable(z3, m, "Real", term.v))


_GETAL = SmtKind("Real", lambda v: Type("getal"), _number, _read_number)

SMT_KINDS: dict[str, SmtKind] = {
    "janee": SmtKind("Bool", lambda v: Type("janee"), _none,
                     lambda z3, m, term, vraag, codes: z3.is_true(_variable(z3, m, "Bool", term.v))),
    "keuze": SmtKind("Int", lambda v: Type("keuze", frozenset(o.id for o in v.opties)), _choice,
                     lambda z3, m, term, vraag, codes: codes.get(_variable(z3, m, "Int", term.v).as_long(), vraag.opties[0].id)),
    "meerdere": SmtKind("Bool", lambda v: Type("lijst", frozenset(o.id for o in v.opties)), _none,
                        lambda z3, m, term, vraag, codes: frozenset(o for o, b in cast(dict[str, str], term.v).items() if z3.is_true(_variable(z3, m, "Bool", b)))),
    "getal": _GETAL,
    "personen": _GETAL,  # the number of persons
    "datum": SmtKind("Int", lambda v: Type("datum"), _date,  # the day's ordinal
                     lambda z3, m, term, vraag, codes: dt.date.fromordinal(_variable(z3, m, "Int", term.v).as_long())),
    "tekst": SmtKind("String", lambda v: Type("tekst"), _none,
                     lambda z3, m, term, vraag, codes: _variable(z3, m, "String", term.v).as_string()),
}
kinds.missing_kinds("semantics/smt_kinds.py SMT_KINDS", SMT_KINDS)


def part(vraag: ast.Vraag) -> SmtKind:
    return SMT_KINDS[kinds.of(vraag).naam]


def question_term(vraag: ast.Vraag, prefix: str) -> S:
    """The variable(s) of a question in one copy: one per option for a list of options."""
    name = f"{prefix}.q.{vraag.id}"
    t = part(vraag).type(vraag)
    if t.soort == "lijst":
        return S(t, {o.id: quoted(f"{name}.{o.id}") for o in vraag.opties})
    return S(t, quoted(name))


def domain_constraints(vraag: ast.Vraag, term: S, symbols: dict[str, int]) -> list[str]:
    """What makes a value a valid answer to the question (the bounds of limits.py included)."""
    return part(vraag).domain(vraag, term, symbols)


def declarations(vraag: ast.Vraag, term: S) -> list[str]:
    sort = part(vraag).sort
    names = term.v.values() if isinstance(term.v, dict) else [term.v]
    return [f"(declare-const {n} {sort})" for n in names]


def read_answer(z3: Any, m: Any, vraag: ast.Vraag, term: S, codes: dict[int, str]) -> Any:
    """The answer a solver model gives the question (``codes``: symbol code -> option id)."""
    return part(vraag).read(z3, m, term, vraag, codes)
