"""What the mixins of the checker of definitions need from the checker that combines them.

The checker (``check.py``) is one class made of mixins: expressions, amounts,
persons, products, names, motivations and same labels. Each reads the checker's state and
calls methods that the checker or another mixin defines. :class:`CheckerHost`
states that contract once: every mixin subclasses it, so mypy checks each
mixin's reads against it, and the combined checker must provide every abstract
method (mypy and Python both refuse to make one that does not).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Protocol, TypeVar

from . import ast
from .types import Type

Definitie = ast.Vraag | ast.Waarde | ast.Tabel | ast.Product  # what a bare name can refer to


class CheckerHost(ABC):
    """The state and methods of the checker of definitions that its mixins use."""

    bestand: ast.Regelbestand
    defs: dict[str, Definitie]  # questions, derived values, tables, products
    resolved: dict[str, Definitie]  # the same, with their expressions resolved
    types: dict[str, Type]
    deps: dict[str, set[str]]  # a definition (or "regel:id", "termijn:id") -> the names it reads
    current: str | None  # the definition being checked: whose deps a name read counts in
    own_iwmo: dict[str, dict[str, str]]  # product -> the iWmo fields it states itself
    person_scope: dict[str, str] | None  # inside an aggregate: a person's questions by their own name

    # check.py
    @abstractmethod
    def error(self, code: str, message: str, pos: ast.Pos, hint: str | None = None, ernst: str = "fout") -> None: ...

    @abstractmethod
    def suggest(self, naam: str, candidates: Iterable[str]) -> str | None: ...

    @abstractmethod
    def ref_type(self, naam: str, pos: ast.Pos) -> Type: ...

    # expressions.py
    @abstractmethod
    def pos_of(self, expr: object) -> ast.Pos: ...

    @abstractmethod
    def source(self, expr: object) -> str: ...

    @abstractmethod
    def expect(self, expr: ast.Expr, want: Type, wat: str) -> ast.Expr: ...

    @abstractmethod
    def resolve(self, expr: ast.Expr, new_symbols: bool = False) -> tuple[ast.Expr, Type]: ...

    # names.py
    @abstractmethod
    def option_and_definition(self, expr: ast.Name, other: Type, wat: str) -> bool: ...

    # persons.py
    @abstractmethod
    def person_field(self, naam: str) -> str | None: ...

    @abstractmethod
    def count_of_persons(self, expr: ast.Count, resolved: ast.Expr) -> ast.Aggregate | None: ...

    @abstractmethod
    def aggregate(self, expr: ast.Aggregate) -> tuple[ast.Expr, Type]: ...


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def pos(self) -> ast.Pos: ...


N = TypeVar("N", bound=_Named)


def add_once(space: dict[str, N], d: N) -> N | None:
    """Put ``d`` in ``space`` under its id, unless a definition has that id already: return that one."""
    if d.id in space:
        return space[d.id]
    space[d.id] = d
    return None
