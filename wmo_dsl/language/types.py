"""The types of the rule language: what kind of value an expression has.

The checker gives every resolved expression its :class:`Type`; the semantics
(evaluation, the solver encoding, the compiled code) read it instead of guessing
from values, so a choice list compared with one of its choices means "contains"
everywhere, decided once, here in the type.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .vocabulary import AMOUNT_UNITS, PERIODS


@dataclass(frozen=True)
class Eenheid:
    """The unit of an amount: ``uur per week``, ``sessies``, ``euro per maand``."""

    maat: str  # the canonical (plural) unit of vocabulary.AMOUNT_UNITS
    periode: str | None = None  # a period of vocabulary.PERIODS, or None: in total

    def __str__(self) -> str:
        return f"{self.maat} per {self.periode}" if self.periode else self.maat

    def words(self, one: bool) -> str:
        """'1 minuut per week', '2 minuten per week'."""
        maat = AMOUNT_UNITS[self.maat][0] if one else self.maat
        return f"{maat} per {self.periode}" if self.periode else maat

    def convertible(self, other: "Eenheid") -> bool:
        return AMOUNT_UNITS[self.maat][1] == AMOUNT_UNITS[other.maat][1] and (self.periode is None) == (other.periode is None)

    def factor(self, other: "Eenheid") -> Fraction:
        """What an amount in this unit is multiplied by to be in ``other`` (convertible units only)."""
        factor = Fraction(AMOUNT_UNITS[self.maat][2], AMOUNT_UNITS[other.maat][2])
        if self.periode is not None and other.periode is not None:
            factor *= Fraction(PERIODS[self.periode], PERIODS[other.periode])
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

# name: (argument types, or None for "one or more getal"; result type)
FUNCTIONS = {
    "min": (None, "getal"),
    "max": (None, "getal"),
    "afronden": (("getal", "getal"), "getal"),
    "naar_boven": (("getal", "getal"), "getal"),
    "naar_beneden": (("getal", "getal"), "getal"),
    "afronden_op": (("getal", "getal"), "getal"),
    "midden": (("datum", "datum"), "datum"),
}


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
