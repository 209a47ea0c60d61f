"""Synthetic populations: random valid cases for trying comparisons and for benchmarks.

Every question gets an answer its kind samples (``language/kinds.py``: a choice
of a keuze, a subset of a meerdere-vraag, a whole number within a getal-question's
bounds, a date around the first two years of the rules' validity), a list of
persons a household of up to its maximum, so each case is a case a consultant
could have entered. The same seed gives the same population,
byte for byte.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from ..language import ast, kinds

from ..language import limits
from ..language.check import Model

_DATE_SPAN_DAYS = 730


def _bound(expr: ast.Expr | None, default: int, whole: Callable[[Decimal], int]) -> int:
    """A bound as a whole number inside it (a minimum of 0,5 gives 1)."""
    value = kinds.bound(expr)
    return default if value is None else int(whole(value))


def random_answer(vraag: ast.Vraag, rng: random.Random, start: dt.date) -> Any:
    """One valid JSON answer to ``vraag``: its kind's sample (dates within two years from
    ``start``), or for a list of persons a household of each person's answers."""
    if vraag.soort == "personen":  # a household: 0 to maximaal persons, each with every question about them
        return [{v.id: random_answer(v, rng, start) for v in vraag.per_persoon if kinds.of(v).beslist}
                for _ in range(rng.randint(_bound(vraag.minimaal, 0, math.ceil), _bound(vraag.maximaal, 0, math.floor)))]
    kind = kinds.of(vraag)
    return kind.to_json(vraag, kind.sample(vraag, start + dt.timedelta(days=_DATE_SPAN_DAYS // 2), rng))


def generate(model: Model, aantal: int, zaad: int = 0) -> Iterator[dict]:
    """``aantal`` cases ``{"id", "antwoorden"}`` for ``model``, deterministic per ``zaad``."""
    rng = random.Random(f"{model.regio.id}:{zaad}")
    start = model.regio.geldig_vanaf or dt.date(2025, 1, 1)
    width = len(str(aantal))
    vragen = [v for v in model.vragen.values() if kinds.of(v).beslist and v.persoon is None]  # free text decides nothing
    for n in range(1, aantal + 1):
        yield {"id": f"g{n:0{width}d}", "antwoorden": {v.id: random_answer(v, rng, start) for v in vragen}}


def write_jsonl(cases: Iterable[dict], out: SupportsWrite[str]) -> int:
    n = 0
    for case in cases:
        out.write(limits.dumps(case) + "\n")
        n += 1
    return n
