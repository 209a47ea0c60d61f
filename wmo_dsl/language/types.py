"""The types of the rule language: what kind of value an expression has.

The checker gives every resolved expression its :class:`Type`; the semantics
(evaluation, the solver encoding, the compiled code) read it instead of guessing
from values, so a choice list compared with one of its choices means "contains"
everywhere, decided once, here in the type.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Type:
    """The type of an expression; ``domein`` holds the symbols of a keuze or a lijst."""

    soort: str  # janee, getal, datum, duur, tekst, keuze, lijst, product, record, geen, onbekend
    domein: frozenset[str] = frozenset()

    def __str__(self) -> str:
        return _TYPE_NAMES.get(self.soort, self.soort)

    @property
    def symbolic(self) -> bool:
        """A value that is one symbol: a choice or a product."""
        return self.soort in ("keuze", "product")


_TYPE_NAMES = {
    "janee": "ja/nee", "getal": "een getal", "datum": "een datum", "duur": "een duur", "tekst": "een tekst",
    "keuze": "een keuze", "lijst": "een lijst", "product": "een product", "record": "een samengestelde waarde",
    "geen": "geen", "onbekend": "onbekend",
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
    "midden": (("datum", "datum"), "datum"),
}


def compatible(t: Type, want: Type) -> bool:
    """May a value of type ``t`` stand where ``want`` is expected?"""
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
    if a.soort != b.soort:
        return None
    if a.soort == "keuze":
        return Type("keuze", a.domein | b.domein)
    return a
