"""Answers: from a case file's JSON values to engine values, and back.

A case file answers with plain JSON (``true``, ``"behouden"``, a list of ids,
a number, ``"2025-07-01"``). Anything that does not fit a question is refused
with a Dutch message that names the question and what it allows, so a
consultant or a program knows exactly what to correct.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from collections.abc import Callable
from typing import Any

from ..language import ast, kinds
from ..language import limits
from ..language.types import Eenheid, Type
from ..language.vocabulary import AMOUNT_UNIT_WORDS, PERIOD_WORDS, PERIODS, period_name
from ..semantics.notation import format_number
from ..semantics.values import Record
from ..language.check import Model
from ..errors import CasusFout


def allowed_text(vraag: ast.Vraag) -> str:
    """What a question accepts, in words."""
    return part(vraag).allowed(vraag)


def out_of_bounds(vraag: ast.Vraag, number: Decimal) -> str | None:
    """'hoger dan het maximum 40', or None when the number fits the question's bounds."""
    lo, hi = kinds.bound(vraag.minimaal), kinds.bound(vraag.maximaal)
    if lo is not None and number < lo:
        return f"lager dan het minimum {format_number(lo)}"
    if hi is not None and number > hi:
        return f"hoger dan het maximum {format_number(hi)}"
    return None


def from_json(vraag: ast.Vraag, value: Any, waar: str = "") -> object:
    """Convert one JSON answer; raise CasusFout naming the question and the allowed values."""
    def fout(reden: str) -> CasusFout:
        return CasusFout(f"{waar}antwoord op '{vraag.id}' {reden}; toegestaan: {allowed_text(vraag)}")

    if isinstance(value, str) and limits.text_problem(value):  # before any message could echo it
        raise CasusFout(f"{waar}antwoord op '{vraag.id}' {limits.SURROGAAT}")
    return part(vraag).read(vraag, value, fout)


def answers_json(model: Model, answers: dict) -> dict:
    """Answers as a case file writes them, in the order of the rule file; persons as a list of objects."""
    from .persons import persons_json

    out = {}
    for qid, vraag in model.vragen.items():
        if vraag.persoon is not None or (qid not in answers):
            continue
        out[qid] = persons_json(model, qid, answers, to_json) if vraag.soort == "personen" else to_json(vraag, answers[qid])
    return out


def to_json(vraag: ast.Vraag | None, value: Any) -> Any:
    """An engine value as the case file writes it: in the form of the question's kind."""
    if vraag is None or value is None:
        return json_value(value)
    return kinds.of(vraag).to_json(vraag, value)


_AMOUNT = re.compile(r"\s*(-?[\d.,]+)\s*([A-Za-z_]+)?(?:\s+per\s+(?:(\d+)\s+)?([A-Za-z_]+))?\s*")
_EURO_SIGN = re.compile(r"€\s*(-?[\d.,]+)|(-?[\d.,]+)\s*€")


def written_number(text: str) -> Decimal:
    """A number as people write it: '2,5', '1.250,50' and '1.250' (a point between groups of three
    digits), '2.5'. InvalidOperation when it is none."""
    cleaned = text.strip().replace(" ", "")
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", cleaned):  # 1.250,5
        cleaned = cleaned.replace(".", "")
    return Decimal(cleaned.replace(",", "."))


def split_amount(text: str) -> tuple[str, tuple[str, str | None] | None]:
    """'2,5 uur per week' -> ('2,5', ('uur', 'week')); '100 euro per 4 weken' -> ('100', ('euro',
    '4 weken')); '€ 1.250,50' -> ('1.250,50', ('euro', None)); '2,5' -> ('2,5', None)."""
    text = _EURO_SIGN.sub(lambda m: f"{m.group(1) or m.group(2)} euro", text, count=1)
    match = _AMOUNT.fullmatch(text)
    if match is None or match.group(2) is None:
        return text, None
    per = match.group(4).lower() if match.group(4) else None
    if per is not None and match.group(3):
        per = f"{int(match.group(3))} {per}"
    return match.group(1), (match.group(2).lower(), per)


def checked_number(vraag: ast.Vraag, number: Decimal, unit: tuple[str, str | None] | None) -> Decimal:
    """A number answer in the question's own unit: converted from the unit it was given in,
    whole where the question is whole, within the bounds. ValueError says what is wrong."""
    if unit is not None:
        number = _in_unit(vraag, number, *unit)
    if vraag.geheel and number != number.to_integral_value():
        raise ValueError(f"{format_number(number)} is geen geheel getal")
    probleem = out_of_bounds(vraag, number)
    if probleem:
        raise ValueError(f"{format_number(number)}{' ' + str(vraag.hoeveelheid) if vraag.hoeveelheid else ''} is {probleem}")
    return number


