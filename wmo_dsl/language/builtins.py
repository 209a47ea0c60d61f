"""The built-in functions of the language, each defined once: name, arguments, result and unit rule.

What a function computes lives beside its solver term in ``semantics/builtins.py``, and how it
reads in words in ``present/words.py``; both check at import that every function here has its
part, so a function added here and forgotten there fails at once, not in a case far away.
Adding a function is three entries: here, its meaning, its words. A function written in words
('minimum van a en b') is a fourth: its rule in the grammar, named as the function.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

# How the unit of the result follows from the arguments (``expressions.py`` applies it):
#   geen       - the result has no unit (the arguments need none either);
#   gedeeld    - every argument in one unit, converted where it can be; the result has that unit;
#   stap       - the first argument's unit, the second a fixed step in that unit (naar_boven);
#   decimalen  - the first argument's unit, the second a whole number of decimals from 0 to 10.
EenheidRegel = Literal["geen", "gedeeld", "stap", "decimalen"]


@dataclass(frozen=True)
class Builtin:
    naam: str
    argumenten: tuple[str, ...] | None  # the soort of each argument; None: one or more getallen
    resultaat: str  # the soort of the result
    eenheid: EenheidRegel
    voorbeeld: str  # for a hint: how it is written
    schrijfbaar: bool = True  # False: made by the parser from other syntax ('jaren tussen a en b')
    # A function the rule language writes in words, not as a call: the template of its text
    # ('minimum van {0} en {1}'). The grammar has a rule of the function's name for it, which the
    # parser turns into a call of it (tree.py) and ``wmo fmt`` writes back with this template.
    schrijfwijze: str | None = None


BUILTINS: dict[str, Builtin] = {b.naam: b for b in (
    Builtin("min", None, "getal", "gedeeld", "min(uren, 10 uur per week)"),
    Builtin("max", None, "getal", "gedeeld", "max(uren, 2 uur per week)"),
    Builtin("absoluut", ("getal",), "getal", "gedeeld", "absoluut(verschil)"),
    Builtin("afronden", ("getal", "getal"), "getal", "decimalen", "afronden(uren, 2)"),
    Builtin("naar_boven", ("getal", "getal"), "getal", "stap", "naar_boven(minuten, 15 minuten per week)"),
    Builtin("naar_beneden", ("getal", "getal"), "getal", "stap", "naar_beneden(uren, 1 uur per week)"),
    Builtin("afronden_op", ("getal", "getal"), "getal", "stap", "afronden_op(bedrag, 0,01 euro)"),
    Builtin("midden", ("datum", "datum"), "datum", "geen", "midden(startdatum, einddatum)"),
    Builtin("jaren_tussen", ("datum", "datum"), "getal", "geen", "jaren tussen geboortedatum en peildatum", False),
    Builtin("maanden_tussen", ("datum", "datum"), "getal", "geen", "maanden tussen startdatum en peildatum", False),
    Builtin("weken_tussen", ("datum", "datum"), "getal", "geen", "weken tussen startdatum en peildatum", False),
    Builtin("dagen_tussen", ("datum", "datum"), "getal", "geen", "dagen tussen startdatum en peildatum", False),
)}

# The functions a rule file may call by name.
FUNCTIONS = {n: b for n, b in BUILTINS.items() if b.schrijfbaar}
# The functions a rule file writes in words: the grammar rule of that name gives a call of it.
IN_WORDS = {n: b for n, b in BUILTINS.items() if b.schrijfwijze is not None}


def missing_parts(part: str, table: Mapping[str, object], names: Iterable[str] | None = None) -> None:
    """Refuse a table of meanings or words that lacks a function (or has one that does not exist)."""
    wanted = set(BUILTINS if names is None else names)
    missing, unknown = sorted(wanted - set(table)), sorted(set(table) - set(BUILTINS))
    if missing or unknown:
        raise ImportError(f"{part}: ontbreekt voor {missing or '-'}, onbekend: {unknown or '-'}")
