"""Concrete answers tried before the solver is asked: sample points and their neighbours.

A few sample completions, each open question varied to the rule file's constants
nearest its value, find the obvious needed questions at the speed of the compiled
decision (``solver.py`` step 2); the analysis uses the same samples to see rules
and products alive without a proof.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import assert_never

from ..language import ast


def sample(vraag: ast.Vraag, peildatum: dt.date, rng: random.Random, bias: float = 0.5):
    """One valid answer; ``bias`` is the chance of 'ja' (and of each option of a meerdere question)."""
    match vraag.soort:
        case "janee":
            return rng.random() < bias
        case "keuze":  # the bias leans to the first or the last option
            k = len(vraag.opties)
            return vraag.opties[min(k - 1, int(k * rng.random() ** (bias / (1 - bias))))].id
        case "meerdere":
            return frozenset(o.id for o in vraag.opties if rng.random() < bias)
        case "getal" | "personen":
            low = vraag.minimaal.value if vraag.minimaal is not None else Decimal(0)
            high = vraag.maximaal.value if vraag.maximaal is not None else low + 100
            whole_low, whole_high = math.ceil(low), math.floor(high)  # a sample stays within the question's bounds
            if whole_low > whole_high:
                return low
            return Decimal(rng.randint(whole_low, whole_high))
        case "datum":
            return peildatum + dt.timedelta(days=rng.randint(-400, 400))
        case "tekst":
            return ""
        case other:
            assert_never(other)


def alternatives(vraag: ast.Vraag, value, numbers: list[Decimal], other=None) -> list:
    """Answers near ``value`` worth trying: the other options, the rule file's constants nearest
    to a number and just past them, the days around a date."""
    found = [other] if other is not None and other != value else []
    match vraag.soort:
        case "janee":
            found.append(not value)
        case "keuze":
            found += [o.id for o in vraag.opties if o.id != value]
        case "meerdere":
            found += [value ^ {o.id} for o in vraag.opties]
        case "getal" | "personen":
            near = sorted(numbers, key=lambda c: abs(c - value))[:6]
            found += [c + d for c in near for d in (Decimal(0), Decimal(1), Decimal(-1)) if allowed(vraag, c + d)]
            found += [value + d for d in (Decimal(1), Decimal(-1)) if allowed(vraag, value + d)]
        case "datum":
            found += [value + dt.timedelta(days=d) for d in (1, -1, 7)]
        case "tekst":
            pass
        case other_kind:
            assert_never(other_kind)
    return found


def allowed(vraag: ast.Vraag, number: Decimal) -> bool:
    lo = vraag.minimaal.value if vraag.minimaal is not None else None
    hi = vraag.maximaal.value if vraag.maximaal is not None else None
    return (lo is None or number >= lo) and (hi is None or number <= hi) and (not vraag.geheel or number == int(number))
