"""A deviating value for a derived value as a consultant types it (or as a log or a case file has it).

The same readers as answers to questions (``natural.py``): a choice or product by id or code, ja/nee,
an amount with its unit, a duration, a date.
"""

from __future__ import annotations

from typing import Any

from ..errors import WmoFout
from ..language import ast, limits
from ..language.model import Model
from ..language.vocabulary import TIME_UNIT_WORDS
from .answers import checked_number, split_amount, written_number
from .natural import AntwoordFout, fold, parse_date, yes_no


def parse_derived(model: Model, naam: str, tekst: str) -> Any:
    """A deviating value for a derived value, typed by a consultant (or read back from a log or a case file)."""
    from ..language.check import Type

    if limits.text_problem(tekst):
        raise AntwoordFout(f"de afwijkende waarde {limits.SURROGAAT}")
    t = model.types.get(naam, Type("onbekend"))
    f = fold(tekst)
    if t.soort == "keuze" or t.soort == "product":
        for p in model.producten.values():
            if f in (fold(p.id), fold(p.code)):
                return p.id
        for s in sorted(t.domein):
            if fold(s) == f:
                return s
        opties = sorted(t.domein) if t.soort == "keuze" and t.domein else [p.code for p in model.producten.values()]
        raise WmoFout(f"'{tekst}' is geen mogelijke waarde van {naam}; kies uit: {', '.join(opties)}")
    if t.soort == "janee":
        value = yes_no(tekst)
        if value is None:
            raise WmoFout("antwoord ja of nee")
        return value
    if t.soort == "getal":
        from decimal import InvalidOperation

        getal, unit = split_amount(tekst)
        if unit is not None and t.eenheid is not None:
            try:
                return checked_number(ast.Vraag(naam, "getal", None, None, None, (), None, None, None, None, hoeveelheid=t.eenheid),
                                      written_number(getal), unit)
            except (ValueError, InvalidOperation) as err:
                raise WmoFout(f"'{tekst[:40]}' {err}") from None
        try:
            number = written_number(getal)
        except InvalidOperation:
            raise WmoFout(f"'{tekst[:40]}' is geen getal") from None
        grens = limits.number_problem(number)
        if grens:
            raise WmoFout(f"'{tekst[:40]}' {grens}")
        return number
    if t.soort == "duur":
        parts = f.split()
        if len(parts) == 2 and parts[0].isdigit() and len(parts[0]) <= 4 and parts[1] in TIME_UNIT_WORDS:
            return ast.Duur(int(parts[0]), TIME_UNIT_WORDS[parts[1]])
        raise WmoFout(f"'{tekst}' is geen duur; schrijf bijvoorbeeld 6 maanden")
    if t.soort == "datum":
        return parse_date(tekst)
    return tekst.strip()
