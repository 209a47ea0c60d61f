"""Synthetic populations: random valid cases for trying comparisons and for benchmarks.

Every question gets an answer from its own domain (a choice of a keuze, a
subset of a meerdere-vraag of a uniformly chosen size, a whole number within a
getal-question's bounds, a date within the rules' validity, a household of up
to its maximum of persons), so each case is a
case a consultant could have entered. The same seed gives the same population,
byte for byte.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import Iterator

from ..language import ast

from ..language import limits
from ..language.check import Model

_DEFAULT_MAX = 100
_DATE_SPAN_DAYS = 730


def _bound(expr, default: int, whole) -> int:
    """A bound as a whole number inside it (a minimum of 0,5 gives 1)."""
    if isinstance(expr, ast.Literal) and isinstance(expr.value, Decimal):
        return int(whole(expr.value))
    return default


def random_answer(vraag: ast.Vraag, rng: random.Random, start: dt.date):
    """One valid JSON answer to ``vraag``."""
    if vraag.soort == "janee":
        return rng.random() < 0.5
    if vraag.soort == "keuze":
        return rng.choice(vraag.opties).id
    if vraag.soort == "meerdere":
        ids = [o.id for o in vraag.opties]
        chosen = set(rng.sample(ids, rng.randint(0, len(ids))))
        return [i for i in ids if i in chosen]
    if vraag.soort == "getal":
        low = _bound(vraag.minimaal, 0, math.ceil)
        return rng.randint(low, max(low, _bound(vraag.maximaal, _DEFAULT_MAX, math.floor)))
    if vraag.soort == "datum":
        return (start + dt.timedelta(days=rng.randrange(_DATE_SPAN_DAYS))).isoformat()
    if vraag.soort == "personen":  # a household: 0 to maximaal persons, each with every question about them
        return [{v.id: random_answer(v, rng, start) for v in vraag.per_persoon if v.soort != "tekst"}
                for _ in range(rng.randint(_bound(vraag.minimaal, 0, math.ceil), _bound(vraag.maximaal, 0, math.floor)))]
    return None  # free text never decides anything


def generate(model: Model, aantal: int, zaad: int = 0) -> Iterator[dict]:
    """``aantal`` cases ``{"id", "antwoorden"}`` for ``model``, deterministic per ``zaad``."""
    rng = random.Random(f"{model.regio.id}:{zaad}")
    start = model.regio.geldig_vanaf or dt.date(2025, 1, 1)
    width = len(str(aantal))
    vragen = [v for v in model.vragen.values() if v.soort != "tekst" and v.persoon is None]
    for n in range(1, aantal + 1):
        yield {"id": f"g{n:0{width}d}", "antwoorden": {v.id: random_answer(v, rng, start) for v in vragen}}


def write_jsonl(cases, out) -> int:
    n = 0
    for case in cases:
        out.write(limits.dumps(case) + "\n")
        n += 1
    return n
