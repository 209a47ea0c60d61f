"""The definitions of a rule file: the region header, questions, derived values, tables,
products, referrals, signals, rules, deadlines and days off, and the file that holds them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Union

from ..types import Eenheid
from .expressions import NOWHERE, Cel, Expr, Pos


@dataclass(frozen=True)
class Bron:
    """A citation of the source document: a paragraph, and for the header a version."""

    tekst: str
    versie: str | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Zin:
    """One statement, written to "u" (the letter); ``inwoner`` is the consultant's form when the
    swap to "de inwoner" would be wrong (None: swapped, see present/reader.py)."""

    u: str
    inwoner: str | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Zinnen:
    """How a value says itself: ``zin ja``/``zin nee`` for yes/no, ``label`` and ``zin "…{waarde}…"`` for
    other values, ``label symbool "…"`` for the symbols of a derived value."""

    ja: Zin | None = None
    nee: Zin | None = None
    label: str | None = None
    waarde: Zin | None = None
    symbolen: tuple[tuple[str, str], ...] = ()

    @property
    def leeg(self) -> bool:
        return self == Zinnen()


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
    grondslag: str | None = None  # the legal basis a beschikking names, e.g. the verordening
    eigen_bijdrage: str | None = None  # the beschikking's eigen-bijdrage sentence; "" = geen eigen bijdrage


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
    geheel: bool = False  # "geheel getal": whole numbers only
    hoeveelheid: Eenheid | None = None  # "eenheid uur per week": the answer is an amount in this unit
    per_persoon: tuple["Vraag", ...] = ()  # a 'personen' question: what is asked about each person
    persoon: tuple[str, int, str] | None = None  # a person's question: (list, person 1.., field)
    wie: str | None = None  # a person's question: the person in words, "huisgenoot 2"
    zinnen: Zinnen = field(default_factory=Zinnen)  # statements for explanations and letters
    oordeel: bool = False  # 'oordeel': the answer is the consultant's professional judgement

    @property
    def personen(self) -> bool:
        """A list of persons: the answer is how many there are; each has the questions of per_persoon."""
        return bool(self.per_persoon) or self.soort == "personen"

    def onderwerp(self) -> str:
        """A short name for the question in sentences: "extra kamers", "huisgenoot 2: leeftijd"."""
        if self.persoon is not None:
            return f"{self.wie}: {self.persoon[2].replace('_', ' ')}"
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
    motivering: str | None = None  # the sentence a consultant reads, with {naam} placeholders
    zinnen: Zinnen = field(default_factory=Zinnen)  # statements for explanations and letters


@dataclass(frozen=True)
class Rij:
    cellen: tuple[Cel, ...]
    uitkomst: Expr
    pos: Pos = field(default=NOWHERE, compare=False)
    motivering: str | None = None  # the sentence a consultant reads when this row decides


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
    motivering: str | None = None
    zinnen: Zinnen = field(default_factory=Zinnen)  # statements for explanations and letters


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
    code_onbekend: str | None = None  # 'code onbekend "…"': no iWmo productcode is known, and why
    uitvoeringsvariant: str | None = None  # iWmo: inspanningsgericht (the default) or outputgericht
    zinnen: Zinnen = field(default_factory=Zinnen)  # statements for explanations and letters
    bedragen: tuple["Bedrag", ...] = ()  # amounts the citizen pays or receives with this product

    @property
    def echte_code(self) -> str | None:
        """The product code a letter or a summary may show: not the id standing in for a missing code."""
        iwmo = dict(self.iwmo).get("productcode")
        if iwmo:
            return iwmo
        id_like = self.code == self.id and ("_" in self.code or self.code.isalpha()) and self.code.islower()
        return None if id_like or not self.code else self.code


@dataclass(frozen=True)
class Bedrag:
    """An amount that comes with a product: ``eigen bijdrage <expr>`` (the citizen pays it) or
    ``vergoeding <expr>`` (the citizen receives it). It does not decide the indicatie; it is part
    of the outcome (its questions are asked, the letter and the JSON show it)."""

    soort: str  # "eigen_bijdrage" | "vergoeding"
    expr: Expr
    pos: Pos = field(default=NOWHERE, compare=False)

    @property
    def woorden(self) -> str:
        return self.soort.replace("_", " ")


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
    motivering: str | None = None


@dataclass(frozen=True)
class Termijn:
    """A deadline that comes with the indicatie, e.g. "eerste contact: 10 werkdagen na de start"."""

    id: str
    omschrijving: str
    voorwaarde: Expr | None
    datum: Expr | None  # None: the parser found none (E224)
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


@dataclass(frozen=True)
class EenheidDef:
    """A unit the region counts in (``eenheid strip`` / ``meervoud strippen``): ``eenheid`` is the
    unit as amounts carry it; ``is_`` what one of it is in another unit (``is 4 uur``), if said."""

    id: str
    eenheid: Eenheid
    is_: tuple[Decimal, Eenheid] | None
    bron: Bron | None
    toelichting: str | None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Eis:
    """What the answers together must satisfy ("hoogstens één partner"): an answer that makes the
    condition false is refused with ``melding``, and the solver and the proofs assume it."""

    voorwaarde: Expr
    melding: str
    bron: Bron | None
    toelichting: str | None
    pos: Pos = field(default=NOWHERE, compare=False)

    @property
    def id(self) -> str:
        """Eisen have no name; the line they start on tells them apart."""
        return f"regel {self.pos.line}"


Definitie = Union[Regio, Vraag, Waarde, Tabel, Product, Verwijzing, Signaal, Regel, Termijn, VrijeDagen, AlleProducten, EenheidDef,
                  Eis]


@dataclass(frozen=True)
class Regelbestand:
    """One parsed rule file: its definitions in file order."""

    pad: str
    definities: tuple[Definitie, ...]
    bronregels: tuple[str, ...] = field(default=(), compare=False, repr=False)


__all__ = [
    "AlleProducten", "Bedrag", "Bron", "Conclusie", "Definitie", "EenheidDef", "Eis", "GeenIndicatie", "GeenProductConclusie", "Geval",
    "Optie", "Product", "ProductConclusie", "Regel", "Regelbestand", "Regio", "Rij", "Signaal",
    "SignaalConclusie", "Tabel", "Tarief", "Termijn", "Verwijzing", "VerwijzingConclusie", "Vraag",
    "VrijeDagen", "Waarde", "Zin", "Zinnen",
]
