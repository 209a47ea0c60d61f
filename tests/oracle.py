"""The brute-force oracle of the still-needed set: the definition itself, by enumeration, for small models.

A question is still needed when some completion of the other open questions
makes two answers to it give two outcomes. Numbers and dates range over
representatives taken from the constants of the rule file (every distinction
the rules can make lies between or on them: each kind's ``representatives`` in
``language/kinds.py``), so the oracle is exact for the shapes of the shipped
regions. Every representative goes through its kind's JSON and text readers first. It enumerates 2ⁿ completions: only for tests.
"""

from __future__ import annotations

import datetime as dt
import itertools

from wmo_dsl.cases.answers import from_json, to_json
from wmo_dsl.cases.natural import answer_text, parse_answer
from wmo_dsl.language import ast, kinds
from wmo_dsl.semantics.evaluate import Evaluation


def representatives(model, vraag: ast.Vraag, peildatum: dt.date) -> tuple:
    """The kind's representatives of the question, each as a case file writes it and as a
    consultant types it, read back by the kind's own readers: a kind whose JSON or text reader
    is wrong or missing fails here, in every test that enumerates answers."""
    constants = [n.value for d in [*model.waarden.values(), *model.tabellen.values(), *model.regels.values(), *model.producten.values()]
                 for n in ast.walk(d) if isinstance(n, ast.Literal)]
    return tuple(read_back(vraag, r) for r in kinds.of(vraag).representatives(vraag, constants, peildatum))


def read_back(vraag: ast.Vraag, value):
    """``value`` through the kind's JSON form and its words, read back by its readers."""
    via_json = from_json(vraag, to_json(vraag, value))
    assert via_json == value, f"{vraag.soort}-vraag {vraag.id}: {value!r} als JSON {to_json(vraag, value)!r} teruggelezen als {via_json!r}"
    via_text = parse_answer(vraag, answer_text(vraag, value))
    assert via_text == value, f"{vraag.soort}-vraag {vraag.id}: {value!r} als {answer_text(vraag, value)!r} teruggelezen als {via_text!r}"
    return via_json


def brute_force_needed(rules, answers: dict, peildatum: dt.date) -> list[str]:
    model = rules.model
    open_qs = [q for q in model.vragen if q not in answers]
    domains = [representatives(model, model.vragen[q], peildatum) for q in open_qs]
    outcome = {}
    for combo in itertools.product(*domains):
        outcome[combo] = Evaluation(model, {**answers, **dict(zip(open_qs, combo))}).conclude().key
    needed = []
    for i, q in enumerate(open_qs):
        groups: dict = {}
        for combo, key in outcome.items():
            groups.setdefault(combo[:i] + combo[i + 1:], set()).add(key)
        if any(len(keys) > 1 for keys in groups.values()):
            needed.append(q)
    return needed
