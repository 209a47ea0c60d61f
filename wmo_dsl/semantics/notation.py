"""Values in Dutch notation: a decimal comma, dates as 1-7-2025, labels instead of ids.

Shared by every stage that shows a value to a person: findings of ``wmo check``,
answers read back in the intake, explanations and documents.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from ..language import ast
from ..language.limits import scientific
from ..language.types import Eenheid, Type
from ..language.vocabulary import unit_name
from .values import CONTEXT, Record, Value


def format_number(value: Decimal) -> str:
    """Dutch notation: decimal comma, no trailing zeros, at most 2 decimals."""
    q = value.quantize(Decimal("0.01"), context=CONTEXT).normalize(CONTEXT)
    if not q.is_finite():  # beyond the bounds (the engine refuses those first): 1,0·10^36
        return scientific(value)
    text = format(q, "f")
    return text.replace(".", ",")



def bedrag_text(bedrag: Decimal | None) -> str:
    """An amount of money the Dutch way: € 1.234,56, a minus sign before the euro sign; cents
    always, and a third or fourth decimal where the amount has exactly that many (a tariff of
    € 0,185 per km); an amount with more (a computed third) is shown in whole cents."""
    if bedrag is None:
        return "—"
    if not bedrag.is_finite():
        return "€ " + scientific(bedrag)
    exponent = bedrag.normalize(CONTEXT).as_tuple().exponent
    assert isinstance(exponent, int), "a finite amount has a whole exponent"
    decimals = -exponent
    digits = decimals if 2 < decimals <= 4 else 2  # a computed third of a euro shows as cents
    exact = abs(bedrag).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP, context=CONTEXT)
    if not exact.is_finite():
        return "€ " + scientific(bedrag)
    text = f"{exact:,f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return ("−" if bedrag < 0 else "") + "€ " + text


def amount_text(value: Decimal, eenheid: Eenheid) -> str:
    """An amount with its unit: '2,5 uur per week', '1 minuut', money as '€ 1,10 per km'."""
    if eenheid.geld:
        words = eenheid.words(False)
        return bedrag_text(value) + words[len(eenheid.maat):].replace("_", " ")
    return f"{format_number(value)} {eenheid.words(value == 1).replace('_', ' ')}"


def list_text(items: list[str], word: str = "en") -> str:
    """'A, B en C'; with '; ' between all items when a label holds 'en' or a comma itself, so
    "Zelfzorg en gezondheid; Administratie en financiën" stays readable."""
    if len(items) == 1:
        return items[0]
    if any(f" {word} " in i or "," in i for i in items):
        return "; ".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def value_text(value: Value, labels: dict[str, str] | None = None, eenheid: Eenheid | None = None) -> str:
    """A value in Dutch notation; ``labels`` maps ids (choices, products) to readable names;
    ``eenheid`` the unit of an amount ('2,5 uur per week', '1 minuut')."""
    labels = labels or {}
    if value is None:
        return "geen"
    if eenheid is not None and isinstance(value, Decimal):
        return amount_text(value, eenheid)
    if value is True:
        return "ja"
    if value is False:
        return "nee"
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, dt.date):
        return f"{value.day}-{value.month}-{value.year}"
    if isinstance(value, ast.Duur):
        return f"{value.aantal} {unit_name(value.eenheid, value.aantal)}"
    if isinstance(value, frozenset):
        if not value:
            return "geen"
        order = list(labels)
        ranked = sorted(value, key=lambda v: (order.index(v) if v in order else len(order), v))
        items = [labels.get(v, v.replace("_", " ")) for v in ranked]
        return list_text(items)
    if isinstance(value, str):
        return labels.get(value, value.replace("_", " ") if "_" in value else value)
    if isinstance(value, Record):
        return "; ".join(f"{k.replace('_', ' ')}: {value_text(v)}" for k, v in value.fields)
    return str(value)


def typed_text(value: Value, t: Type | None, labels: dict[str, str] | None = None) -> str:
    """A value with the units its type gives: '2,5 uur per week', a record's parts each with theirs."""
    if t is not None and isinstance(value, Record) and t.velden:
        return "; ".join(f"{k.replace('_', ' ')}: {value_text(v, eenheid=t.unit_of(k))}" for k, v in value.fields)
    return value_text(value, labels, t.eenheid if t is not None else None)

