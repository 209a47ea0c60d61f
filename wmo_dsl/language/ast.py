"""The typed syntax tree of a rule file: one frozen dataclass per construct.

The parser (``parse.py``) builds these from Lark's tree; the checker
(``check.py``) resolves names in them; nothing downstream sees Lark. Every node
carries a :class:`Pos`, so any later stage can point a policy writer at the line
that caused a finding or produced a conclusion.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Union


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


@dataclass(frozen=True)
class Duur:
    """A duration as the policy states it: an amount and a calendar unit."""

    aantal: int
    eenheid: str  # "maanden", "weken", "dagen", "werkdagen", "jaren"


# ── Expressions ───────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Literal:
    """A constant: a number (Decimal), percentage, duration, date, text, ja/nee or geen."""

    value: Union[Decimal, Duur, dt.date, str, bool, None]
    kind: str  # "getal", "percentage", "duur", "datum", "tekst", "janee", "geen"
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Name:
    """A bare name as written; the checker turns it into a Ref or a Symbol."""

    id: str
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Ref:
    """A resolved reference to a question, derived value, table or product."""

    id: str
    target: str  # "vraag", "waarde", "tabel", "product"
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Symbol:
    """A resolved symbolic value: a choice of a question or a case of a derived value."""

    id: str
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class ListExpr:
    """``[a, b]``: a set of values, compared as a set."""

    items: tuple["Expr", ...]
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class BinOp:
    """Arithmetic (+ - * /), comparison (= != < <= > >=) or logic (en, of)."""

    op: str
    left: "Expr"
    right: "Expr"
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Not:
    operand: "Expr"
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Negate:
    operand: "Expr"
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Count:
    """``aantal lijst``: how many elements a list holds."""

    operand: "Expr"
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class InRange:
    """``x in laag tot hoog``: both ends included, as the policy texts mean it."""

    operand: "Expr"
    low: "Expr"
    high: "Expr"
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class InList:
    operand: "Expr"
    options: ListExpr
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Contains:
    """``lijst bevat waarde``."""

    container: "Expr"
    item: "Expr"
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class RecordExpr:
    """``{naam: expr, …}``: a value with named parts, such as an hour split."""

    fields: tuple[tuple[str, "Expr"], ...]
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Call:
    """A built-in function such as ``min``, ``max`` or ``afronden``."""

    function: str
    args: tuple["Expr", ...]
    pos: Pos = field(default=NOWHERE, compare=False)


Expr = Union[Literal, Name, Ref, Symbol, ListExpr, BinOp, Not, Negate, Count, InRange, InList, Contains, Call, RecordExpr]


# ── Definitions ───────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Bron:
    """A citation of the source document: a paragraph, and for the header a version."""

    tekst: str
    versie: str | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Regio:
    id: str
    naam: str
    gemeenten: tuple[str, ...]
    bron: Bron | None
    geldig_vanaf: dt.date | None
    geldig_tot: dt.date | None
    toelichting: str | None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Optie:
    id: str
    label: str
    synoniemen: tuple[str, ...] = ()
    uitleg: str | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Vraag:
    id: str
    soort: str  # "janee", "keuze", "meerdere", "getal", "datum", "tekst"
    tekst: str | None
    uitleg: str | None
    bron: Bron | None
    opties: tuple[Optie, ...]
    eenheid: str | None
    minimaal: Expr | None
    maximaal: Expr | None
    groep: str | None
    pos: Pos = field(default=NOWHERE, compare=False)
    enkelvoud: str | None = None  # "verzwarende omstandigheid": one item of a meerdere-vraag

    def onderwerp(self) -> str:
        """A short name for the question in sentences."""
        return self.id.replace("_", " ")


@dataclass(frozen=True)
class Geval:
    """One case of a derived value: ``waarde als voorwaarde`` or ``waarde anders``."""

    waarde: Expr
    voorwaarde: Expr | None  # None: "anders"
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Waarde:
    """A derived value: one expression, or cases tried top to bottom."""

    id: str
    expr: Expr | None
    gevallen: tuple[Geval, ...]
    bron: Bron | None
    toelichting: str | None
    parameter: bool = False
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Cel:
    """One cell of a decision-table row: ``-`` (elk), or alternatives joined by ``of``."""

    tests: tuple[tuple, ...]  # each ("gelijk", expr) | ("bereik", lo, hi) | ("vergelijk", op, expr) | ("niet", expr)
    pos: Pos = field(default=NOWHERE, compare=False)

    @property
    def elk(self) -> bool:
        return not self.tests


@dataclass(frozen=True)
class Rij:
    cellen: tuple[Cel, ...]
    uitkomst: Expr
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Tabel:
    id: str
    invoer: tuple[str, ...]
    uitvoer: str
    rijen: tuple[Rij, ...]
    bron: Bron | None
    toelichting: str | None
    eerste_treffer: bool = False
    invoer_pos: tuple[Pos, ...] = field(default=(), compare=False)
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Product:
    id: str
    naam: str
    code: str
    eenheid: str | None
    duur: Expr | None
    maximale_duur: Expr | None
    onbeperkt: bool
    bron: Bron | None
    toelichting: str | None
    pos: Pos = field(default=NOWHERE, compare=False)
    minimale_duur: Expr | None = None
    alleen_met: tuple[str, ...] = ()  # "alleen in combinatie met": one of these must be indicated too
    kenmerken: tuple[tuple[str, str], ...] = ()  # facts from the catalogue: (naam, tekst)
    iwmo: tuple[tuple[str, str], ...] = ()  # (veld, waarde) of the iWmo toewijzing
    volume: Expr | None = None
    tarieven: tuple["Tarief", ...] = ()


@dataclass(frozen=True)
class Tarief:
    """What a product costs per unit from a date on: ``tarief 1234,56 per maand vanaf 2025-01-01``.

    A tariff holds until the next tariff of the same product starts, so a region
    adds next year's tariff without removing this year's.
    """

    bedrag: Decimal
    eenheid: str  # "per maand", "per uur", ...
    vanaf: dt.date
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class AlleProducten:
    """Defaults for every product of the file ("alle producten"); a product's own details win."""

    product: "Product"
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Verwijzing:
    """A referral to another law or provision (voorliggend veld, Wlz, Zvw, …)."""

    id: str
    omschrijving: str
    bron: Bron | None
    toelichting: str | None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Signaal:
    """A note for the consultant that is not a product or referral."""

    id: str
    omschrijving: str
    bron: Bron | None
    toelichting: str | None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class ProductConclusie:
    product: Expr
    duur: Expr | None = None
    maximale_duur: Expr | None = None
    onbeperkt: bool = False
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class VerwijzingConclusie:
    id: str
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class SignaalConclusie:
    id: str
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class GeenProductConclusie:
    """Restricts an indicatie: this product is not granted, whatever else concludes it."""

    id: str
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class GeenIndicatie:
    """Stops the indicatie: no product is granted when this conclusion holds."""

    pos: Pos = field(default=NOWHERE, compare=False)


