"""What the conversation calls things: short labels from the rule file, never ids.

A question's prompt is its ``label`` ("leerbaarheid> "), a person's question names the
person ("leeftijd (huisgenoot 1)> "), and a question without a label gets the generic
"antwoord> ". Derived values are named by their label and their values by the label of
the symbol or the product's name. For ``afwijken`` the derived values and their possible
values become ordinary choice questions, so the natural parser takes numbers, prefixes
and typos there as at any question.
"""

from __future__ import annotations

from typing import Any

from ..cases.natural import AntwoordFout, parse_answer
from ..language import ast
from ..language.model import Model
from ..present.namen import product_naam, waarde_naam, waarde_woorden

__all__ = ["kort", "prompt_of", "vraag_naam", "waarde_naam", "waarde_woorden", "product_naam", "onderwerp_vraag", "waarde_vraag", "kies"]

ALGEMEEN = "antwoord"  # the prompt of a question without a short label


def kort(vraag: ast.Vraag) -> str | None:
    """The question's short label, with the person for a person's question; None without one."""
    if vraag.persoon is not None:
        veld = vraag.zinnen.label or vraag.persoon[2].replace("_", " ")
        return f"{veld} ({vraag.wie})"
    return vraag.zinnen.label


def prompt_of(vraag: ast.Vraag) -> str:
    """The input prompt: "leerbaarheid> ", "leeftijd (huisgenoot 1)> " or "antwoord> "."""
    return f"{kort(vraag) or ALGEMEEN}> "


def vraag_naam(vraag: ast.Vraag) -> str:
    """A question in a list (overview, refusals): its short label, else its subject in words."""
    return kort(vraag) or vraag.onderwerp()


def _keuzevraag(qid: str, opties: list[ast.Optie]) -> ast.Vraag:
    return ast.Vraag(qid, "keuze", None, None, None, tuple(opties), None, None, None, None)


def onderwerp_vraag(model: Model, namen: list[str]) -> ast.Vraag:
    """What to deviate from, as a choice question: one option per derived value, by label."""
    return _keuzevraag("afwijken", [ast.Optie(n, waarde_naam(model, n), (n.replace("_", " "),)) for n in namen])


def waarde_vraag(model: Model, naam: str) -> ast.Vraag | None:
    """The possible values of a derived value as a question (a choice by label, ja/nee, an amount
    in its unit); None when the value has no short list (a duration, a date, a record)."""
    t = model.types.get(naam)
    if t is None:
        return None
    d = model.waarden.get(naam) or model.tabellen.get(naam)
    symbolen = dict(d.zinnen.symbolen) if d is not None else {}
    if t.soort == "product":  # the products the definition labels first (vervoer 0-5, 5-10, 10-20), then the others
        producten = sorted(model.producten.values(), key=lambda p: (p.id not in symbolen, list(symbolen).index(p.id) if p.id in symbolen else 0))
        return _keuzevraag(naam, [ast.Optie(p.id, product_naam(p), tuple(filter(None, (p.echte_code, p.naam, symbolen.get(p.id)))))
                                  for p in producten])
    if t.soort == "keuze" and t.domein:
        volgorde = [s for s in symbolen if s in t.domein] + sorted(s for s in t.domein if s not in symbolen)
        return _keuzevraag(naam, [ast.Optie(s, symbolen.get(s, s.replace("_", " "))) for s in volgorde])
    if t.soort == "janee":
        return ast.Vraag(naam, "janee", None, None, None, (), None, None, None, None)
    return None  # a number, duration or date: read as the rules write it (derived_answers.parse_derived)


def kies(vraag: ast.Vraag, tekst: str, geen: str) -> Any:
    """A typed answer to a made-up question (what to deviate from, the new value); a refusal
    says ``geen`` ("is geen mogelijke waarde van soort dagbesteding") instead of "deze vraag"."""
    try:
        return parse_answer(vraag, tekst)
    except AntwoordFout as err:
        raise AntwoordFout(str(err).replace("is geen keuze bij deze vraag", geen), err.suggestie) from None
