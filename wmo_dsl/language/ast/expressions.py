"""Positions, expressions and the cells of decision tables: one frozen dataclass per construct.

Every node carries a :class:`Pos`, so any later stage can point a policy writer
at the line that caused a finding or produced a conclusion. After checking,
every expression also carries its :class:`~wmo_dsl.language.types.Type` in
``t``; what each construct means is defined once, in ``semantics/meaning.py``.
Chains of ``en``, ``of``, ``+ -`` and ``* /`` are one node each, so a condition
of a hundred terms is wide, not deep.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Union

from ..types import Eenheid, Type


@dataclass(frozen=True)
class Pos:
    """Where a node stands in its rule file (1-based line and column)."""

    file: str
    line: int
    column: int
    end_line: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


NOWHERE = Pos("<intern>", 0, 0)


def _pos():
    return field(default=NOWHERE, compare=False)


def _type():
    return field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Duur:
    """A duration as the policy states it: an amount and a calendar unit."""

    aantal: int
    eenheid: str  # "maanden", "weken", "dagen", "werkdagen", "jaren"


# ── Expressions ───────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Literal:
    """A constant: a number (Decimal), an amount (a number with ``eenheid``), percentage,
    duration, date, text, ja/nee or geen."""

    value: Union[Decimal, Duur, dt.date, str, bool, None]
    kind: str  # "getal", "hoeveelheid", "percentage", "duur", "datum", "tekst", "janee", "geen"
    pos: Pos = _pos()
    t: Type | None = _type()
    eenheid: Eenheid | None = None


@dataclass(frozen=True)
class Name:
    """A bare name as written; the checker turns it into a Ref or a Symbol."""

    id: str
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Ref:
    """A resolved reference to a question, derived value, table or product."""

    id: str
    target: str  # "vraag", "waarde", "tabel", "product"
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Symbol:
    """A resolved symbolic value: a choice of a question or a case of a derived value."""

    id: str
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class ListExpr:
    """``[a, b]``: a set of values, compared as a set."""

    items: tuple["Expr", ...]
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Logic:
    """``a en b en c`` or ``a of b of c``: true when all (en) or any (of) of the items are ja."""

    op: str  # "en" | "of"
    items: tuple["Expr", ...]
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Not:
    operand: "Expr"
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Compare:
    """``a = b``, ``!=``, ``<``, ``<=``, ``>``, ``>=``."""

    op: str
    left: "Expr"
    right: "Expr"
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Arith:
    """``a + b - c`` or ``a * b / c``, from left to right: ``first`` then each (operator, operand)."""

    first: "Expr"
    rest: tuple[tuple[str, "Expr"], ...]
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Negate:
    operand: "Expr"
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Count:
    """``aantal lijst``: how many elements a list holds."""

    operand: "Expr"
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class InRange:
    """``x in laag tot hoog``: both ends included, as the policy texts mean it."""

    operand: "Expr"
    low: "Expr"
    high: "Expr"
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class InList:
    operand: "Expr"
    options: ListExpr
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Contains:
    """``lijst bevat waarde``."""

    container: "Expr"
    item: "Expr"
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class RecordExpr:
    """``{naam: expr, …}``: a value with named parts, such as an hour split."""

    fields: tuple[tuple[str, "Expr"], ...]
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Convert:
    """``x in uur per week``: an amount in another unit of the same kind."""

    operand: "Expr"
    eenheid: Eenheid
    pos: Pos = _pos()
    t: Type | None = _type()
    implicit: bool = False  # added by the checker (a rounding step in another unit), not written


@dataclass(frozen=True)
class IfElse:
    """``als voorwaarde dan a anders b``."""

    condition: "Expr"
    then: "Expr"
    otherwise: "Expr"
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Between:
    """``jaren tussen a en b``: how many whole years (months, weeks, days) from date a to date b."""

    unit: str  # "jaren", "maanden", "weken", "dagen"
    start: "Expr"
    end: "Expr"
    pos: Pos = _pos()
    t: Type | None = _type()


@dataclass(frozen=True)
class Aggregate:
    """``aantal huisgenoten met C``, ``som van X van L``, ``hoogste X van L met C``, ``laagste …``.

    As written: the list ``lijst``, the person's field ``veld`` (not for aantal) and the
    condition ``met``. After checking, ``personen`` holds one (condition, value) pair per
    possible person of the list, with the person's own questions resolved for that person."""

    kind: str  # "aantal", "som", "hoogste", "laagste"
    lijst: str
    veld: str | None
    met: "Expr | None"
    pos: Pos = _pos()
    t: Type | None = _type()
    personen: tuple[tuple["Expr | None", "Expr | None"], ...] = ()


@dataclass(frozen=True)
class Call:
    """A built-in function such as ``min``, ``max`` or ``afronden``."""

    function: str
    args: tuple["Expr", ...]
    pos: Pos = _pos()
    t: Type | None = _type()


Expr = Union[Literal, Name, Ref, Symbol, ListExpr, Logic, Not, Compare, Arith, Negate, Count, InRange, InList, Contains,
             Call, RecordExpr, Convert, IfElse, Between, Aggregate]


# ── Cells of a decision table ─────────────────────────────────────────────


@dataclass(frozen=True)
class CelGelijk:
    """A cell value: the input equals it (for a list input: holds it)."""

    expr: "Expr"


@dataclass(frozen=True)
class CelNiet:
    """``niet x``: the input is not (does not hold) x."""

    expr: "Expr"


@dataclass(frozen=True)
class CelBereik:
    """``laag tot hoog``, both ends included."""

    low: "Expr"
    high: "Expr"


@dataclass(frozen=True)
class CelVergelijk:
    """``>= 3``, ``< 2``, …"""

    op: str
    expr: "Expr"


CelTest = Union[CelGelijk, CelNiet, CelBereik, CelVergelijk]


@dataclass(frozen=True)
class Cel:
    """One cell of a decision-table row: ``-`` (elk), or alternatives joined by ``of``."""

    tests: tuple[CelTest, ...]
    pos: Pos = _pos()

    @property
    def elk(self) -> bool:
        return not self.tests


__all__ = [
    "Aggregate", "Arith", "Between", "Call", "Cel", "CelBereik", "CelGelijk", "CelNiet", "CelTest", "CelVergelijk", "Compare",
    "Contains", "Convert", "Count", "Duur", "Eenheid", "Expr", "IfElse", "InList", "InRange", "ListExpr", "Literal", "Logic", "NOWHERE",
    "Name", "Negate", "Not", "Pos", "RecordExpr", "Ref", "Symbol",
]
