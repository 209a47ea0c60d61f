"""Concrete answers tried before the solver is asked: sample points and their neighbours.

A few sample completions, each open question varied to the rule file's constants
nearest its value, find the obvious needed questions at the speed of the compiled
decision (``solver.py`` step 2); the analysis uses the same samples to see rules
and products alive without a proof.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from ..language import ast, kinds


def sample(vraag: ast.Vraag, peildatum: dt.date, rng: random.Random, bias: float = 0.5) -> Any:
    """One valid answer; ``bias`` is the chance of 'ja' (and of each option of a meerdere question)."""
    return kinds.of(vraag).sample(vraag, peildatum, rng, bias)


def plain(vraag: ast.Vraag, peildatum: dt.date, rng: random.Random) -> Any:
    """The plainest answer: 'nee', no option of a meerdere question, the first option of a keuze
    question (rule files list 'nee' or 'geen' first). At the point where every open question has its
    plainest answer, each step of a long chain of 'the first that applies' shows that it matters."""
    if kinds.of(vraag).naam == "keuze":
        return vraag.opties[0].id
    return sample(vraag, peildatum, rng, 0.0)


def alternatives(vraag: ast.Vraag, value: Any, numbers: list[Decimal], other: Any = None) -> list[Any]:
    """Answers near ``value`` worth trying: ``other`` first, then what the question's kind offers
    (the other options, the rule file's constants nearest to a number, the days around a date)."""
    found = [other] if other is not None and other != value else []
    return found + kinds.of(vraag).alternatives(vraag, value, numbers)


def allowed(vraag: ast.Vraag, number: Decimal) -> bool:
    """Does ``number`` fit the question's bounds (and wholeness)?"""
    return kinds.allowed_number(vraag, number)
