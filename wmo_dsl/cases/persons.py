"""Answers about persons: a case file's list of person objects to answers per person, and back.

``"huisgenoten": [{"leeftijd": 40, "beperkt": false}, {"leeftijd": 12}]`` gives
the answers ``huisgenoten`` = 2, ``huisgenoten[1].leeftijd`` = 40,
``huisgenoten[1].beperkt`` = nee and ``huisgenoten[2].leeftijd`` = 12; a field a
person object leaves out is unanswered. A whole number gives the count alone.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..errors import CasusFout
from ..language import ast, kinds
from ..language.check import Model
from ..language.persons import field_id


def fields_of(model: Model, lijst: str) -> list[str]:
    """The questions asked per person of a list, in the order of the rule file."""
    return list(dict.fromkeys(v.persoon[2] for v in model.vragen.values() if v.persoon and v.persoon[0] == lijst))


def maximum(vraag: ast.Vraag) -> int:
    return int(kinds.bound(vraag.maximaal) or 0)


def person_answers(model: Model, vraag: ast.Vraag, value: Any, convert: Callable[..., Any], waar: str = "") -> dict:
    """The answers one value of a list of persons gives; ``convert`` checks one field's answer."""
    if not isinstance(value, list):
        return {vraag.id: convert(vraag, value, waar)}
    if len(value) > maximum(vraag):
        raise CasusFout(f"{waar}antwoord op '{vraag.id}' heeft {len(value)} personen; hoogstens {maximum(vraag)}")
    velden = fields_of(model, vraag.id)
    result: dict = {vraag.id: Decimal(len(value))}
    for nummer, persoon in enumerate(value, 1):
        if not isinstance(persoon, dict):
            raise CasusFout(f"{waar}antwoord op '{vraag.id}': persoon {nummer} is geen object; "
                            f"schrijf per persoon {{{', '.join(f'{chr(34)}{v}{chr(34)}: …' for v in velden)}}}")
        for veld, antwoord in persoon.items():
            if veld not in velden:
                close = difflib.get_close_matches(str(veld), velden, n=1)
                tip = f"; bedoelde u '{close[0]}'?" if close else f"; per persoon: {', '.join(velden)}"
                raise CasusFout(f"{waar}antwoord op '{vraag.id}': persoon {nummer} heeft geen vraag '{str(veld)[:40]}'{tip}")
            if antwoord is None:
                continue
            qid = field_id(vraag.id, nummer, veld)
            result[qid] = convert(model.vragen[qid], antwoord, waar)
    return result


def check_persons_exist(model: Model, answers: dict, waar: str = "") -> None:
    """An answer about person 3 of a household of 2 is refused."""
    for qid in answers:
        vraag = model.vragen.get(qid)
        if vraag is not None and vraag.persoon is not None:
            lijst, nummer, _ = vraag.persoon
            count = answers.get(lijst)
            if count is not None and nummer > count:
                raise CasusFout(f"{waar}antwoord op '{qid}': '{lijst}' heeft maar {count} "
                                f"{'persoon' if count == 1 else 'personen'}")


def persons_json(model: Model, lijst: str, answers: dict, to_json: Callable[[ast.Vraag, Any], Any]) -> list[dict]:
    """A list's answers as a case file writes them: one object per person, given fields only."""
    count = int(answers.get(lijst, 0))
    return [{veld: to_json(model.vragen[field_id(lijst, nummer, veld)], answers[field_id(lijst, nummer, veld)])
             for veld in fields_of(model, lijst) if field_id(lijst, nummer, veld) in answers}
            for nummer in range(1, count + 1)]


def person_words(model: Model, lijst: str, nummer: int, answers: dict, value_text: Callable[[str, Any], str]) -> str:
    """What is known about one person, in words: "40 jaar, niet beperkt" ('' when nothing is)."""
    parts = []
    for veld in fields_of(model, lijst):
        qid = field_id(lijst, nummer, veld)
        if qid not in answers:
            continue
        vraag, value, woord = model.vragen[qid], answers[qid], veld.replace("_", " ")
        if vraag.soort == "janee":
            parts.append(woord if value else f"niet {woord}")
        elif vraag.soort == "getal" and "leeftijd" in veld:
            parts.append(f"{value_text(qid, value)} jaar")
        else:
            parts.append(f"{woord} {value_text(qid, value)}")
    return ", ".join(parts)


def person_question(model: Model, vraag: ast.Vraag, answers: dict, value_text: Callable[[str, Any], str]) -> str:
    """A question about a person with what is known of them: "Huisgenoot 2 (34 jaar): Kan …?"."""
    if vraag.persoon is None:
        return vraag.tekst or vraag.onderwerp()
    lijst, nummer, veld = vraag.persoon
    wie = (vraag.wie or lijst)[0].upper() + (vraag.wie or lijst)[1:]
    known = person_words(model, lijst, nummer, {k: v for k, v in answers.items() if k != vraag.id}, value_text)
    origineel = next(v for v in model.vragen[lijst].per_persoon if v.id == veld)
    return f"{wie}{f' ({known})' if known else ''}: {origineel.tekst or veld.replace('_', ' ')}"


def persons_count_text(count: Any) -> str:
    n = int(count)
    return f"{n} {'persoon' if n == 1 else 'personen'}"