Conclusie = Union[ProductConclusie, VerwijzingConclusie, SignaalConclusie, GeenIndicatie, GeenProductConclusie]


@dataclass(frozen=True)
class Regel:
    id: str
    voorwaarde: Expr | None  # None: always
    conclusies: tuple[Conclusie, ...]
    bron: Bron | None
    toelichting: str | None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Termijn:
    """A deadline that comes with the indicatie, e.g. "eerste contact: 10 werkdagen na de start"."""

    id: str
    omschrijving: str
    voorwaarde: Expr | None
    datum: Expr
    bron: Bron | None
    toelichting: str | None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class VrijeDagen:
    """Dated days a region does not count as werkdagen (e.g. equated by Koninklijk Besluit)."""

    dagen: tuple[tuple[dt.date, str], ...]
    bron: Bron | None
    toelichting: str | None
    pos: Pos = field(default=NOWHERE, compare=False)


Definitie = Union[Regio, Vraag, Waarde, Tabel, Product, Verwijzing, Signaal, Regel, Termijn, VrijeDagen, AlleProducten]


@dataclass(frozen=True)
class Regelbestand:
    """One parsed rule file: its definitions in file order."""

    pad: str
    definities: tuple[Definitie, ...]
    bronregels: tuple[str, ...] = field(default=(), compare=False, repr=False)
