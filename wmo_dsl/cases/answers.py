"""Answers: from a case file's JSON values to engine values, and back.

A case file answers with plain JSON (``true``, ``"behouden"``, a list of ids,
a number, ``"2025-07-01"``). Anything that does not fit a question is refused
with a Dutch message that names the question and what it allows, so a
consultant or a program knows exactly what to correct.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from ..language import ast
from ..language import limits
from ..semantics.notation import format_number
from ..semantics.values import Record
from ..language.check import Model
from ..errors import CasusFout


def allowed_text(vraag: ast.Vraag) -> str:
    """What a question accepts, in words."""
    if vraag.soort == "janee":
        return "true of false (ja of nee)"
    if vraag.soort == "keuze":
        return "één van: " + ", ".join(o.id for o in vraag.opties)
    if vraag.soort == "meerdere":
        return "een lijst (mag leeg zijn) met: " + ", ".join(o.id for o in vraag.opties)
    if vraag.soort == "getal":
        grenzen = []
        if isinstance(vraag.minimaal, ast.Literal):
            grenzen.append(f"minimaal {format_number(vraag.minimaal.value)}")
        if isinstance(vraag.maximaal, ast.Literal):
            grenzen.append(f"maximaal {format_number(vraag.maximaal.value)}")
        return "een getal" + (f" ({', '.join(grenzen)})" if grenzen else "")
    if vraag.soort == "datum":
        return "een datum als JJJJ-MM-DD"
    return "een tekst"


def out_of_bounds(vraag: ast.Vraag, number: Decimal) -> str | None:
    """'hoger dan het maximum 40', or None when the number fits the question's bounds."""
    if isinstance(vraag.minimaal, ast.Literal) and number < vraag.minimaal.value:
        return f"lager dan het minimum {format_number(vraag.minimaal.value)}"
    if isinstance(vraag.maximaal, ast.Literal) and number > vraag.maximaal.value:
        return f"hoger dan het maximum {format_number(vraag.maximaal.value)}"
    return None


def from_json(vraag: ast.Vraag, value, waar: str = "") -> object:
    """Convert one JSON answer; raise CasusFout naming the question and the allowed values."""
    def fout(reden: str) -> CasusFout:
        return CasusFout(f"{waar}antwoord op '{vraag.id}' {reden}; toegestaan: {allowed_text(vraag)}")

    soort = vraag.soort
    if soort == "janee":
        if isinstance(value, bool):
            return value
        raise fout(f"is {json_repr(value)}")
    if soort == "keuze":
        ids = [o.id for o in vraag.opties]
        if isinstance(value, str) and value in ids:
            return value
        raise fout(f"is {json_repr(value)}")
    if soort == "meerdere":
        ids = [o.id for o in vraag.opties]
        if not isinstance(value, list):
            raise fout(f"is {json_repr(value)} en geen lijst")
        wrong = [v for v in value if not isinstance(v, str) or v not in ids]
        if wrong:
            raise fout(f"bevat {', '.join(json_repr(w) for w in wrong)}")
        return frozenset(value)
    if soort == "getal":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise fout(f"is {json_repr(value)}")
        if isinstance(value, int) and abs(value) >= limits.MAX_ABS:  # before str(): a 5,000-digit int cannot be printed
            raise fout("is te groot (de grens is 1.000.000.000.000)")
        try:
            number = Decimal(str(value).replace(",", ".")) if isinstance(value, str) else Decimal(str(value))
        except InvalidOperation:
            raise fout(f"is {json_repr(value)}") from None
        grens = limits.number_problem(number)
        if grens:
            raise fout(f"{grens}")
        probleem = out_of_bounds(vraag, number)
        if probleem:
            raise fout(f"is {format_number(number)}, {probleem}")
        return number
    if soort == "datum":
        if isinstance(value, str):
            try:
                return limits.parse_iso_date(value, "")
            except limits.GrensFout as err:
                raise fout(f"is {json_repr(value)}, {str(err).strip()}") from None
        raise fout(f"is {json_repr(value)}")
    if isinstance(value, str):
        if len(value) > limits.MAX_TEXT:
            raise fout(f"is langer dan {limits.MAX_TEXT} tekens")
        return value
    raise fout(f"is {json_repr(value)}")


def to_json(vraag: ast.Vraag | None, value):
    """An engine value as the case file writes it."""
    return json_value(value, vraag)


def json_value(value, vraag: ast.Vraag | None = None):
    if isinstance(value, (str, bool)) or value is None:
        return value
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value.quantize(Decimal("0.01")))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, ast.Duur):
        return f"{value.aantal} {value.eenheid}"
    if isinstance(value, Record):
        return {k: json_value(v) for k, v in value.fields}
    if isinstance(value, frozenset):
        order = [o.id for o in vraag.opties] if vraag is not None else []
        return sorted(value, key=lambda v: (order.index(v) if v in order else len(order), str(v)))
    return value


def json_repr(value) -> str:
    """A JSON value as it was sent, shortened: a message never echoes a whole hostile input."""
    import json

    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, TypeError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def convert_answers(model: Model, antwoorden: dict, waar: str = "") -> dict:
    """Check and convert all answers of a case; unknown ids are refused with a suggestion."""
    import difflib

    if not isinstance(antwoorden, dict):
        raise CasusFout(f"{waar}'antwoorden' moet een object zijn met per vraag-id een antwoord")
    result = {}
    for qid, value in antwoorden.items():
        vraag = model.vragen.get(qid)
        if vraag is None:
            close = difflib.get_close_matches(qid, list(model.vragen), n=1)
            tip = f"; bedoelde u '{close[0]}'?" if close else ""
            raise CasusFout(f"{waar}onbekende vraag '{qid}' voor regio {model.regio.id}{tip} Bekende vragen: {', '.join(model.vragen)}")
        if value is None:
            continue  # explicitly unanswered
        result[qid] = from_json(vraag, value, waar)
    return result