def _in_unit(vraag: ast.Vraag, number: Decimal, word: str, per: str | None) -> Decimal:
    """A number given in a unit (``word``, and ``per`` a period or the unit of a rate) in the
    question's own unit; the question's own words for its unit count too ('7,5 km', '3 strippen')."""
    target = vraag.hoeveelheid
    written = f"{word}{' per ' + per if per else ''}"
    if target is None:  # a unit only in words ('eenheid "km"'): nothing to convert from
        raise ValueError(f"'{written}' past niet bij deze vraag: het antwoord is in {vraag.eenheid}" if vraag.eenheid
                         else f"deze vraag heeft geen eenheid ('{written}'): geef alleen het getal")
    maat = _unit_word(word, target.zonder_periode() if target.per is None else replace(target, per=None))
    given = None if maat is None else replace(maat, periode=target.periode, per=target.per)
    if maat is not None and per is not None:
        count, _, periode = per.rpartition(" ")
        if periode in PERIOD_WORDS and (count or periode in PERIODS):
            given = replace(maat, periode=period_name(int(count or 1), PERIOD_WORDS[periode]), per=None)
        elif (rate := _unit_word(per, target.per)) is not None and not count:
            given = replace(maat, per=rate)
        else:
            given = None
    if given is None:
        raise ValueError(f"'{written}' is geen eenheid; geef het getal in {target}")
    if not given.convertible(target):
        raise ValueError(f"{given} is niet om te rekenen naar {target}")
    factor = given.factor(target)
    return number * factor.numerator / factor.denominator


def _unit_word(word: str, own: Eenheid | None) -> Eenheid | None:
    """A unit as an answer writes it: the question's own unit (also one of the region), or a built-in one."""
    if own is not None and word in (own.maat.lower(), own.enkelvoud.lower()):
        return own
    maat = AMOUNT_UNIT_WORDS.get(word)
    return Eenheid(maat) if maat is not None else None


def typed_json(value: Any, t: Type | None) -> object:
    """A derived value as JSON, with the units its type gives (an amount, or the parts of a record)."""
    if t is not None and isinstance(value, Record) and t.velden:
        return {k: json_value(v, None, t.unit_of(k)) for k, v in value.fields}
    return json_value(value, None, t.eenheid if t is not None else None)


def json_value(value: Any, vraag: ast.Vraag | None = None, eenheid: Eenheid | None = None) -> Any:
    """An engine value as JSON; an amount (with ``eenheid``) as {"waarde": 2.5, "eenheid": "uur per week"}."""
    if isinstance(value, (str, bool)) or value is None:
        return value
    if eenheid is not None and isinstance(value, Decimal):
        exponent = value.normalize(limits.CONTEXT).as_tuple().exponent
        exact = eenheid.geld and isinstance(exponent, int) and -exponent in (3, 4)  # an int: a finite number
        return {"waarde": float(value) if exact else json_value(value), "eenheid": str(eenheid)}  # a tariff of € 0,185 stays
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value.quantize(Decimal("0.01"), context=limits.CONTEXT))
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


def duration_json(duur: ast.Duur | None) -> dict | None:
    """A duration with its unit as data, as an amount is: {"waarde": 6, "eenheid": "weken"}."""
    return None if duur is None else {"waarde": duur.aantal, "eenheid": duur.eenheid}


def json_repr(value: object) -> str:
    """A JSON value as it was sent, shortened: a message never echoes a whole hostile input."""
    import json

    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, TypeError):
        text = repr(value)
    if limits.text_problem(text):  # a message never carries a lone surrogate either
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= 60 else text[:57] + "…"


class OngeldigAntwoord(CasusFout):
    """An answer of a case refused, with the question it is about (None: about the whole case)."""

    def __init__(self, bericht: str, vraag: str | None):
        super().__init__(bericht)
        self.vraag = vraag


def convert_answers(model: Model, antwoorden: dict, waar: str = "") -> dict:
    """Check and convert all answers of a case, for every way a case comes in (a case file, a
    batch line, the JSON lines); unknown ids are refused with a suggestion. The first bad answer
    raises :class:`OngeldigAntwoord` naming its question."""
    import difflib

    if not isinstance(antwoorden, dict):
        raise CasusFout(f"{waar}'antwoorden' moet een object zijn met per vraag-id een antwoord")
    from .persons import check_persons_exist, person_answers

    result = {}
    for qid, value in antwoorden.items():
        vraag = model.vragen.get(qid)
        if vraag is None:
            known = [q for q in model.vragen if "[" not in q]
            close = difflib.get_close_matches(qid, known, n=1)
            tip = f"; bedoelde u '{close[0]}'?" if close else ""
            raise OngeldigAntwoord(f"{waar}onbekende vraag '{qid}' voor regio {model.regio.id}{tip} "
                                   f"Bekende vragen: {', '.join(known)}", qid)
        if value is None:
            continue  # explicitly unanswered
        try:
            if vraag.soort == "personen":
                result.update(person_answers(model, vraag, value, from_json, waar))
            else:
                result[qid] = from_json(vraag, value, waar)
        except CasusFout as err:
            raise OngeldigAntwoord(str(err), qid) from None
    try:
        check_persons_exist(model, result, waar)
    except CasusFout as err:
        raise OngeldigAntwoord(str(err), None) from None
    return result


