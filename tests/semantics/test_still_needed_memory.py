"""The solver remembers recent still-needed sets: more answers only narrow the completions, so a
question that could not matter before is not tried again. What it remembers never changes the set:
along a whole intake, and after an answer is changed, it equals the set computed afresh."""

import datetime as dt
import random

import pytest

from wmo_dsl.plugins import load_region
from wmo_dsl.semantics.solver import Solver

PEILDATUM = dt.date(2025, 6, 1)


@pytest.mark.parametrize("region", ["lekstroom", "tsd", "zou", "leiden"])
@pytest.mark.parametrize("seed", [1, 2])
def test_remembering_never_changes_the_still_needed_set(region, seed):
    rules = load_region(region)
    remembering = Solver(rules.model, PEILDATUM, compiled=rules.compiled)
    fresh = Solver(rules.model, PEILDATUM, compiled=rules.compiled)
    rng, answers, steps = random.Random(seed), {}, 0
    while steps < 12:
        fresh._earlier = []
        needed = remembering.still_needed(answers)
        assert needed == fresh.still_needed(answers), (region, answers)
        if not needed:
            break
        q = rng.choice(needed)
        answers[q] = remembering.sample(q, rng)
        steps += 1
    if answers:  # 'wijzig': an answer changes, so the remembered sets no longer apply
        q = next(iter(answers))
        changed = {**answers, q: remembering.sample(q, random.Random(seed + 10), 0.9)}
        fresh._earlier = []
        assert remembering.still_needed(changed) == fresh.still_needed(changed)
        smaller = {k: v for k, v in answers.items() if k != q}  # 'terug'
        fresh._earlier = []
        assert remembering.still_needed(smaller) == fresh.still_needed(smaller)
