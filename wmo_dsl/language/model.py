"""A checked region: its resolved definitions, their types and what each reads."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import Bevinding
from . import ast
from .informative import Informatief, informational
from .types import Type


@dataclass(frozen=True)
class Model:
    """A checked region: resolved definitions, types and evaluation order."""

    pad: str
    regio: ast.Regio
    vragen: dict[str, ast.Vraag]
    waarden: dict[str, ast.Waarde]
    tabellen: dict[str, ast.Tabel]
    producten: dict[str, ast.Product]
    verwijzingen: dict[str, ast.Verwijzing]
    signalen: dict[str, ast.Signaal]
    regels: dict[str, ast.Regel]
    termijnen: dict[str, ast.Termijn]
    vrije_dagen: frozenset  # dates that do not count as werkdagen, on top of the Algemene termijnenwet
    types: dict[str, Type]
    afhankelijkheden: dict[str, frozenset[str]]  # derived name, "regel:id", "termijn:id" -> names it reads directly
    bronregels: tuple[str, ...] = field(repr=False, default=())
    waarschuwingen: tuple[Bevinding, ...] = ()
    eenheden: dict[str, ast.EenheidDef] = field(default_factory=dict)  # the region's own units
    eisen: tuple[ast.Eis, ...] = ()  # what the answers together must satisfy

    @staticmethod
    def eis_key(eis: ast.Eis) -> str:
        """The key of an eis in ``afhankelijkheden``."""
        return f"eis:{eis.pos.line}"

    def label(self, naam: str) -> str:
        """A readable name for a definition (its id with spaces)."""
        return naam.replace("_", " ")

    @functools.cached_property
    def informatief(self) -> tuple[Informatief, ...]:
        """The informational values: shown by the outcome without deciding it (``informative.py``)."""
        return informational(self)

    def informational_questions(self) -> frozenset[str]:
        """The questions the informational values read (a product's amounts: through the product)."""
        return frozenset().union(*[self.questions_read_by(i.naam) for i in self.informatief if i.naam is not None])

    def amount_questions(self) -> frozenset[str]:
        """Questions only a product's volume, duration or amounts, or an informational value reads,
        not a rule or a deadline: how much, once it is clear what. The intake asks them after the
        questions that decide."""
        roots = [*("regel:" + r for r in self.regels), *("termijn:" + t for t in self.termijnen)]
        deciding = frozenset().union(*[self.questions_read_by(k, into_products=False) for k in roots])
        by_products = frozenset().union(*[self.questions_read_by(p) for p in self.producten])
        return (by_products | self.informational_questions()) - deciding

    def in_asking_order(self, questions: Iterable[str]) -> list[str]:
        """Questions in the order the intake asks them: those that decide first, then amounts;
        each group in the order of the rule file."""
        amounts = self.amount_questions()
        order = {q: i for i, q in enumerate(self.vragen)}
        return sorted(questions, key=lambda q: (q in amounts, order.get(q, len(order))))

    def questions_read_by(self, naam: str, into_products: bool = True) -> frozenset[str]:
        """All questions a derived value, table, product, "regel:id" or "termijn:id" depends on,
        transitively (``into_products=False``: not what a concluded product's terms read)."""
        seen: set[str] = set()
        stack = [naam]
        vragen: set[str] = set()
        while stack:
            n = stack.pop()
            if n in seen or (not into_products and n != naam and n in self.producten):
                continue
            seen.add(n)
            if n in self.vragen:
                vragen.add(n)
            stack.extend(self.afhankelijkheden.get(n, ()))
        return frozenset(vragen)