# ── each kind's reading of a JSON answer (``language/kinds.py``) ──
Fout = Callable[[str], CasusFout]


@dataclass(frozen=True)
class JsonKind:
    allowed: Callable[[ast.Vraag], str]  # what the question accepts, in words
    read: Callable[[ast.Vraag, Any, Fout], Any]  # the engine value of a JSON answer; raises fout(reason)


def _read_janee(vraag: ast.Vraag, value: Any, fout: Fout) -> Any:
    if isinstance(value, bool):
        return value
    raise fout(f"is {json_repr(value)}")


def _read_keuze(vraag: ast.Vraag, value: Any, fout: Fout) -> Any:
    if isinstance(value, str) and value in [o.id for o in vraag.opties]:
        return value
    raise fout(f"is {json_repr(value)}")


def _read_meerdere(vraag: ast.Vraag, value: Any, fout: Fout) -> Any:
    ids = [o.id for o in vraag.opties]
    if not isinstance(value, list):
        raise fout(f"is {json_repr(value)} en geen lijst")
    wrong = [v for v in value if not isinstance(v, str) or v not in ids]
    if wrong:
        raise fout(f"bevat {', '.join(json_repr(w) for w in wrong)}")
    return frozenset(value)


def _read_getal(vraag: ast.Vraag, value: Any, fout: Fout) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise fout(f"is {json_repr(value)}")
    if isinstance(value, int) and abs(value) >= limits.MAX_ABS:  # before str(): a 5,000-digit int cannot be printed
        raise fout("is te groot (de grens is 1.000.000.000.000)")
    unit = None
    if isinstance(value, str):
        value, unit = split_amount(value)
    try:
        number = written_number(value) if isinstance(value, str) else Decimal(str(value))
    except InvalidOperation:
        raise fout(f"is {json_repr(value)}") from None
    grens = limits.number_problem(number)
    if grens:
        raise fout(f"{grens}")
    try:
        return checked_number(vraag, number, unit)
    except ValueError as err:
        raise fout(f"klopt niet: {err}") from None


def _read_datum(vraag: ast.Vraag, value: Any, fout: Fout) -> Any:
    if isinstance(value, str):
        try:
            return limits.parse_iso_date(value, "")
        except limits.GrensFout as err:
            raise fout(f"is {json_repr(value)}, {str(err).strip()}") from None
    raise fout(f"is {json_repr(value)}")


def _read_tekst(vraag: ast.Vraag, value: Any, fout: Fout) -> Any:
    if isinstance(value, str):
        if len(value) > limits.MAX_TEXT:
            raise fout(f"is langer dan {limits.MAX_TEXT} tekens")
        return value
    raise fout(f"is {json_repr(value)}")


def _allowed_getal(vraag: ast.Vraag) -> str:
    lo, hi = kinds.bound(vraag.minimaal), kinds.bound(vraag.maximaal)
    grenzen = ([f"minimaal {format_number(lo)}"] if lo is not None else []) + ([f"maximaal {format_number(hi)}"] if hi is not None else [])
    soort = "een geheel getal" if vraag.geheel else "een getal"
    if vraag.hoeveelheid is not None:
        soort += f" in {vraag.hoeveelheid}"
    return soort + (f" ({', '.join(grenzen)})" if grenzen else "")


def _allowed_personen(vraag: ast.Vraag) -> str:
    lo, hi = (format_number(kinds.bound(g) or Decimal(0)) for g in (vraag.minimaal, vraag.maximaal))  # the checker gives both
    return f"een lijst van hoogstens {hi} personen, elk een object met hun antwoorden, of een aantal van {lo} tot en met {hi}"


JSON_KINDS: dict[str, JsonKind] = {
    "janee": JsonKind(lambda v: "true of false (ja of nee)", _read_janee),
    "keuze": JsonKind(lambda v: "één van: " + ", ".join(o.id for o in v.opties), _read_keuze),
    "meerdere": JsonKind(lambda v: "een lijst (mag leeg zijn) met: " + ", ".join(o.id for o in v.opties), _read_meerdere),
    "getal": JsonKind(_allowed_getal, _read_getal),
    "personen": JsonKind(_allowed_personen, _read_getal),  # the count; a list of persons is read by persons.py
    "datum": JsonKind(lambda v: "een datum als JJJJ-MM-DD", _read_datum),
    "tekst": JsonKind(lambda v: "een tekst", _read_tekst),
}
kinds.missing_kinds("cases/answers.py JSON_KINDS", JSON_KINDS)


def part(vraag: ast.Vraag) -> JsonKind:
    return JSON_KINDS[kinds.of(vraag).naam]
