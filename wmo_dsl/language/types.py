"""The types of the rule language: what kind of value an expression has.

The checker gives every resolved expression its :class:`Type`; the semantics
(evaluation, the solver encoding, the compiled code) read it instead of guessing
from values, so a choice list compared with one of its choices means "contains"
everywhere, decided once, here in the type.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction

from .vocabulary import AMOUNT_UNITS, periods_per_year


@dataclass(frozen=True)
class Eenheid:
    """The unit of an amount: ``uur per week``, ``sessies``, ``euro per maand``, ``euro per 4 weken``,
    a rate ``euro per km`` (``per``: the unit counted per), or a unit the region declares
    (``strippen``). An amount has a period or is a rate, never both.

    Equal units have equal names; what a unit measures (``soort``: the kind, e.g. tijd) and how
    much of the kind one unit is (``schaal``: 60 for uur, in minuten) come with it, from
    vocabulary.AMOUNT_UNITS for a built-in unit or from the region's ``eenheid`` declaration."""

    maat: str  # the canonical (plural) name: "uur", "strippen"
    periode: str | None = None  # "week", "4 weken" (vocabulary.period_name), or None: in total
    per: "Eenheid | None" = None  # a rate: the unit per which (km in 'euro per km'), without period
    enkelvoud: str = field(default="", compare=False)
    soort: str = field(default="", compare=False)
    schaal: Fraction = field(default=Fraction(1), compare=False)

    def __post_init__(self):
        if not self.soort:  # a built-in unit; any other name without a declaration is a kind of its own
            single, kind, scale = AMOUNT_UNITS.get(self.maat, (self.enkelvoud or self.maat, self.maat, 1))
            object.__setattr__(self, "enkelvoud", self.enkelvoud or single)
            object.__setattr__(self, "soort", kind)
            object.__setattr__(self, "schaal", Fraction(scale))

    def __str__(self) -> str:
        tail = f" per {self.periode}" if self.periode else f" per {self.per.enkelvoud}" if self.per else ""
        return self.maat + tail

    def words(self, one: bool) -> str:
        """'1 minuut per week', '2 minuten per week', '1 minuut per sessie'."""
        maat = self.enkelvoud if one else self.maat
        return maat + (f" per {self.periode}" if self.periode else f" per {self.per.enkelvoud}" if self.per else "")

    @property
    def geld(self) -> bool:
        """Money: euro, in total, per period or per unit (shown as € 1,10)."""
        return self.maat == "euro"

    def zonder_periode(self) -> "Eenheid":
        return replace(self, periode=None)

    def convertible(self, other: "Eenheid") -> bool:
        if self.soort != other.soort or (self.periode is None) != (other.periode is None):
            return False
        if self.per is None or other.per is None:
            return self.per is None and other.per is None
        return self.per.soort == other.per.soort

    def factor(self, other: "Eenheid") -> Fraction:
        """What an amount in this unit is multiplied by to be in ``other`` (convertible units only)."""
        factor = self.schaal / other.schaal
        if self.periode is not None and other.periode is not None:
            factor *= periods_per_year(self.periode) / periods_per_year(other.periode)
        if self.per is not None and other.per is not None:
            factor *= other.per.schaal / self.per.schaal
        return factor


@dataclass(frozen=True)
class Type:
    """The type of an expression; ``domein`` holds the symbols of a keuze or a lijst, ``eenheid``
    the unit of an amount (a getal with a unit: the unit is checked here, and the semantics
    compute with the number in that unit)."""

    soort: str  # janee, getal, datum, duur, tekst, keuze, lijst, product, record, geen, onbekend
    domein: frozenset[str] = frozenset()
    eenheid: Eenheid | None = None
    velden: tuple[tuple[str, "Type"], ...] = ()  # the parts of a record and their types

    def unit_of(self, veld: str) -> Eenheid | None:
        """The unit of one part of a record (None for a plain part)."""
        return next((t.eenheid for n, t in self.velden if n == veld), None)

    def __str__(self) -> str:
        if self.eenheid is not None:
            return f"een hoeveelheid in {self.eenheid}"
        return _TYPE_NAMES.get(self.soort, self.soort)

    @property
    def symbolic(self) -> bool:
        """A value that is one symbol: a choice or a product."""
        return self.soort in ("keuze", "product")


_TYPE_NAMES = {
    "janee": "ja/nee", "getal": "een getal", "datum": "een datum", "duur": "een duur", "tekst": "een tekst",
    "keuze": "een keuze", "lijst": "een lijst", "product": "een product", "record": "een samengestelde waarde",
    "geen": "geen", "onbekend": "onbekend", "personen": "een lijst van personen",
}

JANEE, GETAL, DATUM, DUUR, TEKST, PRODUCT, RECORD, GEEN, ONBEKEND = (
    Type("janee"), Type("getal"), Type("datum"), Type("duur"), Type("tekst"), Type("product"), Type("record"),
    Type("geen"), Type("onbekend"),
)


def compatible(t: Type, want: Type) -> bool:
    """May a value of type ``t`` stand where ``want`` is expected? (A plain getal is wanted: an
    amount will do; the places that need a unit say so themselves.)"""
    if t.soort in ("onbekend", "geen") or want.soort == "onbekend":
        return True
    if want.soort == "product" and t.soort == "keuze":
        return False
    return t.soort == want.soort


def comparable(a: Type, b: Type) -> bool:
    """May two values be compared with = or !=?"""
    if "onbekend" in (a.soort, b.soort) or "geen" in (a.soort, b.soort):
        return True
    if a.soort == "lijst" and b.soort == "keuze":
        return True
    return a.soort == b.soort


def unified(a: Type, b: Type) -> Type | None:
    """The type of a value that is sometimes ``a`` and sometimes ``b`` (cases, rows), or None."""
    if a.soort in ("geen", "onbekend"):
        return b
    if b.soort in ("geen", "onbekend"):
        return a
    if {a.soort, b.soort} == {"keuze", "product"}:
        return a  # the first case decides, as a policy writer reads it
    if a.soort != b.soort or a.eenheid != b.eenheid:
        return None
    if a.soort == "keuze":
        return Type("keuze", a.domein | b.domein)
    return a
