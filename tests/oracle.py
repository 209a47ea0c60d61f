"""The brute-force oracle of the still-needed set: the definition itself, by enumeration, for small models.

A question is still needed when some completion of the other open questions
makes two answers to it give two outcomes. Numbers and dates range over
representatives taken from the constants of the rule file (every distinction
the rules can make lies between or on them), so the oracle is exact for the
shapes of the shipped regions. It enumerates 2ⁿ completions: only for tests.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from wmo_dsl.language import ast
from wmo_dsl.semantics.evaluate import Evaluation


def representatives(model, vraag: ast.Vraag, peildatum: dt.date) -> tuple:
    literals = [n for d in [*model.waarden.values(), *model.tabellen.values(), *model.regels.values(), *model.producten.values()]
                for n in ast.walk(d) if isinstance(n, ast.Literal)]
    match vraag.soort:
        case "janee":
            return (True, False)
        case "keuze":
            return tuple(o.id for o in vraag.opties)
        case "meerdere":
            ids = [o.id for o in vraag.opties]
            return tuple(frozenset(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n))
        case "getal" | "personen":
            lo = vraag.minimaal.value if isinstance(vraag.minimaal, ast.Literal) else None
            hi = vraag.maximaal.value if isinstance(vraag.maximaal, ast.Literal) else None
            points = sorted({n.value for n in literals if isinstance(n.value, Decimal)} | {Decimal(0)}
                            | ({lo} if lo is not None else set()) | ({hi} if hi is not None else set()))
            reps = set(points) | {(a + b) / 2 for a, b in zip(points, points[1:])} | {points[0] - 1, points[-1] + 1}
            return tuple(sorted(r for r in reps if (lo is None or r >= lo) and (hi is None or r <= hi)
                                and (not vraag.geheel or r == r.to_integral_value())))
        case "datum":
            dates = {peildatum} | {n.value for n in literals if isinstance(n.value, dt.date)}
            return tuple(sorted({d + dt.timedelta(days=k) for d in dates for k in (-1, 0, 1)}))
        case _:
            return ("",)


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
